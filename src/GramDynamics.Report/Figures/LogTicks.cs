using System.Globalization;
using System.Text;

namespace GramDynamics.Report.Figures;

/// <summary>
/// Tick marks for an axis that shows log10 of the data (ScottPlot 5 has no log scale of its own, so the
/// data are transformed and the ticks are placed at log10 of round values and labelled with the values).
/// </summary>
internal static class LogTicks
{
    /// <summary>
    /// Distance in log10 under which a value counts as lying on a tick (a factor of 1 + 2.3×10⁻⁹).
    /// </summary>
    private const double Tolerance = 1e-9;

    /// <summary>
    /// Ticks for data whose log10 lies in [<paramref name="minLog"/>, <paramref name="maxLog"/>], and the
    /// axis limits Low ≤ minLog and High ≥ maxLog: the nearest ticks around the data, so the axis always
    /// shows at least two labelled ticks and no data lie beyond the last label.
    /// </summary>
    public static (double[] Positions, string[] Labels, double Low, double High) Create(double minLog,
        double maxLog)
    {
        if (!(double.IsFinite(minLog) && double.IsFinite(maxLog) && maxLog >= minLog))
        {
            return ([], [], minLog, maxLog);
        }

        double span = maxLog - minLog;
        double[] mantissas = span < 1 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : span < 2.5 ? [1, 2, 5] : [1];
        int decadeStep = span < 8 ? 1 : (int)Math.Ceiling(span / 8);

        // Whole multiples of decadeStep from at or below the data to at or above it, so a tick exists
        // on each side of the data.
        int first = (int)Math.Floor(Math.Floor(minLog) / decadeStep) * decadeStep;
        int last = (int)Math.Ceiling(Math.Ceiling(maxLog) / decadeStep) * decadeStep;
        var positions = new List<double>();
        for (int decade = first - decadeStep; decade <= last + decadeStep; decade += decadeStep)
        {
            foreach (double mantissa in mantissas)
            {
                positions.Add(decade + Math.Log10(mantissa));
            }
        }

        double[] sorted = [.. positions.Distinct().Order()];
        double low = sorted.Last(p => p <= minLog + Tolerance);
        double high = sorted.First(p => p >= maxLog - Tolerance);
        if (high - low < Tolerance)
        {
            // A single value on a tick: the ticks on either side frame it.
            low = sorted.Last(p => p < low - Tolerance);
            high = sorted.First(p => p > high + Tolerance);
        }

        return (sorted, [.. sorted.Select(p => FormatValue(Math.Pow(10, p)))], low, high);
    }

    /// <summary>
    /// Formats a positive value as "0.05", "250" or "2×10⁻⁵", with three significant digits.
    /// </summary>
    public static string FormatValue(double value)
    {
        double magnitude = Math.Abs(value);
        if (magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e4))
        {
            // Rounded to three significant digits and written without an exponent: 0.00123, 2180.
            int decimals = Math.Max(0, 2 - (int)Math.Floor(Math.Log10(Math.Max(magnitude, 1e-3))));
            return Math.Round(value, decimals).ToString("0.#####", CultureInfo.InvariantCulture);
        }

        int exponent = (int)Math.Floor(Math.Log10(magnitude));
        double mantissa = value / Math.Pow(10, exponent);
        if (Math.Abs(Math.Abs(mantissa) - 10) < 1e-9)
        {
            mantissa /= 10;
            exponent++;
        }

        string power = "10" + Superscript(exponent);
        return Math.Abs(Math.Abs(mantissa) - 1) < 1e-9
            ? (mantissa < 0 ? "−" : string.Empty) + power
            : mantissa.ToString("G3", CultureInfo.InvariantCulture) + "×" + power;
    }

    private static string Superscript(int exponent)
    {
        const string Digits = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var text = new StringBuilder();
        if (exponent < 0)
        {
            text.Append('⁻');
        }

        foreach (char digit in Math.Abs(exponent).ToString(CultureInfo.InvariantCulture))
        {
            text.Append(Digits[digit - '0']);
        }

        return text.ToString();
    }
}
