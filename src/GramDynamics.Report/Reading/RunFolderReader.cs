using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GramDynamics.Runs;

namespace GramDynamics.Report.Reading;

/// <summary>
/// Reads a run folder for plotting. Anything missing (a file, a column, a spectrum series) is listed in
/// <see cref="RunData.Missing"/> rather than raised, so a running, interrupted or older run still gives
/// a report. Only the files that the folder's command writes are expected (see <see cref="RunKind"/>), and
/// only a folder with none of config.json, metrics.csv, hierarchy.csv and sweep.csv is rejected.
/// </summary>
internal static partial class RunFolderReader
{
    /// <summary>The file that `gramdyn hierarchy` writes in place of metrics.csv.</summary>
    public const string HierarchyFile = "hierarchy.csv";

    /// <summary>The table of a learning-rate sweep's parent folder, one row per rate.</summary>
    public const string SweepFile = "sweep.csv";

    /// <summary>config.json "command" of a `gramdyn hierarchy` folder.</summary>
    private const string HierarchyCommand = "hierarchy";

    /// <summary>Start of config.json "command" of a learning-rate sweep's parent folder.</summary>
    private const string SweepCommand = "run --lr-sweep";

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
    /// The folder does not exist or contains none of config.json, metrics.csv, hierarchy.csv and sweep.csv.
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
        string hierarchyPath = System.IO.Path.Combine(full, HierarchyFile);
        string sweepPath = System.IO.Path.Combine(full, SweepFile);
        if (!File.Exists(configPath) && !File.Exists(metricsPath) && !File.Exists(hierarchyPath)
            && !File.Exists(sweepPath))
        {
            throw new IOException($"{full}: not a run folder: none of {RunFolder.ConfigFile}, "
                + $"{RunFolder.MetricsFile}, {HierarchyFile} and {SweepFile} is there; pass the folder "
                + "that `gramdyn run` or `gramdyn hierarchy` wrote");
        }

        var missing = new List<string>();
        JsonObject? config = ReadJson(configPath, RunFolder.ConfigFile, missing);
        string summaryPath = System.IO.Path.Combine(full, RunFolder.SummaryFile);
        JsonObject? summary = ReadJson(summaryPath, RunFolder.SummaryFile, missing);
        RunKind kind = KindOf(config, full);

        // Each kind of folder is read for the files its command writes, so a complete hierarchy or
        // sweep folder is not reported as a training run without metrics.csv.
        MetricsTable? metrics = null;
        SpectraTable? spectra = null;
        if (kind == RunKind.Training)
        {
            metrics = ReadText(metricsPath, RunFolder.MetricsFile, missing) is { } metricsText
                ? MetricsTable.Parse(metricsText, RunFolder.MetricsFile, missing)
                : null;
            string spectraPath = System.IO.Path.Combine(full, RunFolder.SpectraFile);
            spectra = ReadText(spectraPath, RunFolder.SpectraFile, missing) is { } spectraText
                ? SpectraTable.Parse(spectraText, RunFolder.SpectraFile, missing)
                : null;
        }

        IReadOnlyList<HierarchyRow>? hierarchy = null;
        if (kind == RunKind.Hierarchy || File.Exists(hierarchyPath))
        {
            hierarchy = ReadText(hierarchyPath, HierarchyFile, missing) is { } hierarchyText
                ? HierarchyTable.Parse(hierarchyText, HierarchyFile, missing)
                : null;
        }

        SweepTable? sweep = null;
        if (kind == RunKind.LearningRateSweep)
        {
            sweep = ReadText(sweepPath, SweepFile, missing) is { } sweepText
                ? SweepTable.Parse(sweepText, SweepFile, missing)
                : null;
        }

        int depth = DepthOf(config, metrics);
        var run = new RunData
        {
            Path = full,
            Name = System.IO.Path.GetFileName(full.TrimEnd(System.IO.Path.DirectorySeparatorChar)),
            Kind = kind,
            Config = config,
            Summary = summary,
            Metrics = metrics,
            Spectra = spectra,
            Hierarchy = hierarchy,
            Sweep = sweep,
            Depth = depth,
        };
        NoteStatus(run);
        run.Missing.AddRange(missing);
        NoteMissingColumns(run);
        NoteMissingSpectra(run);
        return run;
    }

    /// <summary>
    /// The kind of folder: from config.json's "command" when it has one, else from which table is there
    /// (hierarchy.csv or sweep.csv without metrics.csv).
    /// </summary>
    private static RunKind KindOf(JsonObject? config, string folder)
    {
        string? command = config?["command"] is JsonValue value && value.TryGetValue(out string? text)
            ? text
            : null;
        if (command == HierarchyCommand)
        {
            return RunKind.Hierarchy;
        }

        if (command?.StartsWith(SweepCommand, StringComparison.Ordinal) == true)
        {
            return RunKind.LearningRateSweep;
        }

        if (command is not null || File.Exists(System.IO.Path.Combine(folder, RunFolder.MetricsFile)))
        {
            return RunKind.Training;
        }

        if (File.Exists(System.IO.Path.Combine(folder, HierarchyFile)))
        {
            return RunKind.Hierarchy;
        }

        return File.Exists(System.IO.Path.Combine(folder, SweepFile))
            ? RunKind.LearningRateSweep
            : RunKind.Training;
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
