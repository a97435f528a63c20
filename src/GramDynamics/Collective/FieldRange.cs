using System.Numerics.Tensors;

namespace GramDynamics.Collective;

/// <summary>
/// Checks that fields and kernels stay in the range where their Gram matrices are accurate, so that
/// an overflow or underflow stops with a <see cref="NumericalException"/> naming the layer instead of
/// flowing into K as NaN, infinity or zero. Each check is one pass of
/// <see cref="TensorPrimitives.MaxMagnitude{T}(ReadOnlySpan{T})"/> over the field; the values are
/// counted only when the check fails.
/// </summary>
/// <remarks>
/// Gram entries are sums of squared field values, so a field past sqrt(MaxValue) overflows Q or S
/// and one below sqrt(smallest normal) squares into subnormals or zero. The limits sit just inside
/// those bounds: 1e150 and 1e-150 in double (sqrt is about 1.3e154 and 1.5e-154), 1e18 and 1e-18 in
/// float32 (about 1.8e19 and 1.1e-19).
/// A field underflows when its largest magnitude and the scale that produced it (largest input
/// times largest weight) are both below the limit. Exact cancellation to zero, such as a weight row
/// orthogonal to every input, leaves the scale large, so it counts as a tie and not an underflow.
/// </remarks>
public static class FieldRange
{
    /// <summary>Largest field magnitude accepted in double.</summary>
    public const double DoubleOverflowLimit = 1e150;

    /// <summary>Smallest field scale accepted in double.</summary>
    public const double DoubleUnderflowLimit = 1e-150;

    /// <summary>Largest field magnitude accepted in float32.</summary>
    public const double SingleOverflowLimit = 1e18;

    /// <summary>Smallest field scale accepted in float32.</summary>
    public const double SingleUnderflowLimit = 1e-18;

    /// <summary>
    /// Largest |K_μν| accepted in every precision: the diagnostics square the entries of K (Frobenius
    /// norms, alignment), and K is always handed to them in double.
    /// </summary>
    public const double KernelLimit = 1e150;

    /// <summary>The overflow limit for element type <typeparamref name="T"/>.</summary>
    public static double OverflowLimit<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? SingleOverflowLimit : DoubleOverflowLimit;

