using System.Globalization;

namespace GramDynamics.Report.Reading;

/// <summary>
/// The eigenvalues of spectra.csv (long format: step, series, rank, eigenvalue), grouped by series
/// and step. A spectrum's eigenvalues are ordered by rank, largest first.
/// </summary>
internal sealed class SpectraTable
{
    private readonly Dictionary<string, SortedDictionary<int, double[]>> _series;

    private SpectraTable(Dictionary<string, SortedDictionary<int, double[]>> series)
    {
        _series = series;
    }

    /// <summary>Series names: "K", "averaged_metric_L{ℓ}", "residual_metric_L{ℓ}".</summary>
    public IReadOnlyCollection<string> SeriesNames => _series.Keys;

    /// <summary>Steps at which <paramref name="series"/> was recorded, ascending.</summary>
    public IReadOnlyList<int> Steps(string series) =>
        _series.TryGetValue(series, out SortedDictionary<int, double[]>? bySteps) ? [.. bySteps.Keys] : [];

    /// <summary>The eigenvalues of <paramref name="series"/> at <paramref name="step"/>, by rank.</summary>
    public double[]? Spectrum(string series, int step) =>
        _series.TryGetValue(series, out SortedDictionary<int, double[]>? bySteps)
            ? bySteps.GetValueOrDefault(step)
            : null;

    /// <summary>
    /// Parses spectra.csv text; unreadable lines are skipped and counted in <paramref name="notes"/>.
    /// </summary>
    public static SpectraTable Parse(string text, string fileName, List<string> notes)
    {
        var ranked = new Dictionary<string, SortedDictionary<int, SortedDictionary<int, double>>>(
            StringComparer.Ordinal);
        string[] lines = text.Split('\n',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        int unreadable = 0;
        foreach (string line in lines.Skip(1))
        {
            string[] parts = line.Split(',');
            if (parts.Length != 4
                || !int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int step)
                || !int.TryParse(parts[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int rank)
                || !double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture,
                    out double value)
                || !double.IsFinite(value))
            {
                unreadable++;
                continue;
            }

            if (!ranked.TryGetValue(parts[1],
                out SortedDictionary<int, SortedDictionary<int, double>>? bySteps))
            {
                bySteps = [];
                ranked[parts[1]] = bySteps;
            }

            if (!bySteps.TryGetValue(step, out SortedDictionary<int, double>? byRank))
            {
                byRank = [];
                bySteps[step] = byRank;
            }

            byRank[rank] = value;
        }

        if (lines.Length > 0 && lines[0] != "step,series,rank,eigenvalue")
        {
            notes.Add($"{fileName}: the header is '{lines[0]}', expected 'step,series,rank,eigenvalue'");
        }

        if (unreadable > 0)
        {
            notes.Add($"{fileName}: {unreadable} lines are not 'step,series,rank,eigenvalue' "
                + "and were left out");
        }

        var series = ranked.ToDictionary(
            pair => pair.Key,
            pair => new SortedDictionary<int, double[]>(pair.Value.ToDictionary(
                byStep => byStep.Key, byStep => byStep.Value.Values.ToArray())),
            StringComparer.Ordinal);
        return new SpectraTable(series);
    }
}
