/*
 * Open-addressing hash map from a prefix of one address family to a
 * fixed-size value area, for sets that need exact lookups and no order
 * (an export group's Adj-RIB-Out): one array of entries, each the value
 * area, the key bytes, the prefix length, a state byte and an epoch byte,
 * rounded up to 8 bytes (an IPv4 entry with a 16-byte value is 24 bytes,
 * IPv6 40 bytes).
 * Linear probing from a multiply-shift reduction of a 64-bit hash, so a
 * lookup or insert touches about one cache line; at most 3/4 full: the
 * array is rebuilt half full when an insert would pass 3/4 (growing it by
 * about half; 1/4 full, growing it three times, below 2^18 entries, so a
 * map filling from nothing is rebuilt less often) or a removal leaves it
 * below 1/8, so a big map that only grows is 1/2 to 3/4 full (32 to 48
 * bytes per IPv4 entry of 24). Removal
 * shifts the entries of its probe run back (no tombstones) except while a
 * walk is open. The multiply-shift keeps the home indices in hash order,
 * so a rebuild writes the new array nearly sequentially.
 *
 * Unlike ptree.h a value's address is stable only until the next insert or
 * removal on the map (either may move entries).
 *
 * Besides an unordered read-only iteration, a map has at most one open
 * resumable walk whose cursor the map keeps, so the map may change freely
 * between its steps: removals leave tombstones (reclaimed when the walk
 * ends) so nothing moves behind the cursor; an insert that must grow the
 * array restarts the walk from its beginning. Every prefix stored from the
 * walk's start until the walk reaches it is therefore returned at least
 * once (twice after a restart); a prefix added meanwhile may or may not be.
 *
 * Epochs: advmap_add() stamps the entry it returns with the map's epoch,
 * so after advmap_epoch_next() an entry is "current" exactly when it was
 * added or found by advmap_add() since (a mark-and-sweep without a pass
 * to clear the marks: a sweep can skip what was touched).
 *
 * Knows nothing about BGP; values are opaque bytes owned by the caller.
 */
#ifndef XR_RIB_ADVMAP_H
#define XR_RIB_ADVMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/prefix.h"

struct advmap {
	uint8_t *ents;		/* cap entries of esize bytes; NULL if cap 0 */
	size_t cap;
	size_t count;		/* stored prefixes */
	size_t tombs;		/* removed while walking, not yet reclaimed */
	size_t vsize;		/* value bytes (a multiple of 8) */
	size_t esize;		/* bytes per entry */
	uint8_t afi;
	uint8_t keylen;		/* 4 or 16 */
	bool walking;		/* a walk is open */
	size_t wpos;		/* index the open walk looks at next */
	uint64_t rehashes;	/* array rebuilds (growth, shrink, cleanup) */
	uint8_t epoch;		/* stamp of advmap_add(), never 0 */
};

/* Set up an empty map for afi (AFI_IPV4 or AFI_IPV6) whose values are
 * value_size bytes (zero-filled when created). Allocates nothing. */
void advmap_init(struct advmap *m, uint8_t afi, size_t value_size);
/* Free the array; values must own nothing the caller still needs to
 * release (iterate and release first). The map is empty afterwards. */
void advmap_fini(struct advmap *m);

/*
 * Find p or insert it. Returns p's value area (borrowed, valid until the
 * next insert or removal on m); *created says whether it was inserted
 * (value zeroed). Bits of p beyond p->len are ignored; p->afi must be m's.
 */
void *advmap_add(struct advmap *m, const struct prefix *p, bool *created);
/* The value stored for exactly p, or NULL (valid as for advmap_add()). */
void *advmap_lookup(const struct advmap *m, const struct prefix *p);
/* Remove p; false if p is not stored. */
bool advmap_remove(struct advmap *m, const struct prefix *p);
/* Remove the entry whose value area is v (as returned by this map and
 * still valid): advmap_remove() without a second probe. */
void advmap_remove_value(struct advmap *m, void *v);
/* The prefix the value area v (as returned by this map) belongs to. */
void advmap_value_prefix(const struct advmap *m, const void *v,
    struct prefix *out);

/* Number of stored prefixes. */
size_t advmap_count(const struct advmap *m);
/* Bytes held from the allocator. */
size_t advmap_bytes(const struct advmap *m);

/*
 * Unordered iteration: start with *pos = 0; returns the next value (its
 * prefix to p if not NULL) and advances *pos, or NULL at the end. Values
 * may be modified in place; any insert or removal invalidates *pos.
 */
void *advmap_next(const struct advmap *m, size_t *pos, struct prefix *p);

/*
 * The resumable walk (see above): advmap_walk_start() opens it (restarts
 * an open one), advmap_walk_next() returns the next value (prefix to p if
 * not NULL) or NULL at the end, which closes the walk; advmap_walk_stop()
 * closes it early. Closing reclaims tombstones (may move entries).
 */
void advmap_walk_start(struct advmap *m);
void *advmap_walk_next(struct advmap *m, struct prefix *p);
void advmap_walk_stop(struct advmap *m);

/* Hint that p will be looked up or added soon: start loading its home
 * entry (batches: issue for every item first, then operate). */
void advmap_prefetch(const struct advmap *m, const struct prefix *p);

/* Start a new epoch: no entry is current until advmap_add() returns it
 * (one pass over the array every 255 epochs, when the stamp wraps). */
void advmap_epoch_next(struct advmap *m);
/* Whether the entry of value v was returned by advmap_add() in the
 * current epoch. */
bool advmap_value_current(const struct advmap *m, const void *v);

#endif
