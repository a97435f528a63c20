using GramDynamics.Collective;
using System.Numerics.Tensors;
using GramDynamics.Numerics;

namespace GramDynamics.Diagnostics;

/// <summary>
/// Spectrum summaries of symmetric matrices: top eigenvalues, effective rank and a PSD verdict.
/// </summary>
public static class KernelSpectrum
{
    /// <summary>
    /// Computes the full spectrum of <paramref name="kernel"/> with
    /// <see cref="SymmetricEigensolver.Eigenvalues{T}"/> and summarizes it. The full spectrum
    /// costs about as much as the top k because the tridiagonal reduction dominates either way,
    /// and it also yields λ_min.
    /// </summary>
    /// <param name="kernel">K: [N, N] row-major, symmetric with both triangles stored.</param>
    /// <param name="n">N, at least 1.</param>
    /// <param name="topCount">k, how many of the largest eigenvalues to keep; at least 1.</param>
    /// <param name="psdToleranceFactor">c in the PSD tolerance c ε N max|λ|.</param>
    public static SpectrumSummary Summarize(ReadOnlySpan<double> kernel, int n, int topCount,
        double psdToleranceFactor = SpectrumSummary.DefaultPsdToleranceFactor)
    {
        DiagnosticChecks.RequireOrder(n, nameof(n));
        DiagnosticChecks.RequireLength(kernel, (long)n * n, nameof(kernel), "N × N");
        var eigenvalues = new double[n];
        SymmetricEigensolver.Eigenvalues(kernel, n, eigenvalues);
        double trace = Trace(kernel, n);
        double frobenius = DiagnosticChecks.RequireFinite(TensorPrimitives.Norm(kernel), "‖K‖_F", kernel,
            nameof(kernel));
        return FromEigenvalues(eigenvalues, trace, frobenius, topCount, psdToleranceFactor);
    }

    /// <summary>Summarizes a spectrum that is already computed.</summary>
    /// <param name="ascendingEigenvalues">All N eigenvalues in ascending order, N at least 1.</param>
    /// <param name="trace">tr K.</param>
    /// <param name="frobeniusNorm">‖K‖_F.</param>
    /// <param name="topCount">k, how many of the largest eigenvalues to keep; at least 1.</param>
    /// <param name="psdToleranceFactor">c in the PSD tolerance c ε N max|λ|.</param>
    public static SpectrumSummary FromEigenvalues(ReadOnlySpan<double> ascendingEigenvalues, double trace,
        double frobeniusNorm, int topCount,
        double psdToleranceFactor = SpectrumSummary.DefaultPsdToleranceFactor)
    {
        int n = ascendingEigenvalues.Length;
        DiagnosticChecks.RequirePositive(n, "eigenvalue count");
        DiagnosticChecks.RequirePositive(topCount, nameof(topCount));
        DiagnosticChecks.ThrowIfNotFinite(ascendingEigenvalues, nameof(ascendingEigenvalues));
        if (!double.IsFinite(trace) || !double.IsFinite(frobeniusNorm) || frobeniusNorm < 0)
        {
            ThrowHelper.ThrowArgument(nameof(frobeniusNorm),
                $"trace is {trace} and Frobenius norm is {frobeniusNorm}, "
                + "expected finite values and a norm ≥ 0");
        }

        if (!(psdToleranceFactor >= 0) || !double.IsFinite(psdToleranceFactor))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(psdToleranceFactor),
                $"tolerance factor is {psdToleranceFactor}, expected a finite value ≥ 0");
        }

        double smallest = ascendingEigenvalues[0];
        double largest = ascendingEigenvalues[n - 1];
        var top = new double[Math.Min(topCount, n)];
        for (int k = 0; k < top.Length; k++)
        {
            top[k] = ascendingEigenvalues[n - 1 - k];
        }

        double? effectiveRank = frobeniusNorm > 0
            ? trace / frobeniusNorm * (trace / frobeniusNorm)
            : null;
        double tolerance = psdToleranceFactor * DiagnosticChecks.MachineEpsilon * n
            * Math.Max(Math.Abs(smallest), Math.Abs(largest));
        PsdVerdict verdict = smallest >= 0
            ? PsdVerdict.PositiveSemidefinite
            : smallest >= -tolerance
                ? PsdVerdict.NegativeWithinTolerance
                : PsdVerdict.NotPositiveSemidefinite;
        return new SpectrumSummary(n, top, largest, smallest, trace, frobeniusNorm, effectiveRank, tolerance,
            verdict);
    }

    /// <summary>
    /// Returns the factor c of the PSD tolerance c ε N max|λ| (ε = 2⁻⁵², the double epsilon) for a K
    /// formed in <paramref name="precision"/>. Float32 and mixed K carry float32 rounding
    /// (ε = 2⁻²³) from their Gram blocks, so their factor is the default times 2²⁹.
    /// </summary>
    public static double PsdToleranceFactor(Precision precision) => precision == Precision.Double
        ? SpectrumSummary.DefaultPsdToleranceFactor
        : SpectrumSummary.DefaultPsdToleranceFactor * (1 << 29);

    /// <summary>Returns tr K, the sum of the diagonal of an [N, N] row-major matrix.</summary>
    public static double Trace(ReadOnlySpan<double> matrix, int n)
    {
        DiagnosticChecks.RequireOrder(n, nameof(n));
        DiagnosticChecks.RequireLength(matrix, (long)n * n, nameof(matrix), "N × N");
        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            trace += matrix[(i * n) + i];
        }

        return DiagnosticChecks.RequireFinite(trace, "trace", matrix, nameof(matrix));
    }
}
