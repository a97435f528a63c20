namespace GramDynamics.Benchmarks;

/// <summary>A training-step shape: N samples of dimension d, L hidden layers of one width.</summary>
public sealed record StepCase(int Samples, int InputDimension, int Width, int Depth)
{
    public static IEnumerable<StepCase> Grid =>
        BenchmarkGrid.IsFull
            ? from samples in BenchmarkGrid.Samples
              from inputDimension in BenchmarkGrid.InputDimensions
              from width in BenchmarkGrid.Widths
              from depth in BenchmarkGrid.Depths
              select new StepCase(samples, inputDimension, width, depth)
            : [new(1024, 64, 256, 3), new(3079, 784, 1024, 2)];

    public int[] Widths => [.. Enumerable.Repeat(Width, Depth)];

    public override string ToString() => $"N={Samples} d={InputDimension} n={Width}x{Depth}";
}
