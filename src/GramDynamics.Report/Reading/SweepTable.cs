using System.Globalization;

namespace GramDynamics.Report.Reading;

/// <summary>
/// The rows of sweep.csv, one per learning rate: columns found by name, cells stored as numbers, with
/// true and false stored as 1 and 0 and empty or unreadable cells as null.
/// </summary>
internal sealed class SweepTable
{
    public static readonly string[] RequiredColumns = ["learning_rate", "max_e1", "mean_e1"];

    private readonly Dictionary<string, double?[]> _columns;

    private SweepTable(int rows, Dictionary<string, double?[]> columns)
    {
        RowCount = rows;
        _columns = columns;
    }

    public int RowCount { get; }

    /// <summary>Column names in file order.</summary>
    public IReadOnlyList<string> ColumnNames => [.. _columns.Keys];

    /// <summary>The cells of <paramref name="column"/>, or null when the column is absent.</summary>
    public double?[]? Column(string column) => _columns.GetValueOrDefault(column);

    /// <summary>
    /// Parses sweep.csv text; missing required columns and unreadable cells add lines to
    /// <paramref name="notes"/>.
    /// </summary>
    public static SweepTable Parse(string text, string fileName, List<string> notes)
    {
        string[] lines = text.Split('\n',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            notes.Add($"{fileName} is empty");
            return new SweepTable(0, []);
        }

        string[] header = lines[0].Split(',');
        string[] missing = [.. RequiredColumns.Where(name => !header.Contains(name))];
        if (missing.Length > 0)
        {
            notes.Add($"{fileName} has no column {string.Join(", ", missing)}");
        }

        string[][] rows = [.. lines.Skip(1).Select(line => line.Split(','))];
        int unreadable = 0;
        var columns = new Dictionary<string, double?[]>(StringComparer.Ordinal);
        for (int c = 0; c < header.Length; c++)
        {
            var cells = new double?[rows.Length];
            for (int row = 0; row < rows.Length; row++)
            {
                string cell = c < rows[row].Length ? rows[row][c] : string.Empty;
                cells[row] = ParseCell(cell);
                if (cells[row] is null && cell.Length > 0)
                {
                    unreadable++;
                }
            }

            columns.TryAdd(header[c], cells);
        }

        if (unreadable > 0)
        {
            notes.Add($"{fileName}: {unreadable} cells are not finite numbers or true/false "
                + "and were left out");
        }

        return new SweepTable(rows.Length, columns);
    }

    private static double? ParseCell(string cell) => cell.ToUpperInvariant() switch
    {
        "TRUE" => 1,
        "FALSE" => 0,
        _ => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && double.IsFinite(value) ? value : null,
    };
}
