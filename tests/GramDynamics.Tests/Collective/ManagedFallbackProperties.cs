using FsCheck.Xunit;
using GramDynamics.Collective;
using GramDynamics.Numerics;
using GramDynamics.Tests.Collective.Reference;
using GramDynamics.Tests.Generators;

namespace GramDynamics.Tests.Collective;

/// <summary>The managed BLAS fallback gives the same kernels as OpenBLAS.</summary>
[Collection(BlasSwitchCollection.Name)]
[Properties(Arbitrary = [typeof(NetworkArbitraries)], MaxTest = 100)]
public class ManagedFallbackProperties
{
    [Property]
    public void ManagedFallback_MatchesOpenBlas(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        bool previous = Blas.ForceManaged;
        double[] native;
        double[] managed;
        double[] nativeCorrelator;
        double[] managedCorrelator;
        try
        {
            Blas.ForceManaged = false;
            native = ResidualKernelProperties.Compute(value, network, inputs, Precision.Double);
            nativeCorrelator = FourthOrder(value, network, inputs);
            Blas.ForceManaged = true;
            managed = ResidualKernelProperties.Compute(value, network, inputs, Precision.Double);
            managedCorrelator = FourthOrder(value, network, inputs);
        }
        finally
        {
            Blas.ForceManaged = previous;
        }

        MatrixAssert.Close(native, managed, value.Samples, 1e-12, "managed K against OpenBLAS");
        MatrixAssert.Close(nativeCorrelator, managedCorrelator, value.Samples, 1e-12,
            "managed fourth-order S against OpenBLAS");
    }

    /// <summary>The fast-path S^(1) when L ≥ 2, else an empty matrix.</summary>
    private static double[] FourthOrder(NetworkCase value, Network network, double[] inputs)
    {
        if (value.Depth < 2)
        {
            return [];
        }

        using FieldState<double> fields = value.ComputeFields(network, inputs);
        var correlator = new double[value.Samples * value.Samples];
        FourthOrderCorrelator.Compute(fields, 1, correlator.AsSpan());
        return correlator;
    }
}
