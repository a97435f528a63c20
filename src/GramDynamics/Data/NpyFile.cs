using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace GramDynamics.Data;

/// <summary>
/// Reads and writes NumPy .npy files (format versions 1.0, 2.0 and 3.0). Reading accepts C-order,
/// little-endian float64, float32, int32, int64 and uint8 arrays of one or two dimensions and converts
/// them to double. Writing produces float64 or float32 in C order, atomically.
/// </summary>
/// <remarks>
/// Every reader validates the whole file before it returns: magic bytes, version, header, dtype, order,
/// shape, data length (no bytes missing and none left over) and finiteness. Each fault raises a
/// <see cref="DataFormatException"/> whose message starts with the file path.
/// </remarks>
public static class NpyFile
{
    private const int ChunkBytes = 1 << 16;

    // Headers beyond this size are not produced by NumPy for any array this reader accepts.
    private const int MaxHeaderLength = 1 << 20;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y'];

    /// <summary>Reads a vector or a matrix from a .npy file.</summary>
    /// <returns>The array; <see cref="NpyArray.Values"/> is [rows, columns] row-major, or [length].</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is not a valid, supported .npy array.</exception>
    public static NpyArray Read(string path)
    {
        using FileStream stream = DataInput.OpenFile(path);
        return Read(stream, path);
    }

    /// <summary>Reads a vector or a matrix from a stream that is positioned at the magic bytes.</summary>
    /// <param name="stream">
    /// The .npy content; a seekable stream lets the data length be checked first.
    /// </param>
    /// <param name="inputName">The name that error messages start with.</param>
    public static NpyArray Read(Stream stream, string inputName)
    {
        var (dType, shape, count) = ReadHeader(stream, inputName);
        double[] values = ReadValues(stream, inputName, dType, shape, count);
        return new NpyArray(shape, values, dType);
    }

    /// <summary>Reads a 2-d array; a 1-d array is rejected with a hint to reshape it.</summary>
    /// <returns>The matrix: <see cref="NpyArray.Values"/> is [rows, columns] row-major.</returns>
    public static NpyArray ReadMatrix(string path)
    {
        NpyArray array = Read(path);
        if (array.IsVector)
        {
            DataThrowHelper.ThrowFormat(path,
                $"the array is a vector of {array.Rows} values, expected a matrix; save it in NumPy as "
                + "arr.reshape(1, -1) for one row or arr.reshape(-1, 1) for one column");
        }

        return array;
    }

    /// <summary>Reads a vector: a 1-d array, or a 2-d array with one row or one column.</summary>
    /// <returns>The values, [length].</returns>
    public static double[] ReadVector(string path)
    {
        NpyArray array = Read(path);
        if (!array.IsVector && array.Rows != 1 && array.Columns != 1)
        {
            DataThrowHelper.ThrowFormat(path,
                $"the array is a {array.Rows} × {array.Columns} matrix, expected a vector "
                + "(1-d, or a matrix with one row or one column)");
        }

        return array.Values;
    }

    /// <summary>Writes a matrix atomically.</summary>
    /// <param name="path">The destination; its folder must exist.</param>
    /// <param name="values">[rows, columns] row-major, all finite.</param>
    /// <param name="rows">The row count, at least 1.</param>
    /// <param name="columns">The column count, at least 1.</param>
    /// <param name="dType"><see cref="NpyDType.Float64"/> or <see cref="NpyDType.Float32"/>.</param>
    public static void WriteMatrix(string path, ReadOnlySpan<double> values, int rows, int columns,
        NpyDType dType = NpyDType.Float64) => Write(path, values, [rows, columns], dType);

    /// <summary>Writes a 1-d array atomically.</summary>
    /// <param name="path">The destination; its folder must exist.</param>
    /// <param name="values">[length], all finite.</param>
    /// <param name="dType"><see cref="NpyDType.Float64"/> or <see cref="NpyDType.Float32"/>.</param>
    public static void WriteVector(string path, ReadOnlySpan<double> values,
        NpyDType dType = NpyDType.Float64) => Write(path, values, [values.Length], dType);

