using GramDynamics.Numerics;

namespace GramDynamics.Dynamics;

/// <summary>
/// The field integrator of a one-hidden-layer network (L = 1). Its flow is
/// dU/dτ = −c² C diag(r) B with B = Θ ⊙ (1 aᵀ), Θ = [U &gt; 0] and r = H a − y, H = Θ ⊙ U.
/// It reads only C = X Xᵀ (formed once), a, y and its own fields, never a weight.
/// </summary>
/// <remarks>
/// With <see cref="IntegrationScheme.ForwardEuler"/> a step is the exact discrete map
/// U(t+1) = U(t) − η c² C diag(r(t)) B(t): since U = X Ŵᵀ and GD changes Ŵ by
/// −η c² Bᵀ diag(r) X, iterating the map reproduces weight-space GD to rounding, threshold
/// crossings included.
/// </remarks>
public sealed class Depth1FieldIntegrator : FieldIntegrator
{
    private readonly double[] _inputGram;      // C = X Xᵀ, [N, N]
    private readonly double[] _scaledConjugate; // diag(r) B, [N, n_1]

    /// <summary>Prepares the integrator from the state of a one-hidden-layer network.</summary>
    /// <param name="snapshot">The starting state; its depth must be 1.</param>
    /// <param name="scheme">The time-stepping scheme.</param>
    public Depth1FieldIntegrator(FieldSnapshot snapshot,
        IntegrationScheme scheme = IntegrationScheme.ForwardEuler)
        : base(CheckDepth(snapshot), 1, 0, scheme)
    {
        int n = Samples;
        _inputGram = new double[n * n];
        FieldAlgebra.Gram(snapshot.Inputs.Span, n, Width(0), _inputGram);
        _scaledConjugate = new double[n * Width(1)];
    }

    /// <inheritdoc/>
    public override string Name => "depth1-" + SchemeName;

    /// <inheritdoc/>
    public override bool ReadsWeights => false;

    /// <inheritdoc/>
    protected override void ComputeRates(ReadOnlySpan<double> state, Span<double> rates)
    {
        int n = Samples;
        int width = Width(1);
        double c = Multiplier(1);

        // dU/dτ = −c² C (diag(r) B).
        FieldAlgebra.ScaleRows(ConjugateFields(1), n, width, Residual, _scaledConjugate);
        Blas.Gemm(false, false, n, width, n, -c * c, _inputGram, n, _scaledConjugate, width, 0.0,
            rates.Slice(PreactivationOffset(1), n * width), width);
    }

    private static FieldSnapshot CheckDepth(FieldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Depth != 1)
        {
            ThrowHelper.ThrowArgument(nameof(snapshot), $"network depth is {snapshot.Depth}, expected 1");
        }

        return snapshot;
    }
}
