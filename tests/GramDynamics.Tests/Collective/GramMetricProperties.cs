using FsCheck.Xunit;
using GramDynamics.Collective;
using GramDynamics.Tests.Collective.Reference;
using GramDynamics.Tests.Generators;

namespace GramDynamics.Tests.Collective;

/// <summary>
/// Gram metric identities: G_ℓ(μ,ν) and Γ_ℓ(μ,ν) are symmetric PSD, of rank at most tr D, below
/// the full Gram of Ŵ in Loewner order, and equal to scalar sums over the active neurons.
/// </summary>
[Properties(Arbitrary = [typeof(NetworkArbitraries)], MaxTest = 100)]
public class GramMetricProperties
{
    private const double Tolerance = 1e-10;
    private const double EigenTolerance = 1e-12;

    [Property]
    public void PullbackGram_IsBoundedSymmetricPsd(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        using FieldState<double> fields = value.ComputeFields(network, value.BuildInputs());
        for (int layer = 0; layer < value.Depth; layer++)
        {
            int rows = fields.Widths[layer + 1];
            int columns = fields.Widths[layer];
            double[] weights = fields.EffectiveWeights(layer + 1).ToArray();
            double[] full = ScalarPullback(weights, rows, columns, [.. Enumerable.Repeat(1.0, rows)]);
            foreach ((int mu, int nu) in Pairs(value.Samples))
            {
                string label = $"G_{layer}({mu},{nu})";
                var pullbackGram = new double[columns * columns];
                var swapped = new double[columns * columns];
                GramMetrics.PullbackGram(fields, layer, mu, nu, pullbackGram.AsSpan());
                GramMetrics.PullbackGram(fields, layer, nu, mu, swapped.AsSpan());
                double[] projector = ProjectorDiagonal(fields, layer + 1, mu, nu);
                int trace = (int)projector.Sum();

                MatrixAssert.BitwiseSymmetric(pullbackGram, columns, label);
                MatrixAssert.Identical(pullbackGram, swapped, columns, $"{label} against G({nu},{mu})");
                MatrixAssert.PositiveSemidefinite(pullbackGram, columns, EigenTolerance, label);
                Assert.True(MatrixAssert.NumericalRank(pullbackGram, columns, 1e-9) <= trace,
                    $"{label} has rank above tr D = {trace}");
                MatrixAssert.PositiveSemidefinite(Subtract(full, pullbackGram), columns, EigenTolerance,
                    $"ŴᵀŴ − {label}");
                MatrixAssert.Close(ScalarPullback(weights, rows, columns, projector), pullbackGram, columns,
                    Tolerance, $"{label} against scalar sum");

                var fromProjector = new double[columns * columns];
                GramMetrics.PullbackGram<double>(weights, rows, columns, projector, fromProjector);
                MatrixAssert.Identical(pullbackGram, fromProjector, columns, $"{label} from diagonal");
            }
        }
    }

    [Property]
    public void ConjugateGram_IsBoundedSymmetricPsd(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        using FieldState<double> fields = value.ComputeFields(network, value.BuildInputs());
        for (int layer = 1; layer < value.Depth; layer++)
        {
            int rows = fields.Widths[layer + 1];
            int columns = fields.Widths[layer];
            double[] weights = fields.EffectiveWeights(layer + 1).ToArray();
            double[] full = ScalarConjugate(weights, rows, columns, [.. Enumerable.Repeat(1.0, columns)]);
            foreach ((int mu, int nu) in Pairs(value.Samples))
            {
                string label = $"Γ_{layer}({mu},{nu})";
                var conjugateGram = new double[rows * rows];
                var swapped = new double[rows * rows];
                GramMetrics.ConjugateGram(fields, layer, mu, nu, conjugateGram.AsSpan());
                GramMetrics.ConjugateGram(fields, layer, nu, mu, swapped.AsSpan());
                double[] projector = ProjectorDiagonal(fields, layer, mu, nu);
                int trace = (int)projector.Sum();

                MatrixAssert.BitwiseSymmetric(conjugateGram, rows, label);
                MatrixAssert.Identical(conjugateGram, swapped, rows, $"{label} against Γ({nu},{mu})");
                MatrixAssert.PositiveSemidefinite(conjugateGram, rows, EigenTolerance, label);
                Assert.True(MatrixAssert.NumericalRank(conjugateGram, rows, 1e-9) <= trace,
                    $"{label} has rank above tr D = {trace}");
                MatrixAssert.PositiveSemidefinite(Subtract(full, conjugateGram), rows, EigenTolerance,
                    $"ŴŴᵀ − {label}");
                MatrixAssert.Close(ScalarConjugate(weights, rows, columns, projector), conjugateGram, rows,
                    Tolerance, $"{label} against scalar sum");

                var fromProjector = new double[rows * rows];
                GramMetrics.ConjugateGram<double>(weights, rows, columns, projector, fromProjector);
                MatrixAssert.Identical(conjugateGram, fromProjector, rows, $"{label} from diagonal");
            }
        }
    }

    [Fact]
    public void PullbackGram_RejectsNonBinaryProjector()
    {
        double[] weights = [1, 2, 3, 4];
        var pullbackGram = new double[4];
        Assert.Throws<ArgumentException>(() =>
            GramMetrics.PullbackGram<double>(weights, 2, 2, [1.0, 0.5], pullbackGram));
    }

    /// <summary>All pairs μ ≥ ν.</summary>
    internal static IEnumerable<(int Mu, int Nu)> Pairs(int samples) =>
        from mu in Enumerable.Range(0, samples)
        from nu in Enumerable.Range(0, mu + 1)
        select (mu, nu);

    internal static double[] ProjectorDiagonal(FieldState<double> fields, int layer, int mu, int nu)
    {
        var projector = new double[fields.Widths[layer]];
        CoactivationProjector.Diagonal(fields, layer, mu, nu, projector.AsSpan());
        return projector;
    }

    /// <summary>Σ_i d_i ŵ_iᵀ ŵ_i over the rows ŵ_i of Ŵ: [rows, columns], by scalar loops.</summary>
    internal static double[] ScalarPullback(double[] weights, int rows, int columns, double[] projector)
    {
        var result = new double[columns * columns];
        for (int a = 0; a < columns; a++)
        {
            for (int b = 0; b < columns; b++)
            {
                double sum = 0;
                for (int i = 0; i < rows; i++)
                {
                    sum += weights[(i * columns) + a] * projector[i] * weights[(i * columns) + b];
                }

                result[(a * columns) + b] = sum;
            }
        }

        return result;
    }

    /// <summary>Σ_j d_j ŵ_{:j} ŵ_{:j}ᵀ over the columns of Ŵ: [rows, columns], by scalar loops.</summary>
    internal static double[] ScalarConjugate(double[] weights, int rows, int columns, double[] projector)
    {
        var result = new double[rows * rows];
        for (int a = 0; a < rows; a++)
        {
            for (int b = 0; b < rows; b++)
            {
                double sum = 0;
                for (int j = 0; j < columns; j++)
                {
                    sum += weights[(a * columns) + j] * projector[j] * weights[(b * columns) + j];
                }

                result[(a * rows) + b] = sum;
            }
        }

        return result;
    }

    private static double[] Subtract(double[] left, double[] right) => [.. left.Zip(right, (a, b) => a - b)];
}
