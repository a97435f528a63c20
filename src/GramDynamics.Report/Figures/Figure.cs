namespace GramDynamics.Report.Figures;

/// <summary>
/// A rendered figure: the PNG file written, its title and caption, and its bytes for embedding.
/// </summary>
internal sealed record Figure(string FileName, string Title, string Caption, byte[] Png);
