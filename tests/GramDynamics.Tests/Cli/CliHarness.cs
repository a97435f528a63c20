using GramDynamics.Cli;

namespace GramDynamics.Tests.Cli;

/// <summary>
/// Tests that run the CLI in-process; they redirect the console, so they never run in parallel.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CliCollection
{
    public const string Name = "Command line";
}

/// <summary>Runs one command line in-process and captures its exit code and console output.</summary>
internal static class CliHarness
{
    public static CliResult Run(params string[] args)
    {
        TextWriter output = Console.Out;
        TextWriter error = Console.Error;
        var capturedOutput = new StringWriter();
        var capturedError = new StringWriter();
        Console.SetOut(capturedOutput);
        Console.SetError(capturedError);
        try
        {
            int code = Program.Run(args);
            return new CliResult(code, capturedOutput.ToString(), capturedError.ToString());
        }
        finally
        {
            Console.SetOut(output);
            Console.SetError(error);
        }
    }

    /// <summary>A new empty folder under the system temporary folder.</summary>
    public static string CreateFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "gramdyn-cli-tests-" + Path.GetRandomFileName());
        Directory.CreateDirectory(folder);
        return folder;
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
