using System.Text.Json.Nodes;

namespace GramDynamics.Report.Reading;

/// <summary>What could be read from one run folder, and what is missing from it.</summary>
internal sealed class RunData
{
    /// <summary>Absolute path of the run folder.</summary>
    public required string Path { get; init; }

    /// <summary>
    /// Folder name, used as the run's label; a comparison prefixes parent folders to tell apart runs
    /// whose folders have the same name.
    /// </summary>
    public required string Name { get; set; }

    /// <summary>The command that wrote the folder, and so which files it should contain.</summary>
    public RunKind Kind { get; init; }

    /// <summary>config.json, or null when it is missing or invalid.</summary>
    public JsonObject? Config { get; init; }

    /// <summary>summary.json, or null when it is missing or invalid.</summary>
    public JsonObject? Summary { get; init; }

    public MetricsTable? Metrics { get; init; }

    public SpectraTable? Spectra { get; init; }

    /// <summary>sweep.csv of a learning-rate sweep; null for other folders.</summary>
    public SweepTable? Sweep { get; init; }

    /// <summary>hierarchy.csv rows; null when the run has no hierarchy.csv.</summary>
    public IReadOnlyList<HierarchyRow>? Hierarchy { get; init; }

    /// <summary>
    /// Number of hidden layers L, from config.json or else from the metrics columns; 0 if unknown.
    /// </summary>
    public int Depth { get; init; }

    /// <summary>config.json's "status", or null.</summary>
    public string? Status => Config?["status"]?.GetValue<string>();

    /// <summary>One line for each missing or unreadable part of the folder.</summary>
    public List<string> Missing { get; } = [];
}
