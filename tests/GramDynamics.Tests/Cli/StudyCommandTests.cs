using System.Globalization;
using System.Text.Json.Nodes;

namespace GramDynamics.Tests.Cli;

/// <summary>The study modes: `hierarchy`, `run --field-integrator` and `run --lr-sweep`.</summary>
[Collection(CliCollection.Name)]
public sealed class StudyCommandTests : IDisposable
{
    private readonly string _folder = CliHarness.CreateFolder();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Hierarchy_WritesTableWithClosureByDepth()
    {
        string run = Path.Combine(_folder, "hierarchy");
        CliResult result = CliHarness.Run("hierarchy", "--samples", "40", "--width", "8", "--steps", "20",
            "--record-every", "5", "--depths", "1,2,3", "--out", run, "--quiet", "--no-report");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = File.ReadAllLines(Path.Combine(run, "hierarchy.csv"));
        Assert.StartsWith(
            "depth,integrator,step,r_divergence,u_divergence,crossings,reads_weights,step_cost_ratio",
            lines[0], StringComparison.Ordinal);
        string[][] rows = [.. lines.Skip(1).Select(line => line.Split(','))];
        Assert.Equal(12, rows.Length);
        foreach (string[] row in rows.Where(r => r[0] == "1"))
        {
            Assert.True(double.Parse(row[3], CultureInfo.InvariantCulture) < 1e-10,
                $"depth 1 drifted: {row[3]}");
        }

        Assert.All(rows.Where(r => r[0] is "1" or "2"), row => Assert.Equal("false", row[6]));
        Assert.All(rows.Where(r => r[0] == "3"), row => Assert.Equal("true", row[6]));
        JsonObject summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!.AsObject();
        Assert.Equal(3, summary["depths"]!.AsArray().Count);
    }

    [Fact]
    public void FieldIntegrator_DepthOneTracksGd()
    {
        string run = Path.Combine(_folder, "run");
        CliResult result = CliHarness.Run("run", "--samples", "50", "--widths", "12", "--steps", "30",
            "--record-every", "10", "--field-integrator", "--out", run, "--quiet", "--no-report");

        Assert.True(result.ExitCode == 0, result.ToString());
        string[] lines = File.ReadAllLines(Path.Combine(run, "metrics.csv"));
        int column = Array.IndexOf(lines[0].Split(','), "field_r_divergence");
        Assert.True(column > 0, "metrics.csv has no field_r_divergence column");
        foreach (string line in lines.Skip(1))
        {
            double divergence = double.Parse(line.Split(',')[column], CultureInfo.InvariantCulture);
            Assert.True(divergence < 1e-10, $"the depth-1 field map drifted from GD by {divergence}");
        }
    }

    [Fact]
    public void FieldIntegrator_ResumeIsRejected()
    {
        string run = Path.Combine(_folder, "run");
        Assert.Equal(0, CliHarness.Run("run", "--samples", "30", "--widths", "6", "--steps", "20",
            "--record-every", "5", "--field-integrator", "--stop-at", "10", "--out", run, "--quiet",
            "--no-report").ExitCode);

        CliResult resumed = CliHarness.Run("run", "--resume", run, "--quiet", "--no-report");

        Assert.Equal(1, resumed.ExitCode);
        Assert.Contains("cannot be resumed", resumed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void RateSweep_SummaryNamesFailureRate()
    {
        string run = Path.Combine(_folder, "sweep");
        CliResult result = CliHarness.Run("run", "--samples", "40", "--widths", "8,8", "--steps", "20",
            "--record-every", "5", "--lr-sweep", "0.1,3", "--out", run, "--quiet", "--no-report");

        Assert.True(result.ExitCode == 0, result.ToString());
        JsonObject summary = JsonNode.Parse(File.ReadAllText(Path.Combine(run, "summary.json")))!.AsObject();
        Assert.Equal(2, summary["runs"]!.AsArray().Count);
        Assert.NotNull(summary["first_order_failure"]);
        Assert.True(File.Exists(Path.Combine(run, "sweep.csv")));
        Assert.True(File.Exists(Path.Combine(run, "sweep", "rate-0.1", "summary.json")));
        JsonObject slow = summary["runs"]![0]!.AsObject();
        JsonObject fast = summary["runs"]![1]!.AsObject();
        Assert.False(slow["diverged"]!.GetValue<bool>());
        if (!fast["diverged"]!.GetValue<bool>())
        {
            Assert.True(slow["max_e1"]!.GetValue<double>() < fast["max_e1"]!.GetValue<double>(),
                "e1 should grow with the rate");
        }
    }
}
