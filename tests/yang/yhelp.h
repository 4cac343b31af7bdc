/*
 * Helpers shared by the tests of yang/: locate the source tree
 * ($XR_SRCDIR), build a schema from $XR_SRCDIR/yang, read and edit example
 * files, and load configurations. Every helper fails the running cmocka
 * test instead of returning an error.
 */
#ifndef XR_TESTS_YANG_YHELP_H
#define XR_TESTS_YANG_YHELP_H

#include "yang/cfgerr.h"
#include "yang/config.h"
#include "yang/load.h"
#include "yang/schema.h"

/* Owned "$XR_SRCDIR/rel". */
char *yhelp_path(const char *rel);
/* A schema loaded from $XR_SRCDIR/yang. */
struct schema *yhelp_schema(void);
/* cmocka group fixtures: *state = yhelp_schema(), then schema_free(). */
int yhelp_setup(void **state);
int yhelp_teardown(void **state);
/* Owned contents of the file at path. */
char *yhelp_read(const char *path);
/* Owned copy of text with the first occurrence of from replaced by to. */
char *yhelp_edit(const char *text, const char *from, const char *to);
/* Load $XR_SRCDIR/rel, which must be valid. */
struct config *yhelp_load(struct schema *s, const char *rel);
/*
 * Load $XR_SRCDIR/rel as JSON after replacing from with to (from must
 * occur); returns the config, or NULL with err filled.
 */
struct config *yhelp_load_edit(struct schema *s, const char *rel,
    const char *from, const char *to, struct cfgerr *err);
/* Print err's items as TAP comments. */
void yhelp_errs_dump(const struct cfgerr *err);

#endif
