namespace GramDynamics.Diagnostics;

/// <summary>
/// Whether a symmetric matrix is positive semidefinite, judged by its smallest eigenvalue λ_min
/// against a tolerance τ that covers rounding (see <see cref="SpectrumSummary.PsdTolerance"/>).
/// </summary>
public enum PsdVerdict
{
    /// <summary>λ_min ≥ 0.</summary>
    PositiveSemidefinite,

    /// <summary>−τ ≤ λ_min &lt; 0: slightly negative, consistent with rounding, reported as PSD.</summary>
    NegativeWithinTolerance,

    /// <summary>λ_min &lt; −τ: more negative than rounding explains, so the matrix is not PSD.</summary>
    NotPositiveSemidefinite,
}
