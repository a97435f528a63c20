using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Numerics.Tensors;

namespace GramDynamics.Numerics;

/// <summary>
/// Row-major GEMM and SYRK in double and float32. Calls OpenBLAS (cblas_dgemm, cblas_sgemm,
/// cblas_dsyrk, cblas_ssyrk) when libopenblas.so.0 loads, and a managed implementation otherwise.
/// </summary>
public static unsafe class Blas
{
    private static bool s_forceManaged;

    /// <summary>Whether calls go to OpenBLAS (false: the managed fallback).</summary>
    public static bool UsesOpenBlas => !s_forceManaged && OpenBlasNativeMethods.IsAvailable;

    /// <summary>Whether libopenblas.so.0 could be loaded, whatever the value of <see cref="ForceManaged"/>.</summary>
    public static bool IsOpenBlasInstalled => OpenBlasNativeMethods.IsAvailable;

    /// <summary>Routes every call to the managed fallback even where OpenBLAS is installed.</summary>
    public static bool ForceManaged
    {
        get => s_forceManaged;
        set => s_forceManaged = value;
    }

    /// <summary>One line telling the user how to install OpenBLAS, for faces that print it.</summary>
    public const string MissingOpenBlasMessage =
        "OpenBLAS not found: running on the slow managed fallback; "
        + "install it with 'apt-get install libopenblas0-pthread'.";

    /// <summary>The OpenBLAS build configuration string (openblas_get_config), or null without it.</summary>
    public static string? Configuration
    {
        get
        {
            if (!OpenBlasNativeMethods.IsAvailable)
            {
                return null;
            }

            return Marshal.PtrToStringAnsi(OpenBlasNativeMethods.openblas_get_config());
        }
    }

    /// <summary>Thread count OpenBLAS reports (openblas_get_num_threads); 1 for the fallback.</summary>
    public static int Threads =>
        OpenBlasNativeMethods.IsAvailable ? OpenBlasNativeMethods.openblas_get_num_threads() : 1;

    /// <summary>Sets the OpenBLAS thread count (openblas_set_num_threads); ignored by the fallback.</summary>
    public static void SetThreads(int threads)
    {
        if (threads < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(threads),
                $"thread count is {threads}, expected at least 1");
        }

        if (OpenBlasNativeMethods.IsAvailable)
        {
            OpenBlasNativeMethods.openblas_set_num_threads(threads);
        }
    }

    /// <summary>
    /// Computes C = alpha op(A) op(B) + beta C on row-major matrices (cblas_dgemm). op(A) is m × k,
    /// op(B) is k × n, C is m × n; lda, ldb and ldc are row strides.
    /// </summary>
    public static void Gemm<T>(bool transA, bool transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        CheckExtent(a, transA ? k : m, transA ? m : k, lda, nameof(a));
        CheckExtent(b, transB ? n : k, transB ? k : n, ldb, nameof(b));
        CheckExtent((ReadOnlySpan<T>)c, m, n, ldc, nameof(c));
        if (k == 0)
        {
            ScaleRows(c, m, n, ldc, beta);
            return;
        }

        if (!UsesOpenBlas)
        {
            ManagedBlas.Gemm(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }

        int ta = transA ? OpenBlasNativeMethods.Trans : OpenBlasNativeMethods.NoTrans;
        int tb = transB ? OpenBlasNativeMethods.Trans : OpenBlasNativeMethods.NoTrans;
        fixed (T* pa = a)
        fixed (T* pb = b)
        fixed (T* pc = c)
        {
            if (typeof(T) == typeof(double))
            {
                OpenBlasNativeMethods.cblas_dgemm(OpenBlasNativeMethods.RowMajor, ta, tb, m, n, k,
                    double.CreateTruncating(alpha), (double*)pa, lda, (double*)pb, ldb,
                    double.CreateTruncating(beta), (double*)pc, ldc);
            }
            else if (typeof(T) == typeof(float))
            {
                OpenBlasNativeMethods.cblas_sgemm(OpenBlasNativeMethods.RowMajor, ta, tb, m, n, k,
                    float.CreateTruncating(alpha), (float*)pa, lda, (float*)pb, ldb,
                    float.CreateTruncating(beta), (float*)pc, ldc);
            }
            else
            {
                ThrowHelper.ThrowUnsupportedElementType<T>();
            }
        }
    }

    /// <summary>
    /// Computes the lower triangle of C = alpha A Aᵀ + beta C (cblas_dsyrk, row-major, A is n × k).
    /// The strict upper triangle of C is not written.
    /// </summary>
    public static void SyrkLower<T>(int n, int k, T alpha, ReadOnlySpan<T> a, int lda, T beta,
        Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n == 0)
        {
            return;
        }

        CheckExtent(a, n, k, lda, nameof(a));
        CheckExtent((ReadOnlySpan<T>)c, n, n, ldc, nameof(c));
        if (k == 0 || !UsesOpenBlas)
        {
            ManagedBlas.SyrkLower(n, k, alpha, a, lda, beta, c, ldc);
            return;
        }

        fixed (T* pa = a)
        fixed (T* pc = c)
        {
            if (typeof(T) == typeof(double))
            {
                OpenBlasNativeMethods.cblas_dsyrk(OpenBlasNativeMethods.RowMajor, OpenBlasNativeMethods.Lower,
                    OpenBlasNativeMethods.NoTrans, n, k, double.CreateTruncating(alpha), (double*)pa, lda,
                    double.CreateTruncating(beta), (double*)pc, ldc);
            }
            else if (typeof(T) == typeof(float))
            {
                OpenBlasNativeMethods.cblas_ssyrk(OpenBlasNativeMethods.RowMajor, OpenBlasNativeMethods.Lower,
                    OpenBlasNativeMethods.NoTrans, n, k, float.CreateTruncating(alpha), (float*)pa, lda,
                    float.CreateTruncating(beta), (float*)pc, ldc);
            }
            else
            {
                ThrowHelper.ThrowUnsupportedElementType<T>();
            }
        }
    }

    private static void ScaleRows<T>(Span<T> c, int m, int n, int ldc, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            Span<T> row = c.Slice(i * ldc, n);
            if (beta == T.Zero)
            {
                row.Clear();
            }
            else
            {
                TensorPrimitives.Multiply(row, beta, row);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CheckExtent<T>(ReadOnlySpan<T> span, int rows, int columns, int stride, string name)
    {
        if (rows < 0 || columns < 0 || stride < Math.Max(1, columns))
        {
            ThrowHelper.ThrowArgument(name, $"shape {rows} × {columns} with row stride {stride} is invalid");
        }

        long needed = rows == 0 ? 0 : ((long)(rows - 1) * stride) + columns;
        if (span.Length < needed)
        {
            ThrowHelper.ThrowArgument(name,
                $"holds {span.Length} values, expected at least {needed} for {rows} × {columns} "
                + $"(stride {stride})");
        }
    }
}
