using GramDynamics.Data;
using GramDynamics.Runs;

namespace GramDynamics.Cli;

/// <summary>An invalid option value or combination, reported as one line without a stack trace.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>
/// Runs a command body and turns every expected failure into one error line and exit code 1.
/// </summary>
internal static class CommandFailure
{
    public const int Failed = 1;
    public const int Interrupted = 130;

    public static int Guard(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception exception) when (IsExpected(exception))
        {
            Console.Error.WriteLine($"gramdyn: error: {exception.Message}");
            return Failed;
        }
    }

    private static bool IsExpected(Exception exception) => exception
        is UsageException
        or DataFormatException
        or IOException
        or UnauthorizedAccessException
        or ArgumentException
        or NumericalException
        or TrainingDivergedException
        or NotSupportedException;
}
