using GramDynamics.Diagnostics;

namespace GramDynamics.Tests.Diagnostics;

public class KernelDiagnosticsTests
{
    private static readonly double[] s_kernel = [2, 1, 1, 2];

    [Fact]
    public void Distance_ParallelKernels_IsZero()
    {
        double[] doubled = [.. s_kernel.Select(v => 2 * v)];

        Assert.Equal(0, KernelDiagnostics.Distance(s_kernel, s_kernel, 2)!.Value, 1e-16);
        Assert.Equal(0, KernelDiagnostics.Distance(s_kernel, doubled, 2)!.Value, 1e-16);
    }

    [Fact]
    public void Distance_OrthogonalAndOpposite_AreOneAndTwo()
    {
        double[] identity = [1, 0, 0, 1];
        double[] offDiagonal = [0, 1, 1, 0];
        double[] negated = [-1, 0, 0, -1];

        Assert.Equal(1, KernelDiagnostics.Distance(identity, offDiagonal, 2)!.Value, 1e-15);
        Assert.Equal(2, KernelDiagnostics.Distance(identity, negated, 2)!.Value, 1e-15);
    }

    [Fact]
    public void Distance_HandCase()
    {
        // ⟨I, K⟩ = 4, ‖I‖ = √2, ‖K‖ = √10: 1 − 4 / √20.
        double[] identity = [1, 0, 0, 1];

        double? distance = KernelDiagnostics.Distance(identity, s_kernel, 2);

        Assert.Equal(1 - (4 / Math.Sqrt(20)), distance!.Value, 1e-15);
    }

    [Fact]
    public void Distance_NearlyParallel_KeepsPrecision()
    {
        // K1 = K + δ E₁₁; to second order 1 − cos = δ² (‖K‖² − K₁₁²) / (2 ‖K‖⁴) = 6 δ² / 200.
        const double delta = 1e-7;
        double[] perturbed = [2 + delta, 1, 1, 2];

        double distance = KernelDiagnostics.Distance(s_kernel, perturbed, 2)!.Value;

        Assert.Equal(6 * delta * delta / 200, distance, 1e-20);
    }

    [Fact]
    public void Distance_ZeroKernel_IsUndefined()
    {
        Assert.Null(KernelDiagnostics.Distance(new double[4], s_kernel, 2));
        Assert.Null(KernelDiagnostics.Distance(s_kernel, new double[4], 2));
        Assert.Null(KernelDiagnostics.Distance([0.0], [0.0], 1));
    }

    [Fact]
    public void Distance_SingleSample_IsZero()
    {
        Assert.Equal(0, KernelDiagnostics.Distance([3.0], [5.0], 1));
    }

    [Fact]
    public void TargetAlignment_HandCase()
    {
        // yᵀ K y = 2, ‖K‖_F = √10, ‖y‖² = 2.
        double[] targets = [1, -1];

        double? alignment = KernelDiagnostics.TargetAlignment(s_kernel, 2, targets);

        Assert.Equal(1 / Math.Sqrt(10), alignment!.Value, 1e-15);
    }

    [Fact]
    public void TargetAlignment_RankOneTargetKernel_IsOne()
    {
        double[] targets = [1, -2, 0.5];
        var kernel = new double[9];
        for (int i = 0; i < 3; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                kernel[(i * 3) + j] = targets[i] * targets[j];
            }
        }

        Assert.Equal(1, KernelDiagnostics.TargetAlignment(kernel, 3, targets)!.Value, 1e-15);
    }

    [Fact]
    public void TargetAlignment_ZeroKernelOrTargets_IsUndefined()
    {
        Assert.Null(KernelDiagnostics.TargetAlignment(new double[4], 2, [1, 1]));
        Assert.Null(KernelDiagnostics.TargetAlignment(s_kernel, 2, [0, 0]));
        Assert.Equal(1.0, KernelDiagnostics.TargetAlignment([4.0], 1, [-3.0]));
    }

    [Fact]
    public void LayerShares_SplitTheTrace()
    {
        double[]? shares = KernelDiagnostics.LayerShares([1, 3]);

        Assert.NotNull(shares);
        Assert.Equal([0.25, 0.75], shares);
    }

    [Fact]
    public void LayerShares_ZeroTrace_IsUndefined()
    {
        Assert.Null(KernelDiagnostics.LayerShares([0, 0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelDiagnostics.LayerShares([]));
    }

    [Fact]
    public void FirstOrderError_HandCases()
    {
        // K r = [2, 1] for r = [1, 0]; with η = 0.1 the linear prediction is Δr = [−0.2, −0.1].
        double[] residuals = [1, 0];

        double? exact = KernelDiagnostics.FirstOrderError([-0.2, -0.1], s_kernel, residuals, 0.1, 2);
        double? off = KernelDiagnostics.FirstOrderError([-0.1, 0], s_kernel, residuals, 0.1, 2);

        Assert.Equal(0, exact!.Value, 1e-15);
        Assert.Equal(Math.Sqrt(2), off!.Value, 1e-14);
    }

    [Fact]
    public void FirstOrderError_NoChange_IsUndefined()
    {
        Assert.Null(KernelDiagnostics.FirstOrderError([0, 0], s_kernel, [1, 0], 0.1, 2));
    }

    [Fact]
    public void Diagnostics_NonFiniteInput_Throw()
    {
        double[] bad = [2, 1, double.NaN, 2];

        var error = Assert.Throws<ArgumentException>(() => KernelDiagnostics.Distance(s_kernel, bad, 2));
        Assert.Equal("kernel", error.ParamName);
        Assert.Throws<ArgumentException>(() =>
            KernelDiagnostics.TargetAlignment(s_kernel, 2, [1, double.NaN]));
        Assert.Throws<ArgumentException>(() =>
            KernelDiagnostics.FirstOrderError([1, 0], s_kernel, [double.PositiveInfinity, 0], 0.1, 2));
        Assert.Throws<ArgumentException>(() => KernelDiagnostics.LayerShares([1, double.NaN]));
    }

    [Fact]
    public void Trace_SumsDiagonal()
    {
        Assert.Equal(4, KernelSpectrum.Trace(s_kernel, 2));
    }
}
