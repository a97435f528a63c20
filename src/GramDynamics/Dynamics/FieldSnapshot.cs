using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Dynamics;

/// <summary>
/// The collective state of a network on its training set at one instant, copied out of the network
/// so that a field integrator can start from it without holding any weight: X, y, the activation
/// fields U_ℓ, the unmasked conjugate fields G_ℓ = B_{ℓ+1} Ŵ_{ℓ+1} (so that B_ℓ = Θ_ℓ ⊙ G_ℓ),
/// the multipliers c_ℓ and the readout a. All matrices are row-major copies.
/// </summary>
/// <remarks>
/// G_ℓ is the field g(μ) = Ŵ_{ℓ+1}ᵀ b_{ℓ+1}(μ) of the fourth-order correlators. An integrator
/// carries G_ℓ, not B_ℓ, because B_ℓ is zero on inactive neurons and so cannot determine what b_ℓ becomes
/// when a neuron turns on. <see cref="Capture"/> reads Ŵ_2..Ŵ_L once to form G_ℓ; the snapshot
/// keeps no weight.
/// </remarks>
public sealed class FieldSnapshot
{
    private readonly double[][] _preactivations;         // U_1..U_L at index ℓ-1, [N, n_ℓ]
    private readonly double[][] _unmaskedConjugateFields; // G_1..G_{L-1} at index ℓ-1, [N, n_ℓ]

    private FieldSnapshot(int[] widths, double[] inputs, double[] targets, double[] multipliers,
        double[] readout, double[][] preactivations, double[][] unmaskedConjugateFields)
    {
        Widths = widths;
        Inputs = inputs;
        Targets = targets;
        Multipliers = multipliers;
        Readout = readout;
        _preactivations = preactivations;
        _unmaskedConjugateFields = unmaskedConjugateFields;
    }

    /// <summary>N, the number of samples.</summary>
    public int Samples => Targets.Length;

    /// <summary>L, the number of hidden layers.</summary>
    public int Depth => Widths.Count - 1;

    /// <summary>Widths n_0..n_L (n_0 = d).</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>X: [N, d] row-major.</summary>
    public ReadOnlyMemory<double> Inputs { get; }

    /// <summary>y: [N].</summary>
    public ReadOnlyMemory<double> Targets { get; }

    /// <summary>c_1..c_L.</summary>
    public IReadOnlyList<double> Multipliers { get; }

    /// <summary>a: [n_L].</summary>
    public ReadOnlyMemory<double> Readout { get; }

    /// <summary>U_ℓ for ℓ = 1..L: [N, n_ℓ].</summary>
    public ReadOnlySpan<double> Preactivations(int layer) => _preactivations[CheckLayer(layer, Depth) - 1];

    /// <summary>G_ℓ = B_{ℓ+1} Ŵ_{ℓ+1} for ℓ = 1..L−1: [N, n_ℓ].</summary>
    public ReadOnlySpan<double> UnmaskedConjugateFields(int layer) =>
        _unmaskedConjugateFields[CheckLayer(layer, Depth - 1) - 1];

    /// <summary>
    /// Runs the forward and backward recursions of <paramref name="network"/> on X and copies the
    /// fields. Reads Ŵ_2..Ŵ_L once, to form G_ℓ; later changes to the network do not reach the copy.
    /// </summary>
    /// <param name="network">The network at the starting instant.</param>
    /// <param name="inputs">X: [N, d] row-major, finite.</param>
    /// <param name="targets">y: [N], finite.</param>
    public static FieldSnapshot Capture(Network network, ReadOnlySpan<double> inputs,
        ReadOnlySpan<double> targets)
    {
        int samples = targets.Length;
        int inputDimension = network.InputDimension;
        if (samples < 1)
        {
            ThrowHelper.ThrowArgument(nameof(targets), "no targets, expected at least one sample");
        }

        if (inputs.Length != (long)samples * inputDimension)
        {
            ThrowHelper.ThrowArgument(nameof(inputs),
                $"holds {inputs.Length} values, expected N × d = {samples} × {inputDimension} "
                + $"for {samples} targets");
        }

        CheckFinite(inputs, nameof(inputs));
        CheckFinite(targets, nameof(targets));

        int depth = network.Depth;
        using var fields = new FieldState<double>(inputs, samples, inputDimension, network.Widths);
        fields.Forward(network);
        fields.Backward();

        var preactivations = new double[depth][];
        var unmasked = new double[depth - 1][];
        for (int layer = 1; layer <= depth; layer++)
        {
            preactivations[layer - 1] = fields.Preactivations(layer).ToArray();
            if (layer < depth)
            {
                // G_ℓ = B_{ℓ+1} Ŵ_{ℓ+1}: [N, n_{ℓ+1}] × [n_{ℓ+1}, n_ℓ].
                int width = network.Width(layer);
                int above = network.Width(layer + 1);
                unmasked[layer - 1] = new double[samples * width];
                Blas.Gemm(false, false, samples, width, above, 1.0, fields.ConjugateFields(layer + 1), above,
                    fields.EffectiveWeights(layer + 1), width, 0.0, unmasked[layer - 1], width);
            }
        }

        int[] widths = [.. Enumerable.Range(0, depth + 1).Select(network.Width)];
        return new FieldSnapshot(widths, inputs.ToArray(), targets.ToArray(), [.. network.Multipliers],
            (double[])network.Readout.Clone(), preactivations, unmasked);
    }

    private static void CheckFinite(ReadOnlySpan<double> values, string name)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                ThrowHelper.ThrowArgument(name, $"value {i} is {values[i]}, expected a finite number");
            }
        }
    }

    private static int CheckLayer(int layer, int last)
    {
        if (layer < 1 || layer > last)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(layer), $"layer is {layer}, expected 1..{last}");
        }

        return layer;
    }
}
