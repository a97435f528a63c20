using System.Buffers.Binary;
using System.IO.Compression;

namespace GramDynamics.Tests.Data;

/// <summary>Writes small IDX files for the tests; pixel (i, p) of image i is (7 i + p) mod 256.</summary>
internal static class IdxWriter
{
    public static byte Pixel(int image, int pixel) => (byte)((7 * image + pixel) % 256);

    public static void WriteImages(string path, int count, int rows, int columns, bool gzip,
        int? headerCount = null, int extraBytes = 0)
    {
        using var content = new MemoryStream();
        WriteInt(content, 0x00000803);
        WriteInt(content, headerCount ?? count);
        WriteInt(content, rows);
        WriteInt(content, columns);
        for (int image = 0; image < count; image++)
        {
            for (int pixel = 0; pixel < rows * columns; pixel++)
            {
                content.WriteByte(Pixel(image, pixel));
            }
        }

        content.Write(new byte[extraBytes]);
        Save(path, content.ToArray(), gzip);
    }

    public static void WriteLabels(string path, IReadOnlyList<byte> labels, bool gzip)
    {
        using var content = new MemoryStream();
        WriteInt(content, 0x00000801);
        WriteInt(content, labels.Count);
        content.Write([.. labels]);
        Save(path, content.ToArray(), gzip);
    }

    public static void Save(string path, byte[] content, bool gzip)
    {
        using var file = File.Create(path);
        if (gzip)
        {
            using var compressed = new GZipStream(file, CompressionLevel.Fastest);
            compressed.Write(content);
        }
        else
        {
            file.Write(content);
        }
    }

    private static void WriteInt(Stream stream, int value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        stream.Write(bytes);
    }
}
