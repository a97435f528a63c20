using System.Numerics.Tensors;
using GramDynamics.Numerics;

namespace GramDynamics.Collective;

/// <summary>
/// The residual kernel K = Σ_ℓ c_ℓ² Q^(ℓ-1) ⊙ S^(ℓ), the empirical NTK of the hidden weights, for a
/// fixed training set. The workspace owns the fields, the input Gram C = X Xᵀ (formed once, since
/// X never changes) and two block scratch matrices, so repeated calls after weight updates allocate
/// nothing.
/// </summary>
/// <remarks>
/// K is formed block-row by block-row on the lower triangle: for rows I,
/// K[I, ≤I] += c_ℓ² (H_{ℓ-1,I} H_{ℓ-1,≤I}ᵀ) ⊙ (B_{ℓ,I} B_{ℓ,≤I}ᵀ), each product one GEMM into a
/// scratch of blockRows × N, then the lower triangle is mirrored, so K is exactly symmetric.
/// Without layer parts all layers run inside one block row (layer 1 reads C in place), and the
/// block row is mirrored while it is still in cache.
/// Memory beyond K: C (N × N) and two blockRows × N scratch blocks. Mixed precision also keeps
/// the fields in double, because its masks are decided in double.
/// </remarks>
public sealed class ResidualKernel : IDisposable
{
    /// <summary>Default rows per block of the blocked Gram formation.</summary>
    public const int DefaultBlockRows = 256;

    /// <summary>Largest N: K is passed as a span of N × N values, at most int.MaxValue of them.</summary>
    public const int MaxSamples = CollectiveArguments.MaxSquareOrder;

    private readonly FieldState<double>? _doubleFields;
    private readonly FieldState<float>? _floatFields;
    private readonly AlignedBuffer<double>? _doubleInputGram;  // C, [N, N], lower triangle
    private readonly AlignedBuffer<float>? _floatInputGram;    // C, [N, N], lower triangle
    private readonly AlignedBuffer<double>? _doubleScratch;    // [2, blockRows, N]
    private readonly AlignedBuffer<float>? _floatScratch;      // [2, blockRows, N]
    private readonly AlignedBuffer<float>? _floatKernel;       // [N, N] for Precision.Float32
    private AlignedBuffer<float>? _floatPart;                  // [N, N], one float32 layer part
    private readonly int _blockRows;

    /// <summary>Prepares the workspace for <paramref name="samples"/> rows of X.</summary>
    /// <param name="inputs">X: [N, d] row-major.</param>
    /// <param name="samples">N.</param>
    /// <param name="inputDimension">d.</param>
    /// <param name="widths">n_1..n_L.</param>
    /// <param name="precision">Precision of the fields and Gram blocks.</param>
    /// <param name="blockRows">Rows per block; at least 1.</param>
    public ResidualKernel(ReadOnlySpan<double> inputs, int samples, int inputDimension,
        IReadOnlyList<int> widths, Precision precision = Precision.Double, int blockRows = DefaultBlockRows)
    {
        if (blockRows < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(blockRows),
                $"block rows is {blockRows}, expected at least 1");
        }

