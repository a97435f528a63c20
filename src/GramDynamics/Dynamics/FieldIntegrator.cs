using System.Numerics.Tensors;
using GramDynamics.Numerics;

namespace GramDynamics.Dynamics;

/// <summary>
/// The part that all field integrators share: a flat state vector, the explicit schemes on it, the
/// quantities that the fields determine (H_ℓ, Θ_ℓ, B_ℓ, r) and the count of threshold crossings.
/// </summary>
/// <remarks>
/// The state contains U_ℓ for the tracked layers ℓ = 1..m, then G_ℓ for ℓ = 1..min(m, L−1) (the
/// unmasked conjugate fields of <see cref="FieldSnapshot"/>), then a segment that a derived class
/// owns. Every evaluation of the rate first derives, from the state alone,
/// H_ℓ = Θ_ℓ ⊙ U_ℓ, Θ_ℓ = [U_ℓ &gt; 0], B_ℓ = Θ_ℓ ⊙ G_ℓ (with G_L = 1 aᵀ) and
/// r_μ = h_m(μ) · g_m(μ) − y_μ. That last identity is f = u_ℓ · b_ℓ, which holds at every layer of a
/// ReLU network without biases because f is positively homogeneous in u_ℓ, and it holds exactly for
/// a state of GD with the masks above layer m as they are. So r is recomputed from the fields, never
/// integrated, and it stays consistent with them; the flow of r, dr/dτ = −K r, follows.
/// The masks are those of the state at the start of a step, for every stage of the step, which is
/// the flow with masks held fixed between threshold crossings; so the scheme keeps its order
/// between crossings. After the step the masks are recomputed from the new fields and the derived
/// class corrects for the crossings (<see cref="CorrectActivations"/>, <see cref="ApplyCrossings"/>).
/// Without that correction each flip would leave an overshoot in U_ℓ, ℓ ≥ 2, of one sign, and a
/// neuron that flips back and forth about 0 would add it up to an error of order 1 over a fixed time.
/// All buffers are allocated at construction, so a step allocates nothing on the managed heap.
/// </remarks>
public abstract class FieldIntegrator : IFieldIntegrator
{
    private readonly int[] _widths;             // n_0..n_L
    private readonly double[] _multipliers;     // c_1..c_L
    private readonly double[] _readout;         // a, [n_L]
    private readonly double[] _targets;         // y, [N]
    private readonly double[] _state;           // [U_1..U_m, G_1..G_min(m,L-1), extra]
    private readonly double[] _stageState;      // RK4 stage argument, same layout as _state
    private readonly double[] _stageRates;      // rates at the current stage, same layout
    private readonly double[] _rateSum;         // RK4 weighted sum of stage rates, same layout
    private readonly int[] _preactivationOffsets; // offset of U_ℓ in the state, index ℓ
    private readonly int[] _unmaskedOffsets;    // offset of G_ℓ in the state, index ℓ; -1 if not stored
    private readonly double[][] _activations;   // H_ℓ at the evaluation point, index ℓ, [N, n_ℓ]
    private readonly double[][] _conjugate;     // B_ℓ at the evaluation point, index ℓ, [N, n_ℓ]
    private ulong[][] _masks;                   // Θ_ℓ of the current state, packed, index ℓ
    private ulong[][] _nextMasks;               // Θ_ℓ after a step, packed, index ℓ
    private readonly double[] _residual;        // r at the evaluation point, [N]
    private long _operatorApplications;

