namespace GramDynamics.Data;

/// <summary>
/// Images read from an IDX file: unsigned-byte pixels converted to double (0..255, not scaled).
/// </summary>
public sealed class IdxImages
{
    internal IdxImages(double[] pixels, int count, int rows, int columns)
    {
        Pixels = pixels;
        Count = count;
        ImageRows = rows;
        ImageColumns = columns;
    }

    /// <summary>
    /// The images, [Count, ImageRows · ImageColumns] row-major; each image is flattened row by row.
    /// </summary>
    public double[] Pixels { get; }

    /// <summary>N, the number of images.</summary>
    public int Count { get; }

    /// <summary>The height of each image in pixels.</summary>
    public int ImageRows { get; }

    /// <summary>The width of each image in pixels.</summary>
    public int ImageColumns { get; }

    /// <summary>d = ImageRows · ImageColumns, the pixels per image.</summary>
    public int PixelCount => ImageRows * ImageColumns;
}
