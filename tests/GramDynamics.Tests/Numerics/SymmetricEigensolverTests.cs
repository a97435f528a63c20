using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using GramDynamics.Numerics;

namespace GramDynamics.Tests.Numerics;

public class SymmetricEigensolverTests
{
    [Theory]
    [InlineData(63)]
    [InlineData(64)]
    [InlineData(65)]
    [InlineData(1024)]
    public void SelfTest_PassesAtBlockBoundaries(int n)
    {
        if (n > 100 && !SymmetricEigensolver.UsesLapack)
        {
            return; // The Jacobi fallback is too slow at n = 1024 for a unit test.
        }

        EigensolverSelfTest result = SymmetricEigensolver.SelfTest(n, seed: n);

        Assert.Equal(n, result.Size);
        Assert.True(result.Residual <= result.Tolerance, result.ToString());
        Assert.True(result.Orthogonality <= result.Tolerance, result.ToString());
        Assert.True(result.Passed);
    }

    [Fact]
    public void PathLaplacian_HasEigenvaluesZeroOneThree()
    {
        double[] laplacian = [1, -1, 0, -1, 2, -1, 0, -1, 1];
        var valuesOnly = new double[3];
        var values = new double[3];
        var vectors = new double[9];

        SymmetricEigensolver.Eigenvalues<double>(laplacian, 3, valuesOnly);
        SymmetricEigensolver.Decompose<double>(laplacian, 3, values, vectors);

        double[] expected = [0, 1, 3];
        for (int k = 0; k < 3; k++)
        {
            Assert.Equal(expected[k], valuesOnly[k], 1e-14);
            Assert.Equal(expected[k], values[k], 1e-14);
        }

        Assert.Equal(1, valuesOnly.Count(v => Math.Abs(v) <= 1e-12));
        Assert.Equal(1, values.Count(v => Math.Abs(v) <= 1e-12));

        // The zero mode of a connected graph Laplacian is the constant vector.
        double[] zeroMode = vectors[..3];
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(1 / Math.Sqrt(3), Math.Abs(zeroMode[i]), 1e-14);
        }
    }

    [Fact]
    public void Decompose_DegenerateGram_KeepsOrthonormalVectors()
    {
        const int n = 60;
        double[] gram = RepeatedVectorGram(n);
        var values = new double[n];
        var vectors = new double[n * n];

        SymmetricEigensolver.Decompose<double>(gram, n, values, vectors);

        AssertOrthonormalRows(vectors, n, n, 1e-12);
        AssertEigenpairs(gram, n, values, vectors, n, 1e-12);
        Assert.Equal(n - 3, values.Count(v => Math.Abs(v) <= 1e-10 * values[^1]));
    }

    [Fact]
    public void LargestEigenvalues_MatchTopOfFullSpectrum()
    {
        const int n = 40;
        const int count = 5;
        double[] matrix = RandomSymmetric(n, seed: 11);
        var all = new double[n];
        var allVectors = new double[n * n];
        var top = new double[count];
        var topOnly = new double[count];
        var topVectors = new double[count * n];

        SymmetricEigensolver.Decompose<double>(matrix, n, all, allVectors);
        SymmetricEigensolver.DecomposeLargest(matrix, n, count, top, topVectors);
        SymmetricEigensolver.LargestEigenvalues(matrix, n, count, topOnly);

        for (int k = 0; k < count; k++)
        {
            Assert.Equal(all[n - count + k], top[k], 1e-12);
            Assert.Equal(all[n - count + k], topOnly[k], 1e-12);
            double overlap = Dot(topVectors.AsSpan(k * n, n), allVectors.AsSpan((n - count + k) * n, n));
            Assert.Equal(1.0, Math.Abs(overlap), 1e-10);
        }

        AssertOrthonormalRows(topVectors, count, n, 1e-12);
        AssertEigenpairs(matrix, n, top, topVectors, count, 1e-12);
    }

    [Fact]
    public void LargestEigenvalues_CountZero_WritesNothing()
    {
        double[] matrix = RandomSymmetric(4, seed: 2);
        var values = new double[1] { 42 };

        SymmetricEigensolver.LargestEigenvalues(matrix, 4, 0, values);

        Assert.Equal(42, values[0]);
    }

    [Fact]
    public void Eigenvalues_Float_MatchDouble()
    {
        const int n = 33;
        double[] matrix = RandomSymmetric(n, seed: 5);
        float[] single = [.. matrix.Select(v => (float)v)];
        var reference = new double[n];
        var values = new float[n];
        var vectors = new float[n * n];

        SymmetricEigensolver.Eigenvalues<double>(matrix, n, reference);
        SymmetricEigensolver.Decompose<float>(single, n, values, vectors);

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(reference[k], values[k], 1e-4);
        }

        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double dot = 0;
                for (int p = 0; p < n; p++)
                {
                    dot += (double)vectors[(i * n) + p] * vectors[(j * n) + p];
                }

                Assert.Equal(i == j ? 1.0 : 0.0, dot, 1e-5);
            }
        }
    }

    [Fact]
    public void Eigenvalues_ReadOnlyLowerTriangle_LeaveInputUnchanged()
    {
        const int n = 7;
        double[] matrix = RandomSymmetric(n, seed: 9);
        double[] withUpperGarbage = (double[])matrix.Clone();
        for (int i = 0; i < n; i++)
        {
            for (int j = i + 1; j < n; j++)
            {
                withUpperGarbage[(i * n) + j] = double.NaN;
            }
        }

        double[] copy = (double[])withUpperGarbage.Clone();
        var expected = new double[n];
        var values = new double[n];
        var vectors = new double[n * n];

        SymmetricEigensolver.Eigenvalues<double>(matrix, n, expected);
        SymmetricEigensolver.Decompose<double>(withUpperGarbage, n, values, vectors);

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(expected[k], values[k], 1e-13);
        }

        for (int i = 0; i < copy.Length; i++)
        {
            Assert.Equal(copy[i], withUpperGarbage[i]);
        }
    }

    [Fact]
    public void Eigenvalues_NonFiniteLowerEntry_Throws()
    {
        double[] matrix = [1, 0, 0, double.PositiveInfinity, 1, 0, 0, 0, 1];

        var error = Assert.Throws<ArgumentException>(() =>
            SymmetricEigensolver.Eigenvalues<double>(matrix, 3, new double[3]));

        Assert.Contains("(1, 0)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Eigenvalues_WrongShapes_Throw()
    {
        Assert.Throws<ArgumentException>(() =>
            SymmetricEigensolver.Eigenvalues<double>(new double[8], 3, new double[3]));
        Assert.Throws<ArgumentException>(() =>
            SymmetricEigensolver.Eigenvalues<double>(new double[9], 3, new double[2]));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            SymmetricEigensolver.LargestEigenvalues(new double[9], 3, 4, new double[4]));
        Assert.Throws<ArgumentException>(() =>
            SymmetricEigensolver.Decompose<double>(new double[9], 3, new double[3], new double[8]));
    }

    [Fact]
    public void Eigenvalues_OrderZeroAndOne()
    {
        SymmetricEigensolver.Eigenvalues<double>([], 0, []);
        var value = new double[1];
        var vector = new double[1];

        SymmetricEigensolver.Decompose<double>([-2.5], 1, value, vector);

        Assert.Equal(-2.5, value[0]);
        Assert.Equal(1.0, Math.Abs(vector[0]));
    }

    [Fact]
    public void WorkspaceLength_BeyondInt32_ThrowsNumerical()
    {
        // dsyevd with eigenvectors needs 1 + 6n + 2n² entries, past 2³¹ − 1 from n = 32768 on.
        const int n = 32768;
        long needed = 1 + (6L * n) + (2L * n * n);

        var error = Assert.Throws<NumericalException>(() =>
            LapackEigensolver.WorkspaceLength("dsyevd", "LWORK", needed, needed, n));

        Assert.Contains("dsyevd", error.Message, StringComparison.Ordinal);
        Assert.Contains("LWORK", error.Message, StringComparison.Ordinal);
        Assert.Equal(int.MaxValue, LapackEigensolver.WorkspaceLength("dsyevd", "LWORK", int.MaxValue, 1, n));
    }

    [Fact]
    public void CheckInfo_NamesArgumentAndFailure()
    {
        var invalid = Assert.Throws<LapackException>(() =>
            LapackEigensolver.CheckSyevdInfo("dsyevd", -5, 4, true));
        var diverged = Assert.Throws<LapackException>(() =>
            LapackEigensolver.CheckSyevdInfo("dsyevd", 3, 4, false));

        Assert.Equal("dsyevd", invalid.Routine);
        Assert.Equal(-5, invalid.Info);
        Assert.Contains("argument 5 (LDA)", invalid.Message, StringComparison.Ordinal);
        Assert.Equal(3, diverged.Info);
        Assert.Contains("did not converge", diverged.Message, StringComparison.Ordinal);
    }

    internal static double[] RandomSymmetric(int n, int seed)
    {
        var random = new Random(seed);
        var matrix = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double value = (2 * random.NextDouble()) - 1;
                matrix[(i * n) + j] = value;
                matrix[(j * n) + i] = value;
            }
        }

        return matrix;
    }

    // Gram of 3 distinct vectors in R⁵, each repeated n / 3 times, so it has rank 3 and
    // eigenvalue 0 of multiplicity n − 3.
    internal static double[] RepeatedVectorGram(int n)
    {
        double[][] distinct = [[1, 2, 0, -1, 0.5], [0, 1, 1, 1, -2], [3, -1, 0.25, 0, 1]];
        var gram = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < n; j++)
            {
                gram[(i * n) + j] = Dot(distinct[i % 3], distinct[j % 3]);
            }
        }

        return gram;
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    internal static void AssertOrthonormalRows(double[] vectors, int rows, int n, double tolerance)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double dot = Dot(vectors.AsSpan(i * n, n), vectors.AsSpan(j * n, n));
                Assert.True(Math.Abs(dot - (i == j ? 1 : 0)) <= tolerance, $"row {i} · row {j} = {dot}");
            }
        }
    }

    // ‖A v_k − λ_k v_k‖ ≤ tolerance ‖A‖_F for each eigenpair.
    internal static void AssertEigenpairs(double[] matrix, int n, double[] values, double[] vectors,
        int count, double tolerance)
    {
        double norm = Math.Sqrt(Dot(matrix, matrix));
        for (int k = 0; k < count; k++)
        {
            ReadOnlySpan<double> vector = vectors.AsSpan(k * n, n);
            double sumOfSquares = 0;
            for (int i = 0; i < n; i++)
            {
                double residual = Dot(matrix.AsSpan(i * n, n), vector) - (values[k] * vector[i]);
                sumOfSquares += residual * residual;
            }

            double residualNorm = Math.Sqrt(sumOfSquares);
            Assert.True(residualNorm <= tolerance * Math.Max(norm, 1), $"eigenpair {k}: {residualNorm}");
        }
    }
}

