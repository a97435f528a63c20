using System.Buffers;
using System.Numerics.Tensors;
using GramDynamics.Numerics;

namespace GramDynamics.Collective;

/// <summary>
/// The conjugate correlator S^(ℓ) written as a fourth-order correlator through the conjugate Gram
/// metric, for ℓ = 1..L−1:
/// S^(ℓ)_μν = b_{ℓ+1}(μ)ᵀ Γ_ℓ(μ,ν) b_{ℓ+1}(ν) = Σ_i θ_ℓi(μ) θ_ℓi(ν) g_i(μ) g_i(ν),
/// with g(μ) = Ŵ_{ℓ+1}ᵀ b_{ℓ+1}(μ). S^(L) has no such form, because B_L = Θ_L ⊙ (1 aᵀ) is not
/// pulled back from a layer above.
/// </summary>
public static class FourthOrderCorrelator
{
    /// <summary>
    /// Computes S^(ℓ) by the fast path: one GEMM for all g(μ) (the rows of B_{ℓ+1} Ŵ_{ℓ+1}), the
    /// masked product with Θ_ℓ, then one Gram formation. Cost O(N n_ℓ n_{ℓ+1} + N² n_ℓ).
    /// </summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Backward"/>.</param>
    /// <param name="layer">ℓ in 1..L−1.</param>
    /// <param name="correlator">S^(ℓ): [N, N] row-major, bitwise symmetric.</param>
    public static void Compute<T>(FieldState<T> fields, int layer, Span<T> correlator)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckLayer(layer, 1, fields.Depth - 1, nameof(layer));
        int samples = fields.Samples;
        int width = fields.Widths[layer];
        int above = fields.Widths[layer + 1];
        CollectiveArguments.CheckDestination(correlator.Length, samples, samples, nameof(correlator));
        T[] rented = ArrayPool<T>.Shared.Rent(samples * width);
        try
        {
            Span<T> pulledBack = rented.AsSpan(0, samples * width); // [N, n_ℓ]: row μ is g(μ)ᵀ
            Blas.Gemm(false, false, samples, width, above, T.One, fields.ConjugateFields(layer + 1), above,
                fields.EffectiveWeights(layer + 1), width, T.Zero, pulledBack, width);

            // Θ_ℓ = [U_ℓ > 0], so the masked product with U_ℓ applies the masks.
            FieldKernels.MaskedProduct<T>(fields.Preactivations(layer), pulledBack, pulledBack);
            GramMatrices.Form<T>(pulledBack, samples, width, correlator);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Computes S^(ℓ) by the reference path: forms Γ_ℓ(μ,ν) for each pair μ ≥ ν and evaluates
    /// b_{ℓ+1}(μ)ᵀ Γ_ℓ(μ,ν) b_{ℓ+1}(ν), then mirrors. Cost O(N² n_{ℓ+1}² n_ℓ); for tests and small N.
    /// </summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Backward"/>.</param>
    /// <param name="layer">ℓ in 1..L−1.</param>
    /// <param name="correlator">S^(ℓ): [N, N] row-major, bitwise symmetric.</param>
    public static void ComputeByConjugateGram<T>(FieldState<T> fields, int layer, Span<T> correlator)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckLayer(layer, 1, fields.Depth - 1, nameof(layer));
        int samples = fields.Samples;
        int above = fields.Widths[layer + 1];
        CollectiveArguments.CheckDestination(correlator.Length, samples, samples, nameof(correlator));
        ReadOnlySpan<T> conjugate = fields.ConjugateFields(layer + 1);
        T[] rented = ArrayPool<T>.Shared.Rent((above * above) + above);
        try
        {
            Span<T> conjugateGram = rented.AsSpan(0, above * above); // Γ_ℓ(μ,ν): [n_{ℓ+1}, n_{ℓ+1}]
            Span<T> product = rented.AsSpan(above * above, above);   // Γ_ℓ(μ,ν) b_{ℓ+1}(ν)
            for (int mu = 0; mu < samples; mu++)
            {
                ReadOnlySpan<T> bMu = conjugate.Slice(mu * above, above);
                for (int nu = 0; nu <= mu; nu++)
                {
                    GramMetrics.ConjugateGram(fields, layer, mu, nu, conjugateGram);
                    Blas.Gemm(false, false, above, 1, above, T.One, conjugateGram, above,
                        conjugate.Slice(nu * above, above), 1, T.Zero, product, 1);
                    correlator[(mu * samples) + nu] = TensorPrimitives.Dot(bMu, product);
                }
            }

            ResidualKernel.MirrorLower(correlator, samples);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }
}
