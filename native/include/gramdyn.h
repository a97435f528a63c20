/*
 * gramdyn.h: the C interface of libgramdyn.so, the GramDynamics library compiled with NativeAOT.
 *
 * The library computes, for a feed-forward ReLU network without biases and with a fixed readout
 * a, the objects of its training set: fields U_l, H_l, Theta_l, B_l, the Gram matrices C, Q, S, P,
 * the residual kernel K = sum_l c_l^2 Q^(l-1) .* S^(l) (the empirical NTK of the hidden weights),
 * the co-activation projectors, the pullback and conjugate Gram metrics, the fourth-order
 * correlator and one gradient-descent step on the loss 1/2 sum_mu r_mu^2.
 *
 * Conventions:
 * - Matrices are row-major, C order, float64 unless stated. Shapes are written [rows, columns].
 * - Layers: l = 1..L are the hidden layers, n_0 = d. W_l is [n_l, n_{l-1}], the effective weight
 *   is c_l W_l, the readout a has n_L entries. N is the number of samples of the bound data.
 * - Every buffer is owned by the caller. The library copies what it keeps (weights, readout, X,
 *   y) and writes outputs into the buffers it is given; it never keeps a caller pointer.
 * - Output buffers come with their length in elements ("length" parameters). The length must
 *   equal the size of the object exactly, else the call fails with GRAMDYN_ERROR_SHAPE_MISMATCH
 *   and writes nothing. Optional outputs may be NULL (then their length is ignored).
 * - Every function that returns gramdyn_status returns GRAMDYN_OK (0) on success. A call that fails
 *   an argument check writes no output, and gramdyn_last_error() returns a message that names the
 *   argument, its value or length and what was expected.
 * - No exception or signal crosses the interface: a bad pointer that is not NULL (a short or
 *   freed buffer) is the one mistake that the library cannot detect.
 *
 * Threads: calls on different handles may run concurrently on different threads. Calls on one
 * handle are serialized by a lock inside the handle. The last error is per thread.
 *
 * Handles: a gramdyn_network is a 64-bit value, never 0, that indexes a table with a generation
 * counter. A freed handle, or a value that was never returned by gramdyn_network_create, gives
 * GRAMDYN_ERROR_INVALID_HANDLE; it is never dereferenced.
 */
#ifndef GRAMDYN_H
#define GRAMDYN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Equal to gramdyn_abi_version() of a library that matches this header. */
#define GRAMDYN_ABI_VERSION 1

/* Status codes. */
typedef enum gramdyn_status {
    GRAMDYN_OK = 0,
    GRAMDYN_ERROR_NULL_POINTER = 1,     /* a required pointer is NULL */
    GRAMDYN_ERROR_INVALID_HANDLE = 2,   /* the handle was freed or never created */
    GRAMDYN_ERROR_SHAPE_MISMATCH = 3,   /* a dimension or buffer length differs from the expected one */
    GRAMDYN_ERROR_INVALID_ARGUMENT = 4, /* a layer, sample, precision or value is invalid or not finite */
    GRAMDYN_ERROR_INVALID_STATE = 5,    /* no data, or no targets, are bound to the handle */
    GRAMDYN_ERROR_NUMERICAL = 6,        /* a LAPACK routine failed or a value overflowed */
    GRAMDYN_ERROR_OUT_OF_MEMORY = 7,    /* an allocation failed */
    GRAMDYN_ERROR_NOT_SUPPORTED = 8,    /* the operation is not available in this build */
    GRAMDYN_ERROR_INTERNAL = 9          /* an unexpected failure inside the library */
} gramdyn_status;

/* Precision of the fields and Gram blocks of K; K itself is always returned in float64. */
typedef enum gramdyn_precision {
    GRAMDYN_PRECISION_DOUBLE = 0,  /* everything in float64: the reference */
    GRAMDYN_PRECISION_FLOAT32 = 1, /* fields, Gram blocks and K in float32 (values are float32-exact) */
    GRAMDYN_PRECISION_MIXED = 2    /* float32 fields and Gram blocks, K accumulated in float64 */
} gramdyn_precision;

