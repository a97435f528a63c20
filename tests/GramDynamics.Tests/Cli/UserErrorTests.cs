using System.Text.Json.Nodes;
using GramDynamics.Data;
using GramDynamics.Tests.Data;

namespace GramDynamics.Tests.Cli;

/// <summary>Mistakes a new user makes, each rejected or warned about in one clear line.</summary>
[Collection(CliCollection.Name)]
public sealed class UserErrorTests : IDisposable
{
    private readonly string _folder = CliHarness.CreateFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData("--steps", "1.5", "as an integer")]
    [InlineData("--memory-limit", "abc", "as a number")]
    public void ParseError_UsesPlainWords(string option, string value, string expected)
    {
        CliResult result = CliHarness.Run("run", option, value);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
        Assert.Contains("gramdyn run --help", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Options:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resume_MissingFolderIsNotFound()
    {
        CliResult result = CliHarness.Run("run", "--resume", Path.Combine(_folder, "absent"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run folder not found", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_FolderAsDataIsRejected()
    {
        CliResult result = CliHarness.Run("run", "--data", _folder, "--out", Path.Combine(_folder, "run"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("names a folder", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ConstantTargetsWarn()
    {
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run("run", "--samples", "30", "--widths", "8", "--steps", "5",
            "--task", "binary:<100", "--out", run, "--quiet", "--no-report");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("every target of", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DeathDuringTrainingIsReported()
    {
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run("run", "--samples", "200", "--widths", "32", "--steps", "100",
            "--record-every", "10", "--lr", "0.05", "--out", run, "--quiet", "--no-report");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("the network died during training", result.Error, StringComparison.Ordinal);
        JsonObject summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!.AsObject();
        Assert.NotNull(summary["died_at_step"]);
        Assert.Equal(1.0, summary["final_dead_layers"]!.GetValue<double>());
    }

    [Fact]
    public void Resume_LargerStepsExtendsCompleteRun()
    {
        string[] common = ["run", "--samples", "50", "--widths", "10,10", "--record-every", "5",
            "--spectrum-every", "10", "--quiet", "--no-report"];
        string whole = Path.Combine(_folder, "whole");
        string extended = Path.Combine(_folder, "extended");
        Assert.Equal(0, CliHarness.Run([.. common, "--steps", "30", "--out", whole]).ExitCode);
        Assert.Equal(0, CliHarness.Run([.. common, "--steps", "20", "--out", extended]).ExitCode);

        CliResult result = CliHarness.Run("run", "--resume", extended, "--steps", "30", "--quiet",
            "--no-report");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "metrics.csv")),
            File.ReadAllText(Path.Combine(extended, "metrics.csv")));
        Assert.Equal(NpyFile.ReadMatrix(Path.Combine(whole, "weights", "final", "W2.npy")).Values,
            NpyFile.ReadMatrix(Path.Combine(extended, "weights", "final", "W2.npy")).Values);
    }

    [Fact]
    public void Resume_OtherOptionsAreNamedAsIgnored()
    {
        string run = Path.Combine(_folder, "run");
        Assert.Equal(0, CliHarness.Run("run", "--samples", "30", "--widths", "6", "--steps", "10",
            "--stop-at", "5", "--out", run, "--quiet", "--no-report").ExitCode);

        CliResult result = CliHarness.Run("run", "--resume", run, "--widths", "99", "--quiet", "--no-report");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ignored: --widths", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Kernel_UsedOutputFolderIsRejected()
    {
        (string data, string weights, string readout) = WriteSmallNetwork();
        string output = Path.Combine(_folder, "out");
        Directory.CreateDirectory(output);
        File.WriteAllText(Path.Combine(output, "K2.npy"), "from an earlier network");

        CliResult result = CliHarness.Run("kernel", "--data", data, "--weights", weights,
            "--readout", readout, "--out", output);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists and is not empty", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(output, "K.npy")));
    }

    [Fact]
    public void Kernel_ReadsIdxImages()
    {
        string images = Path.Combine(_folder, "images-idx3-ubyte.gz");
        IdxWriter.WriteImages(images, 5, 2, 2, gzip: true);
        (_, string weights, string readout) = WriteSmallNetwork();
        string output = Path.Combine(_folder, "out");

        CliResult result = CliHarness.Run("kernel", "--data", images, "--weights", weights,
            "--readout", readout, "--out", output);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(25, NpyFile.ReadMatrix(Path.Combine(output, "K.npy")).Values.Length);
    }

    private (string Data, string Weights, string Readout) WriteSmallNetwork()
    {
        string data = Path.Combine(_folder, "X.npy");
        string weights = Path.Combine(_folder, "W1.npy");
        string readout = Path.Combine(_folder, "a.npy");
        NpyFile.WriteMatrix(data, [.. Enumerable.Range(0, 12).Select(i => i / 7.0)], 3, 4);
        NpyFile.WriteMatrix(weights, [.. Enumerable.Range(0, 12).Select(i => (i % 5) - 1.5)], 3, 4);
        NpyFile.WriteVector(readout, [1.0, -1.0, 0.5]);
        return (data, weights, readout);
    }
}
