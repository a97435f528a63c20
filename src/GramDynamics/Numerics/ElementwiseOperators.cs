using System.Runtime.Intrinsics;

namespace GramDynamics.Numerics;

/// <summary>ReLU: max(u, 0), with ReLU'(0) = 0 so an exact zero stays inactive.</summary>
internal readonly struct ReluOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    // The second input is ignored; ReLU shares the binary driver to keep one loop.
    public T Invoke(T x, T y) => x > T.Zero ? x : T.Zero;

    public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(x, Vector256<T>.Zero), x, Vector256<T>.Zero);

    public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(x, Vector512<T>.Zero), x, Vector512<T>.Zero);
}

/// <summary>Masked product of the backward recursion: [u &gt; 0] · g.</summary>
internal readonly struct MaskedProductOperator<T> : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T u, T g) => u > T.Zero ? g : T.Zero;

    public Vector256<T> Invoke(Vector256<T> u, Vector256<T> g) =>
        Vector256.ConditionalSelect(Vector256.GreaterThan(u, Vector256<T>.Zero), g, Vector256<T>.Zero);

    public Vector512<T> Invoke(Vector512<T> u, Vector512<T> g) =>
        Vector512.ConditionalSelect(Vector512.GreaterThan(u, Vector512<T>.Zero), g, Vector512<T>.Zero);
}

/// <summary>Hadamard accumulation k + α · q · s, the step K += c² Q ⊙ S.</summary>
internal readonly struct HadamardAccumulateOperator<T>(T alpha) : ITernaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T k, T q, T s) => k + (alpha * q * s);

    public Vector256<T> Invoke(Vector256<T> k, Vector256<T> q, Vector256<T> s) =>
        k + (Vector256.Create(alpha) * q * s);

    public Vector512<T> Invoke(Vector512<T> k, Vector512<T> q, Vector512<T> s) =>
        k + (Vector512.Create(alpha) * q * s);
}

/// <summary>Row scaling x · α, used for diag(r) H and for multipliers.</summary>
internal readonly struct ScaleOperator<T>(T alpha) : IBinaryOperator<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public T Invoke(T x, T y) => alpha * x;

    public Vector256<T> Invoke(Vector256<T> x, Vector256<T> y) => Vector256.Create(alpha) * x;

    public Vector512<T> Invoke(Vector512<T> x, Vector512<T> y) => Vector512.Create(alpha) * x;
}
