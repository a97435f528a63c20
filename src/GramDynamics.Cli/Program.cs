using System.CommandLine;
using GramDynamics.Cli.Commands;

namespace GramDynamics.Cli;

internal static class Program
{
    private static int Main(string[] args) => Run(args);

    /// <summary>Parses and runs one command line; returns the process exit code.</summary>
    internal static int Run(string[] args)
    {
        var root = new RootCommand(
            "GramDynamics: gradient descent of ReLU networks written as dynamics of fields on the training set.")
        {
            KernelCommand.Create(),
            RunCommand.Create(),
            HierarchyCommand.Create(),
            ReportCommand.Create(),
            CompareCommand.Create(),
        };
        return root.Parse(args).Invoke();
    }
}
