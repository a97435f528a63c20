namespace GramDynamics.Diagnostics;

/// <summary>Spectrum of an n_ℓ × n_ℓ Gram metric with a power-law fit of its tail.</summary>
/// <param name="Eigenvalues">All n_ℓ eigenvalues in descending order.</param>
/// <param name="Summary">Top eigenvalues, effective rank and PSD verdict.</param>
/// <param name="TailFit">Power-law fit of the eigenvalues (rejected fits included).</param>
public sealed record GramMetricSpectrum(double[] Eigenvalues, SpectrumSummary Summary, PowerLawFit TailFit);
