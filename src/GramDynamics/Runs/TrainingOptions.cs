using GramDynamics.Collective;

namespace GramDynamics.Runs;

/// <summary>Settings of one training run; every field is written to config.json.</summary>
public sealed record TrainingOptions
{
    /// <summary>Hidden widths n_1..n_L; depth is their count.</summary>
    public int[] Widths { get; init; } = [256, 256, 256];

    public Parametrization Parametrization { get; init; } = Parametrization.Standard;

    public ReadoutKind Readout { get; init; } = ReadoutKind.Signed;

    /// <summary>Seed of the weight and readout initialization.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// GD rate η; null picks 1 / λ_max(K) at step 0, half the linear stability limit 2 / λ_max.
    /// </summary>
    public double? LearningRate { get; init; }

    /// <summary>Number of GD steps.</summary>
    public int Steps { get; init; } = 1500;

    /// <summary>Steps between two rows of metrics.csv.</summary>
    public int RecordEvery { get; init; } = 25;

    /// <summary>Steps between two spectra of K and of the Gram metrics (a multiple of RecordEvery).</summary>
    public int SpectrumEvery { get; init; } = 250;

    /// <summary>Steps between two checkpoints (a multiple of RecordEvery).</summary>
    public int CheckpointEvery { get; init; } = 250;

    /// <summary>Precision of K and its diagnostics; GD itself always runs in double.</summary>
    public Precision Precision { get; init; } = Precision.Double;

    /// <summary>Number of top eigenvalues of K kept per spectrum.</summary>
    public int TopEigenvalues { get; init; } = 10;

    /// <summary>Number of sample pairs (μ, ν) whose pullback Gram metric norms are recorded.</summary>
    public int SampledPairs { get; init; } = 8;

    /// <summary>OpenBLAS threads; null keeps the library default.</summary>
    public int? Threads { get; init; }

    /// <summary>
    /// Whether to advance the field integrator of the network's depth beside GD (forward Euler at the
    /// GD rate) and record its divergence from GD.
    /// </summary>
    public bool FieldIntegrator { get; init; }

    /// <summary>Loss growth over the initial loss taken as divergence.</summary>
    public double DivergenceFactor { get; init; } = 1e6;
}
