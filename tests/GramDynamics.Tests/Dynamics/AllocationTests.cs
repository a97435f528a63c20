using GramDynamics.Collective;
using GramDynamics.Dynamics;
using GramDynamics.Numerics;

namespace GramDynamics.Tests.Dynamics;

/// <summary>
/// The steady state of training allocates nothing on the managed heap: a GD step and a recomputation
/// of K reuse the buffers they allocated on the first call.
/// </summary>
public sealed class AllocationTests
{
    private const int Samples = 40;
    private const int Dimension = 6;

    [Fact]
    public void GradientDescentStep_AllocatesNothing()
    {
        (Network network, double[] inputs, double[] targets) = CreateCase();
        using var fields = new FieldState<double>(inputs, Samples, Dimension, network.Widths);
        using var descent = new GradientDescent(network, fields, targets);
        descent.Step(1e-3);

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int step = 0; step < 5; step++)
        {
            descent.Step(1e-3);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Mixed)]
    public void KernelRecomputation_AllocatesNothing(Precision precision)
    {
        (Network network, double[] inputs, _) = CreateCase();
        using var kernel = new ResidualKernel(inputs, Samples, Dimension, network.Widths, precision);
        var values = new double[Samples * Samples];
        double[][] parts = [.. Enumerable.Range(0, network.Depth).Select(_ => new double[Samples * Samples])];
        kernel.Compute(network, values, parts);

        long before = GC.GetAllocatedBytesForCurrentThread();
        kernel.Compute(network, values, parts);
        kernel.Compute(network, values);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void CoactivationCounts_OneBandAllocatesNothing()
    {
        (Network network, double[] inputs, _) = CreateCase();
        using var fields = new FieldState<double>(inputs, Samples, Dimension, network.Widths);
        fields.Forward(network);
        var counts = new double[Samples * Samples];
        int words = FieldKernels.MaskWords(network.Width(1));
        FieldKernels.CoactivationCounts(fields.Masks(1), Samples, words, counts);

        long before = GC.GetAllocatedBytesForCurrentThread();
        FieldKernels.CoactivationCounts(fields.Masks(1), Samples, words, counts);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static (Network Network, double[] Inputs, double[] Targets) CreateCase()
    {
        var random = new SeededNormal(11);
        double[] inputs = [.. Enumerable.Range(0, Samples * Dimension).Select(_ => random.Next())];
        double[] targets = [.. Enumerable.Range(0, Samples).Select(i => i % 2 == 0 ? 1.0 : -1.0)];
        Network network = Network.Initialize(Dimension, [9, 7, 5], Parametrization.Standard,
            ReadoutKind.Signed, 3);
        return (network, inputs, targets);
    }
}
