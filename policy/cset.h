/*
 * Community sets (SPEC 3.2 match-community-set, match-large-community-set,
 * match-ext-community-set): literal members in an open-addressing hash set
 * keyed by the wire value, plus POSIX extended regular expressions matched
 * against the text form of each route community (policy/ctext.h, e.g.
 * "65000:100", "1:2:3", "rt:65000:7"). Built once, then read-only. Pure.
 */
#ifndef XR_CSET_H
#define XR_CSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"
#include "policy/ctext.h"
#include "policy/setopt.h"

struct cset;

/* Return a new empty set of kind k, owned by the caller (cset_free()). */
struct cset *cset_new(enum ctext_kind k);
/* Release s; NULL is a no-op. */
void cset_free(struct cset *s);

/* Add the literal value v (ctext_width() bytes, wire order); duplicates are
 * ignored. */
void cset_add(struct cset *s, const uint8_t *v);
/*
 * Add member text m: a literal when ctext_parse() accepts it, otherwise a
 * POSIX ERE. Returns 0, or -1 with a message in err when the regex does not
 * compile.
 */
int cset_add_text(struct cset *s, const char *m, char *err, size_t errlen);

/* True if the value v equals a literal member or matches a regex member. */
bool cset_has(const struct cset *s, const uint8_t *v);

/*
 * Test the route's communities comms (a view of values of the set's kind)
 * with option opt: ANY = some value is a member; ALL = every literal member
 * is present and every regex member matches some value (an empty set matches
 * everything); INVERT = no value is a member.
 */
bool cset_match(const struct cset *s, struct bytes comms,
    enum pol_match_opt opt);

/* The kind the set was created with. */
enum ctext_kind cset_kind(const struct cset *s);
/* Literal members in insertion order, borrowed from s: cset_count() values
 * of ctext_width(cset_kind()) bytes each (NULL when there are none). */
const uint8_t *cset_values(const struct cset *s);
/* Number of literal members. */
size_t cset_count(const struct cset *s);
/* Number of regex members. */
size_t cset_regex_count(const struct cset *s);

#endif
