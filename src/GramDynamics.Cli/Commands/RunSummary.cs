using System.Text.Json.Nodes;
using GramDynamics.Runs;

namespace GramDynamics.Cli.Commands;

/// <summary>
/// Builds summary.json: the headline numbers of a finished run, each undefined value as null.
/// </summary>
internal static class RunSummary
{
    /// <summary>
    /// Builds the summary; a resumed run reports this session's steps and time and the total time.
    /// </summary>
    public static JsonObject Build(RunFolder folder, TrainingSession session, TimeSpan elapsed,
        int sessionSteps, double earlierSeconds)
    {
        IReadOnlyList<MetricsRow> rows = folder.Rows;
        var summary = new JsonObject
        {
            ["steps"] = session.Step,
            ["steps_this_session"] = sessionSteps,
            ["elapsed_seconds_this_session"] = elapsed.TotalSeconds,
            ["elapsed_seconds"] = earlierSeconds + elapsed.TotalSeconds,
            ["learning_rate"] = session.Rate,
            ["learning_rate_chosen"] = session.RateWasChosen,
            ["initial_lambda_max"] = session.InitialTopEigenvalue,
            ["rate_over_stable_limit"] = session.InitialTopEigenvalue > 0
                ? session.Rate * session.InitialTopEigenvalue / 2.0 : null,
        };
        var rejections = new JsonObject();
        foreach ((string series, string reason) in session.FitRejections)
        {
            rejections[series] = reason;
        }

        summary["dead_layers"] = JsonValues.Array(session.DeadLayers);
        summary["psd_violations"] = session.Summary.GetValueOrDefault("psd_violations");
        summary["fit_rejections"] = rejections;
        if (rows.Count == 0)
        {
            return summary;
        }

        MetricsRow first = rows[0];
        MetricsRow last = rows[^1];
        foreach (string name in (string[])["loss", "r_norm", "alignment", "effective_rank"])
        {
            summary[$"initial_{name}"] = first[name];
            summary[$"final_{name}"] = last[name];
        }

        summary["final_kernel_distance"] = last["kernel_distance"];
        summary["final_lambda_max"] = rows.LastOrDefault(r => r["lambda_max"] is not null)?["lambda_max"];
        summary["final_lambda_min"] = rows.LastOrDefault(r => r["lambda_min"] is not null)?["lambda_min"];
        double?[] e1 = [.. rows.Select(r => r["e1"]).Where(v => v is not null)];
        summary["max_e1"] = e1.Length > 0 ? e1.Max() : null;
        summary["mean_e1"] = e1.Length > 0 ? e1.Average() : null;
        foreach (KeyValuePair<string, double?> column in last.Columns)
        {
            if (column.Key.StartsWith("crossings_L", StringComparison.Ordinal))
            {
                double?[] values = [.. rows.Select(r => r[column.Key]).Where(v => v is not null)];
                summary[$"mean_{column.Key}"] = values.Length > 0 ? values.Average() : null;
            }

            if (column.Key.StartsWith("share_L", StringComparison.Ordinal))
            {
                summary[$"final_{column.Key}"] = column.Value;
            }
        }

        MetricsRow? death = rows.FirstOrDefault(r => r["dead_layers"] > first["dead_layers"]);
        summary["died_at_step"] = death?.Step;
        summary["final_dead_layers"] = last["dead_layers"];
        summary["loss_decreased"] = first["loss"] is { } l0 && last["loss"] is { } l1 ? l1 < l0 : null;
        return summary;
    }
}
