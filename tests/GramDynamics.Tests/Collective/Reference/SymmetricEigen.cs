namespace GramDynamics.Tests.Collective.Reference;

/// <summary>
/// Eigenvalues of a small symmetric matrix by the cyclic Jacobi method: independent of LAPACK and
/// accurate to a few ulps of the matrix norm, which is all the PSD and rank checks need.
/// </summary>
internal static class SymmetricEigen
{
    /// <summary>Returns the eigenvalues, ascending, of a symmetric matrix: [n, n] row-major.</summary>
    public static double[] Values(ReadOnlySpan<double> matrix, int n)
    {
        double[] a = matrix[..(n * n)].ToArray();
        for (int sweep = 0; sweep < 100; sweep++)
        {
            double offDiagonal = 0;
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double value = a[(i * n) + j] * a[(i * n) + j];
                    total += value;
                    offDiagonal += i == j ? 0 : value;
                }
            }

            if (offDiagonal <= 1e-30 * total || offDiagonal == 0)
            {
                break;
            }

            for (int p = 0; p < n - 1; p++)
            {
                for (int q = p + 1; q < n; q++)
                {
                    Rotate(a, n, p, q);
                }
            }
        }

        double[] values = [.. Enumerable.Range(0, n).Select(i => a[(i * n) + i])];
        Array.Sort(values);
        return values;
    }

    /// <summary>Applies the Jacobi rotation that zeroes a[p, q] (and a[q, p]).</summary>
    private static void Rotate(double[] a, int n, int p, int q)
    {
        double apq = a[(p * n) + q];
        if (apq == 0)
        {
            return;
        }

        double theta = (a[(q * n) + q] - a[(p * n) + p]) / (2 * apq);
        double t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        double c = 1 / Math.Sqrt((t * t) + 1);
        double s = t * c;
        for (int k = 0; k < n; k++)
        {
            double akp = a[(k * n) + p];
            double akq = a[(k * n) + q];
            a[(k * n) + p] = (c * akp) - (s * akq);
            a[(k * n) + q] = (s * akp) + (c * akq);
        }

        for (int k = 0; k < n; k++)
        {
            double apk = a[(p * n) + k];
            double aqk = a[(q * n) + k];
            a[(p * n) + k] = (c * apk) - (s * aqk);
            a[(q * n) + k] = (s * apk) + (c * aqk);
        }
    }
}
