/*
 * Compiler from the plain configuration structs of yang/config.h (routing
 * policy: defined sets and policy definitions, SPEC 3.4) to the immutable
 * evaluation form of policy/policy.h, once per commit. Every reference is
 * resolved, every regex compiled and every call-policy cycle refused here,
 * so evaluation cannot fail; errors name the policy, statement and set.
 * Neighbour and link sets become bitmaps over ids supplied by the caller's
 * resolver (the RIB's peer ids, our link ids). Pure: no I/O, no logging.
 */
#ifndef XR_COMPILE_H
#define XR_COMPILE_H

#include <stdbool.h>
#include <stdint.h>

#include "policy/policy.h"
#include "yang/config.h"

struct compile_err {
	char msg[256];
};

/* How ids are assigned; any callback may be NULL (see each). */
struct compile_env {
	void *ctx;
	/*
	 * The peer id of the neighbour at address a; false when it has none
	 * (the address then matches nothing). NULL: the neighbour's position
	 * in config->bgp.neighbors, or nothing when not configured.
	 */
	bool (*peer_id)(void *ctx, const struct addr *a, uint32_t *id);
	/* The id of link (1..4) of interconnect ic; NULL: compile_link_id(). */
	bool (*link_id)(void *ctx, const char *ic, uint8_t link, uint32_t *id);
};

/*
 * Compile the routing policy of c (borrowed) into a new db owned by the
 * caller. env may be NULL (defaults above). Returns NULL and fills err on
 * the first error (unknown reference, bad range or mode, regex that does
 * not compile, regex member in an add/replace action, ALL on a prefix,
 * neighbour or link set, prepend repeat outside 1..10, call-policy cycle),
 * or when an interconnect's advertisement does not fit its side's cap even
 * with the configured summaries (policy/capfit.h; the message names the
 * prefixes left out).
 */
struct policy_db *compile_policies(const struct config *c,
    const struct compile_env *env, struct compile_err *err);

/*
 * Default link id: position of interconnect ic in c->interconnects times
 * CONFIG_MAX_LINKS plus link, so ids start at 1 and 0 is no link (a plain
 * neighbour's zeroed id matches no link set). False when ic is unknown or
 * link is not in 1..CONFIG_MAX_LINKS.
 */
bool compile_link_id(const struct config *c, const char *ic, uint8_t link,
    uint32_t *id);

/*
 * Build the import (dir POL_IMPORT) or export chain of the attach point ap
 * against db into out (its array is owned by out: compile_chain_fini()).
 * The default is accept when the attach point says accept-route or the
 * profile is a cloud one (SPEC 3.1: implicit final accept), else reject
 * (RFC 8212). Returns 0, or -1 with err when a policy name is unknown.
 */
int compile_chain(const struct policy_db *db,
    const struct config_apply_policy *ap, enum pol_dir dir,
    enum config_profile profile, struct pol_chain *out,
    struct compile_err *err);
/* Release the array of a chain built by compile_chain(). */
void compile_chain_fini(struct pol_chain *c);

#endif
