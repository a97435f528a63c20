using GramDynamics.Numerics;

namespace GramDynamics.Collective;

/// <summary>
/// The co-activation projector D_ℓ(μ,ν) = diag(θ_ℓ(μ) ⊙ θ_ℓ(ν)), an n_ℓ × n_ℓ diagonal 0/1 matrix
/// (D_ℓ(μ,μ) = D_ℓ(μ)), read from the bit-packed masks Θ_ℓ. Only its diagonal is ever stored.
/// </summary>
public static class CoactivationProjector
{
    /// <summary>Writes the diagonal of D_ℓ(μ,ν) as 0/1 values.</summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    /// <param name="layer">ℓ in 1..L.</param>
    /// <param name="mu">Sample μ.</param>
    /// <param name="nu">Sample ν.</param>
    /// <param name="projector">diag D_ℓ(μ,ν): n_ℓ values.</param>
    public static void Diagonal<T>(FieldState<T> fields, int layer, int mu, int nu, Span<T> projector)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int width = CheckedWidth(fields, layer, mu, nu);
        if (projector.Length < width)
        {
            ThrowHelper.ThrowArgument(nameof(projector),
                $"holds {projector.Length} values, expected n_ℓ = {width}");
        }

        Diagonal(MaskRow(fields, layer, mu), MaskRow(fields, layer, nu), projector[..width]);
    }

    /// <summary>
    /// Writes θ(μ) ⊙ θ(ν) as 0/1 values for the first projector.Length neurons of two packed mask rows.
    /// </summary>
    /// <param name="maskMu">θ(μ), bit-packed (neuron i is bit i mod 64 of word i / 64).</param>
    /// <param name="maskNu">θ(ν), bit-packed.</param>
    /// <param name="projector">diag D(μ,ν): one value per neuron.</param>
    public static void Diagonal<T>(ReadOnlySpan<ulong> maskMu, ReadOnlySpan<ulong> maskNu, Span<T> projector)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckMaskWords(maskMu, maskNu, projector.Length);
        for (int i = 0; i < projector.Length; i++)
        {
            projector[i] = IsActive(maskMu, i) && IsActive(maskNu, i) ? T.One : T.Zero;
        }
    }

    /// <summary>
    /// Writes, in increasing order, the neurons i with θ_i(μ) θ_i(ν) = 1 among the first
    /// <paramref name="width"/>, and returns their count, which is tr D(μ,ν).
    /// </summary>
    /// <param name="maskMu">θ(μ), bit-packed.</param>
    /// <param name="maskNu">θ(ν), bit-packed.</param>
    /// <param name="width">n, the number of neurons in the layer.</param>
    /// <param name="neurons">Active neuron indices: room for up to n values.</param>
    public static int ActiveNeurons(ReadOnlySpan<ulong> maskMu, ReadOnlySpan<ulong> maskNu, int width,
        Span<int> neurons)
    {
        CheckMaskWords(maskMu, maskNu, width);
        int count = 0;
        for (int w = 0; w < FieldKernels.MaskWords(width); w++)
        {
            ulong both = maskMu[w] & maskNu[w];
            while (both != 0)
            {
                int neuron = (w << 6) + BitOperations.TrailingZeroCount(both);
                if (neuron >= width)
                {
                    break;
                }

                if (count >= neurons.Length)
                {
                    ThrowHelper.ThrowArgument(nameof(neurons),
                        $"holds {neurons.Length} indices, but more neurons are active");
                }

                neurons[count++] = neuron;
                both &= both - 1;
            }
        }

        return count;
    }

    /// <summary>Returns tr D_ℓ(μ,ν) = P^(ℓ)_μν, the number of neurons of layer ℓ active on both.</summary>
    public static int Trace<T>(FieldState<T> fields, int layer, int mu, int nu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckedWidth(fields, layer, mu, nu);
        return FieldKernels.CoactivationCount(MaskRow(fields, layer, mu), MaskRow(fields, layer, nu));
    }

    /// <summary>Returns the bit-packed mask row θ_ℓ(μ) of the fields.</summary>
    internal static ReadOnlySpan<ulong> MaskRow<T>(FieldState<T> fields, int layer, int sample)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int words = FieldKernels.MaskWords(fields.Widths[layer]);
        return fields.Masks(layer).Slice(sample * words, words);
    }

    /// <summary>Returns whether bit <paramref name="neuron"/> of a packed mask row is set.</summary>
    internal static bool IsActive(ReadOnlySpan<ulong> mask, int neuron) =>
        ((mask[neuron >> 6] >> (neuron & 63)) & 1) != 0;

    private static int CheckedWidth<T>(FieldState<T> fields, int layer, int mu, int nu)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckLayer(layer, 1, fields.Depth, nameof(layer));
        CollectiveArguments.CheckSample(mu, fields.Samples, nameof(mu));
        CollectiveArguments.CheckSample(nu, fields.Samples, nameof(nu));
        return fields.Widths[layer];
    }

    private static void CheckMaskWords(ReadOnlySpan<ulong> maskMu, ReadOnlySpan<ulong> maskNu, int width)
    {
        int words = FieldKernels.MaskWords(width);
        if (maskMu.Length < words || maskNu.Length < words)
        {
            ThrowHelper.ThrowArgument(nameof(maskMu),
                $"mask rows hold {maskMu.Length} and {maskNu.Length} words, "
                + $"expected {words} for {width} neurons");
        }
    }
}
