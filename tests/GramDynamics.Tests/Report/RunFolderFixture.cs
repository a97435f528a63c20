using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace GramDynamics.Tests.Report;

/// <summary>
/// Writes a small run folder by hand, in the format of `gramdyn run`: depth 2, records every 10 steps
/// and spectra every 20, with smooth made-up values. Parts can be left out to mimic an incomplete run.
/// </summary>
internal sealed class RunFolderFixture : IDisposable
{
    public const int Depth = 2;
    public const int Steps = 40;

    public RunFolderFixture(string name = "run")
    {
        Root = Path.Combine(Path.GetTempPath(), "gramdyn-report-" + Guid.NewGuid().ToString("N"));
        FolderPath = Path.Combine(Root, name);
        Directory.CreateDirectory(FolderPath);
    }

    public string Root { get; }

    /// <summary>The run folder.</summary>
    public string FolderPath { get; }

    public RunFolderFixture WriteConfig(string status = "complete", int seed = 0)
    {
        var config = new JsonObject
        {
            ["tool"] = "gramdyn",
            ["dataset"] = new JsonObject { ["name"] = "teacher", ["samples"] = 50 },
            ["widths"] = new JsonArray(16, 16),
            ["depth"] = Depth,
            ["parametrization"] = "standard",
            ["seed"] = seed,
            ["steps"] = Steps,
            ["learning_rate"] = 0.01,
            ["status"] = status,
        };
        File.WriteAllText(Path.Combine(FolderPath, "config.json"), config.ToJsonString());
        return this;
    }

    public RunFolderFixture WriteSummary()
    {
        var summary = new JsonObject { ["final_loss"] = 1.25, ["initial_loss"] = 10.0, ["max_e1"] = 0.02 };
        File.WriteAllText(Path.Combine(FolderPath, "summary.json"), summary.ToJsonString());
        return this;
    }

