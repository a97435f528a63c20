using System.Numerics;
using System.Text.Json.Nodes;
using GramDynamics.Data;

namespace GramDynamics.Cli.Commands;

/// <summary>Builders of JSON values for config.json and summary.json.</summary>
internal static class JsonValues
{
    /// <summary>
    /// Copies numbers (widths, depths, multipliers, layer indices) into a JSON array, in order.
    /// </summary>
    public static JsonArray Array<T>(IEnumerable<T> values)
        where T : INumber<T>
    {
        var array = new JsonArray();
        foreach (T value in values)
        {
            array.Add(value);
        }

        return array;
    }

    /// <summary>The "dataset" entry of config.json: name, description, N and d.</summary>
    public static JsonObject Dataset(Dataset data) => new()
    {
        ["name"] = data.Name,
        ["description"] = data.Description,
        ["samples"] = data.Count,
        ["dimension"] = data.Dimension,
    };
}
