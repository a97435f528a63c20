using System.Numerics.Tensors;
using GramDynamics.Collective;
using GramDynamics.Numerics;

namespace GramDynamics.Dynamics;

/// <summary>
/// Weight-space gradient descent on the loss ½ Σ_μ r_μ², the reference dynamics:
/// W_ℓ ← W_ℓ − η c_ℓ B_ℓᵀ diag(r) H_{ℓ-1}. The fields are updated in place after every step, and
/// the only scratch (diag(r) H, [N, max n_ℓ]) is allocated once, so a step allocates nothing.
/// </summary>
public sealed class GradientDescent : IDisposable
{
    private readonly Network _network;
    private readonly FieldState<double> _fields;
    private readonly double[] _targets;
    private readonly double[] _residual;
    private readonly AlignedBuffer<double> _scaledActivations; // diag(r) H_{ℓ-1}, [N, n_{ℓ-1}]

    /// <summary>Prepares GD for a network on the training set whose fields are given.</summary>
    /// <param name="network">The network; its weights are updated in place.</param>
    /// <param name="fields">Fields of this network on X, in double.</param>
    /// <param name="targets">y: [N].</param>
    public GradientDescent(Network network, FieldState<double> fields, ReadOnlySpan<double> targets)
    {
        if (targets.Length != fields.Samples)
        {
            ThrowHelper.ThrowArgument(nameof(targets),
                $"{targets.Length} targets for {fields.Samples} samples");
        }

        _network = network;
        _fields = fields;
        _targets = targets.ToArray();
        _residual = new double[fields.Samples];
        int widest = fields.Widths[..^1].Max();
        _scaledActivations = new AlignedBuffer<double>((long)fields.Samples * widest);
        Evaluate();
    }

    /// <summary>The network being trained.</summary>
    public Network Network => _network;

    /// <summary>The fields at the current weights.</summary>
    public FieldState<double> Fields => _fields;

    /// <summary>r = f − y at the current weights: [N].</summary>
    public ReadOnlySpan<double> Residual => _residual;

    /// <summary>y: [N].</summary>
    public ReadOnlySpan<double> Targets => _targets;

    /// <summary>Loss ½ Σ_μ r_μ² at the current weights.</summary>
    public double Loss => 0.5 * TensorPrimitives.Dot<double>(_residual, _residual);

    /// <summary>Recomputes the fields and the residual for the current weights.</summary>
    public void Evaluate()
    {
        _fields.Forward(_network);
        _fields.Backward();
        TensorPrimitives.Subtract(_fields.Outputs, _targets, _residual);
    }

    /// <summary>Takes one GD step at rate η from the current fields, then re-evaluates them.</summary>
    public void Step(double rate)
    {
        int n = _fields.Samples;
        for (int layer = 1; layer <= _network.Depth; layer++)
        {
            int fanIn = _fields.Widths[layer - 1];
            int width = _fields.Widths[layer];
            Span<double> scaled = _scaledActivations.Slice(0, n * fanIn);
            _fields.Activations(layer - 1).CopyTo(scaled);
            FieldKernels.ScaleRows(scaled, n, fanIn, _residual);

            // W_ℓ −= η c_ℓ B_ℓᵀ (diag(r) H_{ℓ-1}): an n_ℓ × n_{ℓ-1} GEMM over the samples.
            Blas.Gemm(true, false, width, fanIn, n, -rate * _network.Multiplier(layer),
                _fields.ConjugateFields(layer), width, scaled, fanIn, 1.0, _network.Weights(layer), fanIn);
        }

        Evaluate();
    }

    public void Dispose() => _scaledActivations.Dispose();
}
