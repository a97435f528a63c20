namespace GramDynamics.Collective;

/// <summary>
/// A portable seeded generator: SplitMix64 for uniforms and Box-Muller for normals. Its stream
/// depends only on the seed, never on the runtime version or the machine.
/// </summary>
public sealed class SeededNormal(long seed)
{
    private ulong _state = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ 0xD1B54A32D192ED03UL;
    private double _spare = double.NaN;

    /// <summary>A uniform value in [0, 1) with 53 random bits.</summary>
    public double NextUniform() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, bound).</summary>
    public int NextInt(int bound) => (int)(NextUniform() * bound);

    /// <summary>A standard normal value.</summary>
    public double Next()
    {
        if (!double.IsNaN(_spare))
        {
            double value = _spare;
            _spare = double.NaN;
            return value;
        }

        double u1;
        do
        {
            u1 = NextUniform();
        }
        while (u1 == 0.0);

        double u2 = NextUniform();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        _spare = radius * Math.Sin(2.0 * Math.PI * u2);
        return radius * Math.Cos(2.0 * Math.PI * u2);
    }

    private ulong NextBits()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