/// <summary>Tests that set <see cref="Blas.ForceManaged"/>, which is global, so they run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ForceManagedCollection
{
    public const string Name = "Blas.ForceManaged";
}

[Collection(ForceManagedCollection.Name)]
public class JacobiEigensolverTests
{
    /// <summary>A random symmetric matrix of order 1..20, printed with its seed on failure.</summary>
    public sealed record SymmetricCase(int Size, int Seed)
    {
        public double[] Matrix => SymmetricEigensolverTests.RandomSymmetric(Size, Seed);
    }

    public static class SymmetricCases
    {
        public static Arbitrary<SymmetricCase> Cases() =>
            Gen.Choose(1, 20).Zip(Gen.Choose(0, int.MaxValue), (size, seed) => new SymmetricCase(size, seed))
                .ToArbitrary();
    }

    [Property(Arbitrary = [typeof(SymmetricCases)], MaxTest = 40)]
    public void Jacobi_MatchesLapack(SymmetricCase symmetric)
    {
        int n = symmetric.Size;
        double[] matrix = symmetric.Matrix;
        var reference = new double[n];
        var values = new double[n];
        var vectors = new double[n * n];
        SymmetricEigensolver.Eigenvalues<double>(matrix, n, reference);

        bool previous = Blas.ForceManaged;
        try
        {
            Blas.ForceManaged = true;
            Assert.False(SymmetricEigensolver.UsesLapack);
            SymmetricEigensolver.Decompose<double>(matrix, n, values, vectors);
        }
        finally
        {
            Blas.ForceManaged = previous;
        }

        for (int k = 0; k < n; k++)
        {
            Assert.Equal(reference[k], values[k], 1e-12);
        }

        SymmetricEigensolverTests.AssertOrthonormalRows(vectors, n, n, 1e-12);
        SymmetricEigensolverTests.AssertEigenpairs(matrix, n, values, vectors, n, 1e-12);
    }

