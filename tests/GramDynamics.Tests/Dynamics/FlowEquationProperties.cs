using System.Numerics.Tensors;
using FsCheck.Xunit;
using GramDynamics.Collective;
using GramDynamics.Dynamics;

namespace GramDynamics.Tests.Dynamics;

/// <summary>
/// The flow equations du_ℓ/dt, db_ℓ/dt and dr/dt = −η K r, as each integrator evaluates them,
/// against central differences of GD, (state after a step at +η − state after a step at −η) / 2η.
/// </summary>
public class FlowEquationProperties
{
    private const double Rate = 1e-7;

    [Property(Arbitrary = [typeof(FlowCaseArbitrary)], MaxTest = 40)]
    public void FlowEquations_MatchGradientDescentDifferences(FlowCase flowCase)
    {
        double[] inputs = flowCase.Inputs();
        double[] targets = flowCase.Targets();
        Network network = flowCase.Network();
        (FieldState<double> ahead, GradientDescent aheadDescent) = StepDescent(network, inputs, targets,
            Rate);
        (FieldState<double> behind, GradientDescent behindDescent) = StepDescent(network, inputs, targets,
            -Rate);
        using (ahead)
        using (aheadDescent)
        using (behind)
        using (behindDescent)
        {
            // dr/dτ = −K r at the starting state.
            var residualRate = new double[flowCase.Samples];
            using (var kernel = new ResidualKernel(inputs, flowCase.Samples, flowCase.InputDimension,
                flowCase.Widths))
            {
                var matrix = new double[flowCase.Samples * flowCase.Samples];
                kernel.Compute(network, matrix);
                using var start = new FieldState<double>(inputs, flowCase.Samples, flowCase.InputDimension,
                    flowCase.Widths);
                start.Forward(network);
                for (int mu = 0; mu < flowCase.Samples; mu++)
                {
                    double residual = start.Outputs[mu] - targets[mu];
                    for (int nu = 0; nu < flowCase.Samples; nu++)
                    {
                        residualRate[nu] -= matrix[(nu * flowCase.Samples) + mu] * residual;
                    }
                }
            }

            AssertClose(Difference(aheadDescent.Residual, behindDescent.Residual), residualRate,
                "dr/dτ of GD vs −K r");

            FieldSnapshot snapshot = FieldSnapshot.Capture(network, inputs, targets);
            foreach (FieldIntegrator forward in Integrators(snapshot, network))
            {
                FieldIntegrator backward = Integrators(snapshot, network)
                    .First(i => i.GetType() == forward.GetType());
                forward.Step(Rate);
                backward.Step(-Rate);
                Assert.Equal(0, forward.Crossings);
                Assert.Equal(0, backward.Crossings);

                string name = forward.Name;
                AssertClose(Difference(forward.Residual, backward.Residual), residualRate,
                    $"{name}: dr/dτ vs −K r");
                for (int layer = 1; layer <= forward.TrackedLayers; layer++)
                {
                    AssertClose(Difference(forward.Preactivations(layer), backward.Preactivations(layer)),
                        Difference(ahead.Preactivations(layer), behind.Preactivations(layer)),
                            $"{name}: dU_{layer}/dτ");
                    AssertClose(Difference(forward.ConjugateFields(layer), backward.ConjugateFields(layer)),
                        Difference(ahead.ConjugateFields(layer), behind.ConjugateFields(layer)),
                            $"{name}: dB_{layer}/dτ");
                }
            }
        }
    }

    private static IEnumerable<FieldIntegrator> Integrators(FieldSnapshot snapshot, Network network)
    {
        yield return HierarchyStudy.CreateIntegrator(snapshot, network, IntegrationScheme.ForwardEuler);
        if (snapshot.Depth == 2)
        {
            yield return new DeepFieldIntegrator(snapshot, network);
        }
    }

    private static (FieldState<double> Fields, GradientDescent Descent) StepDescent(Network network,
        double[] inputs, double[] targets, double rate)
    {
        var fields = new FieldState<double>(inputs, targets.Length, network.InputDimension, network.Widths);
        var descent = new GradientDescent(network.Clone(), fields, targets);
        descent.Step(rate);
        return (fields, descent);
    }

    private static double[] Difference(ReadOnlySpan<double> ahead, ReadOnlySpan<double> behind)
    {
        var rate = new double[ahead.Length];
        TensorPrimitives.Subtract(ahead, behind, rate);
        TensorPrimitives.Divide(rate, 2 * Rate, rate);
        return rate;
    }

    // Central differences at η = 1e-7 carry rounding of about 1e-16 |state| / η ≈ 1e-9 |state|.
    private static void AssertClose(double[] actual, double[] expected, string what)
    {
        double distance = TensorPrimitives.Distance<double>(actual, expected);
        double tolerance = (1e-6 * TensorPrimitives.Norm<double>(expected)) + 1e-7;
        Assert.True(distance <= tolerance, $"{what}: distance {distance:E3}, tolerance {tolerance:E3}");
    }
}
