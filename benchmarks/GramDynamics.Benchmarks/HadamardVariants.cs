using System.Numerics.Tensors;

namespace GramDynamics.Benchmarks;

/// <summary>The ways a user could write k += α q ⊙ s, next to the library's fused kernel.</summary>
internal static class HadamardVariants
{
    public static void PlainLoop(Span<double> k, ReadOnlySpan<double> q, ReadOnlySpan<double> s, double alpha)
    {
        for (int i = 0; i < k.Length; i++)
        {
            k[i] += alpha * q[i] * s[i];
        }
    }

    /// <summary>Two passes: product = q ⊙ s, then k += α product (TensorPrimitives.MultiplyAdd).</summary>
    public static void MultiplyThenMultiplyAdd(Span<double> k, ReadOnlySpan<double> q, ReadOnlySpan<double> s,
        double alpha, Span<double> product)
    {
        TensorPrimitives.Multiply(q, s, product);
        TensorPrimitives.MultiplyAdd(product, alpha, k, k);
    }

    /// <summary>Three passes: product = q ⊙ s, product ·= α, k += product.</summary>
    public static void MultiplyThenAdd(Span<double> k, ReadOnlySpan<double> q, ReadOnlySpan<double> s,
        double alpha, Span<double> product)
    {
        TensorPrimitives.Multiply(q, s, product);
        TensorPrimitives.Multiply(product, alpha, product);
        TensorPrimitives.Add(k, product, k);
    }
}
