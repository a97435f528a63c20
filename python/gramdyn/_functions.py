"""One-call entry points that follow the CLI: each creates a network, binds X, computes and frees it."""

from __future__ import annotations

from typing import NamedTuple, Sequence

import numpy as np

from ._arrays import address, as_float64
from ._library import check, library
from ._network import Network


class Fields(NamedTuple):
    """Fields on the data, indexed by layer l = 0..L; index 0 is None except H[0] = X."""

    U: list           # U_l: [N, n_l]
    H: list           # H_l: [N, n_l]
    masks: list       # Theta_l: [N, n_l], bool
    B: list           # B_l: [N, n_l]
    outputs: np.ndarray  # f(x_mu): [N]


class Grams(NamedTuple):
    """Gram matrices, each [N, N], indexed by layer l = 0..L; S[0] and P[0] are None."""

    C: np.ndarray  # X X^T
    Q: list        # Q^(l) = H_l H_l^T, Q[0] = C
    S: list        # S^(l) = B_l B_l^T
    P: list        # P^(l) = Theta_l Theta_l^T


class GradientDescentResult(NamedTuple):
    """Weights after one gradient-descent step and the losses 1/2 sum r^2 before and after it."""

    weights: list
    loss_before: float
    loss_after: float


def _open(inputs, weights: Sequence, readout, multipliers, parametrization, targets=None) -> Network:
    network = Network(weights, readout, multipliers=multipliers, parametrization=parametrization)
    try:
        return network.bind(inputs, targets)
    except BaseException:
        network.close()
        raise


def kernel(inputs, weights: Sequence, readout, multipliers=None, parametrization: str | None = None,
           precision: str = "double", layers: bool = False):
    """Return the residual kernel K = sum_l c_l^2 Q^(l-1) * S^(l): [N, N], as `gramdyn kernel` computes it.

    inputs: X, [N, d]; weights: W_1..W_L with W_l [n_l, n_{l-1}]; readout: a, [n_L];
    multipliers: c_1..c_L (default 1) or parametrization "standard" | "ntk"; precision: "double",
    "float32" or "mixed". With layers=True returns (K, parts), parts[l-1] = K^(l): [L, N, N].
    """
    with _open(inputs, weights, readout, multipliers, parametrization) as network:
        return network.kernel(precision=precision, layers=layers)


def fields(inputs, weights: Sequence, readout, multipliers=None,
           parametrization: str | None = None) -> Fields:
    """Return U_l, H_l, Theta_l, B_l for l = 1..L (H_0 = X) and the outputs f."""
    with _open(inputs, weights, readout, multipliers, parametrization) as network:
        u, h, masks, b = [None], [as_float64(inputs, "X", 2, "[N, d]")], [None], [None]
        for layer in range(1, network.depth + 1):
            layer_fields = network.fields(layer)
            u.append(layer_fields.preactivations)
            h.append(layer_fields.activations)
            masks.append(layer_fields.masks)
            b.append(layer_fields.conjugate_fields)

        return Fields(u, h, masks, b, network.outputs())


def grams(inputs, weights: Sequence, readout, multipliers=None, parametrization: str | None = None) -> Grams:
    """Return C, Q^(0..L), S^(1..L) and P^(1..L), each [N, N]."""
    with _open(inputs, weights, readout, multipliers, parametrization) as network:
        q = [network.activation_overlap(layer) for layer in range(network.depth + 1)]
        s = [None] + [network.conjugate_correlator(layer) for layer in range(1, network.depth + 1)]
        p = [None] + [network.coactivation_counts(layer) for layer in range(1, network.depth + 1)]
        return Grams(q[0], q, s, p)


def pullback_gram(inputs, weights: Sequence, readout, layer: int, mu: int, nu: int, multipliers=None,
                  parametrization: str | None = None) -> np.ndarray:
    """Return the pullback Gram metric G_l(mu, nu) for l = 0..L-1: [n_l, n_l]."""
    with _open(inputs, weights, readout, multipliers, parametrization) as network:
        return network.pullback_gram(layer, mu, nu)


def conjugate_gram(inputs, weights: Sequence, readout, layer: int, mu: int, nu: int, multipliers=None,
                   parametrization: str | None = None) -> np.ndarray:
    """Return the conjugate Gram metric Gamma_l(mu, nu) for l = 1..L-1: [n_{l+1}, n_{l+1}]."""
    with _open(inputs, weights, readout, multipliers, parametrization) as network:
        return network.conjugate_gram(layer, mu, nu)


def coactivation_projector(inputs, weights: Sequence, readout, layer: int, mu: int, nu: int, multipliers=None,
                           parametrization: str | None = None) -> np.ndarray:
    """Return the 0/1 diagonal of the co-activation projector D_l(mu, nu) for l = 1..L: [n_l]."""
    with _open(inputs, weights, readout, multipliers, parametrization) as network:
        return network.coactivation_projector(layer, mu, nu)


def fourth_order_correlator(inputs, weights: Sequence, readout, layer: int, multipliers=None,
                            parametrization: str | None = None,
                            by_conjugate_gram: bool = False) -> np.ndarray:
    """Return S^(l) for l = 1..L-1 through the conjugate Gram metric: [N, N]."""
    with _open(inputs, weights, readout, multipliers, parametrization) as network:
        return network.fourth_order_correlator(layer, by_conjugate_gram)


def gd_step(inputs, targets, weights: Sequence, readout, rate: float, multipliers=None,
            parametrization: str | None = None) -> GradientDescentResult:
    """Take one gradient-descent step W_l <- W_l - rate c_l B_l^T diag(r) H_{l-1} on 1/2 sum r^2.

    Returns the new weights (the inputs are not modified) and the losses before and after the step.
    """
    with _open(inputs, weights, readout, multipliers, parametrization, targets) as network:
        step = network.gd_step(rate)
        return GradientDescentResult(network.weights(), step.loss_before, step.loss_after)


def eigh(matrix, vectors: bool = True):
    """Return the eigenvalues, ascending, and (when vectors) the eigenvectors of a symmetric matrix.

    As numpy.linalg.eigh: w, V with V[:, k] the unit eigenvector of w[k]. Only the lower triangle is
    read. Calls LAPACK dsyevd_ from OpenBLAS through libgramdyn.so.
    """
    a = as_float64(matrix, "matrix", 2, "[n, n]")
    if a.shape[0] != a.shape[1]:
        raise ValueError(f"matrix has shape {a.shape}, expected a square [n, n] matrix")

    n = a.shape[0]
    w = np.empty(n)
    rows = np.empty((n, n)) if vectors else None
    check(library().gramdyn_eigh(address(a), n, address(w), address(rows)))
    # The library returns eigenvectors as rows, so the transpose is numpy's column layout (a view).
    return (w, rows.T) if vectors else w
