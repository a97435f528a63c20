using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Tests.Collective.Reference;

namespace GramDynamics.Tests.Cli;

[Collection(CliCollection.Name)]
public sealed class KernelCommandTests : IDisposable
{
    private const int Samples = 37;
    private const int Dimension = 11;
    private static readonly int[] Widths = [23, 9, 17];
    private static readonly double[] Multipliers = [0.7, 1.3, 0.4];

    private readonly string _folder = CliHarness.CreateFolder();
    private readonly Network _network;
    private readonly double[] _inputs;
    private readonly string[] _arguments;

    public KernelCommandTests()
    {
        // A network and data set drawn here only: Gaussian inputs and He weights from seed 2026.
        var random = new SeededNormal(2026);
        _inputs = [.. Enumerable.Range(0, Samples * Dimension).Select(_ => random.Next())];
        Network drawn = Network.Initialize(Dimension, Widths, Parametrization.Standard, ReadoutKind.Signed,
            2026);
        _network = new Network(Dimension, Widths, [.. Enumerable.Range(1, 3).Select(drawn.Weights)],
            Multipliers, drawn.Readout);
        string data = Path.Combine(_folder, "X.npy");
        NpyFile.WriteMatrix(data, _inputs, Samples, Dimension);
        var weights = new List<string>();
        for (int layer = 1; layer <= 3; layer++)
        {
            string path = Path.Combine(_folder, $"W{layer}.npy");
            NpyFile.WriteMatrix(path, _network.Weights(layer), _network.Width(layer),
                _network.Width(layer - 1));
            weights.Add(path);
        }

        string readout = Path.Combine(_folder, "a.npy");
        NpyFile.WriteVector(readout, _network.Readout);
        _arguments = ["kernel", "--data", data, "--weights", string.Join(',', weights), "--readout", readout,
            "--multipliers", "0.7,1.3,0.4"];
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Kernel_DoubleEqualsBruteForce()
    {
        string output = Path.Combine(_folder, "out");
        CliResult result = CliHarness.Run([.. _arguments, "--out", output]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var reference = new BruteForceKernel(_network, _inputs, Samples);
        double[] kernel = NpyFile.ReadMatrix(Path.Combine(output, "K.npy")).Values;
        MatrixAssert.FrobeniusClose(reference.Kernel, kernel, 1e-12, "K");
    }

    [Fact]
    public void Kernel_LayerPartsSumToKernel()
    {
        string output = Path.Combine(_folder, "out");
        Assert.Equal(0, CliHarness.Run([.. _arguments, "--out", output]).ExitCode);

        double[] kernel = NpyFile.ReadMatrix(Path.Combine(output, "K.npy")).Values;
        var sum = new double[kernel.Length];
        for (int layer = 1; layer <= 3; layer++)
        {
            double[] part = NpyFile.ReadMatrix(Path.Combine(output, $"K{layer}.npy")).Values;
            for (int i = 0; i < sum.Length; i++)
            {
                sum[i] += part[i];
            }
        }

        MatrixAssert.FrobeniusClose(kernel, sum, 1e-14, "K1 + K2 + K3");
    }

    [Theory]
    [InlineData("float32", 1e-5)]
    [InlineData("mixed", 1e-6)]
    public void Kernel_ReducedPrecisionWithinTolerance(string precision, double tolerance)
    {
        string output = Path.Combine(_folder, "out");
        CliResult result = CliHarness.Run([.. _arguments, "--precision", precision, "--out", output]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("relative Frobenius error of K against double", result.Output,
            StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "precision.json")));
        var reference = new BruteForceKernel(_network, _inputs, Samples);
        double[] kernel = NpyFile.ReadMatrix(Path.Combine(output, "K.npy")).Values;
        MatrixAssert.FrobeniusClose(reference.Kernel, kernel, tolerance, $"K in {precision}");
    }

    [Fact]
    public void Kernel_ObjectsUseSpecNames()
    {
        string output = Path.Combine(_folder, "out");
        Assert.Equal(0, CliHarness.Run([.. _arguments, "--objects", "--out", output]).ExitCode);

        foreach (string name in (string[])["C", "Q0", "Q1", "Q2", "U1", "U3", "H1", "H3", "B1", "B3", "S1",
            "S3", "P1", "P3"])
        {
            Assert.True(File.Exists(Path.Combine(output, $"{name}.npy")), $"{name}.npy is missing");
        }

        double[] u1 = NpyFile.ReadMatrix(Path.Combine(output, "U1.npy")).Values;
        Assert.Equal(Samples * Widths[0], u1.Length);
        double[] inputGram = NpyFile.ReadMatrix(Path.Combine(output, "C.npy")).Values;
        double[] overlap = NpyFile.ReadMatrix(Path.Combine(output, "Q0.npy")).Values;
        Assert.Equal(inputGram, overlap);
        double[] p3 = NpyFile.ReadMatrix(Path.Combine(output, "P3.npy")).Values;
        Assert.All(p3, count => Assert.True(count >= 0 && count <= Widths[2] && count == Math.Floor(count)));
    }

    [Fact]
    public void Kernel_MultiplierCountMismatchIsRejected()
    {
        string output = Path.Combine(_folder, "out");
        List<string> args = [.. _arguments];
        args[args.IndexOf("--multipliers") + 1] = "1,1";
        CliResult result = CliHarness.Run([.. args, "--out", output]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--multipliers has 2 values, expected one per layer (3)", result.Error,
            StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Kernel_WeightShapeMismatchIsRejected()
    {
        string output = Path.Combine(_folder, "out");
        List<string> args = [.. _arguments];
        int index = args.IndexOf("--weights") + 1;
        string[] weights = args[index].Split(',');
        args[index] = string.Join(',', weights[0], weights[2], weights[1]);
        CliResult result = CliHarness.Run([.. args, "--out", output]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("W2 is 17 × 9, expected 23 columns", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(output));
    }
}
