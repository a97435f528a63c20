using GramDynamics.Report.Figures;

namespace GramDynamics.Tests.Report;

public sealed class LogTicksTests
{
    [Theory]
    [InlineData(2.6e-16, 1.46e-15)]
    [InlineData(1.1, 1.2)]
    [InlineData(1.0, 1.0)]
    [InlineData(3e-3, 4e-3)]
    [InlineData(1e-20, 1e10)]
    [InlineData(7.0, 7.0)]
    public void LogTicks_AnyRange_LabelsBothEnds(double min, double max)
    {
        (double[] positions, string[] labels, double low, double high) =
            LogTicks.Create(Math.Log10(min), Math.Log10(max));

        Assert.Equal(positions.Length, labels.Length);
        Assert.True(low <= Math.Log10(min), $"lower limit {low} is above the data");
        Assert.True(high >= Math.Log10(max), $"upper limit {high} is below the data");
        Assert.Contains(low, positions);
        Assert.Contains(high, positions);
        Assert.True(positions.Count(p => p >= low && p <= high) >= 2, "fewer than two labelled ticks");
    }

    [Fact]
    public void LogTicks_DataAboveTick_LabelsNextTick()
    {
        (double[] positions, string[] labels, double low, double high) =
            LogTicks.Create(Math.Log10(2.6e-16), Math.Log10(1.46e-15));

        Assert.Equal("2×10⁻¹⁵", labels[Array.IndexOf(positions, high)]);
        Assert.Equal("2×10⁻¹⁶", labels[Array.IndexOf(positions, low)]);
    }
}
