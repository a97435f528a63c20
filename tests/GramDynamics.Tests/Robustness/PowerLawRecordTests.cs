using GramDynamics.Collective;
using GramDynamics.Diagnostics;
using GramDynamics.Runs;

namespace GramDynamics.Tests.Robustness;

/// <summary>
/// The power-law fit at its minimum count and with isolated outliers, and how a run records
/// rejections and outlier flags.
/// </summary>
public class PowerLawRecordTests
{
    private const double Exponent = 2.5;
    private const double ExponentTolerance = 0.25;

    [Fact]
    public void Fit_MinimumPositiveCount_IsFitted()
    {
        double[] sample = ParetoSample(PowerLawFit.DefaultMinimumPositiveCount, seed: 3);

        PowerLawFit fit = PowerLawFit.Fit(sample);
        PowerLawFit tooFew = PowerLawFit.Fit(sample[1..]);

        Assert.True(fit.IsFitted, fit.RejectionReason);
        Assert.False(tooFew.IsFitted);
        Assert.Contains($"expected at least {PowerLawFit.DefaultMinimumPositiveCount}",
            tooFew.RejectionReason);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(10.0)]
    [InlineData(100.0)]
    [InlineData(1e6)]
    public void Fit_ThreeIsolatedOutliers_StayCloseOrAreFlagged(double factor)
    {
        for (int seed = 1; seed <= 10; seed++)
        {
            double[] clean = ParetoSample(500, seed);
            double max = clean.Max();
            double[] sample = [.. clean, factor * max, 2 * factor * max, 5 * factor * max];

            PowerLawFit fit = PowerLawFit.Fit(sample);

            Assert.True(fit.IsFitted, fit.RejectionReason);
            Assert.True(Math.Abs(fit.Exponent!.Value - Exponent) <= ExponentTolerance || fit.HasOutlier,
                $"seed {seed}, outliers {factor} × max: {fit}");
        }
    }

    [Fact]
    public void TrainingSession_RecordsOutlierColumnsAndRejections()
    {
        const int samples = 8;
        var network = Network.Initialize(3, [5, 4], Parametrization.Standard, ReadoutKind.Signed, seed: 2);
        var random = new SeededNormal(9);
        double[] inputs = [.. Enumerable.Range(0, samples * 3).Select(_ => random.Next())];
        double[] targets = [.. Enumerable.Range(0, samples).Select(mu => mu % 2 == 0 ? 1.0 : -1.0)];
        var collector = new RobustnessCases.RowCollector();

        using var session = new TrainingSession(inputs, targets, network,
            RobustnessCases.ShortRun([5, 4], 2));
        session.Run(collector, CancellationToken.None);

        foreach (MetricsRow row in collector.Rows)
        {
            string[] names = [.. row.Columns.Select(c => c.Key)];
            Assert.Contains("averaged_L0_outlier", names);
            Assert.Contains("residual_L1_outlier", names);
            Assert.Contains("psd_violation", names);
            Assert.True(row["averaged_L0_outlier"] is null or 0 or 1);
            Assert.Equal(row["averaged_L0_tail"] is null, row["averaged_L0_outlier"] is null);
        }

        // Five and four eigenvalues are fewer than the 20 a fit needs, so every fit is rejected.
        Assert.Equal(["averaged_L0", "averaged_L1", "residual_L0", "residual_L1"],
            session.FitRejections.Keys.Order());
        Assert.All(session.FitRejections.Values, reason => Assert.Contains("expected at least 20", reason));
        Assert.Equal(0.0, session.Summary["psd_violations"]);
    }

    // Inverse-CDF draws x = (1 − u)^(−1 / (α − 1)) with x_min = 1.
    private static double[] ParetoSample(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count)
            .Select(_ => Math.Pow(1 - random.NextDouble(), -1 / (Exponent - 1)))];
    }
}
