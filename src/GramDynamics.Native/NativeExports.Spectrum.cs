using System.Runtime.InteropServices;
using GramDynamics.Numerics;

namespace GramDynamics.Native;

/// <summary>The spectrum of a symmetric matrix.</summary>
internal static unsafe partial class NativeExports
{
    [UnmanagedCallersOnly(EntryPoint = "gramdyn_eigh")]
    private static int Eigh(double* matrix, int n, double* eigenvalues, double* eigenvectors)
    {
        LastError.Clear();
        try
        {
            if (n < 0 || (long)n * n > int.MaxValue)
            {
                throw new NativeCallException(ErrorCode.InvalidArgument,
                    $"matrix order is {n}, expected 0..46340");
            }

            nuint square = (nuint)n * (nuint)n;
            ReadOnlySpan<double> input = AbiArguments.Required(matrix, square, "matrix");
            Span<double> values = AbiArguments.Required(eigenvalues, (nuint)n, "eigenvalues");
            Span<double> vectors = AbiArguments.Optional(eigenvectors, square, "eigenvectors");
            if (vectors.IsEmpty)
            {
                SymmetricEigensolver.Eigenvalues(input, n, values);
            }
            else
            {
                SymmetricEigensolver.Decompose(input, n, values, vectors);
            }

            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }
}
