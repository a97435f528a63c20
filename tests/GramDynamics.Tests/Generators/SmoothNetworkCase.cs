namespace GramDynamics.Tests.Generators;

/// <summary>
/// A <see cref="NetworkCase"/> whose pre-activations stay at least
/// <see cref="NetworkArbitraries.SmoothMargin"/> away from 0, except those that are exactly 0
/// because every input to the neuron is 0. Such a network is differentiable in the weights, and
/// its masks are the same in float32 and double and under a finite-difference step.
/// </summary>
public sealed record SmoothNetworkCase(NetworkCase Case)
{
    public override string ToString() => Case.ToString();
}
