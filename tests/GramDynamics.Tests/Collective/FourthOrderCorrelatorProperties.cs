using FsCheck.Xunit;
using GramDynamics.Collective;
using GramDynamics.Tests.Collective.Reference;
using GramDynamics.Tests.Generators;

namespace GramDynamics.Tests.Collective;

/// <summary>
/// The fourth-order form S^(ℓ)_μν = b_{ℓ+1}(μ)ᵀ Γ_ℓ(μ,ν) b_{ℓ+1}(ν) equals the fast path and
/// B_ℓ B_ℓᵀ, for ℓ = 1..L−1.
/// </summary>
[Properties(Arbitrary = [typeof(NetworkArbitraries)], MaxTest = 100)]
public class FourthOrderCorrelatorProperties
{
    private const double Tolerance = 1e-10;

    [Property]
    public void FourthOrderForm_EqualsFastPath(NetworkCase value)
    {
        Network network = value.BuildNetwork();
        using FieldState<double> fields = value.ComputeFields(network, value.BuildInputs());
        int n = value.Samples;
        for (int layer = 1; layer < value.Depth; layer++)
        {
            var fast = new double[n * n];
            var reference = new double[n * n];
            var correlator = new double[n * n];
            FourthOrderCorrelator.Compute(fields, layer, fast.AsSpan());
            FourthOrderCorrelator.ComputeByConjugateGram(fields, layer, reference.AsSpan());
            GramMatrices.ConjugateCorrelator(fields, layer, correlator.AsSpan());

            MatrixAssert.BitwiseSymmetric(fast, n, $"fast S^({layer})");
            MatrixAssert.BitwiseSymmetric(reference, n, $"fourth-order S^({layer})");
            MatrixAssert.Close(reference, fast, n, Tolerance, $"fast S^({layer}) against fourth-order form");
            MatrixAssert.Close(correlator, fast, n, Tolerance, $"fast S^({layer}) against B Bᵀ");
        }
    }

    [Fact]
    public void FourthOrderForm_RejectsTopLayer()
    {
        var value = new NetworkCase(3, 2, [4, 5], Parametrization.Standard, ReadoutKind.Signed,
            SpecialLayer.None, 1, 11);
        using FieldState<double> fields = value.ComputeFields(value.BuildNetwork(), value.BuildInputs());
        var correlator = new double[9];
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            FourthOrderCorrelator.Compute(fields, 2, correlator));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            FourthOrderCorrelator.ComputeByConjugateGram(fields, 2, correlator));
    }
}
