using GramDynamics.Cli.Rendering;
using GramDynamics.Collective;

namespace GramDynamics.Cli.Commands;

/// <summary>Estimates the memory of a run before anything is allocated and stops when it exceeds the limit.</summary>
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

    public static void Check(int samples, int dimension, IReadOnlyList<int> widths, Precision precision,
        double? limitGiB, ConsoleTrainingView console)
    {
        long bytes = Bytes(samples, dimension, widths, precision);
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        long limit = limitGiB is { } gib ? (long)(gib * (1L << 30)) : available;
        console.Line($"memory: about {bytes / (double)(1 << 20):F0} MiB needed "
            + $"(limit {limit / (double)(1L << 30):F1} GiB)");
        if (bytes > limit)
        {
            throw new UsageException($"the run needs about {bytes / (double)(1L << 30):F2} GiB for N = {samples}, "
                + $"more than the limit of {limit / (double)(1L << 30):F2} GiB; use --samples to train on a "
                + "subset or raise --memory-limit");
        }
    }
}
