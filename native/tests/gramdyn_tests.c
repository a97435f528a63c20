/* Runs one C test case of libgramdyn.so by name: `gramdyn_tests CASE`; CTest runs each case as its
 * own test. Without an argument it runs every case and prints "N passed, N failed". */
#include <stdio.h>
#include <string.h>

#include "cases.h"

typedef struct named_case {
    const char* name;
    int (*run)(void);
} named_case;

static const named_case cases[] = {
    {"version_and_build_info", test_version_and_build_info},
    {"kernel_matches_cli", test_kernel_matches_cli},
    {"kernel_parts_sum_to_kernel", test_kernel_parts_sum_to_kernel},
    {"fields_and_grams_agree", test_fields_and_grams_agree},
    {"gd_step_lowers_loss", test_gd_step_lowers_loss},
    {"eigh_diagonal_matrix", test_eigh_diagonal_matrix},
    {"null_pointers_rejected", test_null_pointers_rejected},
    {"shape_mismatch_rejected", test_shape_mismatch_rejected},
    {"invalid_arguments_rejected", test_invalid_arguments_rejected},
    {"freed_handle_rejected", test_freed_handle_rejected},
    {"bogus_handle_rejected", test_bogus_handle_rejected},
    {"missing_data_rejected", test_missing_data_rejected},
    {"threads_match_serial", test_threads_match_serial},
    {"repeated_calls_allocate_nothing", test_repeated_calls_allocate_nothing},
};

static int run_case(const named_case* test)
{
    int failed = test->run();
    printf("%s: %s\n", failed ? "FAIL" : "PASS", test->name);
    fflush(stdout);
    return failed;
}

int main(int argc, char** argv)
{
    size_t count = sizeof(cases) / sizeof(cases[0]);
    if (argc > 1) {
        for (size_t i = 0; i < count; i++) {
            if (strcmp(argv[1], cases[i].name) == 0) {
                return run_case(&cases[i]);
            }
        }

        fprintf(stderr, "unknown test case '%s'\n", argv[1]);
        return 2;
    }

    int failures = 0;
    for (size_t i = 0; i < count; i++) {
        failures += run_case(&cases[i]);
    }

    printf("%d passed, %d failed\n", (int)count - failures, failures);
    return failures == 0 ? 0 : 1;
}
