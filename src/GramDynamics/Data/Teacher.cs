using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Data;

/// <summary>
/// Teacher-student data: Gaussian inputs labelled by a random ReLU teacher network.
/// </summary>
/// <remarks>
/// The teacher has <c>depth</c> hidden layers of equal <c>width</c>, no biases, He-initialized weights
/// (standard parametrization: W_ℓ entries from N(0, 2 / n_{ℓ-1})) and the readout a_i = ±1 / sqrt(width)
/// with random signs, all drawn by <see cref="Network.Initialize"/> from <c>seed</c>. Inputs x_μ have
/// independent N(0, 1) entries drawn from a separate stream, <see cref="SeededNormal"/> with seed
/// <c>seed + 2^32</c>, so inputs and teacher do not share random numbers. The target is the teacher's
/// output y_μ = f_teacher(x_μ), a regression target; it is also stored as the label, so
/// "binary:&lt;0" turns it into the sign of the output.
/// </remarks>
public static class Teacher
{
    private const long InputStreamOffset = 1L << 32;

    /// <summary>Draws the teacher network that <see cref="Generate"/> uses for the same arguments.</summary>
    public static Network CreateNetwork(int inputDimension, int depth, int width, int seed)
    {
        if (depth < 1 || width < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(depth),
                $"teacher depth is {depth} and width {width}, expected both at least 1");
        }

        int[] widths = [.. Enumerable.Repeat(width, depth)];
        return Network.Initialize(inputDimension, widths, Parametrization.Standard, ReadoutKind.Signed, seed);
    }

    /// <summary>
    /// Generates N samples labelled by a seeded random teacher; see the remarks for the rules.
    /// </summary>
    /// <param name="count">N, the number of samples, at least 1.</param>
    /// <param name="inputDimension">d, at least 1.</param>
    /// <param name="depth">The teacher's number of hidden layers, at least 1.</param>
    /// <param name="width">The teacher's width of every hidden layer, at least 1.</param>
    /// <param name="seed">The seed of the teacher's weights; the inputs use seed + 2^32.</param>
    /// <returns>X: [N, d] Gaussian; y and labels: [N], the teacher's outputs.</returns>
    public static Dataset Generate(int count, int inputDimension, int depth, int width, int seed)
    {
        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count),
                $"sample count is {count}, expected at least 1");
        }

        Network teacher = CreateNetwork(inputDimension, depth, width, seed);
        var random = new SeededNormal(seed + InputStreamOffset);
        var x = new double[(long)count * inputDimension];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.Next();
        }

        double[] outputs = Evaluate(teacher, x, count);
        return Dataset.FromLabels(x, count, inputDimension, outputs, "teacher",
            $"Gaussian inputs labelled by a ReLU teacher "
            + $"(depth {depth}, width {width}, He init, seed {seed})");
    }

    // f(x) = a · h_L with h_ℓ = ReLU(c_ℓ W_ℓ h_{ℓ-1}) and h_0 = x, for all samples at once.
    private static double[] Evaluate(Network network, double[] x, int count)
    {
        double[] activations = x; // [N, n_{ℓ-1}]
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            int fanIn = network.Width(layer - 1);
            int width = network.Width(layer);
            var preActivations = new double[(long)count * width]; // [N, n_ℓ]
            Blas.Gemm(false, true, count, width, fanIn, network.Multiplier(layer), activations, fanIn,
                network.Weights(layer), fanIn, 0.0, preActivations, width);
            for (int i = 0; i < preActivations.Length; i++)
            {
                preActivations[i] = Math.Max(preActivations[i], 0.0);
            }

            activations = preActivations;
        }

        int lastWidth = network.Width(network.Depth);
        var outputs = new double[count];
        for (int sample = 0; sample < count; sample++)
        {
            double sum = 0;
            for (int i = 0; i < lastWidth; i++)
            {
                sum += network.Readout[i] * activations[sample * lastWidth + i];
            }

            outputs[sample] = sum;
        }

        return outputs;
    }
}
