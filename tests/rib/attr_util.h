/*
 * Test helper for the RIB tests: build interned attribute sets from a short
 * description (AS path in bgpdump text form, communities as "a:b").
 */
#ifndef XR_TESTS_RIB_ATTR_UTIL_H
#define XR_TESTS_RIB_ATTR_UTIL_H

#include <stdint.h>

#include "lib/attr.h"

#define TA_NONE (-1)

struct ta {
	long lp;		/* LOCAL_PREF or TA_NONE */
	long med;		/* MED or TA_NONE */
	int origin;		/* enum attr_origin */
	const char *aspath;	/* "1 2 {3,4} (5 6) [7]"; NULL or "" empty */
	const char *comms;	/* "7224:7300 65000:1"; NULL none */
	uint32_t nexthop;	/* IPv4 next hop, 0 none */
	uint32_t originator;	/* ORIGINATOR_ID, 0 none */
	unsigned nclusters;	/* CLUSTER_LIST of that many ids 10.0.0.x */
	uint32_t cluster0;	/* first cluster id when nclusters > 0 */
};

/* Intern the set described by s in t (new reference); aborts on bad text. */
const struct attrs *ta_intern(struct attr_table *t, const struct ta *s);

#endif
