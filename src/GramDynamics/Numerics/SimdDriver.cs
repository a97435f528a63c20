using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace GramDynamics.Numerics;

/// <summary>An elementwise operation on two inputs, given for a scalar and each vector width.</summary>
internal interface IBinaryOperator<T>
    where T : unmanaged
{
    T Invoke(T x, T y);

    Vector256<T> Invoke(Vector256<T> x, Vector256<T> y);

    Vector512<T> Invoke(Vector512<T> x, Vector512<T> y);
}

/// <summary>An elementwise operation on three inputs, given for a scalar and each vector width.</summary>
internal interface ITernaryOperator<T>
    where T : unmanaged
{
    T Invoke(T x, T y, T z);

    Vector256<T> Invoke(Vector256<T> x, Vector256<T> y, Vector256<T> z);

    Vector512<T> Invoke(Vector512<T> x, Vector512<T> y, Vector512<T> z);
}

/// <summary>Vector widths the driver may use; tests narrow it to run every path on one machine.</summary>
internal enum SimdWidth
{
    Scalar = 0,
    Vector256 = 256,
    Vector512 = 512,
}

/// <summary>
/// The one loop behind every elementwise kernel: it picks the widest accelerated vector, unrolls
/// by four, and finishes the tail with one overlapping last vector whose already-written lanes
/// are kept by a blend, so in-place accumulation stays exact. Lengths below one vector use the
/// scalar form.
/// </summary>
internal static class SimdDriver
{
    private static SimdWidth s_maxWidth = SimdWidth.Vector512;

    /// <summary>Widest vector the driver may use (tests set it to check each path).</summary>
    public static SimdWidth MaxWidth
    {
        get => s_maxWidth;
        set => s_maxWidth = value;
    }

    /// <summary>Width in use for element type <typeparamref name="T"/> on this machine.</summary>
    public static SimdWidth ActiveWidth<T>()
    {
        if (s_maxWidth >= SimdWidth.Vector512 && Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            return SimdWidth.Vector512;
        }

        if (s_maxWidth >= SimdWidth.Vector256 && Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            return SimdWidth.Vector256;
        }

        return SimdWidth.Scalar;
    }

