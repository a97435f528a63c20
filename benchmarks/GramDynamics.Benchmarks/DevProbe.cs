using System.Diagnostics;
using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Benchmarks;

internal static class DevProbe
{
    public static void Run(string[] args)
    {
        int n = int.Parse(args[0]);
        int d = int.Parse(args[1]);
        int width = int.Parse(args[2]);
        int depth = int.Parse(args[3]);
        var precision = Enum.Parse<Precision>(args[4]);
        int repeats = int.Parse(args[5]);
        int block = args.Length > 6 ? int.Parse(args[6]) : ResidualKernel.DefaultBlockRows;
        if (args.Length > 7)
        {
            Blas.SetThreads(int.Parse(args[7]));
        }
        var proc = Process.GetCurrentProcess();
        var random = new SeededNormal(7);
        var x = new double[n * d];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.Next();
        }

        int[] widths = [.. Enumerable.Repeat(width, depth)];
        Network net = Network.Initialize(d, widths, Parametrization.Ntk, ReadoutKind.Signed, 11);
        using var kernel = new ResidualKernel(x, n, d, widths, precision, block);
        var k = new double[(long)n * n];
        kernel.UpdateFields(net);
        var times = new List<double>();
        var blas = new List<double>();
        var scratch = new double[(long)block * n * 2];
        var fscratch = new float[(long)block * n * 2];
        for (int r = 0; r < repeats; r++)
        {
            proc.Refresh();
            var c0 = proc.TotalProcessorTime;
            kernel.ComputeFromFields(net, k);
            proc.Refresh();
            var c1 = proc.TotalProcessorTime;
            times.Add((c1 - c0).TotalMilliseconds);
            if (kernel.Precision == Precision.Double)
            {
                Calls(kernel.DoubleFields!, block, scratch);
            }
            else
            {
                Calls(kernel.FloatFields!, block, fscratch);
            }

            proc.Refresh();
            blas.Add((proc.TotalProcessorTime - c1).TotalMilliseconds);
        }

        ulong hash = 1469598103934665603UL;
        foreach (double v in k)
        {
            hash = (hash ^ (ulong)BitConverter.DoubleToInt64Bits(v)) * 1099511628211UL;
        }

        Console.WriteLine($"hash {hash:X16} k00 {k[0]:R} k[n-1] {k[n - 1]:R} sum {k.Sum():R}");
        times.Sort();
        blas.Sort();
        Console.WriteLine($"kernel median {times[repeats / 2]:F1} ms, blas {blas[repeats / 2]:F1} ms, "
            + $"ratio {times[repeats / 2] / blas[repeats / 2]:F3}  all {string.Join(",", times.Select(t => t.ToString("F0")))} / {string.Join(",", blas.Select(t => t.ToString("F0")))}");
    }

    private static void Calls<T>(FieldState<T> fields, int block, T[] scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = fields.Samples;
        for (int layer = 1; layer <= fields.Depth; layer++)
        {
            int fanIn = fields.Widths[layer - 1];
            int width = fields.Widths[layer];
            for (int start = 0; start < n; start += block)
            {
                int rows = Math.Min(block, n - start);
                int columns = start + rows;
                if (layer > 1)
                {
                    Blas.Gemm(false, true, rows, columns, fanIn, T.One, fields.Activations(layer - 1).Slice(start * fanIn), fanIn,
                        fields.Activations(layer - 1), fanIn, T.Zero, scratch, columns);
                }

                Blas.Gemm(false, true, rows, columns, width, T.One, fields.ConjugateFields(layer).Slice(start * width), width,
                    fields.ConjugateFields(layer), width, T.Zero, scratch.AsSpan(block * n), columns);
            }
        }
    }
}
