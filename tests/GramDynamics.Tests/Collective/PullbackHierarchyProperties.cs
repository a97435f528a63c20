using FsCheck.Xunit;
using GramDynamics.Collective;
using GramDynamics.Tests.Collective.Reference;
using GramDynamics.Tests.Generators;

namespace GramDynamics.Tests.Collective;

/// <summary>
/// The pullback hierarchy: the recursions for M_ℓ^(m) and Γ_ℓ^(k) equal their closed forms through
/// explicit Jacobians, their first levels are D_ℓ(μ) G_ℓ D_ℓ(ν) and Γ_k, and J maps u_ℓ to u_m.
/// </summary>
[Properties(Arbitrary = [typeof(NetworkArbitraries)], MaxTest = 100)]
public class PullbackHierarchyProperties
{
    private const double Tolerance = 1e-10;

    [Property]
    public void Pullback_RecursionEqualsClosedForm(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        using FieldState<double> fields = value.ComputeFields(network, value.BuildInputs());
        foreach ((int mu, int nu) in OrderedPairs(value.Samples))
        {
            for (int top = 1; top <= value.Depth; top++)
            {
                for (int layer = 1; layer <= top; layer++)
                {
                    int width = fields.Widths[layer];
                    string label = $"M_{layer}^({top})({mu},{nu})";
                    var recursion = new double[width * width];
                    var closedForm = new double[width * width];
                    var swapped = new double[width * width];
                    PullbackHierarchy.Pullback(fields, layer, top, mu, nu, recursion.AsSpan());
                    PullbackHierarchy.PullbackClosedForm(fields, layer, top, mu, nu, closedForm.AsSpan());
                    PullbackHierarchy.Pullback(fields, layer, top, nu, mu, swapped.AsSpan());

                    MatrixAssert.Close(closedForm, recursion, width, Tolerance, $"{label} recursion");
                    MatrixAssert.Close(Transpose(swapped, width), recursion, width, Tolerance,
                        $"{label} against M({nu},{mu})ᵀ");
                }
            }
        }
    }

    [Property]
    public void Pullback_FirstLevelsAreProjectorAndPullbackGram(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        using FieldState<double> fields = value.ComputeFields(network, value.BuildInputs());
        foreach ((int mu, int nu) in OrderedPairs(value.Samples))
        {
            for (int layer = 1; layer <= value.Depth; layer++)
            {
                int width = fields.Widths[layer];
                var pullback = new double[width * width];
                PullbackHierarchy.Pullback(fields, layer, layer, mu, nu, pullback.AsSpan());
                double[] projector = Diagonal(GramMetricProperties.ProjectorDiagonal(fields, layer, mu, nu));
                MatrixAssert.Identical(projector, pullback, width, $"M_{layer}^({layer})({mu},{nu}) vs D");
                if (layer == value.Depth)
                {
                    continue;
                }

                var pullbackGram = new double[width * width];
                GramMetrics.PullbackGram(fields, layer, mu, nu, pullbackGram.AsSpan());
                double[] projectorMu = GramMetricProperties.ProjectorDiagonal(fields, layer, mu, mu);
                double[] projectorNu = GramMetricProperties.ProjectorDiagonal(fields, layer, nu, nu);
                for (int i = 0; i < width; i++)
                {
                    for (int j = 0; j < width; j++)
                    {
                        pullbackGram[(i * width) + j] *= projectorMu[i] * projectorNu[j];
                    }
                }

                PullbackHierarchy.Pullback(fields, layer, layer + 1, mu, nu, pullback.AsSpan());
                MatrixAssert.Close(pullbackGram, pullback, width, Tolerance,
                    $"M_{layer}^({layer + 1})({mu},{nu}) against D G D");
            }
        }
    }

