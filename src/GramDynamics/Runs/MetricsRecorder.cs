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
    private readonly ulong[][] _masksBefore;    // Θ_ℓ(t) bit-packed, L × [N, words]
    private readonly (int First, int Second)[] _pairs;
    private readonly Dictionary<string, double?> _summary = [];
    private readonly FieldIntegrator? _integrator;
    private readonly Dictionary<string, string> _fitRejections = [];
    private MetricsRow? _pending;

    public MetricsRecorder(Network network, ResidualKernel workspace, GradientDescent descent,
        TrainingOptions options, FieldIntegrator? integrator)
    {
        _integrator = integrator;
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
        _masksBefore = [.. Enumerable.Range(1, network.Depth)
            .Select(l => new ulong[(long)_samples * FieldKernels.MaskWords(network.Width(l))])];
        _pairs = GramMetricDiagnostics.SamplePairs(_samples, options.SampledPairs, options.Seed);
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

    /// <summary>Rejection reasons of the power-law fits of the last spectrum, by metrics prefix.</summary>
    public IReadOnlyDictionary<string, string> FitRejections => _fitRejections;

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

    public double TopEigenvalue()
    {
        Span<double> top = stackalloc double[1];
        SymmetricEigensolver.LargestEigenvalues(_kernel, _samples, 1, top);
        return top[0];
    }

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
        if (_integrator is not null)
        {
            // Both GD and the integrator are at step t here, before GD takes step t → t+1.
            row.Add("field_r_divergence",
                HierarchyStudy.RelativeDistance(_integrator.Residual, _descent.Residual));
            row.Add("field_u_divergence", HierarchyStudy.FieldDivergence(_integrator, _descent.Fields));
            row.Add("field_crossings", _integrator.Crossings);
        }

        _pending = row;
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
            row.Add("e1",
                KernelDiagnostics.FirstOrderError(_residualChange, _kernel, _residualBefore, Rate, _samples));
        }
        else
        {
            row.Add("e1", null);
        }

        for (int layer = 1; layer <= _network.Depth; layer++)
        {
            double? crossings = stepTaken
                ? MaskDiagnostics.CountThresholdCrossings(_masksBefore[layer - 1],
                    _descent.Fields.Masks(layer), _samples, _network.Width(layer)).Fraction
                : null;
            row.Add($"crossings_L{layer}", crossings);
        }

        return row;
    }

    private void AddKernelColumns(MetricsRow row)
    {
        int n = _samples;
        double trace = KernelSpectrum.Trace(_kernel, n);
        Span<double> traces = stackalloc double[_network.Depth];
        for (int layer = 1; layer <= _network.Depth; layer++)
        {
            traces[layer - 1] = KernelSpectrum.Trace(_layerParts[layer - 1], n);
        }

        double[]? shares = KernelDiagnostics.LayerShares(traces);
        for (int layer = 1; layer <= _network.Depth; layer++)
        {
            row.Add($"share_L{layer}", shares?[layer - 1]);
        }

        double frobeniusSquared = TensorPrimitives.Dot<double>(_kernel, _kernel);
        row.Add("kernel_trace", trace);
        row.Add("kernel_distance", KernelDiagnostics.Distance(_initialKernel, _kernel, n));
        row.Add("kernel_velocity",
            PreviousKernelStep >= 0 ? KernelDiagnostics.Distance(_previousKernel, _kernel, n) : null);
        row.Add("alignment", KernelDiagnostics.TargetAlignment(_kernel, n, _descent.Targets));
        row.Add("effective_rank", frobeniusSquared > 0 ? trace * trace / frobeniusSquared : null);
    }

    private void AddFieldColumns(MetricsRow row)
    {
        for (int layer = 1; layer <= _network.Depth; layer++)
        {
            LayerActivity activity = MaskDiagnostics.Activity(_descent.Fields.Masks(layer), _samples,
                _network.Width(layer));
            row.Add($"activation_rate_L{layer}", activity.ActivationRate);
            row.Add($"coactivation_L{layer}", activity.MeanCoactivation);
        }

        row.Add("dead_layers", Diagnostics.DeadLayers.Find(_descent.Fields).Length);
    }

    private SpectrumRecord ComputeSpectra(int step, MetricsRow row)
    {
        var series = new List<KeyValuePair<string, double[]>>();
        _fitRejections.Clear();
        SpectrumSummary spectrum = KernelSpectrum.Summarize(_kernel, _samples, _options.TopEigenvalues,
            KernelSpectrum.PsdToleranceFactor(_workspace.Precision));
        series.Add(new("K", spectrum.TopEigenvalues));
        row.Add("lambda_max", spectrum.LargestEigenvalue);
        row.Add("lambda_min", spectrum.SmallestEigenvalue);
        row.Add("psd_tolerance", spectrum.PsdTolerance);

        // 1 when λ_min < −τ: K is not PSD beyond rounding, which the Schur product theorem rules out.
        bool violation = spectrum.Psd == PsdVerdict.NotPositiveSemidefinite;
        row.Add("psd_violation", violation ? 1 : 0);
        _summary["psd_violations"] =
            (_summary.GetValueOrDefault("psd_violations") ?? 0) + (violation ? 1 : 0);
        _summary["final_lambda_max"] = spectrum.LargestEigenvalue;
        _summary["final_lambda_min"] = spectrum.SmallestEigenvalue;
        _summary["final_psd_tolerance"] = spectrum.PsdTolerance;

        FieldState<double> fields = _descent.Fields;
        for (int layer = 0; layer < _network.Depth; layer++)
        {
            // Metrics on layer ℓ are pulled back from layer ℓ+1: Ŵ_{ℓ+1} is n_{ℓ+1} × n_ℓ.
            int output = _network.Width(layer + 1);
            int input = _network.Width(layer);
            ReadOnlySpan<double> weights = fields.EffectiveWeights(layer + 1);
            ReadOnlySpan<ulong> masks = fields.Masks(layer + 1);
            var metric = new double[(long)input * input];
            GramMetricDiagnostics.AveragedMetric(weights, output, input, masks, _samples, metric);
            GramMetricSpectrum averaged =
                GramMetricDiagnostics.Spectrum(metric, input, _options.TopEigenvalues);
            GramMetricDiagnostics.ResidualWeightedMetric(weights, output, input, masks, _samples,
                _descent.Residual, metric);
            GramMetricSpectrum weighted =
                GramMetricDiagnostics.Spectrum(metric, input, _options.TopEigenvalues);
            GramMetricPair[] pairs =
                GramMetricDiagnostics.PairStatistics(weights, output, input, masks, _samples, _pairs);

            series.Add(new($"averaged_metric_L{layer}", averaged.Eigenvalues));
            series.Add(new($"residual_metric_L{layer}", weighted.Eigenvalues));
            row.Add($"pair_norm_L{layer}", pairs.Length > 0 ? pairs.Average(p => p.SpectralNorm) : null);
            row.Add($"pair_trace_L{layer}", pairs.Length > 0 ? pairs.Average(p => p.Trace) : null);
            AddFit(row, $"averaged_L{layer}", averaged.TailFit);
            AddFit(row, $"residual_L{layer}", weighted.TailFit);
        }

        return new SpectrumRecord(step, series);
    }

    private void AddFit(MetricsRow row, string name, PowerLawFit fit)
    {
        row.Add($"{name}_alpha", fit.Exponent);
        row.Add($"{name}_ks", fit.KsDistance);
        row.Add($"{name}_xmin", fit.MinimumValue);
        row.Add($"{name}_tail", fit.IsFitted ? fit.TailSize : null);

        // 1 when the largest eigenvalue is an outlier above the fitted tail, so α is biased low.
        double? outlier = null;
        if (fit.IsFitted)
        {
            outlier = fit.HasOutlier ? 1 : 0;
        }

        row.Add($"{name}_outlier", outlier);
        if (fit.RejectionReason is { } reason)
        {
            _fitRejections[name] = reason;
        }
    }

    private void AddEmptySpectrumColumns(MetricsRow row)
    {
        row.Add("lambda_max", null);
        row.Add("lambda_min", null);
        row.Add("psd_tolerance", null);
        row.Add("psd_violation", null);
        for (int layer = 0; layer < _network.Depth; layer++)
        {
            row.Add($"pair_norm_L{layer}", null);
            row.Add($"pair_trace_L{layer}", null);
            foreach (string metric in (string[])["averaged", "residual"])
            {
                foreach (string part in (string[])["alpha", "ks", "xmin", "tail", "outlier"])
                {
                    row.Add($"{metric}_L{layer}_{part}", null);
                }
            }
        }
    }
}
