using GramDynamics.Numerics;

namespace GramDynamics.Tests.Numerics;

public class CoactivationCountTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(5, 63)]
    [InlineData(130, 64)]
    [InlineData(257, 200)]
    [InlineData(300, 1024)]
    [InlineData(41, 550)]
    [InlineData(9, 16000)]
    public void Counts_MatchBruteForce(int samples, int width)
    {
        int words = FieldKernels.MaskWords(width);
        var random = new Random(samples + width);
        var indicators = new bool[samples, width];
        var masks = new ulong[samples * words];
        var preactivations = new double[width];
        for (int mu = 0; mu < samples; mu++)
        {
            for (int i = 0; i < width; i++)
            {
                preactivations[i] = random.NextDouble() - 0.5;
                indicators[mu, i] = preactivations[i] > 0;
            }

            FieldKernels.PackMask<double>(preactivations, masks.AsSpan(mu * words, words));
        }

        var counts = new double[samples * samples];
        FieldKernels.CoactivationCounts(masks, samples, words, counts);
        for (int mu = 0; mu < samples; mu++)
        {
            for (int nu = 0; nu < samples; nu++)
            {
                int expected = 0;
                for (int i = 0; i < width; i++)
                {
                    expected += indicators[mu, i] && indicators[nu, i] ? 1 : 0;
                }

                Assert.Equal(expected, counts[(mu * samples) + nu]);
            }
        }
    }
}
