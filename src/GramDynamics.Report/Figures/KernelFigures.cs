using GramDynamics.Report.Reading;

namespace GramDynamics.Report.Figures;

/// <summary>Figures of the residual kernel K: layer shares, motion from step 0, and its spectrum.</summary>
internal static class KernelFigures
{
    public static FigureDraft? LayerShares(FigureContext context)
    {
        const string Title = "Layer shares of the kernel, tr K^(ℓ) / tr K";
        var canvas = new FigureCanvas(Title, TrainingFigures.StepLabel, "share of tr K (dimensionless)");
        int[] layers = context.LayersWith("share_L");
        if (context.IsComparison)
        {
            for (int run = 0; run < context.Runs.Count; run++)
            {
                foreach (int layer in layers)
                {
                    TrainingFigures.AddColumn(context, canvas, run, $"share_L{layer}", $"layer {layer}",
                        group: layer - 1);
                }
            }
        }
        else
        {
            AddStackedShares(context, canvas, layers);
        }

        canvas.LegendAlignment = ScottPlot.Alignment.LowerRight;
        string layout = context.IsComparison
            ? "one line per layer and run"
            : "stacked, so the bands add up to 1";
        return canvas.HasData
            ? new FigureDraft("layer_shares.png", Title, $"Share of each hidden layer's part K^(ℓ) = c_ℓ² "
                + $"Q^(ℓ−1) ⊙ S^(ℓ) in the trace of the residual kernel K, {layout}.", canvas)
            : context.Skip(Title, "metrics.csv has no share_L* values", canvas);
    }

    public static FigureDraft? Motion(FigureContext context)
    {
        const string Title = "Kernel motion: distance from step 0, velocity, and alignment";
        const string Caption = """
            Kernel distance 1 − ⟨K(0), K(t)⟩_F / (‖K(0)‖_F ‖K(t)‖_F) from step 0 and kernel velocity,
            the same distance between two consecutive records (left axis), and the kernel-target
            alignment yᵀKy / (‖K‖_F ‖y‖²) (right axis).
            """;
        var canvas = new FigureCanvas(Title, TrainingFigures.StepLabel,
            "1 − cosine between kernels (dimensionless)");
        canvas.UseRightAxis("kernel-target alignment yᵀKy / (‖K‖_F ‖y‖²)");
        for (int run = 0; run < context.Runs.Count; run++)
        {
            TrainingFigures.AddColumn(context, canvas, run, "kernel_distance", "distance from K(0)",
                group: 0);
            TrainingFigures.AddColumn(context, canvas, run, "kernel_velocity",
                "velocity since the last record", group: 1);
            TrainingFigures.AddColumn(context, canvas, run, "alignment", "alignment (right axis)", group: 2,
                right: true);
        }

        canvas.LegendAlignment = ScottPlot.Alignment.UpperLeft;
        return canvas.HasData
            ? new FigureDraft("kernel_motion.png", Title, Caption, canvas)
            : context.Skip(Title, "metrics.csv has no kernel_distance, kernel_velocity or alignment values",
                canvas);
    }

    public static FigureDraft? Spectrum(FigureContext context)
    {
        const string Title = "Top eigenvalues of K and its effective rank";
        const string Caption = """
            The largest eigenvalues λ_1 ≥ λ_2 ≥ … of the residual kernel K at each spectrum step (log
            scale, left axis), and the effective rank (tr K)² / ‖K‖_F² at each record (right axis).
            K = J Jᵀ, with J the gradients of f with respect to the hidden weights, so it has the units
            of f² per squared weight.
            """;
        var canvas = new FigureCanvas(Title, TrainingFigures.StepLabel,
            "eigenvalue λ_k(K) (f² per weight²), log scale", logY: true);
        canvas.UseRightAxis("effective rank (tr K)² / ‖K‖_F²");
        bool fromColumn = false;
        for (int run = 0; run < context.Runs.Count; run++)
        {
            RunData data = context.Runs[run];
            int ranks = AddTopEigenvalues(context, canvas, run, context.IsComparison ? 1 : 10);
            if (ranks == 0)
            {
                TrainingFigures.AddColumn(context, canvas, run, "lambda_max", "λ_max (metrics.csv)",
                    group: 0);
                fromColumn |= data.Metrics?.Has("lambda_max") == true;
            }

            if (context.IsComparison)
            {
                TrainingFigures.AddColumn(context, canvas, run, "effective_rank",
                    "effective rank (right axis)", group: 1, right: true);
            }
            else if (data.Metrics?.Column("effective_rank") is { } effectiveRank)
            {
                // Ten colours are taken by λ_1..λ_10, so the effective rank is drawn black and dashed.
                canvas.AddLine(FigureContext.StepsOf(data), effectiveRank, "effective rank (right axis)",
                    ScottPlot.Colors.Black, ScottPlot.LinePattern.Dashed, right: true);
            }
        }

        canvas.LegendAlignment = ScottPlot.Alignment.LowerRight;
        string source = fromColumn ? " Where spectra.csv is missing, λ_max comes from metrics.csv." : "";
        return canvas.HasData
            ? new FigureDraft("kernel_spectrum.png", Title,
                Caption + source + TrainingFigures.Skipped(canvas), canvas)
            : context.Skip(Title,
                "spectra.csv has no series K and metrics.csv has no lambda_max or effective_rank", canvas);
    }

    /// <summary>Draws λ_1..λ_count of K against the step; returns the number of ranks drawn.</summary>
    private static int AddTopEigenvalues(FigureContext context, FigureCanvas canvas, int run, int count)
    {
        SpectraTable? spectra = context.Runs[run].Spectra;
        IReadOnlyList<int> steps = spectra?.Steps("K") ?? [];
        if (spectra is null || steps.Count == 0)
        {
            return 0;
        }

        int ranks = Math.Min(count, steps.Max(step => spectra.Spectrum("K", step)!.Length));
        double[] x = [.. steps.Select(step => (double)step)];
        for (int rank = 0; rank < ranks; rank++)
        {
            double?[] values = [.. steps.Select(step => spectra.Spectrum("K", step) is { } spectrum
                && rank < spectrum.Length ? spectrum[rank] : (double?)null)];
            (ScottPlot.Color color, ScottPlot.LinePattern pattern) = context.Style(run, rank);
            string label = rank == 0 ? "λ_max = λ_1" : $"λ_{rank + 1}";
            canvas.AddLine(x, values, context.Label(run, label), color, pattern);
        }

        return ranks;
    }

    private static void AddStackedShares(FigureContext context, FigureCanvas canvas, int[] layers)
    {
        RunData run = context.Runs[0];
        if (run.Metrics is not { } metrics || layers.Length == 0)
        {
            return;
        }

        // Only rows where every layer's share is known are stacked, so each band is exact.
        int[] rows = [.. Enumerable.Range(0, metrics.Steps.Length)
            .Where(row => layers.All(layer => metrics.Column($"share_L{layer}")?[row] is not null))];
        double[] x = [.. rows.Select(row => (double)metrics.Steps[row])];
        double[] lower = new double[rows.Length];
        foreach (int layer in layers)
        {
            double?[] shares = metrics.Column($"share_L{layer}")!;
            double[] upper = [.. rows.Select((row, i) => lower[i] + shares[row]!.Value)];
            (ScottPlot.Color color, _) = context.Style(0, layer - 1);
            canvas.AddBand(x, lower, upper, $"layer {layer}", color);
            lower = upper;
        }
    }
}
