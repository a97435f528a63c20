using BenchmarkDotNet.Attributes;
using GramDynamics.Collective;

namespace GramDynamics.Benchmarks;

/// <summary>
/// K = Σ_ℓ c_ℓ² Q^(ℓ-1) ⊙ S^(ℓ) from fields already computed, next to the BLAS calls it makes
/// (the baseline, so Ratio is the overhead of everything else) and to one SYRK per Gram matrix.
/// </summary>
public class ResidualKernelBenchmarks
{
    private ResidualKernel _kernel = null!;
    private Network _network = null!;
    private GramBlockCalls _calls = null!;
    private double[] _matrix = [];

    [ParamsSource(nameof(Cases))]
    public KernelCase Case { get; set; } = null!;

    public static IEnumerable<KernelCase> Cases => KernelCase.Grid(Precision.Double, Precision.Float32,
        Precision.Mixed);

    [GlobalSetup]
    public void Setup()
    {
        double[] inputs = BenchmarkData.Inputs(Case.Samples, Case.InputDimension);
        _network = BenchmarkData.Network(Case.InputDimension, Case.Widths);
        _kernel = new ResidualKernel(inputs, Case.Samples, Case.InputDimension, Case.Widths, Case.Precision);
        _kernel.UpdateFields(_network);
        _calls = new GramBlockCalls(_kernel);
        _matrix = new double[(long)Case.Samples * Case.Samples];
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _calls.Dispose();
        _kernel.Dispose();
    }

    [Benchmark(Baseline = true, Description = "BLAS calls of K alone")]
    public void BlasCalls() => _calls.FormBlocks();

    [Benchmark(Description = "K")]
    public void Kernel() => _kernel.ComputeFromFields(_network, _matrix);

    [Benchmark(Description = "SYRK per Gram")]
    public void SyrkPerGram() => _calls.FormWithSyrk();
}
