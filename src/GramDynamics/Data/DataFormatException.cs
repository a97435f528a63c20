namespace GramDynamics.Data;

/// <summary>
/// A malformed or inconsistent input: a file, a stream or an in-memory data set. The message starts
/// with the input's path or name, then states what is wrong and, where a fix is known, what to do.
/// </summary>
public sealed class DataFormatException : Exception
{
    /// <summary>
    /// Creates the exception with the message "<paramref name="inputName"/>: <paramref name="problem"/>".
    /// </summary>
    /// <param name="inputName">The file path or the name of the input.</param>
    /// <param name="problem">What is wrong and, where useful, what to do.</param>
    public DataFormatException(string inputName, string problem)
        : base($"{inputName}: {problem}")
    {
        InputName = inputName;
    }

    /// <summary>Creates the exception with a cause, such as a corrupt gzip stream.</summary>
    public DataFormatException(string inputName, string problem, Exception innerException)
        : base($"{inputName}: {problem}", innerException)
    {
        InputName = inputName;
    }

    public DataFormatException()
    {
        InputName = string.Empty;
    }

    public DataFormatException(string message)
        : base(message)
    {
        InputName = string.Empty;
    }

    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        InputName = string.Empty;
    }

    /// <summary>
    /// The file path or input name that the message starts with; empty when none was given.
    /// </summary>
    public string InputName { get; }
}
