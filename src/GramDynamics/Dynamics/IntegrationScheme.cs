namespace GramDynamics.Dynamics;

/// <summary>The explicit time-stepping scheme of a field integrator.</summary>
public enum IntegrationScheme
{
    /// <summary>
    /// Forward Euler with step η in flow time, so that one step is comparable with one GD step at
    /// rate η.
    /// </summary>
    ForwardEuler,

    /// <summary>
    /// Classic fourth-order Runge-Kutta with step η in flow time: the gradient-flow limit, with a
    /// local error of order η⁵ between threshold crossings.
    /// </summary>
    RungeKutta4,
}
