using System.Numerics.Tensors;

namespace GramDynamics.Collective;

/// <summary>
/// Measures how far K in a reduced precision is from K in double on the same network and data.
/// </summary>
public static class PrecisionError
{
    /// <summary>
    /// Returns ‖K_precision − K_double‖_F / ‖K_double‖_F, or null when K_double is 0. Both kernels are
    /// computed here, so the call costs two kernel computations.
    /// </summary>
    /// <param name="network">The network.</param>
    /// <param name="inputs">X: [N, d] row-major.</param>
    /// <param name="samples">N.</param>
    /// <param name="precision">The precision to measure.</param>
    public static double? RelativeFrobenius(Network network, ReadOnlySpan<double> inputs, int samples,
        Precision precision)
    {
        var reference = new double[(long)samples * samples];
        var reduced = new double[(long)samples * samples];
        using (var kernel = new ResidualKernel(inputs, samples, network.InputDimension, network.Widths))
        {
            kernel.Compute(network, reference);
        }

        using (var kernel = new ResidualKernel(inputs, samples, network.InputDimension, network.Widths,
            precision))
        {
            kernel.Compute(network, reduced);
        }

        return RelativeFrobenius(reference, reduced);
    }

    /// <summary>Returns ‖actual − reference‖_F / ‖reference‖_F, or null when the reference is 0.</summary>
    public static double? RelativeFrobenius(ReadOnlySpan<double> reference, ReadOnlySpan<double> actual)
    {
        double norm = TensorPrimitives.Norm(reference);
        if (norm == 0)
        {
            return null;
        }

        double difference = 0;
        for (int i = 0; i < reference.Length; i++)
        {
            double delta = actual[i] - reference[i];
            difference += delta * delta;
        }

        return Math.Sqrt(difference) / norm;
    }
}
