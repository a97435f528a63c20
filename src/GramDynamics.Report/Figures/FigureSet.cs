using System.Text.RegularExpressions;
using GramDynamics.Data;
using GramDynamics.Report.Reading;

namespace GramDynamics.Report.Figures;

/// <summary>Builds every figure for a list of runs and writes each as a PNG file.</summary>
internal static partial class FigureSet
{
    /// <summary>
    /// The list of PNG files that the last report or comparison wrote into a folder, one name a line, so
    /// the next one can remove the figures it no longer draws.
    /// </summary>
    public const string ManifestFile = "figures.txt";

    /// <summary>
    /// Draws every figure that the data allow into <paramref name="folder"/>; figures without data are
    /// listed in <see cref="FigureContext.Notes"/> instead. PNG files left by an earlier report in that
    /// folder and not drawn again are deleted: those named in its manifest and, when
    /// <paramref name="ownsFolder"/>, those whose names only this report uses.
    /// </summary>
    public static IReadOnlyList<Figure> Write(FigureContext context, string folder, int width, int height,
        bool ownsFolder)
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

        RemoveStale(folder, [.. figures.Select(figure => figure.FileName)], ownsFolder);
        return figures;
    }

    private static IEnumerable<FigureDraft> Drafts(FigureContext context)
    {
        IEnumerable<FigureDraft> drafts = [];
        // A hierarchy or sweep folder has no metrics.csv or spectra.csv, so the training figures are
        // drawn (or listed as not drawn) only when a training run is among the runs.
        if (context.Runs.Any(run => run.Kind == RunKind.Training))
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
            drafts = curves.OfType<FigureDraft>().Concat(GramSpectrumFigures.ForEachLayer(context));
        }

        if (context.Runs.Any(run => run.Kind == RunKind.LearningRateSweep))
        {
            FigureDraft?[] sweep = [SweepFigures.FirstOrderError(context), SweepFigures.Crossings(context)];
            drafts = drafts.Concat(sweep.OfType<FigureDraft>());
        }

        return drafts.Concat(HierarchyFigures.ForEachDepth(context));
    }

    /// <summary>
    /// Deletes the PNG files of an earlier report that <paramref name="written"/> does not contain, and
    /// writes the new manifest.
    /// </summary>
    private static void RemoveStale(string folder, string[] written, bool ownsFolder)
    {
        string manifestPath = Path.Combine(folder, ManifestFile);
        var stale = new HashSet<string>(StringComparer.Ordinal);
        if (File.Exists(manifestPath))
        {
            stale.UnionWith(File.ReadAllLines(manifestPath)
                .Where(name => name.Length > 0 && FigureName().IsMatch(name)));
        }

        if (ownsFolder)
        {
            // Folders drawn before the manifest existed: the report's own figure names only.
            stale.UnionWith(Directory.EnumerateFiles(folder, "*.png")
                .Select(path => Path.GetFileName(path))
                .Where(name => FigureName().IsMatch(name)));
        }

        stale.ExceptWith(written);
        foreach (string name in stale)
        {
            File.Delete(Path.Combine(folder, name));
        }

        AtomicFile.WriteAllText(manifestPath, string.Concat(written.Select(name => name + "\n")));
    }

    /// <summary>The file names of every figure this report draws.</summary>
    [GeneratedRegex(@"^(loss|e1_crossings|layer_shares|kernel_motion|kernel_spectrum|activation"
        + @"|gram_metric_spectrum_L\d+|hierarchy_depth\d+|sweep_e1|sweep_crossings)\.png$")]
    private static partial Regex FigureName();
}
