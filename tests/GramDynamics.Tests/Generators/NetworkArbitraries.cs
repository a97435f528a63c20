using FsCheck;
using FsCheck.Fluent;
using GramDynamics.Collective;
using GramDynamics.Tests.Collective.Reference;

namespace GramDynamics.Tests.Generators;

/// <summary>
/// FsCheck generators of small networks and data sets: N in 1..12, d in 1..9, depth 1..4 and
/// widths in 1..10. Width 1 and the double vector widths ± 1 (3, 4, 5, 7, 8, 9) are drawn more
/// often. Both parametrizations and readouts occur, and some cases get an all-dead or all-active
/// layer on purpose.
/// </summary>
public static class NetworkArbitraries
{
    /// <summary>Smallest |u| of a <see cref="SmoothNetworkCase"/> that is not structurally zero.</summary>
    public const double SmoothMargin = 1e-3;

    /// <summary>Any network case.</summary>
    public static Arbitrary<NetworkCase> NetworkCases() => Arb.From(CaseGenerator, Shrink);

    /// <summary>Network cases whose pre-activations keep <see cref="SmoothMargin"/> from 0.</summary>
    public static Arbitrary<SmoothNetworkCase> SmoothNetworkCases() =>
        Arb.From(CaseGenerator.Where(IsSmooth).Select(c => new SmoothNetworkCase(c)));

    private static Gen<NetworkCase> CaseGenerator =>
        from samples in Gen.Frequency((1, Gen.Constant(1)), (5, Gen.Choose(1, 12)))
        from inputDimension in Gen.Choose(1, 9)
        from depth in Gen.Choose(1, 4)
        from widths in Gen.ArrayOf(WidthGenerator, depth)
        from parametrization in Gen.Elements(Parametrization.Standard, Parametrization.Ntk)
        from readout in Gen.Elements(ReadoutKind.Signed, ReadoutKind.MeanField)
        from special in Gen.Frequency(
            (6, Gen.Constant(SpecialLayer.None)),
            (1, Gen.Constant(SpecialLayer.DeadByZeroWeights)),
            (1, Gen.Constant(SpecialLayer.DeadByNegativeWeights)),
            (1, Gen.Constant(SpecialLayer.AllActive)))
        from specialIndex in Gen.Choose(1, depth)
        from seed in Gen.Choose(0, int.MaxValue)
        select new NetworkCase(samples, inputDimension, widths, parametrization, readout, special,
            specialIndex, seed);

    private static Gen<int> WidthGenerator =>
        Gen.Frequency((3, Gen.Choose(1, 10)), (2, Gen.Elements(1, 3, 4, 5, 7, 8, 9)));

    /// <summary>Smaller cases: fewer samples, then one hidden layer fewer.</summary>
    private static IEnumerable<NetworkCase> Shrink(NetworkCase value)
    {
        if (value.Samples > 1)
        {
            yield return value with { Samples = value.Samples - 1 };
        }

        if (value.Depth > 1 && value.SpecialIndex < value.Depth)
        {
            yield return value with { Widths = value.Widths[..^1] };
        }
    }

    private static bool IsSmooth(NetworkCase value)
    {
        var reference = new BruteForceKernel(value.BuildNetwork(), value.BuildInputs(), value.Samples);
        return reference.SmallestPreactivationMargin() >= SmoothMargin;
    }
}
