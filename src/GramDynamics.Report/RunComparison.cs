using GramDynamics.Data;
using GramDynamics.Report.Figures;
using GramDynamics.Report.Html;
using GramDynamics.Report.Reading;

namespace GramDynamics.Report;

/// <summary>
/// The curves of several runs overlaid: a PNG per figure and compare.html in an output folder, with a
/// table of the runs' settings and headline numbers side by side.
/// </summary>
public static class RunComparison
{
    public const string PageFile = "compare.html";

    /// <summary>
    /// Writes the comparison of <paramref name="runDirectories"/> into <paramref name="outputDirectory"/>.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// Fewer than two run folders are given, or one folder is given twice.
    /// </exception>
    /// <exception cref="IOException">A folder is missing or is not a run folder.</exception>
    public static ReportResult Write(IReadOnlyList<string> runDirectories, string outputDirectory,
        ReportOptions options)
    {
        options.Validate();
        if (runDirectories.Count < 2)
        {
            throw new ArgumentException(
                $"{runDirectories.Count} run folders given, expected at least 2 to compare",
                nameof(runDirectories));
        }

        string[] fullPaths = [.. runDirectories.Select(path =>
            Path.TrimEndingDirectorySeparator(Path.GetFullPath(path)))];
        if (fullPaths.GroupBy(path => path, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1)
            is { } repeated)
        {
            throw new ArgumentException($"the run folder {repeated.Key} is given {repeated.Count()} times; "
                + "pass each run folder once");
        }

        RunData[] runs = [.. fullPaths.Select(RunFolderReader.Read)];
        RunLabels.Disambiguate(runs);
        IReadOnlyList<string> labels = RunLabels.Build(runs);
        var context = new FigureContext(runs, labels);
        string folder = Path.GetFullPath(outputDirectory);
        IReadOnlyList<Figure> figures = FigureSet.Write(context, folder, options.Width, options.Height,
            ownsFolder: false);
        List<string> missing = [.. runs.SelectMany(run => run.Missing.Select(line => $"{run.Name}: {line}")),
            .. context.Notes];

        var page = new HtmlDocument($"GramDynamics comparison of {runs.Length} runs");
        page.Paragraph("Colour marks the run; the line pattern marks the series. Runs: "
            + string.Join("; ", runs.Select((run, i) => $"{labels[i]} = {run.Path}")) + ".");
        page.MissingParts(missing);
        SideBySide(page, runs);
        foreach (Figure figure in figures)
        {
            page.Figure(figure);
        }

        string pagePath = Path.Combine(folder, PageFile);
        AtomicFile.WriteAllText(pagePath, page.ToString());
        string[] figurePaths = [.. figures.Select(figure => Path.Combine(folder, figure.FileName))];
        return new ReportResult(pagePath, figurePaths, missing);
    }

    /// <summary>
    /// Settings and headline numbers with one column per run; rows whose values differ are shaded.
    /// </summary>
    private static void SideBySide(HtmlDocument page, RunData[] runs)
    {
        Dictionary<string, string>[] settings = [.. runs.Select(RunLabels.SettingsOf)];
        Dictionary<string, string>[] summaries = [.. runs.Select(run => JsonCells.Flatten(run.Summary)
            .ToDictionary(entry => entry.Name, entry => entry.Text, StringComparer.Ordinal))];
        string[] header = ["", .. runs.Select(run => run.Name)];
        static bool Differs(IReadOnlyList<string> row) => row.Skip(1).Distinct().Count() > 1;
        IEnumerable<IReadOnlyList<string>> Rows(Dictionary<string, string>[] tables) =>
            tables.SelectMany(table => table.Keys).Distinct()
                .Select(name => (IReadOnlyList<string>)[name, .. tables.Select(table =>
                    table.GetValueOrDefault(name, "—"))]);

        IReadOnlyList<string>[] settingRows = [.. Rows(settings)];
        page.BeginTables();
        page.Table("Main settings; rows that differ are shaded", header,
            settingRows.Where(row => RunReport.MainSettings.Contains(row[0])), Differs);
        page.Table("Headline numbers (summary.json)", header, Rows(summaries));
        page.EndTables();
        page.BeginDetails($"All settings (config.json, {settingRows.Length} entries)");
        page.Table("Settings (config.json); rows that differ are shaded", header, settingRows, Differs);
        page.EndDetails();
    }
}
