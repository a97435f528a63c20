using System.Numerics.Tensors;
using GramDynamics.Collective;
using GramDynamics.Diagnostics;
using GramDynamics.Dynamics;
using GramDynamics.Numerics;

namespace GramDynamics.Runs;

/// <summary>
/// Computes the diagnostics of one record: K and its layer parts at step t, then, once GD has taken
/// step t → t+1, the first-order error e1 and the threshold crossings of that step. Buffers for
/// K, K at step 0, K at the previous record, the layer parts and the mask copies are allocated once.
/// </summary>
internal sealed class MetricsRecorder
{
    private readonly Network _network;
    private readonly ResidualKernel _workspace;
    private readonly GradientDescent _descent;
    private readonly TrainingOptions _options;
    private readonly int _samples;
    private readonly double[] _kernel;          // K(t), [N, N]
    private readonly double[] _initialKernel;   // K(0), [N, N]
    private readonly double[] _previousKernel;  // K at the previous record, [N, N]
    private readonly double[][] _layerParts;    // K^(ℓ)(t), L × [N, N]
    private readonly double[] _residualBefore;  // r(t), [N]
    private readonly double[] _residualChange;  // r(t+1) − r(t), [N]
    private readonly double[] _kernelTimesResidual; // K r, [N]
    private readonly ulong[][] _masksBefore;    // Θ_ℓ(t) bit-packed, L × [N, words]
    private readonly (int First, int Second)[] _pairs;
    private readonly Dictionary<string, double?> _summary = [];
    private MetricsRow? _pending;
    private bool _pendingSpectrum;

    public MetricsRecorder(Network network, ResidualKernel workspace, GradientDescent descent, TrainingOptions options)
    {
        _network = network;
        _workspace = workspace;
        _descent = descent;
        _options = options;
        _samples = workspace.Samples;
        long square = (long)_samples * _samples;
        _kernel = new double[square];
        _initialKernel = new double[square];
        _previousKernel = new double[square];
        _layerParts = [.. Enumerable.Range(0, network.Depth).Select(_ => new double[square])];
        _residualBefore = new double[_samples];
        _residualChange = new double[_samples];
        _kernelTimesResidual = new double[_samples];
        _masksBefore = [.. Enumerable.Range(1, network.Depth)
            .Select(l => new ulong[(long)_samples * FieldKernels.MaskWords(network.Width(l))])];
        var random = new SeededNormal(options.Seed + 7919L);
        _pairs = [.. Enumerable.Range(0, options.SampledPairs).Select(_ => (random.NextInt(_samples), random.NextInt(_samples)))];
        PreviousKernelStep = -1;
    }

    public ReadOnlySpan<double> Kernel => _kernel;

    public ReadOnlySpan<double> InitialKernel => _initialKernel;

    public ReadOnlySpan<double> PreviousKernel => _previousKernel;

    public int PreviousKernelStep { get; private set; }

    /// <summary>GD rate η, for e1.</summary>
    public double Rate { get; set; }

    public SpectrumRecord? LastSpectrum { get; private set; }

    public IReadOnlyDictionary<string, double?> Summary => _summary;

    /// <summary>Computes K and its layer parts at the current weights.</summary>
    public void ComputeKernel()
    {
        if (_workspace.Precision == Precision.Double)
        {
            _workspace.ComputeFromFields(_network, _kernel, _layerParts);
        }
        else
        {
            _workspace.Compute(_network, _kernel, _layerParts);
        }
    }

    public double TopEigenvalue() => SpectrumSummary.TopEigenvalue(_kernel, _samples);

    public void SetInitialKernel() => _kernel.CopyTo(_initialKernel, 0);

    public void Restore(TrainingCheckpoint checkpoint)
    {
        checkpoint.InitialKernel.CopyTo(_initialKernel, 0);
        if (checkpoint.PreviousKernel is { } previous)
        {
            previous.CopyTo(_previousKernel, 0);
        }

        PreviousKernelStep = checkpoint.PreviousKernelStep;
    }

    /// <summary>Computes the step-t part of a record before GD takes step t → t+1.</summary>
    public void BeginRecord(int step, bool spectrum)
    {
        ComputeKernel();
        _descent.Residual.CopyTo(_residualBefore);
        for (int layer = 1; layer <= _network.Depth; layer++)
        {
            _descent.Fields.Masks(layer).CopyTo(_masksBefore[layer - 1]);
        }

        var row = new MetricsRow(step);
        double loss = _descent.Loss;
        row.Add("loss", loss);
        row.Add("r_norm", Math.Sqrt(2 * loss));
        AddKernelColumns(row);
        AddFieldColumns(row);
        _pending = row;
        _pendingSpectrum = spectrum;
        LastSpectrum = spectrum ? ComputeSpectra(step, row) : null;
        if (!spectrum)
        {
            AddEmptySpectrumColumns(row);
        }

        _kernel.CopyTo(_previousKernel, 0);
        PreviousKernelStep = step;
        if (step == 0)
        {
            _summary["initial_loss"] = loss;
        }

        _summary["final_loss"] = loss;
        _summary["final_step"] = step;
    }

