/*
 * Helpers shared by the randomised tests of rib/ (test_ptree, test_advmap,
 * test_rib): a seeded xorshift64* generator (same sequence on every run
 * for one seed), host bits for a prefix, and a linear lookup in a
 * reference array of prefixes.
 */
#ifndef XR_TESTS_RIB_RTEST_H
#define XR_TESTS_RIB_RTEST_H

#include <stddef.h>
#include <stdint.h>

#include "lib/prefix.h"

/* The next 32 bits of the xorshift64* sequence of *state (non-zero). */
uint32_t rtest_next(uint64_t *state);
/* p with random bits beyond its length (drawn from *state). */
struct prefix rtest_host_bits(uint64_t *state, const struct prefix *p);
/* The index of p in v[0..n), or -1. */
long rtest_find(const struct prefix *v, size_t n, const struct prefix *p);

#endif
