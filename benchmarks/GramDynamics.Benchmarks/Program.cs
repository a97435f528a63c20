using BenchmarkDotNet.Running;

namespace GramDynamics.Benchmarks;

internal static class Program
{
    private static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == PeersKernelCommand.Name)
        {
            return PeersKernelCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == PairedRatiosCommand.Name)
        {
            return PairedRatiosCommand.Run(args[1..]);
        }

        // --grid full|default selects the parameter grid; the benchmark processes inherit it.
        var remaining = new List<string>(args);
        int grid = remaining.IndexOf("--grid");
        if (grid >= 0)
        {
            if (grid + 1 >= remaining.Count || remaining[grid + 1] is not ("full" or "default"))
            {
                Console.Error.WriteLine("--grid expects 'full' or 'default'");
                return 2;
            }

            Environment.SetEnvironmentVariable(BenchmarkGrid.VariableName, remaining[grid + 1]);
            remaining.RemoveRange(grid, 2);
        }

        bool hasJob = remaining.Any(argument => argument is "--job" or "-j");
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run([.. remaining],
            QuickConfig.Create(!hasJob));
        return 0;
    }
}
