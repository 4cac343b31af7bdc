/*
 * Loading a configuration: text (JSON per RFC 7951, or XML) is parsed and
 * validated against the YANG schema by libyang, converted to the plain
 * structs of yang/config.h, then checked by yang/validate.h. Either all of
 * it is valid and returned, or nothing is and err lists every problem with
 * the path of the node at fault. Also renders the canonical JSON text that
 * the store keeps.
 */
#ifndef XR_YANG_LOAD_H
#define XR_YANG_LOAD_H

#include <stdbool.h>

#include "yang/cfgerr.h"
#include "yang/config.h"
#include "yang/schema.h"

/* Largest configuration file accepted. */
#define LOAD_MAX_SIZE (64 * 1024 * 1024)

enum load_format {
	LOAD_AUTO = 0,			/* by file name: .xml is XML, else JSON */
	LOAD_JSON,
	LOAD_XML,
};

/*
 * Load the file at path. On success returns 0, *out is an owned config and,
 * when canon is not NULL, *canon an owned canonical JSON text (explicit
 * values only, defaults omitted). On failure returns -1, leaves *out and
 * *canon NULL and appends the reasons to err.
 */
int load_file(struct schema *s, const char *path, struct config **out,
    char **canon, struct cfgerr *err);

/* As load_file() for NUL-terminated text in format fmt (AUTO = JSON). */
int load_text(struct schema *s, const char *text, enum load_format fmt,
    struct config **out, char **canon, struct cfgerr *err);

/*
 * Re-print canonical JSON text (as stored) in fmt (JSON or XML), with
 * default values included when with_defaults. Returns an owned string or
 * NULL with err filled.
 */
char *load_print(struct schema *s, const char *canon, enum load_format fmt,
    bool with_defaults, struct cfgerr *err);

#endif