    /// <summary>
    /// Writes a 1-d or 2-d array atomically (<see cref="AtomicFile"/>): the file appears complete or not at
    /// all. The arguments are validated before anything is written.
    /// </summary>
    /// <param name="path">The destination; its folder must exist.</param>
    /// <param name="values">The entries in C order; finite, and within float32 range for float32.</param>
    /// <param name="shape">[length] or [rows, columns]; every dimension at least 1.</param>
    /// <param name="dType"><see cref="NpyDType.Float64"/> or <see cref="NpyDType.Float32"/>.</param>
    public static void Write(string path, ReadOnlySpan<double> values, ReadOnlySpan<int> shape,
        NpyDType dType = NpyDType.Float64)
    {
        ValidateForWriting(values, shape, dType);
        using AtomicFileWriter writer = AtomicFile.Create(path);
        WriteValidated(writer.Stream, values, shape, dType);
        writer.Commit();
    }

    /// <summary>Writes a 1-d or 2-d array to a stream; see <see cref="Write(string, ReadOnlySpan{double},
    /// ReadOnlySpan{int}, NpyDType)"/> for the arguments.</summary>
    public static void Write(Stream stream, ReadOnlySpan<double> values, ReadOnlySpan<int> shape,
        NpyDType dType = NpyDType.Float64)
    {
        ValidateForWriting(values, shape, dType);
        WriteValidated(stream, values, shape, dType);
    }

