namespace GramDynamics.Data;

/// <summary>
/// A temporary file that replaces its destination on <see cref="Commit"/>; see <see cref="AtomicFile"/>.
/// Disposing it without a commit deletes the temporary file and leaves the destination as it was.
/// </summary>
public sealed class AtomicFileWriter : IDisposable
{
    private readonly FileStream _stream;
    private bool _committed;
    private bool _disposed;

    internal AtomicFileWriter(string path)
    {
        string fullPath = Path.GetFullPath(path);
        string folder = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"{path}: the path has no parent folder", nameof(path));
        string fileName = Path.GetFileName(fullPath);
        if (fileName.Length == 0)
        {
            throw new ArgumentException($"{path}: the path names a folder, expected a file", nameof(path));
        }

        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"{path}: the folder {folder} does not exist");
        }

        DestinationPath = fullPath;
        TemporaryPath = Path.Combine(folder, $".{fileName}.{Path.GetRandomFileName()}.tmp");
        _stream = new FileStream(TemporaryPath, FileMode.CreateNew, FileAccess.Write, FileShare.None,
            1 << 16);
    }

    /// <summary>The full path that <see cref="Commit"/> writes.</summary>
    public string DestinationPath { get; }

    /// <summary>The full path of the temporary file, in the destination's folder.</summary>
    public string TemporaryPath { get; }

    /// <summary>The stream to the temporary file.</summary>
    public Stream Stream
    {
        get
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _stream;
        }
    }

    /// <summary>
    /// Flushes the temporary file to disk, closes it and renames it over the destination, replacing any
    /// file there.
    /// </summary>
    public void Commit()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            throw new InvalidOperationException($"{DestinationPath}: the file was already committed");
        }

        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(TemporaryPath, DestinationPath, overwrite: true);
        _committed = true;
    }

    /// <summary>Closes the stream and deletes the temporary file unless it was committed.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stream.Dispose();
        if (!_committed)
        {
            File.Delete(TemporaryPath);
        }
    }
}
