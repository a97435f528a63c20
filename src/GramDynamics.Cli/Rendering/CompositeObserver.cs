using GramDynamics.Runs;

namespace GramDynamics.Cli.Rendering;

/// <summary>Forwards training events to several observers in order (the run folder first).</summary>
internal sealed class CompositeObserver(params ITrainingObserver[] observers) : ITrainingObserver
{
    public void OnStarted(TrainingStart start)
    {
        foreach (ITrainingObserver observer in observers)
        {
            observer.OnStarted(start);
        }
    }

    public void OnStep(int step, double loss)
    {
        foreach (ITrainingObserver observer in observers)
        {
            observer.OnStep(step, loss);
        }
    }

    public void OnRecord(MetricsRow row)
    {
        foreach (ITrainingObserver observer in observers)
        {
            observer.OnRecord(row);
        }
    }

    public void OnSpectrum(SpectrumRecord spectrum)
    {
        foreach (ITrainingObserver observer in observers)
        {
            observer.OnSpectrum(spectrum);
        }
    }

    public void OnCheckpoint(TrainingCheckpoint checkpoint)
    {
        foreach (ITrainingObserver observer in observers)
        {
            observer.OnCheckpoint(checkpoint);
        }
    }
}
