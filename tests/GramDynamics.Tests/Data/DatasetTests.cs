using GramDynamics.Data;

namespace GramDynamics.Tests.Data;

public class DatasetTests
{
    private static Dataset Small() => Dataset.FromLabels(
        [0, 10, 2, 10, 4, 10, 6, 10], count: 4, dimension: 2, labels: [0, 3, 5, 8], "small", "test rows");

    [Theory]
    [InlineData("binary:<5", TargetTaskKind.BinaryThreshold, "binary:<5")]
    [InlineData("Binary:<0.5", TargetTaskKind.BinaryThreshold, "binary:<0.5")]
    [InlineData("binary:<-2e1", TargetTaskKind.BinaryThreshold, "binary:<-20")]
    [InlineData(" binary:odd ", TargetTaskKind.BinaryOdd, "binary:odd")]
    [InlineData("onehot:3", TargetTaskKind.OneHot, "onehot:3")]
    [InlineData("REGRESSION", TargetTaskKind.Regression, "regression")]
    public void TargetTask_Parse(string text, TargetTaskKind kind, string canonical)
    {
        TargetTask task = TargetTask.Parse(text);

        Assert.Equal(kind, task.Kind);
        Assert.Equal(canonical, task.ToString());
        Assert.Equal(task, TargetTask.Parse(task.ToString()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("binary")]
    [InlineData("binary:<")]
    [InlineData("binary:<nan")]
    [InlineData("binary:>5")]
    [InlineData("onehot:1.5")]
    [InlineData("classify")]
    public void TargetTask_ParseInvalid_Throws(string text)
    {
        var exception = Assert.Throws<FormatException>(() => TargetTask.Parse(text));

        Assert.Contains("binary:<T, binary:odd, onehot:K or regression", exception.Message,
            StringComparison.Ordinal);
        Assert.False(TargetTask.TryParse(text, out _));
    }

    [Fact]
    public void TargetTask_Default_IsBinaryBelowFive()
    {
        Assert.Equal("binary:<5", TargetTask.Default.ToString());
    }

    [Fact]
    public void WithTask_MapsLabels()
    {
        Dataset data = Small();

        Assert.Equal([-1.0, -1, 1, 1], data.WithTask(TargetTask.Default).Y);
        Assert.Equal([-1.0, 1, 1, -1], data.WithTask(TargetTask.BinaryOdd).Y);
        Assert.Equal([-1.0, -1, 1, -1], data.WithTask(TargetTask.OneHot(5)).Y);
        Assert.Equal([0.0, 3, 5, 8], data.WithTask(TargetTask.Regression).Y);
        Assert.Contains("task binary:odd", data.WithTask(TargetTask.BinaryOdd).Description,
            StringComparison.Ordinal);
    }

    [Fact]
    public void WithTask_NonIntegerLabels_RejectedForClasses()
    {
        Dataset data = Dataset.FromLabels([1, 2], 2, 1, [1, 2.5], "fractional", "test");

        var exception = Assert.Throws<DataFormatException>(() => data.WithTask(TargetTask.OneHot(1)));

        Assert.StartsWith("fractional: ", exception.Message, StringComparison.Ordinal);
        Assert.Contains("sample 1 (0-based) has the label 2.5", exception.Message, StringComparison.Ordinal);
        Assert.Null(data.ClassLabels);
        Assert.Equal([-1.0, 1], data.WithTask(TargetTask.BinaryThreshold(2)).Y);
    }

    [Fact]
    public void WithTask_NoLabels_Rejected()
    {
        var data = new Dataset([1, 2], 2, 1, [0.5, 0.25], labels: null, "unlabelled", "test");

        var exception = Assert.Throws<DataFormatException>(() => data.WithTask(TargetTask.Default));

        Assert.StartsWith("unlabelled: the data has no labels", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_Unit_GlobalMinMax()
    {
        Dataset data = Small().Scale(FeatureScaling.Unit);

        Assert.Equal([0, 1, 0.2, 1, 0.4, 1, 0.6, 1], data.X);
        Assert.Equal(Small().Y, data.Y);
    }

    [Fact]
    public void Scale_Standardize_ConstantFeatureZero()
    {
        Dataset data = Dataset.FromLabels([1, 0.1, 2, 0.1, 3, 0.1, 6, 0.1], 4, 2, [0, 1, 2, 3], "s", "t")
            .Scale(FeatureScaling.Standardize);

        double[] first = [.. Enumerable.Range(0, 4).Select(i => data.X[2 * i])];
        double mean = first.Average();
        double variance = first.Select(value => (value - mean) * (value - mean)).Average();
        Assert.Equal(0, mean, 1e-12);
        Assert.Equal(1, variance, 1e-12);
        Assert.All(Enumerable.Range(0, 4), i => Assert.Equal(0.0, data.X[2 * i + 1]));
    }

    [Fact]
    public void Scale_ConstantData_AllZero()
    {
        Assert.Equal([0.0, 0, 0], FeatureScaler.Scale([3, 3, 3], 3, 1, FeatureScaling.Unit));
        Assert.Equal([3.0, 3, 3], FeatureScaler.Scale([3, 3, 3], 3, 1, FeatureScaling.None));
    }

    [Theory]
    [InlineData("none", FeatureScaling.None)]
    [InlineData("Unit", FeatureScaling.Unit)]
    [InlineData("standardize", FeatureScaling.Standardize)]
    public void FeatureScaler_Parse(string text, FeatureScaling expected)
    {
        Assert.Equal(expected, FeatureScaler.Parse(text));
        Assert.Equal(text.ToLowerInvariant(), FeatureScaler.Name(expected));
    }

    [Fact]
    public void FeatureScaler_ParseInvalid_Throws()
    {
        Assert.Throws<FormatException>(() => FeatureScaler.Parse("1"));
        Assert.Throws<FormatException>(() => FeatureScaler.Parse("minmax"));
    }

    [Fact]
    public void Subsample_SeededAndOrdered()
    {
        // Row i is (i, -i), so each chosen row reveals its original index.
        const int count = 300;
        double[] x = [.. Enumerable.Range(0, count).SelectMany(i => new double[] { i, -i })];
        double[] labels = [.. Enumerable.Range(0, count).Select(i => (double)(i % 10))];
        Dataset data = Dataset.FromLabels(x, count, 2, labels, "indexed", "test")
            .WithTask(TargetTask.BinaryOdd);

        Dataset first = data.Subsample(100, seed: 7);
        Dataset again = data.Subsample(100, seed: 7);
        Dataset other = data.Subsample(100, seed: 8);

        Assert.Equal(first.X, again.X);
        Assert.Equal(first.Labels, again.Labels);
        Assert.NotEqual(first.X, other.X);
        Assert.Equal(100, first.Count);
        Assert.Equal(2, first.Dimension);
        int[] rows = [.. Enumerable.Range(0, 100).Select(i => (int)first.X[2 * i])];
        Assert.Equal(rows.Order(), rows);
        Assert.Equal(100, rows.Distinct().Count());
        for (int i = 0; i < 100; i++)
        {
            Assert.Equal(-rows[i], first.X[2 * i + 1]);
            Assert.Equal(data.Labels![rows[i]], first.Labels![i]);
            Assert.Equal(data.Y[rows[i]], first.Y[i]);
        }
    }

    [Fact]
    public void Subsample_All_KeepsEverySample()
    {
        Dataset data = Small();

        Dataset all = data.Subsample(4, seed: 1);

        Assert.Equal(data.X, all.X);
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subsample(5, seed: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => data.Subsample(0, seed: 1));
    }

    [Fact]
    public void Constructor_InvalidData_Rejected()
    {
        Assert.Contains("X has 3 values, expected N × d = 2 × 2",
            Assert.Throws<DataFormatException>(
                () => new Dataset([1, 2, 3], 2, 2, [1, 2], null, "d", "t")).Message,
            StringComparison.Ordinal);
        Assert.Contains("y has 1 targets",
            Assert.Throws<DataFormatException>(() => new Dataset([1, 2], 2, 1, [1], null, "d", "t")).Message,
            StringComparison.Ordinal);
        Assert.Contains("X has the value NaN at row 1, column 0",
            Assert.Throws<DataFormatException>(
                () => new Dataset([1, 2, double.NaN, 4], 2, 2, [1, 2], null, "d", "t")).Message,
            StringComparison.Ordinal);
        Assert.Contains("expected N ≥ 1 and d ≥ 1",
            Assert.Throws<DataFormatException>(() => new Dataset([], 0, 3, [], null, "d", "t")).Message,
            StringComparison.Ordinal);
    }
}
