using GramDynamics.Data;

namespace GramDynamics.Tests.Data;

public sealed class AtomicFileTests : IDisposable
{
    private readonly string _folder = TestFiles.CreateFolder();

    public void Dispose() => TestFiles.DeleteFolder(_folder);

    [Fact]
    public void WriteAllText_CreatesThenReplaces()
    {
        string path = Path.Combine(_folder, "summary.json");

        AtomicFile.WriteAllText(path, "first");
        AtomicFile.WriteAllText(path, "second ×");

        Assert.Equal("second ×", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
        Assert.NotEqual(0xEF, File.ReadAllBytes(path)[0]);
    }

    [Fact]
    public void WriteAllBytes_Writes()
    {
        string path = Path.Combine(_folder, "data.bin");

        AtomicFile.WriteAllBytes(path, [1, 2, 3]);

        Assert.Equal([1, 2, 3], File.ReadAllBytes(path));
    }

    [Fact]
    public void Write_Throwing_LeavesOldFileAndNoTemporary()
    {
        string path = Path.Combine(_folder, "log.csv");
        AtomicFile.WriteAllText(path, "complete");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write([1, 2, 3]);
            throw new InvalidOperationException("crash while writing");
        }));

        Assert.Equal("complete", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void Writer_WithoutCommit_DeletesTemporary()
    {
        string path = Path.Combine(_folder, "k.npy");
        string temporary;
        using (AtomicFileWriter writer = AtomicFile.Create(path))
        {
            temporary = writer.TemporaryPath;
            writer.Stream.Write([1]);
            Assert.True(File.Exists(temporary));
            Assert.Equal(_folder, Path.GetDirectoryName(temporary));
        }

        Assert.False(File.Exists(temporary));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Writer_CommitTwice_Throws()
    {
        string path = Path.Combine(_folder, "once.txt");
        using AtomicFileWriter writer = AtomicFile.Create(path);
        writer.Commit();

        Assert.True(File.Exists(path));
        Assert.Throws<InvalidOperationException>(writer.Commit);
    }

    [Fact]
    public void Create_MissingFolder_Throws()
    {
        string path = Path.Combine(_folder, "missing", "file.txt");

        var exception = Assert.Throws<DirectoryNotFoundException>(() => AtomicFile.Create(path));

        Assert.StartsWith(path + ": ", exception.Message, StringComparison.Ordinal);
    }
}
