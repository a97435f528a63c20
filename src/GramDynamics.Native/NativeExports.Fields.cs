using System.Runtime.InteropServices;
using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Native;

/// <summary>Outputs, fields, masks and co-activation projectors of the bound data set.</summary>
internal static unsafe partial class NativeExports
{
    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_outputs")]
    private static int NetworkOutputs(ulong network, double* outputs, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> output = AbiArguments.Required(outputs, length, "outputs");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.ExpectShape<double>(output, fields.Samples, 1, "outputs", "N");
            fields.Outputs.CopyTo(output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_fields")]
    private static int NetworkFields(ulong network, int layer, double* preactivations, double* activations,
        double* conjugateFields, byte* masks, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> u = AbiArguments.Optional(preactivations, length, "preactivations");
            Span<double> h = AbiArguments.Optional(activations, length, "activations");
            Span<double> b = AbiArguments.Optional(conjugateFields, length, "conjugate_fields");
            Span<byte> theta = AbiArguments.Optional(masks, length, "masks");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.Layer(layer, 1, fields.Depth, "the fields U_ℓ, H_ℓ, B_ℓ and Θ_ℓ");
            int samples = fields.Samples;
            int width = fields.Widths[layer];
            int size = samples * width;
            CopyField(fields.Preactivations(layer)[..size], u, samples, layer, "preactivations");
            CopyField(fields.Activations(layer)[..size], h, samples, layer, "activations");
            CopyField(fields.ConjugateFields(layer)[..size], b, samples, layer, "conjugate_fields");
            if (!theta.IsEmpty)
            {
                AbiArguments.ExpectShape<byte>(theta, samples, width, "masks", "N × n_{0}", layer);
                UnpackMasks(fields.Masks(layer), samples, width, theta);
            }

            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_masks_packed")]
    private static int NetworkMasksPacked(ulong network, int layer, ulong* words, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<ulong> output = AbiArguments.Required(words, length, "words");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.Layer(layer, 1, fields.Depth, "the masks Θ_ℓ");
            int wordsPerRow = FieldKernels.MaskWords(fields.Widths[layer]);
            AbiArguments.ExpectShape<ulong>(output, fields.Samples, wordsPerRow, "words",
                "N × ceil(n_{0} / 64)", layer);
            fields.Masks(layer)[..output.Length].CopyTo(output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_coactivation_projector")]
    private static int NetworkCoactivationProjector(ulong network, int layer, int mu, int nu,
        double* projector, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> output = AbiArguments.Required(projector, length, "projector");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            FieldState<double> fields = session.Data.CurrentFields();
            AbiArguments.Layer(layer, 1, fields.Depth, "D_ℓ(μ,ν)");
            AbiArguments.Sample(mu, fields.Samples, "mu");
            AbiArguments.Sample(nu, fields.Samples, "nu");
            AbiArguments.ExpectShape<double>(output, fields.Widths[layer], 1, "projector", "n_{0}", layer);
            CoactivationProjector.Diagonal(fields, layer, mu, nu, output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    private static void CopyField(ReadOnlySpan<double> field, Span<double> output, int samples, int layer,
        string name)
    {
        if (output.IsEmpty)
        {
            return;
        }

        AbiArguments.ExpectShape<double>(output, samples, field.Length / samples, name, "N × n_{0}", layer);
        field.CopyTo(output);
    }

    /// <summary>Writes Θ as one 0/1 byte per entry: [N, n] from the bit-packed [N, words] rows.</summary>
    private static void UnpackMasks(ReadOnlySpan<ulong> packed, int samples, int width, Span<byte> masks)
    {
        int words = FieldKernels.MaskWords(width);
        for (int mu = 0; mu < samples; mu++)
        {
            ReadOnlySpan<ulong> row = packed.Slice(mu * words, words);
            Span<byte> target = masks.Slice(mu * width, width);
            for (int i = 0; i < width; i++)
            {
                target[i] = (byte)((row[i >> 6] >> (i & 63)) & 1);
            }
        }
    }
}
