namespace GramDynamics.Dynamics;

/// <summary>
/// An integrator that advances the collective state of a network (activation fields U_ℓ, conjugate
/// fields B_ℓ, residual r, all on the training set) by the collective flow, without the weight-space
/// update. Flow time τ is counted in units of the rate: one <see cref="Step"/> at rate η advances τ
/// by η, as one GD step at rate η does.
/// </summary>
public interface IFieldIntegrator
{
    /// <summary>A short identifier of the integrator and its scheme, such as "depth2-euler".</summary>
    string Name { get; }

    /// <summary>L, the depth of the network whose fields are integrated.</summary>
    int Depth { get; }

    /// <summary>Number of layers ℓ = 1..m whose U_ℓ and B_ℓ the integrator advances.</summary>
    int TrackedLayers { get; }

    /// <summary>N, the number of samples.</summary>
    int Samples { get; }

    /// <summary>The time-stepping scheme.</summary>
    IntegrationScheme Scheme { get; }

    /// <summary>Whether a step applies weight-induced operators (factors Ŵ_ℓ of J or Jᵀ).</summary>
    bool ReadsWeights { get; }

    /// <summary>Steps taken since construction.</summary>
    long Steps { get; }

    /// <summary>Flow time τ: the sum of the rates of all steps taken.</summary>
    double Time { get; }

    /// <summary>r = f − y at the current state: [N].</summary>
    ReadOnlySpan<double> Residual { get; }

    /// <summary>
    /// Threshold crossings over the last step: the number of pairs (μ, i) over the tracked layers
    /// whose mask entry θ_ℓi(μ) changed.
    /// </summary>
    int Crossings { get; }

    /// <summary>
    /// Weight-induced operator applications since construction: each product of a block of field
    /// rows (all N rows in a rate evaluation, one row in a crossing correction) with one factor Ŵ_ℓ
    /// or Ŵ_ℓᵀ of J or Jᵀ counts once. Zero when <see cref="ReadsWeights"/> is false.
    /// </summary>
    long OperatorApplications { get; }

    /// <summary>U_ℓ for ℓ = 1..<see cref="TrackedLayers"/>: [N, n_ℓ] row-major.</summary>
    ReadOnlySpan<double> Preactivations(int layer);

    /// <summary>B_ℓ for ℓ = 1..<see cref="TrackedLayers"/>: [N, n_ℓ] row-major.</summary>
    ReadOnlySpan<double> ConjugateFields(int layer);

    /// <summary>Advances the state by flow time <paramref name="rate"/> = η with the scheme.</summary>
    void Step(double rate);
}
