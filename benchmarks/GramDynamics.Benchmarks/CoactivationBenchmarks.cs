using BenchmarkDotNet.Attributes;
using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Benchmarks;

/// <summary>
/// Co-activation counts P = Θ Θᵀ of one layer: popcount on the bit-packed masks next to SGEMM on
/// the same masks stored as 0/1 floats (the baseline), and SSYRK on the lower triangle.
/// </summary>
public class CoactivationBenchmarks
{
    private ulong[] _masks = [];     // Θ bit-packed, [N, words]
    private float[] _indicators = []; // Θ as 0/1 floats, [N, n]
    private double[] _counts = [];    // P, [N, N]
    private float[] _floatCounts = []; // P, [N, N]
    private int _words;

    [ParamsSource(nameof(Cases))]
    public CoactivationCase Case { get; set; } = null!;

    public static IEnumerable<CoactivationCase> Cases => CoactivationCase.Grid;

    [GlobalSetup]
    public void Setup()
    {
        int n = Case.Samples;
        int width = Case.Width;
        _words = FieldKernels.MaskWords(width);
        _masks = new ulong[(long)n * _words];
        _indicators = new float[(long)n * width];
        _counts = new double[(long)n * n];
        _floatCounts = new float[(long)n * n];

        // Pre-activations of a random layer: each neuron is active on about half of the samples.
        var random = new SeededNormal(BenchmarkData.InputSeed);
        var preactivations = new double[width];
        for (int mu = 0; mu < n; mu++)
        {
            for (int i = 0; i < width; i++)
            {
                preactivations[i] = random.Next();
                _indicators[((long)mu * width) + i] = preactivations[i] > 0 ? 1f : 0f;
            }

            FieldKernels.PackMask<double>(preactivations, _masks.AsSpan(mu * _words, _words));
        }
    }

    [Benchmark(Baseline = true, Description = "SGEMM on 0/1 floats")]
    public void Sgemm() => Blas.Gemm(false, true, Case.Samples, Case.Samples, Case.Width, 1f, _indicators,
        Case.Width, _indicators, Case.Width, 0f, _floatCounts, Case.Samples);

    [Benchmark(Description = "SSYRK on 0/1 floats")]
    public void Ssyrk() => Blas.SyrkLower(Case.Samples, Case.Width, 1f, _indicators, Case.Width, 0f,
        _floatCounts,
        Case.Samples);

    [Benchmark(Description = "popcount on packed masks")]
    public void Popcount() => FieldKernels.CoactivationCounts(_masks, Case.Samples, _words, _counts);
}
