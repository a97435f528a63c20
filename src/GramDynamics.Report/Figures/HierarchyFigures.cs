using System.Globalization;
using GramDynamics.Report.Reading;

namespace GramDynamics.Report.Figures;

/// <summary>
/// For runs with hierarchy.csv, one figure per depth L: how far each field integrator drifts from GD.
/// </summary>
internal static class HierarchyFigures
{
    public static IEnumerable<FigureDraft> ForEachDepth(FigureContext context)
    {
        int[] depths = [.. context.Runs
            .SelectMany(run => run.Hierarchy ?? [])
            .Select(row => row.Depth)
            .Distinct()
            .Order()];
        foreach (int depth in depths)
        {
            if (Depth(context, depth) is { } draft)
            {
                yield return draft;
            }
        }
    }

    private static FigureDraft? Depth(FigureContext context, int depth)
    {
        string title = $"Field integrators against weight-space GD, depth L = {depth}";
        var canvas = new FigureCanvas(title, TrainingFigures.StepLabel,
            "relative divergence from GD, log scale", logY: true);
        canvas.UseRightAxis("threshold crossings since the last record (count of (μ, i) pairs)");
        for (int run = 0; run < context.Runs.Count; run++)
        {
            HierarchyRow[] rows = [.. (context.Runs[run].Hierarchy ?? []).Where(row => row.Depth == depth)];
            string[] integrators = [.. rows.Select(row => row.Integrator).Distinct()];
            for (int group = 0; group < integrators.Length; group++)
            {
                HierarchyRow[] curve = [.. rows.Where(row => row.Integrator == integrators[group])
                    .OrderBy(row => row.Step)];
                double[] x = [.. curve.Select(row => (double)row.Step)];
                string name = integrators[group] + Describe(curve);
                (ScottPlot.Color color, ScottPlot.LinePattern pattern) = context.Style(run, group, 0, 3);
                canvas.AddLine(x, [.. curve.Select(row => row.ResidualDivergence)],
                    context.Label(run, $"{name}: r"), color, pattern);
                if (curve.Any(row => row.FieldDivergence is not null))
                {
                    (color, pattern) = context.Style(run, group, 1, 3);
                    canvas.AddLine(x, [.. curve.Select(row => row.FieldDivergence)],
                        context.Label(run, $"{name}: u"), color, pattern);
                }

                if (curve.Any(row => row.Crossings is not null))
                {
                    (color, pattern) = context.Style(run, group, 2, 3);
                    canvas.AddLine(x, [.. curve.Select(row => row.Crossings)],
                        context.Label(run, $"{integrators[group]}: crossings (count, right axis)"), color,
                        pattern, right: true);
                }
            }
        }

        string caption = $"""
            For a network of depth L = {depth}, each field integrator is run beside weight-space GD from
            the same start. Solid: ‖r_field − r_GD‖ / ‖r_GD‖, the relative distance of the residuals;
            dashed: the same relative distance for the activation fields u. Dotted, on the right axis:
            the integrator's threshold crossings since the previous record, a count (not a fraction) of
            the pairs (sample μ, neuron i) whose activation mask θ changed. The legend says whether the
            integrator reads the weights (the operators G, Γ and M) and what one of its steps costs
            relative to one GD step.
            """;
        // Three curves per integrator fill the plot, so the legend goes below it.
        canvas.LegendBelow = true;
        return canvas.HasData
            ? new FigureDraft($"hierarchy_depth{depth}.png", title, caption + TrainingFigures.Skipped(canvas),
                canvas)
            : context.Skip(title, "hierarchy.csv has no positive r_divergence or u_divergence values",
                canvas);
    }

    /// <summary>" (reads W, 2.1× GD cost)" from the integrator's last known flags.</summary>
    private static string Describe(HierarchyRow[] curve)
    {
        bool? reads = curve.LastOrDefault(row => row.ReadsWeights is not null)?.ReadsWeights;
        double? cost = curve.LastOrDefault(row => row.StepCostRatio is not null)?.StepCostRatio;
        var parts = new List<string>();
        if (reads is { } readsWeights)
        {
            parts.Add(readsWeights ? "reads W" : "weight-free");
        }

        if (cost is { } ratio)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{ratio:G3}× GD cost"));
        }

        return parts.Count > 0 ? $" ({string.Join(", ", parts)})" : string.Empty;
    }
}
