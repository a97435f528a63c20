using GramDynamics.Cli.Options;
using GramDynamics.Collective;
using GramDynamics.Runs;

namespace GramDynamics.Cli.Commands;

/// <summary>The parsed options of `gramdyn run`.</summary>
internal sealed record RunSettings
{
    public required int[] Widths { get; init; }

    public required Parametrization Parametrization { get; init; }

    public required string Readout { get; init; }

    public required int Seed { get; init; }

    public required double? Rate { get; init; }

    public required int Steps { get; init; }

    public required int RecordEvery { get; init; }

    public required int SpectrumEvery { get; init; }

    public required int CheckpointEvery { get; init; }

    public required Precision Precision { get; init; }

    public int? Threads { get; init; }

    public string? Name { get; init; }

    public string? Output { get; init; }

    public string? Resume { get; init; }

    public bool Quiet { get; init; }

    public double? MemoryLimitGiB { get; init; }

    public int? StopAt { get; init; }

    public bool NoReport { get; init; }

    public bool FieldIntegrator { get; init; }

    /// <summary>Whether --steps was given on the command line (a resumed run then trains to it).</summary>
    public bool StepsGiven { get; init; }

    /// <summary>
    /// Options given on the command line that a resumed run takes from config.json instead.
    /// </summary>
    public string[] IgnoredOnResume { get; init; } = [];

    /// <summary>Rates of a sweep as fractions of the stable limit 2/λ_max(K) at step 0, or null.</summary>
    public double[]? RateSweep { get; init; }

    public void Validate()
    {
        OptionParsing.Require(Steps >= 0, $"--steps is {Steps}, expected at least 0");
        OptionParsing.Require(RecordEvery >= 1, $"--record-every is {RecordEvery}, expected at least 1");
        OptionParsing.Require(SpectrumEvery >= 1,
            $"--spectrum-every is {SpectrumEvery}, expected at least 1");
        OptionParsing.Require(CheckpointEvery >= 1,
            $"--checkpoint-every is {CheckpointEvery}, expected at least 1");
        OptionParsing.Require(Threads is null or >= 1, $"--threads is {Threads}, expected at least 1");
        OptionParsing.Require(MemoryLimitGiB is null or > 0,
            $"--memory-limit is {MemoryLimitGiB}, expected a positive number of GiB");
        OptionParsing.Require(Name is null
            || (Name.Length > 0 && Name.IndexOfAny(['/', '\\']) < 0 && Name is not "." and not ".."),
            $"--name is '{Name}', expected a plain folder name without '/'");
        OptionParsing.Require(StopAt is null or >= 1,
            $"--stop-at is {StopAt}, expected a step of at least 1");
        OptionParsing.Require(StopAt is null || Resume is not null || StopAt < Steps,
            $"--stop-at is {StopAt}, expected a step below --steps {Steps}");
        OptionParsing.Require(RateSweep is null || RateSweep.All(f => f > 0),
            "--lr-sweep fractions must be positive (fractions of the stable limit 2/λ_max)");
        OptionParsing.Require(RateSweep is null || (Resume is null && StopAt is null && Rate is null),
            "--lr-sweep sets the rates itself; it cannot be combined with --lr, --resume or --stop-at");
        OptionParsing.Require(Resume is null || Output is null,
            "--resume continues an existing folder; it cannot be combined with --out");
    }

    /// <summary>
    /// The training options with every interval rounded up to a multiple of the record interval.
    /// </summary>
    public TrainingOptions ToTrainingOptions() => new()
    {
        Widths = Widths,
        Parametrization = Parametrization,
        Seed = Seed,
        LearningRate = Rate,
        Steps = Steps,
        RecordEvery = RecordEvery,
        SpectrumEvery = RoundUp(SpectrumEvery, RecordEvery),
        CheckpointEvery = RoundUp(CheckpointEvery, RecordEvery),
        Precision = Precision,
        Threads = Threads,
        FieldIntegrator = FieldIntegrator,
    };

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;
}
