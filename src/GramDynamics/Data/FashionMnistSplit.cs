namespace GramDynamics.Data;

/// <summary>The two parts of Fashion-MNIST.</summary>
public enum FashionMnistSplit
{
    /// <summary>60000 training images (files train-*-ubyte.gz).</summary>
    Train,

    /// <summary>10000 test images (files t10k-*-ubyte.gz).</summary>
    Test,
}
