/* Cases that check results: K against the CLI, K against its parts, fields and Grams against plain
 * loops, gradient descent and the eigensolver. */
#define _GNU_SOURCE
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "test_support.h"

static const int32_t kernel_widths[] = {7, 6, 3};

int test_version_and_build_info(void)
{
    CHECK(gramdyn_abi_version() == GRAMDYN_ABI_VERSION);
    CHECK(strlen(gramdyn_version()) > 0);
    CHECK(strstr(gramdyn_build_info(), "gramdyn") != NULL);
    CHECK(strstr(gramdyn_build_info(), "BLAS") != NULL);
    int uses_openblas = gramdyn_uses_openblas();
    CHECK(uses_openblas == 0 || uses_openblas == 1);
    CHECK((gramdyn_openblas_config() != NULL) == (uses_openblas == 1));
    CHECK(gramdyn_last_error_code() == GRAMDYN_OK);
    CHECK(gramdyn_last_error()[0] == '\0');
    printf("build: %s\n", gramdyn_build_info());
    return 0;
}

/* Runs `gramdyn kernel` on .npy files of the case and compares K and K1..KL bit for bit. */
static int compare_with_cli(const test_case_data* data, const char* folder, const char* precision_name,
    gramdyn_precision precision, gramdyn_network network)
{
    const char* cli = getenv("GRAMDYN_CLI");
    CHECK(cli != NULL);
    size_t square = (size_t)data->samples * (size_t)data->samples;
    double* kernel = malloc(square * sizeof(double));
    double* parts = malloc((size_t)data->depth * square * sizeof(double));
    double* expected = malloc(square * sizeof(double));
    CHECK(kernel != NULL);
    CHECK(parts != NULL);
    CHECK(expected != NULL);
    CHECK_OK(gramdyn_network_kernel(network, precision, kernel, square, parts, (size_t)data->depth * square));

    char command[4096];
    int written = snprintf(command, sizeof(command),
        "\"%s\" kernel --data %s/X.npy --weights %s/W1.npy,%s/W2.npy,%s/W3.npy --readout %s/a.npy "
        "--parametrization ntk --precision %s --out %s/out-%s > %s/cli-%s.log 2>&1",
        cli, folder, folder, folder, folder, folder, precision_name, folder, precision_name, folder,
        precision_name);
    CHECK(written > 0);
    CHECK((size_t)written < sizeof(command));
    int exit_code = system(command);
    if (exit_code != 0) {
        fprintf(stderr, "the CLI failed (%d); its output is in %s/cli-%s.log\n", exit_code, folder,
            precision_name);
        return 1;
    }

    char path[1024];
    snprintf(path, sizeof(path), "%s/out-%s/K.npy", folder, precision_name);
    CHECK(npy_read_matrix(path, expected, data->samples, data->samples) == 0);
    CHECK(memcmp(kernel, expected, square * sizeof(double)) == 0);
    for (int32_t layer = 1; layer <= data->depth; layer++) {
        snprintf(path, sizeof(path), "%s/out-%s/K%d.npy", folder, precision_name, layer);
        CHECK(npy_read_matrix(path, expected, data->samples, data->samples) == 0);
        CHECK(memcmp(parts + (size_t)(layer - 1) * square, expected, square * sizeof(double)) == 0);
    }

    printf("K (%s, N = %d, L = %d) through C equals the CLI's K bit for bit\n", precision_name,
        data->samples, data->depth);
    free(kernel);
    free(parts);
    free(expected);
    return 0;
}

int test_kernel_matches_cli(void)
{
    test_case_data data;
    CHECK(test_case_create(&data, 5, 3, kernel_widths, 11, 20240601) == 0);
    double multipliers[3];
    CHECK_OK(gramdyn_parametrization_multipliers(GRAMDYN_PARAMETRIZATION_NTK, data.input_dimension,
        data.depth, data.widths, multipliers, 3));
    CHECK(multipliers[0] == sqrt(2.0 / 5.0));
    gramdyn_network network;
    CHECK(test_case_open(&data, multipliers, &network) == 0);

    char folder[] = "/tmp/gramdyn-c-test-XXXXXX";
    CHECK(mkdtemp(folder) != NULL);
    char path[1024];
    snprintf(path, sizeof(path), "%s/X.npy", folder);
    CHECK(npy_write(path, data.inputs, data.samples, data.input_dimension) == 0);
    int32_t fan_in = data.input_dimension;
    for (int32_t layer = 0; layer < data.depth; layer++) {
        snprintf(path, sizeof(path), "%s/W%d.npy", folder, layer + 1);
        CHECK(npy_write(path, data.weights[layer], data.widths[layer], fan_in) == 0);
        fan_in = data.widths[layer];
    }

    snprintf(path, sizeof(path), "%s/a.npy", folder);
    CHECK(npy_write(path, data.readout, fan_in, 0) == 0);

    int failed = compare_with_cli(&data, folder, "double", GRAMDYN_PRECISION_DOUBLE, network)
        || compare_with_cli(&data, folder, "float32", GRAMDYN_PRECISION_FLOAT32, network)
        || compare_with_cli(&data, folder, "mixed", GRAMDYN_PRECISION_MIXED, network);
    if (!failed) {
        char command[256];
        snprintf(command, sizeof(command), "rm -rf '%s'", folder);
        CHECK(system(command) == 0);
    }

    CHECK_OK(gramdyn_network_free(network));
    test_case_free(&data);
    return failed;
}

