using GramDynamics.Numerics;

namespace GramDynamics.Tests.Numerics;

public class BlasTests
{
    [Fact]
    public void Gemm_OpenBlasMatchesManaged()
    {
        const int m = 7, n = 9, k = 5;
        var random = new Random(3);
        double[] a = [.. Enumerable.Range(0, m * k).Select(_ => random.NextDouble() - 0.5)];
        double[] b = [.. Enumerable.Range(0, n * k).Select(_ => random.NextDouble() - 0.5)];
        var fast = new double[m * n];
        var reference = new double[m * n];
        Blas.Gemm(false, true, m, n, k, 1.0, a, k, b, k, 0.0, fast, n);
        ManagedBlas.Gemm(false, true, m, n, k, 1.0, a, k, b, k, 0.0, reference, n);
        for (int i = 0; i < fast.Length; i++)
        {
            Assert.Equal(reference[i], fast[i], 1e-12);
        }
    }

    [Theory]
    [InlineData(false, false)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public void Gemm_TransposesAndStridesMatchManaged(bool transA, bool transB)
    {
        const int m = 13, n = 17, k = 9, pad = 3;
        var random = new Random(5);
        int lda = (transA ? m : k) + pad;
        int ldb = (transB ? k : n) + pad;
        int ldc = n + pad;
        double[] a = [.. Enumerable.Range(0, (transA ? k : m) * lda).Select(_ => random.NextDouble() - 0.5)];
        double[] b = [.. Enumerable.Range(0, (transB ? n : k) * ldb).Select(_ => random.NextDouble() - 0.5)];
        double[] c = [.. Enumerable.Range(0, m * ldc).Select(_ => random.NextDouble())];
        var reference = (double[])c.Clone();
        Blas.Gemm(transA, transB, m, n, k, 0.5, a, lda, b, ldb, 2.0, c, ldc);
        ManagedBlas.Gemm(transA, transB, m, n, k, 0.5, a, lda, b, ldb, 2.0, reference, ldc);
        for (int i = 0; i < c.Length; i++)
        {
            Assert.Equal(reference[i], c[i], 1e-12);
        }
    }

    [Fact]
    public void SyrkLower_MatchesManagedAndLeavesUpperTriangle()
    {
        const int n = 11, k = 7;
        var random = new Random(6);
        float[] a = [.. Enumerable.Range(0, n * k).Select(_ => (float)(random.NextDouble() - 0.5))];
        float[] c = [.. Enumerable.Repeat(float.NaN, n * n)];
        float[] reference = [.. Enumerable.Repeat(float.NaN, n * n)];
        Blas.SyrkLower(n, k, 1f, a, k, 0f, c, n);
        ManagedBlas.SyrkLower(n, k, 1f, a, k, 0f, reference, n);
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                if (j <= i)
                {
                    Assert.Equal(reference[(i * n) + j], c[(i * n) + j], 1e-5f);
                }
                else
                {
                    Assert.True(float.IsNaN(c[(i * n) + j]), $"upper entry ({i}, {j}) was written");
                }
            }
        }
    }

    [Fact]
    public void Gemm_ShortBufferIsRejected()
    {
        var a = new double[5];
        var b = new double[6];
        var c = new double[6];
        ArgumentException error = Assert.Throws<ArgumentException>(
            () => Blas.Gemm(false, false, 2, 3, 3, 1.0, a, 3, b, 3, 0.0, c, 3));
        Assert.Contains("expected at least 6", error.Message, StringComparison.Ordinal);
    }
}
