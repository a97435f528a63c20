using GramDynamics.Diagnostics;

namespace GramDynamics.Tests.Diagnostics;

public class GramMetricDiagnosticsTests
{
    // Ŵ: n_{ℓ+1} = 3 rows, n_ℓ = 2 columns. Masks N = 2: θ(0) = [1, 1, 0], θ(1) = [1, 0, 1].
    private static readonly double[] s_weights = [1, 2, -1, 0.5, 3, -1];
    private static readonly ulong[] s_masks = [0b011, 0b101];

    [Fact]
    public void AveragedMetric_MatchesHandSum()
    {
        // p = [1, 0.5, 0.5]; the metric is Σ_i p_i² ŵ_iᵀ ŵ_i.
        var metric = new double[4];

        GramMetricDiagnostics.AveragedMetric(s_weights, 3, 2, s_masks, 2, metric);

        double[] expected = WeightedGram([1, 0.5, 0.5]);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], metric[i], 1e-14);
        }

        Assert.Equal(metric[1], metric[2]);
    }

    [Fact]
    public void ResidualWeightedMetric_MatchesHandSum()
    {
        // q = Θᵀ r with r = [1, −2]: q = [1 − 2, 1, −2] = [−1, 1, −2].
        var metric = new double[4];

        GramMetricDiagnostics.ResidualWeightedMetric(s_weights, 3, 2, s_masks, 2, [1, -2], metric);

        double[] expected = WeightedGram([-1, 1, -2]);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(expected[i], metric[i], 1e-14);
        }
    }

    [Fact]
    public void Metrics_DeadLayerOrZeroResiduals_AreZero()
    {
        var averaged = new double[4];
        var weighted = new double[4];

        GramMetricDiagnostics.AveragedMetric(s_weights, 3, 2, new ulong[2], 2, averaged);
        GramMetricDiagnostics.ResidualWeightedMetric(s_weights, 3, 2, s_masks, 2, [0, 0], weighted);
        GramMetricSpectrum spectrum = GramMetricDiagnostics.Spectrum(averaged, 2, topCount: 2);

        Assert.All(averaged, value => Assert.Equal(0, value));
        Assert.All(weighted, value => Assert.Equal(0, value));
        Assert.Null(spectrum.Summary.EffectiveRank);
        Assert.False(spectrum.TailFit.IsFitted);
    }

    [Fact]
    public void PairStatistics_MatchHandValues()
    {
        (int, int)[] pairs = [(0, 1), (0, 0), (1, 1)];

        GramMetricPair[] stats = GramMetricDiagnostics.PairStatistics(s_weights, 3, 2, s_masks, 2, pairs);

        // (0, 1): only neuron 0 is co-active, G = ŵ₀ᵀ ŵ₀ with ‖ŵ₀‖² = 5.
        Assert.Equal(1, stats[0].Coactive);
        Assert.Equal(5, stats[0].SpectralNorm, 1e-13);
        Assert.Equal(5, stats[0].Trace, 1e-13);

        // (0, 0): neurons 0 and 1, G = [[2, 1.5], [1.5, 4.25]].
        Assert.Equal(2, stats[1].Coactive);
        Assert.Equal(6.25, stats[1].Trace, 1e-13);
        Assert.Equal(LargestOfTwoByTwo(2, 1.5, 4.25), stats[1].SpectralNorm, 1e-13);

        // (1, 1): neurons 0 and 2, G = [[10, −1], [−1, 5]].
        Assert.Equal(2, stats[2].Coactive);
        Assert.Equal(15, stats[2].Trace, 1e-13);
        Assert.Equal(LargestOfTwoByTwo(10, -1, 5), stats[2].SpectralNorm, 1e-13);
        Assert.Equal((1, 1), (stats[2].First, stats[2].Second));
    }

    [Fact]
    public void PairStatistics_TallSelection_MatchesHand()
    {
        // All 3 neurons active on sample 0: G = Ŵᵀ Ŵ = [[11, −1.5], [−1.5, 5.25]], m = 3 > n_ℓ = 2.
        GramMetricPair[] stats = GramMetricDiagnostics.PairStatistics(s_weights, 3, 2, [0b111], 1, [(0, 0)]);

        Assert.Equal(3, stats[0].Coactive);
        Assert.Equal(16.25, stats[0].Trace, 1e-13);
        Assert.Equal(LargestOfTwoByTwo(11, -1.5, 5.25), stats[0].SpectralNorm, 1e-13);
    }

    [Fact]
    public void PairStatistics_NoCoactiveNeuron_IsZero()
    {
        GramMetricPair[] stats =
            GramMetricDiagnostics.PairStatistics(s_weights, 3, 2, [0b010, 0b100], 2, [(0, 1)]);

        Assert.Equal(new GramMetricPair(0, 1, 0, 0, 0), stats[0]);
    }

    [Fact]
    public void PairStatistics_BoundedByFullMetric()
    {
        // G(μ, ν) ≼ Ŵᵀ Ŵ, so ‖G(μ, ν)‖₂ ≤ ‖Ŵᵀ Ŵ‖₂ and tr G(μ, ν) ≤ ‖Ŵ‖_F².
        const int outputWidth = 70;
        const int inputWidth = 9;
        const int samples = 6;
        var random = new Random(4);
        double[] weights =
            [.. Enumerable.Range(0, outputWidth * inputWidth).Select(_ => random.NextDouble() - 0.5)];
        ulong[] masks = [.. Enumerable.Range(0, samples * 2).Select(w => w % 2 == 0
            ? (ulong)random.NextInt64() : (ulong)random.Next(64))];
        (int, int)[] pairs = GramMetricDiagnostics.SamplePairs(samples, 12, seed: 8);
        GramMetricPair full = GramMetricDiagnostics.PairStatistics(weights, outputWidth, inputWidth,
            [ulong.MaxValue, 0x3F], 1, [(0, 0)])[0];

        GramMetricPair[] stats = GramMetricDiagnostics.PairStatistics(weights, outputWidth, inputWidth, masks,
            samples, pairs);

        Assert.Equal(outputWidth, full.Coactive);
        Assert.Equal(weights.Sum(w => w * w), full.Trace, 1e-12);
        foreach (GramMetricPair pair in stats)
        {
            Assert.InRange(pair.SpectralNorm, 0, full.SpectralNorm * (1 + 1e-12));
            Assert.InRange(pair.Trace, 0, full.Trace * (1 + 1e-12));
            Assert.True(pair.SpectralNorm <= pair.Trace * (1 + 1e-12), $"{pair}");
        }
    }

    [Fact]
    public void PairStatistics_IndexOutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            GramMetricDiagnostics.PairStatistics(s_weights, 3, 2, s_masks, 2, [(0, 2)]));
    }

    [Fact]
    public void SamplePairs_AreSeededAndInRange()
    {
        (int First, int Second)[] first = GramMetricDiagnostics.SamplePairs(5, 50, seed: 1);
        (int First, int Second)[] second = GramMetricDiagnostics.SamplePairs(5, 50, seed: 1);

        Assert.Equal(first, second);
        Assert.All(first, pair => Assert.InRange(pair.First, 0, 4));
        Assert.All(first, pair => Assert.InRange(pair.Second, 0, 4));
    }

    [Fact]
    public void Spectrum_IsDescendingWithSummary()
    {
        var metric = new double[4];
        GramMetricDiagnostics.AveragedMetric(s_weights, 3, 2, s_masks, 2, metric);

        GramMetricSpectrum spectrum = GramMetricDiagnostics.Spectrum(metric, 2, topCount: 1);

        Assert.Equal(LargestOfTwoByTwo(metric[0], metric[1], metric[3]), spectrum.Eigenvalues[0], 1e-13);
        Assert.True(spectrum.Eigenvalues[0] >= spectrum.Eigenvalues[1]);
        Assert.Equal(spectrum.Eigenvalues[0], spectrum.Summary.LargestEigenvalue);
        Assert.NotEqual(PsdVerdict.NotPositiveSemidefinite, spectrum.Summary.Psd);
        Assert.False(spectrum.TailFit.IsFitted);
        Assert.Contains("expected at least 20", spectrum.TailFit.RejectionReason, StringComparison.Ordinal);
    }

    // Σ_i s_i² ŵ_iᵀ ŵ_i for the 3 × 2 test weights.
    private static double[] WeightedGram(double[] scales)
    {
        var gram = new double[4];
        for (int i = 0; i < 3; i++)
        {
            double weight = scales[i] * scales[i];
            for (int a = 0; a < 2; a++)
            {
                for (int b = 0; b < 2; b++)
                {
                    gram[(a * 2) + b] += weight * s_weights[(i * 2) + a] * s_weights[(i * 2) + b];
                }
            }
        }

        return gram;
    }

    private static double LargestOfTwoByTwo(double a, double b, double d) =>
        ((a + d) / 2) + Math.Sqrt((((a - d) / 2) * ((a - d) / 2)) + (b * b));
}
