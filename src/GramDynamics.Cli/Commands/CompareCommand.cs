using System.CommandLine;
using GramDynamics.Report;

namespace GramDynamics.Cli.Commands;

/// <summary>`gramdyn compare`: overlays the curves of several run folders and writes compare.html.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var folders = new Argument<string[]>("run-folders")
        {
            Description = "Two or more run folders that `gramdyn run` wrote.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out")
        {
            Description = "Folder for the PNG files and compare.html.",
            DefaultValueFactory = _ => "compare",
        };
        var (width, height) = ReportCommand.SizeOptions();
        var command = new Command("compare",
            "Overlay the curves of several runs as PNG files and one compare.html.")
        {
            folders,
            output,
            width,
            height,
        };
        command.SetAction(result => CommandFailure.Guard(() =>
        {
            string[] runs = result.GetValue(folders) ?? [];
            if (runs.Length < 2)
            {
                throw new UsageException($"{runs.Length} run folder given, expected at least 2 to compare");
            }

            ReportOptions options = ReportCommand.SizeFrom(result, width, height);
            ReportCommand.Print("compare", RunComparison.Write(runs, result.GetValue(output)!, options));
            return 0;
        }));
        return command;
    }
}
