namespace GramDynamics.Diagnostics;

/// <summary>Threshold crossings of one layer over a step: entries (μ, i) of Θ_ℓ that changed.</summary>
/// <param name="Changed">Number of entries whose bit changed.</param>
/// <param name="Total">N n_ℓ, the number of entries, at least 1.</param>
public sealed record ThresholdCrossingCount(long Changed, long Total)
{
    /// <summary>Changed / Total, in [0, 1].</summary>
    public double Fraction => (double)Changed / Total;
}
