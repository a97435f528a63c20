using System.CommandLine;
using System.Globalization;
using GramDynamics.Cli.Options;
using GramDynamics.Cli.Rendering;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Runs;

namespace GramDynamics.Cli.Commands;

/// <summary>
/// `gramdyn kernel`: K and its layer parts (and with --objects every field and Gram) for given weights.
/// </summary>
internal static class KernelCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data")
        {
            Description = "Inputs X: a .npy matrix, a numbers-only CSV file (one sample a row) or an IDX "
                + "image file (gzipped or not; pixels as given, 0..255).",
            Required = true,
        };
        var weights = new Option<string>("--weights")
        {
            Description = "Comma-separated .npy files W1,...,WL; W_ℓ is n_ℓ × n_{ℓ-1}.",
            Required = true,
        };
        var readout = new Option<string>("--readout")
        {
            Description = "The readout a as a .npy vector of n_L.",
            Required = true,
        };
        var multipliers = new Option<string?>("--multipliers")
        {
            Description = "Comma-separated c_1,...,c_L (default 1 each).",
        };
        var parametrization = new Option<string?>("--parametrization")
        {
            Description = "Take the multipliers of a parametrization: standard (c = 1) or ntk "
                + "(c = sqrt(2/fan-in)).",
        };
        var precision = new Option<string>("--precision")
        {
            Description = "double, float32 or mixed (float32 Grams, K accumulated in double).",
            DefaultValueFactory = _ => "double",
        };
        var objects = new Option<bool>("--objects")
        {
            Description = "Also write U, H, B, Q, S and P per layer.",
        };
        var output = new Option<string>("--out") { Description = "Output folder.", Required = true };
        var threads = new Option<int?>("--threads") { Description = "OpenBLAS threads." };
        var memoryLimit = new Option<double?>("--memory-limit")
        {
            Description = "Stop before allocating K when the estimate exceeds this many GiB (default: the "
                + "total memory of the machine, or its container limit).",
        };

        var command = new Command("kernel",
            "Compute the residual kernel K and its layer parts for given weights and data.");
        foreach (Option option in (Option[])[data, weights, readout, multipliers, parametrization, precision,
            objects, output, threads, memoryLimit])
        {
            command.Options.Add(option);
        }

        command.SetAction(result => CommandFailure.Guard(() => Execute(
            result.GetValue(data)!, result.GetValue(weights)!, result.GetValue(readout)!,
            result.GetValue(multipliers),
            result.GetValue(parametrization), OptionParsing.ParsePrecision(result.GetValue(precision)!),
            result.GetValue(objects), result.GetValue(output)!, result.GetValue(threads),
            result.GetValue(memoryLimit))));
        return command;
    }

    private static int Execute(string dataPath, string weightList, string readoutPath, string? multiplierList,
        string? parametrizationName, Precision precision, bool writeObjects, string outputPath, int? threads,
        double? memoryLimitGiB)
    {
        OptionParsing.Require(memoryLimitGiB is null or > 0,
            $"--memory-limit is {memoryLimitGiB}, expected a positive number of GiB");

        new ConsoleTrainingView(quiet: true).NoteBlas();
        if (threads is { } count)
        {
            OptionParsing.Require(count >= 1, $"--threads is {count}, expected at least 1");
            Numerics.Blas.SetThreads(count);
        }

        if (File.Exists(outputPath))
        {
            throw new UsageException($"--out {outputPath} is a file, expected a folder");
        }

        if (Directory.Exists(outputPath) && Directory.EnumerateFileSystemEntries(outputPath).Any())
        {
            // Writing into a used folder would mix these results with files of an earlier network.
            throw new UsageException($"{outputPath}: output folder already exists and is not empty; "
                + "choose another --out");
        }

        if (multiplierList is not null && parametrizationName is not null)
        {
            throw new UsageException(
                "--multipliers and --parametrization are alternatives; give at most one");
        }

        (double[] x, int samples, int dimension) = ReadInputs(dataPath);
        string[] weightPaths = weightList.Split(',',
            StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (weightPaths.Length == 0)
        {
            throw new UsageException("--weights names no file, expected W1.npy,...,WL.npy");
        }

        var weights = new double[weightPaths.Length][];
        var widths = new int[weightPaths.Length];
        int fanIn = dimension;
        for (int layer = 0; layer < weightPaths.Length; layer++)
        {
            NpyArray w = NpyFile.ReadMatrix(weightPaths[layer]);
            if (w.Columns != fanIn)
            {
                throw new UsageException($"{weightPaths[layer]}: W{layer + 1} is {w.Rows} × {w.Columns}, "
                    + $"expected {fanIn} columns (the width of {(layer == 0 ? "the data" : $"W{layer}")})");
            }

            weights[layer] = w.Values;
            widths[layer] = w.Rows;
            fanIn = w.Rows;
        }

        double[] readout = NpyFile.ReadVector(readoutPath);
        if (readout.Length != fanIn)
        {
            throw new UsageException(
                $"{readoutPath}: readout has {readout.Length} entries, expected n_L = {fanIn}");
        }

        double[] multipliers = multiplierList is not null
            ? OptionParsing.ParseNumbers(multiplierList, "--multipliers")
            : parametrizationName is not null
                ? Network.MultipliersFor(OptionParsing.ParseParametrization(parametrizationName), dimension,
                    widths)
                : [.. Enumerable.Repeat(1.0, widths.Length)];
        if (multipliers.Length != widths.Length)
        {
            throw new UsageException(
                $"--multipliers has {multipliers.Length} values, expected one per layer ({widths.Length})");
        }

        var network = new Network(dimension, widths, weights, multipliers, readout);
        MemoryEstimate.CheckBytes("the kernel", samples,
            MemoryEstimate.KernelBytes(samples, dimension, widths, precision, writeObjects), memoryLimitGiB,
            new ConsoleTrainingView(quiet: false), "use fewer samples or raise --memory-limit");
        var outputs = new KernelOutputs(samples, network.Depth);
        using (var kernel = new ResidualKernel(x, samples, dimension, widths, precision))
        {
            kernel.Compute(network, outputs.Kernel, outputs.LayerParts);
        }

        // Everything is computed before the first file is written, so a failure leaves no output.
        Directory.CreateDirectory(outputPath);
        NpyFile.WriteMatrix(Path.Combine(outputPath, "K.npy"), outputs.Kernel, samples, samples);
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            NpyFile.WriteMatrix(Path.Combine(outputPath, $"K{layer}.npy"), outputs.LayerParts[layer - 1],
                samples, samples);
        }

        if (writeObjects)
        {
            KernelObjects.Write(outputPath, network, x, samples);
        }

        if (precision != Precision.Double)
        {
            // Reduced precisions report their error against double, measured on this input.
            var reference = new double[(long)samples * samples];
            using (var kernel = new ResidualKernel(x, samples, dimension, widths))
            {
                kernel.Compute(network, reference);
            }

            double? error = PrecisionError.RelativeFrobenius(reference, outputs.Kernel);
            string text = error is { } value
                ? value.ToString("E3", CultureInfo.InvariantCulture)
                : "undefined (K = 0)";
            Console.WriteLine(
                $"{OptionParsing.Name(precision)}: relative Frobenius error of K against double: {text}");
            AtomicFile.WriteAllText(Path.Combine(outputPath, "precision.json"),
                $"{{\n  \"precision\": \"{OptionParsing.Name(precision)}\",\n  \"relative_frobenius_error\": "
                + $"{(error is { } e ? e.ToString("R", CultureInfo.InvariantCulture) : "null")}\n}}\n");
        }

        return 0;
    }

    private static (double[] Values, int Rows, int Columns) ReadInputs(string path)
    {
        if (path.EndsWith(".npy", StringComparison.OrdinalIgnoreCase))
        {
            NpyArray x = NpyFile.ReadMatrix(path);
            return (x.Values, x.Rows, x.Columns);
        }

        string name = Path.GetFileName(path).ToLowerInvariant();
        if (name.Contains("idx", StringComparison.Ordinal)
            || name.Contains("ubyte", StringComparison.Ordinal))
        {
            IdxImages images = IdxFile.ReadImages(path);
            return (images.Pixels, images.Count, images.PixelCount);
        }

        CsvMatrix csv = CsvMatrix.Read(path, LabelColumn.None);
        return (csv.Features, csv.Rows, csv.FeatureCount);
    }

    private sealed class KernelOutputs(int samples, int depth)
    {
        public double[] Kernel { get; } = new double[(long)samples * samples];

        public double[][] LayerParts { get; } =
            [.. Enumerable.Range(0, depth).Select(_ => new double[(long)samples * samples])];
    }
}
