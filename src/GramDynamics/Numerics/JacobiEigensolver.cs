namespace GramDynamics.Numerics;

/// <summary>
/// The cyclic Jacobi eigenvalue method in managed code: the fallback of
/// <see cref="SymmetricEigensolver"/> where OpenBLAS is absent, and its reference in tests.
/// </summary>
/// <remarks>
/// Each sweep applies one plane rotation per pair p &lt; q at O(n) cost each, so a sweep costs
/// O(n³). Convergence is quadratic, so few sweeps are needed, but the method is still slow. It is
/// fine for n up to a few hundred and far slower than dsyevd beyond. The rotations are orthogonal, so the
/// eigenvectors stay orthonormal even for highly degenerate spectra.
/// </remarks>
internal static class JacobiEigensolver
{
    /// <summary>Maximum number of sweeps before the method throws; convergence needs far fewer.</summary>
    public const int MaxSweeps = 100;

    // Machine epsilon 2⁻⁵² of double (double.Epsilon is the smallest subnormal instead).
    internal const double MachineEpsilon = 1.0 / (1L << 52);

    /// <summary>
    /// Computes all eigenvalues in ascending order and, when <paramref name="eigenvectors"/> is not
    /// empty, the unit eigenvectors as its rows.
    /// </summary>
    /// <param name="matrix">A: [n, n] row-major; only the lower triangle is read.</param>
    /// <param name="n">Order of A.</param>
    /// <param name="eigenvalues">[n], ascending.</param>
    /// <param name="eigenvectors">Empty, or [n, n] row-major, row k the eigenvector of eigenvalue k.</param>
    /// <exception cref="NumericalException">The off-diagonal part did not vanish after MaxSweeps.</exception>
    public static void Decompose(ReadOnlySpan<double> matrix, int n, Span<double> eigenvalues,
        Span<double> eigenvectors)
    {
        bool wantVectors = !eigenvectors.IsEmpty;
        var a = new double[(long)n * n];   // [n, n], full symmetric copy of A
        var v = new double[wantVectors ? (long)n * n : 0]; // [n, n], rows are eigenvectors
        double frobeniusSquared = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double value = matrix[(i * n) + j];
                a[(i * n) + j] = value;
                a[(j * n) + i] = value;
                frobeniusSquared += (i == j ? 1 : 2) * value * value;
            }

            if (wantVectors)
            {
                v[(i * n) + i] = 1;
            }
        }

        // A rotation is skipped when |a_pq| is below this threshold, so the sweeps stop once the
        // off-diagonal Frobenius norm is at most ε ‖A‖_F.
        double threshold = Math.Sqrt(frobeniusSquared) * MachineEpsilon / Math.Max(1, n);

        int sweep = 0;
        while (Sweep(a, v, n, threshold, wantVectors))
        {
            if (++sweep == MaxSweeps)
            {
                ThrowHelper.ThrowNumerical(
                    $"Jacobi eigensolver did not converge in {MaxSweeps} sweeps for a {n} × {n} matrix");
            }
        }

        SortAscending(a, v, n, eigenvalues, eigenvectors, wantVectors);
    }

    // Returns whether any rotation was applied.
    private static bool Sweep(double[] a, double[] v, int n, double threshold, bool wantVectors)
    {
        bool rotated = false;
        for (int p = 0; p < n - 1; p++)
        {
            for (int q = p + 1; q < n; q++)
            {
                double apq = a[(p * n) + q];
                if (Math.Abs(apq) <= threshold)
                {
                    continue;
                }

                rotated = true;
                Rotate(a, v, n, p, q, wantVectors);
            }
        }

        return rotated;
    }

    // Applies the rotation J that zeroes a_pq: A ← Jᵀ A J and V ← V J, with
    // θ = (a_qq − a_pp) / (2 a_pq), t = sign(θ) / (|θ| + sqrt(θ² + 1)), c = 1 / sqrt(t² + 1), s = t c.
    private static void Rotate(double[] a, double[] v, int n, int p, int q, bool wantVectors)
    {
        double apq = a[(p * n) + q];
        double app = a[(p * n) + p];
        double aqq = a[(q * n) + q];
        double theta = (aqq - app) / (2 * apq);
        double t = Math.Abs(theta) > 1e150
            ? 0.5 / theta
            : Math.CopySign(1.0, theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        double c = 1 / Math.Sqrt((t * t) + 1);
        double s = t * c;

        a[(p * n) + p] = app - (t * apq);
        a[(q * n) + q] = aqq + (t * apq);
        a[(p * n) + q] = 0;
        a[(q * n) + p] = 0;
        for (int r = 0; r < n; r++)
        {
            if (r == p || r == q)
            {
                continue;
            }

            double arp = a[(r * n) + p];
            double arq = a[(r * n) + q];
            double newRp = (c * arp) - (s * arq);
            double newRq = (s * arp) + (c * arq);
            a[(r * n) + p] = newRp;
            a[(p * n) + r] = newRp;
            a[(r * n) + q] = newRq;
            a[(q * n) + r] = newRq;
        }

        if (!wantVectors)
        {
            return;
        }

        // Rows of v are the columns of V, so the column update of V is a contiguous row update here.
        Span<double> rowP = v.AsSpan(p * n, n);
        Span<double> rowQ = v.AsSpan(q * n, n);
        for (int k = 0; k < n; k++)
        {
            double vp = rowP[k];
            double vq = rowQ[k];
            rowP[k] = (c * vp) - (s * vq);
            rowQ[k] = (s * vp) + (c * vq);
        }
    }

    private static void SortAscending(double[] a, double[] v, int n, Span<double> eigenvalues,
        Span<double> eigenvectors, bool wantVectors)
    {
        var order = new int[n];
        var diagonal = new double[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            diagonal[i] = a[(i * n) + i];
        }

        Array.Sort(diagonal, order);
        diagonal.CopyTo(eigenvalues);
        if (!wantVectors)
        {
            return;
        }

        for (int k = 0; k < n; k++)
        {
            v.AsSpan(order[k] * n, n).CopyTo(eigenvectors.Slice(k * n, n));
        }
    }
}