    /// <summary>Completes the record with e1 and the crossings of step t → t+1, if it was taken.</summary>
    public MetricsRow EndRecord(bool stepTaken)
    {
        MetricsRow row = _pending ?? throw new InvalidOperationException("EndRecord without BeginRecord");
        _pending = null;
        if (stepTaken)
        {
            TensorPrimitives.Subtract(_descent.Residual, _residualBefore, _residualChange);
            MatrixVector(_kernel, _residualBefore, _kernelTimesResidual);
            row.Add("e1", FirstOrderError.Compute(_residualChange, _kernelTimesResidual, Rate));
        }
        else
        {
            row.Add("e1", null);
        }

        for (int layer = 1; layer <= _network.Depth; layer++)
        {
            double? crossings = stepTaken
                ? ThresholdCrossings.Fraction(_masksBefore[layer - 1], _descent.Fields.Masks(layer), _samples,
                    _network.Width(layer))
                : null;
            row.Add($"crossings_L{layer}", crossings);
        }

        _ = _pendingSpectrum;
        return row;
    }

    private void AddKernelColumns(MetricsRow row)
    {
        int n = _samples;
        double trace = Trace(_kernel, n);
        for (int layer = 1; layer <= _network.Depth; layer++)
        {
            row.Add($"share_L{layer}", trace > 0 ? Trace(_layerParts[layer - 1], n) / trace : null);
        }

        row.Add("kernel_trace", trace);
        row.Add("kernel_distance", KernelDistance.Compute(_initialKernel, _kernel));
        row.Add("kernel_velocity", PreviousKernelStep >= 0 ? KernelDistance.Compute(_previousKernel, _kernel) : null);
        row.Add("alignment", KernelDistance.Alignment(_kernel, _descent.Targets));
        row.Add("effective_rank", SpectrumSummary.EffectiveRank(_kernel, n));
    }

    private void AddFieldColumns(MetricsRow row)
    {
        for (int layer = 1; layer <= _network.Depth; layer++)
        {
            (double activation, double coactivation) =
                ActivationStatistics.Rates(_descent.Fields.Masks(layer), _samples, _network.Width(layer));
            row.Add($"activation_rate_L{layer}", activation);
            row.Add($"coactivation_L{layer}", coactivation);
        }
    }

    private SpectrumRecord ComputeSpectra(int step, MetricsRow row)
    {
        var series = new List<KeyValuePair<string, double[]>>();
        double[] eigenvalues = SpectrumSummary.Eigenvalues(_kernel, _samples); // descending
        double[] top = eigenvalues[..Math.Min(_options.TopEigenvalues, eigenvalues.Length)];
        series.Add(new("K", top));
        row.Add("lambda_max", eigenvalues[0]);
        row.Add("lambda_min", eigenvalues[^1]);
        _summary["final_lambda_max"] = eigenvalues[0];
        _summary["final_lambda_min"] = eigenvalues[^1];

        for (int layer = 0; layer < _network.Depth; layer++)
        {
            GramMetricStatistics statistics = GramMetricStatistics.Compute(_descent.Fields, layer, _descent.Residual,
                _pairs);
            series.Add(new($"averaged_metric_L{layer}", statistics.AveragedSpectrum));
            series.Add(new($"residual_metric_L{layer}", statistics.ResidualSpectrum));
            row.Add($"pair_norm_L{layer}", statistics.MeanPairNorm);
            row.Add($"pair_trace_L{layer}", statistics.MeanPairTrace);
            row.Add($"averaged_alpha_L{layer}", statistics.AveragedFit.Exponent);
            row.Add($"averaged_ks_L{layer}", statistics.AveragedFit.KolmogorovSmirnov);
            row.Add($"residual_alpha_L{layer}", statistics.ResidualFit.Exponent);
            row.Add($"residual_ks_L{layer}", statistics.ResidualFit.KolmogorovSmirnov);
        }

        return new SpectrumRecord(step, series);
    }

    private void AddEmptySpectrumColumns(MetricsRow row)
    {
        row.Add("lambda_max", null);
        row.Add("lambda_min", null);
        for (int layer = 0; layer < _network.Depth; layer++)
        {
            foreach (string name in (string[])["pair_norm", "pair_trace", "averaged_alpha", "averaged_ks",
                "residual_alpha", "residual_ks"])
            {
                row.Add($"{name}_L{layer}", null);
            }
        }
    }

    private static double Trace(ReadOnlySpan<double> matrix, int n)
    {
        double trace = 0;
        for (int i = 0; i < n; i++)
        {
            trace += matrix[(i * n) + i];
        }

        return trace;
    }

    private static void MatrixVector(ReadOnlySpan<double> matrix, ReadOnlySpan<double> vector, Span<double> result)
    {
        int n = vector.Length;
        for (int i = 0; i < n; i++)
        {
            result[i] = TensorPrimitives.Dot(matrix.Slice(i * n, n), vector);
        }
    }
}
