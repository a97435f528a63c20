using GramDynamics.Collective;
using GramDynamics.Dynamics;

namespace GramDynamics.Tests.Dynamics;

/// <summary>
/// Field integrators against GD over a fixed flow time T = η · steps at two rates η and η/2: the
/// distance must halve when the error is of order η.
/// </summary>
public class FlowOrderTests
{
    private const double Rate = 0.002;

    [Fact]
    public void Depth2RungeKutta_IsFirstOrderInRate()
    {
        (double[] inputs, double[] targets) = DynamicsProblems.TeacherData(24, 8, seed: 3);
        Network network = DynamicsProblems.SignedRowsNetwork(8, 12, seed: 2);
        const double time = 0.2;
        int[] crossings = CountCrossings(network, inputs, targets, Rate / 2, Steps(time, Rate / 2));
        Assert.True(crossings[1] == 0,
            $"GD changed {crossings[1]} layer-2 mask entries, so Θ_2 is not fixed");
        Assert.True(crossings[0] > 0, "GD changed no layer-1 mask entry, so the test covers no crossing");

        double ratio = ErrorRatio(network, inputs, targets, time,
            s => new Depth2FieldIntegrator(s, IntegrationScheme.RungeKutta4));

        Assert.InRange(ratio, 1.6, 2.5);
    }

    [Theory]
    [InlineData(IntegrationScheme.ForwardEuler)]
    [InlineData(IntegrationScheme.RungeKutta4)]
    public void Depth3_IsFirstOrderInRate(IntegrationScheme scheme)
    {
        (double[] inputs, double[] targets) = DynamicsProblems.TeacherData(12, 8, seed: 3);
        Network network = DynamicsProblems.Network(8, [12, 12, 12], seed: 4);
        const double time = 0.1;
        int[] crossings = CountCrossings(network, inputs, targets, Rate / 2, Steps(time, Rate / 2));
        Assert.True(crossings.Sum() > 0, "GD changed no mask entry, so the test covers no crossing");

        double ratio = ErrorRatio(network, inputs, targets, time, s => new DeepFieldIntegrator(s, network,
            scheme));

        Assert.InRange(ratio, 1.6, 2.5);
    }

    [Fact]
    public void Depth2Euler_MatchesGdWithFixedMasks()
    {
        (double[] inputs, double[] targets) = DynamicsProblems.TeacherData(24, 8, seed: 3);
        Network network = DynamicsProblems.SignedRowsNetwork(8, 12, seed: 2);
        const int steps = 100;
        int[] crossings = CountCrossings(network, inputs, targets, Rate, steps);
        Assert.True(crossings[1] == 0,
            $"GD changed {crossings[1]} layer-2 mask entries, so Θ_2 is not fixed");
        Assert.True(crossings[0] > 0, "GD changed no layer-1 mask entry, so the test covers no crossing");

        (double max, _) = DynamicsProblems.ResidualDivergence(network, inputs, targets,
            s => new Depth2FieldIntegrator(s), Rate, steps);

        Assert.True(max < 1e-12, $"max ‖r_field − r_GD‖/‖r_GD‖ is {max:E3}");
    }

    [Fact]
    public void Depth2_DepartsOnceLayer2MasksChange()
    {
        (double[] inputs, double[] targets) = DynamicsProblems.TeacherData(12, 8, seed: 3);
        Network network = DynamicsProblems.Network(8, [12, 12], seed: 1);
        const double time = 0.2;
        int[] crossings = CountCrossings(network, inputs, targets, Rate, Steps(time, Rate));
        Assert.True(crossings[1] > 0, "GD kept Θ_2, so the frozen masks are never wrong");

        (_, double coarse) = DynamicsProblems.ResidualDivergence(network, inputs, targets,
            s => new Depth2FieldIntegrator(s), Rate, Steps(time, Rate));
        (_, double fine) = DynamicsProblems.ResidualDivergence(network, inputs, targets,
            s => new Depth2FieldIntegrator(s), Rate / 2, Steps(time, Rate / 2));

        // The frozen Θ_2 is an error of order 1 in the rates, so a smaller rate does not remove it.
        Assert.True(fine > 1e-3, $"distance at η/2 is {fine:E3}");
        Assert.InRange(coarse / fine, 0.7, 1.3);
    }

    /// <summary>Threshold crossings of GD per layer over <paramref name="steps"/> steps.</summary>
    internal static int[] CountCrossings(Network network, double[] inputs, double[] targets, double rate,
        int steps)
    {
        using var fields = new FieldState<double>(inputs, targets.Length, network.InputDimension,
            network.Widths);
        using var descent = new GradientDescent(network.Clone(), fields, targets);
        var crossings = new int[network.Depth];
        var previous = new double[network.Depth][];
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            previous[layer - 1] = fields.Preactivations(layer).ToArray();
        }

        for (int step = 0; step < steps; step++)
        {
            descent.Step(rate);
            for (int layer = 1; layer <= network.Depth; layer++)
            {
                ReadOnlySpan<double> u = fields.Preactivations(layer);
                for (int i = 0; i < u.Length; i++)
                {
                    if ((u[i] > 0) != (previous[layer - 1][i] > 0))
                    {
                        crossings[layer - 1]++;
                    }
                }

                u.CopyTo(previous[layer - 1]);
            }
        }

        return crossings;
    }

    private static int Steps(double time, double rate) => (int)Math.Round(time / rate);

    // Distance to GD at the end of T with rate η, over the distance with rate η/2.
    private static double ErrorRatio(Network network, double[] inputs, double[] targets, double time,
        Func<FieldSnapshot, IFieldIntegrator> create)
    {
        (_, double coarse) = DynamicsProblems.ResidualDivergence(network, inputs, targets, create, Rate,
            Steps(time, Rate));
        (_, double fine) = DynamicsProblems.ResidualDivergence(network, inputs, targets, create, Rate / 2,
            Steps(time, Rate / 2));
        Assert.True(fine > 1e-9, $"distance at η/2 is {fine:E3}, too close to rounding to measure an order");
        return coarse / fine;
    }
}
