using System.Runtime.InteropServices;
using GramDynamics.Collective;

namespace GramDynamics.Native;

/// <summary>Network handles: create, free, shape, weights and the data binding.</summary>
internal static unsafe partial class NativeExports
{
    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_create")]
    private static int NetworkCreate(int inputDimension, int depth, int* widths, double** weights,
        double* multipliers, double* readout, ulong* network)
    {
        LastError.Clear();
        try
        {
            AbiArguments.NotNull(network, "network");
            *network = 0;
            if (inputDimension < 1)
            {
                throw new NativeCallException(ErrorCode.InvalidArgument,
                    $"input dimension is {inputDimension}, expected at least 1");
            }

            if (depth < 1)
            {
                throw new NativeCallException(ErrorCode.InvalidArgument,
                    $"depth is {depth}, expected at least 1");
            }

            Span<int> widthSpan = AbiArguments.Required(widths, (nuint)depth, "widths");
            AbiArguments.NotNull(weights, "weights");
            var copies = new double[depth][];
            int fanIn = inputDimension;
            for (int layer = 0; layer < depth; layer++)
            {
                int width = widthSpan[layer];
                if (width < 1 || (long)width * fanIn > Array.MaxLength)
                {
                    throw new NativeCallException(ErrorCode.InvalidArgument,
                        $"widths[{layer}] is {width}, "
                        + $"expected 1..{Array.MaxLength / fanIn} for fan-in {fanIn}");
                }

                Span<double> source = AbiArguments.Required(weights[layer], (nuint)(width * fanIn),
                    $"weights[{layer}]");
                AbiArguments.Finite(source, fanIn, $"W{layer + 1}");
                copies[layer] = source.ToArray();
                fanIn = width;
            }

            double[] multiplierCopy = multipliers is null
                ? [.. Enumerable.Repeat(1.0, depth)]
                : new Span<double>(multipliers, depth).ToArray();
            Span<double> readoutSpan = AbiArguments.Required(readout, (nuint)fanIn, "readout");
            AbiArguments.Finite(readoutSpan, fanIn, "readout");
            var copy = new Network(inputDimension, widthSpan.ToArray(), copies, multiplierCopy,
                readoutSpan.ToArray());
            var session = new NetworkSession(copy);
            *network = HandleTable.Add(session);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_free")]
    private static int NetworkFree(ulong network)
    {
        LastError.Clear();
        try
        {
            HandleTable.Remove(network).Dispose();
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_shape")]
    private static int NetworkShape(ulong network, int* inputDimension, int* depth, int* samples, int* widths,
        nuint widthsLength)
    {
        LastError.Clear();
        try
        {
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            Network net = session.Network;
            Span<int> widthSpan = AbiArguments.Optional(widths, widthsLength, "widths");
            if (!widthSpan.IsEmpty)
            {
                AbiArguments.ExpectShape<int>(widthSpan, net.Depth, 1, "widths", "L");
                net.Widths.CopyTo(widthSpan);
            }

            if (inputDimension is not null)
            {
                *inputDimension = net.InputDimension;
            }

            if (depth is not null)
            {
                *depth = net.Depth;
            }

            if (samples is not null)
            {
                *samples = session.HasData ? session.Data.Samples : 0;
            }

            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_get_weights")]
    private static int NetworkGetWeights(ulong network, int layer, double* weights, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> output = AbiArguments.Required(weights, length, "weights");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            Network net = session.Network;
            AbiArguments.Layer(layer, 1, net.Depth, "W_ℓ");
            AbiArguments.ExpectShape<double>(output, net.Width(layer), net.Width(layer - 1), "weights",
                "n_{0} × n_{1}", layer);
            net.Weights(layer).CopyTo(output);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_set_weights")]
    private static int NetworkSetWeights(ulong network, int layer, double* weights, nuint length)
    {
        LastError.Clear();
        try
        {
            Span<double> input = AbiArguments.Required(weights, length, "weights");
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            Network net = session.Network;
            AbiArguments.Layer(layer, 1, net.Depth, "W_ℓ");
            AbiArguments.ExpectShape<double>(input, net.Width(layer), net.Width(layer - 1), "weights",
                "n_{0} × n_{1}", layer);
            AbiArguments.FiniteWeights(input, net.Width(layer - 1), layer);
            input.CopyTo(net.Weights(layer));
            session.InvalidateFields();
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "gramdyn_network_bind_data")]
    private static int NetworkBindData(ulong network, double* inputs, int samples, int inputDimension,
        double* targets)
    {
        LastError.Clear();
        try
        {
            NetworkSession session = HandleTable.Get(network);
            using Lock.Scope scope = session.Enter();
            int dimension = session.Network.InputDimension;
            if (inputDimension != dimension)
            {
                throw new NativeCallException(ErrorCode.ShapeMismatch,
                    $"X has {inputDimension} columns, "
                    + $"expected the network's input dimension d = {dimension}");
            }

            if (samples < 1 || (long)samples * samples > int.MaxValue)
            {
                throw new NativeCallException(ErrorCode.InvalidArgument,
                    $"sample count is {samples}, expected 1..46340 (K has N × N entries)");
            }

            if ((long)samples * dimension > int.MaxValue)
            {
                throw new NativeCallException(ErrorCode.InvalidArgument,
                    $"X has {samples} × {dimension} entries, more than one buffer may hold");
            }

            Span<double> x = AbiArguments.Required(inputs, (nuint)(samples * dimension), "inputs");
            AbiArguments.Finite(x, dimension, "X");
            Span<double> y = AbiArguments.Optional(targets, (nuint)samples, "targets");
            AbiArguments.Finite(y, 1, "y");
            session.Bind(x, samples, y);
            return 0;
        }
        catch (Exception exception)
        {
            return LastError.Record(exception);
        }
    }
}