int test_kernel_parts_sum_to_kernel(void)
{
    test_case_data data;
    CHECK(test_case_create(&data, 4, 3, kernel_widths, 9, 7) == 0);
    gramdyn_network network;
    CHECK(test_case_open(&data, NULL, &network) == 0);
    size_t n = (size_t)data.samples;
    size_t square = n * n;
    double* kernel = malloc(square * sizeof(double));
    double* kernel_alone = malloc(square * sizeof(double));
    double* parts = malloc(3 * square * sizeof(double));
    CHECK(kernel != NULL);
    CHECK(kernel_alone != NULL);
    CHECK(parts != NULL);
    CHECK_OK(gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, kernel, square, parts, 3 * square));
    CHECK_OK(gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, kernel_alone, square, NULL, 0));
    CHECK(memcmp(kernel, kernel_alone, square * sizeof(double)) == 0);
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < n; j++) {
            double sum = 0.0;
            for (size_t layer = 0; layer < 3; layer++) {
                sum += parts[layer * square + i * n + j];
            }

            CHECK(kernel[i * n + j] == sum);
            CHECK(kernel[i * n + j] == kernel[j * n + i]);
        }

        CHECK(kernel[i * n + i] >= 0.0);
    }

    CHECK_OK(gramdyn_network_free(network));
    free(kernel);
    free(kernel_alone);
    free(parts);
    test_case_free(&data);
    return 0;
}

static int close_to(double actual, double expected)
{
    return fabs(actual - expected) <= 1e-12 * (1.0 + fabs(expected));
}

/* Checks the first-layer fields, the masks, C, P, S^(L), G_0, Gamma_1 and the fourth-order form of
 * S^(1) against direct loops over the definitions, with c = 1. */
