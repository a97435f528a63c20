"""Conversion of NumPy inputs to the C-ordered float64 buffers that libgramdyn.so reads."""

from __future__ import annotations

from typing import Sequence

import numpy as np


def as_float64(values, name: str, ndim: int, shape_text: str) -> np.ndarray:
    """Return values as a C-contiguous float64 array, the same object when it already is one.

    Raises ValueError unless the array has ``ndim`` dimensions, each at least 1; ``shape_text``
    names the expected shape in the message, such as "[N, d]".
    """
    array = np.asarray(values)
    if array.ndim != ndim:
        raise ValueError(f"{name} must be a {ndim}-d array {shape_text}, got shape {array.shape}")

    if array.size == 0:
        raise ValueError(f"{name} is empty (shape {array.shape}), "
                         f"expected {shape_text} with every dimension >= 1")

    if not (np.issubdtype(array.dtype, np.floating) or np.issubdtype(array.dtype, np.integer)
            or array.dtype == np.bool_):
        raise ValueError(f"{name} has dtype {array.dtype}, expected real numbers")

    return np.ascontiguousarray(array, dtype=np.float64)


def weight_list(weights: Sequence, input_dimension: int | None = None) -> list[np.ndarray]:
    """Convert W_1..W_L and check that each W_l is [n_l, n_{l-1}]; returns the converted list."""
    if isinstance(weights, np.ndarray):
        raise ValueError("weights must be a sequence of 2-d arrays W_1..W_L, got a single array")

    converted = [as_float64(w, f"weights[{i}]", 2, f"[n_{i + 1}, n_{i}]") for i, w in enumerate(weights)]
    if not converted:
        raise ValueError("weights is empty, expected at least one hidden layer W_1")

    fan_in = converted[0].shape[1] if input_dimension is None else input_dimension
    for layer, w in enumerate(converted):
        if w.shape[1] != fan_in:
            source = "X has d" if layer == 0 else f"weights[{layer - 1}] has n_{layer}"
            raise ValueError(f"weights[{layer}] has shape {w.shape}, expected {fan_in} columns "
                             f"because {source} = {fan_in}")

        fan_in = w.shape[0]

    return converted


def address(array: np.ndarray | None) -> int | None:
    """Return the address of an array's first element, or None (a NULL pointer) for None."""
    return None if array is None else array.ctypes.data