/* How multipliers c_l follow from the widths. */
typedef enum gramdyn_parametrization {
    GRAMDYN_PARAMETRIZATION_STANDARD = 0, /* c_l = 1 */
    GRAMDYN_PARAMETRIZATION_NTK = 1       /* c_l = sqrt(2 / n_{l-1}) */
} gramdyn_parametrization;

/* A network handle; 0 is never a valid handle. */
typedef uint64_t gramdyn_network;

/* ---- Library ------------------------------------------------------------------------------ */

/* Returns the ABI version of the library; compare it with GRAMDYN_ABI_VERSION. */
int32_t gramdyn_abi_version(void);

/* Returns the library version, such as "0.1.0". The string lives as long as the process. */
const char* gramdyn_version(void);

/* Returns one line of build information: version with source revision, ABI version, .NET version,
 * runtime identifier and the BLAS in use (OpenBLAS with its configuration string and thread count,
 * or the slow managed fallback). The string lives as long as the process. */
const char* gramdyn_build_info(void);

/* Returns 1 when GEMM, SYRK and the eigensolver call OpenBLAS (libopenblas.so.0), 0 when they run
 * the managed fallback. Setting the environment variable GRAMDYN_OPENBLAS to "none" before the
 * first call forces the fallback; setting it to a path loads that library instead. */
int32_t gramdyn_uses_openblas(void);

/* Returns OpenBLAS's openblas_get_config() string, or NULL when OpenBLAS is not loaded. */
const char* gramdyn_openblas_config(void);

/* Sets the OpenBLAS thread count for the whole process (ignored by the managed fallback).
 * threads >= 1, else GRAMDYN_ERROR_INVALID_ARGUMENT. */
gramdyn_status gramdyn_set_blas_threads(int32_t threads);

/* Returns the bytes that the calling thread has allocated on the library's managed heap so far.
 * Tests compare it before and after repeated calls on one handle, which allocate nothing. */
int64_t gramdyn_allocated_bytes(void);

/* Returns the status of the last call on the calling thread (GRAMDYN_OK after a success). */
gramdyn_status gramdyn_last_error_code(void);

/* Returns the message of the last failed call on the calling thread, UTF-8, or "" when the last
 * call succeeded. The pointer stays valid until the next gramdyn call on the same thread. */
const char* gramdyn_last_error(void);

/* Writes the multipliers c_1..c_L that a parametrization prescribes.
 * widths: [depth] = n_1..n_L; multipliers: [depth], multipliers_length == depth. */
gramdyn_status gramdyn_parametrization_multipliers(gramdyn_parametrization parametrization,
    int32_t input_dimension, int32_t depth, const int32_t* widths, double* multipliers,
    size_t multipliers_length);

/* ---- Network handles ---------------------------------------------------------------------- */

/* Creates a network and returns its handle in *network (set to 0 on failure).
 * input_dimension: d >= 1; depth: L >= 1; widths: [L] = n_1..n_L, each >= 1;
 * weights: L pointers, weights[l-1] is W_l: [n_l, n_{l-1}];
 * multipliers: [L] = c_1..c_L, or NULL for c_l = 1 (see gramdyn_parametrization_multipliers);
 * readout: a, [n_L]. All values must be finite. Everything is copied. */
gramdyn_status gramdyn_network_create(int32_t input_dimension, int32_t depth, const int32_t* widths,
    const double* const* weights, const double* multipliers, const double* readout,
    gramdyn_network* network);

/* Frees a network handle and everything it owns. Freeing it again gives
 * GRAMDYN_ERROR_INVALID_HANDLE. */
gramdyn_status gramdyn_network_free(gramdyn_network network);

