using GramDynamics.Diagnostics;
using Xunit.Abstractions;

namespace GramDynamics.Tests.Diagnostics;

public class PowerLawFitTests(ITestOutputHelper output)
{
    private const double Exponent = 2.5;

    // Tolerance on α for 500 samples: the standard error is (α − 1) / sqrt(n) ≈ 0.07 on the full
    // sample and grows as the chosen tail shrinks, so ±0.25 is about 3.5 standard errors.
    private const double ExponentTolerance = 0.25;

    [Fact]
    public void Fit_ParetoSample_RecoversExponent()
    {
        double[] sample = ParetoSample(500, Exponent, minimum: 1, seed: 17);

        PowerLawFit fit = PowerLawFit.Fit(sample);
        output.WriteLine(fit.ToString());

        Assert.True(fit.IsFitted, fit.RejectionReason);
        Assert.Null(fit.RejectionReason);
        Assert.Equal(Exponent, fit.Exponent!.Value, ExponentTolerance);
        Assert.InRange(fit.TailSize, PowerLawFit.DefaultMinimumTailSize, 500);
        Assert.InRange(fit.MinimumValue!.Value, 1, double.MaxValue);
        Assert.InRange(fit.KsDistance!.Value, 0, 0.1);
        double standardError = (fit.Exponent.Value - 1) / Math.Sqrt(fit.TailSize);
        Assert.Equal(standardError, fit.ExponentStandardError!.Value, 1e-15);
        Assert.Equal(500, fit.PositiveCount);
        Assert.Equal(0, fit.DroppedCount);
        Assert.False(fit.HasOutlier);
    }

    [Fact]
    public void Fit_ParetoSampleWithOutliers_IsFlagged()
    {
        // Seed 17 gives α = 2.370 on x ≥ 1.009 (496 values, KS 0.020) for the clean sample. Three
        // values 10⁶ to 5·10⁶ times its maximum give α = 2.197 on x ≥ 1.006 (all 503, KS 0.066):
        // α leaves the ±0.25 band, and the fit flags the outliers through the p-value of its maximum.
        double[] clean = ParetoSample(500, Exponent, minimum: 1, seed: 17);
        double max = clean.Max();
        double[] sample = [.. clean, 1e6 * max, 2e6 * max, 5e6 * max];

        PowerLawFit cleanFit = PowerLawFit.Fit(clean);
        PowerLawFit fit = PowerLawFit.Fit(sample);
        output.WriteLine($"clean: {cleanFit}");
        output.WriteLine($"with outliers: {fit}");

        Assert.False(cleanFit.HasOutlier);
        Assert.True(fit.IsFitted, fit.RejectionReason);
        Assert.True(fit.HasOutlier);
        Assert.InRange(fit.LargestValuePValue!.Value, 0, PowerLawFit.OutlierPValue);
        Assert.Equal(503, fit.TailSize);
        Assert.InRange(fit.KsDistance!.Value, cleanFit.KsDistance!.Value, 0.1);
        Assert.InRange(fit.Exponent!.Value, Exponent - (2 * ExponentTolerance), cleanFit.Exponent!.Value);
    }

    [Fact]
    public void Fit_TooFewValues_IsRejected()
    {
        double[] sample = ParetoSample(19, Exponent, minimum: 1, seed: 3);

        PowerLawFit fit = PowerLawFit.Fit(sample);

        Assert.False(fit.IsFitted);
        Assert.Null(fit.Exponent);
        Assert.Null(fit.ExponentStandardError);
        Assert.Null(fit.MinimumValue);
        Assert.Null(fit.KsDistance);
        Assert.Null(fit.LargestValuePValue);
        Assert.False(fit.HasOutlier);
        Assert.Equal(0, fit.TailSize);
        Assert.Equal("only 19 values remain above 1E-10 × max = " + (1e-10 * sample.Max()).ToString("G3")
            + " (0 dropped), expected at least 20", fit.RejectionReason);
    }

