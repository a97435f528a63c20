using System.Buffers;

namespace GramDynamics.Numerics;

/// <summary>
/// Calls of the Fortran LAPACK symmetric eigensolvers in OpenBLAS (dsyevd_, ssyevd_, dsyevr_) with
/// a workspace query first, and INFO turned into <see cref="LapackException"/>. Matrices are
/// column-major n × n with UPLO = 'U', which is the lower triangle of a row-major matrix.
/// </summary>
internal static unsafe class LapackEigensolver
{
    private static readonly string[] s_syevdArguments =
        ["JOBZ", "UPLO", "N", "A", "LDA", "W", "WORK", "LWORK", "IWORK", "LIWORK", "INFO"];

    private static readonly string[] s_syevrArguments =
        ["JOBZ", "RANGE", "UPLO", "N", "A", "LDA", "VL", "VU", "IL", "IU", "ABSTOL", "M", "W", "Z", "LDZ",
            "ISUPPZ", "WORK", "LWORK", "IWORK", "LIWORK", "INFO"];

    /// <summary>Runs dsyevd_. On return A contains the eigenvectors when wantVectors is set.</summary>
    /// <param name="matrix">A: [n, n], overwritten.</param>
    /// <param name="n">Order of A, at least 1.</param>
    /// <param name="eigenvalues">[n], ascending.</param>
    /// <param name="wantVectors">JOBZ = 'V' when true, 'N' otherwise.</param>
    public static void Syevd(Span<double> matrix, int n, Span<double> eigenvalues, bool wantVectors)
    {
        byte jobz = wantVectors ? (byte)'V' : (byte)'N';
        byte uplo = (byte)'U';
        int order = n;
        int lda = Math.Max(1, n);
        int info = 0;
        int lwork = -1;
        int liwork = -1;
        double workQuery = 0;
        int integerWorkQuery = 0;
        fixed (double* a = matrix)
        fixed (double* w = eigenvalues)
        {
            OpenBlasNativeMethods.dsyevd_(&jobz, &uplo, &order, a, &lda, w, &workQuery, &lwork,
                &integerWorkQuery, &liwork, &info, 1, 1);
            CheckSyevdInfo("dsyevd", info, n, wantVectors);
            lwork = WorkspaceLength("dsyevd", "LWORK", workQuery, SyevdMinimumWork(n, wantVectors), n);
            liwork = WorkspaceLength("dsyevd", "LIWORK", integerWorkQuery,
                SyevdMinimumIntegerWork(n, wantVectors), n);
            double[] work = ArrayPool<double>.Shared.Rent(lwork);
            int[] integerWork = ArrayPool<int>.Shared.Rent(liwork);
            try
            {
                fixed (double* pWork = work)
                fixed (int* pIntegerWork = integerWork)
                {
                    OpenBlasNativeMethods.dsyevd_(&jobz, &uplo, &order, a, &lda, w, pWork, &lwork,
                        pIntegerWork, &liwork, &info, 1, 1);
                }
            }
            finally
            {
                ArrayPool<double>.Shared.Return(work);
                ArrayPool<int>.Shared.Return(integerWork);
            }
        }

        CheckSyevdInfo("dsyevd", info, n, wantVectors);
    }

