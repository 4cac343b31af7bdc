/*
 * Configuration errors: a list of (path, message) pairs collected while
 * parsing, validating or storing a configuration, so that the operator sees
 * every problem at once and each names the node at fault, e.g.
 * "/crossroute-interconnect:interconnects/interconnect[name='ic1']/links/link[id='3']/vlan".
 * Plain C; no libyang or sqlite3 types.
 */
#ifndef XR_YANG_CFGERR_H
#define XR_YANG_CFGERR_H

#include <stddef.h>

struct cfgerr_item {
	char *path;			/* data path, file name, or "" */
	char *msg;
};

/* Embed zeroed ({0}) in the caller; release with cfgerr_fini(). */
struct cfgerr {
	struct cfgerr_item *v;
	size_t n;
};

/* Append one error; path (may be NULL) and the message are copied. */
void cfgerr_add(struct cfgerr *e, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Release every item and leave e empty and reusable. */
void cfgerr_fini(struct cfgerr *e);

/*
 * Return the first error whose path ends with suffix and whose message
 * contains text (either may be NULL = any), or NULL. Borrowed pointer.
 */
const struct cfgerr_item *cfgerr_lookup(const struct cfgerr *e,
    const char *suffix, const char *text);

#endif
