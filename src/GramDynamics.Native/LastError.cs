using System.Runtime.InteropServices;
using System.Text;
using GramDynamics.Numerics;

namespace GramDynamics.Native;

/// <summary>
/// The status and message of the last C ABI call on the calling thread. Every export clears it on
/// entry, so it always describes the most recent call. The message is UTF-8, NUL-terminated, in a
/// per-thread native buffer that stays valid until the next call on the same thread.
/// </summary>
internal static unsafe class LastError
{
    // NOTE: the per-thread buffer is never freed when its thread exits. It stores one message, so a
    // program that starts many short-lived threads leaks about one message per thread.
    [ThreadStatic]
    private static byte* t_message;

    [ThreadStatic]
    private static int t_capacity;

    [ThreadStatic]
    private static ErrorCode t_code;

    private static readonly byte* s_empty = (byte*)NativeMemory.AllocZeroed(1);

    /// <summary>The status of the last call on this thread.</summary>
    public static ErrorCode Code => t_code;

    /// <summary>The message of the last call on this thread; "" after a successful call.</summary>
    public static byte* Message => t_message is null ? s_empty : t_message;

    /// <summary>A process-lifetime empty string.</summary>
    public static byte* EmptyText => s_empty;

    /// <summary>Marks the call that is starting as successful until it records a failure.</summary>
    public static void Clear()
    {
        t_code = ErrorCode.Ok;
        if (t_message is not null)
        {
            t_message[0] = 0;
        }
    }

    /// <summary>Records a failure and returns its status code for the export to return.</summary>
    public static int Record(Exception exception)
    {
        (ErrorCode code, string message) = Classify(exception);
        t_code = code;
        Store(message);
        return (int)code;
    }

    private static (ErrorCode Code, string Message) Classify(Exception exception) => exception switch
    {
        NativeCallException call => (call.Code, call.Message),
        ArgumentException argument => (ErrorCode.InvalidArgument, argument.Message),
        NumericalException numerical => (ErrorCode.Numerical, numerical.Message),
        LapackException lapack => (ErrorCode.Numerical, lapack.Message),
        OutOfMemoryException => (ErrorCode.OutOfMemory, "out of memory: an allocation failed"),
        NotSupportedException notSupported => (ErrorCode.NotSupported, notSupported.Message),
        _ => (ErrorCode.Internal, $"internal error ({exception.GetType().Name}): {exception.Message}"),
    };

    private static void Store(string message)
    {
        int needed = Encoding.UTF8.GetByteCount(message) + 1;
        if (needed > t_capacity)
        {
            try
            {
                t_message = (byte*)NativeMemory.Realloc(t_message, (nuint)needed);
                t_capacity = needed;
            }
            catch (OutOfMemoryException)
            {
                // Realloc left the old buffer in place: keep the status code, drop the text.
                if (t_message is not null)
                {
                    t_message[0] = 0;
                }

                return;
            }
        }

        int written = Encoding.UTF8.GetBytes(message, new Span<byte>(t_message, t_capacity));
        t_message[written] = 0;
    }
}
