namespace GramDynamics.Runs;

/// <summary>GD diverged: the loss became non-finite or grew far past its initial value.</summary>
public sealed class TrainingDivergedException : Exception
{
    public TrainingDivergedException(int step, double rate, double topEigenvalue, double loss,
        double initialLoss)
        : base(BuildMessage(step, rate, topEigenvalue, loss, initialLoss))
    {
        Step = step;
        Rate = rate;
        StabilityRatio = rate * topEigenvalue / 2.0;
    }

    /// <summary>GD diverged because the fields after the step left the range of the precision.</summary>
    public TrainingDivergedException(int step, double rate, double topEigenvalue,
        NumericalException fieldFailure)
        : base($"training diverged at step {step} with rate {rate:G4}: {fieldFailure.Message}; "
            + "lower --lr or use --lr auto", fieldFailure)
    {
        Step = step;
        Rate = rate;
        StabilityRatio = rate * topEigenvalue / 2.0;
    }

    public TrainingDivergedException()
    {
    }

    public TrainingDivergedException(string message)
        : base(message)
    {
    }

    public TrainingDivergedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Step at which divergence was detected.</summary>
    public int Step { get; }

    /// <summary>GD rate η.</summary>
    public double Rate { get; }

    /// <summary>η over the stable limit 2 / λ_max(K) at step 0.</summary>
    public double StabilityRatio { get; }

    private static string BuildMessage(int step, double rate, double topEigenvalue, double loss,
        double initialLoss) =>
        $"training diverged at step {step}: loss {loss:G4} (initial {initialLoss:G4}) with rate {rate:G4}, "
        + $"which is {rate * topEigenvalue / 2.0:G3} times the stable limit "
        + $"2/λ_max(K) = {2.0 / topEigenvalue:G4}; "
        + "lower --lr or use --lr auto";
}
