namespace GramDynamics.Native;

/// <summary>A rejected C ABI call, carrying the status code that the export returns.</summary>
public sealed class NativeCallException : Exception
{
    public NativeCallException(ErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    public NativeCallException()
    {
        Code = ErrorCode.Internal;
    }

    public NativeCallException(string message)
        : base(message)
    {
        Code = ErrorCode.Internal;
    }

    public NativeCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = ErrorCode.Internal;
    }

    /// <summary>The status code returned to the C caller.</summary>
    public ErrorCode Code { get; }
}
