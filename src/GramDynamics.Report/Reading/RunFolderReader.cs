using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GramDynamics.Runs;

namespace GramDynamics.Report.Reading;

/// <summary>
/// Reads a run folder for plotting. Anything missing (a file, a column, a spectrum series) is listed in
/// <see cref="RunData.Missing"/> rather than raised, so a running, interrupted or older run still gives
/// a report; only a folder with neither config.json nor metrics.csv is rejected.
/// </summary>
internal static partial class RunFolderReader
{
    /// <summary>The file that a hierarchy run adds to its folder.</summary>
    public const string HierarchyFile = "hierarchy.csv";

    /// <summary>Columns every complete run of this version writes, besides the per-layer ones.</summary>
    private static readonly string[] ExpectedColumns =
    [
        "loss", "r_norm", "e1", "kernel_trace", "kernel_distance", "kernel_velocity", "alignment",
        "effective_rank", "lambda_max", "lambda_min",
    ];

    /// <summary>Per-layer column families, ℓ = 1..L.</summary>
    private static readonly string[] LayerColumnFamilies =
        ["share", "crossings", "activation_rate", "coactivation"];

    /// <summary>Per-layer Gram metric fit column families, ℓ = 0..L−1.</summary>
    private static readonly string[] MetricColumnFamilies =
        ["averaged_L{0}_alpha", "averaged_L{0}_xmin", "residual_L{0}_alpha", "residual_L{0}_xmin"];

