using GramDynamics.Tests.Cli;
using GramDynamics.Cli.Commands;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Numerics;
using GramDynamics.Tests.Collective;

namespace GramDynamics.Tests.Robustness;

/// <summary>
/// N × N spans cap N at 46340; larger requests are rejected with a message before allocating, and
/// `kernel` checks its memory estimate against --memory-limit.
/// </summary>
public class SizeLimitTests
{
    [Fact]
    public void ResidualKernel_BeyondSpanLimit_Throws()
    {
        int samples = ResidualKernel.MaxSamples + 1;
        double[] inputs = new double[samples];

        var failure = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ResidualKernel(inputs, samples, 1, [1]));

        Assert.Contains($"N is {samples}", failure.Message);
        Assert.Contains("caps N at 46340", failure.Message);
    }

    [Fact]
    public void MaxSamples_IsLargestSquareInInt32()
    {
        Assert.True((long)ResidualKernel.MaxSamples * ResidualKernel.MaxSamples <= int.MaxValue);
        Assert.True((long)(ResidualKernel.MaxSamples + 1) * (ResidualKernel.MaxSamples + 1) > int.MaxValue);
    }

    [Fact]
    public void FieldState_FieldBeyondSpanLimit_IsRejected()
    {
        const int samples = 50_000;
        double[] inputs = new double[samples];

        var failure = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new FieldState<double>(inputs, samples, 1, [50_000]));

        Assert.Contains("N × n_1 = 50000 × 50000", failure.Message);
    }

    [Fact]
    public void KernelBytes_CountsKernelPartsAndFields()
    {
        long doubleBytes = MemoryEstimate.KernelBytes(1000, 10, [100, 100], Precision.Double, objects: false);
        long floatBytes = MemoryEstimate.KernelBytes(1000, 10, [100, 100], Precision.Float32, objects: false);
        long withObjects = MemoryEstimate.KernelBytes(1000, 10, [100, 100], Precision.Double, objects: true);

        // K and two layer parts in double plus C in double: 4 N² × 8 bytes, then scratch and fields.
        Assert.InRange(doubleBytes, 4L * 1000 * 1000 * 8, 6L * 1000 * 1000 * 8);

        // Float32 adds a float32 K and one float32 part, and stores C in float32.
        Assert.True(floatBytes >= (3L * 1000 * 1000 * 8) + (3L * 1000 * 1000 * 4));
        Assert.True(withObjects >= doubleBytes + (1000L * 1000 * 8));
    }

    [Theory]
    [InlineData("OpenBLAS 0.3.21 NO_LAPACKE DYNAMIC_ARCH NO_AFFINITY Haswell MAX_THREADS=64", "0.3.21")]
    [InlineData("OpenBLAS 0.3.26.dev DYNAMIC_ARCH", "0.3.26.dev")]
    [InlineData("something else", null)]
    [InlineData(null, null)]
    public void OpenBlasVersion_ParsesConfiguration(string? configuration, string? expected)
    {
        Assert.Equal(expected, OpenBlasVersion.Parse(configuration));
    }
}

/// <summary>`gramdyn kernel` prints its memory estimate and stops past --memory-limit.</summary>
[Collection(BlasSwitchCollection.Name)]
public class SizeLimitCommandTests
{
    [Fact]
    public void KernelCommand_EstimateAboveLimit_Stops()
    {
        string folder = CliHarness.CreateFolder();
        string data = Path.Combine(folder, "X.npy");
        NpyFile.WriteMatrix(data, new double[2000], 1000, 2);
        NpyFile.WriteMatrix(Path.Combine(folder, "W1.npy"), [1, 1, 1, 1], 2, 2);
        NpyFile.WriteVector(Path.Combine(folder, "a.npy"), [1, 1]);
        string output = Path.Combine(folder, "out");

        (int code, _, string error) = CliHarness.Run("kernel", "--data", data, "--weights",
            Path.Combine(folder, "W1.npy"), "--readout", Path.Combine(folder, "a.npy"), "--out", output,
            "--memory-limit", "0.001");

        Assert.Equal(1, code);
        Assert.StartsWith("gramdyn: error: the kernel needs about 0.0", error);
        Assert.Contains("more than the limit of 0.00 GiB", error);
        Assert.False(Directory.Exists(output));
    }
}
