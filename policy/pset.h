/*
 * Prefix sets with mask-length ranges (SPEC 3.2 match-prefix-set): a binary
 * trie over prefix bits, one per address family, where each node holds the
 * union of the (lower, upper) ranges of the entries ending at it as a bitmap
 * of allowed route lengths. A set is filled with pset_add(), frozen once with
 * pset_build() (which path-compresses the trie into one array), and then
 * matched read-only from any number of threads. Pure: no I/O, no globals.
 * This file does not know policies, routes or config.
 */
#ifndef XR_PSET_H
#define XR_PSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/prefix.h"

struct pset;

/* Return a new empty, unfrozen set owned by the caller (pset_free()). */
struct pset *pset_new(void);
/* Release s and everything it owns; NULL is a no-op. */
void pset_free(struct pset *s);

/*
 * Add the entry (p, lower, upper): a route matches it when p covers the
 * route's prefix and lower <= route length <= upper. Requires p->len <=
 * lower <= upper <= the family's maximum; returns 0, or -1 (set unchanged)
 * when the range is invalid, the family unknown or the set already frozen.
 */
int pset_add(struct pset *s, const struct prefix *p, unsigned lower,
    unsigned upper);

/* Freeze s: compress the trie for matching. Further pset_add() fails. */
void pset_build(struct pset *s);

/* True if some entry of the frozen set s matches the route prefix p. */
bool pset_match(const struct pset *s, const struct prefix *p);

/* Number of entries added. */
size_t pset_count(const struct pset *s);

/* Number of trie nodes after pset_build() (for tests and show). */
size_t pset_node_count(const struct pset *s);

#endif
