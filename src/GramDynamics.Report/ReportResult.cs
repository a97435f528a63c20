namespace GramDynamics.Report;

/// <summary>The files a report or comparison wrote, and what it could not draw.</summary>
/// <param name="PagePath">The HTML page, with every figure embedded.</param>
/// <param name="FigurePaths">The PNG files, one per figure.</param>
/// <param name="Missing">
/// One line per missing file, column or figure; empty when the runs are complete.
/// </param>
public sealed record ReportResult(string PagePath, IReadOnlyList<string> FigurePaths,
    IReadOnlyList<string> Missing);
