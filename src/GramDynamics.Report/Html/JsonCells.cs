using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GramDynamics.Report.Html;

/// <summary>Flattens config.json and summary.json into (name, text) rows for the header tables.</summary>
internal static class JsonCells
{
    /// <summary>
    /// Entries of <paramref name="value"/>; a nested object's entries are named "outer.inner", and an
    /// array of objects gives one entry per element and key, named "outer[i].key". With
    /// <paramref name="skipObjectArrays"/>, arrays of objects are left out for <see cref="ObjectArrays"/>.
    /// </summary>
    public static IEnumerable<(string Name, string Text)> Flatten(JsonObject? value,
        bool skipObjectArrays = false, string prefix = "")
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
                foreach ((string Name, string Text) nested in Flatten(inner, skipObjectArrays, name + "."))
                {
                    yield return nested;
                }
            }
            else if (IsObjectArray(entry.Value))
            {
                if (skipObjectArrays)
                {
                    continue;
                }

                var array = (JsonArray)entry.Value!;
                for (int i = 0; i < array.Count; i++)
                {
                    foreach ((string Name, string Text) nested in Flatten((JsonObject)array[i]!, false,
                        string.Create(CultureInfo.InvariantCulture, $"{name}[{i}].")))
                    {
                        yield return nested;
                    }
                }
            }
            else
            {
                yield return (name, Format(entry.Value));
            }
        }
    }

    /// <summary>
    /// The arrays of objects in <paramref name="value"/> (at any depth of nested objects), each as a
    /// table: one row per element and one column per key, in the order the keys first appear.
    /// </summary>
    public static IEnumerable<(string Name, string[] Header, string[][] Rows)> ObjectArrays(JsonObject? value,
        string prefix = "")
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
                foreach (var nested in ObjectArrays(inner, name + "."))
                {
                    yield return nested;
                }
            }
            else if (IsObjectArray(entry.Value))
            {
                JsonObject[] elements =
                    [.. ((JsonArray)entry.Value!).Select(element => (JsonObject)element!)];
                string[] header =
                    [.. elements.SelectMany(element => element.Select(pair => pair.Key)).Distinct()];
                string[][] rows = [.. elements.Select(element => header
                    .Select(key => element.TryGetPropertyValue(key, out JsonNode? cell) ? Format(cell) : "—")
                    .ToArray())];
                yield return (name, header, rows);
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

    /// <summary>Whether <paramref name="node"/> is a non-empty array of objects only.</summary>
    private static bool IsObjectArray(JsonNode? node) =>
        node is JsonArray { Count: > 0 } array && array.All(element => element is JsonObject);

    private static string FormatNumber(double number) =>
        number == Math.Floor(number) && Math.Abs(number) < 1e15
            ? number.ToString("F0", CultureInfo.InvariantCulture)
            : number.ToString("G6", CultureInfo.InvariantCulture);
}
