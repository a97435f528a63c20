"""Computes K on one seeded input through the CLI, the C interface, the C# API and Python, and
checks that all four are the same bytes.

Usage: /usr/bin/python3 native/tests/compare_faces.py [C_BUILD_FOLDER]
C_BUILD_FOLDER contains kernel_from_npy (default artifacts/native/tests). Needs native/lib/libgramdyn.so,
the .NET 10 SDK and NumPy. Prints one line per face and exits with 1 on any difference.
"""

import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

import gramdyn  # noqa: E402

SAMPLES, DIMENSION, WIDTHS, SEED = 33, 7, [17, 12, 9], 2024


def run(command: list[str]) -> None:
    completed = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if completed.returncode != 0:
        raise SystemExit(f"compare_faces: {' '.join(command)} failed:\n{completed.stdout}{completed.stderr}")


def main() -> int:
    build = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "artifacts" / "native" / "tests"
    rng = np.random.default_rng(SEED)
    inputs = rng.standard_normal((SAMPLES, DIMENSION))
    weights, fan_in = [], DIMENSION
    for width in WIDTHS:
        weights.append(rng.standard_normal((width, fan_in)))
        fan_in = width

    readout = rng.choice([-1.0, 1.0], size=fan_in) / np.sqrt(fan_in)
    with tempfile.TemporaryDirectory(prefix="gramdyn-faces-") as name:
        folder = Path(name)
        np.save(folder / "X.npy", inputs)
        for layer, w in enumerate(weights, start=1):
            np.save(folder / f"W{layer}.npy", w)

        np.save(folder / "a.npy", readout)
        weight_paths = ",".join(str(folder / f"W{layer}.npy") for layer in range(1, len(WIDTHS) + 1))
        run([str(ROOT / "gramdyn"), "kernel", "--data", str(folder / "X.npy"), "--weights", weight_paths,
             "--readout", str(folder / "a.npy"), "--parametrization", "ntk", "--out", str(folder / "cli")])
        run([str(build / "kernel_from_npy"), str(folder), str(SAMPLES), str(DIMENSION),
             ",".join(map(str, WIDTHS)), "ntk"])
        run(["dotnet", "run", str(ROOT / "native" / "tests" / "KernelViaDotnet.cs"), "--", str(folder),
             str(len(WIDTHS)), "ntk"])
        faces = {
            "CLI (gramdyn kernel)": np.load(folder / "cli" / "K.npy"),
            "C (gramdyn_network_kernel)": np.load(folder / "K-c.npy"),
            "C# (ResidualKernel.Compute)": np.load(folder / "K-dotnet.npy"),
            "Python (gramdyn.kernel)": gramdyn.kernel(inputs, weights, readout, parametrization="ntk"),
        }

    reference = faces["CLI (gramdyn kernel)"]
    print(f"K of N = {SAMPLES}, d = {DIMENSION}, widths {WIDTHS}, ntk, double; {gramdyn.build_info()}")
    mismatches = 0
    for face, kernel in faces.items():
        same = kernel.dtype == np.float64 and kernel.tobytes() == reference.tobytes()
        digest = hashlib.sha256(kernel.tobytes()).hexdigest()[:16]
        difference = float(np.max(np.abs(kernel - reference)))
        verdict = "equal" if same else "DIFFERENT"
        print(f"  {face:30} sha256 {digest}  max |K - K_cli| = {difference:.3g}  {verdict}")
        mismatches += not same

    print("all faces give the same bytes" if mismatches == 0 else f"{mismatches} faces differ from the CLI")
    return 0 if mismatches == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
