/*
 * AS-path sets (SPEC 3.2 match-as-path-set): POSIX extended regular
 * expressions matched against the path's text form from aspath_print() in
 * lib/aspath.h ("65000 65001 {7,8}"; an empty path is ""). As in Cisco and
 * FRR, "_" outside a bracket expression is a boundary: it is rewritten to
 * "(^|$|[][ ,{}()])", which matches the start or end of the text or one
 * separator (space, comma, set braces or confederation brackets), so
 * "^65000_" and "_7224$" and "_64512_" work as operators expect. A boundary
 * consumes the separator it matches. Built once, then read-only. Pure.
 */
#ifndef XR_ASET_H
#define XR_ASET_H

#include <stdbool.h>
#include <stddef.h>

#include "policy/setopt.h"

struct aset;

/* Return a new empty set owned by the caller (aset_free()). */
struct aset *aset_new(void);
/* Release s; NULL is a no-op. */
void aset_free(struct aset *s);

/*
 * Rewrite the member pattern m into POSIX ERE syntax in out ("_" to the
 * boundary above). Returns the length needed (like snprintf); out is always
 * terminated when size > 0.
 */
size_t aset_translate(const char *m, char *out, size_t size);

/* Translate and compile member m. Returns 0, or -1 with a message in err. */
int aset_add(struct aset *s, const char *m, char *err, size_t errlen);

/*
 * Test the path text with option opt: ANY = some member matches, ALL = every
 * member matches (an empty set matches everything), INVERT = none matches.
 */
bool aset_match(const struct aset *s, const char *path_text,
    enum pol_match_opt opt);

/* Number of members. */
size_t aset_count(const struct aset *s);

#endif
