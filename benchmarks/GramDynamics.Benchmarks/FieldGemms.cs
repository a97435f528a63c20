using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Benchmarks;

/// <summary>
/// The GEMMs of the forward and backward recursions alone, on the buffers of a computed
/// <see cref="FieldState{T}"/>: U_ℓ = H_{ℓ-1} Ŵ_ℓᵀ for every layer and B_ℓ = B_{ℓ+1} Ŵ_{ℓ+1} below
/// the top, each written to a scratch so the fields stay intact.
/// </summary>
internal sealed class FieldGemms<T> : IDisposable
    where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly FieldState<T> _fields;
    private readonly AlignedBuffer<T> _scratch; // [N, max n_ℓ]

    public FieldGemms(FieldState<T> fields)
    {
        _fields = fields;
        _scratch = new AlignedBuffer<T>((long)fields.Samples * fields.Widths.Max());
    }

    public void Run()
    {
        int n = _fields.Samples;
        for (int layer = 1; layer <= _fields.Depth; layer++)
        {
            int fanIn = _fields.Widths[layer - 1];
            int width = _fields.Widths[layer];
            Blas.Gemm(false, true, n, width, fanIn, T.One, _fields.Activations(layer - 1), fanIn,
                _fields.EffectiveWeights(layer), fanIn, T.Zero, _scratch.Span, width);
        }

        for (int layer = _fields.Depth - 1; layer >= 1; layer--)
        {
            int width = _fields.Widths[layer];
            int above = _fields.Widths[layer + 1];
            Blas.Gemm(false, false, n, width, above, T.One, _fields.ConjugateFields(layer + 1), above,
                _fields.EffectiveWeights(layer + 1), width, T.Zero, _scratch.Span, width);
        }
    }

    public void Dispose() => _scratch.Dispose();
}
