using GramDynamics.Report.Reading;
using ScottPlot;

namespace GramDynamics.Report.Figures;

/// <summary>
/// The runs drawn in one set of figures and how their curves are distinguished. With one run, colour
/// marks the series (a layer, a quantity) and the line pattern a variant of it. With several runs,
/// colour marks the run and the pattern marks the series.
/// </summary>
internal sealed class FigureContext(IReadOnlyList<RunData> runs, IReadOnlyList<string> runLabels)
{
    private static readonly LinePattern[] Patterns =
        [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    private static readonly IPalette Palette = new ScottPlot.Palettes.Category10();

    public IReadOnlyList<RunData> Runs { get; } = runs;

    public bool IsComparison => Runs.Count > 1;

    /// <summary>Notes on the figures that were not drawn, each with the reason.</summary>
    public List<string> Notes { get; } = [];

    /// <summary>
    /// Colour and pattern of series <paramref name="group"/>, variant <paramref name="variant"/>.
    /// </summary>
    public (Color Color, LinePattern Pattern) Style(int run, int group, int variant = 0, int variants = 1)
    {
        if (!IsComparison)
        {
            return (Palette.GetColor(group), Patterns[variant % Patterns.Length]);
        }

        return (Palette.GetColor(run), Patterns[(group * variants + variant) % Patterns.Length]);
    }

    /// <summary>The legend text of a series, prefixed with the run's label in a comparison.</summary>
    public string Label(int run, string series) => IsComparison ? $"{runLabels[run]}: {series}" : series;

    /// <summary>Steps of the metrics rows of <paramref name="run"/>, as x coordinates.</summary>
    public static double[] StepsOf(RunData run) =>
        [.. (run.Metrics?.Steps ?? []).Select(step => (double)step)];

    /// <summary>Per-layer column indices ℓ found for "{prefix}{ℓ}" in any run, ascending.</summary>
    public int[] LayersWith(string prefix) =>
    [
        .. Runs.SelectMany(run => run.Metrics?.ColumnNames ?? [])
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(name => int.TryParse(name.AsSpan(prefix.Length), out int layer) ? layer : -1)
            .Where(layer => layer >= 0)
            .Distinct()
            .Order(),
    ];

    /// <summary>Records that a figure was not drawn; returns null so a builder can end with it.</summary>
    public FigureDraft? Skip(string title, string reason, FigureCanvas canvas)
    {
        canvas.Dispose();
        Notes.Add($"{title}: not drawn, {reason}");
        return null;
    }
}
