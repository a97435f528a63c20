namespace GramDynamics.Data;

/// <summary>
/// The element types that <see cref="NpyFile"/> reads, all little-endian. Every type is converted to
/// double on reading; only <see cref="Float64"/> and <see cref="Float32"/> can be written.
/// </summary>
public enum NpyDType
{
    /// <summary>'&lt;f8', IEEE double.</summary>
    Float64,

    /// <summary>'&lt;f4', IEEE single, widened to double exactly.</summary>
    Float32,

    /// <summary>'&lt;i4', signed 32-bit integer.</summary>
    Int32,

    /// <summary>
    /// '&lt;i8', signed 64-bit integer; values beyond ±2^53 are rounded to the nearest double.
    /// </summary>
    Int64,

    /// <summary>'|u1', unsigned byte.</summary>
    UInt8,
}
