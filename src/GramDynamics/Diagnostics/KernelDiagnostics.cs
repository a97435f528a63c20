using System.Numerics.Tensors;

namespace GramDynamics.Diagnostics;

/// <summary>
/// Scalar diagnostics of the residual kernel K along a run: kernel distance and velocity,
/// kernel-target alignment, layer shares and the first-order error of one GD step. A value that is
/// undefined (a zero norm in a denominator) is returned as null, never as NaN.
/// </summary>
public static class KernelDiagnostics
{
    private const int ChunkLength = 256;

    /// <summary>
    /// Computes the kernel distance 1 − ⟨K0, K⟩_F / (‖K0‖_F ‖K‖_F), in [0, 2]. With K0 the kernel
    /// at step 0 it is the distance from initialization; with the kernel of the previous record it
    /// is the kernel velocity. It is evaluated as ½ ‖K0/‖K0‖_F − K/‖K‖_F‖_F², which equals
    /// 1 − cos but keeps its precision when the kernels are nearly parallel.
    /// </summary>
    /// <param name="reference">K0: [N, N] row-major.</param>
    /// <param name="kernel">K: [N, N] row-major.</param>
    /// <param name="n">N, at least 1.</param>
    /// <returns>The distance, or null when ‖K0‖_F = 0 or ‖K‖_F = 0.</returns>
    public static double? Distance(ReadOnlySpan<double> reference, ReadOnlySpan<double> kernel, int n)
    {
        DiagnosticChecks.RequireOrder(n, nameof(n));
        DiagnosticChecks.RequireLength(reference, (long)n * n, nameof(reference), "N × N");
        DiagnosticChecks.RequireLength(kernel, (long)n * n, nameof(kernel), "N × N");
        double referenceNorm = DiagnosticChecks.RequireFinite(TensorPrimitives.Norm(reference), "‖K0‖_F",
            reference, nameof(reference));
        double kernelNorm = DiagnosticChecks.RequireFinite(TensorPrimitives.Norm(kernel), "‖K‖_F",
            kernel, nameof(kernel));
        if (referenceNorm == 0 || kernelNorm == 0)
        {
            return null;
        }

        Span<double> difference = stackalloc double[ChunkLength];
        double sumOfSquares = 0;
        for (int start = 0; start < reference.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, reference.Length - start);
            Span<double> chunk = difference[..length];
            TensorPrimitives.Multiply(reference.Slice(start, length), 1 / referenceNorm, chunk);
            TensorPrimitives.MultiplyAdd(kernel.Slice(start, length), -1 / kernelNorm, chunk, chunk);
            sumOfSquares += TensorPrimitives.SumOfSquares<double>(chunk);
        }

        return Math.Clamp(0.5 * sumOfSquares, 0, 2);
    }

    /// <summary>Computes the kernel-target alignment yᵀ K y / (‖K‖_F ‖y‖²), in [−1, 1].</summary>
    /// <param name="kernel">K: [N, N] row-major.</param>
    /// <param name="n">N, at least 1.</param>
    /// <param name="targets">y: [N].</param>
    /// <returns>The alignment, or null when ‖K‖_F = 0 or y = 0.</returns>
    public static double? TargetAlignment(ReadOnlySpan<double> kernel, int n, ReadOnlySpan<double> targets)
    {
        DiagnosticChecks.RequireOrder(n, nameof(n));
        DiagnosticChecks.RequireLength(kernel, (long)n * n, nameof(kernel), "N × N");
        DiagnosticChecks.RequireLength(targets, n, nameof(targets), "N");
        double kernelNorm = DiagnosticChecks.RequireFinite(TensorPrimitives.Norm(kernel), "‖K‖_F",
            kernel, nameof(kernel));
        double targetNorm = DiagnosticChecks.RequireFinite(TensorPrimitives.Norm(targets), "‖y‖",
            targets, nameof(targets));
        if (kernelNorm == 0 || targetNorm == 0)
        {
            return null;
        }

        double quadraticForm = 0;
        for (int mu = 0; mu < n; mu++)
        {
            quadraticForm += targets[mu] * TensorPrimitives.Dot(kernel.Slice(mu * n, n), targets);
        }

        DiagnosticChecks.RequireFinite(quadraticForm, "yᵀ K y", kernel, nameof(kernel), targets,
            nameof(targets));
        return Math.Clamp(quadraticForm / kernelNorm / targetNorm / targetNorm, -1, 1);
    }

    /// <summary>Computes the layer shares tr K^(ℓ) / tr K with tr K = Σ_ℓ tr K^(ℓ).</summary>
    /// <param name="layerTraces">tr K^(1)..tr K^(L): [L]; see <see cref="KernelSpectrum.Trace"/>.</param>
    /// <returns>The shares [L], or null when tr K = 0.</returns>
    public static double[]? LayerShares(ReadOnlySpan<double> layerTraces)
    {
        DiagnosticChecks.RequirePositive(layerTraces.Length, "layer count");
        double total = DiagnosticChecks.RequireFinite(TensorPrimitives.Sum(layerTraces), "tr K",
            layerTraces, nameof(layerTraces));
        if (total == 0)
        {
            return null;
        }

        var shares = new double[layerTraces.Length];
        TensorPrimitives.Divide(layerTraces, total, shares);
        return shares;
    }

    /// <summary>
    /// Computes the first-order error e1 = ‖Δr_GD + η K r‖ / ‖Δr_GD‖ of one GD step: how far the
    /// residual change of the step is from the prediction −η K r of the linearized flow.
    /// </summary>
    /// <param name="residualChange">Δr_GD = r(t + 1) − r(t): [N].</param>
    /// <param name="kernel">K at step t: [N, N] row-major.</param>
    /// <param name="residuals">r(t): [N].</param>
    /// <param name="learningRate">η.</param>
    /// <param name="n">N, at least 1.</param>
    /// <returns>e1, or null when ‖Δr_GD‖ = 0.</returns>
    public static double? FirstOrderError(ReadOnlySpan<double> residualChange, ReadOnlySpan<double> kernel,
        ReadOnlySpan<double> residuals, double learningRate, int n)
    {
        DiagnosticChecks.RequireOrder(n, nameof(n));
        DiagnosticChecks.RequireLength(residualChange, n, nameof(residualChange), "N");
        DiagnosticChecks.RequireLength(kernel, (long)n * n, nameof(kernel), "N × N");
        DiagnosticChecks.RequireLength(residuals, n, nameof(residuals), "N");
        if (!double.IsFinite(learningRate))
        {
            ThrowHelper.ThrowArgument(nameof(learningRate),
                $"learning rate is {learningRate}, expected a finite value");
        }

        double changeNorm = DiagnosticChecks.RequireFinite(TensorPrimitives.Norm(residualChange), "‖Δr‖",
            residualChange, nameof(residualChange));
        if (changeNorm == 0)
        {
            return null;
        }

        double sumOfSquares = 0;
        for (int mu = 0; mu < n; mu++)
        {
            double predicted = -learningRate * TensorPrimitives.Dot(kernel.Slice(mu * n, n), residuals);
            double error = residualChange[mu] - predicted;
            sumOfSquares += error * error;
        }

        double errorNorm = DiagnosticChecks.RequireFinite(Math.Sqrt(sumOfSquares), "‖Δr + η K r‖",
            kernel, nameof(kernel), residuals, nameof(residuals));
        return errorNorm / changeNorm;
    }
}
