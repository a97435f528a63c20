"""GramDynamics from Python: fields, Gram matrices, the residual kernel K and the Gram metrics of a
feed-forward ReLU network with a fixed readout, computed by libgramdyn.so through ctypes.

The library is looked up at $GRAMDYN_LIBRARY when set, else next to this file, else in native/lib
of the source tree (build it with native/build.sh).
"""

from ._functions import (
    Fields,
    GradientDescentResult,
    Grams,
    coactivation_projector,
    conjugate_gram,
    eigh,
    fields,
    fourth_order_correlator,
    gd_step,
    grams,
    kernel,
    pullback_gram,
)
from ._library import GramdynError, GramdynValueError, check, library
from ._network import GradientStep, LayerFields, Network


def version() -> str:
    """Return the library version, such as "0.1.0"."""
    return library().gramdyn_version().decode()


def build_info() -> str:
    """Return the library's build line: version, .NET runtime and the BLAS in use."""
    return library().gramdyn_build_info().decode()


def uses_openblas() -> bool:
    """Return whether the library calls OpenBLAS (False: the slow managed fallback)."""
    return bool(library().gramdyn_uses_openblas())


def set_blas_threads(threads: int) -> None:
    """Set the OpenBLAS thread count of the process."""
    check(library().gramdyn_set_blas_threads(threads))


__all__ = [
    "Fields",
    "GradientDescentResult",
    "GradientStep",
    "GramdynError",
    "GramdynValueError",
    "Grams",
    "LayerFields",
    "Network",
    "build_info",
    "coactivation_projector",
    "conjugate_gram",
    "eigh",
    "fields",
    "fourth_order_correlator",
    "gd_step",
    "grams",
    "kernel",
    "pullback_gram",
    "set_blas_threads",
    "uses_openblas",
    "version",
]