    [Fact]
    public void Jacobi_DegenerateGram_KeepsOrthonormalVectors()
    {
        const int n = 60;
        double[] gram = SymmetricEigensolverTests.RepeatedVectorGram(n);
        var values = new double[n];
        var vectors = new double[n * n];
        var top = new double[2];
        bool previous = Blas.ForceManaged;
        try
        {
            Blas.ForceManaged = true;
            SymmetricEigensolver.Decompose<double>(gram, n, values, vectors);
            SymmetricEigensolver.LargestEigenvalues(gram, n, 2, top);
        }
        finally
        {
            Blas.ForceManaged = previous;
        }

        SymmetricEigensolverTests.AssertOrthonormalRows(vectors, n, n, 1e-12);
        SymmetricEigensolverTests.AssertEigenpairs(gram, n, values, vectors, n, 1e-12);
        Assert.Equal(n - 3, values.Count(v => Math.Abs(v) <= 1e-10 * values[^1]));
        Assert.Equal(values[^2], top[0]);
        Assert.Equal(values[^1], top[1]);
    }

    [Fact]
    public void SelfTest_Managed_Passes()
    {
        bool previous = Blas.ForceManaged;
        EigensolverSelfTest result;
        try
        {
            Blas.ForceManaged = true;
            result = SymmetricEigensolver.SelfTest(65, seed: 3);
        }
        finally
        {
            Blas.ForceManaged = previous;
        }

        Assert.False(result.UsedLapack);
        Assert.True(result.Passed, result.ToString());
    }
}