int test_fields_and_grams_agree(void)
{
    test_case_data data;
    static const int32_t widths[] = {70, 5};
    CHECK(test_case_create(&data, 3, 2, widths, 6, 99) == 0);
    gramdyn_network network;
    CHECK(test_case_open(&data, NULL, &network) == 0);
    int32_t n = data.samples;
    int32_t d = data.input_dimension;
    int32_t width = widths[0];
    size_t field_size = (size_t)n * (size_t)width;
    double* u = malloc(field_size * sizeof(double));
    double* h = malloc(field_size * sizeof(double));
    uint8_t* masks = malloc(field_size);
    uint64_t packed[6 * 2];
    double* square = malloc((size_t)width * (size_t)width * sizeof(double));
    double gram[36];
    double counts[36];
    double fast[36];
    double reference[36];
    double projector[70];
    CHECK(u != NULL);
    CHECK(h != NULL);
    CHECK(masks != NULL);
    CHECK(square != NULL);
    CHECK_OK(gramdyn_network_fields(network, 1, u, h, NULL, masks, field_size));
    CHECK_OK(gramdyn_network_masks_packed(network, 1, packed, 12));
    for (int32_t mu = 0; mu < n; mu++) {
        for (int32_t i = 0; i < width; i++) {
            double expected = 0.0;
            for (int32_t k = 0; k < d; k++) {
                expected += data.inputs[mu * d + k] * data.weights[0][i * d + k];
            }

            size_t at = (size_t)mu * (size_t)width + (size_t)i;
            CHECK(close_to(u[at], expected));
            CHECK(masks[at] == (u[at] > 0.0));
            CHECK(h[at] == (u[at] > 0.0 ? u[at] : 0.0));
            CHECK(((packed[mu * 2 + i / 64] >> (i % 64)) & 1) == masks[at]);
        }
    }

    CHECK_OK(gramdyn_network_input_gram(network, gram, 36));
    CHECK_OK(gramdyn_network_coactivation_counts(network, 1, counts, 36));
    for (int32_t mu = 0; mu < n; mu++) {
        for (int32_t nu = 0; nu < n; nu++) {
            double inner = 0.0;
            for (int32_t k = 0; k < d; k++) {
                inner += data.inputs[mu * d + k] * data.inputs[nu * d + k];
            }

            CHECK(close_to(gram[mu * n + nu], inner));
            CHECK_OK(gramdyn_network_coactivation_projector(network, 1, mu, nu, projector, 70));
            double both = 0.0;
            double trace = 0.0;
            for (int32_t i = 0; i < width; i++) {
                double active = masks[mu * width + i] && masks[nu * width + i] ? 1.0 : 0.0;
                both += active;
                trace += projector[i];
                CHECK(projector[i] == active);
            }

            CHECK(counts[mu * n + nu] == both);
            CHECK(trace == both);
        }
    }

    /* S^(2) with B_2 = Theta_2 .* (1 a^T), so S^(2)_{mu nu} = sum_i theta theta a_i^2. */
    uint8_t top_masks[6 * 5];
    CHECK_OK(gramdyn_network_fields(network, 2, NULL, NULL, NULL, top_masks, 30));
    CHECK_OK(gramdyn_network_conjugate_correlator(network, 2, gram, 36));
    for (int32_t mu = 0; mu < n; mu++) {
        for (int32_t nu = 0; nu < n; nu++) {
            double expected = 0.0;
            for (int32_t i = 0; i < 5; i++) {
                if (top_masks[mu * 5 + i] && top_masks[nu * 5 + i]) {
                    expected += data.readout[i] * data.readout[i];
                }
            }

            CHECK(close_to(gram[mu * n + nu], expected));
        }
    }

    /* G_0(0, 1) = W_1^T D_1(0, 1) W_1 and Gamma_1(0, 1) = W_2 D_1(0, 1) W_2^T. */
    CHECK_OK(gramdyn_network_coactivation_projector(network, 1, 0, 1, projector, 70));
    CHECK_OK(gramdyn_network_pullback_gram(network, 0, 0, 1, square, (size_t)d * (size_t)d));
    for (int32_t j = 0; j < d; j++) {
        for (int32_t k = 0; k < d; k++) {
            double expected = 0.0;
            for (int32_t i = 0; i < width; i++) {
                expected += data.weights[0][i * d + j] * projector[i] * data.weights[0][i * d + k];
            }

            CHECK(close_to(square[j * d + k], expected));
        }
    }

    CHECK_OK(gramdyn_network_conjugate_gram(network, 1, 0, 1, square, 25));
    for (int32_t j = 0; j < 5; j++) {
        for (int32_t k = 0; k < 5; k++) {
            double expected = 0.0;
            for (int32_t i = 0; i < width; i++) {
                expected += data.weights[1][j * width + i] * projector[i] * data.weights[1][k * width + i];
            }

            CHECK(close_to(square[j * 5 + k], expected));
        }
    }

    CHECK_OK(gramdyn_network_fourth_order_correlator(network, 1, 0, fast, 36));
    CHECK_OK(gramdyn_network_fourth_order_correlator(network, 1, 1, reference, 36));
    CHECK_OK(gramdyn_network_conjugate_correlator(network, 1, gram, 36));
    for (int32_t at = 0; at < 36; at++) {
        CHECK(close_to(fast[at], reference[at]));
        CHECK(close_to(fast[at], gram[at]));
    }

    CHECK_OK(gramdyn_network_free(network));
    free(u);
    free(h);
    free(masks);
    free(square);
    test_case_free(&data);
    return 0;
}

int test_gd_step_lowers_loss(void)
{
    test_case_data data;
    CHECK(test_case_create(&data, 4, 3, kernel_widths, 9, 3) == 0);
    gramdyn_network network;
    CHECK(test_case_open(&data, NULL, &network) == 0);
    double before = 0.0;
    double after = 0.0;
    double next_before = 0.0;
    double weights[7 * 4];
    CHECK_OK(gramdyn_network_gd_step(network, 1e-3, &before, &after));
    CHECK(after < before);
    CHECK_OK(gramdyn_network_gd_step(network, 1e-3, &next_before, NULL));
    CHECK(next_before == after);
    CHECK_OK(gramdyn_network_get_weights(network, 1, weights, 28));
    CHECK(memcmp(weights, data.weights[0], sizeof(weights)) != 0);

    /* Restoring the weights restores the loss exactly: the fields are recomputed after set_weights. */
    for (int32_t layer = 1; layer <= data.depth; layer++) {
        size_t size = (size_t)data.widths[layer - 1] * (size_t)(layer == 1 ? 4 : data.widths[layer - 2]);
        CHECK_OK(gramdyn_network_set_weights(network, layer, data.weights[layer - 1], size));
    }

    double restored = 0.0;
    CHECK_OK(gramdyn_network_gd_step(network, 1e-3, &restored, NULL));
    CHECK(restored == before);
    CHECK_OK(gramdyn_network_free(network));
    test_case_free(&data);
    return 0;
}