    /// <summary>The underflow limit for element type <typeparamref name="T"/>.</summary>
    public static double UnderflowLimit<T>()
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float) ? SingleUnderflowLimit : DoubleUnderflowLimit;

    /// <summary>
    /// Checks the activation fields U_ℓ of a layer after the forward step: no value may be
    /// non-finite or above the overflow limit, and the layer may not underflow.
    /// </summary>
    /// <exception cref="NumericalException">U_ℓ overflows or underflows.</exception>
    public static void CheckPreactivations<T>(FieldState<T> fields, int layer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> values = fields.Preactivations(layer);
        double largest = MaxMagnitude(values);
        CheckOverflow(values, largest, "activation fields U", layer);
        if (largest < UnderflowLimit<T>())
        {
            double scale = MaxMagnitude<T>(fields.Activations(layer - 1))
                * MaxMagnitude<T>(fields.EffectiveWeights(layer));
            ThrowIfUnderflow<T>(largest, scale, $"activation fields U_{layer}", layer,
                $"H_{layer - 1} times Ŵ_{layer}");
        }
    }

    /// <summary>
    /// Checks the conjugate fields B_ℓ of a hidden layer ℓ &lt; L after the backward step.
    /// </summary>
    /// <exception cref="NumericalException">B_ℓ overflows or underflows.</exception>
    public static void CheckConjugateFields<T>(FieldState<T> fields, int layer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ReadOnlySpan<T> values = fields.ConjugateFields(layer);
        double largest = MaxMagnitude(values);
        CheckOverflow(values, largest, "conjugate fields B", layer);

        // A layer with no active neuron has B_ℓ = 0 exactly: it is dead, not underflowing.
        if (largest < UnderflowLimit<T>() && fields.Masks(layer).ContainsAnyExcept(0UL))
        {
            double scale = MaxMagnitude<T>(fields.ConjugateFields(layer + 1))
                * MaxMagnitude<T>(fields.EffectiveWeights(layer + 1));
            ThrowIfUnderflow<T>(largest, scale, $"conjugate fields B_{layer}", layer,
                $"B_{layer + 1} times Ŵ_{layer + 1}");
        }
    }

    /// <summary>
    /// Checks K and, when given, its layer parts: every entry finite and at most
    /// <see cref="KernelLimit"/> in magnitude.
    /// </summary>
    /// <param name="kernel">K: [N, N].</param>
    /// <param name="layerParts">K^(1)..K^(L), each [N, N], or null.</param>
    /// <param name="precision">The precision K was formed in, for the message.</param>
    /// <exception cref="NumericalException">An entry is non-finite or too large.</exception>
    public static void CheckKernel(ReadOnlySpan<double> kernel, IReadOnlyList<double[]>? layerParts,
        Precision precision)
    {
        double largest = MaxMagnitude(kernel);
        if (largest <= KernelLimit)
        {
            return;
        }

        string part = "";
        if (layerParts is not null)
        {
            for (int layer = 1; layer <= layerParts.Count; layer++)
            {
                if (!(MaxMagnitude<double>(layerParts[layer - 1]) <= KernelLimit))
                {
                    part = $" (the first layer part affected is K^({layer}))";
                    break;
                }
            }
        }

        int count = CountOutside(kernel, KernelLimit);
        ThrowHelper.ThrowNumerical(
            $"the residual kernel K overflows in {PrecisionName(precision)}: {count} of {kernel.Length} "
            + $"entries are non-finite or exceed {KernelLimit:G3} in magnitude (largest {largest:G3}){part}; "
            + "rescale the weights or the inputs");
    }

    private static void CheckOverflow<T>(ReadOnlySpan<T> values, double largest, string what, int layer)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double limit = OverflowLimit<T>();
        if (largest <= limit)
        {
            return;
        }

        int count = CountOutside(values, limit);
        ThrowHelper.ThrowNumerical(
            $"layer {layer}: the {what}_{layer} overflow in {TypeName<T>()}: "
            + $"{count} of {values.Length} values are "
            + $"non-finite or exceed {limit:G3} in magnitude (largest {largest:G3}); "
            + "rescale the weights or the inputs"
            + (typeof(T) == typeof(float) ? ", or compute in double" : ""));
    }

    private static void ThrowIfUnderflow<T>(double largest, double scale, string what, int layer,
        string source)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double limit = UnderflowLimit<T>();
        if (!(scale > 0 && scale < limit))
        {
            return;
        }

        ThrowHelper.ThrowNumerical(
            $"layer {layer}: the {what} underflow in {TypeName<T>()}: the largest magnitude is {largest:G3} "
            + $"and the scale of {source} is {scale:G3}, both below {limit:G3}, so the Gram matrices of this "
            + "layer would be subnormal or zero; rescale the weights or the inputs"
            + (typeof(T) == typeof(float) ? ", or compute in double" : ""));
    }

    // NaN propagates through MaxMagnitude, so a NaN anywhere makes the result NaN and fails "≤ limit".
    private static double MaxMagnitude<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        values.IsEmpty ? 0 : double.CreateTruncating(T.Abs(TensorPrimitives.MaxMagnitude(values)));

    private static int CountOutside<T>(ReadOnlySpan<T> values, double limit)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int count = 0;
        foreach (T value in values)
        {
            if (!(double.CreateTruncating(T.Abs(value)) <= limit))
            {
                count++;
            }
        }

        return count;
    }

    private static string TypeName<T>() => typeof(T) == typeof(float) ? "float32" : "double";

    private static string PrecisionName(Precision precision) => precision switch
    {
        Precision.Float32 => "float32",
        Precision.Mixed => "mixed precision",
        _ => "double",
    };
}
