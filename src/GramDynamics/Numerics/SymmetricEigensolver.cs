using System.Buffers;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace GramDynamics.Numerics;

/// <summary>
/// Eigenvalues (ascending) and eigenvectors of a real symmetric n × n row-major matrix, in double
/// and float32. Calls LAPACK from OpenBLAS: dsyevd_ and ssyevd_ for the full spectrum, dsyevr_
/// with RANGE = 'I' for the largest k. Where OpenBLAS is absent or <see cref="Blas.ForceManaged"/>
/// is set, it runs the managed cyclic Jacobi method instead, which is slow (O(n³) per sweep,
/// fine for n up to a few hundred).
/// </summary>
/// <remarks>
/// Only the lower triangle of the row-major input is read. In LAPACK's column-major view that is
/// the upper triangle, so the routines get UPLO = 'U', and the output of
/// <see cref="Blas.SyrkLower{T}"/> can be passed as is. The input is never modified: it is copied
/// into a workspace first. Eigenvectors come back as rows: row k of the row-major output is the
/// unit eigenvector of eigenvalue k, which is LAPACK's column-major Z read row-major.
/// </remarks>
public static unsafe class SymmetricEigensolver
{
    /// <summary>Whether calls go to LAPACK in OpenBLAS (false: the managed Jacobi fallback).</summary>
    public static bool UsesLapack => Blas.UsesOpenBlas;

    /// <summary>Computes all eigenvalues, ascending (dsyevd_ or ssyevd_ with JOBZ = 'N').</summary>
    /// <param name="matrix">A: [n, n] row-major, symmetric; only the lower triangle is read.</param>
    /// <param name="n">Order of A.</param>
    /// <param name="eigenvalues">Receives the n eigenvalues, ascending: [n].</param>
    /// <exception cref="ArgumentException">A shape is wrong or A has a non-finite entry.</exception>
    /// <exception cref="LapackException">LAPACK returned INFO ≠ 0.</exception>
    /// <exception cref="NumericalException">The LAPACK workspace exceeds 2³¹ − 1 entries.</exception>
    public static void Eigenvalues<T>(ReadOnlySpan<T> matrix, int n, Span<T> eigenvalues)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckInput(matrix, n, eigenvalues, n);
        if (n == 0)
        {
            return;
        }

