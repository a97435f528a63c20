using GramDynamics.Collective;
using GramDynamics.Dynamics;

namespace GramDynamics.Native;

/// <summary>
/// A data set bound to a network handle with every workspace its calls need: the double
/// <see cref="ResidualKernel"/> (its fields and C = X Xᵀ), the float32 and mixed workspaces once
/// asked for, the layer parts of K and, when targets are bound, a <see cref="GradientDescent"/>.
/// After the first call of each kind, repeated calls allocate nothing on the managed heap.
/// </summary>
internal sealed class BoundData : IDisposable
{
    private readonly Network _network;
    private readonly double[] _inputs;              // X: [N, d], kept for the float32 workspaces
    private readonly ResidualKernel _doubleKernel;
    private readonly GradientDescent? _descent;
    private ResidualKernel? _float32Kernel;
    private ResidualKernel? _mixedKernel;
    private double[][]? _layerParts;                // K^(1)..K^(L), each [N, N]
    private bool _fieldsCurrent;
    private bool _residualCurrent;

    public BoundData(Network network, ReadOnlySpan<double> inputs, int samples, ReadOnlySpan<double> targets)
    {
        _network = network;
        _inputs = inputs.ToArray();
        Samples = samples;
        _doubleKernel = new ResidualKernel(inputs, samples, network.InputDimension, network.Widths);
        if (!targets.IsEmpty)
        {
            // GradientDescent evaluates the fields and the residual on construction.
            _descent = new GradientDescent(network, _doubleKernel.DoubleFields!, targets);
            _fieldsCurrent = true;
            _residualCurrent = true;
        }
    }

    /// <summary>N, the number of samples.</summary>
    public int Samples { get; }

    /// <summary>Whether targets y are bound, which gradient descent needs.</summary>
    public bool HasTargets => _descent is not null;

    /// <summary>The double fields at the current weights, recomputed only after a weight change.</summary>
    public FieldState<double> CurrentFields()
    {
        if (!_fieldsCurrent)
        {
            _doubleKernel.UpdateFields(_network);
            _fieldsCurrent = true;
        }

        return _doubleKernel.DoubleFields!;
    }

    /// <summary>Marks the fields and the residual as stale.</summary>
    public void InvalidateFields()
    {
        _fieldsCurrent = false;
        _residualCurrent = false;
    }

    /// <summary>
    /// Computes K ([N, N]) and, when <paramref name="layerParts"/> is not empty, K^(1)..K^(L) into it
    /// ([L, N, N]). K is always formed as the sum of the layer parts, as the CLI forms it, so both
    /// give the same bits.
    /// </summary>
    public void Kernel(Precision precision, Span<double> kernel, Span<double> layerParts)
    {
        ResidualKernel workspace = Workspace(precision);
        _layerParts ??= CreateLayerParts();
        workspace.Compute(_network, kernel, _layerParts);
        if (precision == Precision.Double)
        {
            _fieldsCurrent = true;
        }

        if (!layerParts.IsEmpty)
        {
            int square = Samples * Samples;
            for (int layer = 0; layer < _layerParts.Length; layer++)
            {
                _layerParts[layer].CopyTo(layerParts.Slice(layer * square, square));
            }
        }
    }

    /// <summary>
    /// Takes one gradient-descent step at <paramref name="rate"/>; returns the loss ½ Σ r² at the
    /// weights before the step and sets <paramref name="lossAfter"/> to the loss after it.
    /// </summary>
    public double Step(double rate, out double lossAfter)
    {
        if (_descent is null)
        {
            throw new NativeCallException(ErrorCode.InvalidState,
                "no targets are bound to this network; pass y to gramdyn_network_bind_data");
        }

        if (!_residualCurrent)
        {
            _descent.Evaluate();
            _fieldsCurrent = true;
            _residualCurrent = true;
        }

        double lossBefore = _descent.Loss;
        _descent.Step(rate);
        lossAfter = _descent.Loss;
        return lossBefore;
    }

    public void Dispose()
    {
        _descent?.Dispose();
        _doubleKernel.Dispose();
        _float32Kernel?.Dispose();
        _mixedKernel?.Dispose();
    }

    private ResidualKernel Workspace(Precision precision) => precision switch
    {
        Precision.Double => _doubleKernel,
        Precision.Float32 => _float32Kernel ??= CreateWorkspace(Precision.Float32),
        _ => _mixedKernel ??= CreateWorkspace(Precision.Mixed),
    };

    private ResidualKernel CreateWorkspace(Precision precision) =>
        new(_inputs, Samples, _network.InputDimension, _network.Widths, precision);

    private double[][] CreateLayerParts()
    {
        var parts = new double[_network.Depth][];
        for (int layer = 0; layer < parts.Length; layer++)
        {
            parts[layer] = new double[(long)Samples * Samples];
        }

        return parts;
    }
}