/* Reads the shape: d, L, the number N of bound samples (0 when no data is bound) and, when widths
 * is not NULL, n_1..n_L into widths: [L] (widths_length == L). Each output may be NULL. */
gramdyn_status gramdyn_network_shape(gramdyn_network network, int32_t* input_dimension, int32_t* depth,
    int32_t* samples, int32_t* widths, size_t widths_length);

/* Copies W_l (layer l = 1..L) into weights: [n_l, n_{l-1}]. After gramdyn_network_gd_step this
 * returns the trained weights. */
gramdyn_status gramdyn_network_get_weights(gramdyn_network network, int32_t layer, double* weights,
    size_t length);

/* Replaces W_l (layer l = 1..L) with weights: [n_l, n_{l-1}], all finite. The fields of the bound
 * data are recomputed on the next call that needs them. */
gramdyn_status gramdyn_network_set_weights(gramdyn_network network, int32_t layer, const double* weights,
    size_t length);

/* Binds a data set, replacing the previous one: inputs X: [samples, input_dimension] with
 * input_dimension == d and 1 <= samples <= 46340; targets y: [samples], or NULL when no gradient
 * step is needed. All values must be finite; X and y are copied. The handle allocates its
 * workspaces here (the fields, C = X X^T) and on the first call of each kind, so repeated calls
 * on the same data allocate nothing. */
gramdyn_status gramdyn_network_bind_data(gramdyn_network network, const double* inputs, int32_t samples,
    int32_t input_dimension, const double* targets);

/* Every function below needs bound data (else GRAMDYN_ERROR_INVALID_STATE) and works on the
 * network's current weights. */

/* ---- Fields ------------------------------------------------------------------------------- */

/* Writes the outputs f(x_mu) = a . h_L(x_mu): [N]. */
gramdyn_status gramdyn_network_outputs(gramdyn_network network, double* outputs, size_t length);

/* Writes the fields of hidden layer l = 1..L, each [N, n_l] (length == N * n_l for all of them):
 * the activation fields U_l = H_{l-1} (c_l W_l)^T, the activations H_l = Theta_l .* U_l, the
 * conjugate fields B_l = df/dU_l and the masks Theta_l = [U_l > 0] as one 0/1 byte per entry.
 * Each output may be NULL. H_0 is X itself. */
gramdyn_status gramdyn_network_fields(gramdyn_network network, int32_t layer, double* preactivations,
    double* activations, double* conjugate_fields, uint8_t* masks, size_t length);

/* Writes the masks Theta_l (l = 1..L) bit-packed: [N, ceil(n_l / 64)] words; neuron i of sample mu
 * is bit (i mod 64) of word [mu, i / 64]; unused high bits are 0. */
gramdyn_status gramdyn_network_masks_packed(gramdyn_network network, int32_t layer, uint64_t* words,
    size_t length);

/* Writes the diagonal of the co-activation projector D_l(mu, nu) = diag(theta_l(mu) .* theta_l(nu))
 * as 0/1 values: [n_l], for l = 1..L and samples 0 <= mu, nu < N. */
gramdyn_status gramdyn_network_coactivation_projector(gramdyn_network network, int32_t layer, int32_t mu,
    int32_t nu, double* projector, size_t length);

/* ---- Gram matrices (each [N, N], length == N * N, exactly symmetric) ----------------------- */

/* Writes the input Gram C = X X^T = Q^(0). */
gramdyn_status gramdyn_network_input_gram(gramdyn_network network, double* input_gram, size_t length);

/* Writes the activation overlap Q^(l) = H_l H_l^T for l = 0..L. */
gramdyn_status gramdyn_network_activation_overlap(gramdyn_network network, int32_t layer, double* overlap,
    size_t length);

/* Writes the conjugate correlator S^(l) = B_l B_l^T for l = 1..L. */
gramdyn_status gramdyn_network_conjugate_correlator(gramdyn_network network, int32_t layer,
    double* correlator, size_t length);

