using GramDynamics.Collective;

namespace GramDynamics.Tests.Collective.Reference;

/// <summary>
/// The residual kernel formed the slow, independent way: its own forward and backward pass per
/// sample by plain scalar loops (no Blas, no FieldKernels), the per-sample gradients of f with
/// respect to all hidden weights as an explicit N × P Jacobian J, and K = J Jᵀ. Also a central
/// finite-difference estimate of J.
/// </summary>
/// <remarks>
/// Parameters are ordered layer by layer, each W_ℓ row-major, so column p of J is one entry of one
/// W_ℓ; ∂f(x_μ)/∂W_ℓ[i, j] = c_ℓ b_ℓi(μ) h_{ℓ-1,j}(μ).
/// </remarks>
internal sealed class BruteForceKernel
{
    private readonly double[][] _preactivations; // U_1..U_L at index ℓ: [N, n_ℓ]
    private readonly double[][] _activations;    // H_0..H_L: [N, n_ℓ]
    private readonly double[][] _conjugate;      // B_1..B_L at index ℓ: [N, n_ℓ]

    public BruteForceKernel(Network network, double[] inputs, int samples)
    {
        Samples = samples;
        Depth = network.Depth;
        Widths = [.. Enumerable.Range(0, Depth + 1).Select(network.Width)];
        _preactivations = new double[Depth + 1][];
        _activations = new double[Depth + 1][];
        _conjugate = new double[Depth + 1][];
        _activations[0] = (double[])inputs.Clone();
        _preactivations[0] = [];
        _conjugate[0] = [];
        for (int layer = 1; layer <= Depth; layer++)
        {
            _preactivations[layer] = new double[samples * Widths[layer]];
            _activations[layer] = new double[samples * Widths[layer]];
            _conjugate[layer] = new double[samples * Widths[layer]];
        }

        Outputs = new double[samples];
        for (int mu = 0; mu < samples; mu++)
        {
            Forward(network, mu);
            Backward(network, mu);
        }

        Parameters = 0;
        for (int layer = 1; layer <= Depth; layer++)
        {
            Parameters += Widths[layer] * Widths[layer - 1];
        }

        Jacobian = FormJacobian(network);
        Kernel = OuterGram(Jacobian, samples, Parameters);
        GradientSquaredNorms = new double[samples];
        for (int mu = 0; mu < samples; mu++)
        {
            double sum = 0;
            for (int p = 0; p < Parameters; p++)
            {
                sum += Jacobian[(mu * Parameters) + p] * Jacobian[(mu * Parameters) + p];
            }

            GradientSquaredNorms[mu] = sum;
        }
    }

    public int Samples { get; }

    public int Depth { get; }

    /// <summary>n_0..n_L.</summary>
    public int[] Widths { get; }

    /// <summary>P, the number of hidden weights.</summary>
    public int Parameters { get; }

    /// <summary>f(x_μ).</summary>
    public double[] Outputs { get; }

    /// <summary>J: [N, P], row μ is ∇_W f(x_μ).</summary>
    public double[] Jacobian { get; }

    /// <summary>K = J Jᵀ: [N, N].</summary>
    public double[] Kernel { get; }

    /// <summary>‖∇_W f(x_μ)‖², summed directly from the rows of J.</summary>
    public double[] GradientSquaredNorms { get; }

    /// <summary>U_ℓ: [N, n_ℓ] for ℓ = 1..L.</summary>
    public double[] Preactivations(int layer) => _preactivations[layer];

    /// <summary>H_ℓ: [N, n_ℓ] for ℓ = 0..L.</summary>
    public double[] Activations(int layer) => _activations[layer];

    /// <summary>B_ℓ: [N, n_ℓ] for ℓ = 1..L.</summary>
    public double[] ConjugateFields(int layer) => _conjugate[layer];

    /// <summary>Whether u_ℓi(μ) &gt; 0.</summary>
    public bool IsActive(int layer, int mu, int neuron) =>
        _preactivations[layer][(mu * Widths[layer]) + neuron] > 0;

    /// <summary>
    /// Returns the smallest |u_ℓi(μ)| over all pre-activations that are not structurally zero, that
    /// is, whose inputs h_{ℓ-1}(μ) are not all 0; +∞ when every one is structurally zero.
    /// </summary>
    public double SmallestPreactivationMargin()
    {
        double margin = double.PositiveInfinity;
        for (int layer = 1; layer <= Depth; layer++)
        {
            int fanIn = Widths[layer - 1];
            int width = Widths[layer];
            for (int mu = 0; mu < Samples; mu++)
            {
                bool structurallyZero = true;
                for (int j = 0; j < fanIn; j++)
                {
                    structurallyZero &= _activations[layer - 1][(mu * fanIn) + j] == 0;
                }

                for (int i = 0; i < width && !structurallyZero; i++)
                {
                    margin = Math.Min(margin, Math.Abs(_preactivations[layer][(mu * width) + i]));
                }
            }
        }

        return margin;
    }

    /// <summary>Computes f(x) by scalar loops.</summary>
    public static double Output(Network network, ReadOnlySpan<double> x)
    {
        double[] h = x.ToArray();
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            double[] next = Layer(network, layer, h);
            for (int i = 0; i < next.Length; i++)
            {
                next[i] = next[i] > 0 ? next[i] : 0;
            }

            h = next;
        }

