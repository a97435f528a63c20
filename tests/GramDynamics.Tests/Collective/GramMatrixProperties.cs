using FsCheck.Xunit;
using GramDynamics.Collective;
using GramDynamics.Tests.Collective.Reference;
using GramDynamics.Tests.Generators;

namespace GramDynamics.Tests.Collective;

/// <summary>
/// Gram matrix identities: C, Q^(ℓ), S^(ℓ), P^(ℓ) and K are bitwise symmetric and PSD, and C, Q,
/// S and P equal scalar loops over the brute-force fields.
/// </summary>
[Properties(Arbitrary = [typeof(NetworkArbitraries)], MaxTest = 100)]
public class GramMatrixProperties
{
    private const double Tolerance = 1e-10;
    private const double EigenTolerance = 1e-12;

    [Property]
    public void GramMatrices_AreSymmetricPsd(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        using FieldState<double> fields = value.ComputeFields(network, inputs);
        int n = value.Samples;
        var matrix = new double[n * n];

        GramMatrices.InputGram(fields, matrix.AsSpan());
        CheckSymmetricPsd(matrix, n, "C");
        for (int layer = 0; layer <= value.Depth; layer++)
        {
            GramMatrices.ActivationOverlap(fields, layer, matrix.AsSpan());
            CheckSymmetricPsd(matrix, n, $"Q^({layer})");
        }

        for (int layer = 1; layer <= value.Depth; layer++)
        {
            GramMatrices.ConjugateCorrelator(fields, layer, matrix.AsSpan());
            CheckSymmetricPsd(matrix, n, $"S^({layer})");
            GramMatrices.CoactivationCounts(fields, layer, matrix.AsSpan());
            CheckSymmetricPsd(matrix, n, $"P^({layer})");
        }

        using var kernel = new ResidualKernel(inputs, n, value.InputDimension, value.Widths);
        kernel.Compute(network, matrix);
        CheckSymmetricPsd(matrix, n, "K");
    }

    [Property]
    public void GramMatrices_MatchScalarLoops(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        using FieldState<double> fields = value.ComputeFields(network, inputs);
        var reference = new BruteForceKernel(network, inputs, value.Samples);
        int n = value.Samples;
        var matrix = new double[n * n];
        for (int layer = 0; layer <= value.Depth; layer++)
        {
            GramMatrices.ActivationOverlap(fields, layer, matrix.AsSpan());
            int width = reference.Widths[layer];
            double[] expected = BruteForceKernel.OuterGram(reference.Activations(layer), n, width);
            MatrixAssert.Close(expected, matrix, n, Tolerance, $"Q^({layer})");
        }

        for (int layer = 1; layer <= value.Depth; layer++)
        {
            int width = reference.Widths[layer];
            GramMatrices.ConjugateCorrelator(fields, layer, matrix.AsSpan());
            double[] expected = BruteForceKernel.OuterGram(reference.ConjugateFields(layer), n, width);
            MatrixAssert.Close(expected, matrix, n, Tolerance, $"S^({layer})");

            GramMatrices.CoactivationCounts(fields, layer, matrix.AsSpan());
            double[] masks = [.. Enumerable.Range(0, n * width)
                .Select(index => reference.IsActive(layer, index / width, index % width) ? 1.0 : 0.0)];
            MatrixAssert.Identical(BruteForceKernel.OuterGram(masks, n, width), matrix, n, $"P^({layer})");
        }
    }

    [Property]
    public void ResidualKernel_EqualsSumOfHadamardProducts(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        using FieldState<double> fields = value.ComputeFields(network, inputs);
        int n = value.Samples;
        var expected = new double[n * n];
        var overlap = new double[n * n];
        var correlator = new double[n * n];
        for (int layer = 1; layer <= value.Depth; layer++)
        {
            GramMatrices.ActivationOverlap(fields, layer - 1, overlap.AsSpan());
            GramMatrices.ConjugateCorrelator(fields, layer, correlator.AsSpan());
            double weight = network.Multiplier(layer) * network.Multiplier(layer);
            for (int index = 0; index < expected.Length; index++)
            {
                expected[index] += weight * overlap[index] * correlator[index];
            }
        }

        using var kernel = new ResidualKernel(inputs, n, value.InputDimension, value.Widths);
        var actual = new double[n * n];
        kernel.Compute(network, actual);
        MatrixAssert.Close(expected, actual, n, Tolerance, "K against Σ c² Q ⊙ S");
    }

    private static void CheckSymmetricPsd(double[] matrix, int n, string label)
    {
        MatrixAssert.BitwiseSymmetric(matrix, n, label);
        MatrixAssert.PositiveSemidefinite(matrix, n, EigenTolerance, label);
    }
}
