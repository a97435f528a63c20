using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Runs;

/// <summary>The top eigenvalue of K for a network before training, used to choose or compare rates.</summary>
public static class InitialSpectrum
{
    /// <summary>Returns λ_max(K) for the network on X ([N, d] row-major).</summary>
    public static double TopEigenvalue(Network network, ReadOnlySpan<double> inputs, int samples)
    {
        var kernel = new double[(long)samples * samples];
        using (var workspace = new ResidualKernel(inputs, samples, network.InputDimension, network.Widths))
        {
            workspace.Compute(network, kernel);
        }

        Span<double> top = stackalloc double[1];
        SymmetricEigensolver.LargestEigenvalues(kernel, samples, 1, top);
        return top[0];
    }
}
