using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace GramDynamics.Data;

/// <summary>
/// The rule that maps labels to targets y, written as text: "binary:&lt;T" (label &lt; T gives −1, else +1),
/// "binary:odd" (odd gives +1, even −1), "onehot:K" (class K gives +1, every other −1) or "regression"
/// (y = label). The default task is "binary:&lt;5".
/// </summary>
public sealed record TargetTask
{
    private const string Forms = "binary:<T, binary:odd, onehot:K or regression";

    private TargetTask(TargetTaskKind kind, double threshold, int classLabel)
    {
        Kind = kind;
        Threshold = threshold;
        ClassLabel = classLabel;
    }

    /// <summary>y = the label.</summary>
    public static TargetTask Regression { get; } = new(TargetTaskKind.Regression, 0, 0);

    /// <summary>y = +1 for odd integer labels, −1 for even ones.</summary>
    public static TargetTask BinaryOdd { get; } = new(TargetTaskKind.BinaryOdd, 0, 0);

    /// <summary>The default task, "binary:&lt;5": labels 0..4 give −1, the others +1.</summary>
    public static TargetTask Default { get; } = BinaryThreshold(5);

    /// <summary>The rule.</summary>
    public TargetTaskKind Kind { get; }

    /// <summary>T of "binary:&lt;T"; 0 for the other kinds.</summary>
    public double Threshold { get; }

    /// <summary>K of "onehot:K"; 0 for the other kinds.</summary>
    public int ClassLabel { get; }

    /// <summary>y = −1 when label &lt; <paramref name="threshold"/>, else +1.</summary>
    public static TargetTask BinaryThreshold(double threshold)
    {
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(threshold),
                $"threshold: {threshold} is not finite, expected a finite value");
        }

        return new TargetTask(TargetTaskKind.BinaryThreshold, threshold, 0);
    }

    /// <summary>y = +1 when the label equals <paramref name="classLabel"/>, else −1.</summary>
    public static TargetTask OneHot(int classLabel) => new(TargetTaskKind.OneHot, 0, classLabel);

    /// <summary>
    /// Parses "binary:&lt;T", "binary:odd", "onehot:K" or "regression" (keywords case-insensitive).
    /// </summary>
    /// <exception cref="FormatException">The text matches none of these forms.</exception>
    public static TargetTask Parse(string text) => TryParse(text, out TargetTask? task)
        ? task
        : throw new FormatException($"task '{text}' is not valid, expected {Forms}");

    /// <summary>Parses a task as <see cref="Parse"/> does; false for text of any other form.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out TargetTask? task)
    {
        task = null;
        string trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Equals("regression", StringComparison.OrdinalIgnoreCase))
        {
            task = Regression;
        }
        else if (trimmed.Equals("binary:odd", StringComparison.OrdinalIgnoreCase))
        {
            task = BinaryOdd;
        }
        else if (trimmed.StartsWith("binary:<", StringComparison.OrdinalIgnoreCase)
            && double.TryParse(trimmed["binary:<".Length..], NumberStyles.Float, CultureInfo.InvariantCulture,
                out double threshold)
            && double.IsFinite(threshold))
        {
            task = BinaryThreshold(threshold);
        }
        else if (trimmed.StartsWith("onehot:", StringComparison.OrdinalIgnoreCase)
            && int.TryParse(trimmed["onehot:".Length..], NumberStyles.AllowLeadingSign,
                CultureInfo.InvariantCulture, out int classLabel))
        {
            task = OneHot(classLabel);
        }

        return task is not null;
    }

    /// <summary>Computes targets from labels.</summary>
    /// <param name="labels">Labels: [N]; null when the data set has none, which raises the exception.</param>
    /// <param name="inputName">The data set's name, which error messages start with.</param>
    /// <returns>Targets y: [N], a new array.</returns>
    /// <exception cref="DataFormatException">
    /// The labels are missing, or "binary:odd" or "onehot:K" meets a label that is not an integer.
    /// </exception>
    public double[] Apply(double[]? labels, string inputName)
    {
        if (labels is null)
        {
            return DataThrowHelper.ThrowFormat<double[]>(inputName,
                $"the data has no labels, so the task {this} cannot compute targets; "
                + "read it with a label column or give the targets directly");
        }

        var targets = new double[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            double label = labels[i];
            if (Kind is TargetTaskKind.BinaryOdd or TargetTaskKind.OneHot && label != Math.Floor(label))
            {
                DataThrowHelper.ThrowFormat(inputName,
                    $"the task {this} needs integer labels, but sample {i} (0-based) has the label "
                    + $"{label.ToString(CultureInfo.InvariantCulture)}");
            }

            targets[i] = Kind switch
            {
                TargetTaskKind.Regression => label,
                TargetTaskKind.BinaryThreshold => label < Threshold ? -1.0 : 1.0,
                TargetTaskKind.BinaryOdd => Math.Abs(label % 2) == 1 ? 1.0 : -1.0,
                _ => label == ClassLabel ? 1.0 : -1.0,
            };
        }

        return targets;
    }

    /// <summary>The text form that <see cref="Parse"/> accepts, e.g. "binary:&lt;5".</summary>
    public override string ToString() => Kind switch
    {
        TargetTaskKind.Regression => "regression",
        TargetTaskKind.BinaryThreshold => $"binary:<{Threshold.ToString(CultureInfo.InvariantCulture)}",
        TargetTaskKind.BinaryOdd => "binary:odd",
        _ => $"onehot:{ClassLabel.ToString(CultureInfo.InvariantCulture)}",
    };
}
