namespace GramDynamics.Data;

/// <summary>
/// Which CSV column contains the label: the last one (the default), a given 0-based index, or none.
/// </summary>
public readonly record struct LabelColumn
{
    private LabelColumn(int index) => Index = index;

    /// <summary>The label is the last column.</summary>
    public static LabelColumn Last { get; } = new(-1);

    /// <summary>No label column: every column is a feature.</summary>
    public static LabelColumn None { get; } = new(-2);

    /// <summary>The 0-based column index; -1 means the last column and -2 means none.</summary>
    public int Index { get; }

    /// <summary>The label is column <paramref name="index"/> (0-based).</summary>
    public static LabelColumn At(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return new LabelColumn(index);
    }

    /// <summary>"last", "none" or the 0-based index.</summary>
    public override string ToString() => Index switch
    {
        -1 => "last",
        -2 => "none",
        _ => Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
