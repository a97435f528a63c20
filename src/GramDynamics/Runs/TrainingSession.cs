using GramDynamics.Collective;
using GramDynamics.Diagnostics;
using GramDynamics.Dynamics;

namespace GramDynamics.Runs;

/// <summary>
/// Trains a network by weight-space GD on a fixed training set and computes the collective
/// diagnostics every <see cref="TrainingOptions.RecordEvery"/> steps. The session owns the fields,
/// the kernel workspace and the kernels it compares against; GD itself runs in double whatever the
/// precision of the kernel diagnostics.
/// </summary>
public sealed class TrainingSession : IDisposable
{
    private readonly TrainingOptions _options;
    private readonly Network _network;
    private readonly ResidualKernel _kernelWorkspace;
    private readonly FieldState<double>? _ownFields;
    private readonly GradientDescent _descent;
    private readonly MetricsRecorder _recorder;
    private readonly FieldIntegrator? _integrator;
    private readonly int _samples;
    private int _step;

    /// <summary>Prepares a run from step 0, or from <paramref name="resume"/> when given.</summary>
    /// <param name="inputs">X: [N, d] row-major.</param>
    /// <param name="targets">y: [N].</param>
    /// <param name="network">The network; its weights are trained in place.</param>
    /// <param name="options">Run settings.</param>
    /// <param name="resume">A checkpoint to continue from, or null.</param>
    public TrainingSession(ReadOnlySpan<double> inputs, ReadOnlySpan<double> targets, Network network,
        TrainingOptions options, TrainingCheckpoint? resume = null)
    {
        ValidateOptions(options);
        _options = options;
        _network = network;
        _samples = targets.Length;
        if (resume is not null)
        {
            for (int layer = 1; layer <= network.Depth; layer++)
            {
                resume.Weights[layer - 1].CopyTo(network.Weights(layer), 0);
            }
        }

        _kernelWorkspace = new ResidualKernel(inputs, _samples, network.InputDimension, network.Widths,
            options.Precision);
        FieldState<double> fields;
        if (_kernelWorkspace.DoubleFields is { } shared)
        {
            fields = shared;
        }
        else
        {
            _ownFields = new FieldState<double>(inputs, _samples, network.InputDimension, network.Widths);
            fields = _ownFields;
        }

        _descent = new GradientDescent(network, fields, targets);
        DeadLayers = Diagnostics.DeadLayers.Find(fields);
        if (options.FieldIntegrator)
        {
            if (resume is not null)
            {
                throw new ArgumentException(
                    "a run with a field integrator cannot be resumed, because the integrator's state is not "
                    + "checkpointed; start the run again", nameof(resume));
            }

            _integrator = HierarchyStudy.CreateIntegrator(FieldSnapshot.Capture(network, inputs, targets),
                network, IntegrationScheme.ForwardEuler);
        }

        _recorder = new MetricsRecorder(network, _kernelWorkspace, _descent, options, _integrator);
        if (resume is null)
        {
            _step = 0;
            _recorder.ComputeKernel();
            double top = _recorder.TopEigenvalue();
            InitialTopEigenvalue = top;
            InitialLoss = _descent.Loss;
            RateWasChosen = options.LearningRate is null;
            Rate = options.LearningRate ?? ChooseRate(top);
            _recorder.SetInitialKernel();
        }
        else
        {
            _step = resume.Step;
            InitialTopEigenvalue = resume.InitialTopEigenvalue;
            InitialLoss = resume.InitialLoss;
            RateWasChosen = resume.RateWasChosen;
            Rate = resume.Rate;
            _recorder.Restore(resume);
        }

        _recorder.Rate = Rate;
    }

    /// <summary>GD rate η in use.</summary>
    public double Rate { get; }

    /// <summary>
    /// Layers with no active neuron on any sample when the session started, ascending; see
    /// <see cref="Diagnostics.DeadLayers"/>.
    /// </summary>
    public IReadOnlyList<int> DeadLayers { get; }

    /// <summary>
    /// Whether the network was dead when the session started (some layer in <see cref="DeadLayers"/>):
    /// then f = 0 on every sample, K = 0, and GD cannot change any weight.
    /// </summary>
    public bool IsDead => DeadLayers.Count > 0;

    /// <summary>Rate 'auto': 1 / λ_max, or 1 when λ_max is 0 or so small that 1 / λ_max overflows.</summary>
    public static double ChooseRate(double topEigenvalue) =>
        topEigenvalue > 0 && double.IsFinite(1.0 / topEigenvalue) ? 1.0 / topEigenvalue : 1.0;

    /// <summary>True when η was picked from λ_max(K) at step 0.</summary>
    public bool RateWasChosen { get; }

    /// <summary>λ_max(K) at step 0.</summary>
    public double InitialTopEigenvalue { get; }

    /// <summary>Loss at step 0.</summary>
    public double InitialLoss { get; }

    /// <summary>Steps taken so far.</summary>
    public int Step => _step;

    /// <summary>Current loss ½ Σ r².</summary>
    public double Loss => _descent.Loss;

    /// <summary>The network being trained.</summary>
    public Network Network => _network;

    /// <summary>K at step 0: [N, N].</summary>
    public ReadOnlySpan<double> InitialKernel => _recorder.InitialKernel;

    /// <summary>K at the last recorded step: [N, N].</summary>
    public ReadOnlySpan<double> Kernel => _recorder.Kernel;

