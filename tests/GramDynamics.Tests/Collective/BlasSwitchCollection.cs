namespace GramDynamics.Tests.Collective;

/// <summary>
/// Tests that flip the process-wide <see cref="Numerics.Blas.ForceManaged"/> switch. xunit 2 runs
/// collections with DisableParallelization one at a time after the parallel ones, so no other test
/// runs while the switch is flipped.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BlasSwitchCollection
{
    public const string Name = "Blas switch";
}
