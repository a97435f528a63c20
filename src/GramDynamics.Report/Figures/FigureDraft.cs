namespace GramDynamics.Report.Figures;

/// <summary>
/// A figure before rendering: its PNG file name, its title and caption for the page, and its plot.
/// </summary>
internal sealed record FigureDraft(string FileName, string Title, string Caption, FigureCanvas Canvas);
