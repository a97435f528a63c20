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
        "dataset.name", "dataset.samples", "dataset.dimension", "widths", "parametrization", "readout",
        "seed", "learning_rate", "steps", "record_every", "spectrum_every", "precision", "status",
        "elapsed_seconds",
    ];

    /// <summary>Writes the report of the run folder <paramref name="runDirectory"/>.</summary>
    /// <exception cref="IOException">The folder is missing or is not a run folder.</exception>
    public static ReportResult Write(string runDirectory, ReportOptions options)
    {
        options.Validate();
        RunData run = RunFolderReader.Read(runDirectory);
        var context = new FigureContext([run], [run.Name]);
        string figureFolder = Path.Combine(run.Path, FigureFolder);
        IReadOnlyList<Figure> figures = FigureSet.Write(context, figureFolder, options.Width, options.Height);
        List<string> missing = [.. run.Missing, .. context.Notes];

        var page = new HtmlDocument($"GramDynamics run {run.Name}");
        page.Paragraph($"Run folder: {run.Path}. Status: {run.Status ?? "unknown"}.");
        page.MissingParts(missing);
        (string Name, string Text)[] settings = [.. JsonCells.Flatten(run.Config)];
        page.BeginTables();
        page.Table("Main settings", ["setting", "value"], settings
            .Where(entry => MainSettings.Contains(entry.Name))
            .Select(entry => (IReadOnlyList<string>)[entry.Name, entry.Text]));
        if (run.Summary is not null)
        {
            page.Table("Headline numbers (summary.json)", ["quantity", "value"],
                JsonCells.Flatten(run.Summary)
                    .Select(entry => (IReadOnlyList<string>)[entry.Name, entry.Text]));
        }

        page.EndTables();
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
}
