using GramDynamics.Tests.Cli;
using System.Text.Json.Nodes;
using FsCheck.Xunit;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Runs;
using GramDynamics.Tests.Collective;
using GramDynamics.Tests.Collective.Reference;
using GramDynamics.Tests.Generators;

namespace GramDynamics.Tests.Robustness;

/// <summary>N = 1, d = 1 and width-1 layers: K is formed, and every diagnostic is defined or null.</summary>
[Properties(Arbitrary = [typeof(NetworkArbitraries)], MaxTest = 60)]
public class DegenerateShapeTests
{
    [Property]
    public void SingleSample_KernelIsOneByOneAndDefined(NetworkCase value)
    {
        AssertDegenerateCase(value with { Samples = 1 });
    }

    [Property]
    public void InputDimensionOne_KernelIsDefined(NetworkCase value)
    {
        AssertDegenerateCase(value with { InputDimension = 1 });
    }

    [Property]
    public void WidthOneLayers_KernelIsDefined(NetworkCase value)
    {
        AssertDegenerateCase(value with { Widths = [.. value.Widths.Select(_ => 1)] });
    }

    [Fact]
    public void TrainingSession_SingleSample_RecordsNoNaN()
    {
        var network = Network.Initialize(1, [1, 1], Parametrization.Standard, ReadoutKind.Signed, seed: 3);
        double[] inputs = [0.7];
        double[] targets = [1.0];
        var collector = new RobustnessCases.RowCollector();

        using var session = new TrainingSession(inputs, targets, network, RobustnessCases.ShortRun([1, 1]));
        bool finished = session.Run(collector, CancellationToken.None);

        Assert.True(finished);
        Assert.Equal(1, session.Kernel.Length);
        Assert.True(double.IsFinite(session.Loss));
        Assert.Equal(4, collector.Rows.Count);
        RobustnessCases.AssertRowsDefinedOrNull(collector.Rows);
        Assert.All(session.Summary.Values,
            value => RobustnessCases.AssertFiniteOrNull(value, "summary value"));
    }

    private static void AssertDegenerateCase(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        int n = value.Samples;

        (double[] kernel, double[][] parts) = RobustnessCases.Kernel(network, inputs, n);

        Assert.Equal(n * n, kernel.Length);
        var reference = new BruteForceKernel(network, inputs, n);
        MatrixAssert.Close(reference.Kernel, kernel, n, 1e-10, $"K against brute force for {value}");
        double[] targets = [.. Enumerable.Range(0, n).Select(mu => mu % 2 == 0 ? 1.0 : -1.0)];
        RobustnessCases.AssertDiagnosticsDefinedOrNull(kernel, parts, n, targets);
    }
}

/// <summary>`gramdyn run` and `gramdyn kernel` on a one-sample data set, in-process.</summary>
[Collection(BlasSwitchCollection.Name)]
public class DegenerateShapeCommandTests
{
    [Fact]
    public void RunCommand_SingleSample_Completes()
    {
        string folder = Path.Combine(CliHarness.CreateFolder(), "run");

        (int code, _, string error) = CliHarness.Run("run", "--teacher", "--teacher-samples", "1",
            "--teacher-dimension", "2", "--widths", "1,1", "--steps", "2", "--record-every", "1",
            "--spectrum-every", "1", "--seed", "4", "--quiet", "--no-report", "--out", folder);

        Assert.True(code == 0, error);
        JsonObject config = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "config.json")))!.AsObject();
        Assert.Equal("complete", config["status"]!.GetValue<string>());
        string metrics = File.ReadAllText(Path.Combine(folder, "metrics.csv"));
        Assert.DoesNotContain("NaN", metrics, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Infinity", metrics, StringComparison.OrdinalIgnoreCase);
        NpyArray kernel = NpyFile.ReadMatrix(Path.Combine(folder, "K_final.npy"));
        Assert.Equal(1, kernel.Rows);
        Assert.Equal(1, kernel.Columns);
    }

    [Fact]
    public void KernelCommand_SingleSample_WritesOneByOne()
    {
        string folder = CliHarness.CreateFolder();
        string data = Path.Combine(folder, "X.npy");
        NpyFile.WriteMatrix(data, [0.5], 1, 1);
        NpyFile.WriteMatrix(Path.Combine(folder, "W1.npy"), [2.0], 1, 1);
        NpyFile.WriteVector(Path.Combine(folder, "a.npy"), [1.0]);

        (int code, _, string error) = CliHarness.Run("kernel", "--data", data, "--weights",
            Path.Combine(folder, "W1.npy"), "--readout", Path.Combine(folder, "a.npy"), "--out",
            Path.Combine(folder, "out"));

        Assert.True(code == 0, error);
        NpyArray kernel = NpyFile.ReadMatrix(Path.Combine(folder, "out", "K.npy"));
        Assert.Equal(1, kernel.Rows);

        // K = c² (x x) (b b) with b = a = 1 on the active neuron: 0.25.
        Assert.Equal(0.25, kernel.Values[0], 15);
    }
}
