using System.IO.Compression;

namespace GramDynamics.Data;

/// <summary>
/// The test set of the UCI optical recognition of handwritten digits data (Alpaydin and Kaynak, CC BY
/// 4.0), embedded in the library: 1797 images of 8 × 8 pixels with values 0..16, labels 0..9.
/// </summary>
public static class EmbeddedDigits
{
    /// <summary>
    /// The manifest resource name of the embedded gzipped CSV (64 features, then the label).
    /// </summary>
    public const string ResourceName = "GramDynamics.Data.optdigits-test.csv.gz";

    /// <summary>N of the embedded set.</summary>
    public const int SampleCount = 1797;

    /// <summary>d of the embedded set: 8 × 8 pixels.</summary>
    public const int FeatureCount = 64;

    /// <summary>
    /// Loads the digits as stored: X [1797, 64] with values 0..16, labels 0..9 and targets y equal to the
    /// labels. Apply <see cref="Dataset.Scale"/> and <see cref="Dataset.WithTask"/> for a training task.
    /// </summary>
    public static Dataset Load()
    {
        using Stream resource = typeof(EmbeddedDigits).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException(
                $"{ResourceName}: the embedded resource is missing from the GramDynamics assembly; "
                + "rebuild it with data/optdigits-test.csv.gz present");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        CsvMatrix table = CsvMatrix.Read(reader, ResourceName, LabelColumn.Last);
        if (table.Rows != SampleCount || table.FeatureCount != FeatureCount)
        {
            throw new InvalidOperationException(
                $"{ResourceName}: the embedded table is {table.Rows} × {table.FeatureCount}, expected "
                + $"{SampleCount} × {FeatureCount}; the build embedded a wrong file");
        }

        return Dataset.FromLabels(table.Features, table.Rows, table.FeatureCount, table.Labels!,
            "optdigits-test", "UCI optical digits test set (embedded), 8 × 8 pixels with values 0..16");
    }

    /// <summary>
    /// Loads the default training set: the digits with features scaled to [0, 1] (x / 16, see
    /// <see cref="FeatureScaling.Unit"/>) and the task "binary:&lt;5" (labels 0..4 give y = −1, 5..9 give
    /// +1).
    /// </summary>
    public static Dataset LoadDefault() => Load().Scale(FeatureScaling.Unit).WithTask(TargetTask.Default);
}
