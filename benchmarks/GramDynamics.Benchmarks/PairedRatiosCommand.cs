using System.Diagnostics;
using System.Globalization;
using GramDynamics.Collective;

namespace GramDynamics.Benchmarks;

/// <summary>
/// Times the target comparisons in alternation (baseline, candidate, candidate, baseline, …) inside
/// one process and prints medians and the median of the per-round ratios. On a shared machine the
/// load drifts between the separate processes of BenchmarkDotNet, but the two sides of one round
/// run under nearly the same load.
/// </summary>
internal static class PairedRatiosCommand
{
    public const string Name = "paired-ratios";

    public static int Run(string[] args)
    {
        int rounds = 7;
        string? only = null;
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--rounds")
            {
                rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
            else if (args[i] == "--only")
            {
                only = args[i + 1];
            }
            else
            {
                Console.Error.WriteLine(
                    $"paired-ratios: unknown option '{args[i]}'; expected --rounds R, --only K|fields|P");
                return 2;
            }
        }

        Console.WriteLine($"load average at start: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine();
        Console.WriteLine("| comparison | baseline | median ms | candidate | median ms "
            + "| median ratio (candidate / baseline) "
            + "| ratio range |");
        Console.WriteLine("|---|---|---:|---|---:|---:|---|");
        foreach ((string family, Func<(PairedComparison, Action)> create) in Comparisons())
        {
            if (only is not null && family != only)
            {
                continue;
            }

            (PairedComparison comparison, Action cleanup) = create();
            try
            {
                Measure(comparison, rounds);
            }
            finally
            {
                cleanup();
            }
        }

        Console.WriteLine();
        Console.WriteLine($"load average at end: {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    /// <summary>The comparisons of the targets, each with its family: K, fields or P.</summary>
    private static IEnumerable<(string Family, Func<(PairedComparison, Action)> Create)> Comparisons()
    {
        var target = new KernelCase(4096, 784, 1024, 3, Precision.Double);
        yield return ("K", () => KernelAgainstCalls(target));
        yield return ("K", () => KernelAgainstCalls(new KernelCase(1024, 64, 256, 3, Precision.Double)));
        yield return ("K", () => KernelAgainstCalls(target with { Precision = Precision.Mixed }));
        yield return ("K", () => KernelAgainstDouble(target with { Precision = Precision.Mixed }));
        yield return ("K", () => KernelAgainstDouble(target with { Precision = Precision.Float32 }));
        yield return ("fields", () => FieldsAgainstGemms(target));
        CoactivationCase[] coactivationCases = [new(4096, 1024), new(3079, 1024), new(1024, 256)];
        foreach (CoactivationCase coactivation in coactivationCases)
        {
            yield return ("P", () => PopcountAgainstSgemm(coactivation));
        }
    }

    private static (PairedComparison, Action) KernelAgainstCalls(KernelCase kernelCase)
    {
        var benchmarks = new ResidualKernelBenchmarks { Case = kernelCase };
        benchmarks.Setup();
        var comparison = new PairedComparison($"K {kernelCase}", "its BLAS calls", benchmarks.BlasCalls, "K",
            benchmarks.Kernel);
        return (comparison, benchmarks.Cleanup);
    }

    private static (PairedComparison, Action) KernelAgainstDouble(KernelCase kernelCase)
    {
        KernelCase doubleCase = kernelCase with { Precision = Precision.Double };
        var reference = new ResidualKernelBenchmarks { Case = doubleCase };
        var candidate = new ResidualKernelBenchmarks { Case = kernelCase };
        reference.Setup();
        candidate.Setup();
        var comparison = new PairedComparison($"K {kernelCase}", "K double", reference.Kernel,
            $"K {kernelCase.Precision.ToString().ToLowerInvariant()}", candidate.Kernel);
        Action cleanup = reference.Cleanup;
        cleanup += candidate.Cleanup;
        return (comparison, cleanup);
    }

    private static (PairedComparison, Action) FieldsAgainstGemms(KernelCase kernelCase)
    {
        var benchmarks = new FieldBenchmarks { Case = kernelCase };
        benchmarks.Setup();
        var comparison = new PairedComparison($"fields {kernelCase}", "their GEMMs", benchmarks.FieldGemms,
            "forward + backward", benchmarks.ForwardBackward);
        return (comparison, benchmarks.Cleanup);
    }

    private static (PairedComparison, Action) PopcountAgainstSgemm(CoactivationCase coactivation)
    {
        var benchmarks = new CoactivationBenchmarks { Case = coactivation };
        benchmarks.Setup();
        var comparison = new PairedComparison($"P {coactivation}", "SGEMM on 0/1 floats", benchmarks.Sgemm,
            "popcount", benchmarks.Popcount);
        return (comparison, () => { });
    }

    private static void Measure(PairedComparison comparison, int rounds)
    {
        comparison.Baseline();
        comparison.Candidate();
        var baseline = new List<double>();
        var candidate = new List<double>();
        for (int round = 0; round < rounds; round++)
        {
            // Alternate which side goes first, so neither always runs on a warmer cache.
            if (round % 2 == 0)
            {
                baseline.Add(Time(comparison.Baseline));
                candidate.Add(Time(comparison.Candidate));
            }
            else
            {
                candidate.Add(Time(comparison.Candidate));
                baseline.Add(Time(comparison.Baseline));
            }
        }

        List<double> ratios = [.. candidate.Zip(baseline, (c, b) => c / b)];
        Console.WriteLine($"| {comparison.Name} | {comparison.BaselineName} | {Median(baseline):F1} "
            + $"| {comparison.CandidateName} | {Median(candidate):F1} | {Median(ratios):F3} "
            + $"| {ratios.Min():F3} to {ratios.Max():F3} |");
    }

    private static double Time(Action action)
    {
        long start = Stopwatch.GetTimestamp();
        action();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    private static double Median(List<double> values)
    {
        List<double> sorted = [.. values.Order()];
        int middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }
}
