#:project ../../src/GramDynamics/GramDynamics.csproj
#:property PublishAot=false

// Computes K through the C# API from .npy files and writes it to FOLDER/K-dotnet.npy: the .NET leg
// of native/tests/compare_faces.py.
// Usage: dotnet run native/tests/KernelViaDotnet.cs -- FOLDER L [standard|ntk]
// reads FOLDER/X.npy, FOLDER/W1.npy..WL.npy and FOLDER/a.npy.
using GramDynamics.Collective;
using GramDynamics.Data;

string folder = args[0];
int depth = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
Parametrization parametrization = args.Length > 2 && args[2] == "ntk"
    ? Parametrization.Ntk
    : Parametrization.Standard;

NpyArray x = NpyFile.ReadMatrix(Path.Combine(folder, "X.npy"));
var weights = new double[depth][];
var widths = new int[depth];
for (int layer = 0; layer < depth; layer++)
{
    NpyArray w = NpyFile.ReadMatrix(Path.Combine(folder, $"W{layer + 1}.npy"));
    weights[layer] = w.Values;
    widths[layer] = w.Rows;
}

double[] readout = NpyFile.ReadVector(Path.Combine(folder, "a.npy"));
double[] multipliers = Network.MultipliersFor(parametrization, x.Columns, widths);
var network = new Network(x.Columns, widths, weights, multipliers, readout);

// The plain call a C# user writes: K only, no layer parts.
var kernel = new double[x.Rows * x.Rows];
using (var workspace = new ResidualKernel(x.Values, x.Rows, x.Columns, widths))
{
    workspace.Compute(network, kernel);
}

NpyFile.WriteMatrix(Path.Combine(folder, "K-dotnet.npy"), kernel, x.Rows, x.Rows);
