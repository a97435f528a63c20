using System.Numerics;
using System.Runtime.Intrinsics;

namespace GramDynamics.Numerics;

/// <summary>
/// The elementwise SIMD kernels of the field computations, all on spans and all behind
/// <see cref="SimdDriver"/>: ReLU, the masked product, Hadamard accumulation, row scaling,
/// mask packing and popcount co-activation counts.
/// </summary>
public static class FieldKernels
{
    /// <summary>h = max(u, 0) with ReLU'(0) = 0; h may alias u.</summary>
    public static void Relu<T>(ReadOnlySpan<T> u, Span<T> h)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SimdDriver.Apply(u, u, h, default(ReluOperator<T>));

    /// <summary>b = [u &gt; 0] ⊙ g, the masked product of the backward recursion; b may alias g.</summary>
    public static void MaskedProduct<T>(ReadOnlySpan<T> u, ReadOnlySpan<T> g, Span<T> b)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SimdDriver.Apply(u, g, b, default(MaskedProductOperator<T>));

    /// <summary>k += α q ⊙ s elementwise.</summary>
    public static void HadamardAccumulate<T>(Span<T> k, ReadOnlySpan<T> q, ReadOnlySpan<T> s, T alpha)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        SimdDriver.Apply(k, q, s, k, new HadamardAccumulateOperator<T>(alpha));

    /// <summary>Scales each row μ of an m × n row-major matrix by scale[μ] in place (diag(scale) M).</summary>
    public static void ScaleRows<T>(Span<T> matrix, int rows, int columns, ReadOnlySpan<T> scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (scale.Length != rows || (long)rows * columns > matrix.Length)
        {
            ThrowHelper.ThrowArgument(nameof(scale),
                $"{scale.Length} scales for a {rows} × {columns} matrix of {matrix.Length} values");
        }

        for (int row = 0; row < rows; row++)
        {
            Span<T> values = matrix.Slice(row * columns, columns);
            SimdDriver.Apply(values, values, values, new ScaleOperator<T>(scale[row]));
        }
    }

    /// <summary>Words of 64 bits needed for one bit-packed mask row of <paramref name="width"/> neurons.</summary>
    public static int MaskWords(int width) => (width + 63) >> 6;

    /// <summary>Packs [u &gt; 0] into bits: neuron i is bit (i mod 64) of word i / 64; unused bits are 0.</summary>
    public static void PackMask<T>(ReadOnlySpan<T> u, Span<ulong> bits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int words = MaskWords(u.Length);
        if (bits.Length < words)
        {
            ThrowHelper.ThrowArgument(nameof(bits), $"holds {bits.Length} words, expected {words}");
        }

        SimdWidth width = SimdDriver.ActiveWidth<T>();
        for (int w = 0; w < words; w++)
        {
            int start = w << 6;
            int count = Math.Min(64, u.Length - start);
            ReadOnlySpan<T> chunk = u.Slice(start, count);
            ulong word = 0;
            int i = 0;
            if (width == SimdWidth.Vector512)
            {
                int lanes = Vector512<T>.Count;
                for (; i + lanes <= count; i += lanes)
                {
                    Vector512<T> active = Vector512.GreaterThan(Vector512.Create(chunk.Slice(i, lanes)), Vector512<T>.Zero);
                    word |= active.ExtractMostSignificantBits() << i;
                }
            }
            else if (width == SimdWidth.Vector256)
            {
                int lanes = Vector256<T>.Count;
                for (; i + lanes <= count; i += lanes)
                {
                    Vector256<T> active = Vector256.GreaterThan(Vector256.Create(chunk.Slice(i, lanes)), Vector256<T>.Zero);
                    word |= (ulong)active.ExtractMostSignificantBits() << i;
                }
            }

            for (; i < count; i++)
            {
                if (chunk[i] > T.Zero)
                {
                    word |= 1UL << i;
                }
            }

            bits[w] = word;
        }

        bits[words..].Clear();
    }

    /// <summary>Number of neurons active in both rows: popcount(a AND b) over the packed words.</summary>
    public static int CoactivationCount(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        int count = 0;
        int w = 0;
        for (; w + 4 <= a.Length; w += 4)
        {
            count += BitOperations.PopCount(a[w] & b[w]) + BitOperations.PopCount(a[w + 1] & b[w + 1])
                + BitOperations.PopCount(a[w + 2] & b[w + 2]) + BitOperations.PopCount(a[w + 3] & b[w + 3]);
        }

        for (; w < a.Length; w++)
        {
            count += BitOperations.PopCount(a[w] & b[w]);
        }

        return count;
    }

    /// <summary>
    /// Co-activation counts P = Θ Θᵀ from bit-packed masks (N rows of <paramref name="words"/> words),
    /// written to both triangles of the N × N row-major <paramref name="counts"/>.
    /// </summary>
    public static void CoactivationCounts(ReadOnlySpan<ulong> masks, int samples, int words, Span<double> counts)
    {
        if (masks.Length < (long)samples * words || counts.Length < (long)samples * samples)
        {
            ThrowHelper.ThrowArgument(nameof(counts),
                $"{samples} samples of {words} words need {(long)samples * words} mask words and "
                + $"{(long)samples * samples} counts, found {masks.Length} and {counts.Length}");
        }

        for (int mu = 0; mu < samples; mu++)
        {
            ReadOnlySpan<ulong> rowMu = masks.Slice(mu * words, words);
            for (int nu = 0; nu <= mu; nu++)
            {
                double p = CoactivationCount(rowMu, masks.Slice(nu * words, words));
                counts[(mu * samples) + nu] = p;
                counts[(nu * samples) + mu] = p;
            }
        }
    }
}
