using System.Numerics.Tensors;
using GramDynamics.Numerics;

namespace GramDynamics.Tests.Numerics;

public class WideningHadamardTests
{
    // Widths as integers, because SimdWidth is internal and a public test cannot take it.
    [Theory]
    [InlineData(512)]
    [InlineData(256)]
    [InlineData(0)]
    public void Widening_EqualsConvertThenAccumulate(int vectorBits)
    {
        SimdWidth saved = SimdDriver.MaxWidth;
        try
        {
            SimdDriver.MaxWidth = (SimdWidth)vectorBits;
            var random = new Random(17);
            for (int length = 0; length <= 100; length++)
            {
                float[] q = [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5))];
                float[] s = [.. Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() - 0.5))];
                double[] start = [.. Enumerable.Range(0, length).Select(_ => random.NextDouble())];
                double[] expected = [.. start];
                var wideQ = new double[length];
                var wideS = new double[length];
                TensorPrimitives.ConvertTruncating<float, double>(q, wideQ);
                TensorPrimitives.ConvertTruncating<float, double>(s, wideS);
                FieldKernels.HadamardAccumulate<double>(expected, wideQ, wideS, 0.75);

                double[] actual = [.. start];
                FieldKernels.HadamardAccumulateWidening(actual, q, s, 0.75);
                for (int i = 0; i < length; i++)
                {
                    Assert.Equal(expected[i], actual[i]);
                }
            }
        }
        finally
        {
            SimdDriver.MaxWidth = saved;
        }
    }
}
