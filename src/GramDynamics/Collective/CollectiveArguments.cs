namespace GramDynamics.Collective;

/// <summary>Argument checks shared by the Gram matrices, projectors and Gram metrics.</summary>
internal static class CollectiveArguments
{
    /// <summary>Throws unless first ≤ <paramref name="layer"/> ≤ last.</summary>
    public static void CheckLayer(int layer, int first, int last, string parameter)
    {
        if (layer < first || layer > last)
        {
            ThrowHelper.ThrowArgumentOutOfRange(parameter, $"layer is {layer}, expected {first}..{last}");
        }
    }

    /// <summary>Throws unless 0 ≤ <paramref name="sample"/> &lt; <paramref name="samples"/>.</summary>
    public static void CheckSample(int sample, int samples, string parameter)
    {
        if ((uint)sample >= (uint)samples)
        {
            ThrowHelper.ThrowArgumentOutOfRange(parameter, $"sample is {sample}, expected 0..{samples - 1}");
        }
    }

    /// <summary>Throws unless a span contains at least rows × columns values.</summary>
    public static void CheckDestination(int length, int rows, int columns, string parameter)
    {
        if (length < (long)rows * columns)
        {
            ThrowHelper.ThrowArgument(parameter,
                $"holds {length} values, expected at least {rows} × {columns} = {(long)rows * columns}");
        }
    }

    /// <summary>
    /// Throws unless every field N × n_ℓ (ℓ = 0..L) fits one span, which contains at most int.MaxValue
    /// values.
    /// </summary>
    public static void CheckFieldSizes(int samples, IReadOnlyList<int> widths)
    {
        for (int layer = 0; layer < widths.Count; layer++)
        {
            if ((long)samples * widths[layer] > int.MaxValue)
            {
                ThrowHelper.ThrowArgumentOutOfRange(nameof(samples),
                    $"N × n_{layer} = {samples} × {widths[layer]} = {(long)samples * widths[layer]} values, "
                    + $"more than the {int.MaxValue} a span can hold; use fewer samples or a narrower layer");
            }
        }
    }

    /// <summary>
    /// Throws unless an N × N matrix fits one span, which caps N at <see cref="MaxSquareOrder"/>.
    /// </summary>
    public static void CheckSquareOrder(int samples, string parameter)
    {
        if (samples > MaxSquareOrder)
        {
            ThrowHelper.ThrowArgumentOutOfRange(parameter,
                $"N is {samples}, but K and the Gram matrices are passed as spans of N × N values, which "
                + $"caps N at {MaxSquareOrder}; train on a subset of at most {MaxSquareOrder} samples");
        }
    }

    /// <summary>Largest N whose N × N matrix fits one span: floor(sqrt(int.MaxValue)).</summary>
    public const int MaxSquareOrder = 46340;
}
