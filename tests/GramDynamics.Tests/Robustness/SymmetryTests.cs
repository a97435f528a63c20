using GramDynamics.Collective;
using GramDynamics.Numerics;
using GramDynamics.Tests.Collective;
using GramDynamics.Tests.Collective.Reference;

namespace GramDynamics.Tests.Robustness;

/// <summary>
/// K, Q, S and P are bitwise symmetric in every precision, with OpenBLAS and with the managed
/// fallback. Outputs start out as NaN, so a triangle that SYRK leaves unwritten would show.
/// </summary>
[Collection(BlasSwitchCollection.Name)]
public class SymmetryTests
{
    private const int Samples = 37;
    private const int Dimension = 5;

    public static TheoryData<bool> BlasModes => [false, true];

    [Theory]
    [MemberData(nameof(BlasModes))]
    public void Kernel_EveryPrecision_IsBitwiseSymmetric(bool managed)
    {
        WithBlas(managed, () =>
        {
            (Network network, double[] inputs) = Case();
            foreach (Precision precision in Enum.GetValues<Precision>())
            {
                using var workspace = new ResidualKernel(inputs, Samples, Dimension, network.Widths,
                    precision, blockRows: 8);
                double[] kernel = NaNs(Samples * Samples);
                double[][] parts = [.. network.Widths.Select(_ => NaNs(Samples * Samples))];

                workspace.Compute(network, kernel, parts);

                AssertMirrored(kernel, Samples, $"K in {precision}, managed {managed}");
                for (int layer = 0; layer < parts.Length; layer++)
                {
                    AssertMirrored(parts[layer], Samples, $"K^({layer + 1}) in {precision}");
                }
            }
        });
    }

    [Theory]
    [MemberData(nameof(BlasModes))]
    public void Grams_NaNPrefilledUpperTriangle_IsMirrored(bool managed)
    {
        WithBlas(managed, () =>
        {
            (Network network, double[] inputs) = Case();
            using var doubleFields = new FieldState<double>(inputs, Samples, Dimension, network.Widths);
            using var floatFields = new FieldState<float>(inputs, Samples, Dimension, network.Widths);
            doubleFields.Forward(network);
            doubleFields.Backward();
            floatFields.Forward(network);
            floatFields.Backward();

            for (int layer = 0; layer <= network.Depth; layer++)
            {
                double[] overlap = NaNs(Samples * Samples);
                GramMatrices.ActivationOverlap(doubleFields, layer, overlap);
                AssertMirrored(overlap, Samples, $"Q^({layer}) double, managed {managed}");
                float[] floatOverlap = [.. NaNs(Samples * Samples).Select(v => (float)v)];
                GramMatrices.ActivationOverlap(floatFields, layer, floatOverlap);
                AssertBitwiseSymmetric(floatOverlap, $"Q^({layer}) float32, managed {managed}");
            }

            for (int layer = 1; layer <= network.Depth; layer++)
            {
                double[] correlator = NaNs(Samples * Samples);
                GramMatrices.ConjugateCorrelator(doubleFields, layer, correlator);
                AssertMirrored(correlator, Samples, $"S^({layer}) double, managed {managed}");
                float[] floatCorrelator = [.. NaNs(Samples * Samples).Select(v => (float)v)];
                GramMatrices.ConjugateCorrelator(floatFields, layer, floatCorrelator);
                AssertBitwiseSymmetric(floatCorrelator, $"S^({layer}) float32, managed {managed}");
                double[] counts = NaNs(Samples * Samples);
                GramMatrices.CoactivationCounts(doubleFields, layer, counts);
                AssertMirrored(counts, Samples, $"P^({layer})");
            }
        });
    }

    [Theory]
    [MemberData(nameof(BlasModes))]
    public void SyrkLower_BetaZero_OverwritesNaN(bool managed)
    {
        WithBlas(managed, () =>
        {
            double[] a = [1, 2, 3, 4, 5, 6];
            double[] c = NaNs(9);

            Blas.SyrkLower(3, 2, 1.0, a, 2, 0.0, c, 3);

            double[] lower = [c[0], c[3], c[4], c[6], c[7], c[8]];
            Assert.Equal([5.0, 11, 25, 17, 39, 61], lower);
        });
    }

    private static void AssertMirrored(double[] matrix, int n, string label)
    {
        MatrixAssert.BitwiseSymmetric(matrix, n, label);
        Assert.True(!matrix.Any(double.IsNaN), $"{label}: a NaN entry is left");
    }

    private static void AssertBitwiseSymmetric(float[] matrix, string label)
    {
        for (int i = 0; i < Samples; i++)
        {
            for (int j = 0; j < i; j++)
            {
                float lower = matrix[(i * Samples) + j];
                float upper = matrix[(j * Samples) + i];
                Assert.True(BitConverter.SingleToInt32Bits(lower) == BitConverter.SingleToInt32Bits(upper)
                    && !float.IsNaN(lower), $"{label}: ({i}, {j}) = {lower}, ({j}, {i}) = {upper}");
            }
        }
    }

    private static void WithBlas(bool managed, Action body)
    {
        bool previous = Blas.ForceManaged;
        try
        {
            Blas.ForceManaged = managed;
            body();
        }
        finally
        {
            Blas.ForceManaged = previous;
        }
    }

    private static double[] NaNs(int length) => [.. Enumerable.Repeat(double.NaN, length)];

    private static (Network Network, double[] Inputs) Case()
    {
        var network = Network.Initialize(Dimension, [9, 4, 6], Parametrization.Ntk, ReadoutKind.Signed, 13);
        var random = new SeededNormal(21);
        double[] inputs = [.. Enumerable.Range(0, Samples * Dimension).Select(_ => random.Next())];
        return (network, inputs);
    }
}