    /// <summary>Copies U_ℓ (ℓ ≤ m) and G_ℓ (ℓ ≤ min(m, L−1)) out of the snapshot.</summary>
    /// <param name="snapshot">The starting state.</param>
    /// <param name="trackedLayers">m, between 1 and L.</param>
    /// <param name="extraLength">Length of the state segment that the derived class owns.</param>
    /// <param name="scheme">The time-stepping scheme.</param>
    protected FieldIntegrator(FieldSnapshot snapshot, int trackedLayers, int extraLength,
        IntegrationScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (trackedLayers < 1 || trackedLayers > snapshot.Depth)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(trackedLayers),
                $"tracked layers is {trackedLayers}, expected 1..{snapshot.Depth}");
        }

        if (scheme is not IntegrationScheme.ForwardEuler and not IntegrationScheme.RungeKutta4)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(scheme),
                $"scheme is {scheme}, expected a defined value");
        }

        Scheme = scheme;
        Samples = snapshot.Samples;
        TrackedLayers = trackedLayers;
        _widths = [.. snapshot.Widths];
        _multipliers = [.. snapshot.Multipliers];
        _readout = snapshot.Readout.ToArray();
        _targets = snapshot.Targets.ToArray();

        int depth = Depth;
        int n = Samples;
        _preactivationOffsets = new int[trackedLayers + 1];
        _unmaskedOffsets = new int[trackedLayers + 1];
        int offset = 0;
        for (int layer = 1; layer <= trackedLayers; layer++)
        {
            _preactivationOffsets[layer] = offset;
            offset += n * _widths[layer];
        }

        for (int layer = 1; layer <= trackedLayers; layer++)
        {
            _unmaskedOffsets[layer] = -1;
            if (layer < depth)
            {
                _unmaskedOffsets[layer] = offset;
                offset += n * _widths[layer];
            }
        }

        ExtraOffset = offset;
        _state = new double[offset + extraLength];
        bool rungeKutta = scheme == IntegrationScheme.RungeKutta4;
        _stageState = rungeKutta ? new double[_state.Length] : [];
        _stageRates = new double[_state.Length];
        _rateSum = rungeKutta ? new double[_state.Length] : [];

        _activations = new double[trackedLayers + 1][];
        _conjugate = new double[trackedLayers + 1][];
        _masks = new ulong[trackedLayers + 1][];
        _nextMasks = new ulong[trackedLayers + 1][];
        _activations[0] = [];
        _conjugate[0] = [];
        _masks[0] = [];
        _nextMasks[0] = [];
        for (int layer = 1; layer <= trackedLayers; layer++)
        {
            int size = n * _widths[layer];
            snapshot.Preactivations(layer).CopyTo(_state.AsSpan(_preactivationOffsets[layer], size));
            if (_unmaskedOffsets[layer] >= 0)
            {
                snapshot.UnmaskedConjugateFields(layer).CopyTo(_state.AsSpan(_unmaskedOffsets[layer], size));
            }

            _activations[layer] = new double[size];
            _conjugate[layer] = new double[size];
            _masks[layer] = new ulong[n * FieldKernels.MaskWords(_widths[layer])];
            _nextMasks[layer] = new ulong[_masks[layer].Length];
            FieldAlgebra.PackMasks(snapshot.Preactivations(layer), n, _widths[layer], _masks[layer]);
        }

        _residual = new double[n];
        Derive(_state, _state);
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract bool ReadsWeights { get; }

    /// <inheritdoc/>
    public int Depth => _widths.Length - 1;

    /// <inheritdoc/>
    public int TrackedLayers { get; }

    /// <inheritdoc/>
    public int Samples { get; }

    /// <inheritdoc/>
    public IntegrationScheme Scheme { get; }

    /// <inheritdoc/>
    public long Steps { get; private set; }

    /// <inheritdoc/>
    public double Time { get; private set; }

    /// <inheritdoc/>
    public int Crossings { get; private set; }

    /// <inheritdoc/>
    public long OperatorApplications => _operatorApplications;

    /// <summary>
    /// r = f − y: [N]. Between steps it belongs to the current state; a derived class that reads it
    /// inside <see cref="ComputeRates"/> gets the value at the stage being evaluated.
    /// </summary>
    public ReadOnlySpan<double> Residual => _residual;

    /// <summary>Loss ½ Σ_μ r_μ² at the current state.</summary>
    public double Loss => 0.5 * TensorPrimitives.Dot<double>(_residual, _residual);

    /// <summary>Suffix of <see cref="Name"/> for the scheme: "euler" or "rk4".</summary>
    protected string SchemeName => Scheme == IntegrationScheme.ForwardEuler ? "euler" : "rk4";

    /// <summary>Offset of the derived class's segment in the state vector.</summary>
    protected int ExtraOffset { get; }

    /// <summary>The state vector, for a derived class to fill its own segment at construction.</summary>
    protected Span<double> State => _state;

    /// <inheritdoc/>
    public ReadOnlySpan<double> Preactivations(int layer) =>
        _state.AsSpan(_preactivationOffsets[CheckTracked(layer)], Samples * _widths[layer]);

    /// <summary>
    /// B_ℓ = Θ_ℓ ⊙ G_ℓ for ℓ = 1..m: [N, n_ℓ]. Between steps it belongs to the current state; inside
    /// <see cref="ComputeRates"/> it belongs to the stage being evaluated.
    /// </summary>
    public ReadOnlySpan<double> ConjugateFields(int layer) => _conjugate[CheckTracked(layer)];

    /// <inheritdoc/>
    public void Step(double rate)
    {
        if (!double.IsFinite(rate))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(rate), $"rate is {rate}, expected a finite value");
        }

        if (Scheme == IntegrationScheme.ForwardEuler)
        {
            EvaluateRates(_state, _stageRates);
            AddScaled(_state, rate, _stageRates, _state);
        }
        else
        {
            // Classic RK4: s += η/6 (k1 + 2 k2 + 2 k3 + k4), k_i evaluated at s, s + η/2 k1,
            // s + η/2 k2 and s + η k3.
            EvaluateRates(_state, _rateSum);
            AddScaled(_state, 0.5 * rate, _rateSum, _stageState);
            EvaluateRates(_stageState, _stageRates);
            AddScaled(_rateSum, 2.0, _stageRates, _rateSum);
            AddScaled(_state, 0.5 * rate, _stageRates, _stageState);
            EvaluateRates(_stageState, _stageRates);
            AddScaled(_rateSum, 2.0, _stageRates, _rateSum);
            AddScaled(_state, rate, _stageRates, _stageState);
            EvaluateRates(_stageState, _stageRates);
            AddScaled(_rateSum, 1.0, _stageRates, _rateSum);
            AddScaled(_state, rate / 6.0, _rateSum, _state);
        }

        CorrectActivations(_state);
        int crossings = PackNextMasks();
        if (crossings > 0)
        {
            ApplyCrossings(_state);
        }

        Derive(_state, _state);
        (_masks, _nextMasks) = (_nextMasks, _masks);
        Crossings = crossings;
        Steps++;
        Time += rate;
    }

    /// <summary>Width n_ℓ for ℓ = 0..L.</summary>
    protected int Width(int layer) => _widths[layer];

    /// <summary>Multiplier c_ℓ for ℓ = 1..L.</summary>
    protected double Multiplier(int layer) => _multipliers[layer - 1];

    /// <summary>The readout a: [n_L].</summary>
    protected ReadOnlySpan<double> Readout => _readout;

    /// <summary>H_ℓ = Θ_ℓ ⊙ U_ℓ at the evaluation point, ℓ = 1..m: [N, n_ℓ].</summary>
    protected ReadOnlySpan<double> Activations(int layer) => _activations[layer];

    /// <summary>
    /// U_ℓ at the start of the step being taken, ℓ = 1..m: [N, n_ℓ]. Θ_ℓ = [U_ℓ &gt; 0] of these
    /// fields is the mask of every stage of the step.
    /// </summary>
    protected ReadOnlySpan<double> MaskFields(int layer) => Preactivations(layer);

    /// <summary>Offset of U_ℓ in the state vector.</summary>
    protected int PreactivationOffset(int layer) => _preactivationOffsets[layer];

    /// <summary>Offset of G_ℓ in the state vector; −1 when G_ℓ is not stored (ℓ = L).</summary>
    protected int UnmaskedConjugateOffset(int layer) => _unmaskedOffsets[layer];

    /// <summary>Records <paramref name="count"/> weight-induced operator applications.</summary>
    protected void CountOperatorApplications(int count) => _operatorApplications += count;

    /// <summary>
    /// Corrects U_ℓ after a step for the threshold crossings below it, before the new masks are
    /// formed. Inside a step the masks stay at <see cref="MasksBefore"/>, so the flow moved U_ℓ as
    /// if H_{ℓ-1} were Θ_{ℓ-1} ⊙ U_{ℓ-1}, while U_ℓ = H_{ℓ-1} Ŵ_ℓᵀ is true with
    /// H_{ℓ-1} = max(U_{ℓ-1}, 0). A derived class that tracks U_ℓ for ℓ ≥ 2 adds the difference
    /// here. The default does nothing.
    /// </summary>
    protected virtual void CorrectActivations(Span<double> state)
    {
    }

    /// <summary>
    /// Corrects G_ℓ after a step in which masks changed; <see cref="MasksBefore"/> and
    /// <see cref="MasksAfter"/> hold Θ_ℓ at the start and at the end of the step. The flow moves
    /// G_ℓ continuously, but G_ℓ = (Θ_{ℓ+1} ⊙ G_{ℓ+1}) Ŵ_{ℓ+1} jumps when a mask above it changes,
    /// and a derived class that tracks those masks adds the jump here. The default does nothing.
    /// </summary>
    protected virtual void ApplyCrossings(Span<double> state)
    {
    }

    /// <summary>Θ_ℓ at the start of the step being taken, packed: [N, MaskWords(n_ℓ)].</summary>
    protected ReadOnlySpan<ulong> MasksBefore(int layer) => _masks[layer];

    /// <summary>Θ_ℓ at the end of the step being taken, packed: [N, MaskWords(n_ℓ)].</summary>
    protected ReadOnlySpan<ulong> MasksAfter(int layer) => _nextMasks[layer];

    /// <summary>
    /// Writes d(state)/dτ at <paramref name="state"/> into <paramref name="rates"/> (same layout).
    /// When it is called, <see cref="Activations"/>, <see cref="ConjugateFields"/> and
    /// <see cref="Residual"/> already hold the values derived from <paramref name="state"/>.
    /// </summary>
    protected abstract void ComputeRates(ReadOnlySpan<double> state, Span<double> rates);

    // The stages of a step all take their masks from the state at the start of the step.
    private void EvaluateRates(ReadOnlySpan<double> state, Span<double> rates)
    {
        Derive(state, _state);
        ComputeRates(state, rates);
    }

    // Derives H_ℓ, B_ℓ and r at state, with Θ_ℓ = [U_ℓ > 0] taken from maskSource.
    private void Derive(ReadOnlySpan<double> state, ReadOnlySpan<double> maskSource)
    {
        int n = Samples;
        for (int layer = 1; layer <= TrackedLayers; layer++)
        {
            int width = _widths[layer];
            ReadOnlySpan<double> u = state.Slice(_preactivationOffsets[layer], n * width);
            ReadOnlySpan<double> maskFields = maskSource.Slice(_preactivationOffsets[layer], n * width);
            FieldKernels.MaskedProduct(maskFields, u, _activations[layer]);
            if (_unmaskedOffsets[layer] >= 0)
            {
                ReadOnlySpan<double> g = state.Slice(_unmaskedOffsets[layer], n * width);
                FieldKernels.MaskedProduct(maskFields, g, _conjugate[layer]);
            }
            else
            {
                // B_L = Θ_L ⊙ (1 aᵀ).
                for (int mu = 0; mu < n; mu++)
                {
                    FieldKernels.MaskedProduct<double>(maskFields.Slice(mu * width, width), _readout,
                        _conjugate[layer].AsSpan(mu * width, width));
                }
            }
        }

        // r_μ = h_m(μ) · g_m(μ) − y_μ, which equals h_m(μ) · b_m(μ) − y_μ because h_m is masked.
        int top = TrackedLayers;
        FieldAlgebra.RowDot(_activations[top], _conjugate[top], n, _widths[top], _residual);
        TensorPrimitives.Subtract(_residual, _targets, _residual);
    }

    private int PackNextMasks()
    {
        int crossings = 0;
        for (int layer = 1; layer <= TrackedLayers; layer++)
        {
            FieldAlgebra.PackMasks(Preactivations(layer), Samples, _widths[layer], _nextMasks[layer]);
            crossings += FieldAlgebra.CountChanges(_masks[layer], _nextMasks[layer]);
        }

        return crossings;
    }

    private int CheckTracked(int layer)
    {
        if (layer < 1 || layer > TrackedLayers)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(layer),
                $"layer is {layer}, expected 1..{TrackedLayers}");
        }

        return layer;
    }

    // destination = x + alpha y; destination may alias x or y.
    private static void AddScaled(ReadOnlySpan<double> x, double alpha, ReadOnlySpan<double> y,
        Span<double> destination) =>
        TensorPrimitives.MultiplyAdd(y, alpha, x, destination);
}
