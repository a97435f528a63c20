using System.Buffers;
using System.Numerics;
using GramDynamics.Numerics;

namespace GramDynamics.Diagnostics;

/// <summary>
/// Diagnostics of the bit-packed activation masks Θ_ℓ: N rows of
/// <see cref="FieldKernels.MaskWords"/>(n_ℓ) words, neuron i in bit i mod 64 of word i / 64.
/// Bits past n_ℓ in the last word of a row are ignored.
/// </summary>
public static class MaskDiagnostics
{
    /// <summary>Counts the entries (μ, i) whose bit differs between two mask sets: popcount of XOR.</summary>
    /// <param name="before">Θ_ℓ before the step: [N, words(n_ℓ)].</param>
    /// <param name="after">Θ_ℓ after the step: [N, words(n_ℓ)].</param>
    /// <param name="samples">N, at least 1.</param>
    /// <param name="width">n_ℓ, at least 1.</param>
    public static ThresholdCrossingCount CountThresholdCrossings(ReadOnlySpan<ulong> before,
        ReadOnlySpan<ulong> after, int samples, int width)
    {
        int words = CheckMasks(before, samples, width, nameof(before));
        CheckMasks(after, samples, width, nameof(after));
        ulong lastWordMask = LastWordMask(width);
        long changed = 0;
        for (int mu = 0; mu < samples; mu++)
        {
            int row = mu * words;
            for (int w = 0; w < words - 1; w++)
            {
                changed += BitOperations.PopCount(before[row + w] ^ after[row + w]);
            }

            int last = row + words - 1;
            changed += BitOperations.PopCount((before[last] ^ after[last]) & lastWordMask);
        }

        return new ThresholdCrossingCount(changed, (long)samples * width);
    }

    /// <summary>
    /// Computes the activation rate and the mean co-activation P/n of one layer from per-neuron
    /// counts c_i = Σ_μ θ_μi, without forming P = Θ Θᵀ.
    /// </summary>
    /// <param name="masks">Θ_ℓ: [N, words(n_ℓ)].</param>
    /// <param name="samples">N, at least 1.</param>
    /// <param name="width">n_ℓ, at least 1.</param>
    public static LayerActivity Activity(ReadOnlySpan<ulong> masks, int samples, int width)
    {
        CheckMasks(masks, samples, width, nameof(masks));
        int[] counts = ArrayPool<int>.Shared.Rent(width);
        try
        {
            Span<int> activeCounts = counts.AsSpan(0, width);
            CountActive(masks, samples, width, activeCounts);
            long active = 0;
            double sumOfSquares = 0;
            foreach (int count in activeCounts)
            {
                active += count;
                sumOfSquares += (double)count * count;
            }

            double entries = (double)samples * width;
            return new LayerActivity(active / entries, sumOfSquares / samples / entries);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>Counts c_i = Σ_μ θ_μi, the samples on which each neuron i is active.</summary>
    /// <param name="masks">Θ_ℓ: [N, words(n_ℓ)].</param>
    /// <param name="samples">N, at least 1.</param>
    /// <param name="width">n_ℓ, at least 1.</param>
    /// <param name="counts">Receives c: [n_ℓ].</param>
    public static void CountActive(ReadOnlySpan<ulong> masks, int samples, int width, Span<int> counts)
    {
        int words = CheckMasks(masks, samples, width, nameof(masks));
        if (counts.Length != width)
        {
            ThrowHelper.ThrowArgument(nameof(counts),
                $"holds {counts.Length} values, expected n_ℓ = {width}");
        }

        counts.Clear();
        ulong lastWordMask = LastWordMask(width);
        for (int mu = 0; mu < samples; mu++)
        {
            for (int w = 0; w < words; w++)
            {
                ulong bits = masks[(mu * words) + w];
                if (w == words - 1)
                {
                    bits &= lastWordMask;
                }

                while (bits != 0)
                {
                    counts[(w << 6) + BitOperations.TrailingZeroCount(bits)]++;
                    bits &= bits - 1;
                }
            }
        }
    }

    /// <summary>Bits of the last mask word that belong to neurons, the low ((n − 1) mod 64) + 1.</summary>
    internal static ulong LastWordMask(int width) => ulong.MaxValue >> (63 - ((width - 1) & 63));

    internal static int CheckMasks(ReadOnlySpan<ulong> masks, int samples, int width, string name)
    {
        DiagnosticChecks.RequirePositive(samples, nameof(samples));
        DiagnosticChecks.RequirePositive(width, nameof(width));
        int words = FieldKernels.MaskWords(width);
        DiagnosticChecks.RequireLength(masks, (long)samples * words, name,
            $"N × words(n_ℓ) = {samples} × {words}");
        return words;
    }
}
