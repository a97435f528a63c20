/* Computes K through the C interface from .npy files and writes it to FOLDER/K-c.npy: the C leg of
 * native/tests/compare_faces.py.
 * Usage: kernel_from_npy FOLDER N d n_1,...,n_L [standard|ntk]
 * reads FOLDER/X.npy [N, d], FOLDER/W1.npy..WL.npy [n_l, n_{l-1}] and FOLDER/a.npy [n_L]. */
#include <stdlib.h>
#include <string.h>

#include "test_support.h"

static int fail(const char* message)
{
    fprintf(stderr, "kernel_from_npy: %s\n", message);
    return 1;
}

int main(int argc, char** argv)
{
    if (argc < 5) {
        return fail("usage: kernel_from_npy FOLDER N d n_1,...,n_L [standard|ntk]");
    }

    const char* folder = argv[1];
    int32_t samples = atoi(argv[2]);
    int32_t dimension = atoi(argv[3]);
    int32_t widths[TEST_MAX_DEPTH];
    int32_t depth = 0;
    char* token = strtok(argv[4], ",");
    while (token != NULL && depth < TEST_MAX_DEPTH) {
        widths[depth++] = atoi(token);
        token = strtok(NULL, ",");
    }

    char path[1024];
    double* inputs = malloc((size_t)samples * (size_t)dimension * sizeof(double));
    double* weights[TEST_MAX_DEPTH];
    int32_t fan_in = dimension;
    snprintf(path, sizeof(path), "%s/X.npy", folder);
    if (inputs == NULL || npy_read_matrix(path, inputs, samples, dimension) != 0) {
        return fail("cannot read X.npy");
    }

    for (int32_t layer = 0; layer < depth; layer++) {
        weights[layer] = malloc((size_t)widths[layer] * (size_t)fan_in * sizeof(double));
        snprintf(path, sizeof(path), "%s/W%d.npy", folder, layer + 1);
        if (weights[layer] == NULL || npy_read_matrix(path, weights[layer], widths[layer], fan_in) != 0) {
            return fail("cannot read a weight matrix");
        }

        fan_in = widths[layer];
    }

    double* readout = malloc((size_t)fan_in * sizeof(double));
    snprintf(path, sizeof(path), "%s/a.npy", folder);
    if (readout == NULL || npy_read_vector(path, readout, fan_in) != 0) {
        return fail("cannot read a.npy");
    }

    double multipliers[TEST_MAX_DEPTH];
    int ntk = argc > 5 && strcmp(argv[5], "ntk") == 0;
    gramdyn_parametrization parametrization =
        ntk ? GRAMDYN_PARAMETRIZATION_NTK : GRAMDYN_PARAMETRIZATION_STANDARD;
    if (gramdyn_parametrization_multipliers(parametrization, dimension, depth, widths, multipliers,
            (size_t)depth) != GRAMDYN_OK) {
        return fail(gramdyn_last_error());
    }

    const double* weight_pointers[TEST_MAX_DEPTH];
    for (int32_t layer = 0; layer < depth; layer++) {
        weight_pointers[layer] = weights[layer];
    }

    gramdyn_network network;
    size_t square = (size_t)samples * (size_t)samples;
    double* kernel = malloc(square * sizeof(double));
    if (kernel == NULL
        || gramdyn_network_create(dimension, depth, widths, weight_pointers, multipliers, readout, &network)
            != GRAMDYN_OK
        || gramdyn_network_bind_data(network, inputs, samples, dimension, NULL) != GRAMDYN_OK
        || gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, kernel, square, NULL, 0) != GRAMDYN_OK) {
        return fail(gramdyn_last_error());
    }

    snprintf(path, sizeof(path), "%s/K-c.npy", folder);
    if (npy_write(path, kernel, samples, samples) != 0) {
        return fail("cannot write K-c.npy");
    }

    gramdyn_network_free(network);
    return 0;
}
