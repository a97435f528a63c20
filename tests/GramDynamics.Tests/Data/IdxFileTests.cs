using GramDynamics.Data;

namespace GramDynamics.Tests.Data;

public sealed class IdxFileTests : IDisposable
{
    private readonly string _folder = TestFiles.CreateFolder();

    public void Dispose() => TestFiles.DeleteFolder(_folder);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadImages_PlainAndGzipped(bool gzip)
    {
        string path = Path.Combine(_folder, "images-idx3-ubyte");
        IdxWriter.WriteImages(path, count: 3, rows: 2, columns: 5, gzip);

        IdxImages images = IdxFile.ReadImages(path);

        Assert.Equal(3, images.Count);
        Assert.Equal(2, images.ImageRows);
        Assert.Equal(5, images.ImageColumns);
        Assert.Equal(10, images.PixelCount);
        Assert.Equal(30, images.Pixels.Length);
        for (int image = 0; image < 3; image++)
        {
            for (int pixel = 0; pixel < 10; pixel++)
            {
                Assert.Equal(IdxWriter.Pixel(image, pixel), images.Pixels[image * 10 + pixel]);
            }
        }
    }

    [Fact]
    public void ReadDataset_PairsImagesAndLabels()
    {
        string imagesPath = Path.Combine(_folder, "images-idx3-ubyte.gz");
        string labelsPath = Path.Combine(_folder, "labels-idx1-ubyte.gz");
        IdxWriter.WriteImages(imagesPath, count: 2, rows: 2, columns: 2, gzip: true);
        IdxWriter.WriteLabels(labelsPath, [9, 4], gzip: true);

        Dataset dataset = IdxFile.ReadDataset(imagesPath, labelsPath, "pair");

        Assert.Equal(2, dataset.Count);
        Assert.Equal(4, dataset.Dimension);
        Assert.Equal([9, 4], dataset.ClassLabels!);
        Assert.Equal([9.0, 4.0], dataset.Y);
    }

    [Fact]
    public void ReadImages_TrailingBytes_Rejected()
    {
        string path = Path.Combine(_folder, "long-idx3-ubyte");
        IdxWriter.WriteImages(path, count: 2, rows: 2, columns: 2, gzip: false, extraBytes: 3);

        var exception = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains("3 bytes after the 8 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_LyingCount_Rejected()
    {
        string path = Path.Combine(_folder, "lying-idx3-ubyte.gz");
        IdxWriter.WriteImages(path, count: 1, rows: 28, columns: 28, gzip: true, headerCount: 1_000_000);

        var exception = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(path));

        Assert.Contains("1000000 images", exception.Message, StringComparison.Ordinal);
        Assert.Contains("(1 whole images)", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 0, 0, 0x07, 3, 0, 0, 0, 1 }, "type code 0x07 does not exist")]
    [InlineData(new byte[] { 0, 0, 0x08, 1, 0, 0, 0, 1, 5 }, "expected 0x00000803")]
    [InlineData(new byte[] { 0x1a, 0x2b, 8, 3 }, "not an IDX file: it starts with bytes 1A2B0803")]
    [InlineData(new byte[] { }, "the file is empty")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 1 }, "ends inside the IDX header")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, "IDX dimension 1 is 0")]
    public void ReadImages_BadHeader_Rejected(byte[] content, string fragment)
    {
        string path = Path.Combine(_folder, "bad-idx3-ubyte");
        File.WriteAllBytes(path, content);

        var exception = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(path));

        Assert.StartsWith(path + ": ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadLabels_ImageFile_Rejected()
    {
        string path = Path.Combine(_folder, "images-idx3-ubyte");
        IdxWriter.WriteImages(path, count: 1, rows: 1, columns: 1, gzip: false);

        var exception = Assert.Throws<DataFormatException>(() => IdxFile.ReadLabels(path));

        Assert.Contains("expected 0x00000801 (unsigned byte, 1 dimension) for labels", exception.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void ReadImages_CorruptGzip_Rejected()
    {
        string path = Path.Combine(_folder, "corrupt-idx3-ubyte.gz");
        IdxWriter.WriteImages(path, count: 50, rows: 10, columns: 10, gzip: true);
        byte[] bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var exception = Assert.Throws<DataFormatException>(() => IdxFile.ReadImages(path));

        Assert.StartsWith(path + ": ", exception.Message, StringComparison.Ordinal);
    }
}
