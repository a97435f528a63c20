using System.Runtime.Intrinsics;
using GramDynamics.Collective;
using GramDynamics.Numerics;
using GramDynamics.Tests.Collective;
using GramDynamics.Tests.Collective.Reference;

namespace GramDynamics.Tests.Robustness;

/// <summary>
/// Pre-activations exactly 0 (including −0) are inactive and subnormal positive ones are active, in
/// the scalar, Vector256, Vector512 and bit-packed paths alike. .NET exposes no switch for the
/// MXCSR flush-to-zero and denormals-are-zero bits and runs with both off, so these tests check
/// that subnormals compare greater than 0 in every path under that mode.
/// </summary>
[Collection(BlasSwitchCollection.Name)]
public class TieTests
{
    // Widths as their bit counts, because SimdWidth is internal and theory parameters are public.
    public static TheoryData<int> Widths => [0, 256, 512];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Kernels_DoubleTiesAndSubnormals_FollowReluRule(int width)
    {
        double[] special =
            [0.0, -0.0, 1e-310, -1e-310, double.Epsilon, -double.Epsilon, 1e-300, -1e-300, 1, -1];
        AssertAllLengths((SimdWidth)width, special, 0.5);
    }

    [Theory]
    [MemberData(nameof(Widths))]
    public void Kernels_FloatTiesAndSubnormals_FollowReluRule(int width)
    {
        float[] special = [0f, -0f, 1e-40f, -1e-40f, float.Epsilon, -float.Epsilon, 1e-37f, -1e-37f, 1f, -1f];
        AssertAllLengths((SimdWidth)width, special, 0.5f);
    }

    [Fact]
    public void Subnormals_AreNotFlushedToZero()
    {
        // With FTZ/DAZ on, these would read as 0 and the products would be 0.
        Assert.True(1e-310 > 0.0);
        Assert.True(1e-40f > 0f);
        Assert.NotEqual(0.0, 1e-300 * 1e-10);
        Assert.NotEqual(0f, 1e-30f * 1e-10f);
        if (Vector256.IsHardwareAccelerated)
        {
            Assert.Equal(Vector256<double>.AllBitsSet,
                Vector256.GreaterThan(Vector256.Create(1e-310), Vector256<double>.Zero));
        }

        if (Vector512.IsHardwareAccelerated)
        {
            Assert.Equal(Vector512<float>.AllBitsSet,
                Vector512.GreaterThan(Vector512.Create(1e-40f), Vector512<float>.Zero));
        }
    }

    [Fact]
    public void Fields_ExactZeroPreactivations_AreInactive()
    {
        // Neuron 0 has weights (1, −2) and neuron 1 has (1, 0). Row 0 is the zero input. Row 1 is
        // integer data that cancels for neuron 0 (2 − 2·1 = 0). Row 2 is negative for neuron 0.
        // Row 3 gives both neurons the subnormal pre-activation 1e-310, which is active.
        double[] inputs = [0, 0, 2, 1, 1, 1, 1e-310, 0];
        double[][] weights = [[1, -2, 1, 0], [1, 1], [1]];
        var network = new Network(2, [2, 1, 1], weights, [1, 1, 1], [1]);

        foreach (SimdWidth width in (SimdWidth[])[SimdWidth.Scalar, SimdWidth.Vector256, SimdWidth.Vector512])
        {
            SimdWidth previous = SimdDriver.MaxWidth;
            try
            {
                SimdDriver.MaxWidth = width;
                using var fields = new FieldState<double>(inputs, 4, 2, network.Widths);
                fields.Forward(network);
                fields.Backward();
                var reference = new BruteForceKernel(network, inputs, 4);

                bool[] expectedNeuron0 = [false, false, false, true];
                bool[] expectedNeuron1 = [false, true, true, true];
                for (int mu = 0; mu < 4; mu++)
                {
                    Assert.Equal(expectedNeuron0[mu], fields.IsActive(1, mu, 0));
                    Assert.Equal(expectedNeuron1[mu], fields.IsActive(1, mu, 1));
                    Assert.Equal(reference.IsActive(1, mu, 0), fields.IsActive(1, mu, 0));
                    Assert.Equal(reference.IsActive(1, mu, 1), fields.IsActive(1, mu, 1));
                }

                Assert.Equal(0.0, fields.Activations(1)[2]);
                Assert.Equal(0.0, fields.ConjugateFields(1)[2]);
                MatrixAssert.Close(reference.Kernel, RobustnessCases.Kernel(network, inputs, 4).Kernel, 4,
                    1e-12, $"K against brute force at {width}");
            }
            finally
            {
                SimdDriver.MaxWidth = previous;
            }
        }
    }

    private static void AssertAllLengths<T>(SimdWidth width, T[] special, T gradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SimdWidth previous = SimdDriver.MaxWidth;
        try
        {
            SimdDriver.MaxWidth = width;
            for (int length = 0; length <= 130; length++)
            {
                // Every special value lands in every lane position as the length grows.
                T[] u = [.. Enumerable.Range(0, length)
                    .Select(i => special[(i * 7 + length) % special.Length])];
                T[] g = [.. Enumerable.Repeat(gradient, length)];
                var h = new T[length];
                var b = new T[length];
                var bits = new ulong[FieldKernels.MaskWords(length)];

                FieldKernels.Relu<T>(u, h);
                FieldKernels.MaskedProduct<T>(u, g, b);
                FieldKernels.PackMask<T>(u, bits);

                for (int i = 0; i < length; i++)
                {
                    bool active = u[i] > T.Zero;
                    string where = $"{typeof(T).Name} {width} length {length} index {i} value {u[i]}";
                    Assert.True(active == ((bits[i >> 6] >> (i & 63) & 1) != 0), $"mask bit at {where}");
                    Assert.True(active ? h[i] == u[i] : T.IsZero(h[i]), $"ReLU at {where}");
                    Assert.False(T.IsNegative(h[i]), $"ReLU sign at {where}");
                    Assert.True(active ? b[i] == gradient : T.IsZero(b[i]), $"masked product at {where}");
                }
            }
        }
        finally
        {
            SimdDriver.MaxWidth = previous;
        }
    }
}
