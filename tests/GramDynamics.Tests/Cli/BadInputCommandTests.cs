using GramDynamics.Data;
using GramDynamics.Tests.Data;

namespace GramDynamics.Tests.Cli;

/// <summary>
/// Every malformed input, given to `run` and to `kernel`, stops with one line naming the file.
/// </summary>
[Collection(CliCollection.Name)]
public sealed class BadInputCommandTests : IDisposable
{
    private readonly string _folder = CliHarness.CreateFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    public static TheoryData<string> MatrixFiles() =>
    [
        "bad-magic.npy", "big-endian.npy", "int-object.npy", "short-data.npy", "three-dims.npy",
        "infinite.npy", "ragged.csv", "nan.csv", "header-only.csv", "comma-decimal.csv",
    ];

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void Run_BadDataIsRejected(string name)
    {
        string data = Path.Combine(TestFiles.CopiedBadInputs, name);
        string targets = WriteTargets(6);
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run("run", "--data", data, "--targets", targets, "--steps", "2",
            "--out", run, "--quiet", "--no-report");

        AssertRejected(result, name);
        Assert.False(Directory.Exists(run), "a rejected input must leave no run folder");
    }

    [Theory]
    [MemberData(nameof(MatrixFiles))]
    public void Kernel_BadDataIsRejected(string name)
    {
        string data = Path.Combine(TestFiles.CopiedBadInputs, name);
        (string weights, string readout) = WriteNetwork(4);
        string output = Path.Combine(_folder, "kernel");
        CliResult result = CliHarness.Run("kernel", "--data", data, "--weights", weights,
            "--readout", readout, "--out", output);

        AssertRejected(result, name);
        Assert.False(File.Exists(Path.Combine(output, "K.npy")), "a rejected input must leave no K.npy");
    }

    [Theory]
    [InlineData("infinite.npy")]
    [InlineData("big-endian.npy")]
    [InlineData("short-data.npy")]
    public void Kernel_BadWeightsAreRejected(string name)
    {
        string data = Path.Combine(_folder, "X.npy");
        NpyFile.WriteMatrix(data, [.. Enumerable.Range(0, 12).Select(i => i / 10.0)], 3, 4);
        string output = Path.Combine(_folder, "kernel");
        CliResult result = CliHarness.Run("kernel", "--data", data, "--weights",
            Path.Combine(TestFiles.CopiedBadInputs, name), "--readout", WriteNetwork(4).Readout,
            "--out", output);

        AssertRejected(result, name);
        Assert.False(Directory.Exists(output));
    }

    [Theory]
    [InlineData("truncated-images-idx3-ubyte.gz")]
    [InlineData("wrong-magic-idx3-ubyte")]
    public void Run_BadImagesAreRejected(string name)
    {
        string labels = Path.Combine(_folder, "labels-idx1-ubyte");
        IdxWriter.WriteLabels(labels, [1, 2], gzip: false);
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run("run", "--data", Path.Combine(TestFiles.CopiedBadInputs, name),
            "--targets", labels, "--out", run, "--quiet", "--no-report");

        AssertRejected(result, name);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Run_LabelCountMismatchIsRejected()
    {
        string images = Path.Combine(_folder, "two-images-idx3-ubyte");
        IdxWriter.WriteImages(images, 2, 3, 3, gzip: false);
        const string name = "labels-count-mismatch-idx1-ubyte.gz";
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run("run", "--data", images, "--targets",
            Path.Combine(TestFiles.CopiedBadInputs, name), "--out", run, "--quiet", "--no-report");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("labels-count-mismatch", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(run));
    }

    [Fact]
    public void Run_MissingFileIsRejected()
    {
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run("run", "--data", Path.Combine(_folder, "absent.csv"), "--out", run);

        AssertRejected(result, "absent.csv");
        Assert.Contains("not found", result.Error, StringComparison.Ordinal);
    }

    private static void AssertRejected(CliResult result, string name)
    {
        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(name, result.Error, StringComparison.Ordinal);
        Assert.StartsWith("gramdyn: error: ", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Trim().Split('\n'));
    }

    private string WriteTargets(int count)
    {
        string path = Path.Combine(_folder, "y.npy");
        NpyFile.WriteVector(path, [.. Enumerable.Range(0, count).Select(i => i % 2 == 0 ? 1.0 : -1.0)]);
        return path;
    }

    private (string Weights, string Readout) WriteNetwork(int inputDimension)
    {
        string weights = Path.Combine(_folder, "W1.npy");
        string readout = Path.Combine(_folder, "a.npy");
        NpyFile.WriteMatrix(weights, [.. Enumerable.Range(0, 3 * inputDimension).Select(i => (i % 5) - 2.0)],
            3, inputDimension);
        NpyFile.WriteVector(readout, [1.0, -1.0, 0.5]);
        return (weights, readout);
    }
}
