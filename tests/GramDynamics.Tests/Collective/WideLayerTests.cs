using GramDynamics.Collective;
using GramDynamics.Numerics;
using GramDynamics.Tests.Collective.Reference;
using GramDynamics.Tests.Generators;

namespace GramDynamics.Tests.Collective;

/// <summary>Layers wider than 64 neurons, whose masks span several packed words.</summary>
public class WideLayerTests
{
    private static readonly NetworkCase Wide =
        new(4, 3, [70, 130, 64], Parametrization.Ntk, ReadoutKind.Signed, SpecialLayer.None, 1, 29);

    [Fact]
    public void Projector_MultiWordMasksMatchScalar()
    {
        Network network = Wide.BuildNetwork();
        double[] inputs = Wide.BuildInputs();
        using FieldState<double> fields = Wide.ComputeFields(network, inputs);
        var reference = new BruteForceKernel(network, inputs, Wide.Samples);
        for (int layer = 1; layer <= Wide.Depth; layer++)
        {
            int width = fields.Widths[layer];
            int words = FieldKernels.MaskWords(width);
            var neurons = new int[width];
            for (int mu = 0; mu < Wide.Samples; mu++)
            {
                for (int nu = 0; nu < Wide.Samples; nu++)
                {
                    int[] expected = [.. Enumerable.Range(0, width)
                        .Where(i => reference.IsActive(layer, mu, i) && reference.IsActive(layer, nu, i))];
                    Span<ulong> masks = fields.Masks(layer);
                    int count = CoactivationProjector.ActiveNeurons(masks.Slice(mu * words, words),
                        masks.Slice(nu * words, words), width, neurons);
                    Assert.Equal(expected, neurons[..count]);
                    Assert.Equal(expected.Length, CoactivationProjector.Trace(fields, layer, mu, nu));
                }
            }
        }
    }

    [Fact]
    public void GramMetrics_MultiWordMasksMatchScalar()
    {
        Network network = Wide.BuildNetwork();
        using FieldState<double> fields = Wide.ComputeFields(network, Wide.BuildInputs());
        for (int layer = 1; layer < Wide.Depth; layer++)
        {
            int rows = fields.Widths[layer + 1];
            int columns = fields.Widths[layer];
            double[] weights = fields.EffectiveWeights(layer + 1).ToArray();
            var pullbackGram = new double[columns * columns];
            var conjugateGram = new double[rows * rows];
            GramMetrics.PullbackGram(fields, layer, 0, 1, pullbackGram.AsSpan());
            GramMetrics.ConjugateGram(fields, layer, 0, 1, conjugateGram.AsSpan());

            double[] above = GramMetricProperties.ProjectorDiagonal(fields, layer + 1, 0, 1);
            double[] below = GramMetricProperties.ProjectorDiagonal(fields, layer, 0, 1);
            double[] expectedPullback = GramMetricProperties.ScalarPullback(weights, rows, columns, above);
            double[] expectedConjugate = GramMetricProperties.ScalarConjugate(weights, rows, columns, below);
            MatrixAssert.Close(expectedPullback, pullbackGram, columns, 1e-10, $"G_{layer}(0,1)");
            MatrixAssert.Close(expectedConjugate, conjugateGram, rows, 1e-10, $"Γ_{layer}(0,1)");
        }
    }
}
