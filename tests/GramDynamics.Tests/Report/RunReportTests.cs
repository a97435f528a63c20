using System.Text.RegularExpressions;
using GramDynamics.Report;

namespace GramDynamics.Tests.Report;

public sealed class RunReportTests
{
    private static readonly ReportOptions SmallFigures = new() { Width = 480, Height = 320 };

    [Fact]
    public void Report_CompleteRun_DrawsEveryFigure()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        string[] names = [.. FigureNames(result).Order()];
        string[] expected =
        [
            "activation.png", "e1_crossings.png", "gram_metric_spectrum_L0.png",
            "gram_metric_spectrum_L1.png", "kernel_motion.png", "kernel_spectrum.png", "layer_shares.png",
            "loss.png",
        ];
        Assert.Equal(expected, names);
        Assert.Empty(result.Missing);
        foreach (string path in result.FigurePaths)
        {
            byte[] png = File.ReadAllBytes(path);
            Assert.Equal((480, 320), PngCheck.Size(png));
            Assert.True(PngCheck.DistinctColors(png) > 10, $"{Path.GetFileName(path)} is nearly blank");
        }
    }

    [Fact]
    public void Report_Html_EmbedsEveryFigure()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        string html = File.ReadAllText(result.PagePath);
        Assert.Equal(Path.Combine(run.FolderPath, "report.html"), result.PagePath);
        Assert.Equal(result.FigurePaths.Count, Regex.Matches(html, "data:image/png;base64,").Count);
        Assert.Contains("Settings (config.json)", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"key\">parametrization</td><td>standard</td>", html,
            StringComparison.Ordinal);
        Assert.Contains("<td class=\"key\">dataset.name</td><td>teacher</td>", html,
            StringComparison.Ordinal);
        Assert.Contains("<td class=\"key\">final_loss</td><td class=\"number\">1.25</td>", html,
            StringComparison.Ordinal);
        Assert.DoesNotContain("http://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_EmbeddedImages_MatchPngFiles()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        string html = File.ReadAllText(result.PagePath);
        string[] embedded = [.. Regex.Matches(html, "data:image/png;base64,([A-Za-z0-9+/=]+)")
            .Select(match => match.Groups[1].Value)];
        byte[][] files = [.. result.FigurePaths.Select(File.ReadAllBytes)];
        Assert.Equal(files.Length, embedded.Length);
        for (int i = 0; i < files.Length; i++)
        {
            Assert.Equal(files[i], Convert.FromBase64String(embedded[i]));
        }
    }

    [Fact]
    public void Report_RunningRun_ListsMissingParts()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteConfig(status: "running")
            .WriteMetrics("e1", "crossings_L1", "crossings_L2");

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        string missing = string.Join("\n", result.Missing);
        Assert.Contains("the run is running, not complete", missing, StringComparison.Ordinal);
        Assert.Contains("summary.json is missing", missing, StringComparison.Ordinal);
        Assert.Contains("spectra.csv is missing", missing, StringComparison.Ordinal);
        Assert.Contains("metrics.csv has no column e1, crossings_L1..2", missing, StringComparison.Ordinal);
        Assert.Contains("Gram metric spectra: not drawn", missing, StringComparison.Ordinal);
        Assert.Contains("loss.png", FigureNames(result));
        Assert.Contains("kernel_spectrum.png", FigureNames(result));
        string html = File.ReadAllText(result.PagePath);
        Assert.Contains("Missing or incomplete", html, StringComparison.Ordinal);
        Assert.Contains("<li>summary.json is missing</li>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_MetricsOnly_DrawsWithoutConfig()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteMetrics();

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        Assert.Contains("config.json is missing", result.Missing);
        Assert.Contains("layer_shares.png", FigureNames(result));
        Assert.Equal(result.FigurePaths.Count,
            Regex.Matches(File.ReadAllText(result.PagePath), "data:image/png;base64,").Count);
    }

    [Fact]
    public void Report_ConfigOnly_ListsEveryMissingFile()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteConfig(status: "interrupted");

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        Assert.Empty(result.FigurePaths);
        Assert.Contains("metrics.csv is missing", result.Missing);
        Assert.Contains("spectra.csv is missing", result.Missing);
        Assert.Contains(result.Missing,
            line => line.StartsWith("the run is interrupted", StringComparison.Ordinal));
        Assert.True(File.Exists(result.PagePath));
    }

    [Fact]
    public void Report_FolderWithoutRunFiles_Throws()
    {
        using var run = new RunFolderFixture();

        IOException error = Assert.Throws<IOException>(() => RunReport.Write(run.FolderPath, SmallFigures));

        Assert.Contains("not a run folder", error.Message, StringComparison.Ordinal);
        Assert.Contains(run.FolderPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_AbsentFolder_Throws()
    {
        string absent = Path.Combine(Path.GetTempPath(), "gramdyn-absent-" + Guid.NewGuid().ToString("N"));

        Assert.Throws<DirectoryNotFoundException>(() => RunReport.Write(absent, SmallFigures));
    }

    [Fact]
    public void Report_TooSmallWidth_Throws()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            RunReport.Write(run.FolderPath, new ReportOptions { Width = 10 }));
    }

    [Fact]
    public void Report_Hierarchy_DrawsOnePanelPerDepth()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete().WriteHierarchy(1, 2, 3);

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        string[] hierarchy =
            [.. FigureNames(result).Where(name => name.StartsWith("hierarchy_", StringComparison.Ordinal))];
        Assert.Equal(["hierarchy_depth1.png", "hierarchy_depth2.png", "hierarchy_depth3.png"], hierarchy);
        foreach (string path in result.FigurePaths)
        {
            byte[] png = File.ReadAllBytes(path);
            Assert.Equal((480, 320), PngCheck.Size(png));
            Assert.True(PngCheck.DistinctColors(png) > 10, $"{Path.GetFileName(path)} is nearly blank");
        }

        Assert.Empty(result.Missing);
    }

    [Fact]
    public void Report_HierarchyWithoutColumns_ListsThem()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();
        File.WriteAllText(Path.Combine(run.FolderPath, "hierarchy.csv"), "depth,step\n1,0\n");

        ReportResult result = RunReport.Write(run.FolderPath, SmallFigures);

        Assert.Contains("hierarchy.csv: columns integrator, r_divergence are missing; the file was not read",
            result.Missing);
    }

    private static string[] FigureNames(ReportResult result) =>
        [.. result.FigurePaths.Select(path => Path.GetFileName(path))];
}
