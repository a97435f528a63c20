using System.Text.Json.Nodes;
using GramDynamics.Data;
using GramDynamics.Report.Figures;
using GramDynamics.Report.Html;
using GramDynamics.Report.Reading;

namespace GramDynamics.Report;

/// <summary>
/// The report of one run folder: a PNG per figure in RUN_DIR/plots and RUN_DIR/report.html with the
/// run's settings, headline numbers, what is missing, and every figure embedded.
/// </summary>
public static class RunReport
{
    public const string PageFile = "report.html";
    public const string FigureFolder = "plots";

    /// <summary>config.json entries shown at the top of the page; the rest are folded away.</summary>
    internal static readonly HashSet<string> MainSettings =
    [
        "command", "dataset.name", "dataset.samples", "dataset.dimension", "widths", "width", "depths",
        "parametrization", "readout", "seed", "learning_rate", "steps", "record_every", "spectrum_every",
        "scheme", "sweep_fractions", "stable_limit", "precision", "status", "elapsed_seconds",
    ];

    /// <summary>Writes the report of the run folder <paramref name="runDirectory"/>.</summary>
    /// <exception cref="IOException">The folder is missing or is not a run folder.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The figure size is out of range.</exception>
    public static ReportResult Write(string runDirectory, ReportOptions options)
    {
        options.Validate();
        RunData run = RunFolderReader.Read(runDirectory);
        var context = new FigureContext([run], [run.Name]);
        string figureFolder = Path.Combine(run.Path, FigureFolder);
        IReadOnlyList<Figure> figures = FigureSet.Write(context, figureFolder, options.Width, options.Height,
            ownsFolder: true);
        List<string> missing = [.. run.Missing, .. context.Notes];

        var page = new HtmlDocument($"GramDynamics run {run.Name}");
        page.Paragraph($"Run folder: {run.Path}. Status: {run.Status ?? "unknown"}.");
        DescribeKind(page, run);
        page.MissingParts(missing);
        (string Name, string Text)[] settings = [.. JsonCells.Flatten(run.Config)];
        page.BeginTables();
        page.Table("Main settings", ["setting", "value"], settings
            .Where(entry => MainSettings.Contains(entry.Name))
            .Select(entry => (IReadOnlyList<string>)[entry.Name, entry.Text]));
        if (run.Summary is not null)
        {
            page.Table("Headline numbers (summary.json)", ["quantity", "value"],
                JsonCells.Flatten(run.Summary, skipObjectArrays: true)
                    .Select(entry => (IReadOnlyList<string>)[entry.Name, entry.Text]));
        }

        page.EndTables();
        foreach ((string name, string[] header, string[][] rows) in JsonCells.ObjectArrays(run.Summary))
        {
            page.RecordTable($"{name} (summary.json), one row per entry", header, rows);
        }

        page.BeginDetails($"All settings (config.json, {settings.Length} entries)");
        page.Table("Settings (config.json)", ["setting", "value"],
            settings.Select(entry => (IReadOnlyList<string>)[entry.Name, entry.Text]));
        page.EndDetails();
        foreach (Figure figure in figures)
        {
            page.Figure(figure);
        }

        string pagePath = Path.Combine(run.Path, PageFile);
        AtomicFile.WriteAllText(pagePath, page.ToString());
        string[] figurePaths = [.. figures.Select(figure => Path.Combine(figureFolder, figure.FileName))];
        return new ReportResult(pagePath, figurePaths, missing);
    }

    /// <summary>A paragraph on what a hierarchy or sweep folder contains, and a sweep's result.</summary>
    private static void DescribeKind(HtmlDocument page, RunData run)
    {
        switch (run.Kind)
        {
            case RunKind.Hierarchy:
                page.Paragraph("Written by `gramdyn hierarchy`, which runs each field integrator beside "
                    + "weight-space GD at several depths and records how far they drift apart in "
                    + "hierarchy.csv. Such a folder has no metrics.csv or spectra.csv.");
                break;
            case RunKind.LearningRateSweep:
                string[] children = run.Summary?["runs"] is JsonArray runs
                    ? [.. runs.Select(entry => entry?["folder"]).OfType<JsonValue>()
                        .Select(folder => folder.TryGetValue(out string? text) ? text : null)
                        .OfType<string>()]
                    : [];
                string childList = children.Length > 0 ? $" ({string.Join(", ", children)})" : string.Empty;
                page.Paragraph("Written by `gramdyn run --lr-sweep`, with one row per learning rate in "
                    + $"sweep.csv. Each rate's run folder{childList} is under sweep/ and has its own "
                    + "report.");
                if (run.Summary?["first_order_failure"] is JsonValue value
                    && value.TryGetValue(out string? failure))
                {
                    page.Paragraph($"Result: {failure}.");
                }

                break;
        }
    }
}
