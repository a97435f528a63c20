using System.Diagnostics.CodeAnalysis;

namespace GramDynamics.Data;

/// <summary>Applies and names the <see cref="FeatureScaling"/> options.</summary>
public static class FeatureScaler
{
    /// <summary>
    /// Returns a scaled copy of X.
    /// <list type="bullet">
    /// <item><see cref="FeatureScaling.None"/>: an unchanged copy.</item>
    /// <item><see cref="FeatureScaling.Unit"/>: one global minimum and maximum over all N · d entries,
    /// x' = (x − min) / (max − min), so every entry lies in [0, 1]. For image data whose minimum is 0 this
    /// divides by the global maximum (digits 0..16 become x / 16). If all entries are equal, all
    /// become 0.</item>
    /// <item><see cref="FeatureScaling.Standardize"/>: for each feature j, x'_j = (x_j − mean_j) / std_j with
    /// the population standard deviation (divisor N). A constant feature becomes 0.</item>
    /// </list>
    /// </summary>
    /// <param name="x">X: [N, d] row-major.</param>
    /// <param name="count">N, the number of samples.</param>
    /// <param name="dimension">d, the number of features.</param>
    /// <param name="scaling">The scaling to apply.</param>
    /// <returns>The scaled X: [N, d] row-major, a new array.</returns>
    public static double[] Scale(ReadOnlySpan<double> x, int count, int dimension, FeatureScaling scaling)
    {
        if (count < 1 || dimension < 1 || x.Length != (long)count * dimension)
        {
            throw new ArgumentException(
                $"x: {x.Length} values for N = {count} and d = {dimension}, expected N × d with N, d ≥ 1",
                nameof(x));
        }

        double[] scaled = x.ToArray();
        switch (scaling)
        {
            case FeatureScaling.None:
                break;
            case FeatureScaling.Unit:
                ScaleToUnit(scaled);
                break;
            case FeatureScaling.Standardize:
                Standardize(scaled, count, dimension);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(scaling), $"scaling: {scaling} is not defined");
        }

        return scaled;
    }

    /// <summary>The name that <see cref="Parse"/> accepts: "none", "unit" or "standardize".</summary>
    public static string Name(FeatureScaling scaling) => scaling switch
    {
        FeatureScaling.None => "none",
        FeatureScaling.Unit => "unit",
        FeatureScaling.Standardize => "standardize",
        _ => throw new ArgumentOutOfRangeException(nameof(scaling), $"scaling: {scaling} is not defined"),
    };

    /// <summary>Parses "none", "unit" or "standardize" (case-insensitive).</summary>
    /// <exception cref="FormatException">The text matches none of these names.</exception>
    public static FeatureScaling Parse(string text) => TryParse(text, out FeatureScaling scaling)
        ? scaling
        : throw new FormatException($"scaling '{text}' is not valid, expected none, unit or standardize");

    /// <summary>Parses "none", "unit" or "standardize" (case-insensitive); false for anything else.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out FeatureScaling scaling)
    {
        foreach (FeatureScaling candidate in Enum.GetValues<FeatureScaling>())
        {
            if (string.Equals(text?.Trim(), Name(candidate), StringComparison.OrdinalIgnoreCase))
            {
                scaling = candidate;
                return true;
            }
        }

        scaling = FeatureScaling.None;
        return false;
    }

    private static void ScaleToUnit(Span<double> x)
    {
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        foreach (double value in x)
        {
            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        double range = max - min;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = range > 0 ? (x[i] - min) / range : 0.0;
        }
    }

    private static void Standardize(Span<double> x, int count, int dimension)
    {
        for (int j = 0; j < dimension; j++)
        {
            double sum = 0, min = double.PositiveInfinity, max = double.NegativeInfinity;
            for (int i = 0; i < count; i++)
            {
                double value = x[i * dimension + j];
                sum += value;
                min = Math.Min(min, value);
                max = Math.Max(max, value);
            }

            double mean = sum / count;
            double squares = 0;
            for (int i = 0; i < count; i++)
            {
                double deviation = x[i * dimension + j] - mean;
                squares += deviation * deviation;
            }

            // Equal entries are tested directly: the rounded mean of a constant column can differ from its
            // entries, which would leave a tiny nonzero deviation to divide by.
            double std = Math.Sqrt(squares / count);
            bool constant = min == max || std == 0;
            for (int i = 0; i < count; i++)
            {
                int index = i * dimension + j;
                x[index] = constant ? 0.0 : (x[index] - mean) / std;
            }
        }
    }
}
