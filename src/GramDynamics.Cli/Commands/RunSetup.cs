using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using GramDynamics.Cli.Options;
using GramDynamics.Cli.Rendering;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Numerics;
using GramDynamics.Runs;

namespace GramDynamics.Cli.Commands;

/// <summary>
/// Everything a run needs before its first step: folder, data, network, options, checkpoint.
/// </summary>
internal sealed record RunSetup(RunFolder Folder, Dataset Data, Network Network, TrainingOptions Options,
    TrainingCheckpoint? Checkpoint, int? StopAt)
{
    /// <summary>Creates a new run folder and writes its inputs.</summary>
    public static RunSetup Start(RunSettings settings, Dataset data, ConsoleTrainingView console)
    {
        Network network = Network.Initialize(data.Dimension, settings.Widths, settings.Parametrization,
            ReadoutKindOf(settings.Readout), settings.Seed);
        if (ReadoutKindOf(settings.Readout) == ReadoutKind.Signed && !IsKnownReadout(settings.Readout))
        {
            double[] readout = NpyFile.ReadVector(settings.Readout);
            if (readout.Length != network.Width(network.Depth))
            {
                throw new UsageException($"{settings.Readout}: readout has {readout.Length} entries, "
                    + $"expected n_L = {network.Width(network.Depth)}");
            }

            readout.CopyTo(network.Readout, 0);
        }

        TrainingOptions options = settings.ToTrainingOptions();
        MemoryEstimate.Check(data.Count, data.Dimension, settings.Widths, settings.Precision,
            settings.MemoryLimitGiB, console);
        string path = settings.Output ?? Path.Combine("runs", settings.Name ?? DefaultName(data, settings));
        RunFolder folder = RunFolder.Create(path);
        folder.WriteConfig(BuildConfig(settings, data, network, options));
        folder.WriteMatrix("X.npy", data.X, data.Count, data.Dimension);
        folder.WriteVector("y.npy", data.Y);
        folder.WriteVector("a.npy", network.Readout);
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            folder.WriteMatrix($"weights/initial/W{layer}.npy", network.Weights(layer), network.Width(layer),
                network.Width(layer - 1));
        }

        console.Line($"run folder: {folder.Path}");
        console.Line($"data: {data}; network: d = {data.Dimension}, "
            + $"widths {string.Join(',', settings.Widths)}, "
            + $"{OptionParsing.Name(settings.Parametrization)} parametrization, seed {settings.Seed}");
        return new RunSetup(folder, data, network, options, null, settings.StopAt);
    }

    /// <summary>Opens a run folder and restores its state from the checkpoint.</summary>
    public static RunSetup Resume(RunSettings settings, ConsoleTrainingView console)
    {
        RunFolder folder = RunFolder.OpenForResume(settings.Resume!);
        JsonObject config = folder.Config;
        bool extends = settings.StepsGiven && settings.Steps > (config["steps"]?.GetValue<int>() ?? 0);
        if (config["status"]?.GetValue<string>() == "complete" && !extends)
        {
            throw new UsageException($"{folder.Path}: the run is already complete; nothing to resume "
                + "(give a larger --steps to continue it)");
        }

        // The summary of an earlier completion no longer describes the run once it continues.
        File.Delete(Path.Combine(folder.Path, RunFolder.SummaryFile));

        NpyArray x = NpyFile.ReadMatrix(Path.Combine(folder.Path, "X.npy"));
        double[] y = NpyFile.ReadVector(Path.Combine(folder.Path, "y.npy"));
        double[] readout = NpyFile.ReadVector(Path.Combine(folder.Path, "a.npy"));
        int[] widths = [.. config["widths"]!.AsArray().Select(w => w!.GetValue<int>())];
        double[] multipliers = [.. config["multipliers"]!.AsArray().Select(c => c!.GetValue<double>())];
        var weights = new double[widths.Length][];
        for (int layer = 0; layer < widths.Length; layer++)
        {
            string path = Path.Combine(folder.Path, "weights", "initial", $"W{layer + 1}.npy");
            weights[layer] = NpyFile.ReadMatrix(path).Values;
        }

        var network = new Network(x.Columns, widths, weights, multipliers, readout);
        string dataName = config["dataset"]?["name"]?.GetValue<string>() ?? "resumed";
        var data = Dataset.FromLabels(x.Values, x.Rows, x.Columns, y, dataName, folder.Path);
        var options = new TrainingOptions
        {
            Widths = widths,
            Parametrization = OptionParsing.ParseParametrization(
                config["parametrization"]!.GetValue<string>()),
            Seed = config["seed"]!.GetValue<int>(),
            LearningRate = config["learning_rate"]?.GetValue<double>(),
            Steps = settings.StepsGiven ? settings.Steps : config["steps"]!.GetValue<int>(),
            RecordEvery = config["record_every"]!.GetValue<int>(),
            SpectrumEvery = config["spectrum_every"]!.GetValue<int>(),
            CheckpointEvery = config["checkpoint_every"]!.GetValue<int>(),
            Precision = OptionParsing.ParsePrecision(config["precision"]!.GetValue<string>()),
            FieldIntegrator = config["field_integrator"]?.GetValue<bool>() ?? false,
        };
        if (settings.IgnoredOnResume.Length > 0)
        {
            Console.Error.WriteLine($"gramdyn: warning: --resume continues with the settings in config.json; "
                + $"ignored: {string.Join(", ", settings.IgnoredOnResume)}");
        }

        TrainingCheckpoint checkpoint = folder.ReadCheckpoint();
        if (options.Steps < checkpoint.Step)
        {
            throw new UsageException($"--steps is {options.Steps}, but the checkpoint is already at step "
                + $"{checkpoint.Step}; give more steps to continue");
        }

        folder.SetConfigValue("steps", options.Steps);
        folder.LoadRecordsBefore(checkpoint.Step);
        console.Line($"run folder: {folder.Path}");
        return new RunSetup(folder, data, network, options, checkpoint, settings.StopAt);
    }

    /// <summary>The eigensolver start-up self-tests as a JSON array for config.json.</summary>
    public static JsonArray SelfTestJson(IReadOnlyList<EigensolverSelfTest> results) =>
    [
        .. results.Select(result => (JsonNode)new JsonObject
        {
            ["order"] = result.Size,
            ["lapack"] = result.UsedLapack,
            ["residual"] = result.Residual,
            ["orthogonality"] = result.Orthogonality,
            ["tolerance"] = result.Tolerance,
            ["passed"] = result.Passed,
        }),
    ];

    private static bool IsKnownReadout(string text) => text is "signed" or "mean-field";

    private static ReadoutKind ReadoutKindOf(string text) =>
        text == "mean-field" ? ReadoutKind.MeanField : ReadoutKind.Signed;

    private static string DefaultName(Dataset data, RunSettings settings)
    {
        string stem = new([.. data.Name.Select(
            c => char.IsLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]);
        int dot = stem.IndexOf("-csv", StringComparison.Ordinal);
        stem = dot > 0 ? stem[..dot] : stem;
        DateTime now = DateTime.UtcNow;
        return string.Create(CultureInfo.InvariantCulture,
            $"{stem}-L{settings.Widths.Length}-w{settings.Widths[0]}-s{settings.Seed}-{now:yyyyMMdd-HHmmss}");
    }

    private static JsonObject BuildConfig(RunSettings settings, Dataset data, Network network,
        TrainingOptions options)
    {
        return new JsonObject
        {
            ["tool"] = "gramdyn",
            ["tool_version"] = typeof(Network).Assembly
                .GetCustomAttribute<AssemblyInformationalVersionAttribute>()
                ?.InformationalVersion ?? "unknown",
            ["created_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["command_line"] = string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            ["dataset"] = JsonValues.Dataset(data),
            ["widths"] = JsonValues.Array(options.Widths),
            ["depth"] = options.Widths.Length,
            ["parametrization"] = OptionParsing.Name(options.Parametrization),
            ["multipliers"] = JsonValues.Array(network.Multipliers),
            ["readout"] = settings.Readout,
            ["seed"] = options.Seed,
            ["learning_rate_option"] = options.LearningRate is { } rate
                ? rate.ToString("R", CultureInfo.InvariantCulture) : "auto",
            ["steps"] = options.Steps,
            ["record_every"] = options.RecordEvery,
            ["spectrum_every"] = options.SpectrumEvery,
            ["checkpoint_every"] = options.CheckpointEvery,
            ["precision"] = OptionParsing.Name(options.Precision),
            ["gd_precision"] = "double",
            ["openblas"] = Blas.UsesOpenBlas,
            ["openblas_version"] = OpenBlasVersion.Current,
            ["openblas_config"] = Blas.Configuration,
            ["openblas_threads"] = Blas.Threads,
            ["threads_requested"] = options.Threads,
            ["top_eigenvalues"] = options.TopEigenvalues,
            ["sampled_pairs"] = options.SampledPairs,
            ["field_integrator"] = options.FieldIntegrator,
        };
    }
}
