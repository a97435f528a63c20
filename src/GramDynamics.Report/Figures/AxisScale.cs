namespace GramDynamics.Report.Figures;

/// <summary>A linear or log10 axis and the range of the transformed data drawn on it.</summary>
internal sealed class AxisScale(bool isLog)
{
    public bool IsLog { get; } = isLog;

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    /// <summary>Whether <paramref name="value"/> can be drawn: finite, and positive on a log axis.</summary>
    public bool CanShow(double value) => double.IsFinite(value) && (!IsLog || value > 0);

    /// <summary>
    /// The plotted coordinate of <paramref name="value"/>, and widens the data range to it.
    /// </summary>
    public double Place(double value)
    {
        double coordinate = IsLog ? Math.Log10(value) : value;
        Min = Math.Min(Min, coordinate);
        Max = Math.Max(Max, coordinate);
        return coordinate;
    }
}
