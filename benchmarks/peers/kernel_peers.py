#!/usr/bin/python3
"""Compare the residual kernel K of GramDynamics with what a NumPy or PyTorch user would write.

For each case the script runs the C# benchmark project (command peers-kernel), which draws the
seeded inputs X and network, writes them as .npy files, times ResidualKernel.Compute in each
precision and writes K. The script then computes the same K
  - with NumPy: forward and backward recursions, the Gram matrices, K = sum_l c_l^2 Q^(l-1) * S^(l);
  - with PyTorch (float64): the empirical NTK J J^T from per-sample Jacobians
    (functorch.vmap over functorch.jacrev, as in torch 1.13), only where J fits in memory;
checks that they agree, and prints a table of median times and ratios.

Run from the repository root with Debian's python3-numpy and python3-torch:
    /usr/bin/python3 benchmarks/peers/kernel_peers.py
"""
import argparse
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

# (N, d, width, depth, run torch). The first case is the size of the torch target, the second the
# size of the NumPy and precision targets. Torch skips the second because J would need about 95 GB.
CASES = [
    (1024, 64, 256, 3, True),
    (4096, 784, 1024, 3, False),
]

DOUBLE_TOLERANCE = 1e-10
MIXED_TOLERANCE = 1e-6


def relative_error(actual, expected):
    return float(np.linalg.norm(actual - expected) / np.linalg.norm(expected))


def load_case(folder, depth):
    inputs = np.load(folder / "X.npy")
    weights = [np.load(folder / f"W{layer}.npy") for layer in range(1, depth + 1)]
    readout = np.load(folder / "a.npy")
    multipliers = np.load(folder / "c.npy")
    return inputs, weights, readout, multipliers


def numpy_kernel(inputs, weights, readout, multipliers, input_gram):
    """K = sum_l c_l^2 Q^(l-1) * S^(l), written the way a NumPy user would (full Gram matrices)."""
    activations = [inputs]
    preactivations = []
    for weight, multiplier in zip(weights, multipliers):
        u = activations[-1] @ (multiplier * weight).T
        preactivations.append(u)
        activations.append(np.maximum(u, 0.0))

    conjugate = (preactivations[-1] > 0) * readout
    kernel = np.zeros((inputs.shape[0], inputs.shape[0]))
    for layer in reversed(range(len(weights))):
        overlap = input_gram if layer == 0 else activations[layer] @ activations[layer].T
        kernel += multipliers[layer] ** 2 * overlap * (conjugate @ conjugate.T)
        if layer > 0:
            conjugate = (preactivations[layer - 1] > 0) * (conjugate @ (multipliers[layer] * weights[layer]))
    return kernel


def torch_kernel(torch, functorch, inputs, weights, readout, multipliers):
    """Return the empirical NTK of the hidden weights, J J^T with J the per-sample Jacobians of f."""

    def output(parameters, x):
        h = x
        for weight, multiplier in zip(parameters, multipliers):
            h = torch.relu((multiplier * weight) @ h)
        return readout @ h

    parameters = tuple(weights)
    jacobians = functorch.vmap(functorch.jacrev(output), in_dims=(None, 0))(parameters, inputs)
    kernel = torch.zeros(inputs.shape[0], inputs.shape[0], dtype=torch.float64)
    for jacobian in jacobians:
        flat = jacobian.reshape(inputs.shape[0], -1)
        kernel += flat @ flat.T
    return kernel


