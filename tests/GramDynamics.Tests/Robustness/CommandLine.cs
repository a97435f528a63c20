namespace GramDynamics.Tests.Robustness;

/// <summary>
/// Runs the gramdyn command line in-process and captures standard error. Console.SetError is
/// process-wide, so callers belong to the non-parallel <see cref="Collective.BlasSwitchCollection"/>.
/// </summary>
internal static class CommandLine
{
    public static (int ExitCode, string Error) Run(params string[] args)
    {
        TextWriter previous = Console.Error;
        using var error = new StringWriter();
        try
        {
            Console.SetError(error);
            int code = Cli.Program.Run(args);
            return (code, error.ToString());
        }
        finally
        {
            Console.SetError(previous);
        }
    }

    /// <summary>A fresh empty folder under the temporary directory.</summary>
    public static string TemporaryFolder()
    {
        string path = Path.Combine(Path.GetTempPath(), "gramdyn-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }
}
