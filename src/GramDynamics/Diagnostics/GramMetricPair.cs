namespace GramDynamics.Diagnostics;

/// <summary>
/// Size of the pullback Gram metric G_ℓ(μ, ν) = Ŵᵀ D_{ℓ+1}(μ, ν) Ŵ for one pair of samples.
/// </summary>
/// <param name="First">μ.</param>
/// <param name="Second">ν.</param>
/// <param name="Coactive">P^(ℓ+1)_μν = tr D_{ℓ+1}(μ, ν), the neurons of layer ℓ + 1 active on both.</param>
/// <param name="SpectralNorm">
/// ‖G_ℓ(μ, ν)‖₂, its largest eigenvalue because G is PSD; 0 when Coactive is 0.
/// </param>
/// <param name="Trace">tr G_ℓ(μ, ν), the squared Frobenius norm of the co-active rows of Ŵ.</param>
public sealed record GramMetricPair(int First, int Second, int Coactive, double SpectralNorm, double Trace);
