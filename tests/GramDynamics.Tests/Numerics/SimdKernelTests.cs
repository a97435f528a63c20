using GramDynamics.Numerics;
using GramDynamics.Tests.Collective;

namespace GramDynamics.Tests.Numerics;

/// <summary>
/// Every SIMD kernel at every length from 0 to 140, in each vector width the machine has, against a
/// plain scalar loop. Widths are narrowed through the process-wide <see cref="SimdDriver.MaxWidth"/>.
/// </summary>
[Collection(BlasSwitchCollection.Name)]
public sealed class SimdKernelTests
{
    private const int MaxLength = 140;

    /// <summary>Vector widths in bits; 0 is the scalar path.</summary>
    public static TheoryData<int> Widths() => [0, 256, 512];

    [Theory]
    [MemberData(nameof(Widths))]
    public void Relu_MatchesScalarAtEveryLength(int width) => ForEachLength(width, length =>
    {
        double[] u = Values(length, 1);
        var h = new double[length];
        FieldKernels.Relu<double>(u, h);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(u[i] > 0 ? u[i] : 0.0, h[i]);
        }

        float[] uf = [.. u.Select(v => (float)v)];
        var hf = new float[length];
        FieldKernels.Relu<float>(uf, hf);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(uf[i] > 0 ? uf[i] : 0f, hf[i]);
        }
    });

    [Theory]
    [MemberData(nameof(Widths))]
    public void MaskedProduct_InPlaceMatchesScalar(int width) => ForEachLength(width, length =>
    {
        double[] u = Values(length, 2);
        double[] g = Values(length, 3);
        double[] expected = [.. u.Zip(g, (ui, gi) => ui > 0 ? gi : 0.0)];
        FieldKernels.MaskedProduct<double>(u, g, g);
        Assert.Equal(expected, g);
    });

    [Theory]
    [MemberData(nameof(Widths))]
    public void HadamardAccumulate_InPlaceMatchesScalar(int width) => ForEachLength(width, length =>
    {
        double[] k = Values(length, 4);
        double[] q = Values(length, 5);
        double[] s = Values(length, 6);
        double[] expected = [.. Enumerable.Range(0, length).Select(i => k[i] + (0.75 * q[i] * s[i]))];
        FieldKernels.HadamardAccumulate<double>(k, q, s, 0.75);
        Assert.Equal(expected, k);

        float[] kf = [.. Values(length, 7).Select(v => (float)v)];
        float[] qf = [.. q.Select(v => (float)v)];
        float[] sf = [.. s.Select(v => (float)v)];
        float[] expectedFloat = [.. Enumerable.Range(0, length).Select(i => kf[i] + (0.75f * qf[i] * sf[i]))];
        FieldKernels.HadamardAccumulate<float>(kf, qf, sf, 0.75f);
        Assert.Equal(expectedFloat, kf);
    });

    [Theory]
    [MemberData(nameof(Widths))]
    public void ScaleRows_MatchesScalar(int width) => ForEachLength(width, length =>
    {
        const int rows = 3;
        double[] matrix = Values(rows * length, 8);
        double[] scale = [2.0, -0.5, 0.0];
        double[] expected =
            [.. Enumerable.Range(0, rows * length).Select(i => scale[i / Math.Max(1, length)] * matrix[i])];
        FieldKernels.ScaleRows<double>(matrix, rows, length, scale);
        Assert.Equal(expected, matrix);
    });

    [Theory]
    [MemberData(nameof(Widths))]
    public void PackMask_MatchesScalarBits(int width) => ForEachLength(width, length =>
    {
        double[] u = Values(length, 9);
        if (length > 2)
        {
            u[length / 2] = 0.0;
            u[length - 1] = double.Epsilon;
        }

        int words = FieldKernels.MaskWords(length);
        var bits = new ulong[words + 1];
        bits[^1] = ulong.MaxValue;
        FieldKernels.PackMask<double>(u, bits);
        for (int i = 0; i < length; i++)
        {
            bool set = ((bits[i >> 6] >> (i & 63)) & 1) != 0;
            Assert.Equal(u[i] > 0, set);
        }

        for (int i = length; i < words * 64; i++)
        {
            Assert.Equal(0UL, (bits[i >> 6] >> (i & 63)) & 1);
        }

        float[] uf = [.. u.Select(v => (float)v)];
        var floatBits = new ulong[words];
        FieldKernels.PackMask<float>(uf, floatBits);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal(uf[i] > 0, ((floatBits[i >> 6] >> (i & 63)) & 1) != 0);
        }
    });

    [Fact]
    public void CoactivationCount_MatchesScalarCount()
    {
        for (int length = 0; length <= MaxLength; length++)
        {
            double[] a = Values(length, 10);
            double[] b = Values(length, 11);
            int words = FieldKernels.MaskWords(length);
            var bitsA = new ulong[words];
            var bitsB = new ulong[words];
            FieldKernels.PackMask<double>(a, bitsA);
            FieldKernels.PackMask<double>(b, bitsB);
            int expected = Enumerable.Range(0, length).Count(i => a[i] > 0 && b[i] > 0);
            Assert.Equal(expected, FieldKernels.CoactivationCount(bitsA, bitsB));
        }
    }

    private static void ForEachLength(int width, Action<int> check)
    {
        SimdWidth previous = SimdDriver.MaxWidth;
        try
        {
            SimdDriver.MaxWidth = (SimdWidth)width;
            for (int length = 0; length <= MaxLength; length++)
            {
                check(length);
            }
        }
        finally
        {
            SimdDriver.MaxWidth = previous;
        }
    }

    /// <summary>
    /// Seeded values in [−1, 1) with about a third exactly 0, so ties at zero are exercised.
    /// </summary>
    private static double[] Values(int length, int seed)
    {
        var random = new Random(seed * 1000 + length);
        return [.. Enumerable.Range(0, length)
            .Select(_ => random.Next(3) == 0 ? 0.0 : (random.NextDouble() * 2) - 1)];
    }
}
