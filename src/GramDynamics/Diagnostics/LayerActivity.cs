namespace GramDynamics.Diagnostics;

/// <summary>Activation statistics of one layer from its masks Θ_ℓ (N × n_ℓ).</summary>
/// <param name="ActivationRate">Mean of Θ_ℓ: (1 / (N n_ℓ)) Σ_μi θ_μi, in [0, 1].</param>
/// <param name="MeanCoactivation">
/// Mean of P^(ℓ)_μν / n_ℓ over all N² pairs, diagonal included:
/// (1 / (N² n_ℓ)) Σ_i (Σ_μ θ_μi)², in [0, 1].
/// </param>
public sealed record LayerActivity(double ActivationRate, double MeanCoactivation);
