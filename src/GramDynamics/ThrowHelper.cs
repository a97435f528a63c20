using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace GramDynamics;

/// <summary>Throws the library's exceptions; each message states what was found and what was allowed.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgument(string parameter, string message) =>
        throw new ArgumentException($"{parameter}: {message}", parameter);

    [DoesNotReturn]
    public static void ThrowArgumentOutOfRange(string parameter, string message) =>
        throw new ArgumentOutOfRangeException(parameter, $"{parameter}: {message}");

    [DoesNotReturn]
    public static void ThrowUnsupportedElementType<T>() =>
        throw new NotSupportedException(
            $"element type {typeof(T).Name} is not supported, expected double or float");

    [DoesNotReturn]
    public static void ThrowNumerical(string message) => throw new NumericalException(message);
}

/// <summary>
/// A numerical failure: overflow, a non-finite value, or a LAPACK routine that did not converge.
/// </summary>
public sealed class NumericalException : Exception
{
    public NumericalException(string message)
        : base(message)
    {
    }

    public NumericalException()
    {
    }

    public NumericalException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
