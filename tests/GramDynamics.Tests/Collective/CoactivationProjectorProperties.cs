using FsCheck.Xunit;
using GramDynamics.Collective;
using GramDynamics.Numerics;
using GramDynamics.Tests.Collective.Reference;
using GramDynamics.Tests.Generators;

namespace GramDynamics.Tests.Collective;

/// <summary>Co-activation projector identities: D_ℓ(μ,ν) is a symmetric 0/1 diagonal projector.</summary>
[Properties(Arbitrary = [typeof(NetworkArbitraries)], MaxTest = 100)]
public class CoactivationProjectorProperties
{
    [Property]
    public void Projector_IsSymmetricIdempotentProjector(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        using FieldState<double> fields = value.ComputeFields(network, inputs);
        int n = value.Samples;
        for (int layer = 1; layer <= value.Depth; layer++)
        {
            int width = value.Widths[layer - 1];
            var counts = new double[n * n];
            GramMatrices.CoactivationCounts(fields, layer, counts);
            for (int mu = 0; mu < n; mu++)
            {
                for (int nu = 0; nu < n; nu++)
                {
                    string label = $"D_{layer}({mu},{nu})";
                    double[] projector = DenseProjector(fields, layer, mu, nu, width);
                    double[] swapped = DenseProjector(fields, layer, nu, mu, width);
                    MatrixAssert.BitwiseSymmetric(projector, width, label);
                    double[] square = Multiply(projector, projector, width);
                    MatrixAssert.Identical(projector, square, width, $"{label}²");
                    MatrixAssert.Identical(projector, swapped, width, $"{label} against D({nu},{mu})");
                    foreach (double eigenvalue in SymmetricEigen.Values(projector, width))
                    {
                        Assert.True(Math.Abs(eigenvalue) < 1e-12 || Math.Abs(eigenvalue - 1) < 1e-12,
                            $"{label} has eigenvalue {eigenvalue:R}, expected 0 or 1");
                    }

                    double trace = Enumerable.Range(0, width).Sum(i => projector[(i * width) + i]);
                    Assert.Equal(counts[(mu * n) + nu], trace);
                    Assert.Equal(trace, CoactivationProjector.Trace(fields, layer, mu, nu));
                }
            }
        }
    }

    [Property]
    public void Projector_MatchesScalarMasks(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        using FieldState<double> fields = value.ComputeFields(network, inputs);
        var reference = new BruteForceKernel(network, inputs, value.Samples);
        int n = value.Samples;
        for (int layer = 1; layer <= value.Depth; layer++)
        {
            int width = value.Widths[layer - 1];
            var diagonal = new double[width];
            var neurons = new int[width];
            int words = FieldKernels.MaskWords(width);
            for (int mu = 0; mu < n; mu++)
            {
                for (int nu = 0; nu < n; nu++)
                {
                    CoactivationProjector.Diagonal(fields, layer, mu, nu, diagonal.AsSpan());
                    Span<ulong> masks = fields.Masks(layer);
                    int count = CoactivationProjector.ActiveNeurons(masks.Slice(mu * words, words),
                        masks.Slice(nu * words, words), width, neurons);
                    int[] expected = [.. Enumerable.Range(0, width)
                        .Where(i => reference.IsActive(layer, mu, i) && reference.IsActive(layer, nu, i))];
                    for (int i = 0; i < width; i++)
                    {
                        Assert.Equal(expected.Contains(i) ? 1.0 : 0.0, diagonal[i]);
                    }

                    Assert.Equal(expected, neurons[..count]);
                }
            }
        }
    }

    [Property]
    public void Projector_SpecialLayerIsAllDeadOrAllActive(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        using FieldState<double> fields = value.ComputeFields(network, inputs);
        int layer = value.SpecialIndex;
        int width = value.Widths[layer - 1];
        for (int mu = 0; mu < value.Samples; mu++)
        {
            int active = CoactivationProjector.Trace(fields, layer, mu, mu);
            switch (value.Special)
            {
                case SpecialLayer.DeadByZeroWeights:
                case SpecialLayer.DeadByNegativeWeights:
                    Assert.Equal(0, active);
                    break;
                case SpecialLayer.AllActive:
                    Assert.Equal(width, active);
                    break;
                case SpecialLayer.None:
                    break;
            }
        }
    }

    private static double[] DenseProjector(FieldState<double> fields, int layer, int mu, int nu, int width)
    {
        var diagonal = new double[width];
        CoactivationProjector.Diagonal(fields, layer, mu, nu, diagonal.AsSpan());
        var dense = new double[width * width];
        for (int i = 0; i < width; i++)
        {
            dense[(i * width) + i] = diagonal[i];
        }

        return dense;
    }

    private static double[] Multiply(double[] left, double[] right, int n)
    {
        var product = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    sum += left[(i * n) + k] * right[(k * n) + j];
                }

                product[(i * n) + j] = sum;
            }
        }

        return product;
    }
}
