using System.Diagnostics;
using System.Numerics.Tensors;
using GramDynamics.Collective;

namespace GramDynamics.Dynamics;

/// <summary>
/// Runs weight-space GD and the field integrator for the network's depth side by side from one
/// starting network, and records how far the integrator drifts from GD and what it costs.
/// </summary>
public static class HierarchyStudy
{
    /// <summary>
    /// Creates the integrator that the hierarchy assigns to the snapshot's depth:
    /// <see cref="Depth1FieldIntegrator"/> for L = 1, <see cref="Depth2FieldIntegrator"/> for L = 2
    /// (which ignores <paramref name="network"/>) and <see cref="DeepFieldIntegrator"/> for L ≥ 3.
    /// </summary>
    /// <param name="snapshot">The starting state.</param>
    /// <param name="network">The network at the instant of the snapshot.</param>
    /// <param name="scheme">The time-stepping scheme.</param>
    public static FieldIntegrator CreateIntegrator(FieldSnapshot snapshot, Network network,
        IntegrationScheme scheme)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Depth switch
        {
            1 => new Depth1FieldIntegrator(snapshot, scheme),
            2 => new Depth2FieldIntegrator(snapshot, scheme),
            _ => new DeepFieldIntegrator(snapshot, network, scheme),
        };
    }

    /// <summary>
    /// Trains a copy of <paramref name="network"/> by GD and advances the integrator for its depth
    /// for <see cref="HierarchyStudyOptions.Steps"/> steps at the same rate, recording every
    /// <see cref="HierarchyStudyOptions.RecordEvery"/> steps and after the last. The caller's
    /// network is not changed.
    /// </summary>
    /// <param name="network">The starting network.</param>
    /// <param name="inputs">X: [N, d] row-major.</param>
    /// <param name="targets">y: [N].</param>
    /// <param name="options">Rate, steps, record interval and scheme.</param>
    /// <param name="progress">Receives each record as it is made; may be null.</param>
    /// <param name="cancellationToken">Checked before every step.</param>
    /// <returns>The records in step order.</returns>
    public static IReadOnlyList<HierarchyRecord> Run(Network network, ReadOnlySpan<double> inputs,
        ReadOnlySpan<double> targets, HierarchyStudyOptions options,
            IProgress<HierarchyRecord>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(options);
        CheckOptions(options);

        FieldSnapshot snapshot = FieldSnapshot.Capture(network, inputs, targets);
        FieldIntegrator integrator = CreateIntegrator(snapshot, network, options.Scheme);
        Network reference = network.Clone();
        using var fields = new FieldState<double>(inputs, targets.Length, network.InputDimension,
            network.Widths);
        using var descent = new GradientDescent(reference, fields, targets);

        var records = new List<HierarchyRecord>(options.Steps / options.RecordEvery + 1);
        long descentTicks = 0;
        long integratorTicks = 0;
        int crossings = 0;
        for (int step = 1; step <= options.Steps; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long start = Stopwatch.GetTimestamp();
            descent.Step(options.Rate);
            long middle = Stopwatch.GetTimestamp();
            integrator.Step(options.Rate);
            long end = Stopwatch.GetTimestamp();
            descentTicks += middle - start;
            integratorTicks += end - middle;
            crossings += integrator.Crossings;

            if (step % options.RecordEvery != 0 && step != options.Steps)
            {
                continue;
            }

            var record = new HierarchyRecord(
                snapshot.Depth,
                integrator.Name,
                step,
                RelativeDistance(integrator.Residual, descent.Residual),
                FieldDivergence(integrator, fields),
                crossings,
                integrator.ReadsWeights,
                integrator.OperatorApplications,
                (double)integratorTicks / Math.Max(1, descentTicks));
            records.Add(record);
            progress?.Report(record);
            crossings = 0;
        }

        return records;
    }

    /// <summary>‖U_field − U_GD‖ / ‖U_GD‖ over the layers the integrator tracks, in Frobenius norm.</summary>
    public static double FieldDivergence(IFieldIntegrator integrator, FieldState<double> reference)
    {
        ArgumentNullException.ThrowIfNull(integrator);
        ArgumentNullException.ThrowIfNull(reference);
        double difference = 0.0;
        double norm = 0.0;
        for (int layer = 1; layer <= integrator.TrackedLayers; layer++)
        {
            ReadOnlySpan<double> expected = reference.Preactivations(layer);
            double distance = TensorPrimitives.Distance(integrator.Preactivations(layer), expected);
            double length = TensorPrimitives.Norm(expected);
            difference += distance * distance;
            norm += length * length;
        }

        return Math.Sqrt(difference / norm);
    }

    /// <summary>‖x − reference‖ / ‖reference‖ in the Euclidean norm.</summary>
    public static double RelativeDistance(ReadOnlySpan<double> x, ReadOnlySpan<double> reference) =>
        TensorPrimitives.Distance(x, reference) / TensorPrimitives.Norm(reference);

    private static void CheckOptions(HierarchyStudyOptions options)
    {
        if (!double.IsFinite(options.Rate) || options.Rate <= 0.0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options),
                $"rate is {options.Rate}, expected a finite value above 0");
        }

        if (options.Steps < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options),
                $"steps is {options.Steps}, expected at least 1");
        }

        if (options.RecordEvery < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(options),
                $"record interval is {options.RecordEvery}, expected at least 1");
        }
    }
}
