namespace GramDynamics.Benchmarks;

/// <summary>N masks of one layer of <paramref name="Width"/> neurons.</summary>
public sealed record CoactivationCase(int Samples, int Width)
{
    public static IEnumerable<CoactivationCase> Grid =>
        BenchmarkGrid.IsFull
            ? from samples in BenchmarkGrid.Samples
              from width in BenchmarkGrid.Widths
              select new CoactivationCase(samples, width)
            : [new(1024, 256), new(3079, 1024), new(4096, 1024)];

    public override string ToString() => $"N={Samples} n={Width}";
}
