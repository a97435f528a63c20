namespace GramDynamics.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        Console.WriteLine("gramdyn: commands are being added");
        return args.Length == 0 ? 0 : 2;
    }
}
