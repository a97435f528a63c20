using Xunit.Sdk;

namespace GramDynamics.Tests.Collective.Reference;

/// <summary>
/// Matrix assertions whose failure message names the object, the entry and both values. Each
/// tolerance scales with the magnitude of the expected values.
/// </summary>
internal static class MatrixAssert
{
    /// <summary>Asserts every entry within <paramref name="relative"/> · (1 + max|expected|).</summary>
    public static void Close(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, int columns,
        double relative, string label)
    {
        if (expected.Length != actual.Length)
        {
            throw new XunitException($"{label}: {actual.Length} values, expected {expected.Length}");
        }

        double tolerance = relative * (1 + MaxAbs(expected));
        for (int index = 0; index < expected.Length; index++)
        {
            double error = Math.Abs(expected[index] - actual[index]);
            if (!(error <= tolerance))
            {
                throw new XunitException(
                    $"{label}: entry ({index / columns}, {index % columns}) is {actual[index]:R}, expected "
                    + $"{expected[index]:R}; error {error:E3} exceeds tolerance {tolerance:E3}");
            }
        }
    }

    /// <summary>Asserts ‖actual − expected‖_F ≤ relative · ‖expected‖_F.</summary>
    public static void FrobeniusClose(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual,
        double relative, string label)
    {
        double difference = 0;
        double norm = 0;
        for (int index = 0; index < expected.Length; index++)
        {
            difference += (expected[index] - actual[index]) * (expected[index] - actual[index]);
            norm += expected[index] * expected[index];
        }

        if (!(Math.Sqrt(difference) <= relative * Math.Sqrt(norm)))
        {
            double error = Math.Sqrt(difference / Math.Max(norm, double.Epsilon));
            throw new XunitException(
                $"{label}: relative Frobenius error {error:E3} "
                + $"exceeds {relative:E1} (‖expected‖_F = {Math.Sqrt(norm):E3})");
        }
    }

    /// <summary>Asserts the two spans are equal bit for bit.</summary>
    public static void Identical(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, int columns,
        string label)
    {
        for (int index = 0; index < expected.Length; index++)
        {
            long expectedBits = BitConverter.DoubleToInt64Bits(expected[index]);
            if (expectedBits != BitConverter.DoubleToInt64Bits(actual[index]))
            {
                throw new XunitException(
                    $"{label}: entry ({index / columns}, {index % columns}) is {actual[index]:R}, expected "
                    + $"exactly {expected[index]:R}");
            }
        }
    }

    /// <summary>Asserts a[i, j] and a[j, i] are the same bits for every pair.</summary>
    public static void BitwiseSymmetric(ReadOnlySpan<double> matrix, int n, string label)
    {
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < i; j++)
            {
                double lower = matrix[(i * n) + j];
                double upper = matrix[(j * n) + i];
                if (BitConverter.DoubleToInt64Bits(lower) != BitConverter.DoubleToInt64Bits(upper))
                {
                    throw new XunitException(
                        $"{label}: entry ({i}, {j}) is {lower:R} but ({j}, {i}) is {upper:R}");
                }
            }
        }
    }

    /// <summary>
    /// Asserts the smallest eigenvalue of a symmetric matrix is at least
    /// −<paramref name="relative"/> · n · (1 + ‖A‖_F).
    /// </summary>
    public static void PositiveSemidefinite(ReadOnlySpan<double> matrix, int n, double relative, string label)
    {
        double tolerance = relative * n * (1 + FrobeniusNorm(matrix[..(n * n)]));
        double smallest = SymmetricEigen.Values(matrix, n)[0];
        if (!(smallest >= -tolerance))
        {
            throw new XunitException($"{label}: smallest eigenvalue {smallest:E3} is below −{tolerance:E3}");
        }
    }

    /// <summary>Returns the number of eigenvalues above relative · (1 + ‖A‖_F).</summary>
    public static int NumericalRank(ReadOnlySpan<double> matrix, int n, double relative)
    {
        double threshold = relative * (1 + FrobeniusNorm(matrix[..(n * n)]));
        return SymmetricEigen.Values(matrix, n).Count(value => value > threshold);
    }

    public static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double value in values)
        {
            max = Math.Max(max, Math.Abs(value));
        }

        return max;
    }

    public static double FrobeniusNorm(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double value in values)
        {
            sum += value * value;
        }

        return Math.Sqrt(sum);
    }
}
