using System.Globalization;
using System.Text.Json.Nodes;
using GramDynamics.Numerics;
using GramDynamics.Runs;
using Spectre.Console;

namespace GramDynamics.Cli.Rendering;

/// <summary>The console face of a run: one line per stage, a progress bar, and a summary table.</summary>
internal sealed class ConsoleTrainingView(bool quiet)
{
    private static bool s_blasNoted;

    /// <summary>Prints, once per process, that OpenBLAS is missing and how to install it.</summary>
    public void NoteBlas()
    {
        if (!Blas.UsesOpenBlas && !s_blasNoted)
        {
            s_blasNoted = true;
            Console.Error.WriteLine($"gramdyn: {Blas.MissingOpenBlasMessage}");
        }
    }

    /// <summary>Prints one plain line unless quiet.</summary>
    public void Line(string text)
    {
        if (!quiet)
        {
            AnsiConsole.WriteLine(text);
        }
    }

    /// <summary>Runs the training body under a progress bar (step, loss, remaining time).</summary>
    public bool Track(int totalSteps, int firstStep, Func<ITrainingObserver, bool> body)
    {
        if (quiet || totalSteps == 0)
        {
            return body(new ProgressObserver(null, totalSteps));
        }

        if (!AnsiConsole.Profile.Capabilities.Interactive)
        {
            // Redirected output: a line every tenth of the run instead of a live bar.
            return body(new ProgressObserver(null, totalSteps, printLines: true));
        }

        bool finished = false;
        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(context =>
            {
                ProgressTask task = context.AddTask("training", maxValue: totalSteps);
                task.Value = firstStep;
                finished = body(new ProgressObserver(task, totalSteps));
            });
        return finished;
    }

    /// <summary>Prints the summary table of a finished run.</summary>
    public void PrintSummary(RunFolder folder, JsonObject summary, TimeSpan elapsed)
    {
        if (quiet)
        {
            AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"done in {elapsed.TotalSeconds:F1} s: loss {Value(summary, "initial_loss")} -> "
                + $"{Value(summary, "final_loss")}; run folder {folder.Path}"));
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title("run summary");
        table.AddColumn("quantity");
        table.AddColumn(new TableColumn("step 0").RightAligned());
        table.AddColumn(new TableColumn("final").RightAligned());
        foreach ((string label, string initial, string final) in (ValueTuple<string, string, string>[])
        [
            ("loss ½Σr²", "initial_loss", "final_loss"),
            ("‖r‖", "initial_r_norm", "final_r_norm"),
            ("λ_max(K)", "initial_lambda_max", "final_lambda_max"),
            ("effective rank of K", "initial_effective_rank", "final_effective_rank"),
            ("kernel-target alignment", "initial_alignment", "final_alignment"),
            ("kernel distance from step 0", "", "final_kernel_distance"),
            ("first-order error e1 (max)", "", "max_e1"),
        ])
        {
            table.AddRow(Markup.Escape(label), initial.Length == 0 ? "" : Value(summary, initial),
                Value(summary, final));
        }

        AnsiConsole.Write(table);
        AnsiConsole.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rate η = {Value(summary, "learning_rate")} "
            + $"({Value(summary, "rate_over_stable_limit")} × the stable limit); "
            + $"{Value(summary, "steps_this_session")} steps in {elapsed.TotalSeconds:F1} s"));
        AnsiConsole.WriteLine($"run folder: {folder.Path}");
    }

    /// <summary>Prints the divergence table of one depth of a hierarchy study.</summary>
    public void PrintHierarchyTable(int depth, IReadOnlyList<Dynamics.HierarchyRecord> records)
    {
        if (quiet || records.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded)
            .Title($"depth {depth}: {Markup.Escape(records[0].Integrator)} against GD"
                + (records[0].ReadsWeights ? " (reads weight-induced operators)" : " (fields only)"));
        foreach (string column in (string[])["step", "‖r_field − r_GD‖/‖r_GD‖", "‖U_field − U_GD‖/‖U_GD‖",
            "crossings", "cost / GD step"])
        {
            table.AddColumn(new TableColumn(Markup.Escape(column)).RightAligned());
        }

        foreach (Dynamics.HierarchyRecord record in records)
        {
            table.AddRow(
                record.Step.ToString(CultureInfo.InvariantCulture),
                record.ResidualDivergence.ToString("0.00E+00", CultureInfo.InvariantCulture),
                record.FieldDivergence.ToString("0.00E+00", CultureInfo.InvariantCulture),
                record.Crossings.ToString(CultureInfo.InvariantCulture),
                record.StepCostRatio.ToString("F2", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(table);
    }

    private static string Value(JsonObject summary, string name) =>
        summary[name] is JsonValue value && value.TryGetValue(out double number)
            ? number.ToString("G4", CultureInfo.InvariantCulture)
            : summary[name]?.ToString() ?? "undefined";

    private sealed class ProgressObserver(ProgressTask? task, int totalSteps, bool printLines = false)
        : ITrainingObserver
    {
        private readonly int _lineEvery = Math.Max(1, totalSteps / 10);

        public void OnStarted(TrainingStart start)
        {
        }

        public void OnStep(int step, double loss)
        {
            if (task is not null)
            {
                task.Value = step;
                task.Description = string.Create(CultureInfo.InvariantCulture,
                    $"step {step}/{totalSteps}  loss {loss:G4}");
            }
            else if (printLines && (step % _lineEvery == 0 || step == totalSteps))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"step {step}/{totalSteps}  loss {loss:G6}"));
            }
        }

        public void OnRecord(MetricsRow row)
        {
        }

        public void OnSpectrum(SpectrumRecord spectrum)
        {
        }

        public void OnCheckpoint(TrainingCheckpoint checkpoint)
        {
        }
    }
}
