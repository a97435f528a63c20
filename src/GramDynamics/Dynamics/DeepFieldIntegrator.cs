using System.Numerics.Tensors;
using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Dynamics;

/// <summary>
/// The field integrator of a network with L ≥ 2 hidden layers, built for L ≥ 3 where the hierarchy
/// does not close in the fields. It advances every (U_ℓ, B_ℓ) and r by the factored collective flow,
/// and so it must consult the weight-induced operators: the factors Ŵ_ℓ of J and Jᵀ. It carries
/// Ŵ_2..Ŵ_L as auxiliary state moved by their own gradient flow, and counts every application.
/// </summary>
/// <remarks>
/// <para>
/// Flow, in flow time τ (d/dτ = η⁻¹ d/dt), with masks held fixed over each step:
/// the activation rates are pushed forward through J,
/// V_1 = −c_1² C diag(r) B_1 and V_ℓ = (Θ_{ℓ-1} ⊙ V_{ℓ-1}) Ŵ_ℓᵀ − c_ℓ² Q^(ℓ-1) diag(r) B_ℓ,
/// so that V_ℓ = dU_ℓ/dτ = −Σ_{k≤ℓ} J_{ℓ←k} [c_k² Q^(k-1) diag(r) B_k], which is the
/// Γ_ℓ^(k) form of du_ℓ(μ)/dt. The conjugate rates are pulled back through Jᵀ,
/// Z_{L-1} = −c_L² S^(L) diag(r) H_{L-1} and
/// Z_ℓ = (Θ_{ℓ+1} ⊙ Z_{ℓ+1}) Ŵ_{ℓ+1} − c_{ℓ+1}² S^(ℓ+1) diag(r) H_ℓ,
/// so that Z_ℓ = dG_ℓ/dτ and Θ_ℓ ⊙ Z_ℓ = dB_ℓ/dτ, which is the M_ℓ^(k-1) form of db_ℓ(μ)/dt.
/// The operators move by dŴ_k/dτ = −c_k² B_kᵀ diag(r) H_{k-1}, k = 2..L, a product of fields.
/// </para>
/// <para>
/// Closure. dU_ℓ for ℓ ≥ 2 needs Ŵ_ℓ through J, and dG_ℓ for ℓ ≤ L−2 needs Ŵ_{ℓ+1} through Jᵀ.
/// These operators change with the weights, and for L ≥ 3 the rate of every field depends on one
/// of them, directly or through B_1 and r, so no set of fields closes. Ŵ_1 is never consulted.
/// r_μ = h_L(μ) · a − y_μ is recomputed from U_L.
/// </para>
/// <para>
/// Each rate evaluation applies L−1 forward factors and L−2 backward factors, so
/// <see cref="IFieldIntegrator.OperatorApplications"/> grows by 2L−3 per Euler step and by 4(2L−3)
/// per RK4 step, plus one per sample and layer that a crossing correction touches. The Euler step
/// differs from GD by the products ΔH_{ℓ-1} ΔŴ_ℓᵀ that a first-order flow leaves out, so its
/// distance to GD is of order η over a fixed flow time.
/// </para>
/// </remarks>
public sealed class DeepFieldIntegrator : FieldIntegrator
{
    private readonly int[] _weightOffsets;        // offset of Ŵ_ℓ in the state, index ℓ = 2..L
    private readonly double[] _inputGram;         // C = X Xᵀ, [N, N]
    private readonly double[] _gram;              // Q^(ℓ-1) or S^(ℓ) of one layer, [N, N]
    private readonly double[] _scaledFields;      // diag(r) B_ℓ or diag(r) H_ℓ, [N, max n_ℓ]
    private readonly double[] _maskedRates;       // Θ_ℓ ⊙ V_ℓ or Θ_ℓ ⊙ Z_ℓ, [N, max n_ℓ]
    private readonly double[] _conjugateJump;     // jump of b_{ℓ+1}(μ) at a crossing, [max n_ℓ]
    private readonly double[] _unmaskedJump;      // jump of g_ℓ(μ) at a crossing, [max n_ℓ]
    private readonly double[] _activationError;   // max(u', 0) − θ ⊙ u' of one row, [max n_ℓ]
    private readonly double[] _nextActivationError; // the same for the layer above, [max n_ℓ]
    private readonly double[] _flowRow;           // one row of U_ℓ before its correction, [max n_ℓ]

