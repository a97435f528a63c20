using System.Numerics.Tensors;

namespace GramDynamics.Numerics;

/// <summary>
/// Plain managed GEMM and SYRK used where OpenBLAS is absent and as the reference in tests.
/// Row-major; the inner loop is a TensorPrimitives dot product or axpy, so it is slow but exact
/// to the usual floating-point reordering.
/// </summary>
internal static class ManagedBlas
{
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Pack op(A) rows and op(B) columns contiguously, then each entry is one dot product.
        T[] aPacked = new T[(long)m * k];
        T[] bPacked = new T[(long)n * k];
        for (int i = 0; i < m; i++)
        {
            for (int p = 0; p < k; p++)
            {
                aPacked[((long)i * k) + p] = transA ? a[(p * lda) + i] : a[(i * lda) + p];
            }
        }

        for (int j = 0; j < n; j++)
        {
            for (int p = 0; p < k; p++)
            {
                bPacked[((long)j * k) + p] = transB ? b[(j * ldb) + p] : b[(p * ldb) + j];
            }
        }

        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<T> aRow = aPacked.AsSpan(i * k, k);
            Span<T> cRow = c.Slice(i * ldc, n);
            for (int j = 0; j < n; j++)
            {
                T dot = TensorPrimitives.Dot(aRow, bPacked.AsSpan(j * k, k));
                cRow[j] = beta == T.Zero ? alpha * dot : (alpha * dot) + (beta * cRow[j]);
            }
        }
    }

    public static void SyrkLower<T>(int n, int k, T alpha, ReadOnlySpan<T> a, int lda, T beta,
        Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<T> aRow = a.Slice(i * lda, k);
            Span<T> cRow = c.Slice(i * ldc, i + 1);
            for (int j = 0; j <= i; j++)
            {
                T dot = k == 0 ? T.Zero : TensorPrimitives.Dot(aRow, a.Slice(j * lda, k));
                cRow[j] = beta == T.Zero ? alpha * dot : (alpha * dot) + (beta * cRow[j]);
            }
        }
    }
}
