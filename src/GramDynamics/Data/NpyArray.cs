namespace GramDynamics.Data;

/// <summary>
/// A 1-d or 2-d array read from a .npy file, converted to double. <see cref="Values"/> is in C (row-major)
/// order: a matrix of shape [rows, columns] stores entry (i, j) at i · columns + j.
/// </summary>
public sealed class NpyArray
{
    internal NpyArray(int[] shape, double[] values, NpyDType dType)
    {
        Shape = shape;
        Values = values;
        DType = dType;
    }

    /// <summary>The shape: [length] for a vector, [rows, columns] for a matrix.</summary>
    public int[] Shape { get; }

    /// <summary>All entries in C order, converted to double.</summary>
    public double[] Values { get; }

    /// <summary>The element type stored in the file.</summary>
    public NpyDType DType { get; }

    /// <summary>Whether the array has one dimension.</summary>
    public bool IsVector => Shape.Length == 1;

    /// <summary>Shape[0]: the row count of a matrix, or the length of a vector.</summary>
    public int Rows => Shape[0];

    /// <summary>Shape[1] for a matrix; 1 for a vector, which reads as a single column.</summary>
    public int Columns => Shape.Length == 2 ? Shape[1] : 1;
}
