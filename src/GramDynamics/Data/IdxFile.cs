using System.Buffers.Binary;

namespace GramDynamics.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST, gzipped or not (detected by the magic bytes 1f 8b):
/// unsigned-byte images (magic 0x00000803, three dimensions) and labels (0x00000801, one dimension).
/// </summary>
/// <remarks>
/// An IDX file starts with two zero bytes, a type code, a dimension count, then each dimension as a
/// big-endian 32-bit integer, then the data. Every fault raises a <see cref="DataFormatException"/>
/// naming the file: a wrong or unsupported magic number, zero dimensions, and data shorter or longer
/// than the header states.
/// </remarks>
public static class IdxFile
{
    private const byte UnsignedByteCode = 0x08;

    /// <summary>Reads an image file (idx3-ubyte).</summary>
    /// <returns>The images; <see cref="IdxImages.Pixels"/> is [N, rows · columns].</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not a valid IDX image file.</exception>
    public static IdxImages ReadImages(string path)
    {
        using Stream stream = DataInput.OpenDecompressed(path);
        return ReadImages(stream, path);
    }

    /// <summary>
    /// Reads images from an uncompressed IDX stream; <paramref name="inputName"/> starts every error.
    /// </summary>
    public static IdxImages ReadImages(Stream stream, string inputName)
    {
        int[] dimensions = ReadHeader(stream, inputName, expectedDimensions: 3, "images");
        int count = dimensions[0], rows = dimensions[1], columns = dimensions[2];
        long pixelCount = (long)rows * columns;
        long expected = count * pixelCount;
        if (expected > Array.MaxLength)
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"the header states {count} images of {rows} × {columns} pixels, more values than one .NET "
                + $"array can hold ({Array.MaxLength})");
        }

        byte[] data = ReadData(stream, inputName, expected, present =>
            $"the header states {count} images of {rows} × {columns} pixels ({expected} bytes) but the "
            + $"file contains {present} bytes of pixel data ({present / pixelCount} whole images)");

        var pixels = new double[expected];
        for (int i = 0; i < data.Length; i++)
        {
            pixels[i] = data[i];
        }

        return new IdxImages(pixels, count, rows, columns);
    }

    /// <summary>Reads a label file (idx1-ubyte).</summary>
    /// <returns>The labels, [N], each 0..255.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not a valid IDX label file.</exception>
    public static int[] ReadLabels(string path)
    {
        using Stream stream = DataInput.OpenDecompressed(path);
        return ReadLabels(stream, path);
    }

    /// <summary>
    /// Reads labels from an uncompressed IDX stream; <paramref name="inputName"/> starts every error.
    /// </summary>
    public static int[] ReadLabels(Stream stream, string inputName)
    {
        int count = ReadHeader(stream, inputName, expectedDimensions: 1, "labels")[0];
        byte[] data = ReadData(stream, inputName, count, present =>
            $"the header states {count} labels but the file contains {present}");
        return [.. data.Select(label => (int)label)];
    }

    /// <summary>
    /// Reads an image file and its label file, checks that they hold the same number of samples, and
    /// returns them as a data set with raw pixels (0..255) and regression targets equal to the labels.
    /// </summary>
    /// <param name="imagesPath">The idx3-ubyte image file, gzipped or not.</param>
    /// <param name="labelsPath">The idx1-ubyte label file, gzipped or not.</param>
    /// <param name="name">The data set's name, e.g. "fashion-mnist-test".</param>
    /// <exception cref="DataFormatException">Either file is invalid, or the counts differ.</exception>
    public static Dataset ReadDataset(string imagesPath, string labelsPath, string name)
    {
        IdxImages images = ReadImages(imagesPath);
        int[] labels = ReadLabels(labelsPath);
        if (labels.Length != images.Count)
        {
            DataThrowHelper.ThrowFormat(labelsPath,
                $"the file contains {labels.Length} labels but {imagesPath} contains {images.Count} images; "
                + "expected one label per image");
        }

        return Dataset.FromLabels(images.Pixels, images.Count, images.PixelCount,
            [.. labels.Select(label => (double)label)], name,
            $"IDX images {imagesPath} with labels {labelsPath}");
    }

    private static int[] ReadHeader(Stream stream, string inputName, int expectedDimensions, string content)
    {
        Span<byte> magic = stackalloc byte[4];
        int read = DataInput.ReadFully(stream, magic, inputName);
        if (read < 4 || magic[0] != 0 || magic[1] != 0)
        {
            string found = read == 0
                ? "no bytes (the file is empty)"
                : $"bytes {Convert.ToHexString(magic[..read])}";
            DataThrowHelper.ThrowFormat(inputName,
                $"not an IDX file: it starts with {found}, expected 0000 followed by a type code and a "
                + "dimension count");
        }

        byte typeCode = magic[2];
        byte dimensionCount = magic[3];
        uint magicNumber = BinaryPrimitives.ReadUInt32BigEndian(magic);
        uint expectedMagic = ((uint)UnsignedByteCode << 8) | (uint)expectedDimensions;
        if (magicNumber != expectedMagic)
        {
            string typeName = TypeName(typeCode);
            string kind = magicNumber switch
            {
                0x00000801 => " (a label file)",
                0x00000803 => " (an image file)",
                _ => string.Empty,
            };
            string described = typeName.Length == 0
                ? $"type code 0x{typeCode:X2} does not exist in the IDX format "
                    + "(valid codes are 0x08, 0x09 and 0x0B to 0x0E)"
                : $"it marks {typeName} data with {DimensionText(dimensionCount)}{kind}";
            DataThrowHelper.ThrowFormat(inputName,
                $"IDX magic number 0x{magicNumber:X8}: {described}; expected 0x{expectedMagic:X8} "
                + $"(unsigned byte, {DimensionText(expectedDimensions)}) for {content}");
        }

        Span<byte> sizes = stackalloc byte[4 * expectedDimensions];
        if (DataInput.ReadFully(stream, sizes, inputName) < sizes.Length)
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"the file ends inside the IDX header, which needs {expectedDimensions} dimension sizes "
                + "(the file is truncated)");
        }

        var dimensions = new int[expectedDimensions];
        for (int i = 0; i < expectedDimensions; i++)
        {
            uint size = BinaryPrimitives.ReadUInt32BigEndian(sizes[(4 * i)..]);
            if (size == 0 || size > int.MaxValue)
            {
                DataThrowHelper.ThrowFormat(inputName,
                    $"IDX dimension {i} is {size}, expected 1 to {int.MaxValue}");
            }

            dimensions[i] = (int)size;
        }

        return dimensions;
    }

    // Reads exactly `expected` bytes and rejects both fewer and more. The buffer grows with the data
    // actually present, so a header that promises far more than the file contains fails without first
    // allocating the promised size.
    private static byte[] ReadData(Stream stream, string inputName, long expected,
        Func<long, string> describeShortfall)
    {
        byte[] data = new byte[Math.Min(expected, 1 << 20)];
        long filled = 0;
        while (filled < expected)
        {
            if (filled == data.Length)
            {
                Array.Resize(ref data, (int)Math.Min(expected, 2L * data.Length));
            }

            int read = DataInput.ReadFully(stream, data.AsSpan((int)filled), inputName);
            filled += read;
            if (read == 0)
            {
                DataThrowHelper.ThrowFormat(inputName, describeShortfall(filled));
            }
        }

        long extra = DataInput.CountRemaining(stream, inputName);
        if (extra > 0)
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"the file contains {extra} bytes after the {expected} bytes that its header describes; "
                + "the header is wrong or data was appended");
        }

        return data;
    }

    private static string DimensionText(int count) => count == 1 ? "1 dimension" : $"{count} dimensions";

    private static string TypeName(byte typeCode) => typeCode switch
    {
        0x08 => "unsigned byte",
        0x09 => "signed byte",
        0x0B => "16-bit integer",
        0x0C => "32-bit integer",
        0x0D => "float32",
        0x0E => "float64",
        _ => string.Empty,
    };
}
