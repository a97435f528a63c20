using System.Runtime.InteropServices;
using GramDynamics.Collective;

namespace GramDynamics.Native;

/// <summary>The weight-induced Gram metrics G_ℓ(μ,ν) and Γ_ℓ(μ,ν) of a pair of samples.</summary>
internal static unsafe partial class NativeExports
{
    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_pullback_gram")]
    private static int NetworkPullbackGram(ulong network, int layer, int mu, int nu, double* pullbackGram,
        nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> output = AbiArguments.Required(pullbackGram, length, "pullback_gram");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.Layer(layer, 0, fields.Depth - 1, "G_ℓ(μ,ν)");
            AbiArguments.Sample(mu, fields.Samples, "mu");
            AbiArguments.Sample(nu, fields.Samples, "nu");
            int width = fields.Widths[layer];
            AbiArguments.ExpectShape<double>(output, width, width, "pullback_gram", "n_{0} × n_{0}", layer);
            GramMetrics.PullbackGram(fields, layer, mu, nu, output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_conjugate_gram")]
    private static int NetworkConjugateGram(ulong network, int layer, int mu, int nu, double* conjugateGram,
        nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> output = AbiArguments.Required(conjugateGram, length, "conjugate_gram");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.Layer(layer, 1, fields.Depth - 1, "Γ_ℓ(μ,ν)");
            AbiArguments.Sample(mu, fields.Samples, "mu");
            AbiArguments.Sample(nu, fields.Samples, "nu");
            int width = fields.Widths[layer + 1];
            AbiArguments.ExpectShape<double>(output, width, width, "conjugate_gram", "n_{2} × n_{2}", layer);
            GramMetrics.ConjugateGram(fields, layer, mu, nu, output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }
}
