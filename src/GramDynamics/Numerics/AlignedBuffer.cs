using System.Runtime.InteropServices;

namespace GramDynamics.Numerics;

/// <summary>
/// A 64-byte aligned native buffer of <typeparamref name="T"/>, zeroed on allocation and freed on
/// dispose or finalization. Index arithmetic is in nint, so buffers past 2³¹ elements work. A span
/// over one is limited to int.MaxValue elements, so large matrices are read by row.
/// </summary>
public sealed unsafe class AlignedBuffer<T> : IDisposable
    where T : unmanaged
{
    private T* _pointer;

    /// <summary>Allocates <paramref name="length"/> zeroed elements on a 64-byte boundary.</summary>
    public AlignedBuffer(long length)
    {
        if (length < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(length), $"length is {length}, expected at least 0");
        }

        Length = length;
        nuint bytes = (nuint)Math.Max(1, length) * (nuint)sizeof(T);
        _pointer = (T*)NativeMemory.AlignedAlloc(bytes, 64);
        NativeMemory.Clear(_pointer, bytes);
        if (length > 0)
        {
            GC.AddMemoryPressure((long)bytes);
        }
    }

    ~AlignedBuffer() => Free();

    /// <summary>Number of elements.</summary>
    public long Length { get; }

    /// <summary>Address of the first element; valid until the buffer is disposed.</summary>
    public T* Pointer
    {
        get
        {
            ObjectDisposedException.ThrowIf(_pointer is null, this);
            return _pointer;
        }
    }

    /// <summary>The whole buffer as a span (up to int.MaxValue elements).</summary>
    public Span<T> Span => new(Pointer, checked((int)Length));

    /// <summary>A slice of the buffer as a span.</summary>
    public Span<T> Slice(long start, int length)
    {
        if (start < 0 || length < 0 || start + length > Length)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(start),
                $"slice [{start}, {start + length}) is outside a buffer of {Length}");
        }

        return new Span<T>(Pointer + start, length);
    }

    public void Dispose()
    {
        Free();
        GC.SuppressFinalize(this);
    }

    private void Free()
    {
        if (_pointer is not null)
        {
            NativeMemory.AlignedFree(_pointer);
            _pointer = null;
            if (Length > 0)
            {
                GC.RemoveMemoryPressure(Length * sizeof(T));
            }
        }
    }
}