    /// <exception cref="IOException">
    /// The folder does not exist or contains neither config.json nor metrics.csv.
    /// </exception>
    public static RunData Read(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (!Directory.Exists(full))
        {
            throw new DirectoryNotFoundException($"{full}: run folder not found");
        }

        string configPath = System.IO.Path.Combine(full, RunFolder.ConfigFile);
        string metricsPath = System.IO.Path.Combine(full, RunFolder.MetricsFile);
        if (!File.Exists(configPath) && !File.Exists(metricsPath))
        {
            throw new IOException($"{full}: not a run folder: neither {RunFolder.ConfigFile} nor "
                + $"{RunFolder.MetricsFile} is there; pass the folder that `gramdyn run` wrote");
        }

        var missing = new List<string>();
        JsonObject? config = ReadJson(configPath, RunFolder.ConfigFile, missing);
        string summaryPath = System.IO.Path.Combine(full, RunFolder.SummaryFile);
        JsonObject? summary = ReadJson(summaryPath, RunFolder.SummaryFile, missing);
        MetricsTable? metrics = ReadText(metricsPath, RunFolder.MetricsFile, missing) is { } metricsText
            ? MetricsTable.Parse(metricsText, RunFolder.MetricsFile, missing)
            : null;
        string spectraPath = System.IO.Path.Combine(full, RunFolder.SpectraFile);
        SpectraTable? spectra = ReadText(spectraPath, RunFolder.SpectraFile, missing) is { } spectraText
            ? SpectraTable.Parse(spectraText, RunFolder.SpectraFile, missing)
            : null;
        string hierarchyPath = System.IO.Path.Combine(full, HierarchyFile);
        IReadOnlyList<HierarchyRow>? hierarchy = File.Exists(hierarchyPath)
            ? HierarchyTable.Parse(File.ReadAllText(hierarchyPath), HierarchyFile, missing)
            : null;

        int depth = DepthOf(config, metrics);
        var run = new RunData
        {
            Path = full,
            Name = System.IO.Path.GetFileName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar)),
            Config = config,
            Summary = summary,
            Metrics = metrics,
            Spectra = spectra,
            Hierarchy = hierarchy,
            Depth = depth,
        };
        NoteStatus(run);
        run.Missing.AddRange(missing);
        NoteMissingColumns(run);
        NoteMissingSpectra(run);
        return run;
    }

    private static string? ReadText(string path, string fileName, List<string> missing)
    {
        if (!File.Exists(path))
        {
            missing.Add($"{fileName} is missing");
            return null;
        }

        return File.ReadAllText(path);
    }

    private static JsonObject? ReadJson(string path, string fileName, List<string> missing)
    {
        string? text = ReadText(path, fileName, missing);
        if (text is null)
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject value)
            {
                return value;
            }
        }
        catch (JsonException exception)
        {
            missing.Add($"{fileName} is not valid JSON ({exception.Message})");
            return null;
        }

        missing.Add($"{fileName} does not contain a JSON object");
        return null;
    }

    private static int DepthOf(JsonObject? config, MetricsTable? metrics)
    {
        if (config?["depth"] is JsonValue depthValue && depthValue.TryGetValue(out int depth) && depth > 0)
        {
            return depth;
        }

        if (config?["widths"] is JsonArray widths && widths.Count > 0)
        {
            return widths.Count;
        }

        return metrics?.ColumnNames
            .Select(name => ShareColumn().Match(name))
            .Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0)
            .Max() ?? 0;
    }

    private static void NoteStatus(RunData run)
    {
        if (run.Config is null)
        {
            return;
        }

        string? status = run.Status;
        if (status is null)
        {
            run.Missing.Add($"{RunFolder.ConfigFile} has no \"status\" (written by an older version?)");
        }
        else if (status != "complete")
        {
            string? message = run.Config["status_message"]?.GetValue<string>();
            string reason = message is null ? string.Empty : $": {message}";
            run.Missing.Add($"the run is {status}, not complete{reason}");
        }
    }

    private static void NoteMissingColumns(RunData run)
    {
        if (run.Metrics is not { } metrics)
        {
            return;
        }

        var absent = new List<string>(ExpectedColumns.Where(column => !metrics.Has(column)));
        foreach (string family in LayerColumnFamilies)
        {
            int[] layers = [.. Enumerable.Range(1, run.Depth).Where(l => !metrics.Has($"{family}_L{l}"))];
            if (layers.Length > 0)
            {
                absent.Add($"{family}_L{FormatLayers(layers)}");
            }
        }

        foreach (string family in MetricColumnFamilies)
        {
            int[] layers = [.. Enumerable.Range(0, run.Depth).Where(l => !metrics.Has(string.Format(
                CultureInfo.InvariantCulture, family, l)))];
            if (layers.Length > 0)
            {
                absent.Add(family.Replace("{0}", FormatLayers(layers), StringComparison.Ordinal));
            }
        }

        if (absent.Count > 0)
        {
            run.Missing.Add($"{RunFolder.MetricsFile} has no column {string.Join(", ", absent)}");
        }

        if (metrics.Steps.Length == 0)
        {
            run.Missing.Add($"{RunFolder.MetricsFile} has no rows");
        }
    }

    private static void NoteMissingSpectra(RunData run)
    {
        if (run.Spectra is not { } spectra)
        {
            return;
        }

        var absent = new List<string>();
        if (!spectra.SeriesNames.Contains("K"))
        {
            absent.Add("K");
        }

        foreach (string family in (string[])["averaged_metric", "residual_metric"])
        {
            int[] layers = [.. Enumerable.Range(0, run.Depth)
                .Where(l => !spectra.SeriesNames.Contains($"{family}_L{l}"))];
            if (layers.Length > 0)
            {
                absent.Add($"{family}_L{FormatLayers(layers)}");
            }
        }

        if (absent.Count > 0)
        {
            run.Missing.Add($"{RunFolder.SpectraFile} has no series {string.Join(", ", absent)}");
        }
    }

    /// <summary>Writes layers as "1", "1..3" (a contiguous range) or "{1,3}".</summary>
    private static string FormatLayers(int[] layers) =>
        layers.Length == 1 ? $"{layers[0]}"
        : layers[^1] - layers[0] == layers.Length - 1 ? $"{layers[0]}..{layers[^1]}"
        : "{" + string.Join(",", layers) + "}";

    [GeneratedRegex(@"^share_L(\d+)$")]
    private static partial Regex ShareColumn();
}