int test_eigh_diagonal_matrix(void)
{
    const double matrix[9] = {3, 0, 0, 0, 1, 0, 0, 0, 2};
    double values[3];
    double vectors[9];
    CHECK_OK(gramdyn_eigh(matrix, 3, values, vectors));
    CHECK(close_to(values[0], 1.0));
    CHECK(close_to(values[1], 2.0));
    CHECK(close_to(values[2], 3.0));
    CHECK(close_to(fabs(vectors[0 * 3 + 1]), 1.0));
    CHECK(close_to(fabs(vectors[1 * 3 + 2]), 1.0));
    CHECK(close_to(fabs(vectors[2 * 3 + 0]), 1.0));

    const double pair[4] = {2, 1, 1, 2};
    CHECK_OK(gramdyn_eigh(pair, 2, values, NULL));
    CHECK(close_to(values[0], 1.0));
    CHECK(close_to(values[1], 3.0));
    return 0;
}

/* Calls every per-handle computation once per round; returns 0 when all succeed. */
static int run_every_call(gramdyn_network network, double* square, size_t square_length, double* fields,
    size_t fields_length, double* parts)
{
    uint8_t masks[9 * 7];
    uint64_t words[9];
    CHECK_OK(gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, square, square_length, parts,
        3 * square_length));
    CHECK_OK(gramdyn_network_kernel(network, GRAMDYN_PRECISION_FLOAT32, square, square_length, NULL, 0));
    CHECK_OK(gramdyn_network_kernel(network, GRAMDYN_PRECISION_MIXED, square, square_length, parts,
        3 * square_length));
    CHECK_OK(gramdyn_network_fields(network, 1, fields, fields, fields, masks, fields_length));
    CHECK_OK(gramdyn_network_masks_packed(network, 1, words, 9));
    CHECK_OK(gramdyn_network_outputs(network, fields, 9));
    CHECK_OK(gramdyn_network_input_gram(network, square, square_length));
    CHECK_OK(gramdyn_network_activation_overlap(network, 2, square, square_length));
    CHECK_OK(gramdyn_network_conjugate_correlator(network, 2, square, square_length));
    CHECK_OK(gramdyn_network_coactivation_counts(network, 3, square, square_length));
    CHECK_OK(gramdyn_network_fourth_order_correlator(network, 1, 0, square, square_length));
    CHECK_OK(gramdyn_network_coactivation_projector(network, 1, 2, 5, fields, 7));
    CHECK_OK(gramdyn_network_pullback_gram(network, 1, 2, 5, fields, 49));
    CHECK_OK(gramdyn_network_conjugate_gram(network, 1, 2, 5, fields, 36));
    CHECK_OK(gramdyn_network_get_weights(network, 2, fields, 42));
    CHECK_OK(gramdyn_network_set_weights(network, 2, fields, 42));
    CHECK_OK(gramdyn_network_gd_step(network, 1e-3, NULL, NULL));
    return 0;
}

int test_repeated_calls_allocate_nothing(void)
{
    test_case_data data;
    CHECK(test_case_create(&data, 4, 3, kernel_widths, 9, 5) == 0);
    gramdyn_network network;
    CHECK(test_case_open(&data, NULL, &network) == 0);
    double square[81];
    double fields[9 * 7];
    double parts[3 * 81];

    /* The first round creates the float32 and mixed workspaces and the layer parts of K. */
    CHECK(run_every_call(network, square, 81, fields, 63, parts) == 0);
    int64_t before = gramdyn_allocated_bytes();
    CHECK(run_every_call(network, square, 81, fields, 63, parts) == 0);
    CHECK(run_every_call(network, square, 81, fields, 63, parts) == 0);
    int64_t allocated = gramdyn_allocated_bytes() - before;
    if (allocated != 0) {
        fprintf(stderr, "two rounds of calls allocated %lld bytes, expected 0\n", (long long)allocated);
    }

    CHECK(allocated == 0);
    CHECK_OK(gramdyn_network_free(network));
    test_case_free(&data);
    return 0;
}
