using System.Buffers;
using GramDynamics.Numerics;

namespace GramDynamics.Collective;

/// <summary>
/// The hierarchy of weight-induced operators between hidden layers, for a pair of samples (μ, ν).
/// With the layer Jacobian J_{m←ℓ}(μ) = ∂u_m/∂u_ℓ = Ŵ_m D_{m−1}(μ) ··· Ŵ_{ℓ+1} D_ℓ(μ) (J_{ℓ←ℓ} = I):
/// the pullbacks M_ℓ^(m)(μ,ν) = J_{m←ℓ}(μ)ᵀ D_m(μ,ν) J_{m←ℓ}(ν) (n_ℓ × n_ℓ, 1 ≤ ℓ ≤ m ≤ L) and the
/// forward operators Γ_ℓ^(k)(μ,ν) = J_{ℓ←k}(μ) J_{ℓ←k}(ν)ᵀ (n_ℓ × n_ℓ, 1 ≤ k ≤ ℓ ≤ L).
/// </summary>
/// <remarks>
/// Each operator is available by its recursion and by its closed form with J formed explicitly,
/// so that one checks the other. The recursions give M_ℓ^(ℓ+1) = D_ℓ(μ) G_ℓ(μ,ν) D_ℓ(ν) and
/// Γ_{k+1}^(k) = Γ_k (see <see cref="GramMetrics"/>). Neither operator is symmetric for μ ≠ ν;
/// M(μ,ν)ᵀ = M(ν,μ) and likewise for Γ^(k). These are dense n × n operators per pair, meant for
/// diagnostics and tests on small widths, not for the training loop.
/// </remarks>
public static class PullbackHierarchy
{
    /// <summary>
    /// Computes M_ℓ^(m)(μ,ν) by the backward recursion M_m^(m) = D_m(μ,ν),
    /// M_j^(m) = D_j(μ) Ŵ_{j+1}ᵀ M_{j+1}^(m) Ŵ_{j+1} D_j(ν) for j = m−1 down to ℓ.
    /// </summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    /// <param name="layer">ℓ in 1..m.</param>
    /// <param name="top">m in ℓ..L.</param>
    /// <param name="mu">Sample μ.</param>
    /// <param name="nu">Sample ν.</param>
    /// <param name="pullback">M_ℓ^(m)(μ,ν): [n_ℓ, n_ℓ] row-major.</param>
    public static void Pullback<T>(FieldState<T> fields, int layer, int top, int mu, int nu, Span<T> pullback)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckArguments(fields, layer, top, mu, nu, nameof(layer), nameof(top));
        int width = fields.Widths[layer];
        CollectiveArguments.CheckDestination(pullback.Length, width, width, nameof(pullback));
        int square = MaxSquare(fields);
        T[] rented = ArrayPool<T>.Shared.Rent(4 * square);
        try
        {
            Span<T> current = rented.AsSpan(0, square);            // M_{j+1}^(m): [n_{j+1}, n_{j+1}]
            Span<T> half = rented.AsSpan(square, square);          // M_{j+1}^(m) Ŵ_{j+1} D_j(ν)
            Span<T> weightsMu = rented.AsSpan(2 * square, square); // Ŵ_{j+1} D_j(μ): [n_{j+1}, n_j]
            Span<T> weightsNu = rented.AsSpan(3 * square, square); // Ŵ_{j+1} D_j(ν): [n_{j+1}, n_j]

            int topWidth = fields.Widths[top];
            current[..(topWidth * topWidth)].Clear();
            for (int i = 0; i < topWidth; i++)
            {
                current[(i * topWidth) + i] = Coactive(fields, top, mu, nu, i) ? T.One : T.Zero;
            }

            for (int j = top - 1; j >= layer; j--)
            {
                int rows = fields.Widths[j + 1];
                int columns = fields.Widths[j];
                MaskColumns(fields, j + 1, mu, weightsMu);
                MaskColumns(fields, j + 1, nu, weightsNu);
                Blas.Gemm(false, false, rows, columns, rows, T.One, current, rows, weightsNu, columns,
                    T.Zero, half, columns);
                Blas.Gemm(true, false, columns, columns, rows, T.One, weightsMu, columns, half, columns,
                    T.Zero, current, columns);
            }

            current[..(width * width)].CopyTo(pullback);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Computes M_ℓ^(m)(μ,ν) = J_{m←ℓ}(μ)ᵀ D_m(μ,ν) J_{m←ℓ}(ν) with both Jacobians formed explicitly.
    /// </summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    /// <param name="layer">ℓ in 1..m.</param>
    /// <param name="top">m in ℓ..L.</param>
    /// <param name="mu">Sample μ.</param>
    /// <param name="nu">Sample ν.</param>
    /// <param name="pullback">M_ℓ^(m)(μ,ν): [n_ℓ, n_ℓ] row-major.</param>
    public static void PullbackClosedForm<T>(FieldState<T> fields, int layer, int top, int mu, int nu,
        Span<T> pullback)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckArguments(fields, layer, top, mu, nu, nameof(layer), nameof(top));
        int width = fields.Widths[layer];
        int topWidth = fields.Widths[top];
        CollectiveArguments.CheckDestination(pullback.Length, width, width, nameof(pullback));
        int square = MaxSquare(fields);
        T[] rented = ArrayPool<T>.Shared.Rent(2 * square);
        try
        {
            Span<T> jacobianMu = rented.AsSpan(0, topWidth * width);      // J_{m←ℓ}(μ): [n_m, n_ℓ]
            Span<T> jacobianNu = rented.AsSpan(square, topWidth * width); // D_m(μ,ν) J_{m←ℓ}(ν): [n_m, n_ℓ]
            Jacobian(fields, top, layer, mu, jacobianMu);
            Jacobian(fields, top, layer, nu, jacobianNu);
            for (int i = 0; i < topWidth; i++)
            {
                if (!Coactive(fields, top, mu, nu, i))
                {
                    jacobianNu.Slice(i * width, width).Clear();
                }
            }

            Blas.Gemm(true, false, width, width, topWidth, T.One, jacobianMu, width, jacobianNu, width,
                T.Zero, pullback, width);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Computes Γ_ℓ^(k)(μ,ν) by the forward recursion Γ_k^(k) = I,
    /// Γ_j^(k) = Ŵ_j D_{j−1}(μ) Γ_{j−1}^(k) D_{j−1}(ν) Ŵ_jᵀ for j = k+1..ℓ.
    /// </summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    /// <param name="layer">ℓ in k..L.</param>
    /// <param name="source">k in 1..ℓ.</param>
    /// <param name="mu">Sample μ.</param>
    /// <param name="nu">Sample ν.</param>
    /// <param name="forward">Γ_ℓ^(k)(μ,ν): [n_ℓ, n_ℓ] row-major.</param>
    public static void Forward<T>(FieldState<T> fields, int layer, int source, int mu, int nu,
        Span<T> forward)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckArguments(fields, source, layer, mu, nu, nameof(source), nameof(layer));
        int width = fields.Widths[layer];
        CollectiveArguments.CheckDestination(forward.Length, width, width, nameof(forward));
        int square = MaxSquare(fields);
        T[] rented = ArrayPool<T>.Shared.Rent(4 * square);
        try
        {
            Span<T> current = rented.AsSpan(0, square);            // Γ_{j−1}^(k): [n_{j−1}, n_{j−1}]
            Span<T> half = rented.AsSpan(square, square);          // Ŵ_j D_{j−1}(μ) Γ_{j−1}^(k)
            Span<T> weightsMu = rented.AsSpan(2 * square, square); // Ŵ_j D_{j−1}(μ): [n_j, n_{j−1}]
            Span<T> weightsNu = rented.AsSpan(3 * square, square); // Ŵ_j D_{j−1}(ν): [n_j, n_{j−1}]

            SetIdentity(current, fields.Widths[source]);
            for (int j = source + 1; j <= layer; j++)
            {
                int rows = fields.Widths[j];
                int columns = fields.Widths[j - 1];
                MaskColumns(fields, j, mu, weightsMu);
                MaskColumns(fields, j, nu, weightsNu);
                Blas.Gemm(false, false, rows, columns, columns, T.One, weightsMu, columns, current, columns,
                    T.Zero, half, columns);
                Blas.Gemm(false, true, rows, rows, columns, T.One, half, columns, weightsNu, columns, T.Zero,
                    current, rows);
            }

            current[..(width * width)].CopyTo(forward);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Computes Γ_ℓ^(k)(μ,ν) = J_{ℓ←k}(μ) J_{ℓ←k}(ν)ᵀ with both Jacobians formed explicitly.
    /// </summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    /// <param name="layer">ℓ in k..L.</param>
    /// <param name="source">k in 1..ℓ.</param>
    /// <param name="mu">Sample μ.</param>
    /// <param name="nu">Sample ν.</param>
    /// <param name="forward">Γ_ℓ^(k)(μ,ν): [n_ℓ, n_ℓ] row-major.</param>
    public static void ForwardClosedForm<T>(FieldState<T> fields, int layer, int source, int mu, int nu,
        Span<T> forward)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckArguments(fields, source, layer, mu, nu, nameof(source), nameof(layer));
        int width = fields.Widths[layer];
        int sourceWidth = fields.Widths[source];
        CollectiveArguments.CheckDestination(forward.Length, width, width, nameof(forward));
        int square = MaxSquare(fields);
        T[] rented = ArrayPool<T>.Shared.Rent(2 * square);
        try
        {
            Span<T> jacobianMu = rented.AsSpan(0, width * sourceWidth);      // J_{ℓ←k}(μ): [n_ℓ, n_k]
            Span<T> jacobianNu = rented.AsSpan(square, width * sourceWidth); // J_{ℓ←k}(ν): [n_ℓ, n_k]
            Jacobian(fields, layer, source, mu, jacobianMu);
            Jacobian(fields, layer, source, nu, jacobianNu);
            Blas.Gemm(false, true, width, width, sourceWidth, T.One, jacobianMu, sourceWidth, jacobianNu,
                sourceWidth, T.Zero, forward, width);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>
    /// Forms the layer Jacobian J_{m←ℓ}(μ) = ∂u_m/∂u_ℓ = Ŵ_m D_{m−1}(μ) ··· Ŵ_{ℓ+1} D_ℓ(μ) at sample μ,
    /// with J_{ℓ←ℓ} = I.
    /// </summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    /// <param name="top">m in ℓ..L.</param>
    /// <param name="layer">ℓ in 1..m.</param>
    /// <param name="mu">Sample μ.</param>
    /// <param name="jacobian">J_{m←ℓ}(μ): [n_m, n_ℓ] row-major.</param>
    public static void Jacobian<T>(FieldState<T> fields, int top, int layer, int mu, Span<T> jacobian)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckArguments(fields, layer, top, mu, mu, nameof(layer), nameof(top));
        int width = fields.Widths[layer];
        CollectiveArguments.CheckDestination(jacobian.Length, fields.Widths[top], width, nameof(jacobian));
        int square = MaxSquare(fields);
        T[] rented = ArrayPool<T>.Shared.Rent(3 * square);
        try
        {
            Span<T> current = rented.AsSpan(0, square);             // J_{j−1←ℓ}(μ): [n_{j−1}, n_ℓ]
            Span<T> next = rented.AsSpan(square, square);           // J_{j←ℓ}(μ): [n_j, n_ℓ]
            Span<T> weightsMu = rented.AsSpan(2 * square, square);  // Ŵ_j D_{j−1}(μ): [n_j, n_{j−1}]
            SetIdentity(current, width);
            for (int j = layer + 1; j <= top; j++)
            {
                int rows = fields.Widths[j];
                int columns = fields.Widths[j - 1];
                MaskColumns(fields, j, mu, weightsMu);
                Blas.Gemm(false, false, rows, width, columns, T.One, weightsMu, columns, current, width,
                    T.Zero, next, width);
                Span<T> swap = current;
                current = next;
                next = swap;
            }

            current[..(fields.Widths[top] * width)].CopyTo(jacobian);
        }
        finally
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>Writes Ŵ_j D_{j−1}(μ): Ŵ_j with column i cleared wherever θ_{j−1,i}(μ) = 0.</summary>
    private static void MaskColumns<T>(FieldState<T> fields, int weightLayer, int sample, Span<T> masked)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = fields.Widths[weightLayer];
        int columns = fields.Widths[weightLayer - 1];
        ReadOnlySpan<T> weights = fields.EffectiveWeights(weightLayer);
        ReadOnlySpan<ulong> mask = CoactivationProjector.MaskRow(fields, weightLayer - 1, sample);
        for (int r = 0; r < rows; r++)
        {
            for (int i = 0; i < columns; i++)
            {
                int index = (r * columns) + i;
                masked[index] = CoactivationProjector.IsActive(mask, i) ? weights[index] : T.Zero;
            }
        }
    }

    private static bool Coactive<T>(FieldState<T> fields, int layer, int mu, int nu, int neuron)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        CoactivationProjector.IsActive(CoactivationProjector.MaskRow(fields, layer, mu), neuron)
        && CoactivationProjector.IsActive(CoactivationProjector.MaskRow(fields, layer, nu), neuron);

    private static void SetIdentity<T>(Span<T> matrix, int size)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        matrix[..(size * size)].Clear();
        for (int i = 0; i < size; i++)
        {
            matrix[(i * size) + i] = T.One;
        }
    }

    private static int MaxSquare<T>(FieldState<T> fields)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int widest = 1;
        for (int layer = 1; layer <= fields.Depth; layer++)
        {
            widest = Math.Max(widest, fields.Widths[layer]);
        }

        return widest * widest;
    }

    /// <summary>Checks 1 ≤ lower ≤ upper ≤ L and both samples.</summary>
    private static void CheckArguments<T>(FieldState<T> fields, int lower, int upper, int mu, int nu,
        string lowerName, string upperName)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CollectiveArguments.CheckLayer(upper, 1, fields.Depth, upperName);
        CollectiveArguments.CheckLayer(lower, 1, upper, lowerName);
        CollectiveArguments.CheckSample(mu, fields.Samples, nameof(mu));
        CollectiveArguments.CheckSample(nu, fields.Samples, nameof(nu));
    }
}
