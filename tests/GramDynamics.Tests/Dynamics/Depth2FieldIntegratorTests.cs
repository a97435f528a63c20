using GramDynamics.Collective;
using GramDynamics.Dynamics;

namespace GramDynamics.Tests.Dynamics;

public class Depth2FieldIntegratorTests
{
    [Fact]
    public void Depth2_TakesNoNetwork()
    {
        foreach (var constructor in typeof(Depth2FieldIntegrator).GetConstructors())
        {
            Assert.DoesNotContain(constructor.GetParameters(), p => p.ParameterType == typeof(Network));
        }

        Assert.DoesNotContain(typeof(Depth2FieldIntegrator).GetFields(
                System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic),
            f => f.FieldType == typeof(Network));
    }

    [Fact]
    public void Depth2_RunsWithNaNWeights()
    {
        (double[] inputs, double[] targets) = DynamicsProblems.TeacherData(40, 8, seed: 3);
        Network network = DynamicsProblems.Network(8, [12, 12], seed: 1);
        FieldSnapshot snapshot = FieldSnapshot.Capture(network, inputs, targets);
        double[] expected = Run(new Depth2FieldIntegrator(snapshot, IntegrationScheme.RungeKutta4));

        for (int layer = 1; layer <= network.Depth; layer++)
        {
            Array.Fill(network.Weights(layer), double.NaN);
        }

        var integrator = new Depth2FieldIntegrator(snapshot, IntegrationScheme.RungeKutta4);
        double[] residual = Run(integrator);

        Assert.All(residual, value => Assert.True(double.IsFinite(value)));
        Assert.Equal(expected, residual);
        Assert.False(integrator.ReadsWeights);
        Assert.Equal(0, integrator.OperatorApplications);
    }

    [Fact]
    public void Depth2_ResidualIsRowDotOfFields()
    {
        (double[] inputs, double[] targets) = DynamicsProblems.TeacherData(20, 8, seed: 3);
        Network network = DynamicsProblems.Network(8, [12, 12], seed: 1);
        using var fields = new FieldState<double>(inputs, 20, 8, network.Widths);
        fields.Forward(network);
        fields.Backward();

        var integrator = new Depth2FieldIntegrator(FieldSnapshot.Capture(network, inputs, targets));

        // f_μ = u_1(μ) · b_1(μ) for a ReLU network without biases.
        for (int mu = 0; mu < 20; mu++)
        {
            double output = 0.0;
            for (int i = 0; i < 12; i++)
            {
                output += fields.Preactivations(1)[(mu * 12) + i] * fields.ConjugateFields(1)[(mu * 12) + i];
            }

            Assert.Equal(fields.Outputs[mu], output, 1e-12);
            Assert.Equal(fields.Outputs[mu] - targets[mu], integrator.Residual[mu], 1e-12);
        }
    }

    private static double[] Run(IFieldIntegrator integrator)
    {
        for (int step = 0; step < 20; step++)
        {
            integrator.Step(0.002);
        }

        return integrator.Residual.ToArray();
    }
}
