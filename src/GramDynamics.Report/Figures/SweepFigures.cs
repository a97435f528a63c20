using System.Globalization;
using System.Text.Json.Nodes;
using GramDynamics.Report.Reading;

namespace GramDynamics.Report.Figures;

/// <summary>
/// Figures of a learning-rate sweep (sweep.csv): e1 and the threshold crossings against the rate η.
/// </summary>
internal static class SweepFigures
{
    public const string RateLabel = "learning rate η, log scale";

    public static FigureDraft? FirstOrderError(FigureContext context)
    {
        const string Title = "First-order error e1 against the learning rate";
        var canvas = new FigureCanvas(Title, RateLabel, "e1 (dimensionless), log scale", logX: true,
            logY: true);
        for (int run = 0; run < context.Runs.Count; run++)
        {
            AddColumn(context, canvas, run, "max_e1", "max e1 over the run", group: 0);
            AddColumn(context, canvas, run, "mean_e1", "mean e1 over the run", group: 1);
        }

        AddLimits(context, canvas, threshold: true);
        canvas.LegendAlignment = ScottPlot.Alignment.UpperLeft;
        string caption = """
            e1 = ‖Δr_GD + η K r‖ / ‖Δr_GD‖, the distance of one GD step from the linearized step −η K r,
            summarized over each rate's run: its maximum and its mean over the recorded steps. The
            vertical dashed line is the stable limit 2 / λ_max(K) at step 0, and the horizontal one the
            e1 threshold above which the first-order picture counts as failed.
            """ + Failures(context) + Diverged(context) + TrainingFigures.Skipped(canvas);
        return canvas.HasData
            ? new FigureDraft("sweep_e1.png", Title, caption, canvas)
            : context.Skip(Title, "sweep.csv has no positive max_e1 or mean_e1 values", canvas);
    }

    public static FigureDraft? Crossings(FigureContext context)
    {
        const string Title = "Threshold crossings per step against the learning rate";
        var canvas = new FigureCanvas(Title, RateLabel,
            "mean crossings per step (fraction of (μ, i) pairs)", logX: true);
        for (int run = 0; run < context.Runs.Count; run++)
        {
            int[] layers = [.. (context.Runs[run].Sweep?.ColumnNames ?? [])
                .Where(name => name.StartsWith(CrossingsPrefix, StringComparison.Ordinal))
                .Select(name => int.TryParse(name.AsSpan(CrossingsPrefix.Length), NumberStyles.Integer,
                    CultureInfo.InvariantCulture, out int layer) ? layer : -1)
                .Where(layer => layer >= 0)
                .Order()];
            foreach (int layer in layers)
            {
                AddColumn(context, canvas, run, $"{CrossingsPrefix}{layer}", $"layer {layer}",
                    group: layer - 1);
            }
        }

        AddLimits(context, canvas, threshold: false);
        canvas.LegendAlignment = ScottPlot.Alignment.UpperLeft;
        string caption = """
            Mean over each rate's run of the threshold crossings of layer ℓ per step: the fraction of
            (sample μ, neuron i) whose activation mask θ changed over one GD step. The vertical dashed
            line is the stable limit 2 / λ_max(K) at step 0.
            """ + Diverged(context);
        return canvas.HasData
            ? new FigureDraft("sweep_crossings.png", Title, caption, canvas)
            : context.Skip(Title, "sweep.csv has no mean_crossings_L* values", canvas);
    }

    private const string CrossingsPrefix = "mean_crossings_L";

    /// <summary>Draws one sweep.csv column of one run against its learning_rate column.</summary>
    private static void AddColumn(FigureContext context, FigureCanvas canvas, int run, string column,
        string label, int group)
    {
        SweepTable? sweep = context.Runs[run].Sweep;
        if (sweep?.Column("learning_rate") is not { } rates || sweep.Column(column) is not { } values)
        {
            return;
        }

        // Rows are drawn in order of η, so the line joins neighbouring rates.
        int[] order = [.. Enumerable.Range(0, rates.Length)
            .Where(row => rates[row] is not null)
            .OrderBy(row => rates[row])];
        (ScottPlot.Color color, ScottPlot.LinePattern pattern) = context.Style(run, group);
        canvas.AddLine([.. order.Select(row => rates[row]!.Value)], [.. order.Select(row => values[row])],
            context.Label(run, label), color, pattern);
    }

    /// <summary>
    /// Draws the stable limit of each run and, when <paramref name="threshold"/>, its e1 threshold.
    /// </summary>
    private static void AddLimits(FigureContext context, FigureCanvas canvas, bool threshold)
    {
        for (int run = 0; run < context.Runs.Count; run++)
        {
            JsonObject? summary = context.Runs[run].Summary;
            (ScottPlot.Color color, _) = context.IsComparison
                ? context.Style(run, 0)
                : (ScottPlot.Colors.Gray, ScottPlot.LinePattern.Dashed);
            if (Number(summary, "stable_limit") is { } limit)
            {
                canvas.AddReferenceLine(limit, vertical: true,
                    context.Label(run, $"stable limit η = {LogTicks.FormatValue(limit)}"), color);
            }

            if (threshold && Number(summary, "e1_failure_threshold") is { } e1Threshold)
            {
                canvas.AddReferenceLine(e1Threshold, vertical: false,
                    context.Label(run, $"e1 threshold {LogTicks.FormatValue(e1Threshold)}"), color);
            }
        }
    }

    /// <summary>A caption sentence per run with summary.json's "first_order_failure", if any.</summary>
    private static string Failures(FigureContext context) => string.Concat(context.Runs
        .Select(run => (run.Name, Text: run.Summary?["first_order_failure"] is JsonValue value
            && value.TryGetValue(out string? text) ? text : null))
        .Where(entry => entry.Text is not null)
        .Select(entry => context.IsComparison ? $" {entry.Name}: {entry.Text}." : $" Result: {entry.Text}."));

    /// <summary>A caption sentence listing the rates at which a run diverged, if any.</summary>
    private static string Diverged(FigureContext context)
    {
        var parts = new List<string>();
        foreach (RunData run in context.Runs)
        {
            double?[]? rates = run.Sweep?.Column("learning_rate");
            double?[]? diverged = run.Sweep?.Column("diverged");
            if (rates is null || diverged is null)
            {
                continue;
            }

            string[] divergedRates = [.. Enumerable.Range(0, rates.Length)
                .Where(row => diverged[row] == 1 && rates[row] is not null)
                .Select(row => LogTicks.FormatValue(rates[row]!.Value))];
            if (divergedRates.Length > 0)
            {
                string prefix = context.IsComparison ? $"{run.Name}: " : string.Empty;
                parts.Add($"{prefix}GD diverged at η = {string.Join(", ", divergedRates)}, and a diverged "
                    + "run records no e1 or crossings, so those rates have no points.");
            }
        }

        return parts.Count > 0 ? " " + string.Join(" ", parts) : string.Empty;
    }

    private static double? Number(JsonObject? json, string name) =>
        json?[name] is JsonValue value && value.TryGetValue(out double number) && double.IsFinite(number)
            ? number
            : null;
}
