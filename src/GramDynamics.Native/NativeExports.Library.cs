using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Native;

/// <summary>
/// The C ABI of libgramdyn.so, declared in native/include/gramdyn.h. Every export returns a
/// gramdyn_status (0 on success) unless it returns a value or a string. Every export except the two
/// that read the last error clears it on entry, and every export catches all exceptions, so none
/// crosses the boundary.
/// </summary>
internal static unsafe partial class NativeExports
{
    /// <summary>ABI version; bumped on any incompatible change, equal to GRAMDYN_ABI_VERSION.</summary>
    private const int AbiVersion = 1;

    private static readonly Lazy<nint> s_version = new(() => AllocateUtf8(VersionText()));
    private static readonly Lazy<nint> s_buildInfo = new(() => AllocateUtf8(BuildInfoText()));
    private static readonly Lazy<nint> s_openBlasConfig = new(
        () => Blas.Configuration is { } configuration ? AllocateUtf8(configuration) : 0);

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_abi_version")]
    private static int GetAbiVersion()
    {
        LastError.Clear();
        return AbiVersion;
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_allocated_bytes")]
    private static long GetAllocatedBytes()
    {
        LastError.Clear();
        return GC.GetAllocatedBytesForCurrentThread();
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_version")]
    private static byte* GetVersion()
    {
        LastError.Clear();
        return StaticText(s_version);
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_build_info")]
    private static byte* GetBuildInfo()
    {
        LastError.Clear();
        return StaticText(s_buildInfo);
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_uses_openblas")]
    private static int GetUsesOpenBlas()
    {
        LastError.Clear();
        try
        {
            return Blas.UsesOpenBlas ? 1 : 0;
        }
        catch (Exception exception)
        {
            LastError.Record(exception);
            return 0;
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_openblas_config")]
    private static byte* GetOpenBlasConfig()
    {
        LastError.Clear();
        return StaticText(s_openBlasConfig);
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_set_blas_threads")]
    private static int SetBlasThreads(int threads)
    {
        LastError.Clear();
        try
        {
            Blas.SetThreads(threads);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_last_error_code")]
    private static int GetLastErrorCode() => (int)LastError.Code;

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_last_error")]
    private static byte* GetLastError() => LastError.Message;

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_parametrization_multipliers")]
    private static int ParametrizationMultipliers(int parametrization, int inputDimension, int depth,
        int* widths, double* multipliers, nuint multipliersLength)
    {
        LastError.Clear();
        try
        {
            Parametrization kind = parametrization switch
            {
                0 => Parametrization.Standard,
                1 => Parametrization.Ntk,
                _ => throw new NativeCallException(ErrorCode.InvalidArgument,
                    $"parametrization is {parametrization}, "
                    + "expected GRAMDYN_PARAMETRIZATION_STANDARD (0) or GRAMDYN_PARAMETRIZATION_NTK (1)"),
            };
            if (depth < 1)
            {
                throw new NativeCallException(ErrorCode.InvalidArgument,
                    $"depth is {depth}, expected at least 1");
            }

            Span<int> widthSpan = AbiArguments.Required(widths, (nuint)depth, "widths");
            Span<double> output = AbiArguments.Required(multipliers, multipliersLength, "multipliers");
            AbiArguments.ExpectShape<double>(output, depth, 1, "multipliers", "L");
            Network.MultipliersFor(kind, inputDimension, widthSpan.ToArray()).CopyTo(output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    private static string VersionText()
    {
        Version? version = typeof(Network).Assembly.GetName().Version;
        return version is null ? "unknown" : version.ToString(3);
    }

    private static string BuildInfoText()
    {
        string? informational = typeof(Network).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        string blas = Blas.UsesOpenBlas
            ? $"OpenBLAS ({Blas.Configuration}, {Blas.Threads} threads)"
            : "managed fallback (slow; install libopenblas0-pthread for OpenBLAS)";
        return $"gramdyn {informational ?? VersionText()}; ABI {AbiVersion}; .NET {Environment.Version} "
            + $"NativeAOT; {RuntimeInformation.RuntimeIdentifier}; BLAS: {blas}";
    }

    /// <summary>
    /// Returns a string that lives as long as the process, or "" and a recorded error when forming
    /// it failed.
    /// </summary>
    private static byte* StaticText(Lazy<nint> text)
    {
        try
        {
            return (byte*)text.Value;
        }
        catch (Exception exception)
        {
            LastError.Record(exception);
            return LastError.EmptyText;
        }
    }

    /// <summary>Copies a string into NUL-terminated UTF-8 native memory that is never freed.</summary>
    private static nint AllocateUtf8(string text)
    {
        int length = Encoding.UTF8.GetByteCount(text);
        byte* bytes = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(bytes, length));
        bytes[length] = 0;
        return (nint)bytes;
    }
}
