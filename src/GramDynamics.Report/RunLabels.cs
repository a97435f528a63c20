using GramDynamics.Report.Html;
using GramDynamics.Report.Reading;

namespace GramDynamics.Report;

/// <summary>
/// Legend labels for runs drawn together: the folder name plus the settings that differ, or the folder name
/// alone when that would be too long for a legend (the page's settings table shows every difference).
/// </summary>
internal static class RunLabels
{
    /// <summary>config.json entries that tell runs apart, in the order they are shown.</summary>
    public static readonly string[] Settings =
    [
        "dataset.name", "dataset.samples", "widths", "parametrization", "readout", "seed", "learning_rate",
        "steps", "precision",
    ];

    /// <summary>Longest label that still leaves the plot room beside its legend.</summary>
    public const int MaximumLength = 40;

    public static IReadOnlyList<string> Build(IReadOnlyList<RunData> runs)
    {
        bool namesDiffer = runs.Select(run => run.Name).Distinct().Count() == runs.Count;
        Dictionary<string, string>[] settings = [.. runs.Select(SettingsOf)];
        string[] differing = [.. Settings.Where(name =>
            settings.Select(each => each.GetValueOrDefault(name, "?")).Distinct().Count() > 1)];
        return [.. runs.Select((run, i) => Label(run.Name, differing, settings[i]) is var label
            && (label.Length <= MaximumLength || !namesDiffer) ? label : run.Name)];
    }

    /// <summary>The flattened config.json entries of <paramref name="run"/>.</summary>
    public static Dictionary<string, string> SettingsOf(RunData run) =>
        JsonCells.Flatten(run.Config)
            .ToDictionary(entry => entry.Name, entry => entry.Text, StringComparer.Ordinal);

    private static string Label(string name, string[] differing, Dictionary<string, string> settings)
    {
        if (differing.Length == 0)
        {
            return name;
        }

        IEnumerable<string> parts = differing.Select(setting =>
            $"{ShortName(setting)} {settings.GetValueOrDefault(setting, "?")}");
        return $"{name} ({string.Join(", ", parts)})";
    }

    private static string ShortName(string name) => name switch
    {
        "dataset.name" => "data",
        "dataset.samples" => "N",
        "learning_rate" => "η",
        _ => name,
    };
}
