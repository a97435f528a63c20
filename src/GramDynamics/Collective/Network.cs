namespace GramDynamics.Collective;

/// <summary>
/// A feed-forward ReLU network without biases: hidden weights W_1..W_L (W_ℓ is n_ℓ × n_{ℓ-1},
/// row-major), multipliers c_ℓ (the effective weight is Ŵ_ℓ = c_ℓ W_ℓ) and a fixed readout a of
/// length n_L. The output is f(x) = a · h_L(x).
/// </summary>
public sealed class Network
{
    private readonly double[][] _weights;

    /// <summary>Creates a network from given weights; the arrays are used, not copied.</summary>
    /// <param name="inputDimension">d = n_0.</param>
    /// <param name="widths">n_1..n_L.</param>
    /// <param name="weights">W_ℓ as n_ℓ × n_{ℓ-1} row-major arrays.</param>
    /// <param name="multipliers">c_1..c_L.</param>
    /// <param name="readout">a, of length n_L.</param>
    public Network(int inputDimension, IReadOnlyList<int> widths, double[][] weights,
        IReadOnlyList<double> multipliers, double[] readout)
    {
        if (inputDimension < 1)
        {
            ThrowHelper.ThrowArgument(nameof(inputDimension),
                $"input dimension is {inputDimension}, expected at least 1");
        }

        if (widths.Count < 1)
        {
            ThrowHelper.ThrowArgument(nameof(widths), "the network has no hidden layer, expected at least 1");
        }

        if (weights.Length != widths.Count || multipliers.Count != widths.Count)
        {
            ThrowHelper.ThrowArgument(nameof(weights),
                $"{widths.Count} widths, {weights.Length} weight matrices and {multipliers.Count} "
                + "multipliers; expected one of each per hidden layer");
        }

        int fanIn = inputDimension;
        for (int layer = 0; layer < widths.Count; layer++)
        {
            if (widths[layer] < 1)
            {
                ThrowHelper.ThrowArgument(nameof(widths),
                    $"layer {layer + 1} has width {widths[layer]}, expected at least 1");
            }

            if (weights[layer].Length != (long)widths[layer] * fanIn)
            {
                ThrowHelper.ThrowArgument(nameof(weights),
                    $"W{layer + 1} holds {weights[layer].Length} values, expected {widths[layer]} × {fanIn}");
            }

            if (!double.IsFinite(multipliers[layer]))
            {
                ThrowHelper.ThrowArgument(nameof(multipliers),
                    $"c{layer + 1} is {multipliers[layer]}, expected a finite value");
            }

            fanIn = widths[layer];
        }

        if (readout.Length != fanIn)
        {
            ThrowHelper.ThrowArgument(nameof(readout),
                $"readout has {readout.Length} entries, expected n_L = {fanIn}");
        }

        InputDimension = inputDimension;
        Widths = [.. widths];
        _weights = weights;
        Multipliers = [.. multipliers];
        Readout = readout;
    }

    /// <summary>d = n_0, the number of input features.</summary>
    public int InputDimension { get; }

    /// <summary>Hidden widths n_1..n_L.</summary>
    public int[] Widths { get; }

    /// <summary>Depth L, the number of hidden layers.</summary>
    public int Depth => Widths.Length;

    /// <summary>Multipliers c_1..c_L.</summary>
    public double[] Multipliers { get; }

    /// <summary>The fixed readout a (length n_L).</summary>
    public double[] Readout { get; }

    /// <summary>Width n_ℓ for ℓ = 0..L (n_0 = d).</summary>
    public int Width(int layer) => layer == 0 ? InputDimension : Widths[layer - 1];

    /// <summary>W_ℓ for ℓ = 1..L, n_ℓ × n_{ℓ-1} row-major; training updates it in place.</summary>
    public double[] Weights(int layer) => _weights[layer - 1];

    /// <summary>Multiplier c_ℓ for ℓ = 1..L.</summary>
    public double Multiplier(int layer) => Multipliers[layer - 1];

    /// <summary>A deep copy (weights, multipliers and readout).</summary>
    public Network Clone() =>
        new(InputDimension, Widths, [.. _weights.Select(w => (double[])w.Clone())], Multipliers,
            (double[])Readout.Clone());

    /// <summary>Multipliers c_ℓ that the parametrization prescribes for these widths.</summary>
    public static double[] MultipliersFor(Parametrization parametrization, int inputDimension,
        IReadOnlyList<int> widths)
    {
        var multipliers = new double[widths.Count];
        int fanIn = inputDimension;
        for (int layer = 0; layer < widths.Count; layer++)
        {
            multipliers[layer] = parametrization == Parametrization.Ntk ? Math.Sqrt(2.0 / fanIn) : 1.0;
            fanIn = widths[layer];
        }

        return multipliers;
    }

    /// <summary>
    /// Draws a network from a seed: the same seed gives the same weights on every machine, because
    /// the generator is the portable <see cref="SeededNormal"/>.
    /// </summary>
    public static Network Initialize(int inputDimension, IReadOnlyList<int> widths,
        Parametrization parametrization, ReadoutKind readout, int seed)
    {
        if (inputDimension < 1)
        {
            ThrowHelper.ThrowArgument(nameof(inputDimension),
                $"input dimension is {inputDimension}, expected at least 1");
        }

        foreach (int width in widths)
        {
            if (width < 1)
            {
                ThrowHelper.ThrowArgument(nameof(widths), $"a hidden width is {width}, expected at least 1");
            }
        }

        var random = new SeededNormal(seed);
        var weights = new double[widths.Count][];
        int fanIn = inputDimension;
        for (int layer = 0; layer < widths.Count; layer++)
        {
            double scale = parametrization == Parametrization.Standard ? Math.Sqrt(2.0 / fanIn) : 1.0;
            weights[layer] = new double[(long)widths[layer] * fanIn];
            for (long i = 0; i < weights[layer].LongLength; i++)
            {
                weights[layer][i] = scale * random.Next();
            }

            fanIn = widths[layer];
        }

        var a = new double[fanIn];
        for (int i = 0; i < fanIn; i++)
        {
            a[i] = readout == ReadoutKind.MeanField
                ? 1.0 / fanIn
                : (random.NextUniform() < 0.5 ? -1.0 : 1.0) / Math.Sqrt(fanIn);
        }

        double[] multipliers = MultipliersFor(parametrization, inputDimension, widths);
        return new Network(inputDimension, widths, weights, multipliers, a);
    }
}
