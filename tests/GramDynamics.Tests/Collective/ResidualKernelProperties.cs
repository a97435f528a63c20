using FsCheck.Xunit;
using GramDynamics.Collective;
using GramDynamics.Tests.Collective.Reference;
using GramDynamics.Tests.Generators;

namespace GramDynamics.Tests.Collective;

/// <summary>
/// The residual kernel against its references: the brute-force J Jᵀ, a finite-difference J Jᵀ,
/// float32 and mixed precision, other block sizes and its own layer parts.
/// </summary>
[Properties(Arbitrary = [typeof(NetworkArbitraries)], MaxTest = 100)]
public class ResidualKernelProperties
{
    private const double Tolerance = 1e-10;

    [Property]
    public void ResidualKernel_EqualsBruteForceJacobianGram(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        var reference = new BruteForceKernel(network, inputs, value.Samples);
        double[] kernel = Compute(value, network, inputs, Precision.Double);
        MatrixAssert.Close(reference.Kernel, kernel, value.Samples, Tolerance, "K against J Jᵀ");
    }

    [Property]
    public void ResidualKernel_DiagonalIsGradientSquaredNorm(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        var reference = new BruteForceKernel(network, inputs, value.Samples);
        double[] kernel = Compute(value, network, inputs, Precision.Double);
        int n = value.Samples;
        double[] diagonal = [.. Enumerable.Range(0, n).Select(mu => kernel[(mu * n) + mu])];
        MatrixAssert.Close(reference.GradientSquaredNorms, diagonal, value.Samples, Tolerance,
            "K_μμ against ‖∇_W f(x_μ)‖²");
    }

    [Property]
    public void ResidualKernel_EqualsFiniteDifferenceGram(SmoothNetworkCase smooth)
    {
        NetworkCase value = smooth.Case;
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        var reference = new BruteForceKernel(network, inputs, value.Samples);
        double[] jacobian = BruteForceKernel.FiniteDifferenceJacobian(network, inputs, value.Samples, 1e-6);
        double[] estimate = BruteForceKernel.OuterGram(jacobian, value.Samples, reference.Parameters);
        double[] kernel = Compute(value, network, inputs, Precision.Double);
        MatrixAssert.Close(estimate, kernel, value.Samples, 1e-6, "K against finite-difference J Jᵀ");
    }

    [Property]
    public void ResidualKernel_Float32WithinTolerance(SmoothNetworkCase smooth)
    {
        NetworkCase value = smooth.Case;
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        double[] expected = Compute(value, network, inputs, Precision.Double);
        double[] actual = Compute(value, network, inputs, Precision.Float32);
        MatrixAssert.FrobeniusClose(expected, actual, 1e-5, "float32 K");
    }

    [Property]
    public void ResidualKernel_MixedWithinTolerance(SmoothNetworkCase smooth)
    {
        NetworkCase value = smooth.Case;
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        double[] expected = Compute(value, network, inputs, Precision.Double);
        double[] actual = Compute(value, network, inputs, Precision.Mixed);
        MatrixAssert.FrobeniusClose(expected, actual, 1e-6, "mixed-precision K");
    }

    [Property]
    public void ResidualKernel_BlockRowsAgree(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        double[] expected = Compute(value, network, inputs, Precision.Double);
        foreach (int blockRows in new[] { 1, 3 })
        {
            double[] actual = Compute(value, network, inputs, Precision.Double, blockRows);
            MatrixAssert.Close(expected, actual, value.Samples, 1e-12, $"K with {blockRows} block rows");
            MatrixAssert.BitwiseSymmetric(actual, value.Samples, $"K with {blockRows} block rows");
        }
    }

    [Property]
    public void ResidualKernel_LayerPartsSumToKernel(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        double[] inputs = value.BuildInputs();
        int n = value.Samples;
        foreach (Precision precision in new[] { Precision.Double, Precision.Float32, Precision.Mixed })
        {
            double[][] parts = [.. Enumerable.Range(0, value.Depth).Select(_ => new double[n * n])];
            using var workspace =
                new ResidualKernel(inputs, n, value.InputDimension, value.Widths, precision);
            var kernel = new double[n * n];
            workspace.Compute(network, kernel, parts);
            var sum = new double[n * n];
            foreach (double[] part in parts)
            {
                for (int index = 0; index < sum.Length; index++)
                {
                    sum[index] += part[index];
                }
            }

            double tolerance = precision == Precision.Double ? 1e-12 : 1e-6;
            MatrixAssert.Close(sum, kernel, n, tolerance, $"{precision} K against Σ K^(ℓ)");
            double[] withoutParts = Compute(value, network, inputs, precision);
            MatrixAssert.Close(withoutParts, kernel, n, tolerance, $"{precision} K with and without parts");
        }
    }

    internal static double[] Compute(NetworkCase value, Network network, double[] inputs, Precision precision,
        int blockRows = ResidualKernel.DefaultBlockRows)
    {
        using var workspace = new ResidualKernel(inputs, value.Samples, value.InputDimension, value.Widths,
            precision, blockRows);
        var kernel = new double[value.Samples * value.Samples];
        workspace.Compute(network, kernel);
        return kernel;
    }
}
