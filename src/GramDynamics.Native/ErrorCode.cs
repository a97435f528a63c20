namespace GramDynamics.Native;

/// <summary>Status codes of the C ABI; the values are fixed by gramdyn_status in gramdyn.h.</summary>
public enum ErrorCode
{
    /// <summary>GRAMDYN_OK: the call succeeded.</summary>
    Ok = 0,

    /// <summary>GRAMDYN_ERROR_NULL_POINTER: a required pointer argument is NULL.</summary>
    NullPointer = 1,

    /// <summary>GRAMDYN_ERROR_INVALID_HANDLE: the handle was freed or never created.</summary>
    InvalidHandle = 2,

    /// <summary>GRAMDYN_ERROR_SHAPE_MISMATCH: a dimension or buffer length is not the expected one.</summary>
    ShapeMismatch = 3,

    /// <summary>GRAMDYN_ERROR_INVALID_ARGUMENT: a layer, sample, precision or value is invalid.</summary>
    InvalidArgument = 4,

    /// <summary>GRAMDYN_ERROR_INVALID_STATE: the call needs data or targets that are not bound.</summary>
    InvalidState = 5,

    /// <summary>GRAMDYN_ERROR_NUMERICAL: a LAPACK failure or a non-finite intermediate value.</summary>
    Numerical = 6,

    /// <summary>GRAMDYN_ERROR_OUT_OF_MEMORY: an allocation failed.</summary>
    OutOfMemory = 7,

    /// <summary>GRAMDYN_ERROR_NOT_SUPPORTED: the operation is not available in this build.</summary>
    NotSupported = 8,

    /// <summary>GRAMDYN_ERROR_INTERNAL: an unexpected failure inside the library.</summary>
    Internal = 9,
}
