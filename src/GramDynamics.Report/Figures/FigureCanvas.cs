using ScottPlot;

namespace GramDynamics.Report.Figures;

/// <summary>
/// One ScottPlot figure with optional log10 axes and a second y axis on the right. Curves with gaps
/// (empty cells, or values ≤ 0 on a log axis) are drawn as separate segments, so no value is invented.
/// </summary>
internal sealed class FigureCanvas : IDisposable
{
    private const string FontName = "DejaVu Sans";
    private const int MaximumInsideLegendItems = 4;

    private readonly Plot _plot = new();
    private readonly AxisScale _x;
    private readonly AxisScale _left;
    private AxisScale? _right;

    public FigureCanvas(string title, string xLabel, string yLabel, bool logX = false, bool logY = false)
    {
        _x = new AxisScale(logX);
        _left = new AxisScale(logY);
        _plot.Font.Set(FontName);
        _plot.Title(title, 17);
        _plot.XLabel(xLabel, 14);
        _plot.YLabel(yLabel, 14);
        _plot.Legend.FontName = FontName;
        _plot.Legend.FontSize = 12;
    }

    /// <summary>Whether any point was drawn.</summary>
    public bool HasData { get; private set; }

    /// <summary>Number of values left out because they were ≤ 0 on a log axis.</summary>
    public int NonPositiveSkipped { get; private set; }

    /// <summary>Where the legend sits inside the data area.</summary>
    public Alignment LegendAlignment { get; set; } = Alignment.UpperRight;

    /// <summary>Whether the legend goes below the plot, for curves that fill every corner.</summary>
    public bool LegendBelow { get; set; }

    /// <summary>Adds a y axis on the right, for curves drawn with <c>right: true</c>.</summary>
    public void UseRightAxis(string label, bool log = false)
    {
        _right = new AxisScale(log);
        _plot.Axes.Right.Label.Text = label;
        _plot.Axes.Right.Label.FontSize = 14;
        _plot.Axes.Right.Label.FontName = FontName;
    }

    /// <summary>Draws y against x; null or undrawable values break the line.</summary>
    public void AddLine(IReadOnlyList<double> x, IReadOnlyList<double?> y, string label, Color color,
        LinePattern pattern, bool right = false, float width = 1.8f)
    {
        AxisScale yScale = right ? _right ?? throw new InvalidOperationException("no right axis") : _left;
        var segmentX = new List<double>();
        var segmentY = new List<double>();
        bool labelled = false;
        bool showMarkers = x.Count <= 60;
        void Flush()
        {
            if (segmentX.Count == 0)
            {
                return;
            }

            var scatter = _plot.Add.Scatter(segmentX.ToArray(), segmentY.ToArray(), color);
            scatter.LinePattern = pattern;
            scatter.LineWidth = width;
            // A lone point has no line, so it gets a larger marker to stay visible.
            if (segmentX.Count == 1)
            {
                scatter.MarkerSize = 6;
            }
            else
            {
                scatter.MarkerSize = showMarkers ? 3 : 0;
            }
            if (!labelled)
            {
                scatter.LegendText = label;
                labelled = true;
            }

            if (right)
            {
                scatter.Axes.YAxis = _plot.Axes.Right;
            }

            HasData = true;
            segmentX.Clear();
            segmentY.Clear();
        }

        for (int i = 0; i < x.Count && i < y.Count; i++)
        {
            if (y[i] is not { } value || !double.IsFinite(value) || !_x.CanShow(x[i]))
            {
                Flush();
                continue;
            }

            if (!yScale.CanShow(value))
            {
                NonPositiveSkipped++;
                Flush();
                continue;
            }

            segmentX.Add(_x.Place(x[i]));
            segmentY.Add(yScale.Place(value));
        }

        Flush();
    }

    /// <summary>
    /// Draws a dashed reference line across the plot at x = <paramref name="value"/> when
    /// <paramref name="vertical"/>, else at y = value on the left axis; a value the axis cannot show is
    /// left out.
    /// </summary>
    public void AddReferenceLine(double value, bool vertical, string label, Color color)
    {
        AxisScale scale = vertical ? _x : _left;
        if (!scale.CanShow(value))
        {
            return;
        }

        double coordinate = scale.Place(value);
        ScottPlot.Plottables.AxisLine line = vertical
            ? _plot.Add.VerticalLine(coordinate)
            : _plot.Add.HorizontalLine(coordinate);
        line.Color = color;
        line.LinePattern = LinePattern.Dashed;
        line.LineWidth = 1.2f;
        line.LegendText = label;
    }

    /// <summary>
    /// Fills the band between <paramref name="lower"/> and <paramref name="upper"/> (linear axes).
    /// </summary>
    public void AddBand(IReadOnlyList<double> x, IReadOnlyList<double> lower, IReadOnlyList<double> upper,
        string label, Color color)
    {
        if (x.Count == 0)
        {
            return;
        }

        double[] xs = [.. x.Select(_x.Place)];
        double[] bottom = [.. lower.Select(_left.Place)];
        double[] top = [.. upper.Select(_left.Place)];
        var band = _plot.Add.FillY(xs, top, bottom);
        band.FillColor = color.WithAlpha(0.75);
        band.LineColor = color;
        band.LegendText = label;
        HasData = true;
    }

    /// <summary>
    /// Renders the figure as PNG bytes of exactly <paramref name="width"/> × <paramref name="height"/>.
    /// </summary>
    public byte[] RenderPng(int width, int height)
    {
        _plot.Axes.Margins(horizontal: 0.02, vertical: 0.08);
        _plot.Axes.AutoScale();
        ApplyLogTicks(_x, _plot.Axes.Bottom);
        ApplyLogTicks(_left, _plot.Axes.Left);
        if (_right is not null)
        {
            ApplyLogTicks(_right, _plot.Axes.Right);
        }

        int legendItems = _plot.GetPlottables()
            .Sum(plottable => plottable.LegendItems.Count(item => !string.IsNullOrEmpty(item.LabelText)));
        if (legendItems > 0 && LegendBelow)
        {
            _plot.ShowLegend(Edge.Bottom);
        }
        else if (legendItems > MaximumInsideLegendItems)
        {
            // A long legend inside the data area would hide curves, so it goes beside the plot.
            _plot.ShowLegend(Edge.Right);
        }
        else if (legendItems > 0)
        {
            _plot.ShowLegend(LegendAlignment);
        }

        return _plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    public void Dispose() => _plot.Dispose();

    /// <summary>
    /// Sets round-value ticks on a log axis and widens its limits to the ticks around the data. A
    /// linear axis is left to ScottPlot with a readable tick density.
    /// </summary>
    private void ApplyLogTicks(AxisScale scale, IAxis axis)
    {
        if (!scale.IsLog)
        {
            if (axis.TickGenerator is ScottPlot.TickGenerators.NumericAutomatic automatic)
            {
                // ScottPlot's default density labels every 0.01 on a 600-pixel axis, too dense to read.
                automatic.TickDensity = 0.5;
            }

            return;
        }

        (double[] positions, string[] labels, double low, double high) =
            LogTicks.Create(scale.Min, scale.Max);
        if (positions.Length == 0)
        {
            return;
        }

        axis.SetTicks(positions, labels);

        // A small margin keeps points and labels at the framing ticks off the plot's edge.
        double margin = 0.03 * (high - low);
        if (axis is IXAxis xAxis)
        {
            _plot.Axes.SetLimitsX(low - margin, high + margin, xAxis);
        }
        else if (axis is IYAxis yAxis)
        {
            _plot.Axes.SetLimitsY(low - margin, high + margin, yAxis);
        }
    }
}
