using BenchmarkDotNet.Attributes;
using GramDynamics.Collective;

namespace GramDynamics.Benchmarks;

/// <summary>
/// The fields of one evaluation (forward recursion with ReLU and mask packing, backward recursion
/// with masked products) next to their GEMMs alone, the baseline.
/// </summary>
public class FieldBenchmarks
{
    private ResidualKernel _kernel = null!;
    private Network _network = null!;
    private FieldGemms<double>? _doubleGemms;
    private FieldGemms<float>? _floatGemms;
    private Action _runGemms = null!;

    [ParamsSource(nameof(Cases))]
    public KernelCase Case { get; set; } = null!;

    public static IEnumerable<KernelCase> Cases => KernelCase.Grid(Precision.Double, Precision.Float32);

    [GlobalSetup]
    public void Setup()
    {
        double[] inputs = BenchmarkData.Inputs(Case.Samples, Case.InputDimension);
        _network = BenchmarkData.Network(Case.InputDimension, Case.Widths);
        _kernel = new ResidualKernel(inputs, Case.Samples, Case.InputDimension, Case.Widths, Case.Precision);
        _kernel.UpdateFields(_network);
        if (_kernel.Precision == Precision.Double)
        {
            _doubleGemms = new FieldGemms<double>(_kernel.DoubleFields!);
        }
        else
        {
            _floatGemms = new FieldGemms<float>(_kernel.FloatFields!);
        }

        _runGemms = _doubleGemms is null ? _floatGemms!.Run : _doubleGemms.Run;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _doubleGemms?.Dispose();
        _floatGemms?.Dispose();
        _kernel.Dispose();
    }

    [Benchmark(Baseline = true, Description = "GEMMs of the fields alone")]
    public void FieldGemms() => _runGemms();

    [Benchmark(Description = "forward + backward")]
    public void ForwardBackward() => _kernel.UpdateFields(_network);
}
