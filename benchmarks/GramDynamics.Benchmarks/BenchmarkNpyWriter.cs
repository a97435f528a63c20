using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace GramDynamics.Benchmarks;

/// <summary>
/// A minimal NumPy .npy writer (format version 1.0, C order, little-endian float64) for the peers
/// runner only. It writes nothing but arrays for numpy.load.
/// </summary>
internal static class BenchmarkNpyWriter
{
    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P',
        (byte)'Y', 1, 0];

    /// <summary>Writes <paramref name="values"/> as a float64 array of the given shape.</summary>
    public static void Write(string path, ReadOnlySpan<double> values, params int[] shape)
    {
        long expected = shape.Aggregate(1L, (product, extent) => product * extent);
        if (expected != values.Length)
        {
            throw new ArgumentException(
                $"shape ({string.Join(", ", shape)}) needs {expected} values, found {values.Length}",
                    nameof(values));
        }

        string shapeText = shape.Length == 1
            ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
            : $"({string.Join(", ", shape.Select(extent => extent.ToString(CultureInfo.InvariantCulture)))})";
        string header = $"{{'descr': '<f8', 'fortran_order': False, 'shape': {shapeText}, }}";

        // Magic (8 bytes) + header length (2 bytes) + header, padded with spaces to a multiple of 64,
        // ending in a newline.
        int unpadded = Magic.Length + 2 + header.Length + 1;
        int padding = (64 - (unpadded % 64)) % 64;
        header = header + new string(' ', padding) + "\n";

        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.Write(Magic);
        Span<byte> length = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)header.Length);
        stream.Write(length);
        stream.Write(Encoding.ASCII.GetBytes(header));
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException(
                "the .npy writer of the benchmarks assumes a little-endian CPU");
        }

        stream.Write(MemoryMarshal.AsBytes(values));
    }
}
