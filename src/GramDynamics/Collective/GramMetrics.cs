using System.Buffers;
using GramDynamics.Numerics;

namespace GramDynamics.Collective;

/// <summary>
/// The weight-induced Gram metrics of a pair of samples: the pullback Gram metric
/// G_ℓ(μ,ν) = Ŵ_{ℓ+1}ᵀ D_{ℓ+1}(μ,ν) Ŵ_{ℓ+1} (n_ℓ × n_ℓ, ℓ = 0..L−1) and the conjugate Gram metric
/// Γ_ℓ(μ,ν) = Ŵ_{ℓ+1} D_ℓ(μ,ν) Ŵ_{ℓ+1}ᵀ (n_{ℓ+1} × n_{ℓ+1}, ℓ = 1..L−1).
/// </summary>
/// <remarks>
/// Each metric is formed from the active rows (for G) or columns (for Γ) of Ŵ only: they are
/// gathered into a p × n block, p = tr D, and one SYRK forms its Gram on the lower triangle,
/// which is then mirrored. The cost is O(p n²) instead of the O(n³) of a dense diagonal product,
/// and the result is bitwise symmetric.
/// </remarks>
public static class GramMetrics
{
    /// <summary>Forms the pullback Gram metric G_ℓ(μ,ν) = Ŵ_{ℓ+1}ᵀ D_{ℓ+1}(μ,ν) Ŵ_{ℓ+1}.</summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    /// <param name="layer">ℓ in 0..L−1.</param>
    /// <param name="mu">Sample μ.</param>
    /// <param name="nu">Sample ν.</param>
    /// <param name="pullbackGram">G_ℓ(μ,ν): [n_ℓ, n_ℓ] row-major.</param>
    public static void PullbackGram<T>(FieldState<T> fields, int layer, int mu, int nu, Span<T> pullbackGram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckLayer(layer, 0, fields.Depth - 1, nameof(layer));
        CollectiveArguments.CheckSample(mu, fields.Samples, nameof(mu));
        CollectiveArguments.CheckSample(nu, fields.Samples, nameof(nu));
        int rows = fields.Widths[layer + 1];
        int columns = fields.Widths[layer];
        CollectiveArguments.CheckDestination(pullbackGram.Length, columns, columns, nameof(pullbackGram));
        int[] active = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            int count = CoactivationProjector.ActiveNeurons(
                CoactivationProjector.MaskRow(fields, layer + 1, mu),
                CoactivationProjector.MaskRow(fields, layer + 1, nu), rows, active);
            FormPullbackGram<T>(fields.EffectiveWeights(layer + 1), columns, active.AsSpan(0, count),
                pullbackGram);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(active);
        }
    }

    /// <summary>Forms the conjugate Gram metric Γ_ℓ(μ,ν) = Ŵ_{ℓ+1} D_ℓ(μ,ν) Ŵ_{ℓ+1}ᵀ.</summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    /// <param name="layer">ℓ in 1..L−1.</param>
    /// <param name="mu">Sample μ.</param>
    /// <param name="nu">Sample ν.</param>
    /// <param name="conjugateGram">Γ_ℓ(μ,ν): [n_{ℓ+1}, n_{ℓ+1}] row-major.</param>
    public static void ConjugateGram<T>(FieldState<T> fields, int layer, int mu, int nu,
        Span<T> conjugateGram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckLayer(layer, 1, fields.Depth - 1, nameof(layer));
        CollectiveArguments.CheckSample(mu, fields.Samples, nameof(mu));
        CollectiveArguments.CheckSample(nu, fields.Samples, nameof(nu));
        int rows = fields.Widths[layer + 1];
        int columns = fields.Widths[layer];
        CollectiveArguments.CheckDestination(conjugateGram.Length, rows, rows, nameof(conjugateGram));
        int[] active = ArrayPool<int>.Shared.Rent(columns);
        try
        {
            int count = CoactivationProjector.ActiveNeurons(CoactivationProjector.MaskRow(fields, layer, mu),
                CoactivationProjector.MaskRow(fields, layer, nu), columns, active);
            FormConjugateGram<T>(fields.EffectiveWeights(layer + 1), rows, columns, active.AsSpan(0, count),
                conjugateGram);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(active);
        }
    }

    /// <summary>Forms Ŵᵀ D Ŵ for any weight matrix and 0/1 projector diagonal.</summary>
    /// <param name="effectiveWeights">Ŵ: [rows, columns] row-major.</param>
    /// <param name="rows">Rows of Ŵ (the width of the layer that D acts on).</param>
    /// <param name="columns">Columns of Ŵ.</param>
    /// <param name="projector">diag D: <paramref name="rows"/> values, each 0 or 1.</param>
    /// <param name="pullbackGram">Ŵᵀ D Ŵ: [columns, columns] row-major.</param>
    public static void PullbackGram<T>(ReadOnlySpan<T> effectiveWeights, int rows, int columns,
        ReadOnlySpan<T> projector, Span<T> pullbackGram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckDestination(effectiveWeights.Length, rows, columns,
            nameof(effectiveWeights));
        CollectiveArguments.CheckDestination(pullbackGram.Length, columns, columns, nameof(pullbackGram));
        int[] active = ArrayPool<int>.Shared.Rent(rows);
        try
        {
            int count = ActiveEntries(projector, rows, active);
            FormPullbackGram(effectiveWeights, columns, active.AsSpan(0, count), pullbackGram);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(active);
        }
    }

    /// <summary>Forms Ŵ D Ŵᵀ for any weight matrix and 0/1 projector diagonal.</summary>
    /// <param name="effectiveWeights">Ŵ: [rows, columns] row-major.</param>
    /// <param name="rows">Rows of Ŵ.</param>
    /// <param name="columns">Columns of Ŵ (the width of the layer that D acts on).</param>
    /// <param name="projector">diag D: <paramref name="columns"/> values, each 0 or 1.</param>
    /// <param name="conjugateGram">Ŵ D Ŵᵀ: [rows, rows] row-major.</param>
    public static void ConjugateGram<T>(ReadOnlySpan<T> effectiveWeights, int rows, int columns,
        ReadOnlySpan<T> projector, Span<T> conjugateGram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckDestination(effectiveWeights.Length, rows, columns,
            nameof(effectiveWeights));
        CollectiveArguments.CheckDestination(conjugateGram.Length, rows, rows, nameof(conjugateGram));
        int[] active = ArrayPool<int>.Shared.Rent(columns);
        try
        {
            int count = ActiveEntries(projector, columns, active);
            FormConjugateGram(effectiveWeights, rows, columns, active.AsSpan(0, count), conjugateGram);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(active);
        }
    }

    /// <summary>
    /// Forms G = Σ_{i active} ŵ_iᵀ ŵ_i over the rows ŵ_i of Ŵ: gathers those rows as the columns of
    /// an [n, p] block, then one SYRK.
    /// </summary>
    private static void FormPullbackGram<T>(ReadOnlySpan<T> effectiveWeights, int columns,
        ReadOnlySpan<int> active, Span<T> pullbackGram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = active.Length;
        T[] gathered = ArrayPool<T>.Shared.Rent(Math.Max(1, columns * count));
        try
        {
            // [n_ℓ, p]: column q is row active[q] of Ŵ.
            Span<T> activeRows = gathered.AsSpan(0, columns * count);
            for (int q = 0; q < count; q++)
            {
                ReadOnlySpan<T> row = effectiveWeights.Slice(active[q] * columns, columns);
                for (int j = 0; j < columns; j++)
                {
                    activeRows[(j * count) + q] = row[j];
                }
            }

            GramMatrices.Form<T>(activeRows, columns, count, pullbackGram);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(gathered);
        }
    }

    /// <summary>
    /// Forms Γ = Σ_{j active} ŵ_{:j} ŵ_{:j}ᵀ over the columns of Ŵ: gathers those columns into a
    /// [rows, p] block, then one SYRK.
    /// </summary>
    private static void FormConjugateGram<T>(ReadOnlySpan<T> effectiveWeights, int rows, int columns,
        ReadOnlySpan<int> active, Span<T> conjugateGram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = active.Length;
        T[] gathered = ArrayPool<T>.Shared.Rent(Math.Max(1, rows * count));
        try
        {
            Span<T> activeColumns = gathered.AsSpan(0, rows * count); // [n_{ℓ+1}, p]
            for (int r = 0; r < rows; r++)
            {
                ReadOnlySpan<T> row = effectiveWeights.Slice(r * columns, columns);
                Span<T> target = activeColumns.Slice(r * count, count);
                for (int q = 0; q < count; q++)
                {
                    target[q] = row[active[q]];
                }
            }

            GramMatrices.Form<T>(activeColumns, rows, count, conjugateGram);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(gathered);
        }
    }

    /// <summary>Writes the indices of the 1 entries of a projector diagonal; returns their count.</summary>
    private static int ActiveEntries<T>(ReadOnlySpan<T> projector, int width, Span<int> active)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (projector.Length != width)
        {
            ThrowHelper.ThrowArgument(nameof(projector),
                $"holds {projector.Length} values, expected {width}");
        }

        int count = 0;
        for (int i = 0; i < width; i++)
        {
            if (projector[i] == T.One)
            {
                active[count++] = i;
            }
            else if (projector[i] != T.Zero)
            {
                ThrowHelper.ThrowArgument(nameof(projector),
                    $"entry {i} is {projector[i]}, expected 0 or 1 (a co-activation projector)");
            }
        }

        return count;
    }
}