    /// <summary>Writes metrics.csv; columns named in <paramref name="without"/> are left out.</summary>
    public RunFolderFixture WriteMetrics(params string[] without)
    {
        var columns = new List<(string Name, Func<int, double?> Value)>
        {
            ("loss", t => 10 * Math.Exp(-t / 20.0)),
            ("r_norm", t => Math.Sqrt(20 * Math.Exp(-t / 20.0))),
            ("e1", t => t < Steps ? 0.01 + 0.001 * t / 10 : null),
            ("kernel_trace", t => 100 + t),
            ("kernel_distance", t => 1e-4 * t),
            ("kernel_velocity", t => t == 0 ? null : 1e-3 / (1 + t)),
            ("alignment", t => 0.2 + 0.001 * t),
            ("effective_rank", t => 3 - 0.01 * t),
            ("lambda_max", t => t % 20 == 0 ? 50 + t : null),
            ("lambda_min", t => t % 20 == 0 ? 0.1 : null),
        };
        for (int layer = 1; layer <= Depth; layer++)
        {
            int l = layer;
            columns.Add(($"share_L{l}", t => l == 1 ? 0.4 + 0.001 * t : 0.6 - 0.001 * t));
            columns.Add(($"activation_rate_L{l}", t => 0.5 - 0.001 * t * l));
            columns.Add(($"coactivation_L{l}", t => 0.3 - 0.001 * t * l));
            columns.Add(($"crossings_L{l}", t => Crossings(t, l)));
        }

        for (int layer = 0; layer < Depth; layer++)
        {
            foreach (string metric in (string[])["averaged", "residual"])
            {
                columns.Add(($"{metric}_L{layer}_alpha", t => t % 20 == 0 ? 3.5 : null));
                columns.Add(($"{metric}_L{layer}_ks", t => t % 20 == 0 ? 0.08 : null));
                columns.Add(($"{metric}_L{layer}_xmin", t => t % 20 == 0 ? 2.0 : null));
                columns.Add(($"{metric}_L{layer}_tail", t => t % 20 == 0 ? 12 : null));
            }
        }

        columns.RemoveAll(column => without.Contains(column.Name));
        var text = new StringBuilder("step,");
        text.Append(string.Join(',', columns.Select(column => column.Name))).Append('\n');
        for (int step = 0; step <= Steps; step += 10)
        {
            text.Append(step.ToString(CultureInfo.InvariantCulture));
            foreach ((string _, Func<int, double?> value) in columns)
            {
                text.Append(',').Append(value(step)?.ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append('\n');
        }

        File.WriteAllText(Path.Combine(FolderPath, "metrics.csv"), text.ToString());
        return this;
    }

    /// <summary>
    /// Writes spectra.csv: the top 5 eigenvalues of K and power-law-like Gram metric spectra.
    /// </summary>
    public RunFolderFixture WriteSpectra()
    {
        var text = new StringBuilder("step,series,rank,eigenvalue\n");
        for (int step = 0; step <= Steps; step += 20)
        {
            for (int rank = 1; rank <= 5; rank++)
            {
                double eigenvalue = (50.0 + step) / rank;
                text.Append(string.Create(CultureInfo.InvariantCulture, $"{step},K,{rank},{eigenvalue}\n"));
            }

            for (int layer = 0; layer < Depth; layer++)
            {
                foreach ((string metric, double scale) in (ReadOnlySpan<(string, double)>)[("averaged", 1.0),
                    ("residual", 100.0)])
                {
                    for (int rank = 1; rank <= 40; rank++)
                    {
                        double eigenvalue = scale * 2 * Math.Pow(40.0 / rank, 1 / 2.5);
                        text.Append(string.Create(CultureInfo.InvariantCulture,
                            $"{step},{metric}_metric_L{layer},{rank},{eigenvalue:R}\n"));
                    }
                }
            }
        }

        File.WriteAllText(Path.Combine(FolderPath, "spectra.csv"), text.ToString());
        return this;
    }

    /// <summary>Writes hierarchy.csv with two integrators at each of the given depths.</summary>
    public RunFolderFixture WriteHierarchy(params int[] depths)
    {
        var text = new StringBuilder(
            "depth,integrator,step,r_divergence,u_divergence,crossings,reads_weights,step_cost_ratio\n");
        foreach (int depth in depths)
        {
            for (int step = 0; step <= Steps; step += 10)
            {
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{depth},field-map,{step},{1e-14 * (1 + step)},{2e-14 * (1 + step)},0,false,1.5\n"));
                text.Append(string.Create(CultureInfo.InvariantCulture,
                    $"{depth},flow,{step},{1e-3 * (1 + step) * depth},,0.001,{depth >= 3},{3.0 * depth}\n"));
            }
        }

        File.WriteAllText(Path.Combine(FolderPath, "hierarchy.csv"), text.ToString());
        return this;
    }

    /// <summary>
    /// Writes the files of a complete `gramdyn hierarchy` folder: config.json with "command": "hierarchy",
    /// summary.json with a "depths" array of objects, and hierarchy.csv, with no metrics.csv or spectra.csv.
    /// </summary>
    public RunFolderFixture WriteHierarchyRun()
    {
        var config = new JsonObject
        {
            ["tool"] = "gramdyn",
            ["command"] = "hierarchy",
            ["depths"] = new JsonArray(1, 2),
            ["width"] = 16,
            ["status"] = "complete",
            ["elapsed_seconds"] = 0.5,
        };
        File.WriteAllText(Path.Combine(FolderPath, "config.json"), config.ToJsonString());
        var depths = new JsonArray();
        foreach (int depth in (int[])[1, 2])
        {
            depths.Add(new JsonObject
            {
                ["depth"] = depth,
                ["integrator"] = $"depth{depth}-euler",
                ["final_r_divergence"] = 1e-15 * depth,
                ["max_r_divergence"] = 2e-15 * depth,
                ["crossings"] = 300 * depth,
                ["reads_weights"] = false,
                ["step_cost_ratio"] = 1.5,
            });
        }

        var summary = new JsonObject { ["depths"] = depths, ["elapsed_seconds"] = 0.4 };
        File.WriteAllText(Path.Combine(FolderPath, "summary.json"), summary.ToJsonString());
        return WriteHierarchy(1, 2);
    }

    /// <summary>
    /// Writes the parent folder of `gramdyn run --lr-sweep` with three rates, the last of which diverged.
    /// </summary>
    public RunFolderFixture WriteSweepRun()
    {
        var config = new JsonObject
        {
            ["tool"] = "gramdyn",
            ["command"] = "run --lr-sweep",
            ["widths"] = new JsonArray(16, 16),
            ["sweep_fractions"] = new JsonArray(0.1, 0.5, 2.5),
            ["stable_limit"] = 0.01,
            ["status"] = "complete",
        };
        File.WriteAllText(Path.Combine(FolderPath, "config.json"), config.ToJsonString());
        var summary = new JsonObject
        {
            ["stable_limit"] = 0.01,
            ["e1_failure_threshold"] = 0.1,
            ["first_order_failure"] =
                "the first-order picture fails from η = 0.005 (0.5 of the stable limit)",
            ["runs"] = new JsonArray(
                new JsonObject
                {
                    ["learning_rate"] = 0.001,
                    ["max_e1"] = 0.02,
                    ["folder"] = "sweep/rate-0.1",
                },
                new JsonObject
                {
                    ["learning_rate"] = 0.005,
                    ["max_e1"] = 0.2,
                    ["folder"] = "sweep/rate-0.5",
                },
                new JsonObject
                {
                    ["learning_rate"] = 0.025,
                    ["diverged"] = true,
                    ["folder"] = "sweep/rate-2.5",
                }),
        };
        File.WriteAllText(Path.Combine(FolderPath, "summary.json"), summary.ToJsonString());
        string[] lines =
        [
            "fraction_of_stable_limit,learning_rate,diverged,diverged_at_step,max_e1,mean_e1,initial_loss,"
                + "final_loss,mean_crossings_L1,mean_crossings_L2",
            "0.1,0.001,false,,0.02,0.01,30,10,0.001,0.002",
            "0.5,0.005,false,,0.2,0.1,30,5,0.01,0.02",
            "2.5,0.025,true,7,,,30,,,",
        ];
        File.WriteAllText(Path.Combine(FolderPath, "sweep.csv"), string.Join('\n', lines) + "\n");
        return this;
    }

    /// <summary>Writes every file of a complete run.</summary>
    public RunFolderFixture WriteComplete(int seed = 0) =>
        WriteConfig(seed: seed).WriteSummary().WriteMetrics().WriteSpectra();

    /// <summary>
    /// Crossings of layer <paramref name="layer"/> over step <paramref name="step"/>: empty at the last
    /// record (no step follows it) and 0 at step 20, a value that a log axis must leave out.
    /// </summary>
    private static double? Crossings(int step, int layer)
    {
        if (step >= Steps)
        {
            return null;
        }

        return step == 20 ? 0 : 0.01 * layer / (1 + step);
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }
}
