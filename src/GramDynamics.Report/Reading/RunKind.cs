namespace GramDynamics.Report.Reading;

/// <summary>The command that wrote a run folder, which decides the files the folder should contain.</summary>
internal enum RunKind
{
    /// <summary>`gramdyn run`: config.json, summary.json, metrics.csv and spectra.csv.</summary>
    Training,

    /// <summary>`gramdyn hierarchy`: config.json, summary.json and hierarchy.csv.</summary>
    Hierarchy,

    /// <summary>
    /// The parent folder of `gramdyn run --lr-sweep`: config.json, summary.json and sweep.csv, with one
    /// training run folder per rate under sweep/.
    /// </summary>
    LearningRateSweep,
}
