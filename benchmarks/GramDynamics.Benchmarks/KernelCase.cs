using GramDynamics.Collective;

namespace GramDynamics.Benchmarks;

/// <summary>
/// One network and training-set shape: N samples of dimension d, L hidden layers of one width.
/// </summary>
public sealed record KernelCase(int Samples, int InputDimension, int Width, int Depth, Precision Precision)
{
    /// <summary>
    /// The default cases: a small network, an awkward N, and the size of the performance targets.
    /// </summary>
    public static IEnumerable<KernelCase> Default(IReadOnlyList<Precision> precisions)
    {
        foreach (Precision precision in precisions)
        {
            yield return new KernelCase(1024, 64, 256, 3, precision);
        }

        yield return new KernelCase(3079, 784, 1024, 2, precisions[0]);
        foreach (Precision precision in precisions)
        {
            yield return new KernelCase(4096, 784, 1024, 3, precision);
        }
    }

    /// <summary>Every combination of the grid in <see cref="BenchmarkGrid"/>.</summary>
    public static IEnumerable<KernelCase> Full(IReadOnlyList<Precision> precisions) =>
        from samples in BenchmarkGrid.Samples
        from inputDimension in BenchmarkGrid.InputDimensions
        from width in BenchmarkGrid.Widths
        from depth in BenchmarkGrid.Depths
        from precision in precisions
        select new KernelCase(samples, inputDimension, width, depth, precision);

    /// <summary>The default or the full grid, as <see cref="BenchmarkGrid.IsFull"/> selects.</summary>
    public static IEnumerable<KernelCase> Grid(params Precision[] precisions) =>
        BenchmarkGrid.IsFull ? Full(precisions) : Default(precisions);

    public int[] Widths => [.. Enumerable.Repeat(Width, Depth)];

    public override string ToString() =>
        $"N={Samples} d={InputDimension} n={Width}x{Depth} {Precision.ToString().ToLowerInvariant()}";
}