    /// <summary>Runs ssyevd_. On return A contains the eigenvectors when wantVectors is set.</summary>
    /// <param name="matrix">A: [n, n], overwritten.</param>
    /// <param name="n">Order of A, at least 1.</param>
    /// <param name="eigenvalues">[n], ascending.</param>
    /// <param name="wantVectors">JOBZ = 'V' when true, 'N' otherwise.</param>
    public static void Syevd(Span<float> matrix, int n, Span<float> eigenvalues, bool wantVectors)
    {
        byte jobz = wantVectors ? (byte)'V' : (byte)'N';
        byte uplo = (byte)'U';
        int order = n;
        int lda = Math.Max(1, n);
        int info = 0;
        int lwork = -1;
        int liwork = -1;
        float workQuery = 0;
        int integerWorkQuery = 0;
        fixed (float* a = matrix)
        fixed (float* w = eigenvalues)
        {
            OpenBlasNativeMethods.ssyevd_(&jobz, &uplo, &order, a, &lda, w, &workQuery, &lwork,
                &integerWorkQuery, &liwork, &info, 1, 1);
            CheckSyevdInfo("ssyevd", info, n, wantVectors);

            // A float WORK(1) can round sizes above 2²⁴ down, so the documented minimum is the floor.
            lwork = WorkspaceLength("ssyevd", "LWORK", workQuery, SyevdMinimumWork(n, wantVectors), n);
            liwork = WorkspaceLength("ssyevd", "LIWORK", integerWorkQuery,
                SyevdMinimumIntegerWork(n, wantVectors), n);
            float[] work = ArrayPool<float>.Shared.Rent(lwork);
            int[] integerWork = ArrayPool<int>.Shared.Rent(liwork);
            try
            {
                fixed (float* pWork = work)
                fixed (int* pIntegerWork = integerWork)
                {
                    OpenBlasNativeMethods.ssyevd_(&jobz, &uplo, &order, a, &lda, w, pWork, &lwork,
                        pIntegerWork, &liwork, &info, 1, 1);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(work);
                ArrayPool<int>.Shared.Return(integerWork);
            }
        }

        CheckSyevdInfo("ssyevd", info, n, wantVectors);
    }

    /// <summary>
    /// Runs dsyevr_ with RANGE = 'I' for the <paramref name="count"/> largest eigenvalues, and their
    /// eigenvectors when <paramref name="eigenvectors"/> is not empty.
    /// </summary>
    /// <param name="matrix">A: [n, n], overwritten.</param>
    /// <param name="n">Order of A, at least 1.</param>
    /// <param name="count">k, from 1 to n.</param>
    /// <param name="eigenvalues">[k], ascending.</param>
    /// <param name="eigenvectors">Empty, or [k, n]: row j is the eigenvector of eigenvalue j.</param>
    public static void SyevrLargest(Span<double> matrix, int n, int count, Span<double> eigenvalues,
        Span<double> eigenvectors)
    {
        bool wantVectors = !eigenvectors.IsEmpty;
        byte jobz = wantVectors ? (byte)'V' : (byte)'N';
        byte range = (byte)'I';
        byte uplo = (byte)'U';
        int order = n;
        int lda = Math.Max(1, n);
        int ldz = Math.Max(1, n);
        int lower = n - count + 1;
        int upper = n;
        double valueLow = 0;
        double valueHigh = 0;
        double absoluteTolerance = 0; // LAPACK's default, ε times the 1-norm of the tridiagonal form
        int found = 0;
        int info = 0;
        int lwork = -1;
        int liwork = -1;
        double workQuery = 0;
        int integerWorkQuery = 0;
        double unusedVector = 0;

        // W must hold n values even though only the first k are written.
        double[] allValues = ArrayPool<double>.Shared.Rent(n);
        int[] support = ArrayPool<int>.Shared.Rent(2 * count);
        try
        {
            fixed (double* a = matrix)
            fixed (double* w = allValues)
            fixed (double* zSpan = eigenvectors)
            fixed (int* isuppz = support)
            {
                double* z = wantVectors ? zSpan : &unusedVector;
                OpenBlasNativeMethods.dsyevr_(&jobz, &range, &uplo, &order, a, &lda, &valueLow, &valueHigh,
                    &lower, &upper, &absoluteTolerance, &found, w, z, &ldz, isuppz, &workQuery, &lwork,
                    &integerWorkQuery, &liwork, &info, 1, 1, 1);
                CheckSyevrInfo(info);
                lwork = WorkspaceLength("dsyevr", "LWORK", workQuery, Math.Max(1, 26L * n), n);
                liwork = WorkspaceLength("dsyevr", "LIWORK", integerWorkQuery, Math.Max(1, 10L * n), n);
                double[] work = ArrayPool<double>.Shared.Rent(lwork);
                int[] integerWork = ArrayPool<int>.Shared.Rent(liwork);
                try
                {
                    fixed (double* pWork = work)
                    fixed (int* pIntegerWork = integerWork)
                    {
                        OpenBlasNativeMethods.dsyevr_(&jobz, &range, &uplo, &order, a, &lda, &valueLow,
                            &valueHigh, &lower, &upper, &absoluteTolerance, &found, w, z, &ldz, isuppz, pWork,
                            &lwork, pIntegerWork, &liwork, &info, 1, 1, 1);
                    }
                }
                finally
                {
                    ArrayPool<double>.Shared.Return(work);
                    ArrayPool<int>.Shared.Return(integerWork);
                }
            }

            CheckSyevrInfo(info);
            if (found != count)
            {
                ThrowHelper.ThrowNumerical(
                    $"dsyevr returned {found} eigenvalues, expected {count} for n = {n}");
            }

            allValues.AsSpan(0, count).CopyTo(eigenvalues);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(allValues);
            ArrayPool<int>.Shared.Return(support);
        }
    }

    // Minimum LWORK and LIWORK of dsyevd and ssyevd from the LAPACK documentation.
    private static long SyevdMinimumWork(int n, bool wantVectors)
    {
        if (n <= 1)
        {
            return 1;
        }

        return wantVectors ? 1 + (6L * n) + (2L * n * n) : (2L * n) + 1;
    }

    private static long SyevdMinimumIntegerWork(int n, bool wantVectors)
    {
        if (n <= 1 || !wantVectors)
        {
            return 1;
        }

        return 3 + (5L * n);
    }

    // LWORK and LIWORK are 32-bit Fortran integers in the LP64 build of OpenBLAS, so a larger
    // workspace cannot be passed at all.
    internal static int WorkspaceLength(string routine, string argument, double query, long minimum, int n)
    {
        double needed = Math.Max(Math.Ceiling(query), minimum);
        if (!(needed <= int.MaxValue))
        {
            ThrowHelper.ThrowNumerical(
                $"{routine} needs {argument} = {needed:G17} for n = {n}, more than the 2147483647 that a "
                + "32-bit LAPACK integer can hold; use a smaller matrix or request eigenvalues only");
        }

        return (int)needed;
    }

    internal static void CheckSyevdInfo(string routine, int info, int n, bool wantVectors)
    {
        if (info < 0)
        {
            ThrowInvalidArgument(routine, info, s_syevdArguments);
        }

        if (info > 0)
        {
            string failure = wantVectors
                ? $"failed to compute an eigenvalue while working on the submatrix in rows and columns "
                    + $"{info / (n + 1)} through {info % (n + 1)}"
                : $"{info} off-diagonal elements of an intermediate tridiagonal form did not converge "
                    + "to zero";
            throw new LapackException(routine, info,
                $"{routine} did not converge (INFO = {info}): {failure}");
        }
    }

    private static void CheckSyevrInfo(int info)
    {
        if (info < 0)
        {
            ThrowInvalidArgument("dsyevr", info, s_syevrArguments);
        }

        if (info > 0)
        {
            throw new LapackException("dsyevr", info, $"dsyevr failed with internal error INFO = {info}");
        }
    }

    private static void ThrowInvalidArgument(string routine, int info, string[] arguments)
    {
        int position = -info;
        string name = position <= arguments.Length ? arguments[position - 1] : "unknown";
        throw new LapackException(routine, info,
            $"{routine} rejected argument {position} ({name}) as invalid (INFO = {info}); "
            + "the call from GramDynamics is wrong, not the input matrix");
    }
}
