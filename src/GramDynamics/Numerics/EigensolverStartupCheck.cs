namespace GramDynamics.Numerics;

/// <summary>
/// The start-up check of the symmetric eigensolver: <see cref="SymmetricEigensolver.SelfTest"/> at
/// orders 63, 64 and 65 (around the block size of the LAPACK routines) and 1024, run once per
/// process and cached, so a faulty LAPACK binding stops a run before its first spectrum.
/// </summary>
public static class EigensolverStartupCheck
{
    private static readonly Lock s_lock = new();
    private static EigensolverSelfTest[]? s_results;

    /// <summary>Orders tested with LAPACK.</summary>
    public static IReadOnlyList<int> Orders { get; } = [63, 64, 65, 1024];

    /// <summary>
    /// Orders tested with the managed Jacobi fallback, which would take minutes at n = 1024.
    /// </summary>
    public static IReadOnlyList<int> ManagedOrders { get; } = [63, 64, 65];

    /// <summary>
    /// Runs the self-tests on the first call and returns the cached results on later ones.
    /// </summary>
    /// <exception cref="NumericalException">
    /// A self-test failed; the message names the order and the errors.
    /// </exception>
    public static IReadOnlyList<EigensolverSelfTest> Run()
    {
        lock (s_lock)
        {
            s_results ??= [.. (SymmetricEigensolver.UsesLapack ? Orders : ManagedOrders)
                .Select(n => SymmetricEigensolver.SelfTest(n, seed: n))];
            ThrowIfFailed(s_results);
            return s_results;
        }
    }

    /// <summary>Throws when any of <paramref name="results"/> did not pass.</summary>
    /// <exception cref="NumericalException">A self-test failed.</exception>
    public static void ThrowIfFailed(IEnumerable<EigensolverSelfTest> results)
    {
        EigensolverSelfTest? failed = results.FirstOrDefault(result => !result.Passed);
        if (failed is not null)
        {
            ThrowHelper.ThrowNumerical(
                $"the symmetric eigensolver failed its start-up self-test: {failed}; the spectra of K would "
                + "be wrong; reinstall OpenBLAS, point GRAMDYN_OPENBLAS at another libopenblas.so.0, or set "
                + "GRAMDYN_OPENBLAS=none to use the managed fallback");
        }
    }
}
