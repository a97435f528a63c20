/* Cases that feed bad input: each must return its status code and a message, never crash. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "test_support.h"

static const int32_t error_widths[] = {4, 3};

int test_null_pointers_rejected(void)
{
    test_case_data data;
    CHECK(test_case_create(&data, 3, 2, error_widths, 5, 11) == 0);
    const double* weights[2] = {data.weights[0], data.weights[1]};
    const double* missing_layer[2] = {data.weights[0], NULL};
    gramdyn_network network = 0;
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER,
        gramdyn_network_create(3, 2, NULL, weights, NULL, data.readout, &network));
    CHECK(network == 0);
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER,
        gramdyn_network_create(3, 2, data.widths, NULL, NULL, data.readout, &network));
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER,
        gramdyn_network_create(3, 2, data.widths, missing_layer, NULL, data.readout, &network));
    CHECK(strstr(gramdyn_last_error(), "weights[1]") != NULL);
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER,
        gramdyn_network_create(3, 2, data.widths, weights, NULL, NULL, &network));
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER,
        gramdyn_network_create(3, 2, data.widths, weights, NULL, data.readout, NULL));

    CHECK(test_case_open(&data, NULL, &network) == 0);
    CHECK(gramdyn_last_error()[0] == '\0');
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER, gramdyn_network_bind_data(network, NULL, 5, 3, NULL));
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER,
        gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, NULL, 25, NULL, 0));
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER, gramdyn_network_input_gram(network, NULL, 25));
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER, gramdyn_network_pullback_gram(network, 0, 0, 1, NULL, 9));
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER, gramdyn_network_set_weights(network, 1, NULL, 12));
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER, gramdyn_network_outputs(network, NULL, 5));
    double values[2];
    CHECK_STATUS(GRAMDYN_ERROR_NULL_POINTER, gramdyn_eigh(NULL, 2, values, NULL));

    /* The handle still works after the rejected calls. */
    double kernel[25];
    CHECK_OK(gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, kernel, 25, NULL, 0));
    CHECK_OK(gramdyn_network_free(network));
    test_case_free(&data);
    return 0;
}

int test_shape_mismatch_rejected(void)
{
    test_case_data data;
    CHECK(test_case_create(&data, 3, 2, error_widths, 5, 12) == 0);
    gramdyn_network network;
    CHECK(test_case_open(&data, NULL, &network) == 0);
    double kernel[25];
    double parts[50];
    double weights[12];
    double fields[20];
    int32_t widths[2];

    CHECK_STATUS(GRAMDYN_ERROR_SHAPE_MISMATCH, gramdyn_network_bind_data(network, data.inputs, 3, 5, NULL));
    CHECK(strstr(gramdyn_last_error(), "expected the network's input dimension d = 3") != NULL);
    CHECK_STATUS(GRAMDYN_ERROR_SHAPE_MISMATCH,
        gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, kernel, 24, NULL, 0));
    CHECK(strstr(gramdyn_last_error(), "expected N × N = 5 × 5 = 25") != NULL);
    CHECK_STATUS(GRAMDYN_ERROR_SHAPE_MISMATCH,
        gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, kernel, 25, parts, 25));
    CHECK_STATUS(GRAMDYN_ERROR_SHAPE_MISMATCH, gramdyn_network_set_weights(network, 1, weights, 11));
    CHECK_STATUS(GRAMDYN_ERROR_SHAPE_MISMATCH, gramdyn_network_get_weights(network, 2, weights, 11));
    CHECK_STATUS(GRAMDYN_ERROR_SHAPE_MISMATCH,
        gramdyn_network_fields(network, 1, fields, NULL, NULL, NULL, 19));
    CHECK_STATUS(GRAMDYN_ERROR_SHAPE_MISMATCH, gramdyn_network_pullback_gram(network, 1, 0, 0, kernel, 9));
    CHECK_STATUS(GRAMDYN_ERROR_SHAPE_MISMATCH, gramdyn_network_outputs(network, kernel, 4));
    CHECK_STATUS(GRAMDYN_ERROR_SHAPE_MISMATCH, gramdyn_network_shape(network, NULL, NULL, NULL, widths, 3));

    /* The data bound before the rejected bind is still there. */
    int32_t samples = 0;
    CHECK_OK(gramdyn_network_shape(network, NULL, NULL, &samples, widths, 2));
    CHECK(samples == 5);
    CHECK(widths[0] == 4);
    CHECK(widths[1] == 3);
    CHECK_OK(gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, kernel, 25, parts, 50));
    CHECK_OK(gramdyn_network_free(network));
    test_case_free(&data);
    return 0;
}

