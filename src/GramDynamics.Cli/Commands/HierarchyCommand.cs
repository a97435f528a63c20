using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GramDynamics.Cli.Options;
using GramDynamics.Cli.Rendering;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Dynamics;
using GramDynamics.Numerics;
using GramDynamics.Runs;
using Spectre.Console;

namespace GramDynamics.Cli.Commands;

/// <summary>
/// `gramdyn hierarchy`: runs GD and the field integrator of each depth side by side from one
/// initialization and measures how far each field description drifts from real training.
/// </summary>
internal static class HierarchyCommand
{
    /// <summary>File name of the divergence table inside the run folder.</summary>
    public const string TableFile = "hierarchy.csv";

    public static Command Create()
    {
        var depths = new Option<string>("--depths")
        {
            Description = "Depths to study, each from 1 to 8.",
            DefaultValueFactory = _ => "1,2,3,4",
        };
        var width = new Option<int>("--width")
        {
            Description = "Width of every hidden layer.",
            DefaultValueFactory = _ => 128,
        };
        var parametrization = new Option<string>("--parametrization")
        {
            Description = "standard or ntk.",
            DefaultValueFactory = _ => "standard",
        };
        var seed = new Option<int>("--seed")
        {
            Description = "Seed of the weights, readout and subset.",
            DefaultValueFactory = _ => 0,
        };
        var rate = new Option<string>("--lr")
        {
            Description = "GD rate η, or 'auto' for 1/λ_max(K) at step 0 of each depth.",
            DefaultValueFactory = _ => "auto",
        };
        var steps = new Option<int>("--steps")
        {
            Description = "GD steps per depth.",
            DefaultValueFactory = _ => 400,
        };
        var recordEvery = new Option<int>("--record-every")
        {
            Description = "Steps between two rows.",
            DefaultValueFactory = _ => 25,
        };
        var scheme = new Option<string>("--scheme")
        {
            Description = "euler (forward Euler at the GD rate, step for step comparable with GD) or rk4 "
                + "(fourth-order Runge-Kutta, the gradient-flow limit).",
            DefaultValueFactory = _ => "euler",
        };
        var name = new Option<string?>("--name")
        {
            Description = "Run name; the folder is runs/NAME unless --out.",
        };
        var output = new Option<string?>("--out") { Description = "The run folder itself." };
        var quiet = new Option<bool>("--quiet") { Description = "Print only errors and the final line." };
        var noReport = new Option<bool>("--no-report") { Description = "Do not draw the plots at the end." };
        var data = new DataOptions(defaultSamples: 400);

        var command = new Command("hierarchy",
            "Measure how far each field description tracks real GD training at depths 1 to 4.");
        foreach (Option option in (Option[])[depths, width, parametrization, seed, rate, steps, recordEvery,
            scheme, name, output, quiet, noReport])
        {
            command.Options.Add(option);
        }

        data.AddTo(command);
        command.SetAction(result => CommandFailure.Guard(() =>
        {
            var settings = new HierarchySettings(
                OptionParsing.ParseDepths(result.GetValue(depths)!),
                result.GetValue(width),
                OptionParsing.ParseParametrization(result.GetValue(parametrization)!),
                result.GetValue(seed),
                OptionParsing.ParseRate(result.GetValue(rate)!),
                result.GetValue(steps),
                result.GetValue(recordEvery),
                ParseScheme(result.GetValue(scheme)!),
                result.GetValue(name),
                result.GetValue(output),
                result.GetValue(quiet),
                result.GetValue(noReport));
            return Execute(settings, () => data.Load(result, settings.Seed));
        }));
        return command;
    }

    private static int Execute(HierarchySettings settings, Func<Dataset> loadData)
    {
        settings.Validate();
        var clock = Stopwatch.StartNew();
        var console = new ConsoleTrainingView(settings.Quiet);
        console.NoteBlas();
        Dataset data = loadData();
        string path = settings.Output ?? Path.Combine("runs", settings.Name
            ?? string.Create(CultureInfo.InvariantCulture, $"hierarchy-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
        RunFolder folder = RunFolder.Create(path);
        folder.WriteConfig(BuildConfig(settings, data));
        folder.WriteMatrix("X.npy", data.X, data.Count, data.Dimension);
        folder.WriteVector("y.npy", data.Y);
        console.Line($"run folder: {folder.Path}");
        console.Line($"data: {data}");

        var rows = new List<HierarchyRecord>();
        var summary = new JsonObject();
        var depthSummaries = new JsonArray();
        foreach (int depth in settings.Depths)
        {
            int[] widths = [.. Enumerable.Repeat(settings.Width, depth)];
            Network network = Network.Initialize(data.Dimension, widths, settings.Parametrization,
                ReadoutKind.Signed, settings.Seed);
            double topEigenvalue = InitialSpectrum.TopEigenvalue(network, data.X, data.Count);
            double rate = settings.Rate ?? (topEigenvalue > 0 ? 1.0 / topEigenvalue : 1.0);
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"depth {depth}: η = {rate:G4} ({rate * topEigenvalue / 2:G3} × the stable limit 2/λ_max)"));
            IReadOnlyList<HierarchyRecord> records;
            try
            {
                records = HierarchyStudy.Run(network, data.X, data.Y,
                    new HierarchyStudyOptions(rate, settings.Steps, settings.RecordEvery, settings.Scheme));
            }
            catch (ArgumentException exception)
            {
                folder.SetStatus("failed", exception.Message);
                throw;
            }

            rows.AddRange(records);
            WriteTable(folder, rows);
            depthSummaries.Add(Summarize(depth, rate, topEigenvalue, records));
            console.PrintHierarchyTable(depth, records);
        }

        summary["depths"] = depthSummaries;
        summary["elapsed_seconds"] = clock.Elapsed.TotalSeconds;
        folder.WriteSummary(summary);
        folder.SetConfigValue("elapsed_seconds", clock.Elapsed.TotalSeconds);
        folder.SetStatus("complete");
        console.Line(string.Create(CultureInfo.InvariantCulture,
            $"done in {clock.Elapsed.TotalSeconds:F1} s; table: {Path.Combine(folder.Path, TableFile)}"));
        if (!settings.NoReport)
        {
            ReportCommand.DrawAfterRun(folder.Path, settings.Quiet);
        }

        return 0;
    }

