using GramDynamics.Cli.Rendering;
using GramDynamics.Collective;

namespace GramDynamics.Cli.Commands;

/// <summary>
/// Estimates the memory of a run before anything is allocated and stops when it exceeds the limit.
/// </summary>
internal static class MemoryEstimate
{
    /// <summary>
    /// Bytes a run needs: K, K at step 0, K at the previous record and the L layer parts (N × N double
    /// each), the input Gram C, the block scratch, and four N × n field buffers per layer.
    /// </summary>
    public static long Bytes(int samples, int dimension, IReadOnlyList<int> widths, Precision precision)
    {
        long square = (long)samples * samples;
        int element = precision == Precision.Double ? 8 : 4;
        long kernels = (3L + widths.Count) * square * 8;
        long inputGram = square * element + (precision == Precision.Float32 ? square * 4 : 0);
        long scratch = 2L * Math.Min(samples, ResidualKernel.DefaultBlockRows) * samples * element;
        long fields = (long)samples * dimension * 8;
        foreach (int width in widths)
        {
            fields += 4L * samples * width * 8;
        }

        return kernels + inputGram + scratch + (precision == Precision.Double ? fields : fields * 3 / 2);
    }

    /// <summary>
    /// Bytes `kernel` needs: K and the L layer parts in double, the input Gram C, the block scratch,
    /// a float32 K and one float32 layer part for Precision.Float32, and four N × n field buffers per
    /// layer. With --objects it adds the double fields and one N × N double matrix, which is reused
    /// for each Gram that is written.
    /// </summary>
    public static long KernelBytes(int samples, int dimension, IReadOnlyList<int> widths, Precision precision,
        bool objects)
    {
        long square = (long)samples * samples;
        int element = precision == Precision.Double ? 8 : 4;
        long kernels = (1L + widths.Count) * square * 8;
        long inputGram = square * element + (precision == Precision.Float32 ? 2 * square * 4 : 0);
        long scratch = 2L * Math.Min(samples, ResidualKernel.DefaultBlockRows) * samples * element;
        long fields = (long)samples * dimension * (8 + element);
        foreach (int width in widths)
        {
            fields += 4L * samples * width * element;
        }

        long objectBytes = objects ? square * 8 : 0;
        foreach (int width in objects ? widths : [])
        {
            objectBytes += 4L * samples * width * 8;
        }

        return kernels + inputGram + scratch + fields + objectBytes;
    }

    /// <summary>Checks a run's estimate against the limit; see <see cref="CheckBytes"/>.</summary>
    public static void Check(int samples, int dimension, IReadOnlyList<int> widths, Precision precision,
        double? limitGiB, ConsoleTrainingView console) =>
        CheckBytes("the run", samples, Bytes(samples, dimension, widths, precision), limitGiB, console,
            "use --samples to train on a subset or raise --memory-limit");

    /// <summary>
    /// Prints the estimate, then stops with a usage error when N exceeds
    /// <see cref="ResidualKernel.MaxSamples"/> or the estimate exceeds the limit (default: the memory
    /// available to this process).
    /// </summary>
    public static void CheckBytes(string what, int samples, long bytes, double? limitGiB,
        ConsoleTrainingView console, string remedy)
    {
        if (samples > ResidualKernel.MaxSamples)
        {
            throw new UsageException($"{what} has N = {samples} samples, but K is held as one span of N × N "
                + $"values, which caps N at {ResidualKernel.MaxSamples}; {remedy}");
        }

        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long limit = limitGiB is { } gib ? (long)(gib * (1L << 30)) : available;
        console.Line($"memory: about {bytes / (double)(1 << 20):F0} MiB needed "
            + $"(limit {limit / (double)(1L << 30):G3} GiB)");
        if (bytes > limit)
        {
            throw new UsageException(
                $"{what} needs about {bytes / (double)(1L << 30):F2} GiB for N = {samples}, "
                + $"more than the limit of {limit / (double)(1L << 30):F2} GiB; {remedy}");
        }
    }
}
