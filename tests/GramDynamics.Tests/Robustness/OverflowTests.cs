using GramDynamics.Tests.Cli;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Runs;
using GramDynamics.Tests.Collective;

namespace GramDynamics.Tests.Robustness;

/// <summary>
/// Deep networks whose weights are scaled far from He: fields that overflow or underflow stop with
/// a <see cref="NumericalException"/> that names the layer, and K is otherwise finite.
/// </summary>
public class OverflowTests
{
    private const int Depth = 15;
    private const int Width = 3;
    private const int Samples = 4;
    private const int Dimension = 2;

    public static TheoryData<double, Precision> ScaledCases()
    {
        var cases = new TheoryData<double, Precision>();
        foreach (double scale in (double[])[16, 1e-3, 1e12, 1e-12])
        {
            foreach (Precision precision in Enum.GetValues<Precision>())
            {
                cases.Add(scale, precision);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(ScaledCases))]
    public void DeepScaledNetwork_StopsOrGivesFiniteKernel(double scale, Precision precision)
    {
        (Network network, double[] inputs) = ScaledNetwork(scale);

        NumericalException? failure = Record.Exception(() =>
        {
            (double[] kernel, double[][] parts) = RobustnessCases.Kernel(network, inputs, Samples, precision);
            Assert.All(kernel, value => Assert.True(double.IsFinite(value), $"K entry {value}"));
            Assert.Contains(kernel, value => value != 0);
        }) as NumericalException;

        if (failure is not null)
        {
            Assert.Matches(@"^(layer \d+: .* (overflow|underflow) in (double|float32)"
                + @"|the residual kernel K overflows)",
                failure.Message);
        }
    }

    [Fact]
    public void DeepScaledNetwork_DoubleWithinRange_IsFinite()
    {
        // 16^15 ≈ 1e18 and 1e-3^15 = 1e-45 are far inside the double limits 1e±150.
        foreach (double scale in (double[])[16, 1e-3])
        {
            (Network network, double[] inputs) = ScaledNetwork(scale);

            double[] kernel = RobustnessCases.Kernel(network, inputs, Samples).Kernel;

            Assert.All(kernel, value => Assert.True(double.IsFinite(value)));
            Assert.True(kernel[0] > 0);
        }
    }

    [Theory]
    [InlineData(1e12, Precision.Double, "overflow in double")]
    [InlineData(1e-12, Precision.Double, "underflow in double")]
    [InlineData(1e-3, Precision.Float32, "underflow in float32")]
    [InlineData(1e-3, Precision.Mixed, "underflow in float32")]
    [InlineData(1e3, Precision.Float32, "overflow in float32")]
    public void DeepScaledNetwork_OutOfRange_NamesLayer(double scale, Precision precision, string kind)
    {
        (Network network, double[] inputs) = ScaledNetwork(scale);

        var failure = Assert.Throws<NumericalException>(() => RobustnessCases.Kernel(network, inputs, Samples,
            precision));

        Assert.Matches(@"^layer (\d+): the (activation fields U|conjugate fields B)_\1 ", failure.Message);
        Assert.Contains(kind, failure.Message);
        Assert.Contains("rescale the weights or the inputs", failure.Message);
    }

    [Fact]
    public void Overflow_CountsValuesPastLimit()
    {
        (Network network, double[] inputs) = ScaledNetwork(1.0);
        network.Weights(1)[0] = 1e200;

        var failure = Assert.Throws<NumericalException>(
            () => RobustnessCases.Kernel(network, inputs, Samples));

        Assert.StartsWith("layer 1: the activation fields U_1 overflow in double: ", failure.Message);
        Assert.Matches(@": \d+ of 12 values are non-finite or exceed 1E\+150", failure.Message);
    }

    [Fact]
    public void CheckKernel_NonFiniteEntry_NamesLayerPart()
    {
        double[] kernel = [1, 2, 2, double.PositiveInfinity];
        double[][] parts = [[1, 1, 1, 1], [0, 1, 1, double.PositiveInfinity]];

        var failure = Assert.Throws<NumericalException>(() =>
            FieldRange.CheckKernel(kernel, parts, Precision.Double));

        Assert.Contains("1 of 4 entries", failure.Message);
        Assert.Contains("K^(2)", failure.Message);
    }

    [Fact]
    public void TrainingSession_OverflowingStep_ReportsDivergence()
    {
        (Network network, double[] inputs) = ScaledNetwork(1.0);
        double[] targets = [1, -1, 1, -1];
        TrainingOptions options = RobustnessCases.ShortRun(network.Widths, steps: 50) with
        {
            LearningRate = 1e150,
            DivergenceFactor = double.MaxValue,
        };

        using var session = new TrainingSession(inputs, targets, network, options);
        Exception failure = Record.Exception(() => session.Run(new RobustnessCases.RowCollector(),
            CancellationToken.None));

        Assert.IsType<TrainingDivergedException>(failure);
        Assert.StartsWith("training diverged at step ", failure.Message);
    }

    internal static (Network Network, double[] Inputs) ScaledNetwork(double scale)
    {
        int[] widths = [.. Enumerable.Repeat(Width, Depth)];
        double[][] weights = new double[Depth][];
        var random = new Random(5);
        for (int layer = 0; layer < Depth; layer++)
        {
            int fanIn = layer == 0 ? Dimension : Width;

            // Positive weights on positive data keep every neuron active, so no layer dies.
            weights[layer] = [.. Enumerable.Range(0, Width * fanIn)
                .Select(_ => scale * (0.5 + random.NextDouble()) / fanIn)];
        }

        var network = new Network(Dimension, widths, weights, [.. Enumerable.Repeat(1.0, Depth)],
            [.. Enumerable.Repeat(1.0, Width)]);
        double[] inputs = [.. Enumerable.Range(0, Samples * Dimension).Select(i => 0.5 + (0.1 * i))];
        return (network, inputs);
    }
}

/// <summary>`gramdyn kernel` reports an overflowing layer as one error line and writes nothing.</summary>
[Collection(BlasSwitchCollection.Name)]
public class OverflowCommandTests
{
    [Fact]
    public void KernelCommand_Overflow_PrintsOneErrorLine()
    {
        string folder = CliHarness.CreateFolder();
        string data = Path.Combine(folder, "X.npy");
        NpyFile.WriteMatrix(data, [1, 2, 3, 4], 2, 2);
        NpyFile.WriteMatrix(Path.Combine(folder, "W1.npy"), [1e200, 1, 1, 1], 2, 2);
        NpyFile.WriteVector(Path.Combine(folder, "a.npy"), [1, 1]);
        string output = Path.Combine(folder, "out");

        (int code, _, string error) = CliHarness.Run("kernel", "--data", data, "--weights",
            Path.Combine(folder, "W1.npy"), "--readout", Path.Combine(folder, "a.npy"), "--out", output);

        Assert.Equal(1, code);
        string[] lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        Assert.StartsWith("gramdyn: error: layer 1: the activation fields U_1 overflow in double", lines[0]);
        Assert.False(Directory.Exists(output));
    }
}
