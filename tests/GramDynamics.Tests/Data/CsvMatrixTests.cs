using System.IO.Compression;
using System.Text;
using GramDynamics.Data;

namespace GramDynamics.Tests.Data;

public class CsvMatrixTests
{
    private static CsvMatrix Parse(string text, LabelColumn labelColumn) =>
        CsvMatrix.Read(new StringReader(text), "table.csv", labelColumn);

    private static DataFormatException Reject(string text, LabelColumn labelColumn) =>
        Assert.Throws<DataFormatException>(() => Parse(text, labelColumn));

    [Fact]
    public void Read_HeaderRow_Detected()
    {
        CsvMatrix table = Parse("f1,f2,label\n0.5,1e-3,1\n-2,3,0\n", LabelColumn.Last);

        Assert.Equal(["f1", "f2", "label"], table.Header!);
        Assert.Equal(2, table.Rows);
        Assert.Equal(2, table.FeatureCount);
        Assert.Equal([0.5, 1e-3, -2, 3], table.Features);
        Assert.Equal([1.0, 0.0], table.Labels!);
    }

    [Fact]
    public void Read_CrLfQuotesBlankLines()
    {
        CsvMatrix table = Parse("1, 2 ,3\r\n\r\n\"4\",5,6\r\n\n", LabelColumn.Last);

        Assert.Null(table.Header);
        Assert.Equal([1.0, 2, 4, 5], table.Features);
        Assert.Equal([3.0, 6], table.Labels!);
    }

    [Fact]
    public void Read_LabelColumnAtIndex()
    {
        CsvMatrix table = Parse("7,1,2\n8,3,4\n", LabelColumn.At(0));

        Assert.Equal([7.0, 8], table.Labels!);
        Assert.Equal([1.0, 2, 3, 4], table.Features);
    }

    [Fact]
    public void Read_NoLabelColumn_AllFeatures()
    {
        CsvMatrix table = Parse("1,2\n3,4\n", LabelColumn.None);

        Assert.Null(table.Labels);
        Assert.Equal(2, table.FeatureCount);
        Assert.Equal([1.0, 2, 3, 4], table.Features);
    }

    [Fact]
    public void Read_SingleRow()
    {
        CsvMatrix table = Parse("1,2,3,4,5\n", LabelColumn.Last);

        Assert.Equal(1, table.Rows);
        Assert.Equal(4, table.FeatureCount);
    }

    [Fact]
    public void Read_GzippedFile()
    {
        string folder = TestFiles.CreateFolder();
        try
        {
            string path = Path.Combine(folder, "data.csv.gz");
            using (var file = File.Create(path))
            using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
            {
                gzip.Write(Encoding.UTF8.GetBytes("a,b,y\n1,2,3\n"));
            }

            CsvMatrix table = CsvMatrix.Read(path);

            Assert.Equal([1.0, 2], table.Features);
            Assert.Equal([3.0], table.Labels!);
        }
        finally
        {
            TestFiles.DeleteFolder(folder);
        }
    }

    [Theory]
    [InlineData("1,2,3\n4,5\n", "line 2 has 2 values, expected 3 (as on line 1)")]
    [InlineData("a,b,c\n1,2,3\n1,2,3,4\n",
        "line 3 has 4 values, expected 3 (the header on line 1 names 3 columns)")]
    [InlineData("1,2,3\n4,x5,6\n", "line 2, column 2: 'x5' is not a number")]
    [InlineData("1,2,3\n4,,6\n", "line 2, column 2 is empty")]
    [InlineData("1,2,3\n4,5,Infinity\n", "line 2, column 3 is Infinity")]
    [InlineData("1,-inf,3\n", "line 1, column 2 is -inf")]
    [InlineData("", "the file is empty")]
    [InlineData("\n  \n", "the file is empty")]
    [InlineData("x,y\n", "header row (line 1) and no data rows")]
    [InlineData("1;2;3\n", "line 1 is semicolon-separated, which is not supported")]
    [InlineData("1\t2\t3\n", "line 1 is tab-separated")]
    [InlineData("5\n6\n", "line 1 has 1 column, which is the label column")]
    public void Read_Malformed_Rejected(string text, string fragment)
    {
        DataFormatException exception = Reject(text, LabelColumn.Last);

        Assert.StartsWith("table.csv: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LabelColumnOutOfRange_Rejected()
    {
        DataFormatException exception = Reject("1,2\n", LabelColumn.At(5));

        Assert.Contains("label column 5 (0-based) is out of range: line 1 has 2 columns", exception.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_NamesPath()
    {
        string path = Path.Combine(Path.GetTempPath(), "gramdyn-no-such-file.csv");

        var exception = Assert.Throws<FileNotFoundException>(() => CsvMatrix.Read(path));

        Assert.StartsWith(path + ": ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelColumn_ToString()
    {
        Assert.Equal("last", LabelColumn.Last.ToString());
        Assert.Equal("none", LabelColumn.None.ToString());
        Assert.Equal("3", LabelColumn.At(3).ToString());
        Assert.Throws<ArgumentOutOfRangeException>(() => LabelColumn.At(-1));
    }
}
