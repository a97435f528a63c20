using GramDynamics.Collective;
using GramDynamics.Dynamics;
using Xunit.Abstractions;

namespace GramDynamics.Tests.Dynamics;

public class Depth1FieldIntegratorTests(ITestOutputHelper output)
{
    [Fact]
    public void DiscreteMap_EqualsGradientDescent()
    {
        (double[] inputs, double[] targets) = DynamicsProblems.TeacherData(300, 12, seed: 11);
        Network network = DynamicsProblems.Network(12, [32], seed: 5);
        var integrator = new Depth1FieldIntegrator(FieldSnapshot.Capture(network, inputs, targets));
        using var fields = new FieldState<double>(inputs, 300, 12, network.Widths);
        using var descent = new GradientDescent(network.Clone(), fields, targets);
        double initialLoss = descent.Loss;
        const double rate = 0.005;

        double maxDivergence = 0.0;
        long crossings = 0;
        for (int step = 0; step < 200; step++)
        {
            descent.Step(rate);
            integrator.Step(rate);
            crossings += integrator.Crossings;
            maxDivergence = Math.Max(maxDivergence,
                HierarchyStudy.RelativeDistance(integrator.Residual, descent.Residual));
        }

        output.WriteLine($"max divergence {maxDivergence:E3}, crossings {crossings}, "
            + $"loss {initialLoss:F3} -> {descent.Loss:F3}");
        Assert.True(maxDivergence < 1e-10, $"max ‖r_field − r_GD‖/‖r_GD‖ is {maxDivergence:E3}");
        Assert.True(HierarchyStudy.FieldDivergence(integrator, fields) < 1e-10);
        Assert.True(crossings > 0, "no threshold crossing over 200 steps, so the test covers none");
        Assert.True(descent.Loss < 0.9 * initialLoss, $"loss went from {initialLoss} to {descent.Loss}");
        Assert.False(integrator.ReadsWeights);
        Assert.Equal(0, integrator.OperatorApplications);
    }
}
