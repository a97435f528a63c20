using System.Globalization;

namespace GramDynamics.Report.Reading;

/// <summary>
/// Parses hierarchy.csv (depth, integrator, step, r_divergence, u_divergence, crossings, reads_weights,
/// step_cost_ratio), found by column name so that the order of the columns does not matter.
/// </summary>
internal static class HierarchyTable
{
    public static readonly string[] RequiredColumns = ["depth", "integrator", "step", "r_divergence"];

    public static IReadOnlyList<HierarchyRow> Parse(string text, string fileName, List<string> notes)
    {
        string[] lines = text.Split('\n',
            StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0)
        {
            notes.Add($"{fileName} is empty");
            return [];
        }

        string[] header = lines[0].Split(',');
        string[] missing = [.. RequiredColumns.Where(name => !header.Contains(name))];
        if (missing.Length > 0)
        {
            notes.Add($"{fileName}: columns {string.Join(", ", missing)} are missing; the file was not read");
            return [];
        }

        int Index(string name) => Array.IndexOf(header, name);
        int depthColumn = Index("depth");
        int integratorColumn = Index("integrator");
        int stepColumn = Index("step");
        var rows = new List<HierarchyRow>();
        int unreadable = 0;
        foreach (string line in lines.Skip(1))
        {
            string[] cells = line.Split(',');
            string Cell(string name)
            {
                int column = Index(name);
                return column >= 0 && column < cells.Length ? cells[column] : string.Empty;
            }

            if (cells.Length <= Math.Max(depthColumn, Math.Max(integratorColumn, stepColumn))
                || !int.TryParse(cells[depthColumn], NumberStyles.Integer, CultureInfo.InvariantCulture,
                    out int depth)
                || !int.TryParse(cells[stepColumn], NumberStyles.Integer, CultureInfo.InvariantCulture,
                    out int step))
            {
                unreadable++;
                continue;
            }

            rows.Add(new HierarchyRow(depth, cells[integratorColumn], step,
                ResidualDivergence: ParseNumber(Cell("r_divergence")),
                FieldDivergence: ParseNumber(Cell("u_divergence")),
                Crossings: ParseNumber(Cell("crossings")),
                ReadsWeights: ParseFlag(Cell("reads_weights")),
                StepCostRatio: ParseNumber(Cell("step_cost_ratio"))));
        }

        if (unreadable > 0)
        {
            notes.Add($"{fileName}: {unreadable} rows have no integer depth or step and were left out");
        }

        return rows;
    }

    private static double? ParseNumber(string cell) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && double.IsFinite(value) ? value : null;

    private static bool? ParseFlag(string cell) => cell.Trim().ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" => true,
        "FALSE" or "0" or "NO" => false,
        _ => null,
    };
}
