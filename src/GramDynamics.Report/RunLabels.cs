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

    /// <summary>
    /// Renames runs whose folders have the same name to their shortest distinct paths, such as
    /// "seed0/run" and "seed1/run", so that labels and table headers tell them apart.
    /// </summary>
    public static void Disambiguate(IReadOnlyList<RunData> runs)
    {
        string[][] parts = [.. runs.Select(run => run.Path.Split(Path.DirectorySeparatorChar,
            StringSplitOptions.RemoveEmptyEntries))];
        for (int i = 0; i < runs.Count; i++)
        {
            int[] sameName = [.. Enumerable.Range(0, runs.Count)
                .Where(j => j != i && parts[j].LastOrDefault() == parts[i].LastOrDefault())];
            if (sameName.Length == 0)
            {
                continue;
            }

            // Parent folders are added until no run of the same folder name ends in the same path.
            int count = 2;
            while (count < parts[i].Length
                && sameName.Any(j => Suffix(parts[j], count) == Suffix(parts[i], count)))
            {
                count++;
            }

            runs[i].Name = Suffix(parts[i], count);
        }
    }

    private static string Suffix(string[] parts, int count) =>
        string.Join('/', parts.Skip(Math.Max(0, parts.Length - count)));

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
