using System.Globalization;
using System.Numerics.Tensors;
using GramDynamics.Collective;

namespace GramDynamics.Native;

/// <summary>
/// Checks of C ABI arguments. Each failure throws a <see cref="NativeCallException"/> whose message
/// names the argument, its value or length and what was expected.
/// </summary>
internal static unsafe class AbiArguments
{
    /// <summary>Wraps a required buffer of <paramref name="length"/> elements in a span.</summary>
    public static Span<T> Required<T>(T* pointer, nuint length, string name)
        where T : unmanaged
    {
        if (pointer is null)
        {
            throw new NativeCallException(ErrorCode.NullPointer, $"{name} is NULL, expected a buffer");
        }

        return Wrap(pointer, length, name);
    }

    /// <summary>Wraps an optional buffer in a span; NULL gives an empty span ("not requested").</summary>
    public static Span<T> Optional<T>(T* pointer, nuint length, string name)
        where T : unmanaged =>
        pointer is null ? [] : Wrap(pointer, length, name);

    /// <summary>Throws unless a required pointer is non-NULL.</summary>
    public static void NotNull(void* pointer, string name)
    {
        if (pointer is null)
        {
            throw new NativeCallException(ErrorCode.NullPointer, $"{name} is NULL");
        }
    }

    /// <summary>Throws ShapeMismatch unless a buffer has exactly rows × columns elements.</summary>
    public static void ExpectShape<T>(ReadOnlySpan<T> buffer, int rows, int columns, string name,
        string shape)
    {
        long expected = (long)rows * columns;
        if (buffer.Length != expected)
        {
            throw new NativeCallException(ErrorCode.ShapeMismatch,
                $"{name} has {buffer.Length} values, expected {shape} = {rows} × {columns} = {expected}");
        }
    }

    /// <summary>
    /// Throws ShapeMismatch unless a buffer has exactly rows × columns elements. The shape text is
    /// formed only on failure, from <paramref name="shapeFormat"/> with {0} = ℓ, {1} = ℓ − 1 and
    /// {2} = ℓ + 1, so a successful check allocates nothing.
    /// </summary>
    public static void ExpectShape<T>(ReadOnlySpan<T> buffer, int rows, int columns, string name,
        string shapeFormat, int layer)
    {
        if (buffer.Length != (long)rows * columns)
        {
            ExpectShape(buffer, rows, columns, name,
                string.Format(CultureInfo.InvariantCulture, shapeFormat, layer, layer - 1, layer + 1));
        }
    }

    /// <summary>Throws InvalidArgument unless first ≤ <paramref name="layer"/> ≤ last.</summary>
    public static void Layer(int layer, int first, int last, string objectName)
    {
        if (layer < first || layer > last)
        {
            string range = first > last ? "none: the network is too shallow" : $"{first}..{last}";
            throw new NativeCallException(ErrorCode.InvalidArgument,
                $"layer is {layer}, expected {range} for {objectName}");
        }
    }

    /// <summary>Throws InvalidArgument unless 0 ≤ <paramref name="sample"/> &lt; N.</summary>
    public static void Sample(int sample, int samples, string name)
    {
        if ((uint)sample >= (uint)samples)
        {
            throw new NativeCallException(ErrorCode.InvalidArgument,
                $"{name} is {sample}, expected a sample index in 0..{samples - 1}");
        }
    }

    /// <summary>Throws InvalidArgument at the first non-finite entry of a row-major matrix.</summary>
    public static void Finite(ReadOnlySpan<double> values, int columns, string name)
    {
        // IsFiniteAll returns false for an empty span, so the empty case is handled first.
        if (values.IsEmpty || TensorPrimitives.IsFiniteAll(values))
        {
            return;
        }

        int index = 0;
        while (double.IsFinite(values[index]))
        {
            index++;
        }

        throw new NativeCallException(ErrorCode.InvalidArgument,
            $"{name} entry ({index / columns}, {index % columns}) is {values[index]}, "
            + "expected a finite value");
    }

    /// <summary>
    /// Throws InvalidArgument at the first non-finite entry of W_ℓ; the name "Wℓ" is formed only on
    /// failure.
    /// </summary>
    public static void FiniteWeights(ReadOnlySpan<double> values, int columns, int layer)
    {
        if (values.IsEmpty || TensorPrimitives.IsFiniteAll(values))
        {
            return;
        }

        Finite(values, columns, $"W{layer}");
    }

    /// <summary>Converts a gramdyn_precision value.</summary>
    public static Precision Precision(int precision) => precision switch
    {
        0 => Collective.Precision.Double,
        1 => Collective.Precision.Float32,
        2 => Collective.Precision.Mixed,
        _ => throw new NativeCallException(ErrorCode.InvalidArgument,
            $"precision is {precision}, expected GRAMDYN_PRECISION_DOUBLE (0), FLOAT32 (1) or MIXED (2)"),
    };

    private static Span<T> Wrap<T>(T* pointer, nuint length, string name)
        where T : unmanaged
    {
        if (length > int.MaxValue)
        {
            throw new NativeCallException(ErrorCode.ShapeMismatch,
                $"{name} length is {length}, more than the maximum of {int.MaxValue} elements per buffer");
        }

        return new Span<T>(pointer, (int)length);
    }
}
