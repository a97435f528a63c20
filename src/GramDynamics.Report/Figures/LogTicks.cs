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
    /// Ticks for data whose log10 lies in [<paramref name="minLog"/>, <paramref name="maxLog"/>].
    /// </summary>
    public static (double[] Positions, string[] Labels) Create(double minLog, double maxLog)
    {
        if (!(double.IsFinite(minLog) && double.IsFinite(maxLog) && maxLog >= minLog))
        {
            return ([], []);
        }

        double span = maxLog - minLog;
        double[] mantissas = span < 1 ? [1, 2, 3, 4, 5, 6, 7, 8, 9] : span < 2.5 ? [1, 2, 5] : [1];
        int decadeStep = span < 8 ? 1 : (int)Math.Ceiling(span / 8);
        var positions = new List<double>();
        for (int decade = (int)Math.Floor(minLog) - 1; decade <= (int)Math.Ceiling(maxLog) + 1; decade++)
        {
            if (decade % decadeStep != 0)
            {
                continue;
            }

            foreach (double mantissa in mantissas)
            {
                positions.Add(decade + Math.Log10(mantissa));
            }
        }

        // A series that varies by less than a factor of about 2 may have no round value inside its
        // range, so its ends and midpoint are then labelled with their own values.
        if (positions.Count(p => p >= minLog && p <= maxLog) < 2)
        {
            positions.Add(minLog);
            positions.Add(maxLog);
            positions.Add(0.5 * (minLog + maxLog));
        }

        double[] sorted = [.. positions.Distinct().Order()];
        return (sorted, [.. sorted.Select(p => FormatValue(Math.Pow(10, p)))]);
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