        T[] workspace = ArrayPool<T>.Shared.Rent(n * n);
        try
        {
            matrix[..(n * n)].CopyTo(workspace);
            Solve(workspace, n, eigenvalues, wantVectors: false);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(workspace);
        }
    }

    /// <summary>
    /// Computes all eigenvalues, ascending, and their unit eigenvectors (dsyevd_ or ssyevd_ with
    /// JOBZ = 'V').
    /// </summary>
    /// <param name="matrix">A: [n, n] row-major, symmetric; only the lower triangle is read.</param>
    /// <param name="n">Order of A.</param>
    /// <param name="eigenvalues">Receives the n eigenvalues, ascending: [n].</param>
    /// <param name="eigenvectors">
    /// Receives the eigenvectors: [n, n] row-major, row k belongs to eigenvalue k. It may not
    /// overlap <paramref name="matrix"/>.
    /// </param>
    /// <exception cref="ArgumentException">A shape is wrong or A has a non-finite entry.</exception>
    /// <exception cref="LapackException">LAPACK returned INFO ≠ 0.</exception>
    /// <exception cref="NumericalException">The LAPACK workspace exceeds 2³¹ − 1 entries.</exception>
    public static void Decompose<T>(ReadOnlySpan<T> matrix, int n, Span<T> eigenvalues, Span<T> eigenvectors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckInput(matrix, n, eigenvalues, n);
        CheckOutput(eigenvectors, (long)n * n, nameof(eigenvectors));
        if (n == 0)
        {
            return;
        }

        // The routines overwrite A with the eigenvectors, so A is copied straight into the output.
        matrix[..(n * n)].CopyTo(eigenvectors);
        Solve(eigenvectors[..(n * n)], n, eigenvalues, wantVectors: true);
    }

    /// <summary>
    /// Computes the <paramref name="count"/> largest eigenvalues, ascending (dsyevr_ with
    /// JOBZ = 'N', RANGE = 'I', IL = n − count + 1, IU = n).
    /// </summary>
    /// <param name="matrix">A: [n, n] row-major, symmetric; only the lower triangle is read.</param>
    /// <param name="n">Order of A.</param>
    /// <param name="count">k, from 0 to n.</param>
    /// <param name="eigenvalues">Receives λ_{n−k+1} ≤ … ≤ λ_n: [k].</param>
    /// <exception cref="ArgumentException">A shape is wrong or A has a non-finite entry.</exception>
    /// <exception cref="LapackException">LAPACK returned INFO ≠ 0.</exception>
    /// <exception cref="NumericalException">The LAPACK workspace exceeds 2³¹ − 1 entries.</exception>
    public static void LargestEigenvalues(ReadOnlySpan<double> matrix, int n, int count,
        Span<double> eigenvalues)
    {
        CheckInput(matrix, n, eigenvalues, count);
        SolveLargest(matrix, n, count, eigenvalues, []);
    }

    /// <summary>
    /// Computes the <paramref name="count"/> largest eigenvalues, ascending, and their unit
    /// eigenvectors (dsyevr_ with JOBZ = 'V', RANGE = 'I').
    /// </summary>
    /// <param name="matrix">A: [n, n] row-major, symmetric; only the lower triangle is read.</param>
    /// <param name="n">Order of A.</param>
    /// <param name="count">k, from 0 to n.</param>
    /// <param name="eigenvalues">Receives λ_{n−k+1} ≤ … ≤ λ_n: [k].</param>
    /// <param name="eigenvectors">
    /// Receives the eigenvectors: [k, n] row-major, row j belongs to eigenvalue j.
    /// </param>
    /// <exception cref="ArgumentException">A shape is wrong or A has a non-finite entry.</exception>
    /// <exception cref="LapackException">LAPACK returned INFO ≠ 0.</exception>
    /// <exception cref="NumericalException">The LAPACK workspace exceeds 2³¹ − 1 entries.</exception>
    public static void DecomposeLargest(ReadOnlySpan<double> matrix, int n, int count,
        Span<double> eigenvalues, Span<double> eigenvectors)
    {
        CheckInput(matrix, n, eigenvalues, count);
        CheckOutput(eigenvectors, (long)count * n, nameof(eigenvectors));
        SolveLargest(matrix, n, count, eigenvalues, eigenvectors[..(count * n)]);
    }

    /// <summary>
    /// Decomposes a seeded random symmetric matrix of order <paramref name="n"/> with
    /// <see cref="Decompose{T}"/> and measures the residual ‖A V − V Λ‖_F / ‖A‖_F and the
    /// orthogonality error ‖Vᵀ V − I‖_F, for a start-up check of the LAPACK binding. Sizes such as
    /// 63, 64, 65 and 1024 exercise the block boundaries of the routines.
    /// </summary>
    /// <param name="n">Order of the test matrix, at least 1.</param>
    /// <param name="seed">Seed of the matrix entries, uniform in [−1, 1).</param>
    public static EigensolverSelfTest SelfTest(int n, int seed = 1)
    {
        if (n < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(n), $"matrix order is {n}, expected at least 1");
        }

        var random = new Random(seed);
        var a = new double[n * n];        // [n, n]
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double value = (2 * random.NextDouble()) - 1;
                a[(i * n) + j] = value;
                a[(j * n) + i] = value;
            }
        }

        bool usedLapack = UsesLapack;
        var eigenvalues = new double[n];
        var vectors = new double[n * n];  // [n, n], rows are eigenvectors
        Decompose<double>(a, n, eigenvalues, vectors);

        // Row k of E A is (A e_k)ᵀ because A is symmetric, so the rows of E A − Λ E are the residuals.
        var residual = new double[n * n]; // [n, n]
        Blas.Gemm(false, false, n, n, n, 1.0, vectors, n, a, n, 0.0, residual, n);
        for (int k = 0; k < n; k++)
        {
            Span<double> row = residual.AsSpan(k * n, n);
            TensorPrimitives.MultiplyAdd(vectors.AsSpan(k * n, n), -eigenvalues[k], row, row);
        }

        double relativeResidual = TensorPrimitives.Norm<double>(residual) / TensorPrimitives.Norm<double>(a);

        // E Eᵀ − I; for a square E this has the same Frobenius norm as Eᵀ E − I.
        Blas.Gemm(false, true, n, n, n, 1.0, vectors, n, vectors, n, 0.0, residual, n);
        for (int k = 0; k < n; k++)
        {
            residual[(k * n) + k] -= 1.0;
        }

        double orthogonality = TensorPrimitives.Norm<double>(residual);
        return new EigensolverSelfTest(n, usedLapack, relativeResidual, orthogonality,
            50.0 * n * JacobiEigensolver.MachineEpsilon);
    }

    private static void Solve<T>(Span<T> matrix, int n, Span<T> eigenvalues, bool wantVectors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!UsesLapack)
        {
            SolveManaged<T>(matrix, n, eigenvalues, wantVectors ? matrix : []);
            return;
        }

        if (typeof(T) == typeof(double))
        {
            LapackEigensolver.Syevd(MemoryMarshal.Cast<T, double>(matrix), n,
                MemoryMarshal.Cast<T, double>(eigenvalues), wantVectors);
        }
        else if (typeof(T) == typeof(float))
        {
            LapackEigensolver.Syevd(MemoryMarshal.Cast<T, float>(matrix), n,
                MemoryMarshal.Cast<T, float>(eigenvalues), wantVectors);
        }
        else
        {
            ThrowHelper.ThrowUnsupportedElementType<T>();
        }
    }

    private static void SolveLargest(ReadOnlySpan<double> matrix, int n, int count, Span<double> eigenvalues,
        Span<double> eigenvectors)
    {
        if (count == 0)
        {
            return;
        }

        if (!UsesLapack)
        {
            // The Jacobi method computes the whole spectrum, so the top is sliced out of it.
            var all = new double[n];
            var vectors = eigenvectors.IsEmpty ? [] : new double[n * n];
            JacobiEigensolver.Decompose(matrix, n, all, vectors);
            all.AsSpan(n - count).CopyTo(eigenvalues);
            if (!eigenvectors.IsEmpty)
            {
                vectors.AsSpan((n - count) * n).CopyTo(eigenvectors);
            }

            return;
        }

        double[] workspace = ArrayPool<double>.Shared.Rent(n * n);
        try
        {
            matrix[..(n * n)].CopyTo(workspace);
            LapackEigensolver.SyevrLargest(workspace.AsSpan(0, n * n), n, count, eigenvalues, eigenvectors);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(workspace);
        }
    }

    // The Jacobi method runs in double; matrix and eigenvectors may be the same span, because the
    // matrix is copied before any eigenvector is written.
    private static void SolveManaged<T>(ReadOnlySpan<T> matrix, int n, Span<T> eigenvalues,
        Span<T> eigenvectors)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool wantVectors = !eigenvectors.IsEmpty;
        var lower = new double[n * n];
        TensorPrimitives.ConvertChecked<T, double>(matrix[..(n * n)], lower);
        var values = new double[n];
        var vectors = wantVectors ? new double[n * n] : [];
        JacobiEigensolver.Decompose(lower, n, values, vectors);
        TensorPrimitives.ConvertTruncating<double, T>(values, eigenvalues);
        if (wantVectors)
        {
            TensorPrimitives.ConvertTruncating<double, T>(vectors, eigenvectors);
        }
    }

    private static void CheckInput<T>(ReadOnlySpan<T> matrix, int n, Span<T> eigenvalues, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (n < 0 || (long)n * n > Array.MaxLength)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(n), $"matrix order is {n}, expected 0..46340");
        }

        if (matrix.Length < n * n)
        {
            ThrowHelper.ThrowArgument(nameof(matrix),
                $"holds {matrix.Length} values, expected at least n × n = {n} × {n}");
        }

        if (count < 0 || count > n)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(count),
                $"eigenvalue count is {count}, expected 0..{n}");
        }

        CheckOutput(eigenvalues, count, nameof(eigenvalues));
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<T> row = matrix.Slice(i * n, i + 1);
            if (!TensorPrimitives.IsFiniteAll(row))
            {
                int j = 0;
                while (T.IsFinite(row[j]))
                {
                    j++;
                }

                ThrowHelper.ThrowArgument(nameof(matrix),
                    $"entry ({i}, {j}) is {row[j]}, expected a finite value");
            }
        }
    }

    private static void CheckOutput<T>(Span<T> output, long needed, string name)
    {
        if (output.Length < needed)
        {
            ThrowHelper.ThrowArgument(name, $"holds {output.Length} values, expected at least {needed}");
        }
    }
}
