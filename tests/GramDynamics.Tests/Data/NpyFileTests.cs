using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Xunit;
using GramDynamics.Data;

namespace GramDynamics.Tests.Data;

public class NpyFileTests
{
    [Property(MaxTest = 60)]
    public void RoundTrip_RandomShapesAndTypes(PositiveInt rowCount, PositiveInt columnCount, bool vector,
        bool float32, int seed)
    {
        int rows = 1 + (rowCount.Get - 1) % 9;
        int columns = 1 + (columnCount.Get - 1) % 9;
        int[] shape = vector ? [rows] : [rows, columns];
        NpyDType dType = float32 ? NpyDType.Float32 : NpyDType.Float64;
        var random = new Random(seed);
        double[] values = [.. Enumerable.Range(0, vector ? rows : rows * columns)
            .Select(_ => (random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-30, 30)))
            .Select(value => float32 ? (float)value : value)];

        using var stream = new MemoryStream();
        NpyFile.Write(stream, values, shape, dType);
        stream.Position = 0;
        NpyArray array = NpyFile.Read(stream, "round-trip");

        Assert.Equal(shape, array.Shape);
        Assert.Equal(dType, array.DType);
        Assert.Equal(values, array.Values);
        Assert.Equal(0, (stream.Length - array.Values.Length * (float32 ? 4 : 8)) % 64);
    }

    [Fact]
    public void WriteMatrix_FileRoundTrip_LeavesNoTemporary()
    {
        string folder = TestFiles.CreateFolder();
        try
        {
            string path = Path.Combine(folder, "weights.npy");
            double[] values = [1.5, -2, 3, 4e-300, 5, 6];

            NpyFile.WriteMatrix(path, values, 2, 3);
            NpyArray array = NpyFile.ReadMatrix(path);

            Assert.Equal([2, 3], array.Shape);
            Assert.Equal(values, array.Values);
            Assert.Equal([path], Directory.GetFiles(folder));
        }
        finally
        {
            TestFiles.DeleteFolder(folder);
        }
    }

    [Fact]
    public void WriteVector_ThenReadVector()
    {
        string folder = TestFiles.CreateFolder();
        try
        {
            string path = Path.Combine(folder, "readout.npy");

            NpyFile.WriteVector(path, [0.25, -0.5, 1], NpyDType.Float32);
            NpyArray array = NpyFile.Read(path);

            Assert.True(array.IsVector);
            Assert.Equal(NpyDType.Float32, array.DType);
            Assert.Equal([0.25, -0.5, 1], NpyFile.ReadVector(path));
        }
        finally
        {
            TestFiles.DeleteFolder(folder);
        }
    }

    [Fact]
    public void Write_HeaderMatchesNumPy()
    {
        // NumPy wrote this file for a (6, 4) float64 array; only its data is unusual.
        byte[] numpy = File.ReadAllBytes(Path.Combine(TestFiles.CopiedBadInputs, "infinite.npy"));
        using var stream = new MemoryStream();

        NpyFile.Write(stream, new double[24], [6, 4]);

        Assert.Equal(numpy.AsSpan(0, 128).ToArray(), stream.ToArray().AsSpan(0, 128).ToArray());
        Assert.Equal(numpy.Length, stream.Length);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Read_EveryHeaderVersion(int version)
    {
        byte[] file = BuildNpy(version, "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }",
            Doubles(1.0, -2.0));

        NpyArray array = NpyFile.Read(new MemoryStream(file), "v");

        Assert.Equal([1.0, -2.0], array.Values);
    }

    [Fact]
    public void Read_Float32Matrix()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteSingleLittleEndian(data, 0.5f);
        BinaryPrimitives.WriteSingleLittleEndian(data.AsSpan(4), -3f);
        byte[] file = BuildNpy(1, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 2), }", data);

        NpyArray array = NpyFile.Read(new MemoryStream(file), "f4");

        Assert.Equal(NpyDType.Float32, array.DType);
        Assert.Equal(1, array.Rows);
        Assert.Equal(2, array.Columns);
        Assert.Equal([0.5, -3.0], array.Values);
    }

    [Theory]
    [InlineData("<i4", 4)]
    [InlineData("<i8", 8)]
    [InlineData("|u1", 1)]
    public void Read_IntegerTypes(string descr, int size)
    {
        var data = new byte[3 * size];
        long[] expected = [0, 7, size == 1 ? 255 : -9];
        for (int i = 0; i < 3; i++)
        {
            if (size == 4)
            {
                BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4 * i), (int)expected[i]);
            }
            else if (size == 8)
            {
                BinaryPrimitives.WriteInt64LittleEndian(data.AsSpan(8 * i), expected[i]);
            }
            else
            {
                data[i] = (byte)expected[i];
            }
        }

        byte[] file = BuildNpy(1, $"{{'descr': '{descr}', 'fortran_order': False, 'shape': (3,), }}", data);

        NpyArray array = NpyFile.Read(new MemoryStream(file), "ints");

        Assert.Equal(expected.Select(value => (double)value), array.Values);
    }

    [Fact]
    public void Read_OneByManyMatrix()
    {
        byte[] file = BuildNpy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1, 3), }",
            Doubles(1, 2, 3));

        NpyArray array = NpyFile.Read(new MemoryStream(file), "row");

        Assert.False(array.IsVector);
        Assert.Equal([1, 3], array.Shape);
    }

    [Theory]
    [InlineData("{'descr': '<f8', 'fortran_order': True, 'shape': (2, 1), }", "Fortran (column-major) order")]
    [InlineData("{'descr': '<c16', 'fortran_order': False, 'shape': (1,), }",
        "dtype '<c16', which is not supported")]
    [InlineData("{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (2,), }", "structured dtype")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (), }", "0-dimensional")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 2), }", "empty (shape (0, 2))")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, }", "lacks the key 'shape'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (2,) ", "expected ',' or '}'")]
    [InlineData("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", "but 16 bytes of data follow")]
    public void Read_InvalidHeader_Rejected(string header, string fragment)
    {
        byte[] file = BuildNpy(1, header, Doubles(1, 2));

        var exception = Assert.Throws<DataFormatException>(
            () => NpyFile.Read(new MemoryStream(file), "bad.npy"));

        Assert.StartsWith("bad.npy: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownVersion_Rejected()
    {
        byte[] file = BuildNpy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }", Doubles(1));
        file[6] = 4;

        var exception = Assert.Throws<DataFormatException>(() => NpyFile.Read(new MemoryStream(file), "v4"));

        Assert.Contains("version 4.0 is not supported", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NonSeekableShortData_Rejected()
    {
        byte[] file = BuildNpy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }", Doubles(1, 2));
        using var stream = new NonSeekableStream(new MemoryStream(file));

        var exception = Assert.Throws<DataFormatException>(() => NpyFile.Read(stream, "pipe"));

        Assert.Contains("promises 3 float64 values", exception.Message, StringComparison.Ordinal);
        Assert.Contains("only 16 bytes", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NaN_NamesIndex()
    {
        byte[] file = BuildNpy(1, "{'descr': '<f8', 'fortran_order': False, 'shape': (3,), }",
            Doubles(1, double.NaN, 2));

        var exception = Assert.Throws<DataFormatException>(() => NpyFile.Read(new MemoryStream(file), "nan"));

        Assert.Contains("index 1 (0-based) is NaN", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadMatrix_Vector_Rejected()
    {
        string folder = TestFiles.CreateFolder();
        try
        {
            string path = Path.Combine(folder, "vector.npy");
            NpyFile.WriteVector(path, [1, 2, 3]);

            var exception = Assert.Throws<DataFormatException>(() => NpyFile.ReadMatrix(path));

            Assert.StartsWith(path + ": ", exception.Message, StringComparison.Ordinal);
            Assert.Contains("reshape(1, -1)", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            TestFiles.DeleteFolder(folder);
        }
    }

    [Fact]
    public void ReadVector_ColumnMatrixAccepted_WideMatrixRejected()
    {
        string folder = TestFiles.CreateFolder();
        try
        {
            string column = Path.Combine(folder, "column.npy");
            string wide = Path.Combine(folder, "wide.npy");
            NpyFile.WriteMatrix(column, [1, 2, 3], 3, 1);
            NpyFile.WriteMatrix(wide, [1, 2, 3, 4], 2, 2);

            Assert.Equal([1, 2, 3], NpyFile.ReadVector(column));
            Assert.Throws<DataFormatException>(() => NpyFile.ReadVector(wide));
        }
        finally
        {
            TestFiles.DeleteFolder(folder);
        }
    }

    [Fact]
    public void Read_MissingFile_NamesPath()
    {
        string path = Path.Combine(Path.GetTempPath(), "gramdyn-no-such-file.npy");

        var exception = Assert.Throws<FileNotFoundException>(() => NpyFile.Read(path));

        Assert.StartsWith(path + ": ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InvalidArguments_WriteNothing()
    {
        string folder = TestFiles.CreateFolder();
        try
        {
            string path = Path.Combine(folder, "bad.npy");

            Assert.Throws<ArgumentException>(() => NpyFile.WriteMatrix(path, [1, 2, 3], 2, 2));
            Assert.Throws<ArgumentException>(() => NpyFile.WriteVector(path, [1, double.NaN]));
            Assert.Throws<ArgumentException>(() => NpyFile.WriteVector(path, [1e300], NpyDType.Float32));
            Assert.Throws<ArgumentException>(() => NpyFile.WriteVector(path, [1], NpyDType.Int32));
            Assert.Throws<ArgumentException>(() => NpyFile.Write(path, [1], [1, 1, 1]));
            Assert.Empty(Directory.GetFiles(folder));
        }
        finally
        {
            TestFiles.DeleteFolder(folder);
        }
    }

    private static byte[] Doubles(params double[] values)
    {
        var bytes = new byte[8 * values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(8 * i), values[i]);
        }

        return bytes;
    }

    private static byte[] BuildNpy(int version, string dictionary, byte[] data)
    {
        int lengthSize = version == 1 ? 2 : 4;
        int padding = (64 - ((8 + lengthSize + dictionary.Length + 1) % 64)) % 64;
        string header = dictionary + new string(' ', padding) + "\n";
        byte[] headerBytes = Encoding.UTF8.GetBytes(header);
        using var stream = new MemoryStream();
        stream.Write([0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', (byte)version, 0]);
        var length = new byte[lengthSize];
        if (lengthSize == 2)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(length, (ushort)headerBytes.Length);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(length, (uint)headerBytes.Length);
        }

        stream.Write(length);
        stream.Write(headerBytes);
        stream.Write(data);
        return stream.ToArray();
    }
}
