namespace GramDynamics.Collective;

/// <summary>How the hidden weights are scaled at initialization.</summary>
public enum Parametrization
{
    /// <summary>c_ℓ = 1 and W_ℓ entries drawn from N(0, 2 / n_{ℓ-1}) (He).</summary>
    Standard,

    /// <summary>c_ℓ = sqrt(2 / n_{ℓ-1}) and W_ℓ entries drawn from N(0, 1).</summary>
    Ntk,
}

/// <summary>How the fixed readout a is initialized.</summary>
public enum ReadoutKind
{
    /// <summary>a_i = ±1 / sqrt(n_L) with seeded random signs.</summary>
    Signed,

    /// <summary>a_i = 1 / n_L (mean-field).</summary>
    MeanField,
}

/// <summary>Floating-point precision of the field and Gram computations.</summary>
public enum Precision
{
    /// <summary>Everything in float64: the reference.</summary>
    Double,

    /// <summary>Fields, Gram blocks and the accumulation of K in float32.</summary>
    Float32,

    /// <summary>
    /// Fields and masks in float64, Gram blocks in float32 (from float32 copies of H and B), K
    /// accumulated in float64. The masks are decided in double because one pre-activation that flips
    /// sign in float32 can move K far more than float32 rounding does.
    /// </summary>
    Mixed,
}