        CollectiveArguments.CheckSquareOrder(samples, nameof(samples));
        Precision = precision;
        Samples = samples;
        _blockRows = Math.Min(blockRows, Math.Max(1, samples));
        long square = (long)samples * samples;
        long scratch = 2L * _blockRows * samples;
        if (precision == Precision.Double)
        {
            _doubleFields = new FieldState<double>(inputs, samples, inputDimension, widths);
            _doubleInputGram = new AlignedBuffer<double>(square);
            _doubleScratch = new AlignedBuffer<double>(scratch);
            FormInputGram(_doubleFields, _doubleInputGram);
        }
        else
        {
            // Mixed decides the masks in double: a pre-activation within float32 rounding of 0 would
            // otherwise flip its neuron, and one flip moves K by about 1/n in a whole row.
            if (precision == Precision.Mixed)
            {
                _doubleFields = new FieldState<double>(inputs, samples, inputDimension, widths);
            }

            _floatFields = new FieldState<float>(inputs, samples, inputDimension, widths);
            _floatInputGram = new AlignedBuffer<float>(square);
            _floatScratch = new AlignedBuffer<float>(scratch);
            FormInputGram(_floatFields, _floatInputGram);
            if (precision == Precision.Float32)
            {
                _floatKernel = new AlignedBuffer<float>(square);
            }
        }
    }

    /// <summary>Precision of the fields and Gram blocks.</summary>
    public Precision Precision { get; }

    /// <summary>N.</summary>
    public int Samples { get; }

    /// <summary>The fields in double; null when <see cref="Precision"/> is Float32.</summary>
    public FieldState<double>? DoubleFields => _doubleFields;

    /// <summary>
    /// The fields in float32; null when <see cref="Precision"/> is Double. For Mixed they are float32
    /// copies of <see cref="DoubleFields"/>, masks included, made by <see cref="UpdateFields"/>.
    /// </summary>
    public FieldState<float>? FloatFields => _floatFields;

    /// <summary>
    /// Network outputs f(x_μ) from the last <see cref="Compute"/> or <see cref="UpdateFields"/>.
    /// </summary>
    public ReadOnlySpan<double> Outputs =>
        _doubleFields is not null ? _doubleFields.Outputs : _floatFields!.Outputs;

    /// <summary>Runs the forward and backward recursions for the current weights.</summary>
    public void UpdateFields(Network network)
    {
        if (_doubleFields is not null)
        {
            _doubleFields.Forward(network);
            _doubleFields.Backward();
            _floatFields?.CopyFrom(_doubleFields);
        }
        else
        {
            _floatFields!.Forward(network);
            _floatFields.Backward();
        }
    }

    /// <summary>
    /// Computes K for the network's current weights into <paramref name="kernel"/> ([N, N], both
    /// triangles), and each layer part K^(ℓ) into <paramref name="layerParts"/>[ℓ-1] when given.
    /// </summary>
    public void Compute(Network network, Span<double> kernel, IReadOnlyList<double[]>? layerParts = null)
    {
        UpdateFields(network);
        ComputeFromFields(network, kernel, layerParts);
    }

    /// <summary>Computes K from the fields of the last <see cref="UpdateFields"/>.</summary>
    public void ComputeFromFields(Network network, Span<double> kernel,
        IReadOnlyList<double[]>? layerParts = null)
    {
        int n = Samples;
        if (kernel.Length != (long)n * n)
        {
            ThrowHelper.ThrowArgument(nameof(kernel),
                $"holds {kernel.Length} values, expected N × N = {n} × {n}");
        }

        if (layerParts is not null)
        {
            if (layerParts.Count != network.Depth)
            {
                ThrowHelper.ThrowArgument(nameof(layerParts),
                    $"{layerParts.Count} layer parts, expected L = {network.Depth}");
            }

            for (int layer = 0; layer < layerParts.Count; layer++)
            {
                if (layerParts[layer].Length != (long)n * n)
                {
                    ThrowHelper.ThrowArgument(nameof(layerParts),
                        $"part {layer + 1} holds {layerParts[layer].Length} values, expected {n} × {n}");
                }
            }
        }

        if (layerParts is null)
        {
            ComputeKernel(network, kernel);
        }
        else
        {
            ComputeKernelAndParts(network, kernel, layerParts);
        }

        FieldRange.CheckKernel(kernel, layerParts, Precision);
    }

    /// <summary>
    /// Forms K block-row by block-row with all layers inside each block row, so the rows of K stay in
    /// cache while every layer adds its part, and mirrors each finished block row onto the upper
    /// triangle.
    /// </summary>
    private void ComputeKernel(Network network, Span<double> kernel)
    {
        if (Precision == Precision.Double)
        {
            AccumulateAllLayers(network, _doubleFields!, _doubleInputGram!, _doubleScratch!, kernel);
        }
        else if (Precision == Precision.Mixed)
        {
            AccumulateAllLayersWidening(network, kernel);
        }
        else
        {
            Span<float> floatKernel = _floatKernel!.Span;
            AccumulateAllLayers(network, _floatFields!, _floatInputGram!, _floatScratch!, floatKernel);
            TensorPrimitives.ConvertTruncating<float, double>(floatKernel, kernel);
        }
    }

    /// <summary>Forms each layer part over the whole matrix, then adds it to K (layer by layer).</summary>
    private void ComputeKernelAndParts(Network network, Span<double> kernel,
        IReadOnlyList<double[]> layerParts)
    {
        int n = Samples;
        if (Precision == Precision.Float32)
        {
            Span<float> floatKernel = _floatKernel!.Span;
            floatKernel.Clear();
            _floatPart ??= new AlignedBuffer<float>((long)n * n);
            Span<float> part = _floatPart.Span;
            for (int layer = 1; layer <= network.Depth; layer++)
            {
                float weight = (float)(network.Multiplier(layer) * network.Multiplier(layer));
                part.Clear();
                AccumulateLayer(_floatFields!, _floatInputGram!, _floatScratch!, layer, weight, part);
                MirrorLower(part, n);
                TensorPrimitives.ConvertTruncating<float, double>(part, layerParts[layer - 1]);
                TensorPrimitives.Add(floatKernel, part, floatKernel);
            }

            TensorPrimitives.ConvertTruncating<float, double>(floatKernel, kernel);
            return;
        }

        kernel.Clear();
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            double weight = network.Multiplier(layer) * network.Multiplier(layer);
            Span<double> part = layerParts[layer - 1];
            part.Clear();
            AccumulateLayerDouble(layer, weight, part);
            MirrorLower(part, n);
            TensorPrimitives.Add(kernel, part, kernel);
        }
    }

    /// <summary>
    /// target[I, ≤I] = Σ_ℓ c_ℓ² (A_I A_≤Iᵀ) ⊙ (B_I B_≤Iᵀ) for each row block I, then mirrored, where
    /// A and B are H_{ℓ-1} and B_ℓ. The first layer clears each row before adding to it, so the sum
    /// starts from 0 exactly as a cleared matrix would.
    /// </summary>
    private void AccumulateAllLayers<T>(Network network, FieldState<T> fields, AlignedBuffer<T> inputGram,
        AlignedBuffer<T> scratch, Span<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = Samples;
        for (int start = 0; start < n; start += _blockRows)
        {
            int rows = Math.Min(_blockRows, n - start);
            int columns = start + rows;
            for (int layer = 1; layer <= network.Depth; layer++)
            {
                T weight = T.CreateTruncating(network.Multiplier(layer) * network.Multiplier(layer));
                FormGramBlocks(fields, scratch, layer, start, rows);
                Span<T> overlap = scratch.Slice(0, rows * columns);
                Span<T> correlator = scratch.Slice((long)_blockRows * n, rows * columns);
                for (int row = 0; row < rows; row++)
                {
                    int sample = start + row;
                    int length = sample + 1;
                    Span<T> targetRow = target.Slice(sample * n, length);
                    if (layer == 1)
                    {
                        targetRow.Clear();
                    }

                    // Layer 1 reads Q^(0) = C in place: row μ of its stored lower triangle is contiguous.
                    ReadOnlySpan<T> overlapRow = layer == 1
                        ? inputGram.Slice((long)sample * n, length)
                        : overlap.Slice(row * columns, length);
                    FieldKernels.HadamardAccumulate(targetRow, overlapRow,
                        correlator.Slice(row * columns, length), weight);
                }
            }

            // TODO: the Hadamard accumulation and the mirror run on this thread while OpenBLAS uses
            // all cores; splitting their rows across threads would cut their share of K (an estimated
            // 5 % at N = 4096 on 2 cores).
            FieldKernels.MirrorLowerRows(target, n, start, rows);
        }
    }

    /// <summary>
    /// The mixed-precision form of <see cref="AccumulateAllLayers"/>: float32 blocks, double K.
    /// </summary>
    private void AccumulateAllLayersWidening(Network network, Span<double> target)
    {
        FieldState<float> fields = _floatFields!;
        AlignedBuffer<float> scratch = _floatScratch!;
        int n = Samples;
        for (int start = 0; start < n; start += _blockRows)
        {
            int rows = Math.Min(_blockRows, n - start);
            int columns = start + rows;
            for (int layer = 1; layer <= network.Depth; layer++)
            {
                double weight = network.Multiplier(layer) * network.Multiplier(layer);
                FormGramBlocks(fields, scratch, layer, start, rows);
                Span<float> overlap = scratch.Slice(0, rows * columns);
                Span<float> correlator = scratch.Slice((long)_blockRows * n, rows * columns);
                for (int row = 0; row < rows; row++)
                {
                    int sample = start + row;
                    int length = sample + 1;
                    Span<double> targetRow = target.Slice(sample * n, length);
                    if (layer == 1)
                    {
                        targetRow.Clear();
                    }

                    ReadOnlySpan<float> overlapRow = layer == 1
                        ? _floatInputGram!.Slice((long)sample * n, length)
                        : overlap.Slice(row * columns, length);
                    FieldKernels.HadamardAccumulateWidening(targetRow, overlapRow,
                        correlator.Slice(row * columns, length), weight);
                }
            }

            FieldKernels.MirrorLowerRows(target, n, start, rows);
        }
    }

    /// <summary>Runs the layer accumulation into a double target in this workspace's precision.</summary>
    private void AccumulateLayerDouble(int layer, double weight, Span<double> target)
    {
        if (Precision == Precision.Double)
        {
            AccumulateLayer(_doubleFields!, _doubleInputGram!, _doubleScratch!, layer, weight, target);
        }
        else
        {
            AccumulateLayerWidening(layer, weight, target);
        }
    }

    /// <summary>target[I, ≤I] += weight · (A_I A_≤Iᵀ) ⊙ (B_I B_≤Iᵀ) over all row blocks I.</summary>
    private void AccumulateLayer<T>(FieldState<T> fields, AlignedBuffer<T> inputGram,
        AlignedBuffer<T> scratch, int layer, T weight, Span<T> target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = Samples;
        for (int start = 0; start < n; start += _blockRows)
        {
            int rows = Math.Min(_blockRows, n - start);
            int columns = start + rows;
            FormGramBlocks(fields, scratch, layer, start, rows);
            Span<T> overlap = scratch.Slice(0, rows * columns);
            Span<T> correlator = scratch.Slice((long)_blockRows * n, rows * columns);
            for (int row = 0; row < rows; row++)
            {
                int sample = start + row;
                int length = sample + 1;

                // Layer 1 reads Q^(0) = C in place: row μ of its stored lower triangle is contiguous.
                ReadOnlySpan<T> overlapRow = layer == 1
                    ? inputGram.Slice((long)sample * n, length)
                    : overlap.Slice(row * columns, length);
                FieldKernels.HadamardAccumulate(target.Slice(sample * n, length), overlapRow,
                    correlator.Slice(row * columns, length), weight);
            }
        }
    }

    /// <summary>
    /// The mixed-precision layer step: float32 Gram blocks, each product widened to double before it
    /// is accumulated, so K sums in double.
    /// </summary>
    private void AccumulateLayerWidening(int layer, double weight, Span<double> target)
    {
        FieldState<float> fields = _floatFields!;
        AlignedBuffer<float> scratch = _floatScratch!;
        int n = Samples;
        for (int start = 0; start < n; start += _blockRows)
        {
            int rows = Math.Min(_blockRows, n - start);
            int columns = start + rows;
            FormGramBlocks(fields, scratch, layer, start, rows);
            Span<float> overlap = scratch.Slice(0, rows * columns);
            Span<float> correlator = scratch.Slice((long)_blockRows * n, rows * columns);
            for (int row = 0; row < rows; row++)
            {
                int sample = start + row;
                int length = sample + 1;
                ReadOnlySpan<float> overlapRow = layer == 1
                    ? _floatInputGram!.Slice((long)sample * n, length)
                    : overlap.Slice(row * columns, length);
                FieldKernels.HadamardAccumulateWidening(target.Slice(sample * n, length), overlapRow,
                    correlator.Slice(row * columns, length), weight);
            }
        }
    }

    /// <summary>
    /// Forms the Gram blocks of rows [start, start + rows) against rows [0, start + rows) into the
    /// scratch: S^(ℓ) = B_ℓ B_ℓᵀ at offset blockRows · N and, for ℓ &gt; 1, Q^(ℓ-1) = H_{ℓ-1} H_{ℓ-1}ᵀ at
    /// offset 0, both with row stride start + rows. Layer 1 takes Q^(0) = C from the stored input Gram.
    /// </summary>
    internal void FormGramBlocks<T>(FieldState<T> fields, AlignedBuffer<T> scratch, int layer, int start,
        int rows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = Samples;
        int columns = start + rows;
        int width = fields.Widths[layer];
        Span<T> correlator = scratch.Slice((long)_blockRows * n, rows * columns);
        if (layer > 1)
        {
            int fanIn = fields.Widths[layer - 1];
            ReadOnlySpan<T> activations = fields.Activations(layer - 1);
            Blas.Gemm(false, true, rows, columns, fanIn, T.One, activations.Slice(start * fanIn), fanIn,
                activations, fanIn, T.Zero, scratch.Slice(0, rows * columns), columns);
        }

        ReadOnlySpan<T> conjugate = fields.ConjugateFields(layer);
        Blas.Gemm(false, true, rows, columns, width, T.One, conjugate.Slice(start * width), width,
            conjugate, width, T.Zero, correlator, columns);
    }

    /// <summary>Rows per block of the Gram formation.</summary>
    internal int BlockRows => _blockRows;

    /// <summary>Copies the lower triangle of a row-major N × N matrix onto the upper one.</summary>
    public static void MirrorLower<T>(Span<T> matrix, int n)
    {
        for (int start = 0; start < n; start += DefaultBlockRows)
        {
            FieldKernels.MirrorLowerRows(matrix, n, start, Math.Min(DefaultBlockRows, n - start));
        }
    }

    private static void FormInputGram<T>(FieldState<T> fields, AlignedBuffer<T> inputGram)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int n = fields.Samples;
        int d = fields.Widths[0];
        Blas.SyrkLower(n, d, T.One, fields.Activations(0), d, T.Zero, inputGram.Span, n);
    }

    public void Dispose()
    {
        _doubleFields?.Dispose();
        _floatFields?.Dispose();
        _doubleInputGram?.Dispose();
        _floatInputGram?.Dispose();
        _doubleScratch?.Dispose();
        _floatScratch?.Dispose();
        _floatKernel?.Dispose();
        _floatPart?.Dispose();
    }
}
