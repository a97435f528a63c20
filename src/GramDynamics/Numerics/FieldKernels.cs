using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    /// <summary>
    /// k += α q ⊙ s with float32 q and s widened to double before the product, so the result equals
    /// converting q and s to double and calling <see cref="HadamardAccumulate{T}"/>, bit for bit.
    /// </summary>
    internal static void HadamardAccumulateWidening(Span<double> k, ReadOnlySpan<float> q,
        ReadOnlySpan<float> s, double alpha)
    {
        if (q.Length != k.Length || s.Length != k.Length)
        {
            ThrowHelper.ThrowArgument(nameof(k),
                $"lengths differ: k has {k.Length}, q has {q.Length}, s has {s.Length}");
        }

        if (k.Length == 0)
        {
            return;
        }

        ref double rk = ref k[0];
        ref float rq = ref MemoryMarshal.GetReference(q);
        ref float rs = ref MemoryMarshal.GetReference(s);
        nuint length = (nuint)k.Length;
        SimdWidth width = SimdDriver.ActiveWidth<double>();
        if (width == SimdWidth.Vector512 && length >= (nuint)Vector512<float>.Count)
        {
            WideningAccumulate512(ref rk, ref rq, ref rs, length, alpha);
        }
        else if (width != SimdWidth.Scalar && length >= (nuint)Vector256<float>.Count)
        {
            WideningAccumulate256(ref rk, ref rq, ref rs, length, alpha);
        }
        else
        {
            for (nuint i = 0; i < length; i++)
            {
                Unsafe.Add(ref rk, i) += alpha * Unsafe.Add(ref rq, i) * Unsafe.Add(ref rs, i);
            }
        }
    }

    /// <summary>
    /// Scales each row μ of an m × n row-major matrix by scale[μ] in place (diag(scale) M).
    /// </summary>
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

    /// <summary>
    /// Words of 64 bits needed for one bit-packed mask row of <paramref name="width"/> neurons.
    /// </summary>
    public static int MaskWords(int width) => (width + 63) >> 6;

    /// <summary>
    /// Packs [u &gt; 0] into bits: neuron i is bit (i mod 64) of word i / 64; unused bits are 0.
    /// </summary>
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
                    Vector512<T> active =
                        Vector512.GreaterThan(Vector512.Create(chunk.Slice(i, lanes)), Vector512<T>.Zero);
                    word |= active.ExtractMostSignificantBits() << i;
                }
            }
            else if (width == SimdWidth.Vector256)
            {
                int lanes = Vector256<T>.Count;
                for (; i + lanes <= count; i += lanes)
                {
                    Vector256<T> active =
                        Vector256.GreaterThan(Vector256.Create(chunk.Slice(i, lanes)), Vector256<T>.Zero);
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
        if (b.Length < a.Length)
        {
            ThrowHelper.ThrowArgument(nameof(b), $"holds {b.Length} words, expected at least {a.Length}");
        }

        return CoactivationCount(ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b),
            a.Length);
    }

    /// <summary>
    /// Co-activation counts P = Θ Θᵀ from bit-packed masks (N rows of <paramref name="words"/> words),
    /// written to both triangles of the N × N row-major <paramref name="counts"/>. Bands of rows run in
    /// parallel on the thread pool (Parallel.For); the counts are exact, so they do not depend on it.
    /// </summary>
    public static unsafe void CoactivationCounts(ReadOnlySpan<ulong> masks, int samples, int words,
        Span<double> counts)
    {
        if (masks.Length < (long)samples * words || counts.Length < (long)samples * samples)
        {
            ThrowHelper.ThrowArgument(nameof(counts),
                $"{samples} samples of {words} words need {(long)samples * words} mask words and "
                + $"{(long)samples * samples} counts, found {masks.Length} and {counts.Length}");
        }

        // Only the lower triangle is counted, in bands of CoactivationTile rows that run in parallel,
        // largest first. Each band mirrors its own rows, so no two bands write one entry.
        int bands = (samples + CoactivationTile - 1) / CoactivationTile;
        fixed (ulong* maskOrigin = masks)
        fixed (double* countOrigin = counts)
        {
            nint maskAddress = (nint)maskOrigin;
            nint countAddress = (nint)countOrigin;
            if (bands == 1)
            {
                CountBand(maskAddress, countAddress, samples, words, 0);
            }
            else
            {
                CountBandsInParallel(maskAddress, countAddress, samples, words, bands);
            }
        }
    }

    /// <summary>
    /// Runs the bands on the thread pool. It is a method of its own because the lambda's closure is
    /// allocated where its captured locals are declared: here, only when there are several bands.
    /// </summary>
    private static void CountBandsInParallel(nint maskAddress, nint countAddress, int samples, int words,
        int bands) =>
        Parallel.For(0, bands,
            index => CountBand(maskAddress, countAddress, samples, words, bands - 1 - index));

    /// <summary>Counts and mirrors one band of CoactivationTile rows of the lower triangle of P.</summary>
    private static unsafe void CountBand(nint maskAddress, nint countAddress, int samples, int words,
        int band)
    {
        var masks = new ReadOnlySpan<ulong>((void*)maskAddress, samples * words);  // Θ, [N, words]
        var counts = new Span<double>((void*)countAddress, samples * samples);     // P, [N, N]
        ref ulong origin = ref MemoryMarshal.GetReference(masks);
        int start = band * CoactivationTile;
        int end = Math.Min(start + CoactivationTile, samples);

        // Tiles of CoactivationTile columns: the band's mask rows and the tile's stay in L1 together.
        for (int columnStart = 0; columnStart < end; columnStart += CoactivationTile)
        {
            int columnEnd = Math.Min(columnStart + CoactivationTile, end);
            for (int mu = Math.Max(start, columnStart); mu < end; mu++)
            {
                ref ulong rowMu = ref Unsafe.Add(ref origin, (nint)mu * words);
                Span<double> countsRow = counts.Slice(mu * samples, samples);
                int stop = Math.Min(columnEnd, mu + 1);
                int nu = columnStart;
                bool vector512 = Avx512BW.IsSupported && SimdDriver.MaxWidth >= SimdWidth.Vector512;
                if (vector512 && words == 4)
                {
                    for (; nu + 4 <= stop; nu += 4)
                    {
                        CoactivationCounts4Short(ref rowMu, ref Unsafe.Add(ref origin, (nint)nu * words),
                            countsRow.Slice(nu, 4));
                    }
                }
                else if (vector512 && words >= Vector512<ulong>.Count && words <= MaxPackedWords)
                {
                    for (; nu + 4 <= stop; nu += 4)
                    {
                        CoactivationCounts4(ref rowMu, ref Unsafe.Add(ref origin, (nint)nu * words), words,
                            countsRow.Slice(nu, 4));
                    }
                }

                for (; nu < stop; nu++)
                {
                    ref ulong rowNu = ref Unsafe.Add(ref origin, (nint)nu * words);
                    countsRow[nu] = CoactivationCount(ref rowMu, ref rowNu, words);
                }
            }
        }

        MirrorLowerRows(counts, samples, start, end - start);
    }

    /// <summary>
    /// Copies M[i, j] to M[j, i] for the rows i in [start, start + rows) and every j &lt; i of a row-major
    /// <paramref name="n"/> × <paramref name="n"/> matrix.
    /// </summary>
    internal static void MirrorLowerRows<T>(Span<T> matrix, int n, int start, int rows)
    {
        // The upper triangle is written MirrorTile rows at a time: with a power-of-two n, more rows of
        // one column would share an L1 set and evict each other on every write.
        const int MirrorTile = 8;
        if (matrix.Length < (long)n * n || start < 0 || rows < 0 || start + rows > n)
        {
            ThrowHelper.ThrowArgument(nameof(matrix),
                $"rows [{start}, {start + rows}) of a {n} × {n} matrix do not fit a span of "
                + $"{matrix.Length} values");
        }

        int end = start + rows;
        bool transpose = typeof(T) == typeof(double) && Avx512F.IsSupported
            && SimdDriver.MaxWidth >= SimdWidth.Vector512;
        for (int columnStart = 0; columnStart < end; columnStart += MirrorTile)
        {
            int i = Math.Max(start, columnStart + 1);
            if (transpose && columnStart + MirrorTile <= n)
            {
                // Below the diagonal tile, whole 8 × 8 blocks are transposed in registers.
                int blocksStart = Math.Max(i, columnStart + MirrorTile);
                MirrorRowsScalar(matrix, n, columnStart, i, blocksStart);
                ref double origin = ref Unsafe.As<T, double>(ref MemoryMarshal.GetReference(matrix));
                for (i = blocksStart; i + MirrorTile <= end; i += MirrorTile)
                {
                    Transpose8x8(ref origin, n, i, columnStart);
                }
            }

            MirrorRowsScalar(matrix, n, columnStart, i, end);
        }
    }

    /// <summary>
    /// Copies M[i, j] to M[j, i] for the rows i in [rowStart, rowEnd) and the columns j in
    /// [columnStart, min(columnStart + 8, i)).
    /// </summary>
    private static void MirrorRowsScalar<T>(Span<T> matrix, int n, int columnStart, int rowStart, int rowEnd)
    {
        for (int i = rowStart; i < rowEnd; i++)
        {
            int columnEnd = Math.Min(columnStart + 8, i);
            ReadOnlySpan<T> row = matrix.Slice((i * n) + columnStart, columnEnd - columnStart);
            Span<T> column = matrix[((columnStart * n) + i)..];
            for (int j = 0; j < row.Length; j++)
            {
                column[j * n] = row[j];
            }
        }
    }

    /// <summary>Writes the transpose of the 8 × 8 block M[row.., column..] to M[column.., row..].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref double matrix, int n, int row, int column)
    {
        ref double source = ref Unsafe.Add(ref matrix, ((nint)row * n) + column);
        Vector512<double> r0 = Vector512.LoadUnsafe(ref source);
        Vector512<double> r1 = Vector512.LoadUnsafe(ref source, (nuint)n);
        Vector512<double> r2 = Vector512.LoadUnsafe(ref source, (nuint)(2 * n));
        Vector512<double> r3 = Vector512.LoadUnsafe(ref source, (nuint)(3 * n));
        Vector512<double> r4 = Vector512.LoadUnsafe(ref source, (nuint)(4 * n));
        Vector512<double> r5 = Vector512.LoadUnsafe(ref source, (nuint)(5 * n));
        Vector512<double> r6 = Vector512.LoadUnsafe(ref source, (nuint)(6 * n));
        Vector512<double> r7 = Vector512.LoadUnsafe(ref source, (nuint)(7 * n));

        // Pairs of rows interleaved: t0 contains r0[0] r1[0] r0[2] r1[2] r0[4] r1[4] r0[6] r1[6].
        Vector512<double> t0 = Avx512F.UnpackLow(r0, r1);
        Vector512<double> t1 = Avx512F.UnpackHigh(r0, r1);
        Vector512<double> t2 = Avx512F.UnpackLow(r2, r3);
        Vector512<double> t3 = Avx512F.UnpackHigh(r2, r3);
        Vector512<double> t4 = Avx512F.UnpackLow(r4, r5);
        Vector512<double> t5 = Avx512F.UnpackHigh(r4, r5);
        Vector512<double> t6 = Avx512F.UnpackLow(r6, r7);
        Vector512<double> t7 = Avx512F.UnpackHigh(r6, r7);

        // Quads of rows: u0 contains r0[0] r1[0] r0[4] r1[4] r2[0] r3[0] r2[4] r3[4].
        Vector512<double> u0 = Avx512F.Shuffle4x128(t0, t2, 0x88);
        Vector512<double> u1 = Avx512F.Shuffle4x128(t1, t3, 0x88);
        Vector512<double> u2 = Avx512F.Shuffle4x128(t0, t2, 0xDD);
        Vector512<double> u3 = Avx512F.Shuffle4x128(t1, t3, 0xDD);
        Vector512<double> u4 = Avx512F.Shuffle4x128(t4, t6, 0x88);
        Vector512<double> u5 = Avx512F.Shuffle4x128(t5, t7, 0x88);
        Vector512<double> u6 = Avx512F.Shuffle4x128(t4, t6, 0xDD);
        Vector512<double> u7 = Avx512F.Shuffle4x128(t5, t7, 0xDD);

        ref double target = ref Unsafe.Add(ref matrix, ((nint)column * n) + row);
        Avx512F.Shuffle4x128(u0, u4, 0x88).StoreUnsafe(ref target);
        Avx512F.Shuffle4x128(u1, u5, 0x88).StoreUnsafe(ref target, (nuint)n);
        Avx512F.Shuffle4x128(u2, u6, 0x88).StoreUnsafe(ref target, (nuint)(2 * n));
        Avx512F.Shuffle4x128(u3, u7, 0x88).StoreUnsafe(ref target, (nuint)(3 * n));
        Avx512F.Shuffle4x128(u0, u4, 0xDD).StoreUnsafe(ref target, (nuint)(4 * n));
        Avx512F.Shuffle4x128(u1, u5, 0xDD).StoreUnsafe(ref target, (nuint)(5 * n));
        Avx512F.Shuffle4x128(u2, u6, 0xDD).StoreUnsafe(ref target, (nuint)(6 * n));
        Avx512F.Shuffle4x128(u3, u7, 0xDD).StoreUnsafe(ref target, (nuint)(7 * n));
    }

    /// <summary>Most words per row for which four 16-bit counts can share one 64-bit lane sum.</summary>
    private const int MaxPackedWords = 1023;

    /// <summary>
    /// Co-activation counts of row a with the four consecutive rows at b (each of
    /// <paramref name="words"/> words). Each row pair's popcount is reduced per 64-bit lane by a
    /// nibble lookup and a sum of absolute differences; the four lane vectors are packed into 16-bit
    /// fields of one vector, so a single horizontal sum serves four pairs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CoactivationCounts4(ref ulong a, ref ulong b, int words, Span<double> counts)
    {
        Vector512<ulong> packed = LaneCounts(ref a, ref b, words)
            | (LaneCounts(ref a, ref Unsafe.Add(ref b, words), words) << 16)
            | (LaneCounts(ref a, ref Unsafe.Add(ref b, 2 * words), words) << 32)
            | (LaneCounts(ref a, ref Unsafe.Add(ref b, 3 * words), words) << 48);
        ulong total = Vector512.Sum(packed);
        counts[0] = (ushort)total;
        counts[1] = (ushort)(total >> 16);
        counts[2] = (ushort)(total >> 32);
        counts[3] = (ushort)(total >> 48);
    }

    /// <summary>
    /// Co-activation counts of a row a of 4 words with the four consecutive rows at b: two rows fill
    /// one vector, so lanes 0-3 count one pair and lanes 4-7 the next.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CoactivationCounts4Short(ref ulong a, ref ulong b, Span<double> counts)
    {
        Vector256<ulong> row = Vector256.LoadUnsafe(ref a);
        Vector512<ulong> repeated = Vector512.Create(row, row);
        Vector512<ulong> firstRows = Vector512.LoadUnsafe(ref b);
        Vector512<ulong> nextRows = Vector512.LoadUnsafe(ref b, (nuint)Vector512<ulong>.Count);
        Vector512<ulong> first = LaneCounts(repeated & firstRows);
        Vector512<ulong> second = LaneCounts(repeated & nextRows);
        Vector512<ulong> packed = first | (second << 16);
        ulong lower = Vector256.Sum(packed.GetLower());
        ulong upper = Vector256.Sum(packed.GetUpper());
        counts[0] = (ushort)lower;
        counts[1] = (ushort)upper;
        counts[2] = (ushort)(lower >> 16);
        counts[3] = (ushort)(upper >> 16);
    }

    /// <summary>Set bits of each 64-bit lane of <paramref name="bits"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> LaneCounts(Vector512<ulong> bits)
    {
        Vector512<byte> nibbles = Vector512.Create((byte)0x0F);
        Vector256<byte> half = Vector256.Create(s_nibbleCounts, s_nibbleCounts);
        Vector512<byte> table = Vector512.Create(half, half);
        Vector512<byte> low = bits.AsByte() & nibbles;
        Vector512<byte> high = Vector512.ShiftRightLogical(bits.AsUInt16(), 4).AsByte() & nibbles;
        Vector512<byte> bytes = Avx512BW.Shuffle(table, low) + Avx512BW.Shuffle(table, high);
        return Avx512BW.SumAbsoluteDifferences(bytes, Vector512<byte>.Zero).AsUInt64();
    }

    /// <summary>
    /// popcount(a AND b) split over the 8 lanes of a vector (their sum is the count), for rows of at
    /// most <see cref="MaxPackedWords"/> words, so each lane stays below 2^16.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> LaneCounts(ref ulong a, ref ulong b, int words)
    {
        Vector512<byte> nibbles = Vector512.Create((byte)0x0F);
        Vector256<byte> half = Vector256.Create(s_nibbleCounts, s_nibbleCounts);
        Vector512<byte> table = Vector512.Create(half, half);
        Vector512<ulong> lanes = Vector512<ulong>.Zero;
        Vector512<byte> bytes = Vector512<byte>.Zero;
        int pending = 0;
        int w = 0;
        for (; w + Vector512<ulong>.Count <= words; w += Vector512<ulong>.Count)
        {
            Vector512<ulong> wordsA = Vector512.LoadUnsafe(ref a, (nuint)w);
            Vector512<ulong> wordsB = Vector512.LoadUnsafe(ref b, (nuint)w);
            Vector512<byte> both = (wordsA & wordsB).AsByte();
            Vector512<byte> low = both & nibbles;
            Vector512<byte> high = Vector512.ShiftRightLogical(both.AsUInt16(), 4).AsByte() & nibbles;
            bytes += Avx512BW.Shuffle(table, low) + Avx512BW.Shuffle(table, high);

            // A byte gains at most 8 per step: fold into the 64-bit lanes before it can pass 255.
            if (++pending == 31)
            {
                lanes += Avx512BW.SumAbsoluteDifferences(bytes, Vector512<byte>.Zero).AsUInt64();
                bytes = Vector512<byte>.Zero;
                pending = 0;
            }
        }

        lanes += Avx512BW.SumAbsoluteDifferences(bytes, Vector512<byte>.Zero).AsUInt64();
        int rest = 0;
        for (; w < words; w++)
        {
            rest += BitOperations.PopCount(Unsafe.Add(ref a, w) & Unsafe.Add(ref b, w));
        }

        return lanes + Vector512.CreateScalar((ulong)rest);
    }

    /// <summary>Set bits of each 4-bit value, the lookup table of the nibble popcount.</summary>
    private static readonly Vector128<byte> s_nibbleCounts =
        Vector128.Create((byte)0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);

    /// <summary>Mask rows per column tile of <see cref="CoactivationCounts"/>.</summary>
    private const int CoactivationTile = 128;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CoactivationCount(ref ulong a, ref ulong b, int words)
    {
        int count = 0;
        int w = 0;
        for (; w + 4 <= words; w += 4)
        {
            count += BitOperations.PopCount(Unsafe.Add(ref a, w) & Unsafe.Add(ref b, w))
                + BitOperations.PopCount(Unsafe.Add(ref a, w + 1) & Unsafe.Add(ref b, w + 1))
                + BitOperations.PopCount(Unsafe.Add(ref a, w + 2) & Unsafe.Add(ref b, w + 2))
                + BitOperations.PopCount(Unsafe.Add(ref a, w + 3) & Unsafe.Add(ref b, w + 3));
        }

        for (; w < words; w++)
        {
            count += BitOperations.PopCount(Unsafe.Add(ref a, w) & Unsafe.Add(ref b, w));
        }

        return count;
    }

    private static void WideningAccumulate512(ref double rk, ref float rq, ref float rs, nuint length,
        double alpha)
    {
        // One float vector of 16 lanes widens to two double vectors of 8.
        nuint count = (nuint)Vector512<float>.Count;
        nuint half = (nuint)Vector512<double>.Count;
        Vector512<double> scale = Vector512.Create(alpha);

        // The tail is computed from the inputs before the main loop can overwrite k in place.
        nuint last = length - count;
        (Vector512<double> tailQLow, Vector512<double> tailQHigh) =
            Vector512.Widen(Vector512.LoadUnsafe(ref rq, last));
        (Vector512<double> tailSLow, Vector512<double> tailSHigh) =
            Vector512.Widen(Vector512.LoadUnsafe(ref rs, last));
        Vector512<double> kernelLow = Vector512.LoadUnsafe(ref rk, last);
        Vector512<double> kernelHigh = Vector512.LoadUnsafe(ref rk, last + half);
        Vector512<double> tailLow = kernelLow + (scale * tailQLow * tailSLow);
        Vector512<double> tailHigh = kernelHigh + (scale * tailQHigh * tailSHigh);

        nuint i = 0;
        for (; i + count <= length; i += count)
        {
            (Vector512<double> q0, Vector512<double> q1) = Vector512.Widen(Vector512.LoadUnsafe(ref rq, i));
            (Vector512<double> s0, Vector512<double> s1) = Vector512.Widen(Vector512.LoadUnsafe(ref rs, i));
            Vector512<double> k0 = Vector512.LoadUnsafe(ref rk, i);
            Vector512<double> k1 = Vector512.LoadUnsafe(ref rk, i + half);

            k0 += scale * q0 * s0;
            k1 += scale * q1 * s1;

            k0.StoreUnsafe(ref rk, i);
            k1.StoreUnsafe(ref rk, i + half);
        }

        if (i < length)
        {
            // Lanes below `written` of the last window already hold their result.
            nuint written = count - (length - i);
            SimdDriver.StoreTail(ref rk, last, half - Math.Min(written, half), tailLow);
            SimdDriver.StoreTail(ref rk, last + half, half - (written > half ? written - half : 0), tailHigh);
        }
    }

    private static void WideningAccumulate256(ref double rk, ref float rq, ref float rs, nuint length,
        double alpha)
    {
        nuint count = (nuint)Vector256<float>.Count;
        nuint half = (nuint)Vector256<double>.Count;
        Vector256<double> scale = Vector256.Create(alpha);
        nuint last = length - count;
        (Vector256<double> tailQLow, Vector256<double> tailQHigh) =
            Vector256.Widen(Vector256.LoadUnsafe(ref rq, last));
        (Vector256<double> tailSLow, Vector256<double> tailSHigh) =
            Vector256.Widen(Vector256.LoadUnsafe(ref rs, last));
        Vector256<double> kernelLow = Vector256.LoadUnsafe(ref rk, last);
        Vector256<double> kernelHigh = Vector256.LoadUnsafe(ref rk, last + half);
        Vector256<double> tailLow = kernelLow + (scale * tailQLow * tailSLow);
        Vector256<double> tailHigh = kernelHigh + (scale * tailQHigh * tailSHigh);

        nuint i = 0;
        for (; i + count <= length; i += count)
        {
            (Vector256<double> q0, Vector256<double> q1) = Vector256.Widen(Vector256.LoadUnsafe(ref rq, i));
            (Vector256<double> s0, Vector256<double> s1) = Vector256.Widen(Vector256.LoadUnsafe(ref rs, i));
            Vector256<double> k0 = Vector256.LoadUnsafe(ref rk, i);
            Vector256<double> k1 = Vector256.LoadUnsafe(ref rk, i + half);

            k0 += scale * q0 * s0;
            k1 += scale * q1 * s1;

            k0.StoreUnsafe(ref rk, i);
            k1.StoreUnsafe(ref rk, i + half);
        }

        if (i < length)
        {
            nuint written = count - (length - i);
            SimdDriver.StoreTail(ref rk, last, half - Math.Min(written, half), tailLow);
            SimdDriver.StoreTail(ref rk, last + half, half - (written > half ? written - half : 0), tailHigh);
        }
    }
}