    /// <summary>Prepares the integrator from a snapshot and the network it was captured from.</summary>
    /// <param name="snapshot">The starting state; its depth must be at least 2.</param>
    /// <param name="network">
    /// The network at the instant of <paramref name="snapshot"/>; Ŵ_2..Ŵ_L are copied from it.
    /// </param>
    /// <param name="scheme">The time-stepping scheme.</param>
    public DeepFieldIntegrator(FieldSnapshot snapshot, Network network,
        IntegrationScheme scheme = IntegrationScheme.ForwardEuler)
        : base(CheckShape(snapshot, network), snapshot.Depth, WeightLength(snapshot), scheme)
    {
        int n = Samples;
        int depth = Depth;
        _weightOffsets = new int[depth + 1];
        int offset = ExtraOffset;
        for (int layer = 2; layer <= depth; layer++)
        {
            _weightOffsets[layer] = offset;
            int size = Width(layer) * Width(layer - 1);
            Span<double> weights = State.Slice(offset, size);
            network.Weights(layer).CopyTo(weights);
            TensorPrimitives.Multiply(weights, network.Multiplier(layer), weights);
            offset += size;
        }

        _inputGram = new double[n * n];
        FieldAlgebra.Gram(snapshot.Inputs.Span, n, Width(0), _inputGram);
        _gram = new double[n * n];
        int widest = Enumerable.Range(1, depth).Max(Width);
        _scaledFields = new double[n * widest];
        _maskedRates = new double[n * widest];
        _conjugateJump = new double[widest];
        _unmaskedJump = new double[widest];
        _activationError = new double[widest];
        _nextActivationError = new double[widest];
        _flowRow = new double[widest];
    }

    /// <inheritdoc/>
    public override string Name => "deep-" + SchemeName;

    /// <inheritdoc/>
    public override bool ReadsWeights => true;

