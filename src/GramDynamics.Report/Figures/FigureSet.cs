using GramDynamics.Data;
using GramDynamics.Report.Reading;

namespace GramDynamics.Report.Figures;

/// <summary>Builds every figure for a list of runs and writes each as a PNG file.</summary>
internal static class FigureSet
{
    /// <summary>
    /// Draws every figure that the data allow into <paramref name="folder"/>; figures without data are
    /// listed in <see cref="FigureContext.Notes"/> instead.
    /// </summary>
    public static IReadOnlyList<Figure> Write(FigureContext context, string folder, int width, int height)
    {
        Directory.CreateDirectory(folder);
        var figures = new List<Figure>();
        foreach (FigureDraft draft in Drafts(context))
        {
            using FigureCanvas canvas = draft.Canvas;
            byte[] png = canvas.RenderPng(width, height);
            AtomicFile.WriteAllBytes(Path.Combine(folder, draft.FileName), png);
            figures.Add(new Figure(draft.FileName, draft.Title, draft.Caption, png));
        }

        return figures;
    }

    private static IEnumerable<FigureDraft> Drafts(FigureContext context)
    {
        FigureDraft?[] curves =
        [
            TrainingFigures.Loss(context),
            TrainingFigures.FirstOrderError(context),
            KernelFigures.LayerShares(context),
            KernelFigures.Motion(context),
            KernelFigures.Spectrum(context),
            ActivityFigures.Rates(context),
        ];
        return curves.OfType<FigureDraft>()
            .Concat(GramSpectrumFigures.ForEachLayer(context))
            .Concat(HierarchyFigures.ForEachDepth(context));
    }
}