    private static JsonObject Summarize(int depth, double rate, double topEigenvalue,
        IReadOnlyList<HierarchyRecord> records)
    {
        HierarchyRecord last = records[^1];
        return new JsonObject
        {
            ["depth"] = depth,
            ["integrator"] = last.Integrator,
            ["learning_rate"] = rate,
            ["rate_over_stable_limit"] = rate * topEigenvalue / 2,
            ["final_r_divergence"] = Finite(last.ResidualDivergence),
            ["max_r_divergence"] = Finite(records.Max(r => r.ResidualDivergence)),
            ["final_u_divergence"] = Finite(last.FieldDivergence),
            ["crossings"] = records.Sum(r => r.Crossings),
            ["reads_weights"] = last.ReadsWeights,
            ["operator_applications"] = last.OperatorApplications,
            ["step_cost_ratio"] = last.StepCostRatio,
        };
    }

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static void WriteTable(RunFolder folder, IEnumerable<HierarchyRecord> rows)
    {
        var text = new StringBuilder(
            "depth,integrator,step,r_divergence,u_divergence,crossings,reads_weights,step_cost_ratio,"
                + "operator_applications\n");
        foreach (HierarchyRecord row in rows)
        {
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"{row.Depth},{row.Integrator},{row.Step},{row.ResidualDivergence:R},{row.FieldDivergence:R},"
                + $"{row.Crossings},{(row.ReadsWeights ? "true" : "false")},{row.StepCostRatio:R},"
                + $"{row.OperatorApplications}\n"));
        }

        AtomicFile.WriteAllText(Path.Combine(folder.Path, TableFile), text.ToString());
    }

    private static IntegrationScheme ParseScheme(string text) => text.ToLowerInvariant() switch
    {
        "euler" => IntegrationScheme.ForwardEuler,
        "rk4" => IntegrationScheme.RungeKutta4,
        _ => throw new UsageException($"--scheme is '{text}', expected euler or rk4"),
    };

    private static JsonObject BuildConfig(HierarchySettings settings, Dataset data)
    {
        return new JsonObject
        {
            ["tool"] = "gramdyn",
            ["command"] = "hierarchy",
            ["command_line"] = string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            ["created_utc"] = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
            ["dataset"] = JsonValues.Dataset(data),
            ["depths"] = JsonValues.Array(settings.Depths),
            ["width"] = settings.Width,
            ["parametrization"] = OptionParsing.Name(settings.Parametrization),
            ["seed"] = settings.Seed,
            ["learning_rate_option"] = settings.Rate is { } rate
                ? rate.ToString("R", CultureInfo.InvariantCulture)
                : "auto",
            ["steps"] = settings.Steps,
            ["record_every"] = settings.RecordEvery,
            ["scheme"] = settings.Scheme == IntegrationScheme.RungeKutta4 ? "rk4" : "euler",
            ["openblas"] = Blas.UsesOpenBlas,
            ["openblas_config"] = Blas.Configuration,
            ["openblas_threads"] = Blas.Threads,
        };
    }

    private sealed record HierarchySettings(int[] Depths, int Width, Parametrization Parametrization,
        int Seed, double? Rate, int Steps, int RecordEvery, IntegrationScheme Scheme, string? Name,
        string? Output, bool Quiet, bool NoReport)
    {
        public void Validate()
        {
            OptionParsing.Require(Width >= 1, $"--width is {Width}, expected at least 1");
            OptionParsing.Require(Steps >= 1, $"--steps is {Steps}, expected at least 1");
            OptionParsing.Require(RecordEvery >= 1, $"--record-every is {RecordEvery}, expected at least 1");
        }
    }
}
