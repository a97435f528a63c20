namespace GramDynamics.Tests.Collective;

/// <summary>
/// Tests that flip the process-wide <see cref="Numerics.Blas.ForceManaged"/> switch. xunit runs
/// this collection after the parallel ones and never beside them, so no other test sees the switch.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BlasSwitchCollection
{
    public const string Name = "Blas switch";
}
