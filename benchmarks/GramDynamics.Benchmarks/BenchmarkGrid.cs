namespace GramDynamics.Benchmarks;

/// <summary>
/// Which parameter grid the benchmarks enumerate: the few default cases, or every combination when
/// the environment variable <see cref="VariableName"/> is "full" (Program sets it for --grid full,
/// and the benchmark processes that BenchmarkDotNet starts inherit it).
/// </summary>
internal static class BenchmarkGrid
{
    public const string VariableName = "GRAMDYN_BENCH_GRID";

    public static bool IsFull =>
        string.Equals(Environment.GetEnvironmentVariable(VariableName), "full",
            StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// N values of the full grid: two powers of two and 6 · 512 + 7, which fits no vector width.
    /// </summary>
    public static readonly int[] Samples = [1024, 4096, 3079];

    public static readonly int[] InputDimensions = [64, 784];

    public static readonly int[] Widths = [256, 1024];

    public static readonly int[] Depths = [1, 2, 3];
}
