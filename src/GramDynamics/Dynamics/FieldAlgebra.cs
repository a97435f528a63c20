using System.Numerics.Tensors;
using GramDynamics.Numerics;

namespace GramDynamics.Dynamics;

/// <summary>Small products on row-major fields that the field integrators share.</summary>
internal static class FieldAlgebra
{
    /// <summary>Forms the full Gram matrix A Aᵀ of A: [rows, columns] into gram: [rows, rows].</summary>
    public static void Gram(ReadOnlySpan<double> a, int rows, int columns, Span<double> gram)
    {
        Blas.SyrkLower(rows, columns, 1.0, a, columns, 0.0, gram, rows);
        for (int mu = 0; mu < rows; mu++)
        {
            for (int nu = 0; nu < mu; nu++)
            {
                gram[(nu * rows) + mu] = gram[(mu * rows) + nu];
            }
        }
    }

    /// <summary>Writes diag(scale) A into destination; A and destination are [rows, columns].</summary>
    public static void ScaleRows(ReadOnlySpan<double> a, int rows, int columns, ReadOnlySpan<double> scale,
        Span<double> destination)
    {
        a[..(rows * columns)].CopyTo(destination);
        FieldKernels.ScaleRows(destination, rows, columns, scale);
    }

    /// <summary>Writes result[μ] = a(μ) · b(μ) for two [rows, columns] matrices.</summary>
    public static void RowDot(ReadOnlySpan<double> a, ReadOnlySpan<double> b, int rows, int columns,
        Span<double> result)
    {
        for (int mu = 0; mu < rows; mu++)
        {
            result[mu] = TensorPrimitives.Dot(a.Slice(mu * columns, columns), b.Slice(mu * columns, columns));
        }
    }

    /// <summary>Packs the masks [U &gt; 0] of U: [rows, width] into bits: [rows, MaskWords(width)].</summary>
    public static void PackMasks(ReadOnlySpan<double> u, int rows, int width, Span<ulong> bits)
    {
        int words = FieldKernels.MaskWords(width);
        for (int mu = 0; mu < rows; mu++)
        {
            FieldKernels.PackMask(u.Slice(mu * width, width), bits.Slice(mu * words, words));
        }
    }

    /// <summary>Counts the bits that differ between two packed mask sets of equal length.</summary>
    public static int CountChanges(ReadOnlySpan<ulong> before, ReadOnlySpan<ulong> after)
    {
        int changes = 0;
        for (int w = 0; w < before.Length; w++)
        {
            changes += BitOperations.PopCount(before[w] ^ after[w]);
        }

        return changes;
    }
}
