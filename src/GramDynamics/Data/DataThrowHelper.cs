using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace GramDynamics.Data;

/// <summary>
/// Throws <see cref="DataFormatException"/> from the readers, keeping their hot loops small.
/// </summary>
[StackTraceHidden]
internal static class DataThrowHelper
{
    [DoesNotReturn]
    public static void ThrowFormat(string inputName, string problem) =>
        throw new DataFormatException(inputName, problem);

    [DoesNotReturn]
    public static T ThrowFormat<T>(string inputName, string problem) =>
        throw new DataFormatException(inputName, problem);

    [DoesNotReturn]
    public static void ThrowNotFound(string path, string problem) =>
        throw new FileNotFoundException($"{path}: {problem}", path);
}
