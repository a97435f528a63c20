using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace GramDynamics.Benchmarks;

/// <summary>
/// The default configuration: one launch, two warmups and seven measured iterations, with median,
/// minimum and ratio columns. A --job option on the command line replaces this job.
/// </summary>
internal static class QuickConfig
{
    public static IConfig Create(bool withJob)
    {
        ManualConfig config = DefaultConfig.Instance
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
            .WithSummaryStyle(
                SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend).WithMaxParameterColumnWidth(40))
            .WithOptions(ConfigOptions.DisableLogFile);
        if (withJob)
        {
            Job quick = Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(7);
            config.AddJob(quick.WithId("Quick"));
        }

        return config;
    }
}