def median_seconds(function, repeats):
    times = []
    result = None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def run_csharp(folder, samples, input_dimension, width, depth, repeats):
    command = [
        "dotnet", "run", "-c", "Release", "--project", "benchmarks/GramDynamics.Benchmarks", "--",
        "peers-kernel", "--out", str(folder), "--samples", str(samples),
        "--input-dimension", str(input_dimension), "--width", str(width), "--depth", str(depth),
        "--repeats", str(repeats),
    ]
    subprocess.run(command, check=True)
    return json.loads((folder / "times.json").read_text())


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed runs per implementation (median)")
    parser.add_argument("--torch-repeats", type=int, default=3, help="timed runs of the PyTorch NTK")
    parser.add_argument("--small-only", action="store_true", help="run only the first (small) case")
    arguments = parser.parse_args()

    import torch
    import functorch

    torch.set_num_threads(os.cpu_count() or 1)
    rows = []
    failures = []
    cases = CASES[:1] if arguments.small_only else CASES
    for samples, input_dimension, width, depth, with_torch in cases:
        label = f"N={samples} d={input_dimension} n={width}x{depth}"
        with tempfile.TemporaryDirectory(prefix="gramdyn-peers-") as temporary:
            folder = pathlib.Path(temporary)
            report = run_csharp(folder, samples, input_dimension, width, depth, arguments.repeats)
            csharp = {name: statistics.median(times) for name, times in report["seconds"].items()}
            kernels = {name: np.load(folder / f"K_{name}.npy") for name in report["seconds"]}
            inputs, weights, readout, multipliers = load_case(folder, depth)

        # C is formed once outside the timing on both sides: it never changes during training.
        input_gram = inputs @ inputs.T
        numpy_seconds, numpy_result = median_seconds(
            lambda: numpy_kernel(inputs, weights, readout, multipliers, input_gram), arguments.repeats)

        errors = {"numpy vs C# double": relative_error(kernels["double"], numpy_result)}
        if "mixed" in kernels:
            errors["C# mixed vs C# double"] = relative_error(kernels["mixed"], kernels["double"])
        if "float32" in kernels:
            errors["C# float32 vs C# double"] = relative_error(kernels["float32"], kernels["double"])

        torch_seconds = None
        if with_torch:
            as_tensor = lambda array: torch.from_numpy(array).to(torch.float64)
            torch_arguments = (as_tensor(inputs), [as_tensor(w) for w in weights], as_tensor(readout),
                               [float(c) for c in multipliers])
            torch_seconds, torch_result = median_seconds(
                lambda: torch_kernel(torch, functorch, *torch_arguments), arguments.torch_repeats)
            errors["torch float64 vs C# double"] = relative_error(kernels["double"], torch_result.numpy())

        for name, error in errors.items():
            # float32 decides its masks in float32, so it is reported without a limit.
            limit = MIXED_TOLERANCE if "mixed" in name else DOUBLE_TOLERANCE
            verdict = "ok"
            if "float32" in name:
                verdict = "(no limit)"
            elif error > limit:
                verdict = f"FAILED (limit {limit:g})"
                failures.append(f"{label} {name}")
            print(f"{label}: relative Frobenius error {name}: {error:.2e} {verdict}")

        rows.append((label, csharp, numpy_seconds, torch_seconds))

    print()
    print(f"BLAS of the C# side: {report['blas']}, {report['blas_threads']} threads; "
          f"numpy {np.__version__}, torch {torch.__version__}; medians of {arguments.repeats} runs "
          f"({arguments.torch_repeats} for torch)")
    print()
    print("| case | C# double s | C# mixed s | C# float32 s | NumPy s | torch NTK s "
          "| NumPy / C# double | torch / C# double | double / mixed |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, csharp, numpy_seconds, torch_seconds in rows:
        double = csharp["double"]
        mixed = csharp.get("mixed")
        float32 = csharp.get("float32")
        torch_text = f"{torch_seconds:.3f}" if torch_seconds is not None else "not run"
        torch_ratio = f"{torch_seconds / double:.0f}x" if torch_seconds is not None else "-"
        print(f"| {label} | {double:.4f} | {mixed:.4f} | {float32:.4f} | {numpy_seconds:.4f} | {torch_text} "
              f"| {numpy_seconds / double:.2f}x | {torch_ratio} | {double / mixed:.2f}x |")

    if failures:
        print(f"\nagreement check failed: {', '.join(failures)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
