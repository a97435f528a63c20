using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;
using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Diagnostics;

/// <summary>
/// Statistics of the pullback Gram metrics of layer ℓ, built from Ŵ = Ŵ_{ℓ+1}
/// ([n_{ℓ+1}, n_ℓ] row-major) and the masks Θ_{ℓ+1} (bit-packed, [N, words(n_{ℓ+1})]): the
/// averaged metric Ŵᵀ diag(p ⊙ p) Ŵ, the residual-weighted metric Ŵᵀ diag((Θᵀr) ⊙ (Θᵀr)) Ŵ,
/// their spectra, and the size of G_ℓ(μ, ν) = Ŵᵀ D_{ℓ+1}(μ, ν) Ŵ for sampled pairs.
/// </summary>
/// <remarks>
/// Each metric Ŵᵀ diag(s ⊙ s) Ŵ is formed as Aᵀ A with A = diag(s) Ŵ: the rows of Ŵ are scaled,
/// transposed into a scratch, and one SYRK forms the lower triangle, which is then mirrored, so the
/// result is exactly symmetric. Scratch: one n_{ℓ+1} × n_ℓ matrix, rented.
/// </remarks>
public static class GramMetricDiagnostics
{
    /// <summary>
    /// Forms the averaged metric Ŵᵀ diag(p ⊙ p) Ŵ, with p_i = (1/N) Σ_μ θ_μi the mean activation
    /// of neuron i of layer ℓ + 1.
    /// </summary>
    /// <param name="weights">Ŵ_{ℓ+1}: [n_{ℓ+1}, n_ℓ] row-major.</param>
    /// <param name="outputWidth">n_{ℓ+1}.</param>
    /// <param name="inputWidth">n_ℓ.</param>
    /// <param name="masks">Θ_{ℓ+1}: [N, words(n_{ℓ+1})].</param>
    /// <param name="samples">N.</param>
    /// <param name="metric">Receives the metric: [n_ℓ, n_ℓ] row-major, both triangles.</param>
    public static void AveragedMetric(ReadOnlySpan<double> weights, int outputWidth, int inputWidth,
        ReadOnlySpan<ulong> masks, int samples, Span<double> metric)
    {
        CheckWeights(weights, outputWidth, inputWidth, metric);
        double[] scales = ArrayPool<double>.Shared.Rent(outputWidth);
        int[] counts = ArrayPool<int>.Shared.Rent(outputWidth);
        try
        {
            Span<double> meanActivation = scales.AsSpan(0, outputWidth);
            Span<int> activeCounts = counts.AsSpan(0, outputWidth);
            MaskDiagnostics.CountActive(masks, samples, outputWidth, activeCounts);
            for (int i = 0; i < outputWidth; i++)
            {
                meanActivation[i] = (double)activeCounts[i] / samples;
            }

            FormWeightedMetric(weights, outputWidth, inputWidth, meanActivation, metric);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scales);
            ArrayPool<int>.Shared.Return(counts);
        }
    }

    /// <summary>
    /// Forms the residual-weighted metric Ŵᵀ diag(q ⊙ q) Ŵ, with q = Θ_{ℓ+1}ᵀ r, that is
    /// q_i = Σ_μ θ_μi r_μ.
    /// </summary>
    /// <param name="weights">Ŵ_{ℓ+1}: [n_{ℓ+1}, n_ℓ] row-major.</param>
    /// <param name="outputWidth">n_{ℓ+1}.</param>
    /// <param name="inputWidth">n_ℓ.</param>
    /// <param name="masks">Θ_{ℓ+1}: [N, words(n_{ℓ+1})].</param>
    /// <param name="samples">N.</param>
    /// <param name="residuals">r: [N].</param>
    /// <param name="metric">Receives the metric: [n_ℓ, n_ℓ] row-major, both triangles.</param>
    public static void ResidualWeightedMetric(ReadOnlySpan<double> weights, int outputWidth, int inputWidth,
        ReadOnlySpan<ulong> masks, int samples, ReadOnlySpan<double> residuals, Span<double> metric)
    {
        CheckWeights(weights, outputWidth, inputWidth, metric);
        int words = MaskDiagnostics.CheckMasks(masks, samples, outputWidth, nameof(masks));
        DiagnosticChecks.RequireLength(residuals, samples, nameof(residuals), "N");
        DiagnosticChecks.ThrowIfNotFinite(residuals, nameof(residuals));
        double[] scales = ArrayPool<double>.Shared.Rent(outputWidth);
        try
        {
            Span<double> maskedResidualSums = scales.AsSpan(0, outputWidth);
            maskedResidualSums.Clear();
            ulong lastWordMask = MaskDiagnostics.LastWordMask(outputWidth);
            for (int mu = 0; mu < samples; mu++)
            {
                for (int w = 0; w < words; w++)
                {
                    ulong bits = masks[(mu * words) + w] & (w == words - 1 ? lastWordMask : ulong.MaxValue);
                    while (bits != 0)
                    {
                        maskedResidualSums[(w << 6) + BitOperations.TrailingZeroCount(bits)] += residuals[mu];
                        bits &= bits - 1;
                    }
                }
            }

            FormWeightedMetric(weights, outputWidth, inputWidth, maskedResidualSums, metric);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scales);
        }
    }

    /// <summary>
    /// Computes the spectrum of a metric formed by <see cref="AveragedMetric"/> or
    /// <see cref="ResidualWeightedMetric"/>, its summary and a power-law fit of its eigenvalues.
    /// </summary>
    /// <param name="metric">[n_ℓ, n_ℓ] row-major, symmetric.</param>
    /// <param name="n">n_ℓ.</param>
    /// <param name="topCount">How many of the largest eigenvalues the summary keeps.</param>
    public static GramMetricSpectrum Spectrum(ReadOnlySpan<double> metric, int n, int topCount)
    {
        DiagnosticChecks.RequireOrder(n, nameof(n));
        DiagnosticChecks.RequireLength(metric, (long)n * n, nameof(metric), "n_ℓ × n_ℓ");
        var ascending = new double[n];
        SymmetricEigensolver.Eigenvalues(metric, n, ascending);
        double trace = KernelSpectrum.Trace(metric, n);
        double frobenius = DiagnosticChecks.RequireFinite(TensorPrimitives.Norm(metric), "‖G‖_F", metric,
            nameof(metric));
        SpectrumSummary summary = KernelSpectrum.FromEigenvalues(ascending, trace, frobenius, topCount);
        PowerLawFit tailFit = PowerLawFit.Fit(ascending);
        Array.Reverse(ascending);
        return new GramMetricSpectrum(ascending, summary, tailFit);
    }

    /// <summary>
    /// Computes ‖G_ℓ(μ, ν)‖₂ and tr G_ℓ(μ, ν) for each pair. With A the rows of Ŵ whose neuron is
    /// active on both samples (m of them), G = Aᵀ A, so tr G = ‖A‖_F² and ‖G‖₂ is the largest
    /// eigenvalue of the smaller of the Grams A Aᵀ (m × m) and Aᵀ A (n_ℓ × n_ℓ).
    /// </summary>
    /// <param name="weights">Ŵ_{ℓ+1}: [n_{ℓ+1}, n_ℓ] row-major.</param>
    /// <param name="outputWidth">n_{ℓ+1}.</param>
    /// <param name="inputWidth">n_ℓ.</param>
    /// <param name="masks">Θ_{ℓ+1}: [N, words(n_{ℓ+1})].</param>
    /// <param name="samples">N.</param>
    /// <param name="pairs">Sample pairs (μ, ν), each index in 0..N−1; see <see cref="SamplePairs"/>.</param>
    public static GramMetricPair[] PairStatistics(ReadOnlySpan<double> weights, int outputWidth,
        int inputWidth, ReadOnlySpan<ulong> masks, int samples, ReadOnlySpan<(int First, int Second)> pairs)
    {
        CheckWeights(weights, outputWidth, inputWidth);
        int words = MaskDiagnostics.CheckMasks(masks, samples, outputWidth, nameof(masks));
        DiagnosticChecks.ThrowIfNotFinite(weights, nameof(weights));
        int gramOrder = Math.Min(outputWidth, inputWidth);
        double[] rows = ArrayPool<double>.Shared.Rent(outputWidth * inputWidth);     // A, [m, n_ℓ]
        double[] transposed = ArrayPool<double>.Shared.Rent(outputWidth * inputWidth); // Aᵀ, [n_ℓ, m]
        double[] gram = ArrayPool<double>.Shared.Rent(gramOrder * gramOrder);
        double[] largest = new double[1];
        ulong lastWordMask = MaskDiagnostics.LastWordMask(outputWidth);
        var results = new GramMetricPair[pairs.Length];
        try
        {
            for (int p = 0; p < pairs.Length; p++)
            {
                (int first, int second) = pairs[p];
                if ((uint)first >= (uint)samples || (uint)second >= (uint)samples)
                {
                    ThrowHelper.ThrowArgumentOutOfRange(nameof(pairs),
                        $"pair {p} is ({first}, {second}), expected indices in 0..{samples - 1}");
                }

                int m = GatherCoactiveRows(weights, inputWidth, masks.Slice(first * words, words),
                    masks.Slice(second * words, words), lastWordMask, rows);
                if (m == 0)
                {
                    results[p] = new GramMetricPair(first, second, 0, 0, 0);
                    continue;
                }

                Span<double> selected = rows.AsSpan(0, m * inputWidth);
                double trace = TensorPrimitives.SumOfSquares<double>(selected);
                int order;
                if (m <= inputWidth)
                {
                    order = m;
                    Blas.SyrkLower(m, inputWidth, 1.0, selected, inputWidth, 0.0, gram, m);
                }
                else
                {
                    order = inputWidth;
                    Transpose(selected, m, inputWidth, transposed);
                    Blas.SyrkLower(inputWidth, m, 1.0, transposed, m, 0.0, gram, inputWidth);
                }

                SymmetricEigensolver.LargestEigenvalues(gram.AsSpan(0, order * order), order, 1, largest);
                results[p] = new GramMetricPair(first, second, m, Math.Max(largest[0], 0), trace);
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rows);
            ArrayPool<double>.Shared.Return(transposed);
            ArrayPool<double>.Shared.Return(gram);
        }

        return results;
    }

    /// <summary>
    /// Draws <paramref name="count"/> pairs (μ, ν) uniformly and independently from 0..N−1 with a
    /// seeded <see cref="Random"/>; μ = ν is allowed, since G_ℓ(μ, μ) is a metric too.
    /// </summary>
    public static (int First, int Second)[] SamplePairs(int samples, int count, int seed)
    {
        DiagnosticChecks.RequirePositive(samples, nameof(samples));
        if (count < 0)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(count), $"pair count is {count}, expected at least 0");
        }

        var random = new Random(seed);
        var pairs = new (int First, int Second)[count];
        for (int p = 0; p < count; p++)
        {
            pairs[p] = (random.Next(samples), random.Next(samples));
        }

        return pairs;
    }

    // Ŵᵀ diag(s ⊙ s) Ŵ = Aᵀ A with A = diag(s) Ŵ. A is stored transposed, so SYRK on it forms Aᵀ A.
    private static void FormWeightedMetric(ReadOnlySpan<double> weights, int outputWidth, int inputWidth,
        ReadOnlySpan<double> scales, Span<double> metric)
    {
        DiagnosticChecks.ThrowIfNotFinite(weights, nameof(weights));
        double[] scratch = ArrayPool<double>.Shared.Rent(outputWidth * inputWidth);
        try
        {
            Span<double> scaledTransposed = scratch.AsSpan(0, outputWidth * inputWidth); // [n_ℓ, n_{ℓ+1}]
            for (int i = 0; i < outputWidth; i++)
            {
                double scale = scales[i];
                ReadOnlySpan<double> row = weights.Slice(i * inputWidth, inputWidth);
                for (int j = 0; j < inputWidth; j++)
                {
                    scaledTransposed[(j * outputWidth) + i] = scale * row[j];
                }
            }

            Blas.SyrkLower(inputWidth, outputWidth, 1.0, scaledTransposed, outputWidth, 0.0, metric,
                inputWidth);
            ResidualKernel.MirrorLower(metric[..(inputWidth * inputWidth)], inputWidth);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(scratch);
        }

        DiagnosticChecks.RequireFinite(TensorPrimitives.Sum<double>(metric[..(inputWidth * inputWidth)]),
            "Gram metric", scales, nameof(scales));
    }

    private static int GatherCoactiveRows(ReadOnlySpan<double> weights, int inputWidth,
        ReadOnlySpan<ulong> first, ReadOnlySpan<ulong> second, ulong lastWordMask, Span<double> rows)
    {
        int m = 0;
        for (int w = 0; w < first.Length; w++)
        {
            ulong bits = first[w] & second[w] & (w == first.Length - 1 ? lastWordMask : ulong.MaxValue);
            while (bits != 0)
            {
                int neuron = (w << 6) + BitOperations.TrailingZeroCount(bits);
                weights.Slice(neuron * inputWidth, inputWidth).CopyTo(rows.Slice(m * inputWidth, inputWidth));
                m++;
                bits &= bits - 1;
            }
        }

        return m;
    }

    private static void Transpose(ReadOnlySpan<double> matrix, int rows, int columns, Span<double> transposed)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                transposed[(j * rows) + i] = matrix[(i * columns) + j];
            }
        }
    }

    private static void CheckWeights(ReadOnlySpan<double> weights, int outputWidth, int inputWidth)
    {
        DiagnosticChecks.RequirePositive(outputWidth, nameof(outputWidth));
        DiagnosticChecks.RequirePositive(inputWidth, nameof(inputWidth));
        DiagnosticChecks.RequireLength(weights, (long)outputWidth * inputWidth, nameof(weights),
            $"n_ℓ+1 × n_ℓ = {outputWidth} × {inputWidth}");
    }

    private static void CheckWeights(ReadOnlySpan<double> weights, int outputWidth, int inputWidth,
        Span<double> metric)
    {
        CheckWeights(weights, outputWidth, inputWidth);
        DiagnosticChecks.RequireLength(metric, (long)inputWidth * inputWidth, nameof(metric),
            $"n_ℓ × n_ℓ = {inputWidth} × {inputWidth}");
    }
}
