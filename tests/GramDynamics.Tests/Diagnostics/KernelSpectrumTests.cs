using GramDynamics.Diagnostics;

namespace GramDynamics.Tests.Diagnostics;

public class KernelSpectrumTests
{
    [Fact]
    public void Summarize_TwoByTwo_MatchesHandValues()
    {
        // Eigenvalues 1 and 3, tr = 4, ‖K‖_F² = 10.
        double[] kernel = [2, 1, 1, 2];

        SpectrumSummary summary = KernelSpectrum.Summarize(kernel, 2, topCount: 5);

        Assert.Equal(2, summary.Size);
        Assert.Equal(2, summary.TopEigenvalues.Length);
        Assert.Equal(3, summary.TopEigenvalues[0], 1e-14);
        Assert.Equal(1, summary.TopEigenvalues[1], 1e-14);
        Assert.Equal(3, summary.LargestEigenvalue, 1e-14);
        Assert.Equal(1, summary.SmallestEigenvalue, 1e-14);
        Assert.Equal(4, summary.Trace);
        Assert.Equal(Math.Sqrt(10), summary.FrobeniusNorm, 1e-15);
        Assert.NotNull(summary.EffectiveRank);
        Assert.Equal(1.6, summary.EffectiveRank!.Value, 1e-14);
        Assert.Equal(PsdVerdict.PositiveSemidefinite, summary.Psd);
    }

    [Fact]
    public void Summarize_SingleSample_IsDefined()
    {
        SpectrumSummary summary = KernelSpectrum.Summarize([5.0], 1, topCount: 3);

        Assert.Equal([5.0], summary.TopEigenvalues);
        Assert.Equal(5, summary.SmallestEigenvalue);
        Assert.Equal(1.0, summary.EffectiveRank);
        Assert.Equal(PsdVerdict.PositiveSemidefinite, summary.Psd);
        Assert.True(double.IsFinite(summary.PsdTolerance));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Summarize_ZeroKernel_HasUndefinedEffectiveRank(int n)
    {
        SpectrumSummary summary = KernelSpectrum.Summarize(new double[n * n], n, topCount: 2);

        Assert.Null(summary.EffectiveRank);
        Assert.Equal(0, summary.Trace);
        Assert.Equal(0, summary.FrobeniusNorm);
        Assert.Equal(0, summary.LargestEigenvalue);
        Assert.Equal(0, summary.SmallestEigenvalue);
        Assert.Equal(0, summary.PsdTolerance);
        Assert.Equal(PsdVerdict.PositiveSemidefinite, summary.Psd);
        Assert.All(summary.TopEigenvalues, value => Assert.Equal(0, value));
    }

    [Fact]
    public void FromEigenvalues_SlightlyNegative_IsWithinTolerance()
    {
        // τ = 10 ε · 2 · 1 ≈ 4.4e-15.
        SpectrumSummary summary = KernelSpectrum.FromEigenvalues([-1e-15, 1], 1, 1, topCount: 1);

        Assert.Equal(10 * 2 * Math.Pow(2, -52), summary.PsdTolerance, 1e-30);
        Assert.Equal(PsdVerdict.NegativeWithinTolerance, summary.Psd);
    }

    [Fact]
    public void FromEigenvalues_ClearlyNegative_IsNotPsd()
    {
        SpectrumSummary summary = KernelSpectrum.FromEigenvalues([-1e-3, 1], 1, 1, topCount: 1);

        Assert.Equal(PsdVerdict.NotPositiveSemidefinite, summary.Psd);
    }

    [Fact]
    public void Summarize_IndefiniteMatrix_IsNotPsd()
    {
        double[] kernel = [0, 1, 1, 0];

        SpectrumSummary summary = KernelSpectrum.Summarize(kernel, 2, topCount: 2);

        Assert.Equal(-1, summary.SmallestEigenvalue, 1e-14);
        Assert.Equal(PsdVerdict.NotPositiveSemidefinite, summary.Psd);
        Assert.Equal(0.0, summary.EffectiveRank);
    }

    [Fact]
    public void Summarize_NonFiniteKernel_Throws()
    {
        double[] kernel = [1, 0, double.NaN, 1];

        Assert.Throws<ArgumentException>(() => KernelSpectrum.Summarize(kernel, 2, topCount: 1));
    }

    [Fact]
    public void Summarize_WrongShape_Throws()
    {
        Assert.Throws<ArgumentException>(() => KernelSpectrum.Summarize(new double[3], 2, topCount: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelSpectrum.Summarize([], 0, topCount: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelSpectrum.Summarize([1.0], 1, topCount: 0));
    }
}
