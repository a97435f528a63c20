"""The Network class: one libgramdyn.so handle with its bound data set and pooled workspaces."""

from __future__ import annotations

import ctypes
from typing import NamedTuple, Sequence

import numpy as np

from . import _library
from ._arrays import address, as_float64, weight_list
from ._library import check, library


class LayerFields(NamedTuple):
    """The fields of one hidden layer l on the bound data, each [N, n_l]."""

    preactivations: np.ndarray    # U_l
    activations: np.ndarray       # H_l
    conjugate_fields: np.ndarray  # B_l
    masks: np.ndarray             # Theta_l, bool


class GradientStep(NamedTuple):
    """Losses 1/2 sum r^2 around one gradient-descent step."""

    loss_before: float
    loss_after: float


class Network:
    """A ReLU network without biases and with a fixed readout, held by libgramdyn.so.

    weights: W_1..W_L, W_l of shape [n_l, n_{l-1}]; readout: a, [n_L]; multipliers: c_1..c_L
    (default 1 each) or parametrization "standard" (c = 1) or "ntk" (c = sqrt(2 / n_{l-1})).
    Everything is copied into the library. Layers are numbered as in the C interface: 1..L for
    hidden layers, 0 for the input. Use it as a context manager or call close(); the handle is
    also freed when the object is garbage collected.
    """

    def __init__(self, weights: Sequence, readout, multipliers=None, parametrization: str | None = None):
        converted = weight_list(weights)
        self.input_dimension = int(converted[0].shape[1])
        self.widths = [int(w.shape[0]) for w in converted]
        self.depth = len(converted)
        self.samples = 0
        a = as_float64(readout, "readout", 1, f"[n_L] = [{self.widths[-1]}]")
        if a.shape[0] != self.widths[-1]:
            raise ValueError(f"readout has {a.shape[0]} entries, expected n_L = {self.widths[-1]}")

        c = self._multipliers(multipliers, parametrization)
        lib = library()
        widths = np.array(self.widths, dtype=np.int32)
        pointers = (ctypes.c_void_p * self.depth)(*[w.ctypes.data for w in converted])
        handle = ctypes.c_uint64(0)
        check(lib.gramdyn_network_create(self.input_dimension, self.depth, address(widths), pointers,
                                         address(c), address(a), ctypes.byref(handle)))
        self._handle = handle.value
        self.multipliers = c

    def _multipliers(self, multipliers, parametrization: str | None) -> np.ndarray:
        if multipliers is not None and parametrization is not None:
            raise ValueError("multipliers and parametrization are alternatives; give at most one")

        if parametrization is not None:
            if parametrization not in _library.PARAMETRIZATIONS:
                raise ValueError(f"parametrization is {parametrization!r}, expected 'standard' or 'ntk'")

            c = np.empty(self.depth)
            widths = np.array(self.widths, dtype=np.int32)
            check(library().gramdyn_parametrization_multipliers(
                _library.PARAMETRIZATIONS[parametrization], self.input_dimension, self.depth, address(widths),
                address(c), c.size))
            return c

        if multipliers is None:
            return np.ones(self.depth)

        c = as_float64(multipliers, "multipliers", 1, f"[L] = [{self.depth}]")
        if c.shape[0] != self.depth:
            raise ValueError(f"multipliers has {c.shape[0]} entries, "
                             f"expected one per hidden layer ({self.depth})")

        return c

    # Handle lifetime.

    @property
    def handle(self) -> int:
        """The gramdyn_network handle; raises ValueError after close()."""
        if self._handle == 0:
            raise ValueError("the network is closed")

        return self._handle

    def close(self) -> None:
        """Free the handle and its workspaces; later calls raise ValueError."""
        handle, self._handle = getattr(self, "_handle", 0), 0
        if handle:
            check(library().gramdyn_network_free(handle))

    def __enter__(self) -> "Network":
        return self

    def __exit__(self, *exception) -> None:
        self.close()

    def __del__(self) -> None:
        try:
            self.close()
        except Exception:  # noqa: BLE001 - nothing can be reported from a finalizer
            pass

    # Weights and data.

    def weights(self) -> list[np.ndarray]:
        """Return copies of the current W_1..W_L (after gd_step: the trained weights)."""
        result = []
        fan_in = self.input_dimension
        for layer, width in enumerate(self.widths, start=1):
            w = np.empty((width, fan_in))
            check(library().gramdyn_network_get_weights(self.handle, layer, address(w), w.size))
            result.append(w)
            fan_in = width

        return result

    def set_weights(self, layer: int, weights) -> None:
        """Replace W_l (l = 1..L) with an array of shape [n_l, n_{l-1}]."""
        self._check_layer(layer, 1, self.depth, "W_l")
        expected = (self.widths[layer - 1], self.input_dimension if layer == 1 else self.widths[layer - 2])
        w = as_float64(weights, f"W{layer}", 2, f"[n_{layer}, n_{layer - 1}] = {list(expected)}")
        if w.shape != expected:
            raise ValueError(f"W{layer} has shape {w.shape}, expected {expected}")

        check(library().gramdyn_network_set_weights(self.handle, layer, address(w), w.size))

    def bind(self, inputs, targets=None) -> "Network":
        """Bind X: [N, d] and optionally y: [N] (needed by gd_step); returns self."""
        x = as_float64(inputs, "X", 2, f"[N, d] with d = {self.input_dimension}")
        if x.shape[1] != self.input_dimension:
            raise ValueError(f"X has shape {x.shape}, expected {self.input_dimension} columns "
                             f"(the input dimension d of W_1)")

        y = None
        if targets is not None:
            y = as_float64(targets, "y", 1, f"[N] = [{x.shape[0]}]")
            if y.shape[0] != x.shape[0]:
                raise ValueError(f"y has {y.shape[0]} entries, expected N = {x.shape[0]} (one per row of X)")

        check(library().gramdyn_network_bind_data(self.handle, address(x), x.shape[0], x.shape[1],
                                                  address(y)))
        self.samples = int(x.shape[0])
        return self

    # Objects on the bound data.

    def outputs(self) -> np.ndarray:
        """Return f(x_mu) = a . h_L(x_mu): [N]."""
        f = np.empty(self._bound_samples())
        check(library().gramdyn_network_outputs(self.handle, address(f), f.size))
        return f

    def fields(self, layer: int) -> LayerFields:
        """Return U_l, H_l, B_l and Theta_l (bool) of hidden layer l = 1..L, each [N, n_l]."""
        self._check_layer(layer, 1, self.depth, "the fields")
        shape = (self._bound_samples(), self.widths[layer - 1])
        u, h, b = np.empty(shape), np.empty(shape), np.empty(shape)
        masks = np.empty(shape, dtype=np.bool_)  # one 0/1 byte per entry, as the library writes them
        check(library().gramdyn_network_fields(self.handle, layer, address(u), address(h), address(b),
                                               address(masks), u.size))
        return LayerFields(u, h, b, masks)

    def masks_packed(self, layer: int) -> np.ndarray:
        """Return Theta_l bit-packed: uint64 [N, ceil(n_l / 64)], neuron i is bit i % 64 of word i // 64."""
        self._check_layer(layer, 1, self.depth, "the masks")
        words = np.empty((self._bound_samples(), (self.widths[layer - 1] + 63) // 64), dtype=np.uint64)
        check(library().gramdyn_network_masks_packed(self.handle, layer, address(words), words.size))
        return words

    def input_gram(self) -> np.ndarray:
        """Return C = X X^T: [N, N]."""
        return self._square(lambda out: library().gramdyn_network_input_gram(
            self.handle, address(out), out.size))

    def activation_overlap(self, layer: int) -> np.ndarray:
        """Return Q^(l) = H_l H_l^T for l = 0..L: [N, N]."""
        return self._square(lambda out: library().gramdyn_network_activation_overlap(
            self.handle, layer, address(out), out.size))

    def conjugate_correlator(self, layer: int) -> np.ndarray:
        """Return S^(l) = B_l B_l^T for l = 1..L: [N, N]."""
        return self._square(lambda out: library().gramdyn_network_conjugate_correlator(
            self.handle, layer, address(out), out.size))

    def coactivation_counts(self, layer: int) -> np.ndarray:
        """Return P^(l) = Theta_l Theta_l^T for l = 1..L: [N, N] of integer values."""
        return self._square(lambda out: library().gramdyn_network_coactivation_counts(
            self.handle, layer, address(out), out.size))

    def fourth_order_correlator(self, layer: int, by_conjugate_gram: bool = False) -> np.ndarray:
        """Return S^(l) for l = 1..L-1 in its fourth-order form.

        by_conjugate_gram selects the reference path, which forms Gamma_l(mu, nu) for every pair.
        """
        return self._square(lambda out: library().gramdyn_network_fourth_order_correlator(
            self.handle, layer, int(by_conjugate_gram), address(out), out.size))

    def kernel(self, precision: str = "double", layers: bool = False):
        """Return K: [N, N] float64 and, with layers=True, (K, parts) where parts[l-1] = K^(l): [L, N, N].

        precision is "double", "float32" or "mixed"; K is float64 in every case.
        """
        if precision not in _library.PRECISIONS:
            raise ValueError(f"precision is {precision!r}, expected 'double', 'float32' or 'mixed'")

        n = self._bound_samples()
        k = np.empty((n, n))
        parts = np.empty((self.depth, n, n)) if layers else None
        parts_length = 0 if parts is None else parts.size
        check(library().gramdyn_network_kernel(self.handle, _library.PRECISIONS[precision], address(k),
                                               k.size, address(parts), parts_length))
        return (k, parts) if layers else k

    def coactivation_projector(self, layer: int, mu: int, nu: int) -> np.ndarray:
        """Return the 0/1 diagonal of D_l(mu, nu) for l = 1..L: [n_l]."""
        self._check_layer(layer, 1, self.depth, "D_l(mu, nu)")
        diagonal = np.empty(self.widths[layer - 1])
        check(library().gramdyn_network_coactivation_projector(self.handle, layer, mu, nu, address(diagonal),
                                                               diagonal.size))
        return diagonal

    def pullback_gram(self, layer: int, mu: int, nu: int) -> np.ndarray:
        """Return G_l(mu, nu) = What_{l+1}^T D_{l+1}(mu, nu) What_{l+1} for l = 0..L-1: [n_l, n_l]."""
        self._check_layer(layer, 0, self.depth - 1, "G_l(mu, nu)")
        width = self.input_dimension if layer == 0 else self.widths[layer - 1]
        g = np.empty((width, width))
        check(library().gramdyn_network_pullback_gram(self.handle, layer, mu, nu, address(g), g.size))
        return g

    def conjugate_gram(self, layer: int, mu: int, nu: int) -> np.ndarray:
        """Return Gamma_l(mu, nu) = What_{l+1} D_l(mu, nu) What_{l+1}^T for l = 1..L-1: [n_{l+1}, n_{l+1}]."""
        self._check_layer(layer, 1, self.depth - 1, "Gamma_l(mu, nu)")
        width = self.widths[layer]
        gamma = np.empty((width, width))
        check(library().gramdyn_network_conjugate_gram(self.handle, layer, mu, nu, address(gamma),
                                                       gamma.size))
        return gamma

    def gd_step(self, rate: float) -> GradientStep:
        """Take one gradient-descent step on 1/2 sum (f - y)^2; needs y bound. Returns the losses."""
        before, after = ctypes.c_double(), ctypes.c_double()
        check(library().gramdyn_network_gd_step(self.handle, float(rate), ctypes.byref(before),
                                                ctypes.byref(after)))
        return GradientStep(before.value, after.value)

    def _bound_samples(self) -> int:
        if self.samples == 0:
            raise ValueError("no data is bound to this network; call bind(X) first")

        return self.samples

    def _square(self, call) -> np.ndarray:
        n = self._bound_samples()
        out = np.empty((n, n))
        check(call(out))
        return out

    def _check_layer(self, layer: int, first: int, last: int, object_name: str) -> None:
        if not first <= layer <= last:
            raise ValueError(f"layer is {layer}, expected {first}..{last} for {object_name} "
                             f"of a depth-{self.depth} network")
