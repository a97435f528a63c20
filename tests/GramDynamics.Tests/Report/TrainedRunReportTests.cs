using System.Text.Json.Nodes;
using GramDynamics.Collective;
using GramDynamics.Data;
using GramDynamics.Report;
using GramDynamics.Runs;

namespace GramDynamics.Tests.Report;

/// <summary>
/// A report of a run folder written by a real, tiny TrainingSession, so the formats cannot drift apart.
/// </summary>
public sealed class TrainedRunReportTests
{
    [Fact]
    public void Report_TrainedRun_DrawsEveryFigure()
    {
        string folderPath =
            Path.Combine(Path.GetTempPath(), "gramdyn-trained-" + Guid.NewGuid().ToString("N"));
        try
        {
            Dataset data = Teacher.Generate(48, 5, 1, 8, seed: 3);
            Network network = Network.Initialize(data.Dimension, [24, 24], Parametrization.Standard,
                ReadoutKind.Signed, seed: 1);
            var options = new TrainingOptions
            {
                Widths = [24, 24],
                Steps = 20,
                RecordEvery = 5,
                SpectrumEvery = 10,
                CheckpointEvery = 20,
                TopEigenvalues = 4,
                SampledPairs = 2,
            };
            RunFolder folder = RunFolder.Create(folderPath);
            folder.WriteConfig(new JsonObject { ["depth"] = 2, ["widths"] = new JsonArray(24, 24) });
            using (var session = new TrainingSession(data.X, data.Y, network, options))
            {
                Assert.True(session.Run(folder, CancellationToken.None));
            }

            folder.WriteSummary(new JsonObject { ["final_loss"] = 1.0 });
            folder.SetStatus("complete");

            var reportOptions = new ReportOptions { Width = 400, Height = 300 };
            ReportResult result = RunReport.Write(folderPath, reportOptions);

            Assert.Contains("gram_metric_spectrum_L1.png", FigureNames(result));
            Assert.Contains("e1_crossings.png", FigureNames(result));
            Assert.DoesNotContain(result.Missing,
                line => line.Contains("has no column", StringComparison.Ordinal));
            Assert.DoesNotContain(result.Missing,
                line => line.Contains("has no series", StringComparison.Ordinal));
            foreach (string path in result.FigurePaths)
            {
                byte[] png = File.ReadAllBytes(path);
                Assert.Equal((400, 300), PngCheck.Size(png));
                Assert.True(PngCheck.DistinctColors(png) > 10, $"{Path.GetFileName(path)} is nearly blank");
            }
        }
        finally
        {
            if (Directory.Exists(folderPath))
            {
                Directory.Delete(folderPath, recursive: true);
            }
        }
    }

    private static string[] FigureNames(ReportResult result) =>
        [.. result.FigurePaths.Select(path => Path.GetFileName(path))];
}