    [Fact]
    public void Fit_DropsZerosNegativesAndTinyValues()
    {
        double[] pareto = ParetoSample(500, Exponent, minimum: 1, seed: 17);
        double[] sample = [.. pareto, 0, 0, -1, -1e-3, 1e-14];

        PowerLawFit fit = PowerLawFit.Fit(sample);
        PowerLawFit reference = PowerLawFit.Fit(pareto);

        Assert.Equal(5, fit.DroppedCount);
        Assert.Equal(500, fit.PositiveCount);
        Assert.Equal(reference.Exponent, fit.Exponent);
        Assert.Equal(reference.MinimumValue, fit.MinimumValue);
    }

    [Fact]
    public void Fit_ZerosLeaveTooFew_IsRejected()
    {
        double[] sample = [.. ParetoSample(15, Exponent, minimum: 1, seed: 2), .. new double[30]];

        PowerLawFit fit = PowerLawFit.Fit(sample);

        Assert.False(fit.IsFitted);
        Assert.Equal(15, fit.PositiveCount);
        Assert.Equal(30, fit.DroppedCount);
        Assert.Contains("only 15 values remain", fit.RejectionReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_EqualValues_IsRejected()
    {
        PowerLawFit fit = PowerLawFit.Fit(Enumerable.Repeat(3.0, 50).ToArray());

        Assert.False(fit.IsFitted);
        Assert.Equal("all 50 kept values are equal, so no exponent can be fitted", fit.RejectionReason);
    }

    [Fact]
    public void Fit_EqualTopValues_SkipsThatCandidate()
    {
        // x_min = 100 would leave a tail of 20 equal values, whose log sum is 0, so it is skipped
        // rather than fitted with an infinite exponent; x_min stays among 1..5.
        double[] sample = [.. Enumerable.Range(1, 5).Select(i => (double)i), .. Enumerable.Repeat(100.0, 20)];

        PowerLawFit fit = PowerLawFit.Fit(sample);

        Assert.True(fit.IsFitted);
        Assert.InRange(fit.MinimumValue!.Value, 1, 5);
        Assert.InRange(fit.TailSize, 21, 25);
        Assert.True(double.IsFinite(fit.Exponent!.Value));
    }

    [Fact]
    public void Fit_SeveralSeeds_StayWithinTolerance()
    {
        for (int seed = 1; seed <= 10; seed++)
        {
            PowerLawFit fit = PowerLawFit.Fit(ParetoSample(500, Exponent, minimum: 1, seed: seed));
            output.WriteLine($"seed {seed}: {fit}");

            Assert.Equal(Exponent, fit.Exponent!.Value, ExponentTolerance);
        }
    }

    [Fact]
    public void Fit_NoPositiveOrNonFinite_IsRejected()
    {
        PowerLawFit empty = PowerLawFit.Fit([]);
        PowerLawFit negative = PowerLawFit.Fit([-1, -2, 0]);
        PowerLawFit notFinite = PowerLawFit.Fit([1, double.NaN, 2]);

        Assert.Equal("none of the 0 values is positive", empty.RejectionReason);
        Assert.Equal("none of the 3 values is positive", negative.RejectionReason);
        Assert.Equal("value 1 is NaN, expected finite values", notFinite.RejectionReason);
        Assert.False(notFinite.IsFitted);
    }

    [Fact]
    public void Fit_InvalidOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PowerLawFit.Fit([1.0], minimumTailSize: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            PowerLawFit.Fit([1.0], minimumTailSize: 10, minimumPositiveCount: 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => PowerLawFit.Fit([1.0], relativeTolerance: 1));
    }

    // Inverse-CDF draws x = x_min (1 − u)^(−1 / (α − 1)) from a seeded generator.
    private static double[] ParetoSample(int count, double exponent, double minimum, int seed)
    {
        var random = new Random(seed);
        var sample = new double[count];
        for (int i = 0; i < count; i++)
        {
            sample[i] = minimum * Math.Pow(1 - random.NextDouble(), -1 / (exponent - 1));
        }

        return sample;
    }
}
