using BenchmarkDotNet.Attributes;
using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Benchmarks;

/// <summary>
/// One row of the Hadamard accumulation K += c² Q ⊙ S in double: the library's fused SIMD kernel
/// next to TensorPrimitives and a plain loop (the baseline).
/// </summary>
public class HadamardBenchmarks
{
    private const double Alpha = 0.5;
    private double[] _kernel = [];
    private double[] _overlap = [];
    private double[] _correlator = [];
    private double[] _product = [];

    /// <summary>Row length: 6 · 512 + 7 fits no vector width, the others do.</summary>
    [Params(1024, 4096, 3079)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new SeededNormal(BenchmarkData.InputSeed);
        _kernel = [.. Enumerable.Range(0, Length).Select(_ => random.Next())];
        _overlap = [.. Enumerable.Range(0, Length).Select(_ => random.Next())];
        _correlator = [.. Enumerable.Range(0, Length).Select(_ => random.Next())];
        _product = new double[Length];
    }

    [Benchmark(Baseline = true, Description = "plain loop")]
    public void PlainLoop() => HadamardVariants.PlainLoop(_kernel, _overlap, _correlator, Alpha);

    [Benchmark(Description = "TensorPrimitives Multiply, MultiplyAdd")]
    public void TensorPrimitivesMultiplyAdd() =>
        HadamardVariants.MultiplyThenMultiplyAdd(_kernel, _overlap, _correlator, Alpha, _product);

    [Benchmark(Description = "TensorPrimitives Multiply, Multiply, Add")]
    public void TensorPrimitivesMultiplyThenAdd() =>
        HadamardVariants.MultiplyThenAdd(_kernel, _overlap, _correlator, Alpha, _product);

    [Benchmark(Description = "FieldKernels.HadamardAccumulate")]
    public void FieldKernelsHadamard() =>
        FieldKernels.HadamardAccumulate(_kernel, _overlap, _correlator, Alpha);
}
