using GramDynamics.Collective;
using GramDynamics.Numerics;
using GramDynamics.Tests.Collective;
using GramDynamics.Tests.Collective.Reference;

namespace GramDynamics.Tests.Robustness;

/// <summary>
/// K with 1 and 2 OpenBLAS threads, twice each, and K from several workspaces on .NET worker
/// threads at once. The same thread count gives the same bits; across thread counts OpenBLAS may
/// split GEMM differently, so K agrees to 1e-13 relative to max |K| (a bound on reordered sums of
/// about n terms, each with relative error ε).
/// </summary>
[Collection(BlasSwitchCollection.Name)]
public class DeterminismTests
{
    private const int Samples = 300;
    private const int Dimension = 40;
    private const double ThreadTolerance = 1e-13;

    [Fact]
    public void Kernel_OneAndTwoThreads_AgreeAndRepeat()
    {
        (Network network, double[] inputs) = Case(3);
        int previous = Blas.Threads;
        double[] single;
        double[] singleAgain;
        double[] two;
        double[] twoAgain;
        try
        {
            Blas.SetThreads(1);
            single = Compute(network, inputs);
            singleAgain = Compute(network, inputs);
            Blas.SetThreads(2);
            two = Compute(network, inputs);
            twoAgain = Compute(network, inputs);
        }
        finally
        {
            Blas.SetThreads(previous);
        }

        MatrixAssert.Identical(single, singleAgain, Samples, "K with 1 thread, run twice");
        MatrixAssert.Identical(two, twoAgain, Samples, "K with 2 threads, run twice");
        double scale = MatrixAssert.MaxAbs(single);
        for (int i = 0; i < single.Length; i++)
        {
            Assert.True(Math.Abs(single[i] - two[i]) <= ThreadTolerance * scale,
                $"entry {i}: {single[i]:R} with 1 thread, {two[i]:R} with 2");
        }
    }

    [Fact]
    public void Kernel_ConcurrentWorkspaces_EqualSerial()
    {
        const int workers = 4;
        (Network Network, double[] Inputs)[] cases = [.. Enumerable.Range(0, workers).Select(Case)];
        double[][] serial = [.. cases.Select(c => Compute(c.Network, c.Inputs))];
        var concurrent = new double[workers][];

        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers },
            worker => concurrent[worker] = Compute(cases[worker].Network, cases[worker].Inputs));

        for (int worker = 0; worker < workers; worker++)
        {
            MatrixAssert.Identical(serial[worker], concurrent[worker], Samples, $"K of worker {worker}");
        }
    }

    private static double[] Compute(Network network, double[] inputs)
    {
        using var workspace = new ResidualKernel(inputs, Samples, Dimension, network.Widths);
        var kernel = new double[Samples * Samples];
        workspace.Compute(network, kernel);
        return kernel;
    }

    private static (Network Network, double[] Inputs) Case(int seed)
    {
        var network = Network.Initialize(Dimension, [64, 48], Parametrization.Standard, ReadoutKind.Signed,
            seed);
        var random = new SeededNormal(seed + 100);
        double[] inputs = [.. Enumerable.Range(0, Samples * Dimension).Select(_ => random.Next())];
        return (network, inputs);
    }
}
