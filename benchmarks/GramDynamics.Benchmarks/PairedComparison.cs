namespace GramDynamics.Benchmarks;

/// <summary>
/// Two operations timed in alternation: <see cref="Candidate"/> against <see cref="Baseline"/>.
/// </summary>
internal sealed record PairedComparison(string Name, string BaselineName, Action Baseline,
    string CandidateName, Action Candidate)
{
    public override string ToString() => $"{Name}: {CandidateName} vs {BaselineName}";
}
