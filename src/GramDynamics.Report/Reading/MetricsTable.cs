using System.Globalization;

namespace GramDynamics.Report.Reading;

/// <summary>
/// The rows of metrics.csv: a step column and named columns whose cells may be empty (undefined or
/// not computed at that step), stored as null.
/// </summary>
internal sealed class MetricsTable
{
    private readonly Dictionary<string, double?[]> _columns;

    private MetricsTable(int[] steps, Dictionary<string, double?[]> columns)
    {
        Steps = steps;
        _columns = columns;
    }

    /// <summary>Training step of each row, in file order.</summary>
    public int[] Steps { get; }

    /// <summary>Column names other than "step", in file order.</summary>
    public IReadOnlyList<string> ColumnNames => [.. _columns.Keys];

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>
    /// The cells of <paramref name="column"/>, one per row; null when the column is absent.
    /// </summary>
    public double?[]? Column(string column) => _columns.GetValueOrDefault(column);

    /// <summary>
    /// The cell of <paramref name="column"/> in the row of <paramref name="step"/>, if any.
    /// </summary>
    public double? ValueAt(string column, int step)
    {
        double?[]? cells = Column(column);
        int row = Array.IndexOf(Steps, step);
        return cells is null || row < 0 ? null : cells[row];
    }

    /// <summary>
    /// Parses metrics.csv text. Cells that are not numbers become null and rows of the wrong length are
    /// padded or cut; each such repair adds one line to <paramref name="notes"/>.
    /// </summary>
    public static MetricsTable Parse(string text, string fileName, List<string> notes)
    {
        string[] lines = text.Split('\n',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            notes.Add($"{fileName} is empty");
            return new MetricsTable([], []);
        }

        string[] header = lines[0].Split(',');
        if (header[0] != "step")
        {
            notes.Add($"{fileName}: the first column is '{header[0]}', expected 'step'; "
                + "the file was not read");
            return new MetricsTable([], []);
        }

        var steps = new List<int>();
        var cells = new List<double?[]>();
        int unreadable = 0;
        int ragged = 0;
        foreach (string line in lines.Skip(1))
        {
            string[] parts = line.Split(',');
            if (!int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out int step))
            {
                unreadable++;
                continue;
            }

            if (parts.Length != header.Length)
            {
                ragged++;
            }

            var row = new double?[header.Length - 1];
            for (int c = 1; c < header.Length && c < parts.Length; c++)
            {
                if (parts[c].Length == 0)
                {
                    continue;
                }

                if (double.TryParse(parts[c], NumberStyles.Float, CultureInfo.InvariantCulture,
                    out double value) && double.IsFinite(value))
                {
                    row[c - 1] = value;
                }
                else
                {
                    unreadable++;
                }
            }

            steps.Add(step);
            cells.Add(row);
        }

        if (unreadable > 0)
        {
            notes.Add($"{fileName}: {unreadable} cells or steps are not finite numbers and were left out");
        }

        if (ragged > 0)
        {
            notes.Add($"{fileName}: {ragged} rows do not have {header.Length} cells like the header");
        }

        var columns = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        for (int c = 1; c < header.Length; c++)
        {
            columns.TryAdd(header[c], [.. cells.Select(row => row[c - 1])]);
        }

        return new MetricsTable([.. steps], columns);
    }
}
