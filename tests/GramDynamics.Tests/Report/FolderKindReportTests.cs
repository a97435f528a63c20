using System.Text.RegularExpressions;
using GramDynamics.Report;

namespace GramDynamics.Tests.Report;

/// <summary>Reports of the folders that `gramdyn hierarchy` and `gramdyn run --lr-sweep` write.</summary>
public sealed class FolderKindReportTests
{
    private static readonly ReportOptions SmallFigures = new() { Width = 480, Height = 320 };

    [Fact]
    public void Report_HierarchyFolder_IsComplete()
    {
        using RunFolderFixture run = new RunFolderFixture("hierarchy").WriteHierarchyRun();

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        Assert.Empty(result.Missing);
        Assert.Equal(["hierarchy_depth1.png", "hierarchy_depth2.png"], FigureNames(result));
        string html = File.ReadAllText(result.PagePath);
        Assert.DoesNotContain("Missing or incomplete", html, StringComparison.Ordinal);
        Assert.Contains("Nothing is missing", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_HierarchyCsvWithoutConfig_IsHierarchy()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteHierarchy(1);

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        Assert.Equal(["hierarchy_depth1.png"], FigureNames(result));
        Assert.DoesNotContain("metrics.csv is missing", result.Missing);
        Assert.DoesNotContain("spectra.csv is missing", result.Missing);
        Assert.DoesNotContain(result.Missing, line => line.Contains("not drawn", StringComparison.Ordinal));
        Assert.Contains("config.json is missing", result.Missing);
    }

    [Fact]
    public void Report_HierarchyWithoutTable_ListsIt()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteHierarchyRun();
        File.Delete(Path.Combine(run.FolderPath, "hierarchy.csv"));

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        Assert.Equal(["hierarchy.csv is missing"], result.Missing);
        Assert.Empty(result.FigurePaths);
    }

    [Fact]
    public void Report_HierarchySummary_DepthsAsTable()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteHierarchyRun();

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        string html = File.ReadAllText(result.PagePath);
        Assert.DoesNotContain("[{", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{&quot;depth&quot;", html, StringComparison.Ordinal);
        Assert.Contains("<caption>depths (summary.json), one row per entry</caption>", html,
            StringComparison.Ordinal);
        string[] columns =
        [
            "depth", "integrator", "final_<wbr>r_<wbr>divergence", "max_<wbr>r_<wbr>divergence", "crossings",
            "reads_<wbr>weights", "step_<wbr>cost_<wbr>ratio",
        ];
        foreach (string column in columns)
        {
            Assert.Contains($"<th>{column}</th>", html, StringComparison.Ordinal);
        }

        Assert.Contains("<td class=\"number\">2</td><td>depth2-euler</td>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"key\">elapsed_seconds</td>", html, StringComparison.Ordinal);
        Assert.Contains("td.key { white-space: nowrap; }", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SweepFolder_PlotsAgainstRate()
    {
        using RunFolderFixture run = new RunFolderFixture("sweep").WriteSweepRun();

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        Assert.Empty(result.Missing);
        Assert.Equal(["sweep_e1.png", "sweep_crossings.png"], FigureNames(result));
        foreach (string path in result.FigurePaths)
        {
            byte[] png = File.ReadAllBytes(path);
            Assert.Equal((480, 320), PngCheck.Size(png));
            Assert.True(PngCheck.DistinctColors(png) > 10, $"{Path.GetFileName(path)} is nearly blank");
        }

        string html = File.ReadAllText(result.PagePath);
        Assert.Contains("Result: the first-order picture fails from η = 0.005 (0.5 of the stable limit).",
            html, StringComparison.Ordinal);
        Assert.Contains("GD diverged at η = 0.025", html, StringComparison.Ordinal);
        Assert.Contains("sweep/rate-0.1, sweep/rate-0.5, sweep/rate-2.5", html, StringComparison.Ordinal);
        Assert.DoesNotContain("metrics.csv", string.Join("\n", result.Missing), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SweepWithoutTable_ListsIt()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteSweepRun();
        File.Delete(Path.Combine(run.FolderPath, "sweep.csv"));

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        Assert.Contains("sweep.csv is missing", result.Missing);
        Assert.DoesNotContain("metrics.csv is missing", result.Missing);
    }

    [Fact]
    public void Report_Captions_NameCountsAndFractions()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete().WriteHierarchy(1);

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        string html = File.ReadAllText(result.PagePath);
        Assert.Contains("<h2>Spectra of G_0 on layer 0 (pulled back from layer 1)</h2>", html,
            StringComparison.Ordinal);
        Assert.Contains("<h2>Spectra of G_1 on layer 1 (pulled back from layer 2)</h2>", html,
            StringComparison.Ordinal);
        Assert.Contains("the fraction (not the count) of pairs", html, StringComparison.Ordinal);
        Assert.Contains("a count (not a fraction) of\nthe pairs", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_SecondReport_RemovesStaleFigures()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete().WriteHierarchy(1, 2);
        RunReport.Write(run.FolderPath, SmallFigures);
        string plots = Path.Combine(run.FolderPath, "plots");
        File.WriteAllText(Path.Combine(plots, "notes.png"), "not a figure of the report");
        File.WriteAllText(Path.Combine(plots, "hierarchy_depth7.png"), "left by an older report");
        File.Delete(Path.Combine(run.FolderPath, "hierarchy.csv"));

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        Assert.False(File.Exists(Path.Combine(plots, "hierarchy_depth1.png")));
        Assert.False(File.Exists(Path.Combine(plots, "hierarchy_depth2.png")));
        Assert.False(File.Exists(Path.Combine(plots, "hierarchy_depth7.png")));
        Assert.True(File.Exists(Path.Combine(plots, "notes.png")));
        Assert.All(result.FigurePaths, path => Assert.True(File.Exists(path), path));
        string[] manifest = File.ReadAllLines(Path.Combine(plots, "figures.txt"));
        Assert.Equal(FigureNames(result).Order(), manifest.Order());
    }

    private static string[] FigureNames(ReportResult result) =>
        [.. result.FigurePaths.Select(path => Path.GetFileName(path))];
}
