using System.Runtime.InteropServices;

namespace GramDynamics.Native;

/// <summary>The residual kernel K and its layer parts.</summary>
internal static unsafe partial class NativeExports
{
    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_kernel")]
    private static int NetworkKernel(ulong network, int precision, double* kernel, nuint kernelLength,
        double* layerParts, nuint layerPartsLength)
    {
        LastError.Clear();
        try
        {
            Collective.Precision kind = AbiArguments.Precision(precision);
            Span<double> output = AbiArguments.Required(kernel, kernelLength, "kernel");
            Span<double> parts = AbiArguments.Optional(layerParts, layerPartsLength, "layer_parts");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            BoundData data = session.Data;
            int samples = data.Samples;
            AbiArguments.ExpectShape<double>(output, samples, samples, "kernel", "N × N");
            if (!parts.IsEmpty)
            {
                AbiArguments.ExpectShape<double>(parts, session.Network.Depth, samples * samples,
                    "layer_parts", "L × (N × N)");
            }

            data.Kernel(kind, output, parts);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }
}
