using GramDynamics.Collective;
using GramDynamics.Data;

namespace GramDynamics.Cli.Commands;

/// <summary>
/// Writes the objects behind K as .npy files named after their symbols: U1.., H1.., B1.. ([N, n_ℓ]), C and Q0..Q(L−1),
/// S1..SL and P1..PL ([N, N]).
/// </summary>
internal static class KernelObjects
{
    public static void Write(string folder, Network network, double[] inputs, int samples)
    {
        using var fields = new FieldState<double>(inputs, samples, network.InputDimension, network.Widths);
        fields.Forward(network);
        fields.Backward();
        var square = new double[(long)samples * samples];
        GramMatrices.InputGram(fields, square);
        Save(folder, "C.npy", square, samples, samples);
        for (int layer = 0; layer < network.Depth; layer++)
        {
            GramMatrices.ActivationOverlap(fields, layer, square);
            Save(folder, $"Q{layer}.npy", square, samples, samples);
        }

        for (int layer = 1; layer <= network.Depth; layer++)
        {
            int width = network.Width(layer);
            Save(folder, $"U{layer}.npy", fields.Preactivations(layer), samples, width);
            Save(folder, $"H{layer}.npy", fields.Activations(layer), samples, width);
            Save(folder, $"B{layer}.npy", fields.ConjugateFields(layer), samples, width);
            GramMatrices.ConjugateCorrelator(fields, layer, square);
            Save(folder, $"S{layer}.npy", square, samples, samples);
            GramMatrices.CoactivationCounts(fields, layer, square);
            Save(folder, $"P{layer}.npy", square, samples, samples);
        }
    }

    private static void Save(string folder, string name, ReadOnlySpan<double> values, int rows,
        int columns) =>
        NpyFile.WriteMatrix(Path.Combine(folder, name), values, rows, columns);
}