    /// <summary>Summary values collected during the run (first and last loss, final spectrum...).</summary>
    public IReadOnlyDictionary<string, double?> Summary => _recorder.Summary;

    /// <summary>
    /// Why each power-law fit of the last spectrum was rejected, keyed by its metrics prefix (such as
    /// "averaged_L0"); fitted series are absent.
    /// </summary>
    public IReadOnlyDictionary<string, string> FitRejections => _recorder.FitRejections;

    /// <summary>
    /// Runs GD to <see cref="TrainingOptions.Steps"/>, or until cancelled (then the state after the
    /// last finished step is offered as a checkpoint). Throws <see cref="TrainingDivergedException"/>
    /// when the loss becomes non-finite or grows past the divergence factor.
    /// </summary>
    /// <returns>True when all steps ran, false when cancelled.</returns>
    public bool Run(ITrainingObserver observer, CancellationToken cancellation)
    {
        observer.OnStarted(new TrainingStart(Rate, RateWasChosen, InitialTopEigenvalue,
            InitialTopEigenvalue > 0 ? 2.0 / InitialTopEigenvalue : double.PositiveInfinity, _step));
        while (true)
        {
            // Checked before the record is computed, so a resumed run recomputes this step's record
            // against the same previous kernel as an uninterrupted run.
            if (_step < _options.Steps && cancellation.IsCancellationRequested)
            {
                observer.OnCheckpoint(CreateCheckpoint());
                return false;
            }

            bool record = _step % _options.RecordEvery == 0 || _step == _options.Steps;
            bool spectrum = _step % _options.SpectrumEvery == 0 || _step == _options.Steps;

            // The last checkpoint is taken before the last record, so a run extended later with more
            // steps computes that record against the same previous kernel as an uninterrupted run.
            TrainingCheckpoint? last = _step == _options.Steps ? CreateCheckpoint() : null;
            if (record)
            {
                BeginRecord(spectrum);
            }

            if (last is not null)
            {
                if (record)
                {
                    Emit(observer, _recorder.EndRecord(stepTaken: false), spectrum);
                }

                observer.OnCheckpoint(last);
                return true;
            }

            try
            {
                _descent.Step(Rate);
            }
            catch (NumericalException overflow)
            {
                // Fields that leave the range of the precision after a GD step mean the step diverged.
                throw new TrainingDivergedException(_step + 1, Rate, InitialTopEigenvalue, overflow);
            }

            _integrator?.Step(Rate);
            _step++;
            if (record)
            {
                Emit(observer, _recorder.EndRecord(stepTaken: true), spectrum);
            }

            double loss = _descent.Loss;
            observer.OnStep(_step, loss);
            if (!double.IsFinite(loss) || loss > _options.DivergenceFactor * Math.Max(InitialLoss, 1e-300))
            {
                throw new TrainingDivergedException(_step, Rate, InitialTopEigenvalue, loss, InitialLoss);
            }

            if (_step % _options.CheckpointEvery == 0 && _step % _options.RecordEvery == 0
                && _step != _options.Steps)
            {
                // The record at this step is computed at the start of the next iteration, so the
                // checkpoint's previous kernel is the one before it, as a resumed run expects.
                observer.OnCheckpoint(CreateCheckpoint());
            }
        }
    }

    private void BeginRecord(bool spectrum)
    {
        try
        {
            _recorder.BeginRecord(_step, spectrum);
        }
        catch (NumericalException overflow) when (_step > 0)
        {
            // K passed its range check at step 0, so a K that overflows later comes from the GD steps.
            throw new TrainingDivergedException(_step, Rate, InitialTopEigenvalue, overflow);
        }
    }

    private void Emit(ITrainingObserver observer, MetricsRow row, bool spectrum)
    {
        observer.OnRecord(row);
        if (spectrum && _recorder.LastSpectrum is { } record)
        {
            observer.OnSpectrum(record);
        }
    }

    /// <summary>A checkpoint of the current state (weights copied).</summary>
    public TrainingCheckpoint CreateCheckpoint() => new()
    {
        Step = _step,
        Rate = Rate,
        RateWasChosen = RateWasChosen,
        InitialTopEigenvalue = InitialTopEigenvalue,
        InitialLoss = InitialLoss,
        Weights = [.. Enumerable.Range(1, _network.Depth).Select(l => (double[])_network.Weights(l).Clone())],
        InitialKernel = _recorder.InitialKernel.ToArray(),
        PreviousKernel = _recorder.PreviousKernelStep >= 0 ? _recorder.PreviousKernel.ToArray() : null,
        PreviousKernelStep = _recorder.PreviousKernelStep,
    };

    private static void ValidateOptions(TrainingOptions options)
    {
        if (options.Steps < 0)
        {
            throw new ArgumentException($"steps is {options.Steps}, expected at least 0", nameof(options));
        }

        if (options.RecordEvery < 1 || options.SpectrumEvery < 1 || options.CheckpointEvery < 1)
        {
            throw new ArgumentException(
                $"record, spectrum and checkpoint intervals are {options.RecordEvery}, "
                + $"{options.SpectrumEvery} and {options.CheckpointEvery}, expected at least 1 each",
                nameof(options));
        }

        if (options.LearningRate is { } rate && (!double.IsFinite(rate) || rate <= 0))
        {
            throw new ArgumentException($"learning rate is {rate}, expected a positive finite value",
                nameof(options));
        }
    }

    public void Dispose()
    {
        _descent.Dispose();
        _ownFields?.Dispose();
        _kernelWorkspace.Dispose();
    }
}
