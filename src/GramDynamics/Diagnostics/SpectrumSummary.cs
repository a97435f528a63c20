namespace GramDynamics.Diagnostics;

/// <summary>
/// Summary of the spectrum of a symmetric N × N matrix such as the residual kernel K.
/// </summary>
/// <param name="Size">N, at least 1.</param>
/// <param name="TopEigenvalues">The min(k, N) largest eigenvalues, in descending order.</param>
/// <param name="LargestEigenvalue">λ_max.</param>
/// <param name="SmallestEigenvalue">λ_min.</param>
/// <param name="Trace">tr K.</param>
/// <param name="FrobeniusNorm">‖K‖_F.</param>
/// <param name="EffectiveRank">(tr K)² / ‖K‖_F², or null (undefined) when ‖K‖_F = 0.</param>
/// <param name="PsdTolerance">
/// τ = c ε N max(|λ_min|, |λ_max|), with c the tolerance factor and ε = 2⁻⁵².
/// </param>
/// <param name="Psd">λ_min judged against τ.</param>
public sealed record SpectrumSummary(int Size, double[] TopEigenvalues, double LargestEigenvalue,
    double SmallestEigenvalue, double Trace, double FrobeniusNorm, double? EffectiveRank, double PsdTolerance,
    PsdVerdict Psd)
{
    /// <summary>Default c in the PSD tolerance c ε N max|λ|.</summary>
    public const double DefaultPsdToleranceFactor = 10;
}
