using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GramDynamics.Report.Html;

/// <summary>Flattens config.json and summary.json into (name, text) rows for the header tables.</summary>
internal static class JsonCells
{
    /// <summary>
    /// Entries of <paramref name="value"/>; a nested object's entries are named "outer.inner".
    /// </summary>
    public static IEnumerable<(string Name, string Text)> Flatten(JsonObject? value, string prefix = "")
    {
        if (value is null)
        {
            yield break;
        }

        foreach (KeyValuePair<string, JsonNode?> entry in value)
        {
            string name = prefix + entry.Key;
            if (entry.Value is JsonObject inner)
            {
                foreach ((string Name, string Text) nested in Flatten(inner, name + "."))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return (name, Format(entry.Value));
            }
        }
    }

    /// <summary>
    /// A JSON value as a table cell: numbers with 6 significant digits, arrays comma-separated.
    /// </summary>
    public static string Format(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray array => string.Join(", ", array.Select(Format)),
        JsonValue value when value.GetValueKind() == JsonValueKind.Number =>
            FormatNumber(value.GetValue<double>()),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    private static string FormatNumber(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? number.ToString("F0", CultureInfo.InvariantCulture)
            : number.ToString("G6", CultureInfo.InvariantCulture);
}
