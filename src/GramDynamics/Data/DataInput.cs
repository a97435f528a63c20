using System.IO.Compression;

namespace GramDynamics.Data;

/// <summary>
/// Opens input files, decompressing gzip transparently (detected by the magic bytes 1f 8b).
/// </summary>
internal static class DataInput
{
    /// <summary>
    /// Opens a file for reading; throws <see cref="FileNotFoundException"/> naming the path.
    /// </summary>
    public static FileStream OpenFile(string path)
    {
        if (!File.Exists(path))
        {
            DataThrowHelper.ThrowNotFound(path, "file not found");
        }

        return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
    }

    /// <summary>
    /// Opens a file and returns a stream of its content, decompressed when the file starts with the gzip
    /// magic bytes, whatever its extension.
    /// </summary>
    public static Stream OpenDecompressed(string path)
    {
        FileStream file = OpenFile(path);
        try
        {
            return IsGzip(file) ? new GZipStream(file, CompressionMode.Decompress) : file;
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Whether a seekable stream starts with 1f 8b; the position is restored.</summary>
    public static bool IsGzip(Stream stream)
    {
        long start = stream.Position;
        Span<byte> magic = stackalloc byte[2];
        int read = stream.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    }

    /// <summary>
    /// Reads until <paramref name="buffer"/> is full or the stream ends, and returns the byte count read.
    /// A corrupt gzip stream becomes a <see cref="DataFormatException"/> naming the input.
    /// </summary>
    public static int ReadFully(Stream stream, Span<byte> buffer, string inputName)
    {
        try
        {
            return stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (InvalidDataException exception)
        {
            throw new DataFormatException(inputName,
                $"the gzip stream is corrupt or truncated ({exception.Message})", exception);
        }
    }

    /// <summary>Counts the bytes left in a stream (reading them when it cannot seek).</summary>
    public static long CountRemaining(Stream stream, string inputName)
    {
        if (stream.CanSeek)
        {
            return stream.Length - stream.Position;
        }

        long count = 0;
        byte[] scratch = new byte[1 << 16];
        int read;
        while ((read = ReadFully(stream, scratch, inputName)) > 0)
        {
            count += read;
        }

        return count;
    }
}
