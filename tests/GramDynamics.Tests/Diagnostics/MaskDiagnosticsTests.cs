using GramDynamics.Diagnostics;
using GramDynamics.Numerics;

namespace GramDynamics.Tests.Diagnostics;

public class MaskDiagnosticsTests
{
    [Fact]
    public void CountThresholdCrossings_CountsChangedBits()
    {
        // N = 2, n = 70: two words per row.
        ulong[] before = [0b1011, 1UL << 5, 0, 0];
        ulong[] after = [0b0011, 1UL << 5 | 1UL << 1, 1UL << 63, 0];

        ThresholdCrossingCount crossings = MaskDiagnostics.CountThresholdCrossings(before, after, 2, 70);

        Assert.Equal(3, crossings.Changed);
        Assert.Equal(140, crossings.Total);
        Assert.Equal(3.0 / 140, crossings.Fraction);
    }

    [Fact]
    public void CountThresholdCrossings_IgnoresBitsPastWidth()
    {
        // Bit 6 of the second word is neuron 70, which a width of 70 (neurons 0..69) does not have.
        ulong[] before = [0, 0];
        ulong[] after = [0, 1UL << 6];

        Assert.Equal(0, MaskDiagnostics.CountThresholdCrossings(before, after, 1, 70).Changed);
        Assert.Equal(1, MaskDiagnostics.CountThresholdCrossings(before, after, 1, 71).Changed);
    }

    [Fact]
    public void Activity_HandCase()
    {
        // N = 2, n = 3: θ(0) = [1, 1, 0], θ(1) = [1, 0, 1]; column counts [2, 1, 1].
        ulong[] masks = [0b011, 0b101];

        LayerActivity activity = MaskDiagnostics.Activity(masks, 2, 3);

        Assert.Equal(4.0 / 6, activity.ActivationRate, 1e-15);
        Assert.Equal(6.0 / 12, activity.MeanCoactivation, 1e-15);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 63)]
    [InlineData(7, 64)]
    [InlineData(4, 65)]
    [InlineData(9, 130)]
    public void Activity_MatchesCoactivationCounts(int samples, int width)
    {
        var random = new Random((samples * 1000) + width);
        var fields = new double[samples * width];
        for (int i = 0; i < fields.Length; i++)
        {
            fields[i] = random.NextDouble() - 0.4;
        }

        int words = FieldKernels.MaskWords(width);
        var masks = new ulong[samples * words];
        for (int mu = 0; mu < samples; mu++)
        {
            FieldKernels.PackMask<double>(fields.AsSpan(mu * width, width), masks.AsSpan(mu * words, words));
        }

        var counts = new double[samples * samples];
        FieldKernels.CoactivationCounts(masks, samples, words, counts);

        LayerActivity activity = MaskDiagnostics.Activity(masks, samples, width);

        double expectedRate = fields.Count(value => value > 0) / (double)fields.Length;
        double expectedCoactivation = counts.Sum() / (samples * (double)samples * width);
        Assert.Equal(expectedRate, activity.ActivationRate, 1e-15);
        Assert.Equal(expectedCoactivation, activity.MeanCoactivation, 1e-15);
    }

    [Fact]
    public void Activity_AllDeadAndAllActive()
    {
        LayerActivity dead = MaskDiagnostics.Activity(new ulong[3], 3, 10);
        LayerActivity active = MaskDiagnostics.Activity([0x3FF, 0x3FF, 0x3FF], 3, 10);

        Assert.Equal(0, dead.ActivationRate);
        Assert.Equal(0, dead.MeanCoactivation);
        Assert.Equal(1, active.ActivationRate);
        Assert.Equal(1, active.MeanCoactivation);
    }

    [Fact]
    public void Masks_WrongLength_Throw()
    {
        Assert.Throws<ArgumentException>(() => MaskDiagnostics.Activity(new ulong[3], 2, 65));
        Assert.Throws<ArgumentException>(() =>
            MaskDiagnostics.CountThresholdCrossings(new ulong[2], new ulong[1], 2, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaskDiagnostics.Activity([], 0, 10));
    }
}
