using GramDynamics.Data;

namespace GramDynamics.Tests.Data;

public class BadInputTests
{
    public static TheoryData<string, string, string> Cases()
    {
        // file, reader, a fragment that the message must contain
        var table = new (string File, string Reader, string Fragment)[]
        {
            ("bad-magic.npy", "npy", "not a .npy file"),
            ("big-endian.npy", "npy", "big-endian"),
            ("big-endian.npy", "npy", "arr.astype('<f8')"),
            ("int-object.npy", "npy", "pickle"),
            ("short-data.npy", "npy",
                "promises 24 float64 values (shape (6, 4), 192 bytes) but only 152 bytes"),
            ("three-dims.npy", "npy", "3 dimensions (shape (2, 3, 4))"),
            ("three-dims.npy", "npy-matrix", "3 dimensions"),
            ("infinite.npy", "npy", "Infinity"),
            ("ragged.csv", "csv", "line 2 has 3 values, expected 4"),
            ("nan.csv", "csv", "line 2, column 2 is nan"),
            ("header-only.csv", "csv", "header row (line 1) and no data rows"),
            ("comma-decimal.csv", "csv",
                "semicolon-separated with decimal commas, which is not supported; "
                + "use comma separators and '.' decimals"),
            ("truncated-images-idx3-ubyte.gz", "idx-images",
                "10 images of 28 × 28 pixels (7840 bytes) but the file contains 1568 bytes"),
            ("truncated-images-idx3-ubyte.gz", "idx-images", "(2 whole images)"),
            ("wrong-magic-idx3-ubyte", "idx-images", "0x00000901"),
            ("wrong-magic-idx3-ubyte", "idx-images", "it marks signed byte data with 1 dimension;"),
            ("labels-count-mismatch-idx1-ubyte.gz", "idx-images", "(a label file)"),
        };

        var data = new TheoryData<string, string, string>();
        foreach (string folder in TestFiles.BadInputFolders)
        {
            foreach (var (file, reader, fragment) in table)
            {
                data.Add(Path.Combine(folder, file), reader, fragment);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInput_RejectedWithFileAndFault(string path, string reader, string fragment)
    {
        Action read = reader switch
        {
            "npy" => () => NpyFile.Read(path),
            "npy-matrix" => () => NpyFile.ReadMatrix(path),
            "csv" => () => CsvMatrix.Read(path),
            _ => () => IdxFile.ReadImages(path),
        };

        var exception = Assert.Throws<DataFormatException>(read);

        Assert.StartsWith(path + ": ", exception.Message, StringComparison.Ordinal);
        Assert.Equal(path, exception.InputName);
        Assert.Contains(fragment, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InfiniteNpy_NamesRowAndColumn()
    {
        string path = Path.Combine(TestFiles.CopiedBadInputs, "infinite.npy");

        var exception = Assert.Throws<DataFormatException>(() => NpyFile.Read(path));

        Assert.Matches(@"row \d+, column \d+ \(0-based\)", exception.Message);
    }

    [Fact]
    public void LabelsMismatch_ReadAloneHoldsThreeLabels()
    {
        string path = Path.Combine(TestFiles.CopiedBadInputs, "labels-count-mismatch-idx1-ubyte.gz");

        int[] labels = IdxFile.ReadLabels(path);

        Assert.Equal([1, 2, 3], labels);
    }

    [Fact]
    public void LabelsMismatch_WithTwoImages_Rejected()
    {
        string folder = TestFiles.CreateFolder();
        try
        {
            string imagesPath = Path.Combine(folder, "two-images-idx3-ubyte");
            IdxWriter.WriteImages(imagesPath, count: 2, rows: 3, columns: 4, gzip: false);
            foreach (string badFolder in TestFiles.BadInputFolders)
            {
                string labelsPath = Path.Combine(badFolder, "labels-count-mismatch-idx1-ubyte.gz");

                var exception = Assert.Throws<DataFormatException>(
                    () => IdxFile.ReadDataset(imagesPath, labelsPath, "pair"));

                Assert.StartsWith(labelsPath + ": ", exception.Message, StringComparison.Ordinal);
                Assert.Contains($"3 labels but {imagesPath} contains 2 images", exception.Message,
                    StringComparison.Ordinal);
            }
        }
        finally
        {
            TestFiles.DeleteFolder(folder);
        }
    }

    [Fact]
    public void LabelsMismatch_WithTruncatedImages_RejectsImages()
    {
        string folder = TestFiles.CopiedBadInputs;
        string imagesPath = Path.Combine(folder, "truncated-images-idx3-ubyte.gz");
        string labelsPath = Path.Combine(folder, "labels-count-mismatch-idx1-ubyte.gz");

        var exception = Assert.Throws<DataFormatException>(
            () => IdxFile.ReadDataset(imagesPath, labelsPath, "pair"));

        Assert.StartsWith(imagesPath + ": ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CopiedBadInputs_MatchShared()
    {
        foreach (string folder in TestFiles.BadInputFolders)
        {
            foreach (string copy in Directory.GetFiles(TestFiles.CopiedBadInputs))
            {
                string original = Path.Combine(folder, Path.GetFileName(copy));

                Assert.Equal(File.ReadAllBytes(original), File.ReadAllBytes(copy));
            }
        }
    }
}
