"""Loading of libgramdyn.so and the ctypes declarations of its C interface (native/include/gramdyn.h)."""

from __future__ import annotations

import ctypes
import os
import threading
from ctypes import POINTER, c_char_p, c_double, c_int32, c_int64, c_size_t, c_uint64, c_void_p
from pathlib import Path

# Status codes of gramdyn.h.
OK = 0
ERROR_NULL_POINTER = 1
ERROR_INVALID_HANDLE = 2
ERROR_SHAPE_MISMATCH = 3
ERROR_INVALID_ARGUMENT = 4
ERROR_INVALID_STATE = 5
ERROR_NUMERICAL = 6
ERROR_OUT_OF_MEMORY = 7
ERROR_NOT_SUPPORTED = 8
ERROR_INTERNAL = 9

STATUS_NAMES = {
    ERROR_NULL_POINTER: "null pointer",
    ERROR_INVALID_HANDLE: "invalid handle",
    ERROR_SHAPE_MISMATCH: "shape mismatch",
    ERROR_INVALID_ARGUMENT: "invalid argument",
    ERROR_INVALID_STATE: "invalid state",
    ERROR_NUMERICAL: "numerical failure",
    ERROR_OUT_OF_MEMORY: "out of memory",
    ERROR_NOT_SUPPORTED: "not supported",
    ERROR_INTERNAL: "internal error",
}

PRECISIONS = {"double": 0, "float32": 1, "mixed": 2}
PARAMETRIZATIONS = {"standard": 0, "ntk": 1}

ABI_VERSION = 1


class GramdynError(RuntimeError):
    """A call into libgramdyn.so failed; ``code`` is its gramdyn_status value."""

    def __init__(self, code: int, message: str):
        super().__init__(message)
        self.code = code


class GramdynValueError(GramdynError, ValueError):
    """A call into libgramdyn.so rejected an argument: a wrong shape, invalid index or non-finite value."""


_VALUE_ERRORS = {ERROR_NULL_POINTER, ERROR_SHAPE_MISMATCH, ERROR_INVALID_ARGUMENT}

_lock = threading.Lock()
_library: ctypes.CDLL | None = None

_P = c_void_p  # every buffer is passed as its address

# name: (return type, argument types)
_SIGNATURES = {
    "gramdyn_abi_version": (c_int32, []),
    "gramdyn_allocated_bytes": (c_int64, []),
    "gramdyn_version": (c_char_p, []),
    "gramdyn_build_info": (c_char_p, []),
    "gramdyn_uses_openblas": (c_int32, []),
    "gramdyn_openblas_config": (c_char_p, []),
    "gramdyn_set_blas_threads": (c_int32, [c_int32]),
    "gramdyn_last_error_code": (c_int32, []),
    "gramdyn_last_error": (c_char_p, []),
    "gramdyn_parametrization_multipliers": (c_int32, [c_int32, c_int32, c_int32, _P, _P, c_size_t]),
    "gramdyn_network_create": (c_int32, [c_int32, c_int32, _P, _P, _P, _P, POINTER(c_uint64)]),
    "gramdyn_network_free": (c_int32, [c_uint64]),
    "gramdyn_network_shape": (c_int32, [c_uint64, _P, _P, _P, _P, c_size_t]),
    "gramdyn_network_get_weights": (c_int32, [c_uint64, c_int32, _P, c_size_t]),
    "gramdyn_network_set_weights": (c_int32, [c_uint64, c_int32, _P, c_size_t]),
    "gramdyn_network_bind_data": (c_int32, [c_uint64, _P, c_int32, c_int32, _P]),
    "gramdyn_network_outputs": (c_int32, [c_uint64, _P, c_size_t]),
    "gramdyn_network_fields": (c_int32, [c_uint64, c_int32, _P, _P, _P, _P, c_size_t]),
    "gramdyn_network_masks_packed": (c_int32, [c_uint64, c_int32, _P, c_size_t]),
    "gramdyn_network_coactivation_projector": (c_int32, [c_uint64, c_int32, c_int32, c_int32, _P, c_size_t]),
    "gramdyn_network_input_gram": (c_int32, [c_uint64, _P, c_size_t]),
    "gramdyn_network_activation_overlap": (c_int32, [c_uint64, c_int32, _P, c_size_t]),
    "gramdyn_network_conjugate_correlator": (c_int32, [c_uint64, c_int32, _P, c_size_t]),
    "gramdyn_network_coactivation_counts": (c_int32, [c_uint64, c_int32, _P, c_size_t]),
    "gramdyn_network_fourth_order_correlator": (c_int32, [c_uint64, c_int32, c_int32, _P, c_size_t]),
    "gramdyn_network_kernel": (c_int32, [c_uint64, c_int32, _P, c_size_t, _P, c_size_t]),
    "gramdyn_network_pullback_gram": (c_int32, [c_uint64, c_int32, c_int32, c_int32, _P, c_size_t]),
    "gramdyn_network_conjugate_gram": (c_int32, [c_uint64, c_int32, c_int32, c_int32, _P, c_size_t]),
    "gramdyn_network_gd_step": (c_int32, [c_uint64, c_double, _P, _P]),
    "gramdyn_eigh": (c_int32, [_P, c_int32, _P, _P]),
}


def library_candidates() -> list[Path]:
    """Return the library paths to try in order.

    $GRAMDYN_LIBRARY alone when it is set, else the package folder, then native/lib of the source tree.
    """
    override = os.environ.get("GRAMDYN_LIBRARY")
    if override:
        return [Path(override)]

    package = Path(__file__).resolve().parent
    return [package / "libgramdyn.so", package.parent.parent / "native" / "lib" / "libgramdyn.so"]


def library() -> ctypes.CDLL:
    """Load libgramdyn.so on first use and declare its functions."""
    global _library
    with _lock:
        if _library is None:
            _library = _load()

        return _library


def _load() -> ctypes.CDLL:
    candidates = library_candidates()
    path = next((candidate for candidate in candidates if candidate.is_file()), None)
    if path is None:
        tried = ", ".join(str(candidate) for candidate in candidates)
        raise OSError(f"libgramdyn.so not found (tried {tried}); build it with native/build.sh "
                      "or set GRAMDYN_LIBRARY to its path")

    loaded = ctypes.CDLL(str(path))
    for name, (result, arguments) in _SIGNATURES.items():
        function = getattr(loaded, name)
        function.restype = result
        function.argtypes = arguments

    abi = loaded.gramdyn_abi_version()
    if abi != ABI_VERSION:
        raise OSError(f"{path} has ABI version {abi}, expected {ABI_VERSION}; "
                      "rebuild it with native/build.sh")

    return loaded


def check(status: int) -> None:
    """Raise the error of a failed call, with the library's message for the calling thread."""
    if status == OK:
        return

    raw = library().gramdyn_last_error()
    message = raw.decode("utf-8", errors="replace") if raw else ""
    text = f"{message} ({STATUS_NAMES.get(status, 'status')} {status})"
    if status in _VALUE_ERRORS:
        raise GramdynValueError(status, text)

    raise GramdynError(status, text)
