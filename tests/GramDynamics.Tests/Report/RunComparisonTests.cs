using System.Text.RegularExpressions;
using GramDynamics.Report;

namespace GramDynamics.Tests.Report;

public sealed class RunComparisonTests
{
    private static readonly ReportOptions SmallFigures = new() { Width = 500, Height = 300 };

    [Fact]
    public void Compare_TwoRuns_OverlaysCurves()
    {
        using RunFolderFixture first = new RunFolderFixture("seed0").WriteComplete(seed: 0).WriteHierarchy(2);
        using RunFolderFixture second = new RunFolderFixture("seed1").WriteComplete(seed: 1);
        string output = Path.Combine(first.Root, "compare");

        ReportResult result =
            RunComparison.Write([first.FolderPath, second.FolderPath], output, SmallFigures);

        Assert.Equal(Path.Combine(output, "compare.html"), result.PagePath);
        Assert.Contains("loss.png", FigureNames(result));
        Assert.Contains("hierarchy_depth2.png", FigureNames(result));
        Assert.Empty(result.Missing);
        foreach (string path in result.FigurePaths)
        {
            byte[] png = File.ReadAllBytes(path);
            Assert.Equal((500, 300), PngCheck.Size(png));
            Assert.True(PngCheck.DistinctColors(png) > 10, $"{Path.GetFileName(path)} is nearly blank");
        }

        string html = File.ReadAllText(result.PagePath);
        Assert.Equal(result.FigurePaths.Count, Regex.Matches(html, "data:image/png;base64,").Count);
        Assert.Contains("seed0 (seed 0)", html, StringComparison.Ordinal);
        Assert.Contains("seed1 (seed 1)", html, StringComparison.Ordinal);
        Assert.Contains("<tr class=\"differs\"><td class=\"key\">seed</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_IncompleteRun_ListsItByName()
    {
        using RunFolderFixture complete = new RunFolderFixture("done").WriteComplete();
        using RunFolderFixture running =
            new RunFolderFixture("busy").WriteConfig(status: "running").WriteMetrics();

        ReportResult result = RunComparison.Write([complete.FolderPath, running.FolderPath],
            Path.Combine(complete.Root, "compare"), SmallFigures);

        Assert.Contains("busy: summary.json is missing", result.Missing);
        Assert.Contains("busy: the run is running, not complete", result.Missing);
        Assert.DoesNotContain(result.Missing, line => line.StartsWith("done:", StringComparison.Ordinal));
    }

    [Fact]
    public void Compare_OneRun_Throws()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();

        Assert.Throws<ArgumentException>(() =>
            RunComparison.Write([run.FolderPath], Path.Combine(run.Root, "compare"), SmallFigures));
    }

    [Fact]
    public void Compare_SameFolderTwice_Throws()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();
        string output = Path.Combine(run.Root, "compare");

        ArgumentException error = Assert.Throws<ArgumentException>(() =>
            RunComparison.Write([run.FolderPath, Path.Combine(run.FolderPath, ".")], output, SmallFigures));

        Assert.Equal($"the run folder {run.FolderPath} is given 2 times; pass each run folder once",
            error.Message);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Compare_SameFolderNames_GetsParentPrefix()
    {
        using RunFolderFixture first = new RunFolderFixture("run").WriteComplete();
        using RunFolderFixture second = new RunFolderFixture("run").WriteComplete();
        string firstName = $"{Path.GetFileName(first.Root)}/run";
        string secondName = $"{Path.GetFileName(second.Root)}/run";

        ReportResult result = RunComparison.Write([first.FolderPath, second.FolderPath],
            Path.Combine(first.Root, "compare"), SmallFigures);

        string html = File.ReadAllText(result.PagePath);
        Assert.Contains($"{firstName} = {first.FolderPath}", html, StringComparison.Ordinal);
        Assert.Contains($"{secondName} = {second.FolderPath}", html, StringComparison.Ordinal);
        Assert.Contains($"<th>{firstName}</th><th>{secondName}</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_HierarchySummaries_SideBySide()
    {
        using RunFolderFixture first = new RunFolderFixture("h1").WriteHierarchyRun();
        using RunFolderFixture second = new RunFolderFixture("h2").WriteHierarchyRun();

        ReportResult result = RunComparison.Write([first.FolderPath, second.FolderPath],
            Path.Combine(first.Root, "compare"), SmallFigures);

        Assert.Empty(result.Missing);
        Assert.Equal(["hierarchy_depth1.png", "hierarchy_depth2.png"], FigureNames(result));
        string html = File.ReadAllText(result.PagePath);
        Assert.Contains("<td class=\"key\">depths[1].crossings</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("[{", html, StringComparison.Ordinal);
    }

    private static string[] FigureNames(ReportResult result) =>
        [.. result.FigurePaths.Select(path => Path.GetFileName(path))];
}
