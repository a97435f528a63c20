/* Helpers of the C tests: checks that report file and line, seeded test networks and .npy files. */
#ifndef GRAMDYN_TEST_SUPPORT_H
#define GRAMDYN_TEST_SUPPORT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "gramdyn.h"

/* Fails the current case (returns 1 from it) with file, line and the failed condition. */
#define CHECK(condition)                                                                          \
    do {                                                                                          \
        if (!(condition)) {                                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition);         \
            return 1;                                                                             \
        }                                                                                         \
    } while (0)

/* Fails the current case unless a gramdyn call returned GRAMDYN_OK; prints the library message. */
#define CHECK_OK(call)                                                                            \
    do {                                                                                          \
        gramdyn_status check_status_ = (call);                                                    \
        if (check_status_ != GRAMDYN_OK) {                                                        \
            fprintf(stderr, "%s:%d: %s returned %d: %s\n", __FILE__, __LINE__, #call,            \
                (int)check_status_, gramdyn_last_error());                                        \
            return 1;                                                                             \
        }                                                                                         \
    } while (0)

/* Fails the current case unless a call returned the expected status with a non-empty message. */
#define CHECK_STATUS(expected, call)                                                              \
    do {                                                                                          \
        gramdyn_status check_status_ = (call);                                                    \
        if (check_status_ != (expected)) {                                                        \
            fprintf(stderr, "%s:%d: %s returned %d, expected %s (%d); message: %s\n", __FILE__,   \
                __LINE__, #call, (int)check_status_, #expected, (int)(expected),                  \
                gramdyn_last_error());                                                            \
            return 1;                                                                             \
        }                                                                                         \
        if (gramdyn_last_error()[0] == '\0' || gramdyn_last_error_code() != (expected)) {         \
            fprintf(stderr, "%s:%d: %s failed without a message or with a different last code\n", \
                __FILE__, __LINE__, #call);                                                       \
            return 1;                                                                             \
        }                                                                                         \
    } while (0)

#define TEST_MAX_DEPTH 4

/* A seeded network and data set: weights and X uniform in [-1, 1), y = +-1. */
typedef struct test_case_data {
    int32_t input_dimension;
    int32_t depth;
    int32_t samples;
    int32_t widths[TEST_MAX_DEPTH];
    double* weights[TEST_MAX_DEPTH]; /* W_l: [n_l, n_{l-1}] */
    double* readout;                 /* a: [n_L] */
    double* inputs;                  /* X: [N, d] */
    double* targets;                 /* y: [N] */
} test_case_data;

/* Fills a test case from a seed; returns 0 on success. */
int test_case_create(test_case_data* data, int32_t input_dimension, int32_t depth, const int32_t* widths,
    int32_t samples, uint64_t seed);

void test_case_free(test_case_data* data);

/* Creates a handle for the case with the given multipliers (NULL: c = 1) and binds X and y. */
int test_case_open(const test_case_data* data, const double* multipliers, gramdyn_network* network);

/* Writes a float64 .npy file of the given shape (columns 0: a vector of rows entries). */
int npy_write(const char* path, const double* values, int32_t rows, int32_t columns);

/* Reads a float64 [rows, columns] .npy file into values; returns 0 when type and shape match. */
int npy_read_matrix(const char* path, double* values, int32_t rows, int32_t columns);

/* Reads a float64 [length] .npy file into values; returns 0 when type and shape match. */
int npy_read_vector(const char* path, double* values, int32_t length);

#endif
