using System.Globalization;
using GramDynamics.Report.Reading;

namespace GramDynamics.Report.Figures;

/// <summary>
/// For each layer ℓ, the eigenvalue distributions of the averaged and the residual-weighted Gram
/// metric at the last spectrum step, on log-log axes, with the power-law tail fitted by the run.
/// </summary>
internal static class GramSpectrumFigures
{
    /// <summary>
    /// Eigenvalues ≤ this fraction of the largest are left out, as the run's power-law fit does.
    /// </summary>
    private const double RelativeTolerance = 1e-10;

    private static readonly (string Kind, string Name)[] Metrics =
        [("averaged", "averaged"), ("residual", "residual-weighted")];

    public static IEnumerable<FigureDraft> ForEachLayer(FigureContext context)
    {
        int[] layers = [.. context.Runs
            .SelectMany(run => run.Spectra?.SeriesNames ?? [])
            .Where(name => name.StartsWith("averaged_metric_L", StringComparison.Ordinal)
                || name.StartsWith("residual_metric_L", StringComparison.Ordinal))
            .Select(name => int.Parse(name.AsSpan(name.LastIndexOf('L') + 1), CultureInfo.InvariantCulture))
            .Distinct()
            .Order()];
        if (layers.Length == 0)
        {
            context.Notes.Add("Gram metric spectra: not drawn, spectra.csv has no averaged_metric_L* or "
                + "residual_metric_L* series");
        }

        foreach (int layer in layers)
        {
            if (Layer(context, layer) is { } draft)
            {
                yield return draft;
            }
        }
    }

    private static FigureDraft? Layer(FigureContext context, int layer)
    {
        var steps = new SortedSet<int>();
        // G_ℓ lives on layer ℓ (n_ℓ × n_ℓ) but is built from the weights and masks of layer ℓ+1, so the
        // title names both layers.
        string title = $"Spectra of G_{layer} on layer {layer} (pulled back from layer {layer + 1})";
        const string XLabel = "eigenvalue λ (averaged: weight²; residual-weighted: weight² y²), log scale";
        const string YLabel = "fraction of eigenvalues ≥ λ (CCDF), log scale";
        var canvas = new FigureCanvas(title, XLabel, YLabel, logX: true, logY: true);
        canvas.LegendBelow = true;
        for (int run = 0; run < context.Runs.Count; run++)
        {
            for (int metric = 0; metric < Metrics.Length; metric++)
            {
                if (AddMetric(context, canvas, run, layer, metric) is { } step)
                {
                    steps.Add(step);
                }
            }
        }

        if (!canvas.HasData)
        {
            return context.Skip(title, "no positive eigenvalues", canvas);
        }

        string at = steps.Count == 1 ? $"at step {steps.Min}" : "at each run's last spectrum step";
        int next = layer + 1;
        string caption = $"""
            Eigenvalues of the two pullback Gram metrics G_ℓ on layer ℓ = {layer} (n_ℓ × n_ℓ), pulled
            back from layer {next}, {at}. The metrics are numbered ℓ = 0..L−1, so G_0 lives on the input.
            The averaged metric is Ŵ_{next}ᵀ diag(p ⊙ p) Ŵ_{next}, with p_i the mean activation of neuron
            i of layer {next}, and the residual-weighted metric is Ŵ_{next}ᵀ diag(q ⊙ q) Ŵ_{next}, with
            q = Θ_{next}ᵀ r. Each curve is the empirical complementary CDF: the k-th largest of the n
            eigenvalues is drawn at height k / n, so a power-law density p(λ) ∝ λ^(−α) shows as a straight
            line of slope 1 − α. The
            thick dashed line is the run's maximum-likelihood power-law fit of the tail λ ≥ x_min
            (Clauset, Shalizi and Newman 2009), scaled to the fraction of eigenvalues in the tail; its
            exponent α and Kolmogorov-Smirnov distance KS are in the legend. Eigenvalues ≤ 10⁻¹⁰ λ_max
            are left out, as in the fit.
            """;
        return new FigureDraft($"gram_metric_spectrum_L{layer}.png", title, caption, canvas);
    }