    /// <summary>dst[i] = op(x[i], y[i]); dst may alias x or y.</summary>
    public static void Apply<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, Span<T> dst, TOp op)
        where T : unmanaged
        where TOp : struct, IBinaryOperator<T>
    {
        if (x.Length != dst.Length || y.Length != dst.Length)
        {
            ThrowHelper.ThrowArgument(nameof(dst),
                $"lengths differ: x has {x.Length}, y has {y.Length}, destination has {dst.Length}");
        }

        if (dst.Length == 0)
        {
            return;
        }

        ref T rx = ref Unsafe.AsRef(in x[0]);
        ref T ry = ref Unsafe.AsRef(in y[0]);
        ref T rd = ref dst[0];
        nuint length = (nuint)dst.Length;
        SimdWidth width = ActiveWidth<T>();
        if (width == SimdWidth.Vector512 && length >= (nuint)Vector512<T>.Count)
        {
            Apply512(ref rx, ref ry, ref rd, length, op);
            return;
        }

        if (width != SimdWidth.Scalar && length >= (nuint)Vector256<T>.Count)
        {
            Apply256(ref rx, ref ry, ref rd, length, op);
            return;
        }

        for (nuint i = 0; i < length; i++)
        {
            Unsafe.Add(ref rd, i) = op.Invoke(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i));
        }
    }

    /// <summary>dst[i] = op(x[i], y[i], z[i]); dst may alias any input.</summary>
    public static void Apply<T, TOp>(ReadOnlySpan<T> x, ReadOnlySpan<T> y, ReadOnlySpan<T> z, Span<T> dst,
        TOp op)
        where T : unmanaged
        where TOp : struct, ITernaryOperator<T>
    {
        if (x.Length != dst.Length || y.Length != dst.Length || z.Length != dst.Length)
        {
            ThrowHelper.ThrowArgument(nameof(dst),
                $"lengths differ: x has {x.Length}, y has {y.Length}, z has {z.Length}, "
                + $"destination has {dst.Length}");
        }

        if (dst.Length == 0)
        {
            return;
        }

        ref T rx = ref Unsafe.AsRef(in x[0]);
        ref T ry = ref Unsafe.AsRef(in y[0]);
        ref T rz = ref Unsafe.AsRef(in z[0]);
        ref T rd = ref dst[0];
        nuint length = (nuint)dst.Length;
        SimdWidth width = ActiveWidth<T>();
        if (width == SimdWidth.Vector512 && length >= (nuint)Vector512<T>.Count)
        {
            Apply512(ref rx, ref ry, ref rz, ref rd, length, op);
            return;
        }

        if (width != SimdWidth.Scalar && length >= (nuint)Vector256<T>.Count)
        {
            Apply256(ref rx, ref ry, ref rz, ref rd, length, op);
            return;
        }

        for (nuint i = 0; i < length; i++)
        {
            Unsafe.Add(ref rd, i) =
                op.Invoke(Unsafe.Add(ref rx, i), Unsafe.Add(ref ry, i), Unsafe.Add(ref rz, i));
        }
    }

    private static void Apply512<T, TOp>(ref T rx, ref T ry, ref T rd, nuint length, TOp op)
        where T : unmanaged
        where TOp : struct, IBinaryOperator<T>
    {
        nuint count = (nuint)Vector512<T>.Count;

        // The tail is computed from the inputs before the main loop can overwrite them in place.
        nuint last = length - count;
        Vector512<T> tail = op.Invoke(Vector512.LoadUnsafe(ref rx, last), Vector512.LoadUnsafe(ref ry, last));

        nuint i = 0;
        for (; i + (4 * count) <= length; i += 4 * count)
        {
            Vector512<T> x0 = Vector512.LoadUnsafe(ref rx, i);
            Vector512<T> x1 = Vector512.LoadUnsafe(ref rx, i + count);
            Vector512<T> x2 = Vector512.LoadUnsafe(ref rx, i + (2 * count));
            Vector512<T> x3 = Vector512.LoadUnsafe(ref rx, i + (3 * count));
            Vector512<T> y0 = Vector512.LoadUnsafe(ref ry, i);
            Vector512<T> y1 = Vector512.LoadUnsafe(ref ry, i + count);
            Vector512<T> y2 = Vector512.LoadUnsafe(ref ry, i + (2 * count));
            Vector512<T> y3 = Vector512.LoadUnsafe(ref ry, i + (3 * count));

            x0 = op.Invoke(x0, y0);
            x1 = op.Invoke(x1, y1);
            x2 = op.Invoke(x2, y2);
            x3 = op.Invoke(x3, y3);

            x0.StoreUnsafe(ref rd, i);
            x1.StoreUnsafe(ref rd, i + count);
            x2.StoreUnsafe(ref rd, i + (2 * count));
            x3.StoreUnsafe(ref rd, i + (3 * count));
        }

        for (; i + count <= length; i += count)
        {
            op.Invoke(Vector512.LoadUnsafe(ref rx, i), Vector512.LoadUnsafe(ref ry, i))
                .StoreUnsafe(ref rd, i);
        }

        if (i < length)
        {
            StoreTail(ref rd, last, length - i, tail);
        }
    }

    private static void Apply256<T, TOp>(ref T rx, ref T ry, ref T rd, nuint length, TOp op)
        where T : unmanaged
        where TOp : struct, IBinaryOperator<T>
    {
        nuint count = (nuint)Vector256<T>.Count;
        nuint last = length - count;
        Vector256<T> tail = op.Invoke(Vector256.LoadUnsafe(ref rx, last), Vector256.LoadUnsafe(ref ry, last));

        nuint i = 0;
        for (; i + (4 * count) <= length; i += 4 * count)
        {
            Vector256<T> x0 = Vector256.LoadUnsafe(ref rx, i);
            Vector256<T> x1 = Vector256.LoadUnsafe(ref rx, i + count);
            Vector256<T> x2 = Vector256.LoadUnsafe(ref rx, i + (2 * count));
            Vector256<T> x3 = Vector256.LoadUnsafe(ref rx, i + (3 * count));
            Vector256<T> y0 = Vector256.LoadUnsafe(ref ry, i);
            Vector256<T> y1 = Vector256.LoadUnsafe(ref ry, i + count);
            Vector256<T> y2 = Vector256.LoadUnsafe(ref ry, i + (2 * count));
            Vector256<T> y3 = Vector256.LoadUnsafe(ref ry, i + (3 * count));

            x0 = op.Invoke(x0, y0);
            x1 = op.Invoke(x1, y1);
            x2 = op.Invoke(x2, y2);
            x3 = op.Invoke(x3, y3);

            x0.StoreUnsafe(ref rd, i);
            x1.StoreUnsafe(ref rd, i + count);
            x2.StoreUnsafe(ref rd, i + (2 * count));
            x3.StoreUnsafe(ref rd, i + (3 * count));
        }

        for (; i + count <= length; i += count)
        {
            op.Invoke(Vector256.LoadUnsafe(ref rx, i), Vector256.LoadUnsafe(ref ry, i))
                .StoreUnsafe(ref rd, i);
        }

        if (i < length)
        {
            StoreTail(ref rd, last, length - i, tail);
        }
    }

    private static void Apply512<T, TOp>(ref T rx, ref T ry, ref T rz, ref T rd, nuint length, TOp op)
        where T : unmanaged
        where TOp : struct, ITernaryOperator<T>
    {
        nuint count = (nuint)Vector512<T>.Count;
        nuint last = length - count;
        Vector512<T> tail = op.Invoke(Vector512.LoadUnsafe(ref rx, last), Vector512.LoadUnsafe(ref ry, last),
            Vector512.LoadUnsafe(ref rz, last));

        nuint i = 0;
        for (; i + (2 * count) <= length; i += 2 * count)
        {
            Vector512<T> x0 = Vector512.LoadUnsafe(ref rx, i);
            Vector512<T> x1 = Vector512.LoadUnsafe(ref rx, i + count);
            Vector512<T> y0 = Vector512.LoadUnsafe(ref ry, i);
            Vector512<T> y1 = Vector512.LoadUnsafe(ref ry, i + count);
            Vector512<T> z0 = Vector512.LoadUnsafe(ref rz, i);
            Vector512<T> z1 = Vector512.LoadUnsafe(ref rz, i + count);

            x0 = op.Invoke(x0, y0, z0);
            x1 = op.Invoke(x1, y1, z1);

            x0.StoreUnsafe(ref rd, i);
            x1.StoreUnsafe(ref rd, i + count);
        }

        for (; i + count <= length; i += count)
        {
            op.Invoke(Vector512.LoadUnsafe(ref rx, i), Vector512.LoadUnsafe(ref ry, i),
                    Vector512.LoadUnsafe(ref rz, i))
                .StoreUnsafe(ref rd, i);
        }

        if (i < length)
        {
            StoreTail(ref rd, last, length - i, tail);
        }
    }

    private static void Apply256<T, TOp>(ref T rx, ref T ry, ref T rz, ref T rd, nuint length, TOp op)
        where T : unmanaged
        where TOp : struct, ITernaryOperator<T>
    {
        nuint count = (nuint)Vector256<T>.Count;
        nuint last = length - count;
        Vector256<T> tail = op.Invoke(Vector256.LoadUnsafe(ref rx, last), Vector256.LoadUnsafe(ref ry, last),
            Vector256.LoadUnsafe(ref rz, last));

        nuint i = 0;
        for (; i + (2 * count) <= length; i += 2 * count)
        {
            Vector256<T> x0 = Vector256.LoadUnsafe(ref rx, i);
            Vector256<T> x1 = Vector256.LoadUnsafe(ref rx, i + count);
            Vector256<T> y0 = Vector256.LoadUnsafe(ref ry, i);
            Vector256<T> y1 = Vector256.LoadUnsafe(ref ry, i + count);
            Vector256<T> z0 = Vector256.LoadUnsafe(ref rz, i);
            Vector256<T> z1 = Vector256.LoadUnsafe(ref rz, i + count);

            x0 = op.Invoke(x0, y0, z0);
            x1 = op.Invoke(x1, y1, z1);

            x0.StoreUnsafe(ref rd, i);
            x1.StoreUnsafe(ref rd, i + count);
        }

        for (; i + count <= length; i += count)
        {
            op.Invoke(Vector256.LoadUnsafe(ref rx, i), Vector256.LoadUnsafe(ref ry, i),
                    Vector256.LoadUnsafe(ref rz, i))
                .StoreUnsafe(ref rd, i);
        }

        if (i < length)
        {
            StoreTail(ref rd, last, length - i, tail);
        }
    }

    /// <summary>
    /// Stores the last <paramref name="remaining"/> lanes of a vector that ends at the buffer's end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreTail<T>(ref T rd, nuint last, nuint remaining, Vector512<T> tail)
        where T : unmanaged
    {
        nuint count = (nuint)Vector512<T>.Count;
        Vector512<T> current = Vector512.LoadUnsafe(ref rd, last);
        Vector512<T> keepNew = TailMask512<T>(count - remaining);
        Vector512.ConditionalSelect(keepNew, tail, current).StoreUnsafe(ref rd, last);
    }

    /// <summary>The Vector256 form of the tail store above.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StoreTail<T>(ref T rd, nuint last, nuint remaining, Vector256<T> tail)
        where T : unmanaged
    {
        nuint count = (nuint)Vector256<T>.Count;
        Vector256<T> current = Vector256.LoadUnsafe(ref rd, last);
        Vector256<T> keepNew = TailMask256<T>(count - remaining);
        Vector256.ConditionalSelect(keepNew, tail, current).StoreUnsafe(ref rd, last);
    }

    /// <summary>All-ones in lanes at or past <paramref name="skip"/>, zero below it.</summary>
    private static Vector512<T> TailMask512<T>(nuint skip)
        where T : unmanaged
    {
        Vector512<byte> lanes = Vector512.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31,
            32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,
            48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63);
        byte skipBytes = (byte)(skip * (nuint)Unsafe.SizeOf<T>());
        return Vector512.GreaterThanOrEqual(lanes, Vector512.Create(skipBytes)).As<byte, T>();
    }

    private static Vector256<T> TailMask256<T>(nuint skip)
        where T : unmanaged
    {
        Vector256<byte> lanes = Vector256.Create((byte)0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
            16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31);
        byte skipBytes = (byte)(skip * (nuint)Unsafe.SizeOf<T>());
        return Vector256.GreaterThanOrEqual(lanes, Vector256.Create(skipBytes)).As<byte, T>();
    }
}
