using GramDynamics.Collective;
using GramDynamics.Data;

namespace GramDynamics.Tests.Data;

public class SourcesTests
{
    [Fact]
    public void EmbeddedDigits_ShapeAndRanges()
    {
        Dataset digits = EmbeddedDigits.Load();

        Assert.Equal(1797, digits.Count);
        Assert.Equal(64, digits.Dimension);
        Assert.Equal(1797 * 64, digits.X.Length);
        Assert.Equal(16.0, digits.X.Max());
        Assert.Equal(0.0, digits.X.Min());
        Assert.NotNull(digits.ClassLabels);
        Assert.Equal(Enumerable.Range(0, 10), digits.ClassLabels.Distinct().Order());
        Assert.Equal(digits.Labels, digits.Y);
    }

    [Fact]
    public void EmbeddedDigits_DefaultTask()
    {
        Dataset digits = EmbeddedDigits.LoadDefault();

        Assert.Equal(1.0, digits.X.Max());
        Assert.Equal(0.0, digits.X.Min());
        for (int i = 0; i < digits.Count; i++)
        {
            Assert.Equal(digits.ClassLabels![i] < 5 ? -1.0 : 1.0, digits.Y[i]);
        }

        Assert.Contains("task binary:<5", digits.Description, StringComparison.Ordinal);
        Assert.Contains("scaling unit", digits.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void FashionMnist_ReadsStandardFileNames()
    {
        string folder = TestFiles.CreateFolder();
        try
        {
            IdxWriter.WriteImages(Path.Combine(folder, "t10k-images-idx3-ubyte.gz"), 3, 28, 28, gzip: true);
            IdxWriter.WriteLabels(Path.Combine(folder, "t10k-labels-idx1-ubyte.gz"), [0, 9, 4], gzip: true);
            IdxWriter.WriteImages(Path.Combine(folder, "train-images-idx3-ubyte"), 2, 28, 28, gzip: false);
            IdxWriter.WriteLabels(Path.Combine(folder, "train-labels-idx1-ubyte"), [1, 2], gzip: false);

            Dataset test = FashionMnist.Load(FashionMnistSplit.Test, folder);
            Dataset train = FashionMnist.Load(FashionMnistSplit.Train, folder);

            Assert.Equal(3, test.Count);
            Assert.Equal(784, test.Dimension);
            Assert.Equal([0, 9, 4], test.ClassLabels!);
            Assert.Equal("fashion-mnist-test", test.Name);
            Assert.Equal(2, train.Count);
            Assert.True(FashionMnist.IsAvailable(FashionMnistSplit.Test, folder));
        }
        finally
        {
            TestFiles.DeleteFolder(folder);
        }
    }

    [Fact]
    public void FashionMnist_MissingFolder_NamesPackage()
    {
        string folder = Path.Combine(Path.GetTempPath(), "gramdyn-no-fashion-mnist");

        var exception = Assert.Throws<FileNotFoundException>(
            () => FashionMnist.Load(FashionMnistSplit.Test, folder));

        Assert.StartsWith(Path.Combine(folder, "t10k-images-idx3-ubyte.gz") + ": ", exception.Message,
            StringComparison.Ordinal);
        Assert.Contains("apt-get install dataset-fashion-mnist", exception.Message, StringComparison.Ordinal);
        Assert.False(FashionMnist.IsAvailable(FashionMnistSplit.Test, folder));
    }

    [Fact]
    public void FashionMnist_DefaultFolder_LoadsOrNamesPackage()
    {
        if (!FashionMnist.IsAvailable(FashionMnistSplit.Test))
        {
            var exception = Assert.Throws<FileNotFoundException>(
                () => FashionMnist.Load(FashionMnistSplit.Test));
            Assert.Contains(FashionMnist.DebianPackage, exception.Message, StringComparison.Ordinal);
            return;
        }

        Dataset test = FashionMnist.Load(FashionMnistSplit.Test);

        Assert.Equal(10000, test.Count);
        Assert.Equal(784, test.Dimension);
        Assert.Equal(255.0, test.X.Max());
        Assert.Equal(Enumerable.Range(0, 10), test.ClassLabels!.Distinct().Order());
    }

    [Fact]
    public void Teacher_SeededAndMatchesForwardPass()
    {
        Dataset data = Teacher.Generate(count: 20, inputDimension: 5, depth: 2, width: 7, seed: 11);
        Dataset again = Teacher.Generate(count: 20, inputDimension: 5, depth: 2, width: 7, seed: 11);
        Dataset other = Teacher.Generate(count: 20, inputDimension: 5, depth: 2, width: 7, seed: 12);
        Network teacher = Teacher.CreateNetwork(inputDimension: 5, depth: 2, width: 7, seed: 11);

        Assert.Equal(data.X, again.X);
        Assert.Equal(data.Y, again.Y);
        Assert.NotEqual(data.X, other.X);
        Assert.Equal(data.Y, data.Labels);
        Assert.Contains(data.Y, value => value != 0);
        for (int sample = 0; sample < data.Count; sample++)
        {
            Assert.Equal(Forward(teacher, data.Sample(sample).ToArray()), data.Y[sample], 1e-12);
        }
    }

    [Fact]
    public void Teacher_InputsAreStandardNormal()
    {
        Dataset data = Teacher.Generate(count: 400, inputDimension: 10, depth: 1, width: 3, seed: 5);

        double mean = data.X.Average();
        double variance = data.X.Select(value => (value - mean) * (value - mean)).Average();
        Assert.InRange(mean, -0.1, 0.1);
        Assert.InRange(variance, 0.9, 1.1);
    }

    private static double Forward(Network network, double[] input)
    {
        double[] activation = input;
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            int fanIn = network.Width(layer - 1);
            var next = new double[network.Width(layer)];
            for (int i = 0; i < next.Length; i++)
            {
                double sum = 0;
                for (int k = 0; k < fanIn; k++)
                {
                    sum += network.Weights(layer)[i * fanIn + k] * activation[k];
                }

                next[i] = Math.Max(network.Multiplier(layer) * sum, 0);
            }

            activation = next;
        }

        return activation.Select((value, i) => value * network.Readout[i]).Sum();
    }
}
