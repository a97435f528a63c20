using GramDynamics.Collective;
using GramDynamics.Dynamics;

namespace GramDynamics.Tests.Dynamics;

/// <summary>Seeded training sets and networks for the dynamics tests.</summary>
internal static class DynamicsProblems
{
    /// <summary>
    /// Gaussian inputs with entries N(0, 1/d), so ‖x‖ ≈ 1, labelled by a seeded one-hidden-layer ReLU
    /// teacher of width 8, centred and scaled to unit mean square.
    /// </summary>
    public static (double[] Inputs, double[] Targets) TeacherData(int samples, int dimension, int seed)
    {
        var random = new SeededNormal(seed);
        var inputs = new double[samples * dimension];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.Next() / Math.Sqrt(dimension);
        }

        const int teacherWidth = 8;
        var teacher = new double[teacherWidth * dimension];
        for (int i = 0; i < teacher.Length; i++)
        {
            teacher[i] = random.Next();
        }

        var targets = new double[samples];
        for (int mu = 0; mu < samples; mu++)
        {
            double output = 0.0;
            for (int j = 0; j < teacherWidth; j++)
            {
                double u = 0.0;
                for (int k = 0; k < dimension; k++)
                {
                    u += teacher[(j * dimension) + k] * inputs[(mu * dimension) + k];
                }

                output += (j % 2 == 0 ? 1.0 : -1.0) * Math.Max(u, 0.0);
            }

            targets[mu] = output;
        }

        double mean = targets.Average();
        double scale = Math.Sqrt(targets.Select(t => (t - mean) * (t - mean)).Average());
        for (int mu = 0; mu < samples; mu++)
        {
            targets[mu] = (targets[mu] - mean) / scale;
        }

        return (inputs, targets);
    }

    /// <summary>A He-initialized network with a signed readout.</summary>
    public static Network Network(int dimension, int[] widths, int seed) =>
        GramDynamics.Collective.Network.Initialize(dimension, widths, Parametrization.Standard,
            ReadoutKind.Signed, seed);

    /// <summary>
    /// A two-hidden-layer network whose W_2 has one sign per row (every third row negative). Since
    /// H_1 ≥ 0, each layer-2 neuron is active on every sample or on none, far from its threshold, so
    /// GD keeps Θ_2 over a short run while layer 1 still crosses.
    /// </summary>
    public static Network SignedRowsNetwork(int dimension, int width, int seed)
    {
        Network network = Network(dimension, [width, width], seed);
        double[] weights = network.Weights(2);
        for (int i = 0; i < width; i++)
        {
            double sign = i % 3 == 2 ? -1.0 : 1.0;
            for (int j = 0; j < width; j++)
            {
                weights[(i * width) + j] = sign * Math.Abs(weights[(i * width) + j]);
            }
        }

        return network;
    }

    /// <summary>
    /// Largest relative residual distance ‖r_field − r_GD‖ / ‖r_GD‖ over <paramref name="steps"/>
    /// steps of GD and an integrator at one rate, and the last one.
    /// </summary>
    public static (double Max, double Last) ResidualDivergence(Network network, double[] inputs,
        double[] targets, Func<FieldSnapshot, IFieldIntegrator> create, double rate, int steps)
    {
        IFieldIntegrator integrator = create(FieldSnapshot.Capture(network, inputs, targets));
        using var fields = new FieldState<double>(inputs, targets.Length, network.InputDimension,
            network.Widths);
        using var descent = new GradientDescent(network.Clone(), fields, targets);
        double max = 0.0;
        double last = 0.0;
        for (int step = 0; step < steps; step++)
        {
            descent.Step(rate);
            integrator.Step(rate);
            last = HierarchyStudy.RelativeDistance(integrator.Residual, descent.Residual);
            max = Math.Max(max, last);
        }

        return (max, last);
    }
}
