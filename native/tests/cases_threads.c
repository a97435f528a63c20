/* Calls on separate handles from several threads must equal the same calls made serially. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "test_support.h"

enum { THREAD_COUNT = 4, THREAD_SAMPLES = 24, THREAD_STEPS = 3 };

static const int32_t thread_widths[] = {16, 9};

typedef struct thread_work {
    uint64_t seed;
    double kernel_before[THREAD_SAMPLES * THREAD_SAMPLES];
    double kernel_after[THREAD_SAMPLES * THREAD_SAMPLES];
    double losses[THREAD_STEPS];
    int failed;
} thread_work;

/* Computes K, takes gradient steps and computes K again on a handle of its own. */
static int run_work(thread_work* work)
{
    test_case_data data;
    CHECK(test_case_create(&data, 6, 2, thread_widths, THREAD_SAMPLES, work->seed) == 0);
    gramdyn_network network;
    CHECK(test_case_open(&data, NULL, &network) == 0);
    size_t square = THREAD_SAMPLES * THREAD_SAMPLES;
    CHECK_OK(gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, work->kernel_before, square, NULL, 0));
    for (int step = 0; step < THREAD_STEPS; step++) {
        CHECK_OK(gramdyn_network_gd_step(network, 1e-2, NULL, &work->losses[step]));
    }

    CHECK_OK(gramdyn_network_kernel(network, GRAMDYN_PRECISION_DOUBLE, work->kernel_after, square, NULL, 0));
    CHECK_OK(gramdyn_network_free(network));
    test_case_free(&data);
    return 0;
}

static void* run_thread(void* argument)
{
    thread_work* work = argument;
    work->failed = run_work(work);
    return NULL;
}

int test_threads_match_serial(void)
{
    thread_work* serial = calloc(THREAD_COUNT, sizeof(thread_work));
    thread_work* parallel = calloc(THREAD_COUNT, sizeof(thread_work));
    CHECK(serial != NULL);
    CHECK(parallel != NULL);
    for (int i = 0; i < THREAD_COUNT; i++) {
        serial[i].seed = 1000 + (uint64_t)i;
        parallel[i].seed = serial[i].seed;
        CHECK(run_work(&serial[i]) == 0);
    }

    pthread_t threads[THREAD_COUNT];
    for (int i = 0; i < THREAD_COUNT; i++) {
        CHECK(pthread_create(&threads[i], NULL, run_thread, &parallel[i]) == 0);
    }

    for (int i = 0; i < THREAD_COUNT; i++) {
        CHECK(pthread_join(threads[i], NULL) == 0);
    }

    for (int i = 0; i < THREAD_COUNT; i++) {
        CHECK(parallel[i].failed == 0);
        size_t kernel_bytes = sizeof(serial[i].kernel_before);
        CHECK(memcmp(serial[i].kernel_before, parallel[i].kernel_before, kernel_bytes) == 0);
        CHECK(memcmp(serial[i].kernel_after, parallel[i].kernel_after, kernel_bytes) == 0);
        CHECK(memcmp(serial[i].losses, parallel[i].losses, sizeof(serial[i].losses)) == 0);
    }

    /* Different seeds must give different kernels, or the comparison above proves nothing. */
    CHECK(memcmp(serial[0].kernel_before, serial[1].kernel_before, sizeof(serial[0].kernel_before)) != 0);
    free(serial);
    free(parallel);
    return 0;
}
