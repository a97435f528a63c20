using FsCheck;
using FsCheck.Fluent;
using GramDynamics.Collective;

namespace GramDynamics.Tests.Dynamics;

/// <summary>
/// A small network and training set, drawn from a seed, whose pre-activations all lie at least
/// <see cref="MinimumMargin"/> away from 0, so that a step of rate 1e-7 changes no mask.
/// </summary>
public sealed record FlowCase(int Seed, int Samples, int InputDimension, int[] Widths,
    Parametrization Parametrization)
{
    /// <summary>Smallest |u_ℓi(μ)| that a generated case has.</summary>
    public const double MinimumMargin = 1e-3;

    /// <summary>X with N(0, 1) entries: [N, d].</summary>
    public double[] Inputs()
    {
        var random = new SeededNormal(Seed);
        return [.. Enumerable.Range(0, Samples * InputDimension).Select(_ => random.Next())];
    }

    /// <summary>y with N(0, 1) entries: [N].</summary>
    public double[] Targets()
    {
        var random = new SeededNormal(Seed + 1);
        return [.. Enumerable.Range(0, Samples).Select(_ => random.Next())];
    }

    /// <summary>A network with a signed readout in the case's parametrization.</summary>
    public Network Network() =>
        GramDynamics.Collective.Network.Initialize(InputDimension, Widths, Parametrization,
            ReadoutKind.Signed, Seed + 2);

    /// <summary>Smallest |u_ℓi(μ)| over all layers, samples and neurons.</summary>
    public double Margin()
    {
        Network network = Network();
        using var fields = new FieldState<double>(Inputs(), Samples, InputDimension, Widths);
        fields.Forward(network);
        double margin = double.PositiveInfinity;
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            foreach (double u in fields.Preactivations(layer))
            {
                margin = Math.Min(margin, Math.Abs(u));
            }
        }

        return margin;
    }

    public override string ToString() =>
        $"FlowCase(seed {Seed}, N {Samples}, d {InputDimension}, widths [{string.Join(", ", Widths)}], "
        + $"{Parametrization})";
}

/// <summary>Registers the generator of <see cref="FlowCase"/> with FsCheck.</summary>
public static class FlowCaseArbitrary
{
    public static Arbitrary<FlowCase> FlowCase() =>
        (from seed in Gen.Choose(0, 1_000_000)
         from samples in Gen.Choose(1, 6)
         from inputDimension in Gen.Choose(1, 4)
         from depth in Gen.Choose(1, 4)
         from widths in Gen.ArrayOf(Gen.Choose(1, 6), depth)
         from parametrization in Gen.Elements(Parametrization.Standard, Parametrization.Ntk)
         select new FlowCase(seed, samples, inputDimension, widths, parametrization))
        .Where(c => c.Margin() >= Dynamics.FlowCase.MinimumMargin)
        .ToArbitrary();
}