int test_invalid_arguments_rejected(void)
{
    test_case_data data;
    CHECK(test_case_create(&data, 3, 2, error_widths, 5, 13) == 0);
    gramdyn_network network;
    CHECK(test_case_open(&data, NULL, &network) == 0);
    double kernel[25];
    double projector[4];
    const double* weights[2] = {data.weights[0], data.weights[1]};
    const int32_t zero_width[2] = {4, 0};
    gramdyn_network other;

    CHECK_STATUS(GRAMDYN_ERROR_INVALID_ARGUMENT, gramdyn_network_create(0, 2, data.widths, weights, NULL,
        data.readout, &other));
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_ARGUMENT, gramdyn_network_create(3, 0, data.widths, weights, NULL,
        data.readout, &other));
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_ARGUMENT, gramdyn_network_create(3, 2, zero_width, weights, NULL,
        data.readout, &other));
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_ARGUMENT, gramdyn_network_kernel(network, 7, kernel, 25, NULL, 0));
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_ARGUMENT, gramdyn_network_activation_overlap(network, 3, kernel, 25));
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_ARGUMENT, gramdyn_network_conjugate_gram(network, 2, 0, 0, kernel, 9));
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_ARGUMENT,
        gramdyn_network_coactivation_projector(network, 1, 0, 5, projector, 4));
    CHECK(strstr(gramdyn_last_error(), "nu is 5") != NULL);
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_ARGUMENT, gramdyn_network_gd_step(network, NAN, NULL, NULL));
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_ARGUMENT, gramdyn_set_blas_threads(0));

    double poisoned[15];
    memcpy(poisoned, data.inputs, sizeof(poisoned));
    poisoned[7] = NAN;
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_ARGUMENT, gramdyn_network_bind_data(network, poisoned, 5, 3, NULL));
    CHECK(strstr(gramdyn_last_error(), "X entry (2, 1) is NaN") != NULL);
    CHECK_OK(gramdyn_network_free(network));
    test_case_free(&data);
    return 0;
}

int test_freed_handle_rejected(void)
{
    test_case_data data;
    CHECK(test_case_create(&data, 3, 2, error_widths, 5, 14) == 0);
    gramdyn_network network;
    CHECK(test_case_open(&data, NULL, &network) == 0);
    CHECK_OK(gramdyn_network_free(network));
    double kernel[25];
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_HANDLE,
        gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, kernel, 25, NULL, 0));
    CHECK(strstr(gramdyn_last_error(), "freed or never created") != NULL);
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_HANDLE, gramdyn_network_free(network));
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_HANDLE, gramdyn_network_gd_step(network, 0.1, NULL, NULL));

    /* A new network may reuse the slot; the old handle must still be rejected. */
    gramdyn_network reused;
    CHECK(test_case_open(&data, NULL, &reused) == 0);
    CHECK(reused != network);
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_HANDLE, gramdyn_network_input_gram(network, kernel, 25));
    CHECK_OK(gramdyn_network_input_gram(reused, kernel, 25));
    CHECK_OK(gramdyn_network_free(reused));
    test_case_free(&data);
    return 0;
}

int test_bogus_handle_rejected(void)
{
    double kernel[4];
    const gramdyn_network bogus[] = {0, 1, 12345, 0xffffffffffffffffULL, (1ULL << 32) | 1000000ULL};
    for (size_t i = 0; i < sizeof(bogus) / sizeof(bogus[0]); i++) {
        CHECK_STATUS(GRAMDYN_ERROR_INVALID_HANDLE,
            gramdyn_network_kernel(bogus[i], GRAMDYN_PRECISION_DOUBLE, kernel, 4, NULL, 0));
        CHECK_STATUS(GRAMDYN_ERROR_INVALID_HANDLE, gramdyn_network_free(bogus[i]));
    }

    return 0;
}

int test_missing_data_rejected(void)
{
    test_case_data data;
    CHECK(test_case_create(&data, 3, 2, error_widths, 5, 15) == 0);
    const double* weights[2] = {data.weights[0], data.weights[1]};
    gramdyn_network network;
    CHECK_OK(gramdyn_network_create(3, 2, data.widths, weights, NULL, data.readout, &network));
    double kernel[25];
    int32_t samples = -1;
    CHECK_OK(gramdyn_network_shape(network, NULL, NULL, &samples, NULL, 0));
    CHECK(samples == 0);
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_STATE,
        gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, kernel, 25, NULL, 0));
    CHECK(strstr(gramdyn_last_error(), "gramdyn_network_bind_data") != NULL);

    /* Data without targets: the kernel works, a gradient step needs y. */
    CHECK_OK(gramdyn_network_bind_data(network, data.inputs, 5, 3, NULL));
    CHECK_OK(gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, kernel, 25, NULL, 0));
    CHECK_STATUS(GRAMDYN_ERROR_INVALID_STATE, gramdyn_network_gd_step(network, 0.1, NULL, NULL));
    CHECK_OK(gramdyn_network_free(network));
    test_case_free(&data);
    return 0;
}
