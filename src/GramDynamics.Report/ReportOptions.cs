namespace GramDynamics.Report;

/// <summary>Size of each PNG figure, in pixels.</summary>
public sealed record ReportOptions
{
    public const int MinimumSize = 200;
    public const int MaximumSize = 8000;

    public int Width { get; init; } = 900;

    public int Height { get; init; } = 600;

    /// <exception cref="ArgumentOutOfRangeException">Width or height is outside [200, 8000].</exception>
    public void Validate()
    {
        if (Width is < MinimumSize or > MaximumSize)
        {
            throw new ArgumentOutOfRangeException(nameof(Width), Width,
                $"figure width is {Width} pixels, expected {MinimumSize} to {MaximumSize}");
        }

        if (Height is < MinimumSize or > MaximumSize)
        {
            throw new ArgumentOutOfRangeException(nameof(Height), Height,
                $"figure height is {Height} pixels, expected {MinimumSize} to {MaximumSize}");
        }
    }
}
