/*
 * Test fixture for the aggregation tests: interned attribute sets from
 * compact text (AS path "1 2 {3,4}", communities "65000:1"), and a one-line
 * text form of a change list ("add 10.0.0.0/8 o=i p=[] aa; suppress ...")
 * so a table row states the exact expected output.
 */
#ifndef XR_TESTS_AGGFIX_H
#define XR_TESTS_AGGFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "policy/aggregate.h"

/* Flags of af_attrs(). */
enum {
	AF_ATOMIC = 1u << 0,		/* ATOMIC_AGGREGATE */
	AF_MED = 1u << 1,		/* MED = med */
};

/*
 * A new reference on the set with ORIGIN origin, AS path text (NULL: no
 * AS_PATH attribute), standard and large communities (NULL: none), next
 * hop 192.0.2.1 and the AF_* flags.
 */
const struct attrs *af_attrs(struct attr_table *t, const char *path,
    uint8_t origin, const char *comms, const char *lcomms, unsigned flags,
    uint32_t med);

/* Text of one set: "o=i p=[65001 {2,3}] aa agg=64512:1.1.1.1 c=[1:1]
 * l=[1:2:3] med=5" (parts omitted when absent). */
const char *af_attrs_print(const struct attrs *a, char *buf, size_t size);

/* Text of changes c->v[from ..] joined by "; " into buf. */
const char *af_changes_print(const struct aggregate_changes *c, size_t from,
    char *buf, size_t size);

#endif
