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
}
