using BenchmarkDotNet.Attributes;
using GramDynamics.Collective;
using GramDynamics.Dynamics;

namespace GramDynamics.Benchmarks;

/// <summary>
/// One weight-space gradient-descent step (gradient GEMMs, weight update, then the fields at the
/// new weights) next to the evaluation of the fields alone (the baseline). The memory diagnoser
/// backs the claim that a step in steady state allocates 0 bytes.
/// </summary>
[MemoryDiagnoser]
public class TrainingStepBenchmarks
{
    // Small enough that thousands of steps leave the network near its initialization.
    private const double Rate = 1e-6;

    private FieldState<double> _fields = null!;
    private GradientDescent _descent = null!;

    [ParamsSource(nameof(Cases))]
    public StepCase Case { get; set; } = null!;

    public static IEnumerable<StepCase> Cases => StepCase.Grid;

    [GlobalSetup]
    public void Setup()
    {
        double[] inputs = BenchmarkData.Inputs(Case.Samples, Case.InputDimension);
        Network network = BenchmarkData.Network(Case.InputDimension, Case.Widths);
        var targets = new double[Case.Samples];
        for (int mu = 0; mu < targets.Length; mu++)
        {
            targets[mu] = inputs[(long)mu * Case.InputDimension] > 0 ? 1.0 : -1.0;
        }

        _fields = new FieldState<double>(inputs, Case.Samples, Case.InputDimension, Case.Widths);
        _descent = new GradientDescent(network, _fields, targets);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _descent.Dispose();
        _fields.Dispose();
    }

    [Benchmark(Baseline = true, Description = "evaluate fields and residual")]
    public void Evaluate() => _descent.Evaluate();

    [Benchmark(Description = "GradientDescent.Step")]
    public void Step() => _descent.Step(Rate);
}
