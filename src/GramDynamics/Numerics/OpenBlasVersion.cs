using System.Text.RegularExpressions;

namespace GramDynamics.Numerics;

/// <summary>The OpenBLAS version, read from the build configuration string.</summary>
public static partial class OpenBlasVersion
{
    /// <summary>
    /// The version of the loaded OpenBLAS, such as "0.3.21", or null without OpenBLAS or when the
    /// configuration string does not start with "OpenBLAS" and a version.
    /// </summary>
    public static string? Current => Parse(Blas.Configuration);

    /// <summary>
    /// Extracts the version from an openblas_get_config string such as
    /// "OpenBLAS 0.3.21 DYNAMIC_ARCH NO_AFFINITY Zen MAX_THREADS=64"; null when it has none.
    /// </summary>
    public static string? Parse(string? configuration)
    {
        if (configuration is null)
        {
            return null;
        }

        Match match = VersionPattern().Match(configuration);
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^\s*OpenBLAS\s+v?(\d+(?:\.\d+)+\S*)")]
    private static partial Regex VersionPattern();
}
