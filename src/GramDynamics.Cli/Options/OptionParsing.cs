using System.Globalization;
using GramDynamics.Collective;

namespace GramDynamics.Cli.Options;

/// <summary>
/// Parsers for the option values shared by several commands; each failure names the option.
/// </summary>
internal static class OptionParsing
{
    public static int[] ParseWidths(string text, string option = "--widths") =>
        ParsePositiveIntegers(text, option, "a width of at least 1 (e.g. 512,256,128)");

    /// <summary>Parses a comma-separated list of depths, each 1 to 8, dropping repeats.</summary>
    public static int[] ParseDepths(string text)
    {
        int[] depths = ParsePositiveIntegers(text, "--depths", "a depth from 1 to 8 (e.g. 1,2,3,4)");
        for (int i = 0; i < depths.Length; i++)
        {
            if (depths[i] > 8)
            {
                throw new UsageException(
                    $"--depths entry {i + 1} is '{depths[i]}', expected a depth from 1 to 8");
            }
        }

        return [.. depths.Distinct()];
    }

    private static int[] ParsePositiveIntegers(string text, string option, string expected)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var widths = new int[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out widths[i])
                || widths[i] < 1)
            {
                throw new UsageException($"{option} entry {i + 1} is '{parts[i]}', expected {expected}");
            }
        }

        return widths;
    }

    public static double[] ParseNumbers(string text, string option)
    {
        string[] parts = text.Split(',', StringSplitOptions.TrimEntries);
        var values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])
                || !double.IsFinite(values[i]))
            {
                throw new UsageException($"{option} entry {i + 1} is '{parts[i]}', expected a finite number");
            }
        }

        return values;
    }

    public static Parametrization ParseParametrization(string text) => text.ToLowerInvariant() switch
    {
        "standard" => Parametrization.Standard,
        "ntk" => Parametrization.Ntk,
        _ => throw new UsageException($"--parametrization is '{text}', expected standard or ntk"),
    };

    public static Precision ParsePrecision(string text) => text.ToLowerInvariant() switch
    {
        "double" => Precision.Double,
        "float32" or "float" or "single" => Precision.Float32,
        "mixed" => Precision.Mixed,
        _ => throw new UsageException($"--precision is '{text}', expected double, float32 or mixed"),
    };

    public static string Name(Precision precision) => precision switch
    {
        Precision.Float32 => "float32",
        Precision.Mixed => "mixed",
        _ => "double",
    };

    public static string Name(Parametrization parametrization) =>
        parametrization == Parametrization.Ntk ? "ntk" : "standard";

    public static double? ParseRate(string text)
    {
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double rate)
            || !double.IsFinite(rate) || rate <= 0)
        {
            throw new UsageException($"--lr is '{text}', expected 'auto' or a positive number");
        }

        return rate;
    }

    /// <summary>
    /// Throws a <see cref="UsageException"/> with <paramref name="message"/> unless
    /// <paramref name="condition"/> is true.
    /// </summary>
    public static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new UsageException(message);
        }
    }
}
