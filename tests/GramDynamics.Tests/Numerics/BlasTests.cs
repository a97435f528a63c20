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
}
