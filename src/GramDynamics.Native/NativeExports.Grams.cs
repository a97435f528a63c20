using System.Runtime.InteropServices;
using GramDynamics.Collective;

namespace GramDynamics.Native;

/// <summary>The N × N Gram matrices C, Q, S, P and the fourth-order form of S.</summary>
internal static unsafe partial class NativeExports
{
    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_input_gram")]
    private static int NetworkInputGram(ulong network, double* inputGram, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> output = AbiArguments.Required(inputGram, length, "input_gram");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.ExpectShape<double>(output, fields.Samples, fields.Samples, "input_gram", "N × N");
            GramMatrices.InputGram(fields, output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_activation_overlap")]
    private static int NetworkActivationOverlap(ulong network, int layer, double* overlap, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> output = AbiArguments.Required(overlap, length, "overlap");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.Layer(layer, 0, fields.Depth, "Q^(ℓ)");
            AbiArguments.ExpectShape<double>(output, fields.Samples, fields.Samples, "overlap", "N × N");
            GramMatrices.ActivationOverlap(fields, layer, output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_conjugate_correlator")]
    private static int NetworkConjugateCorrelator(ulong network, int layer, double* correlator, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> output = AbiArguments.Required(correlator, length, "correlator");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.Layer(layer, 1, fields.Depth, "S^(ℓ)");
            AbiArguments.ExpectShape<double>(output, fields.Samples, fields.Samples, "correlator", "N × N");
            GramMatrices.ConjugateCorrelator(fields, layer, output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_coactivation_counts")]
    private static int NetworkCoactivationCounts(ulong network, int layer, double* counts, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> output = AbiArguments.Required(counts, length, "counts");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.Layer(layer, 1, fields.Depth, "P^(ℓ)");
            AbiArguments.ExpectShape<double>(output, fields.Samples, fields.Samples, "counts", "N × N");
            GramMatrices.CoactivationCounts(fields, layer, output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_fourth_order_correlator")]
    private static int NetworkFourthOrderCorrelator(ulong network, int layer, int byConjugateGram,
        double* correlator, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> output = AbiArguments.Required(correlator, length, "correlator");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.Layer(layer, 1, fields.Depth - 1, "the fourth-order correlator");
            AbiArguments.ExpectShape<double>(output, fields.Samples, fields.Samples, "correlator", "N × N");
            if (byConjugateGram != 0)
            {
                FourthOrderCorrelator.ComputeByConjugateGram(fields, layer, output);
            }
            else
            {
                FourthOrderCorrelator.Compute(fields, layer, output);
            }

            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }
}
