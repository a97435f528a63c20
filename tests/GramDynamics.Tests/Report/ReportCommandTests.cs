using System.CommandLine;
using GramDynamics.Cli;
using GramDynamics.Cli.Commands;

namespace GramDynamics.Tests.Report;

public sealed class ReportCommandTests
{
    private static int Invoke(params string[] args) =>
        new RootCommand { ReportCommand.Create(), CompareCommand.Create() }.Parse(args).Invoke();

    [Fact]
    public void ReportCommand_RunFolder_Succeeds()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();

        int exitCode = Invoke("report", run.FolderPath, "--width", "400", "--height", "300");

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(run.FolderPath, "report.html")));
    }

    [Fact]
    public void ReportCommand_NotRunFolder_Fails()
    {
        using var run = new RunFolderFixture();

        Assert.Equal(1, Invoke("report", run.FolderPath));
        Assert.False(File.Exists(Path.Combine(run.FolderPath, "report.html")));
    }

    [Fact]
    public void CompareCommand_OneFolder_Fails()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();

        Assert.Equal(1, Invoke("compare", run.FolderPath, "--out", Path.Combine(run.Root, "compare")));
    }

    [Fact]
    public void CompareCommand_TwoFolders_WritesPage()
    {
        using RunFolderFixture first = new RunFolderFixture("a").WriteComplete();
        using RunFolderFixture second = new RunFolderFixture("b").WriteComplete(seed: 3);
        string output = Path.Combine(first.Root, "compare");

        int exitCode = Invoke("compare", first.FolderPath, second.FolderPath, "--out", output,
            "--width", "400", "--height", "300");

        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(output, "compare.html")));
    }

    [Theory]
    [InlineData("--width", "0", "--width is 0, expected 200 to 8000 pixels")]
    [InlineData("--height", "9000", "--height is 9000, expected 200 to 8000 pixels")]
    public void SizeOptions_OutOfRange_OneLineMessage(string option, string value, string expected)
    {
        (Option<int> width, Option<int> height) = ReportCommand.SizeOptions();
        var command = new RootCommand { width, height };

        UsageException error = Assert.Throws<UsageException>(() =>
            ReportCommand.SizeFrom(command.Parse([option, value]), width, height));

        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void ReportCommand_ZeroWidth_Fails()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();

        Assert.Equal(1, Invoke("report", run.FolderPath, "--width", "0"));
        Assert.False(File.Exists(Path.Combine(run.FolderPath, "report.html")));
    }

    [Fact]
    public void CompareCommand_ZeroHeight_Fails()
    {
        using RunFolderFixture first = new RunFolderFixture("a").WriteComplete();
        using RunFolderFixture second = new RunFolderFixture("b").WriteComplete();
        string output = Path.Combine(first.Root, "compare");

        Assert.Equal(1,
            Invoke("compare", first.FolderPath, second.FolderPath, "--out", output, "--height", "0"));
        Assert.False(File.Exists(Path.Combine(output, "compare.html")));
    }

    [Fact]
    public void CompareCommand_SameFolderTwice_Fails()
    {
        using RunFolderFixture run = new RunFolderFixture().WriteComplete();
        string output = Path.Combine(run.Root, "compare");

        Assert.Equal(1, Invoke("compare", run.FolderPath, run.FolderPath + "/", "--out", output));
        Assert.False(File.Exists(Path.Combine(output, "compare.html")));
    }
}
