namespace GramDynamics.Report.Figures;

/// <summary>The figure of the activation and co-activation rates of each hidden layer.</summary>
internal static class ActivityFigures
{
    public static FigureDraft? Rates(FigureContext context)
    {
        const string Title = "Activation and co-activation rates per layer";
        const string Caption = """
            Mean activation rate of layer ℓ, the mean of the mask Θ_ℓ over samples and neurons
            (solid), and mean co-activation P^(ℓ)_μν / n_ℓ, the fraction of the layer's neurons active
            on both samples of a pair, averaged over all sample pairs (μ, ν) (dashed).
            """;
        var canvas = new FigureCanvas(Title, TrainingFigures.StepLabel, "fraction of the layer's neurons");
        int[] layers =
            [.. context.LayersWith("activation_rate_L").Union(context.LayersWith("coactivation_L")).Order()];
        for (int run = 0; run < context.Runs.Count; run++)
        {
            foreach (int layer in layers)
            {
                TrainingFigures.AddColumn(context, canvas, run, $"activation_rate_L{layer}",
                    $"activation, layer {layer}", group: layer - 1, variant: 0, variants: 2);
                TrainingFigures.AddColumn(context, canvas, run, $"coactivation_L{layer}",
                    $"co-activation, layer {layer}", group: layer - 1, variant: 1, variants: 2);
            }
        }

        canvas.LegendAlignment = ScottPlot.Alignment.LowerRight;
        return canvas.HasData
            ? new FigureDraft("activation.png", Title, Caption, canvas)
            : context.Skip(Title, "metrics.csv has no activation_rate_L* or coactivation_L* values", canvas);
    }
}
