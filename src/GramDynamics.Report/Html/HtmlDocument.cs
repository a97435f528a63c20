using System.Net;
using System.Text;
using GramDynamics.Report.Figures;

namespace GramDynamics.Report.Html;

/// <summary>
/// A self-contained HTML page: inline style, no script, and images embedded as base64 data URIs, so
/// the file opens anywhere without a network or the PNG files beside it.
/// </summary>
internal sealed class HtmlDocument
{
    private const string Style = """
        body { font-family: "DejaVu Sans", Arial, sans-serif; max-width: 960px; margin: 24px auto;
               padding: 0 16px; color: #222; line-height: 1.45; }
        h1 { font-size: 1.6em; margin-bottom: 0.2em; }
        h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #ccc; }
        table { border-collapse: collapse; margin: 0.6em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top;
                 overflow-wrap: anywhere; }
        th { background: #f2f2f2; }
        td.number { text-align: right; font-variant-numeric: tabular-nums; }
        td.key { white-space: nowrap; }
        .wide { overflow-x: auto; }
        .wide table { font-size: 0.8em; }
        .wide th { overflow-wrap: normal; }
        .wide td { white-space: nowrap; }
        tr.differs td { background: #fff6d8; }
        .missing { background: #fff0f0; border: 1px solid #e0a0a0; padding: 8px 16px; }
        .complete { color: #2a7a2a; }
        figure { margin: 1.2em 0; }
        figure img { max-width: 100%; height: auto; border: 1px solid #ddd; }
        figcaption { font-size: 0.9em; color: #444; margin-top: 0.3em; }
        details { margin: 0.6em 0; }
        summary { cursor: pointer; color: #335; }
        .tables { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
        """;

    private readonly StringBuilder _body = new();
    private readonly string _title;

    public HtmlDocument(string title)
    {
        _title = title;
        Heading(1, title);
    }

    public static string Encode(string text) => WebUtility.HtmlEncode(text);

    public void Heading(int level, string text) => _body.Append($"<h{level}>{Encode(text)}</h{level}>\n");

    public void Paragraph(string text, string? cssClass = null) =>
        _body.Append(cssClass is null ? "<p>" : $"<p class=\"{cssClass}\">")
            .Append(Encode(text))
            .Append("</p>\n");

    /// <summary>A list of what is missing from the runs, or a line saying nothing is.</summary>
    public void MissingParts(IReadOnlyList<string> missing)
    {
        if (missing.Count == 0)
        {
            Paragraph("Nothing is missing: every file and column that this version writes is there.",
                "complete");
            return;
        }

        _body.Append("<div class=\"missing\"><p><strong>Missing or incomplete</strong> "
            + "(the figures show what could be read):</p>\n<ul>\n");
        foreach (string line in missing)
        {
            _body.Append("<li>").Append(Encode(line)).Append("</li>\n");
        }

        _body.Append("</ul></div>\n");
    }

    /// <summary>Starts a row of tables shown side by side; end it with <see cref="EndTables"/>.</summary>
    public void BeginTables() => _body.Append("<div class=\"tables\">\n");

    public void EndTables() => _body.Append("</div>\n");

    /// <summary>
    /// Starts a section folded away under <paramref name="summary"/> (HTML details, no script).
    /// </summary>
    public void BeginDetails(string summary) =>
        _body.Append("<details><summary>").Append(Encode(summary)).Append("</summary>\n");

    public void EndDetails() => _body.Append("</details>\n");

    /// <summary>
    /// A table with a header row. Its first column contains the row names, kept on one line, and the
    /// rows flagged in <paramref name="highlighted"/> are shaded.
    /// </summary>
    public void Table(string caption, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows,
        Func<IReadOnlyList<string>, bool>? highlighted = null) =>
        AppendTable(caption, header, rows, highlighted, firstColumnIsKey: true);

    /// <summary>
    /// A table of records, one per row with no name column, that scrolls sideways when it is wider than
    /// the page.
    /// </summary>
    public void RecordTable(string caption, IReadOnlyList<string> header,
        IEnumerable<IReadOnlyList<string>> rows)
    {
        _body.Append("<div class=\"wide\">\n");
        AppendTable(caption, header, rows, highlighted: null, firstColumnIsKey: false);
        _body.Append("</div>\n");
    }

    private void AppendTable(string caption, IReadOnlyList<string> header,
        IEnumerable<IReadOnlyList<string>> rows, Func<IReadOnlyList<string>, bool>? highlighted,
        bool firstColumnIsKey)
    {
        _body.Append("<table>\n<caption>").Append(Encode(caption)).Append("</caption>\n<tr>");
        foreach (string cell in header)
        {
            // Record tables break long snake_case headers only after an underscore.
            string text = firstColumnIsKey
                ? Encode(cell)
                : Encode(cell).Replace("_", "_<wbr>", StringComparison.Ordinal);
            _body.Append("<th>").Append(text).Append("</th>");
        }

        _body.Append("</tr>\n");
        foreach (IReadOnlyList<string> row in rows)
        {
            _body.Append(highlighted?.Invoke(row) == true ? "<tr class=\"differs\">" : "<tr>");
            for (int i = 0; i < row.Count; i++)
            {
                bool key = firstColumnIsKey && i == 0;
                bool number = !key && double.TryParse(row[i], System.Globalization.NumberStyles.Float,
                    System.Globalization.CultureInfo.InvariantCulture, out _);
                string cell = "<td>";
                if (key)
                {
                    cell = "<td class=\"key\">";
                }
                else if (number)
                {
                    cell = "<td class=\"number\">";
                }

                _body.Append(cell).Append(Encode(row[i])).Append("</td>");
            }

            _body.Append("</tr>\n");
        }

        _body.Append("</table>\n");
    }

    /// <summary>A figure with its PNG embedded as a data URI, its title and caption.</summary>
    public void Figure(Figure figure)
    {
        string anchor = Path.GetFileNameWithoutExtension(figure.FileName);
        _body.Append($"<figure id=\"{Encode(anchor)}\">\n<h2>").Append(Encode(figure.Title)).Append("</h2>\n")
            .Append("<img alt=\"").Append(Encode(figure.Title)).Append("\" src=\"data:image/png;base64,")
            .Append(Convert.ToBase64String(figure.Png))
            .Append("\">\n<figcaption>")
            .Append(Encode(figure.Caption))
            .Append(" File: ").Append(Encode(figure.FileName)).Append(".</figcaption>\n</figure>\n");
    }

    public override string ToString() =>
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        + $"<title>{Encode(_title)}</title>\n"
        + $"<style>\n{Style}\n</style>\n</head>\n<body>\n{_body}</body>\n</html>\n";
}
