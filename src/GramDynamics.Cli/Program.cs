using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using GramDynamics.Cli.Commands;

namespace GramDynamics.Cli;

internal static partial class Program
{
    /// <summary>Exit code of a command line that does not parse.</summary>
    public const int UsageError = 2;

    private static int Main(string[] args) => Run(args);

    /// <summary>Parses and runs one command line; returns the process exit code.</summary>
    internal static int Run(string[] args)
    {
        var root = new RootCommand(
            "GramDynamics: gradient descent of ReLU networks written as dynamics of fields on the "
                + "training set.")
        {
            KernelCommand.Create(),
            RunCommand.Create(),
            HierarchyCommand.Create(),
            ReportCommand.Create(),
            CompareCommand.Create(),
        };
        ParseResult result = root.Parse(args);
        if (result.Errors.Count == 0)
        {
            return result.Invoke();
        }

        // One line per parse error in plain words, then where to look, instead of the full help.
        foreach (ParseError error in result.Errors)
        {
            Console.Error.WriteLine($"gramdyn: error: {Describe(error.Message)}");
        }

        string command = result.CommandResult.Command is RootCommand
            ? ""
            : $" {result.CommandResult.Command.Name}";
        Console.Error.WriteLine($"Run 'gramdyn{command} --help' to list the options.");
        return UsageError;
    }

    /// <summary>Replaces .NET type names in a parser message with plain words (an integer, a number).</summary>
    private static string Describe(string message) =>
        ClrTypeName().Replace(message, match => match.Groups[1].Value switch
        {
            "Int32" or "Int64" => "an integer",
            "Double" or "Single" => "a number",
            "Boolean" => "true or false",
            _ => "a value of the right kind",
        }).Replace("as expected type an", "as an", StringComparison.Ordinal)
            .Replace("as expected type a", "as a", StringComparison.Ordinal)
            .Replace("as expected type true", "as true", StringComparison.Ordinal);

    [GeneratedRegex(@"'System\.(?:Nullable`1\[System\.)?(\w+)\]?'")]
    private static partial Regex ClrTypeName();
}