    [Property]
    public void Forward_RecursionEqualsClosedForm(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        using FieldState<double> fields = value.ComputeFields(network, value.BuildInputs());
        foreach ((int mu, int nu) in OrderedPairs(value.Samples))
        {
            for (int layer = 1; layer <= value.Depth; layer++)
            {
                for (int source = 1; source <= layer; source++)
                {
                    int width = fields.Widths[layer];
                    string label = $"Γ_{layer}^({source})({mu},{nu})";
                    var recursion = new double[width * width];
                    var closedForm = new double[width * width];
                    var swapped = new double[width * width];
                    PullbackHierarchy.Forward(fields, layer, source, mu, nu, recursion.AsSpan());
                    PullbackHierarchy.ForwardClosedForm(fields, layer, source, mu, nu, closedForm.AsSpan());
                    PullbackHierarchy.Forward(fields, layer, source, nu, mu, swapped.AsSpan());

                    MatrixAssert.Close(closedForm, recursion, width, Tolerance, $"{label} recursion");
                    MatrixAssert.Close(Transpose(swapped, width), recursion, width, Tolerance,
                        $"{label} against Γ({nu},{mu})ᵀ");
                }
            }
        }
    }

    [Property]
    public void Forward_FirstLevelsAreIdentityAndConjugateGram(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        using FieldState<double> fields = value.ComputeFields(network, value.BuildInputs());
        foreach ((int mu, int nu) in OrderedPairs(value.Samples))
        {
            for (int source = 1; source <= value.Depth; source++)
            {
                int width = fields.Widths[source];
                var forward = new double[width * width];
                PullbackHierarchy.Forward(fields, source, source, mu, nu, forward.AsSpan());
                MatrixAssert.Identical(Diagonal([.. Enumerable.Repeat(1.0, width)]), forward, width,
                    $"Γ_{source}^({source})({mu},{nu}) against I");
                if (source == value.Depth)
                {
                    continue;
                }

                int above = fields.Widths[source + 1];
                var next = new double[above * above];
                var conjugateGram = new double[above * above];
                PullbackHierarchy.Forward(fields, source + 1, source, mu, nu, next.AsSpan());
                GramMetrics.ConjugateGram(fields, source, mu, nu, conjugateGram.AsSpan());
                MatrixAssert.Close(conjugateGram, next, above, Tolerance,
                    $"Γ_{source + 1}^({source})({mu},{nu}) against Γ_{source}");
            }
        }
    }

    [Property]
    public void Jacobian_MapsLowerFieldToUpperField(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        using FieldState<double> fields = value.ComputeFields(network, value.BuildInputs());

        // Without biases a ReLU network is linear along each sample's own masks: u_m = J_{m←ℓ} u_ℓ.
        for (int mu = 0; mu < value.Samples; mu++)
        {
            for (int top = 1; top <= value.Depth; top++)
            {
                for (int layer = 1; layer <= top; layer++)
                {
                    int width = fields.Widths[layer];
                    int topWidth = fields.Widths[top];
                    var jacobian = new double[topWidth * width];
                    PullbackHierarchy.Jacobian(fields, top, layer, mu, jacobian.AsSpan());
                    ReadOnlySpan<double> lower = fields.Preactivations(layer).Slice(mu * width, width);
                    var mapped = new double[topWidth];
                    for (int i = 0; i < topWidth; i++)
                    {
                        for (int j = 0; j < width; j++)
                        {
                            mapped[i] += jacobian[(i * width) + j] * lower[j];
                        }
                    }

                    double[] upper = fields.Preactivations(top).Slice(mu * topWidth, topWidth).ToArray();
                    string label = $"J_{top}←{layer}({mu}) u_{layer}";
                    MatrixAssert.Close(upper, mapped, topWidth, Tolerance, label);
                }
            }
        }
    }

    /// <summary>All pairs (μ, ν) of at most the first five samples, both orders.</summary>
    private static IEnumerable<(int Mu, int Nu)> OrderedPairs(int samples) =>
        from mu in Enumerable.Range(0, Math.Min(samples, 5))
        from nu in Enumerable.Range(0, Math.Min(samples, 5))
        select (mu, nu);

    private static double[] Diagonal(double[] diagonal)
    {
        int n = diagonal.Length;
        var dense = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            dense[(i * n) + i] = diagonal[i];
        }

        return dense;
    }

    private static double[] Transpose(double[] matrix, int n)
    {
        var transposed = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                transposed[(j * n) + i] = matrix[(i * n) + j];
            }
        }

        return transposed;
    }
}
