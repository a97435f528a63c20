using System.Globalization;
using GramDynamics.Runs;

namespace GramDynamics.Cli.Rendering;

/// <summary>
/// Prints a one-line warning to standard error for each record whose K is not positive
/// semidefinite beyond rounding (λ_min &lt; −τ), up to <see cref="MaxWarnings"/> of them. The run
/// goes on: the verdict is recorded in the psd_violation column and the psd_violations summary.
/// </summary>
internal sealed class WarningObserver : ITrainingObserver
{
    /// <summary>Warnings printed before the rest are only counted.</summary>
    public const int MaxWarnings = 5;

    private int _violations;
    private bool _deathReported;
    private double? _initialDeadLayers;

    public void OnStarted(TrainingStart start)
    {
    }

    public void OnStep(int step, double loss)
    {
    }

    public void OnRecord(MetricsRow row)
    {
        ReportDeath(row);
        if (row["psd_violation"] is not 1.0)
        {
            return;
        }

        _violations++;
        if (_violations > MaxWarnings)
        {
            return;
        }

        string more = _violations == MaxWarnings
            ? "; further violations are only counted in the psd_violation column and summary.json"
            : "";
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gramdyn: warning: step {row.Step}: K is not positive semidefinite: "
            + $"λ_min = {row["lambda_min"]:G4} is below −τ = {-row["psd_tolerance"]:G4} "
            + $"(τ = c ε N max|λ|), more than rounding explains{more}"));
    }

    /// <summary>
    /// Warns once when a layer that was alive at the first record has no active neuron left.
    /// </summary>
    private void ReportDeath(MetricsRow row)
    {
        _initialDeadLayers ??= row["dead_layers"];
        if (_deathReported || !(row["dead_layers"] > _initialDeadLayers))
        {
            return;
        }

        _deathReported = true;
        string layers = string.Create(CultureInfo.InvariantCulture, $"{row["dead_layers"]} layer(s)");
        Console.Error.WriteLine($"gramdyn: warning: step {row.Step}: the network died during training: "
            + $"{layers} have no active neuron on any sample, so f = 0, K = 0 and GD cannot change the "
            + "network any more; a lower --lr avoids this");
    }

    public void OnSpectrum(SpectrumRecord spectrum)
    {
    }

    public void OnCheckpoint(TrainingCheckpoint checkpoint)
    {
    }
}
