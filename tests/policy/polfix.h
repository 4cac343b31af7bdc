/*
 * Test fixture for policy tests: a route and an attribute builder made from
 * compact text ("10.0.0.0/8", AS path "1 2 {3,4} (5 6)", communities
 * "65000:1 no-export"), and text read-back of the edited builder.
 */
#ifndef XR_TESTS_POLFIX_H
#define XR_TESTS_POLFIX_H

#include <stddef.h>
#include <stdint.h>

#include "policy/policy.h"

struct fx {
	struct prefix pfx;
	struct route r;
	struct attr_builder b;
	uint8_t path[1200];
	uint8_t comms[64 * 4], lcomms[16 * 12], ecomms[16 * 8];
};

/*
 * Load f: prefix text, AS path text (NULL: no AS_PATH attribute), standard,
 * large and extended communities as space-separated text (NULL: none). The
 * route is an eBGP import on peer 1, link 1, own AS 64512, origin IGP.
 */
void fx_init(struct fx *f, const char *prefix, const char *path,
    const char *comms, const char *lcomms, const char *ecomms);
/* Release the builder storage. */
void fx_fini(struct fx *f);

/* Encode the AS path text into buf (normalised 4-octet segments). */
size_t fx_path_encode(const char *text, uint8_t *buf, size_t size);
/* Text of the builder's AS path / communities of kind k (static buffer). */
const char *fx_path(const struct fx *f);
const char *fx_comms(const struct fx *f, enum ctext_kind k);

/* A cset of kind k with the space-separated members, taken by db. */
struct cset *fx_cset(struct policy_db *db, enum ctext_kind k, const char *m);
/* A frozen pset from "p lo hi, p lo hi, ...", taken by db. */
struct pset *fx_pset(struct policy_db *db, const char *entries);
/* An aset with the space-separated members, taken by db. */
struct aset *fx_aset(struct policy_db *db, const char *m);

#endif
