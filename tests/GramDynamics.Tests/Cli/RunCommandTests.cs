using System.Text.Json.Nodes;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Tests.Collective.Reference;

namespace GramDynamics.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class RunCommandTests : IDisposable
{
    private static readonly string[] SmallRun =
    [
        "run", "--samples", "60", "--widths", "16,12", "--steps", "40", "--record-every", "5",
        "--spectrum-every", "20", "--checkpoint-every", "10", "--quiet", "--no-report",
    ];

    private readonly string _folder = CliHarness.CreateFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Run_WritesCompleteRunFolder()
    {
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run([.. SmallRun, "--out", run]);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (string file in (string[])["config.json", "metrics.csv", "spectra.csv", "summary.json",
            "X.npy", "y.npy", "a.npy", "K_initial.npy", "K_final.npy", "weights/initial/W1.npy",
            "weights/initial/W2.npy", "weights/final/W1.npy", "weights/final/W2.npy"])
        {
            Assert.True(File.Exists(Path.Combine(run, file)), $"{file} is missing from the run folder");
        }

        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!.AsObject();
        Assert.Equal("complete", config["status"]!.GetValue<string>());
        Assert.Equal(60, config["dataset"]!["samples"]!.GetValue<int>());
        JsonObject summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!.AsObject();
        Assert.True(summary["final_loss"]!.GetValue<double>() < summary["initial_loss"]!.GetValue<double>(),
            "the loss did not fall");
        string[] metrics = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        Assert.Equal(1 + 9, metrics.Length);
        Assert.DoesNotContain(metrics, line => line.Contains("NaN", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Run_MixedPrecisionRecordsItsError()
    {
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run([.. SmallRun, "--precision", "mixed", "--out", run]);

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!.AsObject();
        double error = config["precision_error_vs_double"]!.GetValue<double>();
        Assert.InRange(error, 0.0, 1e-6);
    }

    [Fact]
    public void Run_FinalKernelEqualsIndependentKernel()
    {
        string run = Path.Combine(_folder, "run");
        Assert.Equal(0, CliHarness.Run([.. SmallRun, "--out", run]).ExitCode);

        NpyArray x = NpyFile.ReadMatrix(Path.Combine(run, "X.npy"));
        double[] readout = NpyFile.ReadVector(Path.Combine(run, "a.npy"));
        double[][] weights = [.. Enumerable.Range(1, 2)
            .Select(l => NpyFile.ReadMatrix(Path.Combine(run, "weights", "final", $"W{l}.npy")).Values)];
        var network = new Network(x.Columns, [16, 12], weights, [1.0, 1.0], readout);
        var reference = new BruteForceKernel(network, x.Values, x.Rows);
        double[] kernel = NpyFile.ReadMatrix(Path.Combine(run, "K_final.npy")).Values;

        MatrixAssert.FrobeniusClose(reference.Kernel, kernel, 1e-10, "K_final");
    }

    [Fact]
    public void Resume_EndsWithUninterruptedWeights()
    {
        string whole = Path.Combine(_folder, "whole");
        string parts = Path.Combine(_folder, "parts");
        Assert.Equal(0, CliHarness.Run([.. SmallRun, "--out", whole]).ExitCode);
        CliResult stopped = CliHarness.Run([.. SmallRun, "--out", parts, "--stop-at", "17"]);
        Assert.True(stopped.ExitCode == 0, stopped.ToString());
        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(parts, "config.json")))!.AsObject();
        Assert.Equal("interrupted", config["status"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(parts, "summary.json")),
            "a stopped run must not look complete");

        CliResult resumed = CliHarness.Run("run", "--resume", parts, "--quiet", "--no-report");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        for (int layer = 1; layer <= 2; layer++)
        {
            string file = $"W{layer}.npy";
            double[] expected = NpyFile.ReadMatrix(Path.Combine(whole, "weights", "final", file)).Values;
            double[] actual = NpyFile.ReadMatrix(Path.Combine(parts, "weights", "final", file)).Values;
            Assert.Equal(expected, actual);
        }

        Assert.Equal(File.ReadAllText(Path.Combine(whole, "metrics.csv")),
            File.ReadAllText(Path.Combine(parts, "metrics.csv")));
        Assert.Equal(File.ReadAllText(Path.Combine(whole, "spectra.csv")),
            File.ReadAllText(Path.Combine(parts, "spectra.csv")));
    }

    [Fact]
    public void Run_DivergentRateStopsWithStepAndRatio()
    {
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run([.. SmallRun, "--lr", "5", "--out", run]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("diverged at step", result.Error, StringComparison.Ordinal);
        Assert.Contains("times the stable limit", result.Error, StringComparison.Ordinal);
        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "config.json")))!.AsObject();
        Assert.Equal("failed", config["status"]!.GetValue<string>());
        Assert.False(File.Exists(Path.Combine(run, "summary.json")));
    }

    [Theory]
    [InlineData("--widths", "16,0", "--widths entry 2 is '0'")]
    [InlineData("--widths", "16,x", "--widths entry 2 is 'x'")]
    [InlineData("--lr", "-1", "--lr is '-1'")]
    [InlineData("--precision", "half", "--precision is 'half'")]
    [InlineData("--task", "binary:", "--task is 'binary:'")]
    [InlineData("--samples", "0", "--samples is 0")]
    [InlineData("--record-every", "0", "--record-every is 0")]
    [InlineData("--readout", "missing-readout.npy", "missing-readout.npy")]
    public void Run_InvalidOptionIsRejected(string option, string value, string message)
    {
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run([.. WithOption(option, value), "--out", run]);

        Assert.True(result.ExitCode != 0, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(run, "summary.json")));
    }

    /// <summary>The small run's arguments with one option's value replaced or appended.</summary>
    private static string[] WithOption(string option, string value)
    {
        List<string> args = [.. SmallRun];
        int index = args.IndexOf(option);
        if (index >= 0)
        {
            args[index + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        return [.. args];
    }

    [Fact]
    public void Run_UnknownOptionIsRejected()
    {
        CliResult result = CliHarness.Run("run", "--stpes", "10");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--stpes", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ReadoutOfWrongLengthIsRejected()
    {
        string readout = Path.Combine(_folder, "a.npy");
        NpyFile.WriteVector(readout, [1.0, -1.0, 0.5]);
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run([.. SmallRun, "--readout", readout, "--out", run]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("readout has 3 entries, expected n_L = 12", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Run_ExistingFolderIsNotOverwritten()
    {
        string run = Path.Combine(_folder, "run");
        Directory.CreateDirectory(run);
        File.WriteAllText(Path.Combine(run, "notes.txt"), "keep");
        CliResult result = CliHarness.Run([.. SmallRun, "--out", run]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("already exists", result.Error, StringComparison.Ordinal);
        Assert.Equal("keep", File.ReadAllText(Path.Combine(run, "notes.txt")));
    }

    [Fact]
    public void Run_MismatchedTargetsAreRejected()
    {
        string x = Path.Combine(_folder, "X.npy");
        string y = Path.Combine(_folder, "y.npy");
        NpyFile.WriteMatrix(x, [.. Enumerable.Range(0, 12).Select(i => (double)i)], 4, 3);
        NpyFile.WriteVector(y, [1.0, -1.0, 1.0]);
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run("run", "--data", x, "--targets", y, "--out", run, "--quiet");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("3 targets for 4 samples", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }
}
