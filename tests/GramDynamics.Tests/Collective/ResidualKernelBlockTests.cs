using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Tests.Collective;

public class ResidualKernelBlockTests
{
    private const int Samples = 37;
    private const int InputDimension = 5;
    private static readonly int[] s_widths = [7, 65, 3];

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Mixed)]
    public void Kernel_SameAcrossBlockSizes(Precision precision)
    {
        // OpenBLAS may round differently for different GEMM shapes, so blocks agree to rounding only.
        double[] reference = ComputeKernel(precision, blockRows: Samples);
        double tolerance = (precision == Precision.Double ? 1e-13 : 1e-6) * reference.Max(Math.Abs);
        foreach (int blockRows in new[] { 1, 2, 8, 13, 36, 64 })
        {
            double[] blocked = ComputeKernel(precision, blockRows);
            for (int i = 0; i < reference.Length; i++)
            {
                Assert.True(Math.Abs(reference[i] - blocked[i]) <= tolerance,
                    $"block rows {blockRows}: K[{i / Samples}, {i % Samples}] is {blocked[i]}, "
                    + $"expected {reference[i]}");
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(256)]
    public void Kernel_MatchesPlainReference(int blockRows)
    {
        double[] kernel = ComputeKernel(Precision.Double, blockRows);
        double[] reference = PlainKernel();
        double scale = reference.Max(Math.Abs);
        for (int i = 0; i < reference.Length; i++)
        {
            Assert.True(Math.Abs(reference[i] - kernel[i]) <= 1e-12 * scale,
                $"K[{i / Samples}, {i % Samples}] is {kernel[i]}, expected {reference[i]}");
        }
    }

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Mixed)]
    public void Kernel_SymmetricAndEqualToSumOfParts(Precision precision)
    {
        (double[] inputs, Network network) = Problem();
        using var workspace = new ResidualKernel(inputs, Samples, InputDimension, s_widths, precision,
            blockRows: 8);
        var kernel = new double[Samples * Samples];
        var withParts = new double[Samples * Samples];
        double[][] parts = [.. s_widths.Select(_ => new double[Samples * Samples])];
        workspace.Compute(network, kernel);
        workspace.Compute(network, withParts, parts);
        double tolerance = precision == Precision.Double ? 1e-12 : 1e-5;
        double scale = kernel.Max(Math.Abs);
        for (int mu = 0; mu < Samples; mu++)
        {
            for (int nu = 0; nu < Samples; nu++)
            {
                int at = (mu * Samples) + nu;
                Assert.Equal(kernel[at], kernel[(nu * Samples) + mu]);
                Assert.True(Math.Abs(kernel[at] - withParts[at]) <= tolerance * scale,
                    $"K[{mu}, {nu}] is {kernel[at]} alone and {withParts[at]} with parts");
                double sum = parts.Sum(part => part[at]);
                Assert.True(Math.Abs(kernel[at] - sum) <= tolerance * scale,
                    $"K[{mu}, {nu}] is {kernel[at]}, the layer parts sum to {sum}");
            }
        }
    }

    [Fact]
    public void Mixed_WithinOneMillionthOfDouble()
    {
        double[] reference = ComputeKernel(Precision.Double, blockRows: 8);
        double[] mixed = ComputeKernel(Precision.Mixed, blockRows: 8);
        double difference = Math.Sqrt(reference.Zip(mixed, (r, m) => (r - m) * (r - m)).Sum());
        double norm = Math.Sqrt(reference.Sum(r => r * r));
        Assert.True(difference <= 1e-6 * norm,
            $"relative Frobenius error is {difference / norm:e2}, expected ≤ 1e-6");
    }

    [Fact]
    public void Mixed_MasksEqualDoubleMasks()
    {
        (double[] inputs, Network network) = Problem();
        using var workspace = new ResidualKernel(inputs, Samples, InputDimension, s_widths, Precision.Mixed);
        workspace.UpdateFields(network);
        for (int layer = 1; layer <= s_widths.Length; layer++)
        {
            Assert.Equal(workspace.DoubleFields!.Masks(layer).ToArray(),
                workspace.FloatFields!.Masks(layer).ToArray());
        }
    }

    // Vector widths in bits, because SimdWidth is internal and a public test cannot take it.
    [Theory]
    [InlineData(512)]
    [InlineData(0)]
    public void MirrorLower_CopiesEveryLowerEntry(int vectorBits)
    {
        SimdWidth saved = SimdDriver.MaxWidth;
        SimdDriver.MaxWidth = (SimdWidth)vectorBits;
        try
        {
            CheckMirrorLower();
        }
        finally
        {
            SimdDriver.MaxWidth = saved;
        }
    }

    private static void CheckMirrorLower()
    {
        foreach (int n in new[] { 1, 2, 7, 8, 9, 16, 63, 257, 300 })
        {
            var matrix = new double[n * n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    matrix[(i * n) + j] = (i * 1000.0) + j;
                }
            }

            ResidualKernel.MirrorLower<double>(matrix, n);
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    double expected = (Math.Max(i, j) * 1000.0) + Math.Min(i, j);
                    Assert.Equal(expected, matrix[(i * n) + j]);
                }
            }
        }
    }

    private static double[] ComputeKernel(Precision precision, int blockRows)
    {
        (double[] inputs, Network network) = Problem();
        using var workspace = new ResidualKernel(inputs, Samples, InputDimension, s_widths, precision,
            blockRows);
        var kernel = new double[Samples * Samples];
        workspace.Compute(network, kernel);
        return kernel;
    }

    /// <summary>K = Σ_ℓ c_ℓ² (H_{ℓ-1} H_{ℓ-1}ᵀ) ⊙ (B_ℓ B_ℓᵀ) by plain loops over the double fields.</summary>
    private static double[] PlainKernel()
    {
        (double[] inputs, Network network) = Problem();
        using var fields = new FieldState<double>(inputs, Samples, InputDimension, s_widths);
        fields.Forward(network);
        fields.Backward();
        var kernel = new double[Samples * Samples];
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            double weight = network.Multiplier(layer) * network.Multiplier(layer);
            int fanIn = fields.Widths[layer - 1];
            int width = fields.Widths[layer];
            double[] activations = fields.Activations(layer - 1).ToArray();
            double[] conjugate = fields.ConjugateFields(layer).ToArray();
            for (int mu = 0; mu < Samples; mu++)
            {
                for (int nu = 0; nu < Samples; nu++)
                {
                    double overlap = 0;
                    for (int i = 0; i < fanIn; i++)
                    {
                        overlap += activations[(mu * fanIn) + i] * activations[(nu * fanIn) + i];
                    }

                    double correlator = 0;
                    for (int i = 0; i < width; i++)
                    {
                        correlator += conjugate[(mu * width) + i] * conjugate[(nu * width) + i];
                    }

                    kernel[(mu * Samples) + nu] += weight * overlap * correlator;
                }
            }
        }

        return kernel;
    }

    private static (double[] Inputs, Network Network) Problem()
    {
        var random = new SeededNormal(5);
        double[] inputs = [.. Enumerable.Range(0, Samples * InputDimension).Select(_ => random.Next())];
        Network network = Network.Initialize(InputDimension, s_widths, Parametrization.Ntk,
            ReadoutKind.Signed, 9);
        return (inputs, network);
    }
}
