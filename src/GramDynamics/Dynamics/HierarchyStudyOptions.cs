namespace GramDynamics.Dynamics;

/// <summary>Settings of a <see cref="HierarchyStudy"/>.</summary>
/// <param name="Rate">η, the GD rate and the integrator's step in flow time; finite and positive.</param>
/// <param name="Steps">Number of steps of each; at least 1.</param>
/// <param name="RecordEvery">
/// A record is written every this many steps and after the last; at least 1.
/// </param>
/// <param name="Scheme">The integrator's time-stepping scheme.</param>
public sealed record HierarchyStudyOptions(
    double Rate,
    int Steps,
    int RecordEvery,
    IntegrationScheme Scheme = IntegrationScheme.ForwardEuler);
