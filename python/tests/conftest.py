"""Puts the package of this source tree first on sys.path and provides seeded test networks."""

import sys
from pathlib import Path

import numpy as np
import pytest

PYTHON_ROOT = Path(__file__).resolve().parents[1]
REPOSITORY_ROOT = PYTHON_ROOT.parent
sys.path.insert(0, str(PYTHON_ROOT))


class Case:
    """A seeded network and data set: X [N, d], weights W_l [n_l, n_{l-1}], readout [n_L], y [N]."""

    def __init__(self, samples, dimension, widths, seed):
        rng = np.random.default_rng(seed)
        self.inputs = rng.standard_normal((samples, dimension))
        self.weights = []
        fan_in = dimension
        for width in widths:
            self.weights.append(rng.standard_normal((width, fan_in)) * np.sqrt(2.0 / fan_in))
            fan_in = width

        self.readout = rng.choice([-1.0, 1.0], size=fan_in) / np.sqrt(fan_in)
        self.targets = np.where(rng.standard_normal(samples) < 0, -1.0, 1.0)


@pytest.fixture
def case():
    return Case(samples=10, dimension=5, widths=[8, 6, 4], seed=3)


@pytest.fixture
def wide_case():
    """A case whose first layer spans two 64-bit mask words."""
    return Case(samples=7, dimension=4, widths=[70, 5], seed=8)
