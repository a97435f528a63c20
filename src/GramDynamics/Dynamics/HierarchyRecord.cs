namespace GramDynamics.Dynamics;

/// <summary>
/// One row of a <see cref="HierarchyStudy"/>: how far a field integrator has drifted from
/// weight-space GD after <paramref name="Step"/> steps from the same starting network.
/// </summary>
/// <param name="Depth">L, the depth of the network.</param>
/// <param name="Integrator">The integrator's name, such as "depth2-euler".</param>
/// <param name="Step">Steps taken by both GD and the integrator.</param>
/// <param name="ResidualDivergence">‖r_field − r_GD‖ / ‖r_GD‖.</param>
/// <param name="FieldDivergence">
/// ‖U_field − U_GD‖ / ‖U_GD‖, Frobenius norms over all layers the integrator tracks.
/// </param>
/// <param name="Crossings">Threshold crossings of the integrator since the previous record.</param>
/// <param name="ReadsWeights">Whether the integrator applies weight-induced operators.</param>
/// <param name="OperatorApplications">The integrator's weight-induced operator applications so far.</param>
/// <param name="StepCostRatio">
/// Wall time per integrator step over wall time per GD step, both summed with a stopwatch from the
/// first step to this one.
/// </param>
public readonly record struct HierarchyRecord(
    int Depth,
    string Integrator,
    int Step,
    double ResidualDivergence,
    double FieldDivergence,
    int Crossings,
    bool ReadsWeights,
    long OperatorApplications,
    double StepCostRatio);
