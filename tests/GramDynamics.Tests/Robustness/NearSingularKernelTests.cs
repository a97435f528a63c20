using GramDynamics.Cli.Rendering;
using GramDynamics.Collective;
using GramDynamics.Diagnostics;
using GramDynamics.Runs;
using GramDynamics.Tests.Collective;

namespace GramDynamics.Tests.Robustness;

/// <summary>
/// Duplicate samples and a sample that is a positive multiple of another make K singular: λ_min
/// may come out slightly negative, and it is judged against τ = c ε N max|λ|, never past it.
/// </summary>
public class NearSingularKernelTests
{
    private const int Dimension = 4;

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Mixed)]
    public void DuplicateAndScaledRows_AreWithinPsdTolerance(Precision precision)
    {
        (Network network, double[] inputs, int samples) = SingularCase(seed: 1);

        (double[] kernel, _) = RobustnessCases.Kernel(network, inputs, samples, precision);
        SpectrumSummary spectrum = KernelSpectrum.Summarize(kernel, samples, 3,
            KernelSpectrum.PsdToleranceFactor(precision));

        double relative = precision == Precision.Double ? 1e-12 : 1e-6;

        // Row 1 duplicates row 0 and row 2 is 3 × row 0; ReLU without biases is positively
        // homogeneous, so K's row 2 is 3 × its row 0 and K has rank at most N − 2.
        for (int nu = 0; nu < samples; nu++)
        {
            Assert.Equal(kernel[nu], kernel[samples + nu]);
            Assert.Equal(3 * kernel[nu], kernel[(2 * samples) + nu], relative * Math.Abs(kernel[nu]));
        }

        Assert.True(spectrum.SmallestEigenvalue >= -spectrum.PsdTolerance,
            $"λ_min = {spectrum.SmallestEigenvalue:E3}, τ = {spectrum.PsdTolerance:E3}");
        Assert.NotEqual(PsdVerdict.NotPositiveSemidefinite, spectrum.Psd);
    }

    [Fact]
    public void SingularKernel_ManySeeds_NeverViolatePsd()
    {
        for (int seed = 0; seed < 20; seed++)
        {
            (Network network, double[] inputs, int samples) = SingularCase(seed);
            (double[] kernel, _) = RobustnessCases.Kernel(network, inputs, samples);

            SpectrumSummary spectrum = KernelSpectrum.Summarize(kernel, samples, 1);

            Assert.True(spectrum.Psd != PsdVerdict.NotPositiveSemidefinite,
                $"seed {seed}: λ_min = {spectrum.SmallestEigenvalue:E3}, τ = {spectrum.PsdTolerance:E3}");
        }
    }

    [Fact]
    public void MixedKernel_DoubleTolerance_WouldFlagRounding()
    {
        // Regression: τ with the double ε flagged float32 rounding in a mixed K as a PSD violation.
        (Network network, double[] inputs, int samples) = SingularCase(seed: 1);
        (double[] kernel, _) = RobustnessCases.Kernel(network, inputs, samples, Precision.Mixed);

        SpectrumSummary strict = KernelSpectrum.Summarize(kernel, samples, 1);
        SpectrumSummary scaled = KernelSpectrum.Summarize(kernel, samples, 1,
            KernelSpectrum.PsdToleranceFactor(Precision.Mixed));

        Assert.Equal(PsdVerdict.NotPositiveSemidefinite, strict.Psd);
        Assert.NotEqual(PsdVerdict.NotPositiveSemidefinite, scaled.Psd);
    }

    [Theory]
    [InlineData(Precision.Double)]
    [InlineData(Precision.Float32)]
    [InlineData(Precision.Mixed)]
    public void TrainingSession_SingularKernel_RecordsVerdict(Precision precision)
    {
        (Network network, double[] inputs, int samples) = SingularCase(seed: 2);
        double[] targets = [.. Enumerable.Range(0, samples).Select(mu => mu % 2 == 0 ? 1.0 : -1.0)];
        var collector = new RobustnessCases.RowCollector();

        using var session = new TrainingSession(inputs, targets, network,
            RobustnessCases.ShortRun(network.Widths, steps: 2) with { Precision = precision });
        session.Run(collector, CancellationToken.None);

        Assert.All(collector.Rows, row => Assert.Equal(0.0, row["psd_violation"]));
        Assert.All(collector.Rows, row => Assert.True(row["lambda_min"] >= -row["psd_tolerance"]));
        Assert.Equal(0.0, session.Summary["psd_violations"]);
    }

    internal static (Network Network, double[] Inputs, int Samples) SingularCase(int seed)
    {
        const int samples = 12;
        var network = Network.Initialize(Dimension, [16, 8], Parametrization.Standard, ReadoutKind.Signed,
            seed);
        var random = new SeededNormal(seed + 50);
        double[] inputs = [.. Enumerable.Range(0, samples * Dimension).Select(_ => random.Next())];
        for (int j = 0; j < Dimension; j++)
        {
            inputs[Dimension + j] = inputs[j];
            inputs[(2 * Dimension) + j] = 3 * inputs[j];
        }

        return (network, inputs, samples);
    }
}

/// <summary>A PSD violation past tolerance prints one warning line per record, up to a limit.</summary>
[Collection(BlasSwitchCollection.Name)]
public class PsdWarningTests
{
    [Fact]
    public void WarningObserver_Violation_PrintsOneLine()
    {
        var observer = new WarningObserver();
        TextWriter previous = Console.Error;
        using var error = new StringWriter();
        try
        {
            Console.SetError(error);
            for (int step = 0; step < WarningObserver.MaxWarnings + 3; step++)
            {
                var row = new MetricsRow(step);
                row.Add("lambda_min", -1e-3);
                row.Add("psd_tolerance", 1e-12);
                row.Add("psd_violation", 1);
                observer.OnRecord(row);
            }

            var clean = new MetricsRow(99);
            clean.Add("psd_violation", 0);
            observer.OnRecord(clean);
        }
        finally
        {
            Console.SetError(previous);
        }

        string[] lines = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(WarningObserver.MaxWarnings, lines.Length);
        Assert.StartsWith(
            "gramdyn: warning: step 0: K is not positive semidefinite: λ_min = -0.001", lines[0]);
        Assert.Contains("further violations are only counted", lines[^1]);
    }
}
