using System.Diagnostics.CodeAnalysis;
using System.Numerics.Tensors;

namespace GramDynamics.Diagnostics;

/// <summary>
/// Shape checks of the diagnostics and the guard that keeps NaN and infinity out of their results.
/// </summary>
internal static class DiagnosticChecks
{
    /// <summary>Machine epsilon of double, 2⁻⁵².</summary>
    public const double MachineEpsilon = 1.0 / (1L << 52);

    public static void RequireOrder(int n, string name)
    {
        if (n < 1 || (long)n * n > Array.MaxLength)
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, $"matrix order is {n}, expected 1..46340");
        }
    }

    public static void RequireLength(ReadOnlySpan<double> values, long expected, string name, string shape)
    {
        if (values.Length != expected)
        {
            ThrowHelper.ThrowArgument(name, $"holds {values.Length} values, expected {shape} = {expected}");
        }
    }

    public static void RequireLength(ReadOnlySpan<ulong> words, long expected, string name, string shape)
    {
        if (words.Length != expected)
        {
            ThrowHelper.ThrowArgument(name, $"holds {words.Length} words, expected {shape} = {expected}");
        }
    }

    public static void RequirePositive(int value, string name)
    {
        if (value < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(name, $"{name} is {value}, expected at least 1");
        }
    }

    /// <summary>
    /// Returns <paramref name="value"/> when it is finite. Otherwise throws: an ArgumentException
    /// naming the first input with a non-finite entry, or a NumericalException for an overflow.
    /// </summary>
    public static double RequireFinite(double value, string diagnostic, ReadOnlySpan<double> first,
        string firstName, ReadOnlySpan<double> second = default, string secondName = "",
        ReadOnlySpan<double> third = default, string thirdName = "")
    {
        if (double.IsFinite(value))
        {
            return value;
        }

        ThrowIfNotFinite(first, firstName);
        ThrowIfNotFinite(second, secondName);
        ThrowIfNotFinite(third, thirdName);
        ThrowHelper.ThrowNumerical($"{diagnostic} overflowed to {value} on finite inputs");
        return value;
    }

    public static void ThrowIfNotFinite(ReadOnlySpan<double> values, string name)
    {
        if (!TensorPrimitives.IsFiniteAll(values))
        {
            ThrowNotFinite(values, name);
        }
    }

    [DoesNotReturn]
    private static void ThrowNotFinite(ReadOnlySpan<double> values, string name)
    {
        int index = 0;
        while (double.IsFinite(values[index]))
        {
            index++;
        }

        throw new ArgumentException(
            $"{name}: entry {index} is {values[index]}, expected a finite value", name);
    }
}
