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

    public bool NoReport { get; init; }

    public void Validate()
    {
        Require(Steps >= 0, $"--steps is {Steps}, expected at least 0");
        Require(RecordEvery >= 1, $"--record-every is {RecordEvery}, expected at least 1");
        Require(SpectrumEvery >= 1, $"--spectrum-every is {SpectrumEvery}, expected at least 1");
        Require(CheckpointEvery >= 1, $"--checkpoint-every is {CheckpointEvery}, expected at least 1");
        Require(Threads is null or >= 1, $"--threads is {Threads}, expected at least 1");
        Require(MemoryLimitGiB is null or > 0, $"--memory-limit is {MemoryLimitGiB}, expected a positive number of GiB");
        Require(Name is null || (Name.Length > 0 && Name.IndexOfAny(['/', '\\']) < 0 && Name is not "." and not ".."),
            $"--name is '{Name}', expected a plain folder name without '/'");
        Require(Resume is null || Output is null, "--resume continues an existing folder; it cannot be combined with --out");
    }

    /// <summary>The training options with every interval rounded up to a multiple of the record interval.</summary>
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
    };

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new UsageException(message);
        }
    }
}