    private static (NpyDType DType, int[] Shape, long Count) ReadHeader(Stream stream, string inputName)
    {
        Span<byte> prefix = stackalloc byte[8];
        int read = DataInput.ReadFully(stream, prefix, inputName);
        if (read < prefix.Length || !prefix[..6].SequenceEqual(Magic))
        {
            ThrowBadMagic(inputName, prefix[..read]);
        }

        byte major = prefix[6];
        byte minor = prefix[7];
        if (major is < 1 or > 3)
        {
            DataThrowHelper.ThrowFormat(inputName,
                $".npy format version {major}.{minor} is not supported, expected 1.0, 2.0 or 3.0");
        }

        // Version 1.0 stores the header length in 2 bytes; 2.0 and 3.0 use 4.
        int lengthSize = major == 1 ? 2 : 4;
        Span<byte> lengthBytes = stackalloc byte[4];
        if (DataInput.ReadFully(stream, lengthBytes[..lengthSize], inputName) < lengthSize)
        {
            DataThrowHelper.ThrowFormat(inputName,
                "the file ends inside the .npy header (the file is truncated)");
        }

        long headerLength = lengthSize == 2
            ? BinaryPrimitives.ReadUInt16LittleEndian(lengthBytes)
            : BinaryPrimitives.ReadUInt32LittleEndian(lengthBytes);
        if (headerLength > MaxHeaderLength)
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"the .npy header length field is {headerLength} bytes, expected at most {MaxHeaderLength}");
        }

        byte[] headerBytes = new byte[headerLength];
        int headerRead = DataInput.ReadFully(stream, headerBytes, inputName);
        if (headerRead < headerLength)
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"the .npy header length field states {headerLength} bytes but only {headerRead} bytes "
                + "follow (the file is truncated)");
        }

        // Versions 1.0 and 2.0 encode the header in Latin-1, version 3.0 in UTF-8.
        string text = major == 3
            ? Encoding.UTF8.GetString(headerBytes)
            : Encoding.Latin1.GetString(headerBytes);
        var header = NpyHeader.Parse(text, inputName);
        NpyDType dType = ResolveDType(header, inputName);
        if (header.FortranOrder)
        {
            DataThrowHelper.ThrowFormat(inputName,
                "the array is stored in Fortran (column-major) order, expected C order; "
                + "save it in NumPy with np.save(path, np.ascontiguousarray(arr))");
        }

        var (shape, count) = ResolveShape(header.Shape, inputName);
        return (dType, shape, count);
    }

    private static NpyDType ResolveDType(NpyHeader header, string inputName)
    {
        const string supported = "'<f8', '<f4', '<i4', '<i8' or '|u1'";
        if (header.IsStructured || header.Descr is null)
        {
            return DataThrowHelper.ThrowFormat<NpyDType>(inputName,
                $"the array has a structured dtype, expected one of {supported}; "
                + "save one numeric field, e.g. arr['name'].astype('<f8')");
        }

        string descr = header.Descr;
        if (descr.Contains('O', StringComparison.Ordinal))
        {
            return DataThrowHelper.ThrowFormat<NpyDType>(inputName,
                $"the array has dtype '{descr}', an object array that only pickle can load; pickle is not "
                + "supported because loading it can run arbitrary code. Save a numeric array instead, "
                + "e.g. np.save(path, arr.astype('<f8'))");
        }

        char byteOrder = descr.Length > 0 ? descr[0] : '\0';
        string kind = descr.Length > 0 && byteOrder is '<' or '>' or '|' or '=' ? descr[1..] : descr;
        NpyDType? dType = kind switch
        {
            "f8" => NpyDType.Float64,
            "f4" => NpyDType.Float32,
            "i4" => NpyDType.Int32,
            "i8" => NpyDType.Int64,
            "u1" => NpyDType.UInt8,
            _ => null,
        };

        if (dType is null)
        {
            return DataThrowHelper.ThrowFormat<NpyDType>(inputName,
                $"the array has dtype '{descr}', which is not supported; expected one of {supported}. "
                + "Convert it in NumPy, e.g. np.save(path, arr.astype('<f8'))");
        }

        bool singleByte = dType == NpyDType.UInt8;
        if (byteOrder == '>' && !singleByte)
        {
            return DataThrowHelper.ThrowFormat<NpyDType>(inputName,
                $"the data is big-endian (dtype '{descr}'), expected little-endian; convert it in NumPy with "
                + $"np.save(path, arr.astype('<{kind}'))");
        }

        if (byteOrder != '<' && !(singleByte && byteOrder is '|' or '>'))
        {
            return DataThrowHelper.ThrowFormat<NpyDType>(inputName,
                $"the dtype '{descr}' has no explicit little-endian byte order, expected one of {supported}");
        }

        return dType.Value;
    }

    private static (int[] Shape, long Count) ResolveShape(long[] dimensions, string inputName)
    {
        string shapeText = FormatShape(dimensions);
        if (dimensions.Length == 0)
        {
            DataThrowHelper.ThrowFormat(inputName,
                "the array is 0-dimensional (a scalar), expected a vector (1 dimension) or a matrix (2)");
        }

        if (dimensions.Length > 2)
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"the array has {dimensions.Length} dimensions (shape {shapeText}), expected a vector "
                + "(1 dimension) or a matrix (2); flatten the trailing dimensions in NumPy, "
                + "e.g. arr.reshape(arr.shape[0], -1)");
        }

        long count = 1;
        foreach (long dimension in dimensions)
        {
            if (dimension == 0)
            {
                DataThrowHelper.ThrowFormat(inputName,
                    $"the array is empty (shape {shapeText}), expected at least one value");
            }

            if (dimension > Array.MaxLength || count * dimension > Array.MaxLength)
            {
                DataThrowHelper.ThrowFormat(inputName,
                    $"the array of shape {shapeText} has more values than one .NET array can hold "
                    + $"({Array.MaxLength})");
            }

            count *= dimension;
        }

        return ([.. dimensions.Select(d => (int)d)], count);
    }

    private static double[] ReadValues(Stream stream, string inputName, NpyDType dType, int[] shape,
        long count)
    {
        int itemSize = ItemSize(dType);
        long expectedBytes = count * itemSize;
        if (stream.CanSeek)
        {
            long present = stream.Length - stream.Position;
            if (present != expectedBytes)
            {
                ThrowDataLength(inputName, dType, shape, count, present);
            }
        }

        var values = new double[count];
        byte[] chunk = new byte[(int)Math.Min(ChunkBytes, expectedBytes)];
        int chunkElements = chunk.Length / itemSize;
        long done = 0;
        while (done < count)
        {
            int elements = (int)Math.Min(count - done, chunkElements);
            int bytes = elements * itemSize;
            int read = DataInput.ReadFully(stream, chunk.AsSpan(0, bytes), inputName);
            if (read < bytes)
            {
                ThrowDataLength(inputName, dType, shape, count, done * itemSize + read);
            }

            ConvertToDouble(chunk.AsSpan(0, bytes), values.AsSpan((int)done, elements), dType);
            done += elements;
        }

        if (!stream.CanSeek)
        {
            long extra = DataInput.CountRemaining(stream, inputName);
            if (extra > 0)
            {
                ThrowDataLength(inputName, dType, shape, count, expectedBytes + extra);
            }
        }

        if (dType is NpyDType.Float64 or NpyDType.Float32)
        {
            CheckFinite(values, shape, inputName);
        }

        return values;
    }

    private static void ConvertToDouble(ReadOnlySpan<byte> source, Span<double> destination, NpyDType dType)
    {
        switch (dType)
        {
            case NpyDType.Float64:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadDoubleLittleEndian(source[(8 * i)..]);
                }

                break;
            case NpyDType.Float32:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(source[(4 * i)..]);
                }

                break;
            case NpyDType.Int32:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt32LittleEndian(source[(4 * i)..]);
                }

                break;
            case NpyDType.Int64:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadInt64LittleEndian(source[(8 * i)..]);
                }

                break;
            default:
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = source[i];
                }

                break;
        }
    }

    private static void CheckFinite(double[] values, int[] shape, string inputName)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                string where = shape.Length == 2
                    ? $"row {i / shape[1]}, column {i % shape[1]} (0-based)"
                    : $"index {i} (0-based)";
                DataThrowHelper.ThrowFormat(inputName,
                    $"the value at {where} is {values[i].ToString(CultureInfo.InvariantCulture)}; "
                    + "NaN and infinite values are not allowed");
            }
        }
    }

    private static void ValidateForWriting(ReadOnlySpan<double> values, ReadOnlySpan<int> shape,
        NpyDType dType)
    {
        if (dType is not (NpyDType.Float64 or NpyDType.Float32))
        {
            throw new ArgumentException($"dType: {dType} cannot be written, expected Float64 or Float32",
                nameof(dType));
        }

        if (shape.Length is < 1 or > 2)
        {
            throw new ArgumentException($"shape: {shape.Length} dimensions, expected 1 or 2", nameof(shape));
        }

        long count = 1;
        foreach (int dimension in shape)
        {
            if (dimension < 1)
            {
                throw new ArgumentException($"shape: a dimension is {dimension}, expected at least 1",
                    nameof(shape));
            }

            count *= dimension;
        }

        if (count != values.Length)
        {
            throw new ArgumentException(
                $"values: {values.Length} values for shape {FormatShape(shape)}, expected {count}",
                nameof(values));
        }

        double limit = dType == NpyDType.Float32 ? float.MaxValue : double.MaxValue;
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]) || Math.Abs(values[i]) > limit)
            {
                throw new ArgumentException(
                    $"values: the value at index {i} is {values[i].ToString(CultureInfo.InvariantCulture)}, "
                    + $"expected a finite {(dType == NpyDType.Float32 ? "float32" : "float64")} value",
                    nameof(values));
            }
        }
    }

    private static void WriteValidated(Stream stream, ReadOnlySpan<double> values, ReadOnlySpan<int> shape,
        NpyDType dType)
    {
        string descr = dType == NpyDType.Float32 ? "<f4" : "<f8";
        string dictionary =
            $"{{'descr': '{descr}', 'fortran_order': False, 'shape': {FormatShape(shape)}, }}";

        // NumPy pads the header with spaces and a final newline so that the data starts on a 64-byte
        // boundary. Version 2.0 is needed only when the header outgrows a 2-byte length.
        int prefixLength = dictionary.Length + 1 + 10 > ushort.MaxValue ? 12 : 10;
        int padding = (64 - ((prefixLength + dictionary.Length + 1) % 64)) % 64;
        string header = dictionary + new string(' ', padding) + "\n";
        byte[] headerBytes = Encoding.Latin1.GetBytes(header);

        Span<byte> prefix = stackalloc byte[12];
        Magic.CopyTo(prefix);
        if (prefixLength == 10)
        {
            prefix[6] = 1;
            prefix[7] = 0;
            BinaryPrimitives.WriteUInt16LittleEndian(prefix[8..], (ushort)headerBytes.Length);
        }
        else
        {
            prefix[6] = 2;
            prefix[7] = 0;
            BinaryPrimitives.WriteUInt32LittleEndian(prefix[8..], (uint)headerBytes.Length);
        }

        stream.Write(prefix[..prefixLength]);
        stream.Write(headerBytes);

        int itemSize = ItemSize(dType);
        byte[] chunk = new byte[ChunkBytes];
        int chunkElements = ChunkBytes / itemSize;
        for (int start = 0; start < values.Length; start += chunkElements)
        {
            int elements = Math.Min(chunkElements, values.Length - start);
            for (int i = 0; i < elements; i++)
            {
                if (dType == NpyDType.Float32)
                {
                    BinaryPrimitives.WriteSingleLittleEndian(chunk.AsSpan(4 * i), (float)values[start + i]);
                }
                else
                {
                    BinaryPrimitives.WriteDoubleLittleEndian(chunk.AsSpan(8 * i), values[start + i]);
                }
            }

            stream.Write(chunk, 0, elements * itemSize);
        }

        stream.Flush();
    }

    private static int ItemSize(NpyDType dType) => dType switch
    {
        NpyDType.Float64 or NpyDType.Int64 => 8,
        NpyDType.Float32 or NpyDType.Int32 => 4,
        _ => 1,
    };

    private static string DTypeName(NpyDType dType) => dType switch
    {
        NpyDType.Float64 => "float64",
        NpyDType.Float32 => "float32",
        NpyDType.Int32 => "int32",
        NpyDType.Int64 => "int64",
        _ => "uint8",
    };

    private static string FormatShape(ReadOnlySpan<long> dimensions) => dimensions.Length == 1
        ? $"({dimensions[0]},)"
        : $"({string.Join(", ", dimensions.ToArray())})";

    private static string FormatShape(ReadOnlySpan<int> dimensions) => dimensions.Length == 1
        ? $"({dimensions[0]},)"
        : $"({string.Join(", ", dimensions.ToArray())})";

    private static void ThrowDataLength(string inputName, NpyDType dType, int[] shape, long count,
        long present)
    {
        long expectedBytes = count * ItemSize(dType);
        string promise = $"the header promises {count} {DTypeName(dType)} values "
            + $"(shape {FormatShape(shape)}, {expectedBytes} bytes)";
        DataThrowHelper.ThrowFormat(inputName, present < expectedBytes
            ? $"{promise} but only {present} bytes of data follow the header; the file is truncated "
                + "or its header is wrong"
            : $"{promise} but {present} bytes of data follow the header; the header is wrong "
                + "or data was appended");
    }

    private static void ThrowBadMagic(string inputName, ReadOnlySpan<byte> start)
    {
        if (start.Length >= 2 && start[0] == 0x1f && start[1] == 0x8b)
        {
            DataThrowHelper.ThrowFormat(inputName,
                "the file is gzip-compressed, not a .npy file; decompress it first (gunzip)");
        }

        if (start.Length >= 2 && start[0] == (byte)'P' && start[1] == (byte)'K')
        {
            DataThrowHelper.ThrowFormat(inputName,
                "the file is a zip archive (an .npz?), not a .npy file; save each array with np.save");
        }

        if (start.Length >= 6 && start[..6].SequenceEqual(Magic))
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"the file is {start.Length} bytes long, too short for a .npy header "
                + "(the file is truncated)");
        }

        string found = start.Length == 0
            ? "no bytes (the file is empty)"
            : $"bytes {Convert.ToHexString(start)}";
        DataThrowHelper.ThrowFormat(inputName,
            $"not a .npy file: it starts with {found}, expected the magic bytes 934E554D5059 "
            + "(\"\\x93NUMPY\")");
    }
}
