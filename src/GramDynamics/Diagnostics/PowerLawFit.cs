namespace GramDynamics.Diagnostics;

/// <summary>
/// A continuous power-law fit p(x) ∝ x^(−α) for x ≥ x_min of the tail of a sample, such as a
/// spectrum, by the method of Clauset, Shalizi and Newman ("Power-law distributions in empirical
/// data", SIAM Review 51, 2009): α by maximum likelihood, α = 1 + n / Σ ln(x_i / x_min) over the
/// n values x_i ≥ x_min, and x_min chosen among the sample values to minimize the
/// Kolmogorov-Smirnov distance between the empirical tail CDF and 1 − (x / x_min)^(1 − α).
/// </summary>
/// <remarks>
/// A rejected fit (<see cref="IsFitted"/> false) has a <see cref="RejectionReason"/> and null
/// exponent, x_min and KS distance, so no infinity or NaN comes out of a degenerate sample. The fit
/// gives no goodness-of-fit p-value: the bootstrap of the paper is not run, so a small KS distance
/// is evidence for the power law, not a test of it.
/// </remarks>
/// <param name="IsFitted">Whether an exponent was fitted.</param>
/// <param name="RejectionReason">Why no exponent was fitted; null for a fit.</param>
/// <param name="Exponent">α, greater than 1.</param>
/// <param name="ExponentStandardError">(α − 1) / sqrt(n), the asymptotic standard error of α.</param>
/// <param name="MinimumValue">x_min, the lower end of the fitted tail.</param>
/// <param name="TailSize">n, the number of values ≥ x_min; 0 when rejected.</param>
/// <param name="KsDistance">Kolmogorov-Smirnov distance of the fit on the tail, in [0, 1].</param>
/// <param name="LargestValuePValue">
/// Probability under the fitted law that the largest of n tail values is at least the observed
/// maximum x_max: 1 − (1 − (x_max / x_min)^(1 − α))ⁿ. A tiny value flags outliers above the tail.
/// </param>
/// <param name="PositiveCount">Values kept because they are above the drop tolerance.</param>
/// <param name="DroppedCount">Values dropped as ≤ tolerance × max (zeros and negatives included).</param>
public sealed record PowerLawFit(bool IsFitted, string? RejectionReason, double? Exponent,
    double? ExponentStandardError, double? MinimumValue, int TailSize, double? KsDistance,
    double? LargestValuePValue, int PositiveCount, int DroppedCount)
{
    /// <summary>
    /// <see cref="HasOutlier"/> is set below this p-value of the maximum. Outliers pull α down
    /// and x_min toward the bulk, so a flagged fit's exponent is biased low.
    /// </summary>
    public const double OutlierPValue = 1e-3;

    /// <summary>Smallest tail the fit accepts.</summary>
    public const int DefaultMinimumTailSize = 10;

    /// <summary>Smallest number of kept values the fit accepts.</summary>
    public const int DefaultMinimumPositiveCount = 20;

    /// <summary>
    /// Values ≤ this fraction of the maximum are dropped before any logarithm. Eigenvalues of an
    /// N × N matrix carry an absolute rounding error of about ε N λ_max, so smaller ones are noise
    /// rather than a tail (1e-10 covers N up to about 10⁵, an estimate from ε N).
    /// </summary>
    public const double DefaultRelativeTolerance = 1e-10;

    /// <summary>Fits a power law to the tail of <paramref name="values"/>.</summary>
    /// <param name="values">The sample, in any order; it is not modified.</param>
    /// <param name="minimumTailSize">Smallest tail a candidate x_min may leave, at least 2.</param>
    /// <param name="minimumPositiveCount">Fewest kept values for a fit, at least minimumTailSize.</param>
    /// <param name="relativeTolerance">Drop threshold as a fraction of the maximum, in [0, 1).</param>
    public static PowerLawFit Fit(ReadOnlySpan<double> values, int minimumTailSize = DefaultMinimumTailSize,
        int minimumPositiveCount = DefaultMinimumPositiveCount,
        double relativeTolerance = DefaultRelativeTolerance)
    {
        if (minimumTailSize < 2)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(minimumTailSize),
                $"minimum tail size is {minimumTailSize}, expected at least 2");
        }

        if (minimumPositiveCount < minimumTailSize)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(minimumPositiveCount),
                $"minimum positive count is {minimumPositiveCount}, "
                + $"expected at least the minimum tail size {minimumTailSize}");
        }

        if (!(relativeTolerance >= 0 && relativeTolerance < 1))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(relativeTolerance),
                $"relative tolerance is {relativeTolerance}, expected a value in [0, 1)");
        }

        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                return Reject($"value {i} is {values[i]}, expected finite values", 0, values.Length);
            }
        }

        double max = values.IsEmpty ? 0 : System.Numerics.Tensors.TensorPrimitives.Max(values);
        if (!(max > 0))
        {
            return Reject($"none of the {values.Length} values is positive", 0, values.Length);
        }

        double threshold = relativeTolerance * max;
        var aboveTolerance = new List<double>(values.Length);
        foreach (double value in values)
        {
            if (value > threshold)
            {
                aboveTolerance.Add(value);
            }
        }

        int dropped = values.Length - aboveTolerance.Count;
        if (aboveTolerance.Count < minimumPositiveCount)
        {
            string reason = $"only {aboveTolerance.Count} values remain above {relativeTolerance:G3} × max = "
                + $"{threshold:G3} ({dropped} dropped), expected at least {minimumPositiveCount}";
            return Reject(reason, aboveTolerance.Count, dropped);
        }

        double[] logs = new double[aboveTolerance.Count];
        for (int i = 0; i < logs.Length; i++)
        {
            logs[i] = Math.Log(aboveTolerance[i]);
        }

        Array.Sort(logs);
        if (logs[0] == logs[^1])
        {
            return Reject($"all {aboveTolerance.Count} kept values are equal, so no exponent can be fitted",
                aboveTolerance.Count, dropped);
        }

        return FitSortedLogs(logs, minimumTailSize, dropped);
    }

    /// <summary>
    /// Whether the largest value is implausibly large for the fitted tail
    /// (<see cref="LargestValuePValue"/> below <see cref="OutlierPValue"/>).
    /// </summary>
    public bool HasOutlier => LargestValuePValue < OutlierPValue;

    /// <summary>A one-line account of the fit or of its rejection.</summary>
    public override string ToString() => IsFitted
        ? $"power law α = {Exponent:F3} ± {ExponentStandardError:F3} for x ≥ {MinimumValue:G4} "
            + $"({TailSize} of {PositiveCount} values, KS distance {KsDistance:F3}, "
            + $"p-value of the maximum {LargestValuePValue:G3}{(HasOutlier ? ", outlier flagged" : "")})"
        : $"power law not fitted: {RejectionReason}";

    // Scans every distinct value as x_min, in ascending order, while the tail has at least
    // minimumTailSize values. A tie in KS distance keeps the smaller x_min and so the larger tail.
    private static PowerLawFit FitSortedLogs(double[] logs, int minimumTailSize, int dropped)
    {
        int m = logs.Length;
        double bestDistance = double.PositiveInfinity;
        double bestExponent = 0;
        int bestStart = -1;
        for (int start = 0; m - start >= minimumTailSize; start++)
        {
            double logMin = logs[start];
            if (start > 0 && logs[start - 1] == logMin)
            {
                continue;
            }

            int tail = m - start;
            double logSum = 0;
            for (int i = start; i < m; i++)
            {
                logSum += logs[i] - logMin;
            }

            if (logSum <= 0)
            {
                continue;
            }

            double exponent = 1 + (tail / logSum);
            double distance = ComputeKsDistance(logs, start, exponent);
            if (distance < bestDistance)
            {
                bestDistance = distance;
                bestExponent = exponent;
                bestStart = start;
            }
        }

        // x_min = the smallest value always qualifies: its tail has m ≥ minimumPositiveCount ≥
        // minimumTailSize values, and they are not all equal, which the caller has checked.
        System.Diagnostics.Debug.Assert(bestStart >= 0, "the smallest value is always a candidate");

        int tailSize = m - bestStart;

        // P(max ≥ x_max) = 1 − (1 − t)ⁿ with t = (x_max / x_min)^(1 − α), the survival function at x_max.
        double survival = Math.Exp((1 - bestExponent) * (logs[m - 1] - logs[bestStart]));
        double maximumPValue = -double.ExpM1(tailSize * double.LogP1(-survival));
        return new PowerLawFit(true, null, bestExponent, (bestExponent - 1) / Math.Sqrt(tailSize),
            Math.Exp(logs[bestStart]), tailSize, bestDistance, maximumPValue, m, dropped);
    }

    // D = max over the tail of |S(x) − P(x)| with P(x) = 1 − (x / x_min)^(1 − α). The empirical CDF S
    // jumps at each value, so both its values just below (i / n) and at (i + 1) / n are compared.
    private static double ComputeKsDistance(double[] logs, int start, double exponent)
    {
        int tail = logs.Length - start;
        double logMin = logs[start];
        double distance = 0;
        for (int i = 0; i < tail; i++)
        {
            double fitted = -double.ExpM1((1 - exponent) * (logs[start + i] - logMin));
            double below = Math.Abs(fitted - ((double)i / tail));
            double at = Math.Abs(fitted - ((double)(i + 1) / tail));
            distance = Math.Max(distance, Math.Max(below, at));
        }

        return distance;
    }

    private static PowerLawFit Reject(string reason, int positiveCount, int dropped) =>
        new(false, reason, null, null, null, 0, null, null, positiveCount, dropped);
}
