using GramDynamics.Numerics;

namespace GramDynamics.Collective;

/// <summary>
/// The N × N Gram matrices of the fields: the input Gram C = X Xᵀ, the activation overlaps
/// Q^(ℓ) = H_ℓ H_ℓᵀ, the conjugate correlators S^(ℓ) = B_ℓ B_ℓᵀ and the co-activation counts
/// P^(ℓ) = Θ_ℓ Θ_ℓᵀ. Each is formed on its lower triangle (SYRK, or popcount for P) and mirrored,
/// so the result is bitwise symmetric.
/// </summary>
public static class GramMatrices
{
    /// <summary>Forms A Aᵀ into both triangles of a matrix: SYRK on the lower one, then mirror.</summary>
    /// <param name="rows">A: [N, k] row-major.</param>
    /// <param name="samples">N.</param>
    /// <param name="columns">k; 0 gives the zero matrix.</param>
    /// <param name="gram">A Aᵀ: [N, N] row-major.</param>
    public static void Form<T>(ReadOnlySpan<T> rows, int samples, int columns, Span<T> gram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (samples < 0 || columns < 0)
        {
            ThrowHelper.ThrowArgument(nameof(rows), $"shape {samples} × {columns} is invalid");
        }

        CollectiveArguments.CheckDestination(rows.Length, samples, columns, nameof(rows));
        CollectiveArguments.CheckDestination(gram.Length, samples, samples, nameof(gram));
        if (columns == 0)
        {
            gram[..(samples * samples)].Clear();
            return;
        }

        Blas.SyrkLower(samples, columns, T.One, rows, columns, T.Zero, gram, samples);
        ResidualKernel.MirrorLower(gram, samples);
    }

    /// <summary>Forms the input Gram C = X Xᵀ = Q^(0).</summary>
    /// <param name="fields">Fields whose H_0 = X is [N, d].</param>
    /// <param name="inputGram">C: [N, N] row-major.</param>
    public static void InputGram<T>(FieldState<T> fields, Span<T> inputGram)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ActivationOverlap(fields, 0, inputGram);

    /// <summary>Forms the activation overlap Q^(ℓ) = H_ℓ H_ℓᵀ for ℓ = 0..L (Q^(0) = C).</summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    /// <param name="layer">ℓ in 0..L.</param>
    /// <param name="overlap">Q^(ℓ): [N, N] row-major.</param>
    public static void ActivationOverlap<T>(FieldState<T> fields, int layer, Span<T> overlap)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckLayer(layer, 0, fields.Depth, nameof(layer));
        Form<T>(fields.Activations(layer), fields.Samples, fields.Widths[layer], overlap);
    }

    /// <summary>Forms the conjugate correlator S^(ℓ) = B_ℓ B_ℓᵀ for ℓ = 1..L.</summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Backward"/>.</param>
    /// <param name="layer">ℓ in 1..L.</param>
    /// <param name="correlator">S^(ℓ): [N, N] row-major.</param>
    public static void ConjugateCorrelator<T>(FieldState<T> fields, int layer, Span<T> correlator)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckLayer(layer, 1, fields.Depth, nameof(layer));
        Form<T>(fields.ConjugateFields(layer), fields.Samples, fields.Widths[layer], correlator);
    }

    /// <summary>
    /// Forms the co-activation counts P^(ℓ) = Θ_ℓ Θ_ℓᵀ for ℓ = 1..L by popcount on the bit-packed
    /// masks: P^(ℓ)_μν is the number of neurons of layer ℓ active on both samples.
    /// </summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    /// <param name="layer">ℓ in 1..L.</param>
    /// <param name="counts">P^(ℓ): [N, N] row-major, integer values.</param>
    public static void CoactivationCounts<T>(FieldState<T> fields, int layer, Span<double> counts)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckLayer(layer, 1, fields.Depth, nameof(layer));
        int samples = fields.Samples;
        CollectiveArguments.CheckDestination(counts.Length, samples, samples, nameof(counts));
        int words = FieldKernels.MaskWords(fields.Widths[layer]);
        FieldKernels.CoactivationCounts(fields.Masks(layer), samples, words, counts);
    }
}
