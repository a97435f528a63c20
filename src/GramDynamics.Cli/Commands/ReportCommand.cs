using System.CommandLine;
using GramDynamics.Report;

namespace GramDynamics.Cli.Commands;

/// <summary>`gramdyn report`: draws the figures of one run folder and writes report.html.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var folder = new Argument<string>("run-folder")
        {
            Description = "The run folder that `gramdyn run` wrote.",
        };
        var (width, height) = SizeOptions();
        var command = new Command("report",
            "Draw the figures of a run as PNG files and one self-contained report.html.")
        {
            folder,
            width,
            height,
        };
        command.SetAction(result => CommandFailure.Guard(() =>
        {
            Draw(result.GetValue(folder)!, SizeFrom(result, width, height));
            return 0;
        }));
        return command;
    }

    /// <summary>The --width and --height options of the figures, shared with `gramdyn compare`.</summary>
    public static (Option<int> Width, Option<int> Height) SizeOptions()
    {
        var defaults = new ReportOptions();
        var width = new Option<int>("--width")
        {
            Description = "Width of each figure, in pixels.",
            DefaultValueFactory = _ => defaults.Width,
        };
        var height = new Option<int>("--height")
        {
            Description = "Height of each figure, in pixels.",
            DefaultValueFactory = _ => defaults.Height,
        };
        return (width, height);
    }

    /// <summary>The figure size that --width and --height set.</summary>
    /// <exception cref="UsageException">
    /// A size is outside the range that <see cref="ReportOptions"/> allows.
    /// </exception>
    public static ReportOptions SizeFrom(ParseResult result, Option<int> width, Option<int> height)
    {
        var options = new ReportOptions { Width = result.GetValue(width), Height = result.GetValue(height) };
        CheckSize(width.Name, options.Width);
        CheckSize(height.Name, options.Height);
        return options;
    }

    private static void CheckSize(string option, int pixels)
    {
        if (pixels is < ReportOptions.MinimumSize or > ReportOptions.MaximumSize)
        {
            throw new UsageException($"{option} is {pixels}, expected {ReportOptions.MinimumSize} to "
                + $"{ReportOptions.MaximumSize} pixels");
        }
    }

    /// <summary>
    /// Writes the report of <paramref name="runFolder"/> and prints where it is and what is missing.
    /// </summary>
    public static void Draw(string runFolder, ReportOptions options) =>
        Print("report", RunReport.Write(runFolder, options));

    /// <summary>
    /// Draws the report at the end of `gramdyn run`. A failure here leaves the finished run as it is, so it
    /// is printed as a warning rather than raised.
    /// </summary>
    public static void DrawAfterRun(string runFolder, bool quiet)
    {
        try
        {
            ReportResult result = RunReport.Write(runFolder, new ReportOptions());
            if (!quiet)
            {
                Print("report", result);
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException
            or DllNotFoundException or TypeInitializationException)
        {
            Console.Error.WriteLine($"gramdyn: warning: the report failed: {exception.Message} "
                + $"Draw it again with: ./gramdyn report {runFolder}");
        }
    }

    /// <summary>
    /// Prints one line with the page and figure count and, if anything is missing, one line listing it.
    /// </summary>
    public static void Print(string stage, ReportResult result)
    {
        Console.WriteLine($"{stage}: {result.FigurePaths.Count} figures, page {result.PagePath}");
        if (result.Missing.Count > 0)
        {
            string missing = string.Join("; ", result.Missing);
            Console.WriteLine($"{stage}: incomplete, drew what it could; missing: {missing}");
        }
    }
}
