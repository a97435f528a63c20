using System.Globalization;

namespace GramDynamics.Data;

/// <summary>
/// A numbers-only CSV table: comma-separated, invariant culture ('.' decimals), an optional header row,
/// and an optional label column. Gzipped files (.csv.gz) are read transparently.
/// </summary>
/// <remarks>
/// The first non-blank row is a header when any of its cells is not a number. Blank lines are skipped.
/// Cells may be wrapped in double quotes and padded with spaces. Errors name the file's line and column
/// as an editor shows them, both 1-based. Every fault raises a <see cref="DataFormatException"/>: ragged
/// rows, non-numeric or empty cells, NaN or infinite values, a header without data, an empty file, and
/// semicolon- or tab-separated files.
/// </remarks>
public sealed class CsvMatrix
{
    private CsvMatrix(double[] features, double[]? labels, int rows, int featureCount, string[]? header)
    {
        Features = features;
        Labels = labels;
        Rows = rows;
        FeatureCount = featureCount;
        Header = header;
    }

    /// <summary>The feature columns, [Rows, FeatureCount] row-major, in file order.</summary>
    public double[] Features { get; }

    /// <summary>
    /// The label column, [Rows]; null when the table was read with <see cref="LabelColumn.None"/>.
    /// </summary>
    public double[]? Labels { get; }

    /// <summary>N, the number of data rows.</summary>
    public int Rows { get; }

    /// <summary>d, the number of feature columns (the label column excluded).</summary>
    public int FeatureCount { get; }

    /// <summary>
    /// The header row's names for all columns, label included; null when the file has none.
    /// </summary>
    public string[]? Header { get; }

    /// <summary>Reads a CSV file whose last column is the label.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is malformed; the message names the line.</exception>
    public static CsvMatrix Read(string path) => Read(path, LabelColumn.Last);

    /// <summary>Reads a CSV file, or a gzipped one (detected by its magic bytes).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="DataFormatException">The file is malformed; the message names the line.</exception>
    public static CsvMatrix Read(string path, LabelColumn labelColumn)
    {
        using Stream stream = DataInput.OpenDecompressed(path);
        using var reader = new StreamReader(stream);
        return Read(reader, path, labelColumn);
    }

    /// <summary>Reads CSV text; <paramref name="inputName"/> starts every error message.</summary>
    public static CsvMatrix Read(TextReader reader, string inputName, LabelColumn labelColumn)
    {
        var features = new List<double>();
        var labels = new List<double>();
        string[]? header = null;
        int columns = 0;
        int firstLine = 0;
        int labelIndex = -1;
        int rows = 0;
        int lineNumber = 0;
        string? line;
        while ((line = ReadLine(reader, inputName)) is not null)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            RejectOtherSeparators(line, lineNumber, inputName);
            string[] cells = line.Split(',');
            for (int i = 0; i < cells.Length; i++)
            {
                cells[i] = cells[i].Trim().Trim('"').Trim();
            }

            if (firstLine == 0)
            {
                firstLine = lineNumber;
                columns = cells.Length;
                labelIndex = ResolveLabelIndex(labelColumn, columns, lineNumber, inputName);
                if (cells.Any(cell => !TryParseNumber(cell, out _)))
                {
                    header = cells;
                    continue;
                }
            }

            if (cells.Length != columns)
            {
                string reference = header is null
                    ? $"as on line {firstLine}"
                    : $"the header on line {firstLine} names {columns} columns";
                DataThrowHelper.ThrowFormat(inputName,
                    $"line {lineNumber} has {cells.Length} values, expected {columns} ({reference})");
            }

            for (int column = 0; column < columns; column++)
            {
                double value = ParseCell(cells[column], lineNumber, column, inputName);
                if (column == labelIndex)
                {
                    labels.Add(value);
                }
                else
                {
                    features.Add(value);
                }
            }

            rows++;
        }

        if (rows == 0)
        {
            DataThrowHelper.ThrowFormat(inputName, header is null
                ? "the file is empty, expected comma-separated rows of numbers"
                : $"the file has a header row (line {firstLine}) and no data rows");
        }

        int featureCount = labelIndex < 0 ? columns : columns - 1;
        return new CsvMatrix([.. features], labelIndex < 0 ? null : [.. labels], rows, featureCount, header);
    }

    private static string? ReadLine(TextReader reader, string inputName)
    {
        try
        {
            return reader.ReadLine();
        }
        catch (InvalidDataException exception)
        {
            throw new DataFormatException(inputName,
                $"the gzip stream is corrupt or truncated ({exception.Message})", exception);
        }
    }

    private static int ResolveLabelIndex(LabelColumn labelColumn, int columns, int lineNumber,
        string inputName)
    {
        if (labelColumn == LabelColumn.None)
        {
            return -1;
        }

        int index = labelColumn == LabelColumn.Last ? columns - 1 : labelColumn.Index;
        if (index >= columns)
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"label column {index} (0-based) is out of range: line {lineNumber} has {columns} columns");
        }

        if (columns < 2)
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"line {lineNumber} has 1 column, which is the label column, so no feature is left; "
                + "read the file without a label column or add feature columns");
        }

        return index;
    }

    private static void RejectOtherSeparators(string line, int lineNumber, string inputName)
    {
        if (line.Contains(';', StringComparison.Ordinal))
        {
            DataThrowHelper.ThrowFormat(inputName, line.Contains(',', StringComparison.Ordinal)
                ? $"line {lineNumber} is semicolon-separated with decimal commas, which is not supported; "
                    + "use comma separators and '.' decimals"
                : $"line {lineNumber} is semicolon-separated, which is not supported; "
                    + "use comma separators and '.' decimals");
        }

        if (line.Contains('\t', StringComparison.Ordinal) && !line.Contains(',', StringComparison.Ordinal))
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"line {lineNumber} is tab-separated, which is not supported; use comma separators");
        }
    }

    private static double ParseCell(string cell, int lineNumber, int column, string inputName)
    {
        if (cell.Length == 0)
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"line {lineNumber}, column {column + 1} is empty, expected a number");
        }

        if (!TryParseNumber(cell, out double value))
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"line {lineNumber}, column {column + 1}: '{cell}' is not a number "
                + "(expected invariant-culture numbers such as -1.5e3)");
        }

        if (!double.IsFinite(value))
        {
            DataThrowHelper.ThrowFormat(inputName,
                $"line {lineNumber}, column {column + 1} is {cell}; NaN and infinite values are not allowed");
        }

        return value;
    }

    // NaN and infinities parse here, so that a row containing them counts as data, not as a header, and
    // is then rejected with its line and column. .NET parses "NaN" and "Infinity" in any case but not
    // "inf", which NumPy and pandas write.
    private static bool TryParseNumber(string cell, out double value)
    {
        if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        string unsigned = cell.Length > 0 && cell[0] is '+' or '-' ? cell[1..] : cell;
        if (unsigned.Equals("inf", StringComparison.OrdinalIgnoreCase))
        {
            value = cell.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        return false;
    }
}
