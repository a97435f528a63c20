namespace GramDynamics.Numerics;

/// <summary>
/// Result of <see cref="SymmetricEigensolver.SelfTest"/> on a seeded random symmetric matrix A of
/// size n with eigenvectors V and eigenvalues Λ.
/// </summary>
/// <param name="Size">n.</param>
/// <param name="UsedLapack">True when dsyevd ran, false when the managed Jacobi fallback ran.</param>
/// <param name="Residual">‖A V − V Λ‖_F / ‖A‖_F.</param>
/// <param name="Orthogonality">‖Vᵀ V − I‖_F.</param>
/// <param name="Tolerance">Bound both values must stay under: 50 n ε with ε the double epsilon.</param>
public sealed record EigensolverSelfTest(int Size, bool UsedLapack, double Residual, double Orthogonality,
    double Tolerance)
{
    /// <summary>Whether both the residual and the orthogonality error are within the tolerance.</summary>
    public bool Passed => Residual <= Tolerance && Orthogonality <= Tolerance;

    public override string ToString() =>
        $"eigensolver self-test n = {Size} ({(UsedLapack ? "LAPACK dsyevd" : "managed Jacobi")}): "
        + $"residual {Residual:E2}, orthogonality {Orthogonality:E2}, tolerance {Tolerance:E2}, "
        + (Passed ? "passed" : "FAILED");
}
