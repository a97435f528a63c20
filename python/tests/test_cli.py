"""K through Python equals K from `gramdyn kernel` bit for bit, and threads equal serial calls."""

import shutil
import subprocess
import threading

import numpy as np
import pytest

import gramdyn
from conftest import REPOSITORY_ROOT, Case


def run_cli(folder, case, *options):
    np.save(folder / "X.npy", case.inputs)
    paths = []
    for layer, w in enumerate(case.weights, start=1):
        paths.append(str(folder / f"W{layer}.npy"))
        np.save(paths[-1], w)

    np.save(folder / "a.npy", case.readout)
    output = folder / "out"
    completed = subprocess.run(
        [str(REPOSITORY_ROOT / "gramdyn"), "kernel", "--data", str(folder / "X.npy"),
         "--weights", ",".join(paths), "--readout", str(folder / "a.npy"), "--out", str(output), *options],
        capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    parts = np.stack([np.load(output / f"K{layer}.npy") for layer in range(1, len(case.weights) + 1)])
    return np.load(output / "K.npy"), parts


needs_dotnet = pytest.mark.skipif(shutil.which("dotnet") is None, reason="the CLI needs the .NET 10 SDK")


@needs_dotnet
@pytest.mark.parametrize("options, keywords", [
    ((), {}),
    (("--parametrization", "ntk"), {"parametrization": "ntk"}),
    (("--multipliers", "0.5,1.25,3"), {"multipliers": [0.5, 1.25, 3.0]}),
])
def test_kernel_equals_cli_bitwise(tmp_path, options, keywords):
    case = Case(samples=13, dimension=6, widths=[9, 7, 5], seed=21)
    cli_kernel, cli_parts = run_cli(tmp_path, case, *options)
    kernel, parts = gramdyn.kernel(case.inputs, case.weights, case.readout, layers=True, **keywords)
    assert kernel.tobytes() == cli_kernel.tobytes()
    assert parts.tobytes() == cli_parts.tobytes()


def test_threads_equal_serial():
    cases = [Case(samples=20, dimension=5, widths=[12, 6], seed=seed) for seed in range(4)]

    def train(case):
        with gramdyn.Network(case.weights, case.readout).bind(case.inputs, case.targets) as network:
            losses = [network.gd_step(0.01).loss_after for _ in range(3)]
            return network.kernel(), losses

    serial = [train(case) for case in cases]
    parallel = [None] * len(cases)

    def work(index):
        parallel[index] = train(cases[index])

    threads = [threading.Thread(target=work, args=(index,)) for index in range(len(cases))]
    for thread in threads:
        thread.start()

    for thread in threads:
        thread.join()

    for (kernel, losses), (parallel_kernel, parallel_losses) in zip(serial, parallel):
        assert kernel.tobytes() == parallel_kernel.tobytes()
        assert losses == parallel_losses
