using System.Buffers.Binary;
using SkiaSharp;

namespace GramDynamics.Tests.Report;

/// <summary>
/// Reads a PNG's size from its IHDR chunk and decodes it to check that it is not one flat colour.
/// </summary>
internal static class PngCheck
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Width and height from the IHDR chunk, which must directly follow the signature.</summary>
    public static (int Width, int Height) Size(byte[] png)
    {
        Assert.True(png.Length > 33, $"PNG has {png.Length} bytes, too short for a signature and IHDR");
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        int width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        int height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        return (width, height);
    }

    /// <summary>Number of distinct pixel colours after decoding.</summary>
    public static int DistinctColors(byte[] png)
    {
        using SKBitmap bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        return bitmap.Pixels.Distinct().Count();
    }
}
