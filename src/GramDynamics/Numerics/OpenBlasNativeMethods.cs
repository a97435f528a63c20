using System.Reflection;
using System.Runtime.InteropServices;

namespace GramDynamics.Numerics;

/// <summary>
/// P/Invoke declarations for the OpenBLAS entry points this library calls: CBLAS level 3,
/// the Fortran LAPACK symmetric eigensolvers and the thread controls of libopenblas.so.0.
/// </summary>
internal static unsafe partial class OpenBlasNativeMethods
{
    /// <summary>Library name resolved by <see cref="Resolve"/> to Debian's libopenblas.so.0.</summary>
    public const string DllName = "gramdyn_openblas";

    public const int RowMajor = 101;
    public const int NoTrans = 111;
    public const int Trans = 112;
    public const int Lower = 122;

    private static readonly string[] s_candidates =
    [
        "libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "/usr/lib/aarch64-linux-gnu/openblas-pthread/libopenblas.so.0",
        "libopenblas.so",
        "libopenblas.dylib",
        "libopenblas.dll",
    ];

    private static readonly Lazy<nint> s_handle = new(LoadHandle);

    static OpenBlasNativeMethods()
    {
        NativeLibrary.SetDllImportResolver(typeof(OpenBlasNativeMethods).Assembly, Resolve);
    }

    /// <summary>Whether libopenblas could be loaded on this machine.</summary>
    public static bool IsAvailable => s_handle.Value != 0;

    private static nint LoadHandle()
    {
        string? overridePath = Environment.GetEnvironmentVariable("GRAMDYN_OPENBLAS");
        if (overridePath is not null)
        {
            if (overridePath.Length == 0 || overridePath == "none")
            {
                return 0;
            }

            return NativeLibrary.TryLoad(overridePath, out nint forced) ? forced : 0;
        }

        foreach (string candidate in s_candidates)
        {
            if (NativeLibrary.TryLoad(candidate, out nint handle)
                && NativeLibrary.TryGetExport(handle, "cblas_dgemm", out _))
            {
                return handle;
            }
        }

        return 0;
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != DllName)
        {
            return 0;
        }

        nint handle = s_handle.Value;
        if (handle == 0)
        {
            throw new NotSupportedException(
                "OpenBLAS is not installed; install it with 'apt-get install libopenblas0-pthread'.");
        }

        return handle;
    }

    [LibraryImport(DllName)]
    public static partial void cblas_dgemm(int order, int transA, int transB, int m, int n, int k,
        double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc);

    [LibraryImport(DllName)]
    public static partial void cblas_sgemm(int order, int transA, int transB, int m, int n, int k,
        float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc);

    [LibraryImport(DllName)]
    public static partial void cblas_dsyrk(int order, int uplo, int trans, int n, int k,
        double alpha, double* a, int lda, double beta, double* c, int ldc);

    [LibraryImport(DllName)]
    public static partial void cblas_ssyrk(int order, int uplo, int trans, int n, int k,
        float alpha, float* a, int lda, float beta, float* c, int ldc);

    // The Fortran LAPACK symbols take one hidden length argument per CHARACTER argument, after all
    // the others (size_t since gfortran 8). Passing them matters because gfortran 8 and later may
    // reuse the stack slots of those arguments for a sibling call, so a caller that omits them can
    // have its frame overwritten. Details: https://github.com/OpenMathLib/OpenBLAS/issues/2154

    [LibraryImport(DllName)]
    public static partial void dsyevd_(byte* jobz, byte* uplo, int* n, double* a, int* lda, double* w,
        double* work, int* lwork, int* iwork, int* liwork, int* info, nuint jobzLength, nuint uploLength);

    [LibraryImport(DllName)]
    public static partial void ssyevd_(byte* jobz, byte* uplo, int* n, float* a, int* lda, float* w,
        float* work, int* lwork, int* iwork, int* liwork, int* info, nuint jobzLength, nuint uploLength);

    [LibraryImport(DllName)]
    public static partial void dsyevr_(byte* jobz, byte* range, byte* uplo, int* n, double* a, int* lda,
        double* vl, double* vu, int* il, int* iu, double* abstol, int* m, double* w, double* z, int* ldz,
        int* isuppz, double* work, int* lwork, int* iwork, int* liwork, int* info,
        nuint jobzLength, nuint rangeLength, nuint uploLength);

    [LibraryImport(DllName)]
    public static partial void openblas_set_num_threads(int threads);

    [LibraryImport(DllName)]
    public static partial int openblas_get_num_threads();

    [LibraryImport(DllName)]
    public static partial nint openblas_get_config();
}
