using System.Text;

namespace GramDynamics.Data;

/// <summary>
/// Writes files atomically: the content goes to a temporary file in the destination's folder, is
/// flushed to disk, and only then replaces the destination with one rename. A crash leaves either the
/// old file or the complete new one, never a half-written file under the final name. At worst a
/// temporary file named ".NAME.RANDOM.tmp" stays behind.
/// </summary>
public static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="bytes"/> to <paramref name="path"/> atomically.</summary>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> bytes)
    {
        using AtomicFileWriter writer = Create(path);
        writer.Stream.Write(bytes);
        writer.Commit();
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> atomically as UTF-8 without a BOM.
    /// </summary>
    public static void WriteAllText(string path, string text)
    {
        using AtomicFileWriter writer = Create(path);
        using (var textWriter = new StreamWriter(writer.Stream, Utf8NoBom, 1 << 16, leaveOpen: true))
        {
            textWriter.Write(text);
        }

        writer.Commit();
    }

    /// <summary>
    /// Calls <paramref name="write"/> with a stream to the temporary file, then commits it. If
    /// <paramref name="write"/> throws, the temporary file is deleted and the destination is untouched.
    /// </summary>
    public static void Write(string path, Action<Stream> write)
    {
        using AtomicFileWriter writer = Create(path);
        write(writer.Stream);
        writer.Commit();
    }

    /// <summary>
    /// Opens a temporary file beside <paramref name="path"/>. Write to <see cref="AtomicFileWriter.Stream"/>,
    /// then call <see cref="AtomicFileWriter.Commit"/>; disposing without a commit deletes the temporary
    /// file.
    /// </summary>
    public static AtomicFileWriter Create(string path) => new(path);
}
