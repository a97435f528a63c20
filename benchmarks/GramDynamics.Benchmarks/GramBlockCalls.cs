using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Benchmarks;

/// <summary>
/// The BLAS calls of <see cref="ResidualKernel.ComputeFromFields"/> alone, without the Hadamard
/// accumulation, the mirror or the conversions: the time K cannot go below with these calls.
/// </summary>
internal sealed class GramBlockCalls : IDisposable
{
    private readonly ResidualKernel _kernel;
    private readonly AlignedBuffer<double>? _doubleScratch; // [2, blockRows, N]
    private readonly AlignedBuffer<float>? _floatScratch;   // [2, blockRows, N]
    private readonly AlignedBuffer<double>? _doubleGram;    // [N, N] for the SYRK alternative
    private readonly AlignedBuffer<float>? _floatGram;      // [N, N] for the SYRK alternative

    public GramBlockCalls(ResidualKernel kernel)
    {
        _kernel = kernel;
        long scratch = 2L * kernel.BlockRows * kernel.Samples;
        long square = (long)kernel.Samples * kernel.Samples;
        if (kernel.Precision == Precision.Double)
        {
            _doubleScratch = new AlignedBuffer<double>(scratch);
            _doubleGram = new AlignedBuffer<double>(square);
        }
        else
        {
            _floatScratch = new AlignedBuffer<float>(scratch);
            _floatGram = new AlignedBuffer<float>(square);
        }
    }

    /// <summary>Issues every block GEMM of ComputeFromFields, in the same order and shapes.</summary>
    public void FormBlocks()
    {
        if (_kernel.Precision == Precision.Double)
        {
            FormBlocks(_kernel.DoubleFields!, _doubleScratch!);
        }
        else
        {
            FormBlocks(_kernel.FloatFields!, _floatScratch!);
        }
    }

    /// <summary>
    /// The alternative to the blocks: one SYRK per Gram matrix on the whole lower triangle,
    /// S^(ℓ) for every layer and Q^(ℓ-1) for ℓ &gt; 1 (the input Gram C is formed once, outside K).
    /// </summary>
    public void FormWithSyrk()
    {
        if (_kernel.Precision == Precision.Double)
        {
            FormWithSyrk(_kernel.DoubleFields!, _doubleGram!);
        }
        else
        {
            FormWithSyrk(_kernel.FloatFields!, _floatGram!);
        }
    }

    public void Dispose()
    {
        _doubleScratch?.Dispose();
        _floatScratch?.Dispose();
        _doubleGram?.Dispose();
        _floatGram?.Dispose();
    }

    private void FormBlocks<T>(FieldState<T> fields, AlignedBuffer<T> scratch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = fields.Samples;
        for (int start = 0; start < n; start += _kernel.BlockRows)
        {
            int rows = Math.Min(_kernel.BlockRows, n - start);
            for (int layer = 1; layer <= fields.Depth; layer++)
            {
                _kernel.FormGramBlocks(fields, scratch, layer, start, rows);
            }
        }
    }

    private static void FormWithSyrk<T>(FieldState<T> fields, AlignedBuffer<T> gram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = fields.Samples;
        for (int layer = 1; layer <= fields.Depth; layer++)
        {
            int width = fields.Widths[layer];
            if (layer > 1)
            {
                int fanIn = fields.Widths[layer - 1];
                Blas.SyrkLower(n, fanIn, T.One, fields.Activations(layer - 1), fanIn, T.Zero, gram.Span, n);
            }

            Blas.SyrkLower(n, width, T.One, fields.ConjugateFields(layer), width, T.Zero, gram.Span, n);
        }
    }
}
