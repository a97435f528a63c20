using GramDynamics.Tests.Cli;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Diagnostics;
using GramDynamics.Runs;
using GramDynamics.Tests.Collective;

namespace GramDynamics.Tests.Robustness;

/// <summary>
/// Dead layers (W_2 = 0, or every neuron negative on all data): Θ = 0, B below is 0, K = 0, every
/// diagnostic that divides by ‖K‖ is null, and GD stays finite and reports the dead layers.
/// </summary>
public class DeadLayerTests
{
    private const int Samples = 6;
    private const int Dimension = 3;

    public static TheoryData<string> Kinds => ["zero weights", "negative on all data"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void DeadLayer_ZeroesMaskFieldsAndKernel(string kind)
    {
        (Network network, double[] inputs) = DeadNetwork(kind);

        using var fields = new FieldState<double>(inputs, Samples, Dimension, network.Widths);
        fields.Forward(network);
        fields.Backward();
        (double[] kernel, double[][] parts) = RobustnessCases.Kernel(network, inputs, Samples);

        Assert.Equal([2, 3], DeadLayers.Find(fields));
        Assert.DoesNotContain(fields.Masks(2).ToArray(), word => word != 0);
        Assert.All(fields.Activations(2).ToArray(), value => Assert.Equal(0.0, value));
        Assert.All(fields.ConjugateFields(1).ToArray(), value => Assert.Equal(0.0, value));
        Assert.All(fields.ConjugateFields(2).ToArray(), value => Assert.Equal(0.0, value));
        Assert.All(kernel, value => Assert.Equal(0.0, value));
        Assert.All(parts, part => Assert.All(part, value => Assert.Equal(0.0, value)));
        Assert.Null(KernelDiagnostics.Distance(kernel, kernel, Samples));
        Assert.Null(KernelDiagnostics.TargetAlignment(kernel, Samples, Targets()));
        Assert.Null(KernelDiagnostics.LayerShares([.. parts.Select(p => KernelSpectrum.Trace(p, Samples))]));
        SpectrumSummary spectrum = KernelSpectrum.Summarize(kernel, Samples, 3);
        Assert.Null(spectrum.EffectiveRank);
        Assert.Equal(PsdVerdict.PositiveSemidefinite, spectrum.Psd);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void TrainingSession_DeadLayer_StaysFiniteAndReportsIt(string kind)
    {
        (Network network, double[] inputs) = DeadNetwork(kind);
        var collector = new RobustnessCases.RowCollector();

        using var session = new TrainingSession(inputs, Targets(), network,
            RobustnessCases.ShortRun([4, 5, 2]));
        double loss = session.Loss;
        bool finished = session.Run(collector, CancellationToken.None);

        Assert.True(finished);
        Assert.True(session.IsDead);
        Assert.Equal([2, 3], session.DeadLayers);
        Assert.Equal(0.0, session.InitialTopEigenvalue);
        Assert.Equal(1.0, session.Rate);
        Assert.Equal(loss, session.Loss);
        RobustnessCases.AssertRowsDefinedOrNull(collector.Rows);
        Assert.All(collector.Rows, row => Assert.Null(row["kernel_distance"]));
        Assert.All(collector.Rows, row => Assert.Null(row["alignment"]));
        Assert.All(collector.Rows, row => Assert.Null(row["effective_rank"]));
        Assert.All(collector.Rows, row => Assert.Null(row["share_L1"]));
        Assert.Contains("averaged_L1", session.FitRejections.Keys);
    }

    [Fact]
    public void TrainingSession_LiveNetwork_HasNoDeadLayer()
    {
        var network = Network.Initialize(Dimension, [4, 5, 2], Parametrization.Standard, ReadoutKind.Signed,
            1);
        network.Weights(1).AsSpan().Fill(0.5);
        network.Weights(2).AsSpan().Fill(0.5);
        network.Weights(3).AsSpan().Fill(0.5);

        using var session = new TrainingSession(PositiveInputs(), Targets(), network,
            RobustnessCases.ShortRun([4, 5, 2], steps: 0));

        Assert.False(session.IsDead);
        Assert.Empty(session.DeadLayers);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1e-320, 1.0)]
    [InlineData(4.0, 0.25)]
    public void ChooseRate_ZeroOrTinyTopEigenvalue_IsOne(double top, double expected)
    {
        Assert.Equal(expected, TrainingSession.ChooseRate(top));
    }

    [Fact]
    public void Describe_NamesLayers()
    {
        Assert.Equal("layer 2 is dead", DeadLayers.Describe([2]));
        Assert.Equal("layers 1, 2 and 3 are dead", DeadLayers.Describe([1, 2, 3]));
    }

    internal static (Network Network, double[] Inputs) DeadNetwork(string kind)
    {
        var network = Network.Initialize(Dimension, [4, 5, 2], Parametrization.Standard, ReadoutKind.Signed,
            7);
        double[] inputs = PositiveInputs();
        if (kind == "zero weights")
        {
            Array.Clear(network.Weights(2));
        }
        else
        {
            // Layer 1 all active (positive weights on positive data), layer 2 negative on all of it.
            network.Weights(1).AsSpan().Fill(0.3);
            for (int i = 0; i < network.Weights(2).Length; i++)
            {
                network.Weights(2)[i] = -Math.Abs(network.Weights(2)[i]) - 0.01;
            }
        }

        return (network, inputs);
    }

    private static double[] PositiveInputs() =>
        [.. Enumerable.Range(0, Samples * Dimension).Select(i => 0.1 + (0.05 * i))];

    private static double[] Targets() =>
        [.. Enumerable.Range(0, Samples).Select(mu => mu % 2 == 0 ? 1.0 : -1.0)];
}

/// <summary>`gramdyn run` warns in one line that names the dead layers.</summary>
[Collection(BlasSwitchCollection.Name)]
public class DeadLayerCommandTests
{
    [Fact]
    public void RunCommand_DeadLayer_WarnsNamingIt()
    {
        string folder = CliHarness.CreateFolder();
        (_, double[] inputs) = DeadLayerTests.DeadNetwork("zero weights");
        string data = Path.Combine(folder, "X.npy");
        string targets = Path.Combine(folder, "y.npy");
        NpyFile.WriteMatrix(data, inputs, 6, 3);
        NpyFile.WriteVector(targets, [1, -1, 1, -1, 1, -1]);

        // The CLI draws its own weights, so the run takes a seed whose single layer-1 neuron is
        // negative on all of the positive data.
        (int code, _, string error) = CliHarness.Run("run", "--data", data, "--targets", targets, "--task",
            "regression", "--widths", "1", "--steps", "1", "--seed", DeadSeed(inputs).ToString(
                System.Globalization.CultureInfo.InvariantCulture), "--quiet", "--no-report", "--out",
            Path.Combine(folder, "run"));

        Assert.True(code == 0, error);
        string[] warnings = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(warnings);
        Assert.StartsWith("gramdyn: warning: layer 1 is dead", warnings[0]);
    }

    // A seed whose single layer-1 neuron (standard init on d = 3) is negative on all the data.
    private static int DeadSeed(double[] inputs)
    {
        for (int seed = 0; ; seed++)
        {
            var network = Network.Initialize(3, [1], Parametrization.Standard, ReadoutKind.Signed, seed);
            double[] w = network.Weights(1);
            bool dead = true;
            for (int mu = 0; mu < 6 && dead; mu++)
            {
                dead = (w[0] * inputs[3 * mu]) + (w[1] * inputs[(3 * mu) + 1])
                    + (w[2] * inputs[(3 * mu) + 2]) <= 0;
            }

            if (dead)
            {
                return seed;
            }
        }
    }
}
