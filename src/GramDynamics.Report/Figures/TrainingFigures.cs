using GramDynamics.Report.Reading;

namespace GramDynamics.Report.Figures;

/// <summary>Figures of the training curves: loss and ‖r‖, and e1 with the threshold crossings.</summary>
internal static class TrainingFigures
{
    public const string StepLabel = "step t (GD steps)";

    public static FigureDraft? Loss(FigureContext context)
    {
        const string Title = "Loss and residual norm during GD";
        const string YLabel = "loss (y units²) and ‖r‖ (y units), log scale";
        const string Caption = """
            Loss ½ Σ_μ r_μ² (a sum over the training set, not a mean) and the residual norm
            ‖r‖ = ‖f(X) − y‖ against the GD step, on a log scale.
            """;
        var canvas = new FigureCanvas(Title, StepLabel, YLabel, logY: true);
        for (int run = 0; run < context.Runs.Count; run++)
        {
            AddColumn(context, canvas, run, "loss", "loss ½‖r‖²", group: 0);
            AddColumn(context, canvas, run, "r_norm", "‖r‖", group: 1);
        }

        return canvas.HasData
            ? new FigureDraft("loss.png", Title, Caption + Skipped(canvas), canvas)
            : context.Skip(Title, "metrics.csv has no loss or r_norm values", canvas);
    }

    public static FigureDraft? FirstOrderError(FigureContext context)
    {
        const string Title = "First-order error e1 and threshold crossings per step";
        const string Caption = """
            e1 = ‖Δr_GD + η K r‖ / ‖Δr_GD‖ measures how far one GD step is from the linearized step
            −η K r. The crossings of layer ℓ are the fraction (not the count) of pairs (sample μ, neuron
            i) whose activation mask θ changed over the step. Both are measured over the step t → t+1.
            """;
        var canvas = new FigureCanvas(Title, StepLabel,
            "e1 and crossings (fraction of (μ, i) pairs), log scale", logY: true);
        int[] layers = context.LayersWith("crossings_L");
        for (int run = 0; run < context.Runs.Count; run++)
        {
            AddColumn(context, canvas, run, "e1", "e1", group: 0);
            foreach (int layer in layers)
            {
                AddColumn(context, canvas, run, $"crossings_L{layer}",
                    $"crossings (fraction), layer {layer}", group: layer);
            }
        }

        return canvas.HasData
            ? new FigureDraft("e1_crossings.png", Title, Caption + Skipped(canvas), canvas)
            : context.Skip(Title, "metrics.csv has no e1 or crossings_L* values", canvas);
    }

    /// <summary>Draws one metrics column of one run; does nothing when the run lacks the column.</summary>
    public static void AddColumn(FigureContext context, FigureCanvas canvas, int run, string column,
        string label, int group, int variant = 0, int variants = 1, bool right = false)
    {
        RunData data = context.Runs[run];
        if (data.Metrics?.Column(column) is not { } cells)
        {
            return;
        }

        (ScottPlot.Color color, ScottPlot.LinePattern pattern) = context.Style(run, group, variant, variants);
        canvas.AddLine(FigureContext.StepsOf(data), cells, context.Label(run, label), color, pattern, right);
    }

    /// <summary>
    /// A caption sentence with the number of values that a log axis could not show, or an empty string.
    /// </summary>
    public static string Skipped(FigureCanvas canvas) => canvas.NonPositiveSkipped > 0
        ? $" {canvas.NonPositiveSkipped} values ≤ 0 cannot be shown on the log axis and are left out."
        : string.Empty;
}
