namespace GramDynamics.Numerics;

/// <summary>
/// A LAPACK routine that returned INFO ≠ 0: an invalid argument (INFO &lt; 0) or a failure to
/// converge (INFO &gt; 0). The message names the routine and the argument or the failure.
/// </summary>
public sealed class LapackException : Exception
{
    public LapackException(string routine, int info, string message)
        : base(message)
    {
        Routine = routine;
        Info = info;
    }

    public LapackException()
    {
        Routine = string.Empty;
    }

    public LapackException(string message)
        : base(message)
    {
        Routine = string.Empty;
    }

    public LapackException(string message, Exception innerException)
        : base(message, innerException)
    {
        Routine = string.Empty;
    }

    /// <summary>Name of the LAPACK routine, such as "dsyevd".</summary>
    public string Routine { get; }

    /// <summary>The INFO value the routine returned.</summary>
    public int Info { get; }
}
