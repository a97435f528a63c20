using GramDynamics.Collective;
using GramDynamics.Dynamics;

namespace GramDynamics.Tests.Dynamics;

public class HierarchyStudyTests
{
    [Theory]
    [InlineData(1, "depth1-euler", false)]
    [InlineData(2, "depth2-euler", false)]
    [InlineData(3, "deep-euler", true)]
    public void Study_RecordsEveryInterval(int depth, string name, bool readsWeights)
    {
        (double[] inputs, double[] targets) = DynamicsProblems.TeacherData(16, 6, seed: 3);
        Network network = DynamicsProblems.Network(6, [.. Enumerable.Repeat(10, depth)], seed: 2);
        double[] initialWeights = network.Weights(1).ToArray();
        var reported = new RecordingProgress();

        IReadOnlyList<HierarchyRecord> records = HierarchyStudy.Run(network, inputs, targets,
            new HierarchyStudyOptions(Rate: 0.002, Steps: 22, RecordEvery: 5), reported);

        Assert.Equal([5, 10, 15, 20, 22], records.Select(r => r.Step));
        Assert.Equal(records, reported.Records);
        Assert.Equal(initialWeights, network.Weights(1));
        foreach (HierarchyRecord record in records)
        {
            Assert.Equal(depth, record.Depth);
            Assert.Equal(name, record.Integrator);
            Assert.Equal(readsWeights, record.ReadsWeights);
            Assert.Equal(readsWeights, record.OperatorApplications > 0);
            Assert.True(double.IsFinite(record.ResidualDivergence));
            Assert.True(double.IsFinite(record.FieldDivergence));
            Assert.True(record.StepCostRatio > 0.0);
        }

        if (depth == 1)
        {
            Assert.All(records, r => Assert.True(r.ResidualDivergence < 1e-12));
        }
    }

    [Fact]
    public void Study_RejectsInvalidOptions()
    {
        (double[] inputs, double[] targets) = DynamicsProblems.TeacherData(4, 3, seed: 3);
        Network network = DynamicsProblems.Network(3, [4], seed: 2);

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            HierarchyStudy.Run(network, inputs, targets, new HierarchyStudyOptions(0.0, 10, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            HierarchyStudy.Run(network, inputs, targets, new HierarchyStudyOptions(0.01, 0, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            HierarchyStudy.Run(network, inputs, targets, new HierarchyStudyOptions(0.01, 10, 0)));
        Assert.Throws<ArgumentException>(() =>
            HierarchyStudy.Run(network, inputs, targets.AsSpan(1), new HierarchyStudyOptions(0.01, 10, 1)));
    }

    private sealed class RecordingProgress : IProgress<HierarchyRecord>
    {
        public List<HierarchyRecord> Records { get; } = [];

        public void Report(HierarchyRecord value) => Records.Add(value);
    }
}
