#include "test_support.h"

#include <stdlib.h>
#include <string.h>

/* splitmix64: a small portable generator, so every run gets the same weights. */
static uint64_t next_random(uint64_t* state)
{
    uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static double next_uniform(uint64_t* state)
{
    return (double)(next_random(state) >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

static double* random_values(size_t count, uint64_t* state)
{
    double* values = malloc(count * sizeof(double));
    if (values == NULL) {
        return NULL;
    }

    for (size_t i = 0; i < count; i++) {
        values[i] = next_uniform(state);
    }

    return values;
}

int test_case_create(test_case_data* data, int32_t input_dimension, int32_t depth, const int32_t* widths,
    int32_t samples, uint64_t seed)
{
    memset(data, 0, sizeof(*data));
    if (depth < 1 || depth > TEST_MAX_DEPTH) {
        return 1;
    }

    uint64_t state = seed;
    data->input_dimension = input_dimension;
    data->depth = depth;
    data->samples = samples;
    int32_t fan_in = input_dimension;
    for (int32_t layer = 0; layer < depth; layer++) {
        data->widths[layer] = widths[layer];
        data->weights[layer] = random_values((size_t)widths[layer] * (size_t)fan_in, &state);
        if (data->weights[layer] == NULL) {
            return 1;
        }

        fan_in = widths[layer];
    }

    data->readout = random_values((size_t)fan_in, &state);
    data->inputs = random_values((size_t)samples * (size_t)input_dimension, &state);
    data->targets = random_values((size_t)samples, &state);
    if (data->readout == NULL || data->inputs == NULL || data->targets == NULL) {
        return 1;
    }

    for (int32_t mu = 0; mu < samples; mu++) {
        data->targets[mu] = data->targets[mu] < 0 ? -1.0 : 1.0;
    }

    return 0;
}

void test_case_free(test_case_data* data)
{
    for (int32_t layer = 0; layer < TEST_MAX_DEPTH; layer++) {
        free(data->weights[layer]);
    }

    free(data->readout);
    free(data->inputs);
    free(data->targets);
    memset(data, 0, sizeof(*data));
}

int test_case_open(const test_case_data* data, const double* multipliers, gramdyn_network* network)
{
    const double* weights[TEST_MAX_DEPTH];
    for (int32_t layer = 0; layer < data->depth; layer++) {
        weights[layer] = data->weights[layer];
    }

    if (gramdyn_network_create(data->input_dimension, data->depth, data->widths, weights, multipliers,
            data->readout, network) != GRAMDYN_OK) {
        fprintf(stderr, "gramdyn_network_create failed: %s\n", gramdyn_last_error());
        return 1;
    }

    if (gramdyn_network_bind_data(*network, data->inputs, data->samples, data->input_dimension,
            data->targets) != GRAMDYN_OK) {
        fprintf(stderr, "gramdyn_network_bind_data failed: %s\n", gramdyn_last_error());
        gramdyn_network_free(*network);
        return 1;
    }

    return 0;
}

int npy_write(const char* path, const double* values, int32_t rows, int32_t columns)
{
    char header[128];
    int length = columns == 0
        ? snprintf(header, sizeof(header), "{'descr': '<f8', 'fortran_order': False, 'shape': (%d,), }", rows)
        : snprintf(header, sizeof(header), "{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }",
              rows, columns);

    /* Version 1.0: magic (6), version (2), header length (2), header padded to 64 bytes with '\n'. */
    int total = 10 + length + 1;
    int padding = (64 - total % 64) % 64;
    uint16_t header_length = (uint16_t)(length + padding + 1);
    FILE* file = fopen(path, "wb");
    if (file == NULL) {
        return 1;
    }

    size_t count = (size_t)rows * (size_t)(columns == 0 ? 1 : columns);
    unsigned char prefix[10] = {0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0,
        (unsigned char)(header_length & 0xff), (unsigned char)(header_length >> 8)};
    int failed = fwrite(prefix, 1, sizeof(prefix), file) != sizeof(prefix)
        || fwrite(header, 1, (size_t)length, file) != (size_t)length;
    for (int i = 0; i < padding && !failed; i++) {
        failed = fputc(' ', file) == EOF;
    }

    failed = failed || fputc('\n', file) == EOF || fwrite(values, sizeof(double), count, file) != count;
    return fclose(file) != 0 || failed;
}

/* Reads a float64 C-order .npy file whose header shape is exactly shape_text, such as "(3, 4)". */
static int npy_read(const char* path, double* values, size_t count, const char* shape_text)
{
    FILE* file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "cannot open %s\n", path);
        return 1;
    }

    unsigned char prefix[10];
    char header[4096];
    int failed = fread(prefix, 1, sizeof(prefix), file) != sizeof(prefix)
        || memcmp(prefix + 1, "NUMPY", 5) != 0 || prefix[6] != 1;
    size_t header_length = failed ? 0 : (size_t)prefix[8] | ((size_t)prefix[9] << 8);
    failed = failed || header_length >= sizeof(header)
        || fread(header, 1, header_length, file) != header_length;
    if (!failed) {
        header[header_length] = '\0';
        failed = strstr(header, "'<f8'") == NULL || strstr(header, "'fortran_order': False") == NULL
            || strstr(header, shape_text) == NULL;
    }

    failed = failed || fread(values, sizeof(double), count, file) != count;
    fclose(file);
    if (failed) {
        fprintf(stderr, "%s is not a float64 %s C-order .npy file (version 1.0)\n", path, shape_text);
    }

    return failed;
}

int npy_read_matrix(const char* path, double* values, int32_t rows, int32_t columns)
{
    char shape[64];
    snprintf(shape, sizeof(shape), "(%d, %d)", rows, columns);
    return npy_read(path, values, (size_t)rows * (size_t)columns, shape);
}

int npy_read_vector(const char* path, double* values, int32_t length)
{
    char shape[64];
    snprintf(shape, sizeof(shape), "(%d,)", length);
    return npy_read(path, values, (size_t)length, shape);
}
