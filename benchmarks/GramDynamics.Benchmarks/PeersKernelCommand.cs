using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Benchmarks;

/// <summary>
/// The C# side of benchmarks/peers/kernel_peers.py: draws the seeded X and network, writes them as
/// .npy files, times ResidualKernel.Compute (fields and K, with C formed beforehand) in each
/// precision and writes K and the times.
/// </summary>
internal static class PeersKernelCommand
{
    public const string Name = "peers-kernel";

    private const string Usage =
        "usage: peers-kernel --out FOLDER --samples N --input-dimension D --width N_HIDDEN --depth L "
        + "[--repeats R (default 5)] [--precisions double,mixed,float32 (default all)]";

    public static int Run(string[] args)
    {
        string folder;
        int samples, inputDimension, width, depth, repeats;
        Precision[] precisions;
        try
        {
            Dictionary<string, string> options = ParseOptions(args);
            folder = options["out"];
            samples = ParsePositive(options, "samples");
            inputDimension = ParsePositive(options, "input-dimension");
            width = ParsePositive(options, "width");
            depth = ParsePositive(options, "depth");
            repeats = options.ContainsKey("repeats") ? ParsePositive(options, "repeats") : 5;
            precisions = options.TryGetValue("precisions", out string? precisionText)
                ? [.. precisionText.Split(',').Select(name => Enum.Parse<Precision>(name, ignoreCase: true))]
                : [Precision.Double, Precision.Mixed, Precision.Float32];
        }
        catch (ArgumentException exception)
        {
            Console.Error.WriteLine($"peers-kernel: {exception.Message}\n{Usage}");
            return 2;
        }

        Directory.CreateDirectory(folder);
        int[] widths = [.. Enumerable.Repeat(width, depth)];
        double[] inputs = BenchmarkData.Inputs(samples, inputDimension);
        Network network = BenchmarkData.Network(inputDimension, widths);
        WriteNetwork(folder, inputs, samples, network);

        var times = new Dictionary<string, double[]>();
        var kernel = new double[(long)samples * samples];
        foreach (Precision precision in precisions)
        {
            using var workspace = new ResidualKernel(inputs, samples, inputDimension, widths, precision);
            // Warm up until the JIT has promoted the hot loops past tier 0 (about 30 calls) or 3 s
            // have passed, as BenchmarkDotNet would, so small cases are not timed on tier-0 code.
            long warmupStart = Stopwatch.GetTimestamp();
            for (int call = 0; call < 40 && Stopwatch.GetElapsedTime(warmupStart).TotalSeconds < 3; call++)
            {
                workspace.Compute(network, kernel);
            }

            var seconds = new double[repeats];
            for (int repeat = 0; repeat < repeats; repeat++)
            {
                long start = Stopwatch.GetTimestamp();
                workspace.Compute(network, kernel);
                seconds[repeat] = Stopwatch.GetElapsedTime(start).TotalSeconds;
            }

            string name = precision.ToString().ToLowerInvariant();
            times[name] = seconds;
            BenchmarkNpyWriter.Write(Path.Combine(folder, $"K_{name}.npy"), kernel, samples, samples);
        }

        var report = new Dictionary<string, object>
        {
            ["blas"] = Blas.UsesOpenBlas ? Blas.Configuration ?? "OpenBLAS" : "managed fallback",
            ["blas_threads"] = Blas.Threads,
            ["seconds"] = times,
        };
        File.WriteAllText(Path.Combine(folder, "times.json"), JsonSerializer.Serialize(report));
        return 0;
    }

    private static void WriteNetwork(string folder, double[] inputs, int samples, Network network)
    {
        BenchmarkNpyWriter.Write(Path.Combine(folder, "X.npy"), inputs, samples, network.InputDimension);
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            BenchmarkNpyWriter.Write(Path.Combine(folder, $"W{layer}.npy"), network.Weights(layer),
                network.Width(layer), network.Width(layer - 1));
        }

        BenchmarkNpyWriter.Write(Path.Combine(folder, "a.npy"), network.Readout, network.Readout.Length);
        BenchmarkNpyWriter.Write(Path.Combine(folder, "c.npy"), network.Multipliers, network.Depth);
    }

    private static Dictionary<string, string> ParseOptions(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"'{args[i]}' is not an option followed by a value");
            }

            options[args[i][2..]] = args[i + 1];
        }

        foreach (string required in new[] { "out", "samples", "input-dimension", "width", "depth" })
        {
            if (!options.ContainsKey(required))
            {
                throw new ArgumentException($"option --{required} is missing");
            }
        }

        return options;
    }

    private static int ParsePositive(Dictionary<string, string> options, string name)
    {
        if (!int.TryParse(options[name], NumberStyles.Integer, CultureInfo.InvariantCulture,
            out int value) || value < 1)
        {
            throw new ArgumentException($"--{name} is '{options[name]}', expected a positive integer");
        }

        return value;
    }
}
