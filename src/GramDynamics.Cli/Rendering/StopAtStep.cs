using GramDynamics.Runs;

namespace GramDynamics.Cli.Rendering;

/// <summary>Requests a stop once training reaches a given step (the --stop-at option).</summary>
internal sealed class StopAtStep(int? step, CancellationTokenSource stop) : ITrainingObserver
{
    public void OnStarted(TrainingStart start)
    {
    }

    public void OnStep(int current, double loss)
    {
        if (current == step)
        {
            stop.Cancel();
        }
    }

    public void OnRecord(MetricsRow row)
    {
    }

    public void OnSpectrum(SpectrumRecord spectrum)
    {
    }

    public void OnCheckpoint(TrainingCheckpoint checkpoint)
    {
    }
}
