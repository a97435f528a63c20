using GramDynamics.Numerics;

namespace GramDynamics.Dynamics;

/// <summary>
/// The field integrator of a two-hidden-layer network (L = 2) with the layer-2 masks Θ_2 held at
/// their starting value. It advances (U_1, B_1, r) by
/// dU_1/dτ = −c_1² C diag(r) B_1 and dG_1/dτ = −c_2² S^(2) diag(r) H_1, with B_1 = Θ_1 ⊙ G_1,
/// and reads no weight: it takes no network, only a <see cref="FieldSnapshot"/>.
/// </summary>
/// <remarks>
/// <para>
/// Closure. With Θ_2 fixed, B_2 = Θ_2 ⊙ (1 aᵀ) is constant, so S^(2) = B_2 B_2ᵀ
/// (S^(2)_μν = Σ_i θ_2i(μ) θ_2i(ν) a_i²) is formed once. The state (U_1, G_1) then determines
/// everything the flow uses: Θ_1, H_1, B_1 = Θ_1 ⊙ G_1 and r_μ = h_1(μ) · g_1(μ) − y_μ (the
/// output f = a · h_2 = (θ_2 ⊙ a)ᵀ Ŵ_2 h_1 = g_1 · h_1). The flow dr/dτ = −K r with
/// K = c_1² C ⊙ S^(1) + c_2² Q^(1) ⊙ S^(2) follows from it, so C, Q^(1) = H_1 H_1ᵀ, S^(2) and the
/// fields suffice. U_2 is not determined: the fields fix only its projection
/// (θ_2(μ) ⊙ a) · u_2(μ) = f_μ, so only layer 1 is tracked
/// (<see cref="IFieldIntegrator.TrackedLayers"/> = 1).
/// </para>
/// <para>
/// With <see cref="IntegrationScheme.ForwardEuler"/> a step is the exact GD map for as long as GD
/// keeps Θ_2: U_1 = X Ŵ_1ᵀ moves by −η c_1² C diag(r) B_1 and G_1 = B_2 Ŵ_2 moves by
/// B_2 ΔŴ_2 = −η c_2² S^(2) diag(r) H_1, both without an error term. The first layer-2 crossing
/// of GD is where the two part.
/// </para>
/// <para>
/// The starting G_1 = B_2 Ŵ_2 is captured by <see cref="FieldSnapshot.Capture"/>, which is the one
/// place where Ŵ_2 is read.
/// </para>
/// </remarks>
public sealed class Depth2FieldIntegrator : FieldIntegrator
{
    private readonly double[] _inputGram;             // C = X Xᵀ, [N, N]
    private readonly double[] _conjugateCorrelator;   // S^(2) with Θ_2 frozen, [N, N]
    private readonly double[] _scaledFields;          // diag(r) B_1 or diag(r) H_1, [N, n_1]

    /// <summary>Prepares the integrator from the state of a two-hidden-layer network.</summary>
    /// <param name="snapshot">The starting state; its depth must be 2. Θ_2 is taken from its U_2.</param>
    /// <param name="scheme">The time-stepping scheme.</param>
    public Depth2FieldIntegrator(FieldSnapshot snapshot,
        IntegrationScheme scheme = IntegrationScheme.ForwardEuler)
        : base(CheckDepth(snapshot), 1, 0, scheme)
    {
        int n = Samples;
        int top = Width(2);
        _inputGram = new double[n * n];
        FieldAlgebra.Gram(snapshot.Inputs.Span, n, Width(0), _inputGram);

        // B_2 = Θ_2 ⊙ (1 aᵀ) from the starting U_2, then S^(2) = B_2 B_2ᵀ.
        var topConjugate = new double[n * top];
        ReadOnlySpan<double> topFields = snapshot.Preactivations(2);
        for (int mu = 0; mu < n; mu++)
        {
            FieldKernels.MaskedProduct(topFields.Slice(mu * top, top), Readout,
                topConjugate.AsSpan(mu * top, top));
        }

        _conjugateCorrelator = new double[n * n];
        FieldAlgebra.Gram(topConjugate, n, top, _conjugateCorrelator);
        _scaledFields = new double[n * Width(1)];
    }

    /// <inheritdoc/>
    public override string Name => "depth2-" + SchemeName;

    /// <inheritdoc/>
    public override bool ReadsWeights => false;

    /// <inheritdoc/>
    protected override void ComputeRates(ReadOnlySpan<double> state, Span<double> rates)
    {
        int n = Samples;
        int width = Width(1);
        double c1 = Multiplier(1);
        double c2 = Multiplier(2);

        // dU_1/dτ = −c_1² C (diag(r) B_1): the k = 1 term, with Γ_1^(1) = I.
        FieldAlgebra.ScaleRows(ConjugateFields(1), n, width, Residual, _scaledFields);
        Blas.Gemm(false, false, n, width, n, -c1 * c1, _inputGram, n, _scaledFields, width, 0.0,
            rates.Slice(PreactivationOffset(1), n * width), width);

        // dG_1/dτ = −c_2² S^(2) (diag(r) H_1): the k = 2 term, with M_1^(1) = D_1(μ,ν) applied
        // after masking by Θ_1.
        FieldAlgebra.ScaleRows(Activations(1), n, width, Residual, _scaledFields);
        Blas.Gemm(false, false, n, width, n, -c2 * c2, _conjugateCorrelator, n, _scaledFields, width, 0.0,
            rates.Slice(UnmaskedConjugateOffset(1), n * width), width);
    }

    private static FieldSnapshot CheckDepth(FieldSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Depth != 2)
        {
            ThrowHelper.ThrowArgument(nameof(snapshot), $"network depth is {snapshot.Depth}, expected 2");
        }

        return snapshot;
    }
}