        double f = 0;
        for (int i = 0; i < h.Length; i++)
        {
            f += network.Readout[i] * h[i];
        }

        return f;
    }

    /// <summary>
    /// Estimates J: [N, P] by central differences (f(W + δ e_p) − f(W − δ e_p)) / 2δ on a copy of
    /// the network. f is linear in each single weight while no mask changes, so the estimate is
    /// exact up to rounding on networks whose pre-activations keep more than the step from 0.
    /// </summary>
    public static double[] FiniteDifferenceJacobian(Network network, double[] inputs, int samples,
        double step)
    {
        Network perturbed = network.Clone();
        int dimension = network.InputDimension;
        int parameters = 0;
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            parameters += network.Weights(layer).Length;
        }

        var jacobian = new double[samples * parameters];
        int p = 0;
        for (int layer = 1; layer <= network.Depth; layer++)
        {
            double[] weights = perturbed.Weights(layer);
            for (int index = 0; index < weights.Length; index++, p++)
            {
                double original = weights[index];
                for (int mu = 0; mu < samples; mu++)
                {
                    ReadOnlySpan<double> x = inputs.AsSpan(mu * dimension, dimension);
                    weights[index] = original + step;
                    double plus = Output(perturbed, x);
                    weights[index] = original - step;
                    double minus = Output(perturbed, x);
                    jacobian[(mu * parameters) + p] = (plus - minus) / (2 * step);
                }

                weights[index] = original;
            }
        }

        return jacobian;
    }

    /// <summary>Forms A Aᵀ: [rows, rows] of A: [rows, columns] by scalar loops.</summary>
    public static double[] OuterGram(double[] matrix, int rows, int columns)
    {
        var gram = new double[rows * rows];
        for (int mu = 0; mu < rows; mu++)
        {
            for (int nu = 0; nu < rows; nu++)
            {
                double sum = 0;
                for (int p = 0; p < columns; p++)
                {
                    sum += matrix[(mu * columns) + p] * matrix[(nu * columns) + p];
                }

                gram[(mu * rows) + nu] = sum;
            }
        }

        return gram;
    }

    /// <summary>Returns Ŵ_ℓ h = c_ℓ W_ℓ h for one input vector h of layer ℓ−1.</summary>
    private static double[] Layer(Network network, int layer, double[] h)
    {
        double[] weights = network.Weights(layer);
        double multiplier = network.Multiplier(layer);
        int fanIn = network.Width(layer - 1);
        var u = new double[network.Width(layer)];
        for (int i = 0; i < u.Length; i++)
        {
            double sum = 0;
            for (int j = 0; j < fanIn; j++)
            {
                sum += multiplier * weights[(i * fanIn) + j] * h[j];
            }

            u[i] = sum;
        }

        return u;
    }

    private void Forward(Network network, int mu)
    {
        int dimension = Widths[0];
        double[] h = _activations[0].AsSpan(mu * dimension, dimension).ToArray();
        for (int layer = 1; layer <= Depth; layer++)
        {
            double[] u = Layer(network, layer, h);
            int width = Widths[layer];
            h = new double[width];
            for (int i = 0; i < width; i++)
            {
                h[i] = u[i] > 0 ? u[i] : 0;
                _preactivations[layer][(mu * width) + i] = u[i];
                _activations[layer][(mu * width) + i] = h[i];
            }
        }

        double f = 0;
        for (int i = 0; i < h.Length; i++)
        {
            f += network.Readout[i] * h[i];
        }

        Outputs[mu] = f;
    }

    /// <summary>b_L = θ_L ⊙ a, b_ℓ = θ_ℓ ⊙ (Ŵ_{ℓ+1}ᵀ b_{ℓ+1}), by scalar loops.</summary>
    private void Backward(Network network, int mu)
    {
        int top = Widths[Depth];
        for (int i = 0; i < top; i++)
        {
            _conjugate[Depth][(mu * top) + i] = IsActive(Depth, mu, i) ? network.Readout[i] : 0;
        }

        for (int layer = Depth - 1; layer >= 1; layer--)
        {
            int width = Widths[layer];
            int above = Widths[layer + 1];
            double[] weights = network.Weights(layer + 1);
            double multiplier = network.Multiplier(layer + 1);
            for (int j = 0; j < width; j++)
            {
                double sum = 0;
                for (int i = 0; i < above; i++)
                {
                    sum += multiplier * weights[(i * width) + j] * _conjugate[layer + 1][(mu * above) + i];
                }

                _conjugate[layer][(mu * width) + j] = IsActive(layer, mu, j) ? sum : 0;
            }
        }
    }

    private double[] FormJacobian(Network network)
    {
        var jacobian = new double[Samples * Parameters];
        for (int mu = 0; mu < Samples; mu++)
        {
            int p = 0;
            for (int layer = 1; layer <= Depth; layer++)
            {
                int fanIn = Widths[layer - 1];
                int width = Widths[layer];
                double multiplier = network.Multiplier(layer);
                for (int i = 0; i < width; i++)
                {
                    for (int j = 0; j < fanIn; j++, p++)
                    {
                        jacobian[(mu * Parameters) + p] = multiplier * _conjugate[layer][(mu * width) + i]
                            * _activations[layer - 1][(mu * fanIn) + j];
                    }
                }
            }
        }

        return jacobian;
    }
}
