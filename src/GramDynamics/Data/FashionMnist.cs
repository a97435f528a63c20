namespace GramDynamics.Data;

/// <summary>
/// Fashion-MNIST (Zalando Research, MIT licence) in IDX form: 28 × 28 grey images with pixels 0..255 and
/// labels 0..9. Debian's package dataset-fashion-mnist installs it under /usr/share/datasets/fashion-mnist
/// as train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and
/// t10k-labels-idx1-ubyte.gz; the same names without ".gz" are read too.
/// </summary>
public static class FashionMnist
{
    /// <summary>The folder that Debian's package installs the files to.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>The Debian package that provides the files.</summary>
    public const string DebianPackage = "dataset-fashion-mnist";

    /// <summary>Loads one split from <see cref="DefaultDirectory"/>.</summary>
    /// <returns>X: [N, 784] with pixels 0..255; labels 0..9; targets y equal to the labels.</returns>
    /// <exception cref="FileNotFoundException">
    /// The files are missing; the message names the package to install.
    /// </exception>
    /// <exception cref="DataFormatException">
    /// A file is malformed, or the image and label counts differ.
    /// </exception>
    public static Dataset Load(FashionMnistSplit split) => Load(split, DefaultDirectory);

    /// <summary>Loads one split from <paramref name="directory"/>.</summary>
    /// <returns>X: [N, 784] with pixels 0..255; labels 0..9; targets y equal to the labels.</returns>
    /// <exception cref="FileNotFoundException">
    /// The files are missing; the message names the package to install.
    /// </exception>
    /// <exception cref="DataFormatException">
    /// A file is malformed, or the image and label counts differ.
    /// </exception>
    public static Dataset Load(FashionMnistSplit split, string directory)
    {
        string prefix = split == FashionMnistSplit.Train ? "train" : "t10k";
        string imagesPath = FindFile(directory, $"{prefix}-images-idx3-ubyte");
        string labelsPath = FindFile(directory, $"{prefix}-labels-idx1-ubyte");
        string name = split == FashionMnistSplit.Train ? "fashion-mnist-train" : "fashion-mnist-test";
        return IdxFile.ReadDataset(imagesPath, labelsPath, name);
    }

    /// <summary>
    /// Whether both files of <paramref name="split"/> exist in <paramref name="directory"/>.
    /// </summary>
    public static bool IsAvailable(FashionMnistSplit split, string directory = DefaultDirectory)
    {
        string prefix = split == FashionMnistSplit.Train ? "train" : "t10k";
        return TryFindFile(directory, $"{prefix}-images-idx3-ubyte") is not null
            && TryFindFile(directory, $"{prefix}-labels-idx1-ubyte") is not null;
    }

    private static string FindFile(string directory, string baseName)
    {
        string? path = TryFindFile(directory, baseName);
        if (path is null)
        {
            string expected = Path.Combine(directory, baseName + ".gz");
            DataThrowHelper.ThrowNotFound(expected,
                $"Fashion-MNIST file not found; on Debian install it with 'apt-get install {DebianPackage}' "
                + $"(files go to {DefaultDirectory}), or give the folder that contains {baseName}.gz");
        }

        return path;
    }

    private static string? TryFindFile(string directory, string baseName)
    {
        string compressed = Path.Combine(directory, baseName + ".gz");
        if (File.Exists(compressed))
        {
            return compressed;
        }

        string plain = Path.Combine(directory, baseName);
        return File.Exists(plain) ? plain : null;
    }
}
