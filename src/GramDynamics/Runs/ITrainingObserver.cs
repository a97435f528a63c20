namespace GramDynamics.Runs;

/// <summary>
/// Receives the progress of a training run; faces render it, run folders persist it. The library
/// itself never prints.
/// </summary>
public interface ITrainingObserver
{
    /// <summary>Called once before the first step, with the rate in use and how it was chosen.</summary>
    void OnStarted(TrainingStart start);

    /// <summary>Called after every GD step with the loss at the new weights.</summary>
    void OnStep(int step, double loss);

    /// <summary>Called for every metrics row (every RecordEvery steps and at the last step).</summary>
    void OnRecord(MetricsRow row);

    /// <summary>Called for every spectrum (every SpectrumEvery steps and at the last step).</summary>
    void OnSpectrum(SpectrumRecord spectrum);

    /// <summary>
    /// Called when a checkpoint of the state after <see cref="TrainingCheckpoint.Step"/> steps is due.
    /// </summary>
    void OnCheckpoint(TrainingCheckpoint checkpoint);
}

/// <summary>The rate and spectrum of a run, reported before its first step.</summary>
/// <param name="Rate">GD rate η in use.</param>
/// <param name="RateWasChosen">True when η was picked from λ_max(K) at step 0.</param>
/// <param name="TopEigenvalue">λ_max(K) at the first step of this session.</param>
/// <param name="StableLimit">2 / λ_max(K) at step 0, the linear stability limit of GD.</param>
/// <param name="FirstStep">Step the session starts at (0, or the checkpoint's step on resume).</param>
public sealed record TrainingStart(double Rate, bool RateWasChosen, double TopEigenvalue, double StableLimit,
    int FirstStep);

/// <summary>One row of metrics.csv: ordered named columns; a null value is undefined at that step.</summary>
public sealed class MetricsRow(int step)
{
    private readonly List<KeyValuePair<string, double?>> _columns = [];

    public int Step { get; } = step;

    public IReadOnlyList<KeyValuePair<string, double?>> Columns => _columns;

    public void Add(string name, double? value) => _columns.Add(new(name, value));

    public double? this[string name] => _columns.FirstOrDefault(c => c.Key == name).Value;
}

/// <summary>Eigenvalues recorded at one step: K's top ones and, per layer, the Gram metric spectra.</summary>
/// <param name="Step">GD step.</param>
/// <param name="Series">Named spectra, each sorted in descending order.</param>
public sealed record SpectrumRecord(int Step, IReadOnlyList<KeyValuePair<string, double[]>> Series);
