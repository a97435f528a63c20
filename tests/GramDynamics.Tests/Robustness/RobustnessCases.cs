using GramDynamics.Collective;
using GramDynamics.Diagnostics;
using GramDynamics.Runs;

namespace GramDynamics.Tests.Robustness;

/// <summary>Shared builders and checks of the robustness tests.</summary>
internal static class RobustnessCases
{
    /// <summary>Computes K: [N, N] and its layer parts for a network on X.</summary>
    public static (double[] Kernel, double[][] Parts) Kernel(Network network, double[] inputs, int samples,
        Precision precision = Precision.Double)
    {
        using var workspace = new ResidualKernel(inputs, samples, network.InputDimension, network.Widths,
            precision);
        var kernel = new double[samples * samples];
        double[][] parts = [.. Enumerable.Range(0, network.Depth).Select(_ => new double[samples * samples])];
        workspace.Compute(network, kernel, parts);
        return (kernel, parts);
    }

    /// <summary>Asserts that every diagnostic of K is finite or null (undefined), never NaN.</summary>
    public static void AssertDiagnosticsDefinedOrNull(double[] kernel, double[][] parts, int n,
        double[] targets)
    {
        Assert.All(kernel, value => Assert.True(double.IsFinite(value), $"K entry {value}"));
        SpectrumSummary spectrum = KernelSpectrum.Summarize(kernel, n, 3);
        Assert.True(double.IsFinite(spectrum.LargestEigenvalue));
        Assert.True(double.IsFinite(spectrum.SmallestEigenvalue));
        Assert.True(double.IsFinite(spectrum.PsdTolerance));
        Assert.NotEqual(PsdVerdict.NotPositiveSemidefinite, spectrum.Psd);
        AssertFiniteOrNull(spectrum.EffectiveRank, "effective rank");
        Assert.Equal(spectrum.FrobeniusNorm == 0, spectrum.EffectiveRank is null);
        AssertFiniteOrNull(KernelDiagnostics.Distance(kernel, kernel, n), "kernel distance");
        AssertFiniteOrNull(KernelDiagnostics.TargetAlignment(kernel, n, targets), "alignment");
        double[] traces = [.. parts.Select(part => KernelSpectrum.Trace(part, n))];
        double[]? shares = KernelDiagnostics.LayerShares(traces);
        Assert.Equal(traces.Sum() == 0, shares is null);
        Assert.All(shares ?? [], share => Assert.True(double.IsFinite(share)));
    }

    /// <summary>Asserts that every column of every row is null or finite.</summary>
    public static void AssertRowsDefinedOrNull(IEnumerable<MetricsRow> rows)
    {
        foreach (MetricsRow row in rows)
        {
            foreach (KeyValuePair<string, double?> column in row.Columns)
            {
                AssertFiniteOrNull(column.Value, $"step {row.Step} column {column.Key}");
            }
        }
    }

    public static void AssertFiniteOrNull(double? value, string label) =>
        Assert.True(value is null || double.IsFinite(value.Value), $"{label} is {value}");

    /// <summary>Training options for a short run that records and takes a spectrum at every step.</summary>
    public static TrainingOptions ShortRun(int[] widths, int steps = 3) => new()
    {
        Widths = widths,
        Steps = steps,
        RecordEvery = 1,
        SpectrumEvery = 1,
        CheckpointEvery = 1,
        TopEigenvalues = 3,
        SampledPairs = 2,
    };

    /// <summary>Collects the metrics rows of a run.</summary>
    public sealed class RowCollector : ITrainingObserver
    {
        public List<MetricsRow> Rows { get; } = [];

        public void OnStarted(TrainingStart start)
        {
        }

        public void OnStep(int step, double loss)
        {
        }

        public void OnRecord(MetricsRow row) => Rows.Add(row);

        public void OnSpectrum(SpectrumRecord spectrum)
        {
        }

        public void OnCheckpoint(TrainingCheckpoint checkpoint)
        {
        }
    }
}
