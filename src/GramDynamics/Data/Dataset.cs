using GramDynamics.Collective;

namespace GramDynamics.Data;

/// <summary>
/// A training set: inputs X, targets y and, where the source has them, the raw labels that a
/// <see cref="TargetTask"/> maps to targets.
/// </summary>
/// <remarks>
/// Instances are immutable by convention: <see cref="WithTask"/> shares X with the original, while
/// <see cref="Scale"/> and <see cref="Subsample"/> return new arrays. The constructor validates shapes and
/// finiteness, so every instance has N ≥ 1, d ≥ 1 and finite values.
/// </remarks>
public sealed class Dataset
{
    /// <summary>Creates a data set from arrays that are used, not copied.</summary>
    /// <param name="x">X: [N, d] row-major.</param>
    /// <param name="count">N, the number of samples.</param>
    /// <param name="dimension">d, the number of features.</param>
    /// <param name="y">Targets y: [N].</param>
    /// <param name="labels">Raw labels: [N], or null when the source has none.</param>
    /// <param name="name">A short name for logs and error messages, e.g. "optdigits-test".</param>
    /// <param name="description">Where the data came from and what was done to it.</param>
    /// <exception cref="DataFormatException">
    /// A shape does not match or a value is NaN or infinite.
    /// </exception>
    public Dataset(double[] x, int count, int dimension, double[] y, double[]? labels, string name,
        string description)
    {
        if (count < 1 || dimension < 1)
        {
            DataThrowHelper.ThrowFormat(name,
                $"the data set is {count} × {dimension}, expected N ≥ 1 and d ≥ 1");
        }

        if (x.Length != (long)count * dimension)
        {
            DataThrowHelper.ThrowFormat(name,
                $"X has {x.Length} values, expected N × d = {count} × {dimension}");
        }

        if (y.Length != count)
        {
            DataThrowHelper.ThrowFormat(name,
                $"y has {y.Length} targets, expected one per sample (N = {count})");
        }

        if (labels is not null && labels.Length != count)
        {
            DataThrowHelper.ThrowFormat(name,
                $"there are {labels.Length} labels, expected one per sample (N = {count})");
        }

        CheckFinite(x, dimension, name, "X");
        CheckFinite(y, 1, name, "y");
        if (labels is not null)
        {
            CheckFinite(labels, 1, name, "the labels");
        }

        X = x;
        Count = count;
        Dimension = dimension;
        Y = y;
        Labels = labels;
        ClassLabels = ToClassLabels(labels);
        Name = name;
        Description = description;
    }

    /// <summary>X: [N, d] row-major, one sample per row.</summary>
    public double[] X { get; }

    /// <summary>N, the number of samples.</summary>
    public int Count { get; }

    /// <summary>d, the number of features.</summary>
    public int Dimension { get; }

    /// <summary>Targets y: [N].</summary>
    public double[] Y { get; }

    /// <summary>
    /// Raw labels as read (class numbers or regression values): [N]; null when the source has none.
    /// </summary>
    public double[]? Labels { get; }

    /// <summary>
    /// The labels as integers: [N]; null unless every label is an integer in the int range.
    /// </summary>
    public int[]? ClassLabels { get; }

    /// <summary>A short name for logs and error messages.</summary>
    public string Name { get; }

    /// <summary>Where the data came from and each step applied since, separated by "; ".</summary>
    public string Description { get; }

    /// <summary>Sample <paramref name="index"/>: row index of X, [d].</summary>
    public ReadOnlySpan<double> Sample(int index) => X.AsSpan(index * Dimension, Dimension);

    /// <summary>Creates a data set whose targets are a copy of the labels (the regression task).</summary>
    /// <param name="x">X: [N, d] row-major, used, not copied.</param>
    /// <param name="count">N, the number of samples.</param>
    /// <param name="dimension">d, the number of features.</param>
    /// <param name="labels">Labels: [N], used, not copied.</param>
    /// <param name="name">A short name for logs and error messages.</param>
    /// <param name="description">Where the data came from.</param>
    public static Dataset FromLabels(double[] x, int count, int dimension, double[] labels, string name,
        string description) =>
        new(x, count, dimension, (double[])labels.Clone(), labels, name, description);

    /// <summary>
    /// Returns a data set with targets y computed from the labels by <paramref name="task"/>.
    /// </summary>
    /// <exception cref="DataFormatException">
    /// The data set has no labels, or the task needs integer labels.
    /// </exception>
    public Dataset WithTask(TargetTask task) =>
        new(X, Count, Dimension, task.Apply(Labels, Name), Labels, Name, $"{Description}; task {task}");

    /// <summary>Returns a data set with scaled features; see <see cref="FeatureScaler.Scale"/>.</summary>
    public Dataset Scale(FeatureScaling scaling) =>
        new(FeatureScaler.Scale(X, Count, Dimension, scaling), Count, Dimension, Y, Labels, Name,
            $"{Description}; scaling {FeatureScaler.Name(scaling)}");

    /// <summary>
    /// Returns <paramref name="count"/> distinct samples chosen by a seeded partial Fisher-Yates shuffle,
    /// kept in their original order. The choice depends only on the seed and N, on every machine.
    /// </summary>
    /// <param name="count">How many samples to keep, 1 to N.</param>
    /// <param name="seed">The seed of the <see cref="SeededNormal"/> stream that picks the samples.</param>
    public Dataset Subsample(int count, int seed)
    {
        if (count < 1 || count > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(count),
                $"{Name}: subsample size is {count}, expected 1 to N = {Count}");
        }

        int[] order = [.. Enumerable.Range(0, Count)];
        var random = new SeededNormal(seed);
        for (int i = 0; i < count; i++)
        {
            int j = i + random.NextInt(Count - i);
            (order[i], order[j]) = (order[j], order[i]);
        }

        int[] chosen = order[..count];
        Array.Sort(chosen);
        var x = new double[(long)count * Dimension];
        var y = new double[count];
        double[]? labels = Labels is null ? null : new double[count];
        for (int i = 0; i < count; i++)
        {
            Sample(chosen[i]).CopyTo(x.AsSpan(i * Dimension, Dimension));
            y[i] = Y[chosen[i]];
            if (labels is not null)
            {
                labels[i] = Labels![chosen[i]];
            }
        }

        return new Dataset(x, count, Dimension, y, labels, Name,
            $"{Description}; subsample of {count} from {Count} (seed {seed})");
    }

    /// <summary>"name: N × d (description)".</summary>
    public override string ToString() => $"{Name}: {Count} × {Dimension} ({Description})";

    private static void CheckFinite(double[] values, int columns, string name, string arrayName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                string where = columns == 1 ? $"entry {i}" : $"row {i / columns}, column {i % columns}";
                DataThrowHelper.ThrowFormat(name,
                    $"{arrayName} has the value {values[i]} at {where} (0-based); "
                    + "NaN and infinite values are not allowed");
            }
        }
    }

    private static int[]? ToClassLabels(double[]? labels)
    {
        if (labels is null)
        {
            return null;
        }

        var classes = new int[labels.Length];
        for (int i = 0; i < labels.Length; i++)
        {
            double label = labels[i];
            if (label != Math.Floor(label) || label < int.MinValue || label > int.MaxValue)
            {
                return null;
            }

            classes[i] = (int)label;
        }

        return classes;
    }
}
