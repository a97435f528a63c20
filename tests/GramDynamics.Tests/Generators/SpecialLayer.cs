namespace GramDynamics.Tests.Generators;

/// <summary>A layer built on purpose to hit an edge case of the masks.</summary>
public enum SpecialLayer
{
    /// <summary>All weights as drawn.</summary>
    None,

    /// <summary>W_s = 0, so u_s = 0 and every neuron of layer s is inactive (ReLU'(0) = 0).</summary>
    DeadByZeroWeights,

    /// <summary>W_s ≤ 0 against non-negative inputs (X positive when s = 1): layer s is inactive.</summary>
    DeadByNegativeWeights,

    /// <summary>Positive X and W_j ≥ 0 for every j ≤ s, so every neuron of layers 1..s is active.</summary>
    AllActive,
}
