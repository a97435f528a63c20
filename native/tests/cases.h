/* The C test cases; each returns 0 when it passes. */
#ifndef GRAMDYN_TEST_CASES_H
#define GRAMDYN_TEST_CASES_H

int test_version_and_build_info(void);
int test_kernel_matches_cli(void);
int test_kernel_parts_sum_to_kernel(void);
int test_fields_and_grams_agree(void);
int test_gd_step_lowers_loss(void);
int test_eigh_diagonal_matrix(void);
int test_null_pointers_rejected(void);
int test_shape_mismatch_rejected(void);
int test_invalid_arguments_rejected(void);
int test_freed_handle_rejected(void);
int test_bogus_handle_rejected(void);
int test_missing_data_rejected(void);
int test_threads_match_serial(void);
int test_repeated_calls_allocate_nothing(void);

#endif