    /// <summary>The integrator's current Ŵ_ℓ = c_ℓ W_ℓ for ℓ = 2..L: [n_ℓ, n_{ℓ-1}] row-major.</summary>
    public ReadOnlySpan<double> EffectiveWeights(int layer)
    {
        if (layer < 2 || layer > Depth)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(layer), $"layer is {layer}, expected 2..{Depth}");
        }

        return State.Slice(_weightOffsets[layer], Width(layer) * Width(layer - 1));
    }

    /// <inheritdoc/>
    protected override void ComputeRates(ReadOnlySpan<double> state, Span<double> rates)
    {
        PushActivationRates(state, rates);
        PullConjugateRates(state, rates);
        ComputeWeightRates(rates);
    }

    /// <summary>
    /// Adds to u_ℓ(μ), ℓ = 2..L and bottom up, Ŵ_ℓ e_{ℓ-1}(μ) with
    /// e_{ℓ-1} = max(u'_{ℓ-1}, 0) − θ_{ℓ-1} ⊙ ũ_{ℓ-1}, where ũ is the row as the flow left it, u'
    /// the row after its own correction and θ the mask at the start of the step. e is non-zero only
    /// where a mask flipped below, so rows without a crossing are untouched.
    /// </summary>
    protected override void CorrectActivations(Span<double> state)
    {
        int n = Samples;
        for (int mu = 0; mu < n; mu++)
        {
            int width = Width(1);
            ReadOnlySpan<double> first = state.Slice(PreactivationOffset(1) + (mu * width), width);
            bool changed = false;
            for (int j = 0; j < width; j++)
            {
                _activationError[j] = Math.Max(first[j], 0.0) - (Mask(MasksBefore(1), 1, mu, j) * first[j]);
                changed |= _activationError[j] != 0.0;
            }

            for (int layer = 2; layer <= Depth; layer++)
            {
                int below = width;
                width = Width(layer);
                Span<double> row = state.Slice(PreactivationOffset(layer) + (mu * width), width);
                row.CopyTo(_flowRow);
                if (changed)
                {
                    ReadOnlySpan<double> weights = Weights(state, layer);
                    ReadOnlySpan<double> error = _activationError.AsSpan(0, below);
                    for (int i = 0; i < width; i++)
                    {
                        row[i] += TensorPrimitives.Dot(weights.Slice(i * below, below), error);
                    }

                    CountOperatorApplications(1);
                }

                changed = false;
                for (int i = 0; i < width; i++)
                {
                    double mask = Mask(MasksBefore(layer), layer, mu, i);
                    _nextActivationError[i] = Math.Max(row[i], 0.0) - (mask * _flowRow[i]);
                    changed |= _nextActivationError[i] != 0.0;
                }

                _nextActivationError.AsSpan(0, width).CopyTo(_activationError);
            }
        }
    }

    /// <summary>
    /// Adds to G_ℓ(μ) the jumps that crossings above layer ℓ cause: with Δb_L = ΔΘ_L ⊙ a and
    /// Δb_{ℓ+1} = Θ'_{ℓ+1} ⊙ (g_{ℓ+1} + Δg_{ℓ+1}) − Θ_{ℓ+1} ⊙ g_{ℓ+1} (Θ before and Θ' after the
    /// step), Δg_ℓ = Ŵ_{ℓ+1}ᵀ Δb_{ℓ+1}, applied from the highest changed layer down, sample by sample.
    /// </summary>
    protected override void ApplyCrossings(Span<double> state)
    {
        int n = Samples;
        for (int mu = 0; mu < n; mu++)
        {
            int top = 0;
            for (int layer = Depth; layer >= 2 && top == 0; layer--)
            {
                if (MaskRowChanged(layer, mu))
                {
                    top = layer;
                }
            }

            if (top == 0)
            {
                continue;
            }

            int topWidth = Width(top);
            Span<double> conjugateJump = _conjugateJump.AsSpan(0, topWidth);
            ReadOnlySpan<double> topUnmasked = top == Depth
                ? Readout
                : state.Slice(UnmaskedConjugateOffset(top) + (mu * topWidth), topWidth);
            for (int i = 0; i < topWidth; i++)
            {
                conjugateJump[i] = (Mask(MasksAfter(top), top, mu, i) - Mask(MasksBefore(top), top, mu, i))
                    * topUnmasked[i];
            }

            for (int layer = top - 1; layer >= 1; layer--)
            {
                int width = Width(layer);
                int above = Width(layer + 1);
                Span<double> unmaskedJump = _unmaskedJump.AsSpan(0, width);
                unmaskedJump.Clear();
                ReadOnlySpan<double> weights = Weights(state, layer + 1);
                for (int i = 0; i < above; i++)
                {
                    if (_conjugateJump[i] != 0.0)
                    {
                        TensorPrimitives.MultiplyAdd(weights.Slice(i * width, width), _conjugateJump[i],
                            unmaskedJump, unmaskedJump);
                    }
                }

                CountOperatorApplications(1);
                Span<double> unmasked = state.Slice(UnmaskedConjugateOffset(layer) + (mu * width), width);
                for (int j = 0; j < width; j++)
                {
                    double before = unmasked[j];
                    double after = before + unmaskedJump[j];
                    unmasked[j] = after;
                    _conjugateJump[j] = (Mask(MasksAfter(layer), layer, mu, j) * after)
                        - (Mask(MasksBefore(layer), layer, mu, j) * before);
                }
            }
        }
    }

    private bool MaskRowChanged(int layer, int sample)
    {
        int words = FieldKernels.MaskWords(Width(layer));
        ReadOnlySpan<ulong> before = MasksBefore(layer).Slice(sample * words, words);
        return !before.SequenceEqual(MasksAfter(layer).Slice(sample * words, words));
    }

    private double Mask(ReadOnlySpan<ulong> masks, int layer, int sample, int neuron)
    {
        ulong word = masks[(sample * FieldKernels.MaskWords(Width(layer))) + (neuron >> 6)];
        return (word >> (neuron & 63)) & 1;
    }

    private void PushActivationRates(ReadOnlySpan<double> state, Span<double> rates)
    {
        int n = Samples;
        for (int layer = 1; layer <= Depth; layer++)
        {
            int width = Width(layer);
            int below = Width(layer - 1);
            Span<double> velocity = rates.Slice(PreactivationOffset(layer), n * width);
            double c = Multiplier(layer);
            Span<double> scaled = _scaledFields.AsSpan(0, n * width);
            FieldAlgebra.ScaleRows(ConjugateFields(layer), n, width, Residual, scaled);
            if (layer == 1)
            {
                // V_1 = −c_1² C diag(r) B_1.
                Blas.Gemm(false, false, n, width, n, -c * c, _inputGram, n, scaled, width, 0.0, velocity,
                    width);
                continue;
            }

            // V_ℓ = (Θ_{ℓ-1} ⊙ V_{ℓ-1}) Ŵ_ℓᵀ − c_ℓ² Q^(ℓ-1) diag(r) B_ℓ.
            ReadOnlySpan<double> fieldsBelow = MaskFields(layer - 1);
            Span<double> masked = _maskedRates.AsSpan(0, n * below);
            FieldKernels.MaskedProduct(fieldsBelow, rates.Slice(PreactivationOffset(layer - 1), n * below),
                masked);
            Blas.Gemm(false, true, n, width, below, 1.0, masked, below, Weights(state, layer), below, 0.0,
                velocity, width);
            CountOperatorApplications(1);

            FieldAlgebra.Gram(Activations(layer - 1), n, below, _gram);
            Blas.Gemm(false, false, n, width, n, -c * c, _gram, n, scaled, width, 1.0, velocity, width);
        }
    }

    private void PullConjugateRates(ReadOnlySpan<double> state, Span<double> rates)
    {
        int n = Samples;
        for (int layer = Depth - 1; layer >= 1; layer--)
        {
            int width = Width(layer);
            int above = Width(layer + 1);
            Span<double> velocity = rates.Slice(UnmaskedConjugateOffset(layer), n * width);
            double c = Multiplier(layer + 1);
            double beta = 0.0;
            if (layer + 1 < Depth)
            {
                // (Θ_{ℓ+1} ⊙ Z_{ℓ+1}) Ŵ_{ℓ+1}: dB_{ℓ+1}/dτ pulled back through one factor of Jᵀ.
                ReadOnlySpan<double> fieldsAbove = MaskFields(layer + 1);
                Span<double> masked = _maskedRates.AsSpan(0, n * above);
                ReadOnlySpan<double> rateAbove = rates.Slice(UnmaskedConjugateOffset(layer + 1), n * above);
                FieldKernels.MaskedProduct(fieldsAbove, rateAbove, masked);
                ReadOnlySpan<double> weights = Weights(state, layer + 1);
                Blas.Gemm(false, false, n, width, above, 1.0, masked, above, weights, width, 0.0, velocity,
                    width);
                CountOperatorApplications(1);
                beta = 1.0;
            }

            // − c_{ℓ+1}² S^(ℓ+1) diag(r) H_ℓ.
            FieldAlgebra.Gram(ConjugateFields(layer + 1), n, above, _gram);
            Span<double> scaled = _scaledFields.AsSpan(0, n * width);
            FieldAlgebra.ScaleRows(Activations(layer), n, width, Residual, scaled);
            Blas.Gemm(false, false, n, width, n, -c * c, _gram, n, scaled, width, beta, velocity, width);
        }
    }

    private void ComputeWeightRates(Span<double> rates)
    {
        int n = Samples;
        for (int layer = 2; layer <= Depth; layer++)
        {
            // dŴ_ℓ/dτ = −c_ℓ² B_ℓᵀ diag(r) H_{ℓ-1}: [n_ℓ, N] × [N, n_{ℓ-1}].
            int width = Width(layer);
            int below = Width(layer - 1);
            double c = Multiplier(layer);
            Span<double> scaled = _scaledFields.AsSpan(0, n * below);
            FieldAlgebra.ScaleRows(Activations(layer - 1), n, below, Residual, scaled);
            Blas.Gemm(true, false, width, below, n, -c * c, ConjugateFields(layer), width, scaled, below, 0.0,
                rates.Slice(_weightOffsets[layer], width * below), below);
        }
    }

    private ReadOnlySpan<double> Weights(ReadOnlySpan<double> state, int layer) =>
        state.Slice(_weightOffsets[layer], Width(layer) * Width(layer - 1));

    private static int WeightLength(FieldSnapshot snapshot)
    {
        int length = 0;
        for (int layer = 2; layer <= snapshot.Depth; layer++)
        {
            length += snapshot.Widths[layer] * snapshot.Widths[layer - 1];
        }

        return length;
    }

    private static FieldSnapshot CheckShape(FieldSnapshot snapshot, Network network)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(network);
        if (snapshot.Depth < 2)
        {
            ThrowHelper.ThrowArgument(nameof(snapshot),
                $"network depth is {snapshot.Depth}, expected at least 2");
        }

        if (network.Depth != snapshot.Depth)
        {
            ThrowHelper.ThrowArgument(nameof(network),
                $"network depth is {network.Depth}, expected {snapshot.Depth} as in the snapshot");
        }

        for (int layer = 0; layer <= snapshot.Depth; layer++)
        {
            if (network.Width(layer) != snapshot.Widths[layer])
            {
                ThrowHelper.ThrowArgument(nameof(network),
                    $"layer {layer} has width {network.Width(layer)}, "
                    + $"expected {snapshot.Widths[layer]} as in the snapshot");
            }
        }

        return snapshot;
    }
}
