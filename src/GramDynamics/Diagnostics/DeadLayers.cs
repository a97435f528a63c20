using GramDynamics.Collective;

namespace GramDynamics.Diagnostics;

/// <summary>
/// Finds dead layers: layers ℓ whose mask Θ_ℓ is zero on every sample, because W_ℓ = 0, every
/// neuron is negative on all data, or the layer below is dead. Without biases a dead layer makes
/// H_ℓ and every layer above it zero, and B_ℓ and every layer below it zero, so f = 0, K = 0 and
/// every GD update is zero: the network stays dead.
/// </summary>
public static class DeadLayers
{
    /// <summary>Returns the layers ℓ in 1..L with no active neuron on any sample, ascending.</summary>
    /// <param name="fields">Fields after <see cref="FieldState{T}.Forward"/>.</param>
    public static int[] Find<T>(FieldState<T> fields)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var dead = new List<int>();
        for (int layer = 1; layer <= fields.Depth; layer++)
        {
            // Unused bits of the last word are packed as 0, so any set bit is an active neuron.
            if (!fields.Masks(layer).ContainsAnyExcept(0UL))
            {
                dead.Add(layer);
            }
        }

        return [.. dead];
    }

    /// <summary>A one-line account of dead layers for a warning, such as "layers 2 and 3 are dead".</summary>
    public static string Describe(IReadOnlyList<int> layers) => layers.Count switch
    {
        0 => "no layer is dead",
        1 => $"layer {layers[0]} is dead",
        _ => $"layers {string.Join(", ", layers.Take(layers.Count - 1))} and {layers[^1]} are dead",
    };
}
