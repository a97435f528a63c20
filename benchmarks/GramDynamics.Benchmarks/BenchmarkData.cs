using GramDynamics.Collective;

namespace GramDynamics.Benchmarks;

/// <summary>Seeded inputs and networks shared by the benchmarks and the peers runner.</summary>
internal static class BenchmarkData
{
    public const int InputSeed = 20240601;
    public const int NetworkSeed = 7;

    /// <summary>X: [N, d] row-major, standard normal entries scaled by 1 / sqrt(d).</summary>
    public static double[] Inputs(int samples, int inputDimension, int seed = InputSeed)
    {
        var random = new SeededNormal(seed);
        var inputs = new double[(long)samples * inputDimension];
        double scale = 1.0 / Math.Sqrt(inputDimension);
        for (long i = 0; i < inputs.LongLength; i++)
        {
            inputs[i] = scale * random.Next();
        }

        return inputs;
    }

    /// <summary>A network in the NTK parametrization with a signed readout.</summary>
    public static Network Network(int inputDimension, IReadOnlyList<int> widths, int seed = NetworkSeed) =>
        Collective.Network.Initialize(inputDimension, widths, Parametrization.Ntk, ReadoutKind.Signed, seed);
}
