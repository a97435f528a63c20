namespace GramDynamics.Report.Reading;

/// <summary>
/// One row of hierarchy.csv: a field integrator of a depth-L network beside GD at one step.
/// </summary>
/// <param name="Depth">Number of hidden layers L.</param>
/// <param name="Integrator">Name of the field integrator.</param>
/// <param name="Step">GD step.</param>
/// <param name="ResidualDivergence">‖r_field − r_GD‖ / ‖r_GD‖.</param>
/// <param name="FieldDivergence">The same relative distance for the activation fields u.</param>
/// <param name="Crossings">
/// Threshold crossings since the previous record: the count of pairs (μ, i) whose mask changed.
/// </param>
/// <param name="ReadsWeights">Whether the integrator consults the weights (G, Γ or M).</param>
/// <param name="StepCostRatio">Cost of one integrator step over one GD step.</param>
internal sealed record HierarchyRow(int Depth, string Integrator, int Step, double? ResidualDivergence,
    double? FieldDivergence, double? Crossings, bool? ReadsWeights, double? StepCostRatio);