/* Writes the co-activation counts P^(l) = Theta_l Theta_l^T (integers) for l = 1..L. */
gramdyn_status gramdyn_network_coactivation_counts(gramdyn_network network, int32_t layer, double* counts,
    size_t length);

/* Writes S^(l) for l = 1..L-1 in its fourth-order form
 * S^(l)_{mu nu} = sum_i theta_li(mu) theta_li(nu) g_i(mu) g_i(nu), g(mu) = (c_{l+1} W_{l+1})^T b_{l+1}(mu).
 * by_conjugate_gram == 0: the fast path (one GEMM, a masked product, one Gram formation);
 * otherwise the reference path, which forms Gamma_l(mu, nu) for every pair, in O(N^2 n_{l+1}^2 n_l)
 * time: for tests and small N. */
gramdyn_status gramdyn_network_fourth_order_correlator(gramdyn_network network, int32_t layer,
    int32_t by_conjugate_gram, double* correlator, size_t length);

/* ---- Residual kernel ---------------------------------------------------------------------- */

/* Writes K = sum_l c_l^2 Q^(l-1) .* S^(l): [N, N] (kernel_length == N * N) and, when layer_parts
 * is not NULL, the layer parts K^(1)..K^(L): [L, N, N] (layer_parts_length == L * N * N). K is
 * formed as the sum of its layer parts in layer order, exactly as `gramdyn kernel` forms it, so in
 * double precision the two agree bit for bit on the same machine and OpenBLAS. The float32 and
 * mixed workspaces are created on their first use. */
gramdyn_status gramdyn_network_kernel(gramdyn_network network, gramdyn_precision precision, double* kernel,
    size_t kernel_length, double* layer_parts, size_t layer_parts_length);

/* ---- Weight-induced Gram metrics of a pair of samples -------------------------------------- */

/* Writes the pullback Gram metric G_l(mu, nu) = What_{l+1}^T D_{l+1}(mu, nu) What_{l+1}, with
 * What = c W, for l = 0..L-1: [n_l, n_l]. */
gramdyn_status gramdyn_network_pullback_gram(gramdyn_network network, int32_t layer, int32_t mu, int32_t nu,
    double* pullback_gram, size_t length);

/* Writes the conjugate Gram metric Gamma_l(mu, nu) = What_{l+1} D_l(mu, nu) What_{l+1}^T for
 * l = 1..L-1: [n_{l+1}, n_{l+1}]. */
gramdyn_status gramdyn_network_conjugate_gram(gramdyn_network network, int32_t layer, int32_t mu, int32_t nu,
    double* conjugate_gram, size_t length);

/* ---- Dynamics ----------------------------------------------------------------------------- */

/* Takes one gradient-descent step W_l <- W_l - rate c_l B_l^T diag(r) H_{l-1} on the loss
 * 1/2 sum_mu r_mu^2, r = f - y, updating the handle's weights. Writes the loss before the step to
 * *loss_before and after it to *loss_after; either may be NULL. Needs targets y bound. */
gramdyn_status gramdyn_network_gd_step(gramdyn_network network, double rate, double* loss_before,
    double* loss_after);

/* ---- Spectrum ----------------------------------------------------------------------------- */

/* Computes the eigenvalues, ascending, of a symmetric matrix: [n, n], of which only the lower
 * triangle is read and which must be finite, into eigenvalues: [n]. When eigenvectors is not NULL
 * it receives the unit eigenvectors as rows: [n, n], row k belongs to eigenvalue k; it must not
 * overlap matrix. Calls LAPACK dsyevd_ from OpenBLAS, or a managed Jacobi method without it. */
gramdyn_status gramdyn_eigh(const double* matrix, int32_t n, double* eigenvalues, double* eigenvectors);

#ifdef __cplusplus
}
#endif

#endif /* GRAMDYN_H */
