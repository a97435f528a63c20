using System.Numerics.Tensors;
using GramDynamics.Numerics;

namespace GramDynamics.Collective;

/// <summary>
/// The fields of a network on a training set, in element type <typeparamref name="T"/>: activation
/// fields U_ℓ, activations H_ℓ, bit-packed masks Θ_ℓ and conjugate fields B_ℓ, each N × n_ℓ
/// row-major, with H_0 = X. The buffers are allocated once, so recomputing after a weight update
/// allocates nothing.
/// </summary>
public sealed class FieldState<T> : IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly AlignedBuffer<T>[] _activations;   // H_0..H_L, [N, n_ℓ]
    private readonly AlignedBuffer<T>[] _preactivations; // U_1..U_L at index ℓ, [N, n_ℓ]
    private readonly AlignedBuffer<T>[] _conjugate;     // B_1..B_L at index ℓ, [N, n_ℓ]
    private readonly AlignedBuffer<ulong>[] _masks;     // Θ_1..Θ_L at index ℓ, [N, words(n_ℓ)]
    private readonly AlignedBuffer<T>[] _effectiveWeights; // Ŵ_1..Ŵ_L at index ℓ, [n_ℓ, n_{ℓ-1}]
    private readonly T[] _readout;
    private readonly double[] _output;

    /// <summary>
    /// Allocates the fields for <paramref name="samples"/> rows of <paramref name="inputs"/>.
    /// </summary>
    /// <param name="inputs">X: [N, d] row-major.</param>
    /// <param name="samples">N.</param>
    /// <param name="inputDimension">d.</param>
    /// <param name="widths">n_1..n_L.</param>
    public FieldState(ReadOnlySpan<double> inputs, int samples, int inputDimension, IReadOnlyList<int> widths)
    {
        if (samples < 1)
        {
            ThrowHelper.ThrowArgument(nameof(samples),
                $"data set has {samples} samples, expected at least 1");
        }

        if (inputs.Length != (long)samples * inputDimension)
        {
            ThrowHelper.ThrowArgument(nameof(inputs),
                $"holds {inputs.Length} values, expected N × d = {samples} × {inputDimension}");
        }

        Samples = samples;
        Widths = [inputDimension, .. widths];
        CollectiveArguments.CheckFieldSizes(samples, Widths);
        int depth = widths.Count;
        _activations = new AlignedBuffer<T>[depth + 1];
        _preactivations = new AlignedBuffer<T>[depth + 1];
        _conjugate = new AlignedBuffer<T>[depth + 1];
        _masks = new AlignedBuffer<ulong>[depth + 1];
        _effectiveWeights = new AlignedBuffer<T>[depth + 1];
        _activations[0] = new AlignedBuffer<T>((long)samples * inputDimension);
        _preactivations[0] = _activations[0];
        _conjugate[0] = new AlignedBuffer<T>(0);
        _masks[0] = new AlignedBuffer<ulong>(0);
        _effectiveWeights[0] = new AlignedBuffer<T>(0);
        for (int layer = 1; layer <= depth; layer++)
        {
            long size = (long)samples * Widths[layer];
            _preactivations[layer] = new AlignedBuffer<T>(size);
            _activations[layer] = new AlignedBuffer<T>(size);
            _conjugate[layer] = new AlignedBuffer<T>(size);
            _masks[layer] = new AlignedBuffer<ulong>((long)samples * FieldKernels.MaskWords(Widths[layer]));
            _effectiveWeights[layer] = new AlignedBuffer<T>((long)Widths[layer] * Widths[layer - 1]);
        }

        _readout = new T[Widths[depth]];
        _output = new double[samples];
        Convert(inputs, _activations[0].Span);
    }

    /// <summary>N, the number of samples.</summary>
    public int Samples { get; }

    /// <summary>n_0..n_L.</summary>
    public int[] Widths { get; }

    /// <summary>L.</summary>
    public int Depth => Widths.Length - 1;

    /// <summary>H_ℓ for ℓ = 0..L: [N, n_ℓ] (H_0 = X).</summary>
    public Span<T> Activations(int layer) => _activations[layer].Span;

    /// <summary>U_ℓ for ℓ = 1..L: [N, n_ℓ].</summary>
    public Span<T> Preactivations(int layer) => _preactivations[CheckHidden(layer)].Span;

    /// <summary>B_ℓ = ∂f/∂U_ℓ for ℓ = 1..L: [N, n_ℓ].</summary>
    public Span<T> ConjugateFields(int layer) => _conjugate[CheckHidden(layer)].Span;

    /// <summary>Θ_ℓ bit-packed for ℓ = 1..L: [N, MaskWords(n_ℓ)].</summary>
    public Span<ulong> Masks(int layer) => _masks[CheckHidden(layer)].Span;

    /// <summary>Ŵ_ℓ = c_ℓ W_ℓ as used by the last <see cref="Forward"/>: [n_ℓ, n_{ℓ-1}].</summary>
    public Span<T> EffectiveWeights(int layer) => _effectiveWeights[CheckHidden(layer)].Span;

    /// <summary>Outputs f(x_μ) = a · h_L(x_μ) from the last <see cref="Forward"/>.</summary>
    public ReadOnlySpan<double> Outputs => _output;

    /// <summary>Whether Θ_ℓ(μ, i) = 1.</summary>
    public bool IsActive(int layer, int sample, int neuron) =>
        (Masks(layer)[(sample * FieldKernels.MaskWords(Widths[layer])) + (neuron >> 6)]
            >> (neuron & 63) & 1) != 0;

    /// <summary>Runs the forward recursion U_ℓ = H_{ℓ-1} Ŵ_ℓᵀ, H_ℓ = Θ_ℓ ⊙ U_ℓ and f = H_L a.</summary>
    public void Forward(Network network)
    {
        CheckShape(network);
        int n = Samples;
        for (int layer = 1; layer <= Depth; layer++)
        {
            int fanIn = Widths[layer - 1];
            int width = Widths[layer];
            Span<T> weights = _effectiveWeights[layer].Span;
            Convert(network.Weights(layer), weights);
            T multiplier = T.CreateTruncating(network.Multiplier(layer));
            TensorPrimitives.Multiply(weights, multiplier, weights);

            Span<T> u = _preactivations[layer].Span;
            Blas.Gemm(false, true, n, width, fanIn, T.One, _activations[layer - 1].Span, fanIn, weights,
                fanIn, T.Zero, u, width);
            FieldKernels.Relu(u, _activations[layer].Span);
            FieldRange.CheckPreactivations(this, layer);

            int words = FieldKernels.MaskWords(width);
            Span<ulong> masks = _masks[layer].Span;
            for (int mu = 0; mu < n; mu++)
            {
                FieldKernels.PackMask<T>(u.Slice(mu * width, width), masks.Slice(mu * words, words));
            }
        }

        Convert(network.Readout, _readout);
        Span<T> top = _activations[Depth].Span;
        int topWidth = Widths[Depth];
        for (int mu = 0; mu < n; mu++)
        {
            _output[mu] = double.CreateTruncating(
                TensorPrimitives.Dot(top.Slice(mu * topWidth, topWidth), _readout));
        }
    }

    /// <summary>
    /// Runs the backward recursion B_L = Θ_L ⊙ (1 aᵀ), B_ℓ = Θ_ℓ ⊙ (B_{ℓ+1} Ŵ_{ℓ+1}) with the
    /// weights of the last <see cref="Forward"/>.
    /// </summary>
    public void Backward()
    {
        int n = Samples;
        int topWidth = Widths[Depth];
        Span<T> top = _conjugate[Depth].Span;
        Span<T> topFields = _preactivations[Depth].Span;
        for (int mu = 0; mu < n; mu++)
        {
            FieldKernels.MaskedProduct<T>(topFields.Slice(mu * topWidth, topWidth), _readout,
                top.Slice(mu * topWidth, topWidth));
        }

        for (int layer = Depth - 1; layer >= 1; layer--)
        {
            int width = Widths[layer];
            int above = Widths[layer + 1];
            Span<T> b = _conjugate[layer].Span;
            Blas.Gemm(false, false, n, width, above, T.One, _conjugate[layer + 1].Span, above,
                _effectiveWeights[layer + 1].Span, width, T.Zero, b, width);
            FieldKernels.MaskedProduct<T>(_preactivations[layer].Span, b, b);
            FieldRange.CheckConjugateFields(this, layer);
        }
    }

    /// <summary>
    /// Copies every field of <paramref name="source"/> (U, H, B, Ŵ, a and the outputs), converted to
    /// <typeparamref name="T"/>, and its masks unchanged, so the masks are the ones decided in double.
    /// </summary>
    internal void CopyFrom(FieldState<double> source)
    {
        if (source.Samples != Samples || !source.Widths.AsSpan().SequenceEqual(Widths))
        {
            ThrowHelper.ThrowArgument(nameof(source),
                $"fields of {source.Samples} samples and widths [{string.Join(", ", source.Widths)}], "
                + "expected "
                + $"{Samples} samples and widths [{string.Join(", ", Widths)}]");
        }

        Convert(source._activations[0].Span, _activations[0].Span);
        for (int layer = 1; layer <= Depth; layer++)
        {
            Convert(source._preactivations[layer].Span, _preactivations[layer].Span);
            Convert(source._activations[layer].Span, _activations[layer].Span);
            Convert(source._conjugate[layer].Span, _conjugate[layer].Span);
            Convert(source._effectiveWeights[layer].Span, _effectiveWeights[layer].Span);
            source._masks[layer].Span.CopyTo(_masks[layer].Span);
        }

        Convert(source._readout, _readout);
        source._output.CopyTo(_output.AsSpan());

        // Fields that fit double can still overflow or underflow in the narrower copy.
        for (int layer = 1; layer <= Depth; layer++)
        {
            FieldRange.CheckPreactivations(this, layer);
            if (layer < Depth)
            {
                FieldRange.CheckConjugateFields(this, layer);
            }
        }
    }

    public void Dispose()
    {
        for (int layer = 0; layer <= Depth; layer++)
        {
            _activations[layer].Dispose();
            if (layer > 0)
            {
                _preactivations[layer].Dispose();
            }

            _conjugate[layer].Dispose();
            _masks[layer].Dispose();
            _effectiveWeights[layer].Dispose();
        }
    }

    private void CheckShape(Network network)
    {
        if (network.Depth != Depth || network.InputDimension != Widths[0])
        {
            ThrowHelper.ThrowArgument(nameof(network),
                $"network has input dimension {network.InputDimension} and depth {network.Depth}, "
                + $"expected {Widths[0]} and {Depth}");
        }

        for (int layer = 1; layer <= Depth; layer++)
        {
            if (network.Width(layer) != Widths[layer])
            {
                ThrowHelper.ThrowArgument(nameof(network),
                    $"layer {layer} has width {network.Width(layer)}, expected {Widths[layer]}");
            }
        }
    }

    private int CheckHidden(int layer)
    {
        if (layer < 1 || layer > Depth)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(layer), $"layer is {layer}, expected 1..{Depth}");
        }

        return layer;
    }

    private static void Convert(ReadOnlySpan<double> source, Span<T> destination)
    {
        if (typeof(T) == typeof(double))
        {
            source.CopyTo(System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(destination));
        }
        else
        {
            TensorPrimitives.ConvertTruncating(source, destination);
        }
    }
}
