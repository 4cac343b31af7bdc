/*
 * The YANG schema of crossroute: a libyang context holding our modules
 * (crossroute-types, -routing-policy, -bgp, -interconnect) loaded from a
 * search directory. Opaque to callers outside yang/, so that only yang/
 * includes libyang. One schema serves any number of loads; it is not
 * thread-safe.
 */
#ifndef XR_YANG_SCHEMA_H
#define XR_YANG_SCHEMA_H

#include "yang/cfgerr.h"

struct schema;

/*
 * The module directory to use: $XR_YANG_DIR when set and non-empty, else the
 * compiled-in $(pkgdatadir)/yang when it exists, else the source tree's yang/
 * (an uninstalled build). Returns a borrowed string.
 */
const char *schema_dir(void);

/*
 * Create a context and load every crossroute module from dir (NULL =
 * schema_dir()). Returns an owned schema, or NULL with the reasons in err.
 */
struct schema *schema_new(const char *dir, struct cfgerr *err);

/* Release s; schema_free(NULL) is a no-op. */
void schema_free(struct schema *s);

#endif
