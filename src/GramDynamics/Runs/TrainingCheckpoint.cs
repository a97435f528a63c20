namespace GramDynamics.Runs;

/// <summary>
/// Everything needed to continue a run to the same numbers as an uninterrupted one: the weights
/// after <see cref="Step"/> steps, the rate, and the kernels the distance diagnostics compare to.
/// </summary>
public sealed class TrainingCheckpoint
{
    /// <summary>Steps taken so far.</summary>
    public required int Step { get; init; }

    /// <summary>GD rate η in use.</summary>
    public required double Rate { get; init; }

    /// <summary>True when η was chosen from λ_max(K) at step 0.</summary>
    public required bool RateWasChosen { get; init; }

    /// <summary>λ_max(K) at step 0.</summary>
    public required double InitialTopEigenvalue { get; init; }

    /// <summary>Loss at step 0, the reference of the divergence test.</summary>
    public required double InitialLoss { get; init; }

    /// <summary>W_1..W_L after <see cref="Step"/> steps (copies).</summary>
    public required double[][] Weights { get; init; }

    /// <summary>K at step 0: [N, N].</summary>
    public required double[] InitialKernel { get; init; }

    /// <summary>K at the last recorded step before <see cref="Step"/>: [N, N], or null if none.</summary>
    public required double[]? PreviousKernel { get; init; }

    /// <summary>Step of <see cref="PreviousKernel"/>, or −1.</summary>
    public required int PreviousKernelStep { get; init; }
}
