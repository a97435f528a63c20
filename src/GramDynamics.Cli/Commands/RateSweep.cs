using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using GramDynamics.Cli.Rendering;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Numerics;
using GramDynamics.Runs;
using Spectre.Console;

namespace GramDynamics.Cli.Commands;

/// <summary>
/// `gramdyn run --lr-sweep`: the same run at several rates, each in RUN_DIR/sweep/rate-F/, with a table
/// of e1 and the threshold crossings against η and the rate at which the first-order picture fails.
/// </summary>
internal static class RateSweep
{
    /// <summary>
    /// The first-order picture is taken to fail at a rate whose largest recorded e1 exceeds this, or
    /// whose run diverges: beyond it Δr differs from −ηKr by more than a tenth of Δr.
    /// </summary>
    public const double FailureThreshold = 0.1;

    public static int Execute(RunSettings settings, Dataset data, ConsoleTrainingView console,
        IReadOnlyList<EigensolverSelfTest> selfTests, CancellationToken cancellation)
    {
        string parent = settings.Output ?? Path.Combine("runs", settings.Name
            ?? string.Create(CultureInfo.InvariantCulture, $"sweep-{DateTime.UtcNow:yyyyMMdd-HHmmss}"));
        RunFolder folder = RunFolder.Create(parent);
        Network network = Network.Initialize(data.Dimension, settings.Widths, settings.Parametrization,
            settings.Readout == "mean-field" ? ReadoutKind.MeanField : ReadoutKind.Signed, settings.Seed);
        double top = InitialSpectrum.TopEigenvalue(network, data.X, data.Count);
        if (!(top > 0))
        {
            throw new UsageException($"λ_max(K) at step 0 is {top}, so the stable limit is not finite and "
                + "--lr-sweep has no scale; give rates with --lr instead");
        }

        double stable = 2.0 / top;
        folder.WriteConfig(BuildConfig(settings, data, stable));
        console.Line($"rate sweep: {settings.RateSweep!.Length} runs in {folder.Path}/sweep, stable limit "
            + string.Create(CultureInfo.InvariantCulture, $"2/λ_max = {stable:G4}"));

        var rows = new List<JsonObject>();
        foreach (double fraction in settings.RateSweep!.Order())
        {
            cancellation.ThrowIfCancellationRequested();
            string child = Path.Combine(folder.Path, "sweep",
                string.Create(CultureInfo.InvariantCulture, $"rate-{fraction:G4}"));
            RunSettings childSettings = settings with
            {
                Output = child,
                Rate = fraction * stable,
                Quiet = true,
                RateSweep = null,
                Name = null,
            };
            var childConsole = new ConsoleTrainingView(quiet: true);
            var row = new JsonObject
            {
                ["fraction_of_stable_limit"] = fraction,
                ["learning_rate"] = fraction * stable,
            };
            try
            {
                RunSetup setup = RunSetup.Start(childSettings, data, childConsole);
                RunCommand.Train(setup, childConsole, selfTests, cancellation,
                    System.Diagnostics.Stopwatch.StartNew());
                string summaryPath = Path.Combine(child, RunFolder.SummaryFile);
                JsonObject summary = JsonNode.Parse(File.ReadAllText(summaryPath))!.AsObject();
                row["diverged"] = false;
                foreach (KeyValuePair<string, JsonNode?> entry in summary)
                {
                    if (entry.Key is "max_e1" or "mean_e1" or "final_loss" or "initial_loss"
                        || entry.Key.StartsWith("mean_crossings_L", StringComparison.Ordinal))
                    {
                        row[entry.Key] = entry.Value?.DeepClone();
                    }
                }
            }
            catch (TrainingDivergedException diverged)
            {
                row["diverged"] = true;
                row["diverged_at_step"] = diverged.Step;
            }

            row["folder"] = Path.GetRelativePath(folder.Path, child);
            rows.Add(row);
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"  η = {fraction:G4} × the stable limit: {Describe(row)}"));
        }

        JsonObject result = Summarize(rows, stable);
        WriteTable(folder, rows);
        folder.WriteSummary(result);
        folder.SetStatus("complete");
        PrintTable(console, rows, result, settings.Quiet);
        if (!settings.NoReport)
        {
            ReportCommand.DrawAfterRun(folder.Path, settings.Quiet);
        }

        return 0;
    }

    private static JsonObject Summarize(List<JsonObject> rows, double stable)
    {
        JsonObject? failure = rows.FirstOrDefault(row => Fails(row));
        var array = new JsonArray();
        foreach (JsonObject row in rows)
        {
            array.Add(row.DeepClone());
        }

        return new JsonObject
        {
            ["stable_limit"] = stable,
            ["e1_failure_threshold"] = FailureThreshold,
            ["first_order_failure_fraction"] = failure?["fraction_of_stable_limit"]?.DeepClone(),
            ["first_order_failure_rate"] = failure?["learning_rate"]?.DeepClone(),
            ["first_order_failure"] = failure is null
                ? $"the first-order picture held at every rate tried (max e1 ≤ {FailureThreshold})"
                : $"the first-order picture fails from η = {Number(failure["learning_rate"])} "
                    + $"({Number(failure["fraction_of_stable_limit"])} × the stable limit): "
                    + Describe(failure),
            ["runs"] = array,
        };
    }

    private static bool Fails(JsonObject row) =>
        row["diverged"]!.GetValue<bool>()
            || (row["max_e1"] is JsonValue e1 && e1.GetValue<double>() > FailureThreshold);

    private static string Describe(JsonObject row) => row["diverged"]!.GetValue<bool>()
        ? $"diverged at step {row["diverged_at_step"]}"
        : string.Create(CultureInfo.InvariantCulture,
            $"max e1 = {Number(row["max_e1"])}, final loss {Number(row["final_loss"])}");

    private static string Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out double number)
            ? number.ToString("G4", CultureInfo.InvariantCulture)
            : "undefined";

    private static void WriteTable(RunFolder folder, List<JsonObject> rows)
    {
        string[] crossingColumns = [.. rows.SelectMany(r => r.Select(e => e.Key))
            .Where(k => k.StartsWith("mean_crossings_L", StringComparison.Ordinal)).Distinct().Order()];
        string[] columns = ["fraction_of_stable_limit", "learning_rate", "diverged", "diverged_at_step",
            "max_e1", "mean_e1", "initial_loss", "final_loss", .. crossingColumns];
        var text = new StringBuilder(string.Join(',', columns)).Append('\n');
        foreach (JsonObject row in rows)
        {
            text.AppendJoin(',', columns.Select(column => row[column] switch
            {
                null => "",
                JsonValue value when value.TryGetValue(out double number) =>
                    number.ToString("R", CultureInfo.InvariantCulture),
                JsonNode node => node.ToJsonString(),
            })).Append('\n');
        }

        AtomicFile.WriteAllText(Path.Combine(folder.Path, "sweep.csv"), text.ToString());
    }

    private static void PrintTable(ConsoleTrainingView console, List<JsonObject> rows, JsonObject result,
        bool quiet)
    {
        if (!quiet)
        {
            var table = new Table().Border(TableBorder.Rounded).Title("e1 and threshold crossings against η");
            string[] headers = ["η / (2/λ_max)", "η", "max e1", "mean e1", "final loss", "diverged"];
            foreach (string column in headers)
            {
                table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
            }

            foreach (JsonObject row in rows)
            {
                table.AddRow(Number(row["fraction_of_stable_limit"]), Number(row["learning_rate"]),
                    Number(row["max_e1"]), Number(row["mean_e1"]), Number(row["final_loss"]),
                    row["diverged"]!.GetValue<bool>() ? $"at step {row["diverged_at_step"]}" : "no");
            }

            AnsiConsole.Write(table);
        }

        AnsiConsole.WriteLine(result["first_order_failure"]!.GetValue<string>());
        console.Line("table: sweep.csv; per-rate run folders under sweep/");
    }

    private static JsonObject BuildConfig(RunSettings settings, Dataset data, double stable)
    {
        return new JsonObject
        {
            ["tool"] = "gramdyn",
            ["command"] = "run --lr-sweep",
            ["command_line"] = string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            ["dataset"] = JsonValues.Dataset(data),
            ["widths"] = JsonValues.Array(settings.Widths),
            ["seed"] = settings.Seed,
            ["steps"] = settings.Steps,
            ["sweep_fractions"] = JsonValues.Array(settings.RateSweep!),
            ["stable_limit"] = stable,
            ["openblas"] = Blas.UsesOpenBlas,
        };
    }
}