    /// <summary>Draws one metric's distribution and fit; returns the spectrum step drawn, or null.</summary>
    private static int? AddMetric(FigureContext context, FigureCanvas canvas, int run, int layer, int metric)
    {
        RunData data = context.Runs[run];
        (string kind, string name) = Metrics[metric];
        string series = $"{kind}_metric_L{layer}";
        if (data.Spectra is not { } spectra || spectra.Steps(series) is not { Count: > 0 } steps)
        {
            return null;
        }

        int step = steps[^1];
        double[] eigenvalues = spectra.Spectrum(series, step)!;
        double largest = eigenvalues.DefaultIfEmpty(0).Max();
        double[] kept =
            [.. eigenvalues.Where(value => value > RelativeTolerance * largest).OrderDescending()];
        if (kept.Length == 0)
        {
            return null;
        }

        double?[] fraction = [.. Enumerable.Range(1, kept.Length).Select(k => (double?)k / kept.Length)];
        (ScottPlot.Color color, ScottPlot.LinePattern pattern) = context.Style(run, metric, 0, 2);
        string stepText = context.IsComparison ? $" at step {step}" : string.Empty;
        string fit = AddFit(context, canvas, run, $"{kind}_L{layer}", step, kept, context.IsComparison);
        // A comparison has up to six entries below the plot, so each drops the counts to fit two a row.
        string label = context.IsComparison
            ? $"{name}{stepText}, {fit}"
            : $"{name} ({kept.Length} eigenvalues), {fit}";
        canvas.AddLine(kept, fraction, context.Label(run, label), color, pattern);
        return step;
    }

    /// <summary>
    /// Draws the fitted tail of one metric, dashed and without a legend entry; returns the text for the
    /// legend entry of the eigenvalues.
    /// </summary>
    private static string AddFit(FigureContext context, FigureCanvas canvas, int run, string prefix, int step,
        double[] kept, bool brief)
    {
        MetricsTable? metrics = context.Runs[run].Metrics;
        double? alpha = metrics?.ValueAt($"{prefix}_alpha", step);
        double? minimum = metrics?.ValueAt($"{prefix}_xmin", step);
        double? ks = metrics?.ValueAt($"{prefix}_ks", step);
        int metric = prefix.StartsWith("averaged", StringComparison.Ordinal) ? 0 : 1;
        (ScottPlot.Color color, ScottPlot.LinePattern pattern) = context.Style(run, metric, 1, 2);
        if (alpha is not { } exponent || minimum is not { } xmin || xmin <= 0 || xmin > kept[0])
        {
            context.Notes.Add($"{context.Runs[run].Name}: no power-law fit of {prefix} at step {step} "
                + "(the fit was rejected or not recorded)");
            return "no fit";
        }

        int tail = metrics?.ValueAt($"{prefix}_tail", step) is { } recorded
            ? (int)recorded
            : kept.Count(value => value >= xmin);
        double scale = (double)tail / kept.Length;
        double[] x = [xmin, kept[0]];
        double?[] y = [scale, scale * Math.Pow(kept[0] / xmin, 1 - exponent)];
        string ksText = ks is { } distance ? distance.ToString("F3", CultureInfo.InvariantCulture) : "n/a";
        canvas.AddLine(x, y, string.Empty, color, pattern, width: 2.5f);
        return brief
            ? string.Create(CultureInfo.InvariantCulture, $"α = {exponent:F2}, KS = {ksText}")
            : string.Create(CultureInfo.InvariantCulture,
                $"fit α = {exponent:F2}, KS = {ksText} on λ ≥ {LogTicks.FormatValue(xmin)} ({tail} values)");
    }
}
