using GramDynamics.Collective;

namespace GramDynamics.Tests.Generators;

/// <summary>
/// A small random network and data set, described by its shape and a seed, so that a failing case
/// prints as one readable line and rebuilds identically.
/// </summary>
/// <param name="Samples">N.</param>
/// <param name="InputDimension">d.</param>
/// <param name="Widths">n_1..n_L.</param>
/// <param name="Parametrization">Standard or NTK multipliers and initialization.</param>
/// <param name="Readout">How the fixed readout a is drawn.</param>
/// <param name="Special">Edge case built into layer <paramref name="SpecialIndex"/>.</param>
/// <param name="SpecialIndex">s, the layer that <paramref name="Special"/> modifies (1..L).</param>
/// <param name="Seed">Seed of the weights, the readout signs and X.</param>
public sealed record NetworkCase(int Samples, int InputDimension, int[] Widths,
    Parametrization Parametrization, ReadoutKind Readout, SpecialLayer Special, int SpecialIndex, int Seed)
{
    /// <summary>L.</summary>
    public int Depth => Widths.Length;

    /// <summary>Draws the network, with the special layer applied.</summary>
    public Network BuildNetwork()
    {
        Network network = Network.Initialize(InputDimension, Widths, Parametrization, Readout, Seed);
        switch (Special)
        {
            case SpecialLayer.DeadByZeroWeights:
                Array.Clear(network.Weights(SpecialIndex));
                break;
            case SpecialLayer.DeadByNegativeWeights:
                Apply(network.Weights(SpecialIndex), w => -Math.Abs(w));
                break;
            case SpecialLayer.AllActive:
                for (int layer = 1; layer <= SpecialIndex; layer++)
                {
                    Apply(network.Weights(layer), Math.Abs);
                }

                break;
            case SpecialLayer.None:
                break;
            default:
                throw new InvalidOperationException($"unknown special layer {Special}");
        }

        return network;
    }

    /// <summary>
    /// Draws X: [N, d] row-major, standard normal entries, or entries in [0.1, 2.1) where a special
    /// layer needs positive inputs.
    /// </summary>
    public double[] BuildInputs()
    {
        var random = new SeededNormal(Seed ^ 0x5A5A5A5AL);
        bool positive = Special == SpecialLayer.AllActive
            || (Special == SpecialLayer.DeadByNegativeWeights && SpecialIndex == 1);
        var inputs = new double[Samples * InputDimension];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = positive ? 0.1 + (2.0 * random.NextUniform()) : random.Next();
        }

        return inputs;
    }

    /// <summary>Allocates fields for X and runs the forward and backward recursions.</summary>
    public FieldState<double> ComputeFields(Network network, double[] inputs)
    {
        var fields = new FieldState<double>(inputs, Samples, InputDimension, Widths);
        fields.Forward(network);
        fields.Backward();
        return fields;
    }

    public override string ToString() =>
        $"N={Samples} d={InputDimension} widths=[{string.Join(",", Widths)}] {Parametrization} {Readout} "
        + (Special == SpecialLayer.None ? string.Empty : $"{Special}@{SpecialIndex} ")
        + $"seed={Seed}";

    private static void Apply(double[] weights, Func<double, double> map)
    {
        for (int i = 0; i < weights.Length; i++)
        {
            weights[i] = map(weights[i]);
        }
    }
}
