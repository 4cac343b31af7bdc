/*
 * Exact-match hash index of a Patricia trie's value nodes (ptree.h): finding
 * a stored prefix costs one probe into this table and the node itself,
 * instead of a walk down the tree, which on a table of hundreds of thousands
 * of prefixes misses the cache at nearly every level. Insertion of a new
 * prefix, longest-prefix match and the ordered walk still use the tree.
 *
 * Open addressing with linear probing and backward-shift deletion (no
 * tombstones), at most 3/4 full. A slot is one word: the node's address in
 * the low 48 bits and 16 bits of the key's hash above them (never 0, so an
 * empty slot is 0), so a probe that meets another key's slot rarely has to
 * read that node. Should a node's address ever need more than 48 bits, the
 * index switches itself off for good and the tree answers everything.
 *
 * Invariants (checked by the tests against the tree): when on, every value
 * node is in exactly one slot, reachable from its home slot by stepping
 * forward (wrapping) over full slots only; glue nodes are never indexed.
 */
#include <stdlib.h>

#include "lib/xmalloc.h"
#include "rib/ptree_int.h"

#define HIX_MIN 64u
#define HIX_FAST (1u << 20)	/* slots: below, grow x4 instead of x2 */
#define HIX_PTR_BITS 48
#define HIX_PTR_MASK ((UINT64_C(1) << HIX_PTR_BITS) - 1)

/* murmur3's 64-bit finaliser. */
static inline uint64_t
mix64(uint64_t x)
{
	x ^= x >> 33;
	x *= UINT64_C(0xff51afd7ed558ccd);
	x ^= x >> 33;
	x *= UINT64_C(0xc4ceb9fe1a85ec53);
	x ^= x >> 33;
	return x;
}

/* Word i of the first len bits of key (bits past len read as zero). */
static inline uint32_t
masked_word(const uint8_t *key, unsigned i, unsigned len)
{
	uint32_t w = key_word(key, i);
	unsigned bits = len > i * 32 ? len - i * 32 : 0;

	if (bits >= 32)
		return w;
	return bits == 0 ? 0 : w & ~(UINT32_MAX >> bits);
}

static uint64_t
key_hash(const uint8_t *key, unsigned keylen, unsigned len)
{
	uint64_t x = len;
	unsigned i;

	for (i = 0; i < keylen / 4; i++)
		x = mix64(x ^ ((uint64_t)masked_word(key, i, len) << 8));
	return x;
}

static inline uint64_t
slot_tag(uint64_t hash)
{
	return (hash >> HIX_PTR_BITS) | 1;
}

static inline struct ptree_node *
slot_node(uint64_t s)
{
	return (struct ptree_node *)(uintptr_t)(s & HIX_PTR_MASK);
}

static inline bool
node_is(const struct ptree_node *n, const uint8_t *key, unsigned len)
{
	return n->len == len && key_diff(n->key, key, len) == len;
}

static void
hix_insert_slot(struct ptree_hix *h, uint64_t hash, uint64_t s)
{
	size_t i = (size_t)hash & h->mask;

	while (h->slot[i] != 0)
		i = (i + 1) & h->mask;
	h->slot[i] = s;
}

static void
hix_grow(struct ptree_hix *h, unsigned keylen)
{
	uint64_t *old = h->slot;
	size_t oldcap = h->slot != NULL ? h->mask + 1 : 0, cap, i;
	struct ptree_node *n;

	/* x4 while small: a table filling from nothing is rebuilt (every
	 * node read again) about half as often. */
	cap = oldcap == 0 ? HIX_MIN : oldcap < HIX_FAST ? 4 * oldcap :
	    2 * oldcap;
	h->slot = xcalloc_big(cap, sizeof(*h->slot));
	h->mask = cap - 1;
	for (i = 0; i < oldcap; i++) {
		if (old[i] == 0)
			continue;
		n = slot_node(old[i]);
		hix_insert_slot(h, key_hash(n->key, keylen, n->len), old[i]);
	}
	free(old);
}

void
hix_fini(struct ptree_hix *h)
{
	free(h->slot);
	h->slot = NULL;
	h->mask = 0;
	h->count = 0;
}

void
hix_put(struct ptree_hix *h, struct ptree_node *n, unsigned keylen)
{
	uint64_t hash;

	if (h->off)
		return;
	if ((uint64_t)(uintptr_t)n > HIX_PTR_MASK) {
		hix_fini(h);
		h->off = true;
		return;
	}
	if (h->slot == NULL || 4 * (h->count + 1) > 3 * (h->mask + 1))
		hix_grow(h, keylen);
	hash = key_hash(n->key, keylen, n->len);
	hix_insert_slot(h, hash, slot_tag(hash) << HIX_PTR_BITS |
	    (uint64_t)(uintptr_t)n);
	h->count++;
}

/* Backward-shift deletion: pull later slots of the run into the hole. */
static void
hix_hole(struct ptree_hix *h, size_t hole, unsigned keylen)
{
	size_t i = hole, home;
	struct ptree_node *n;

	for (;;) {
		i = (i + 1) & h->mask;
		if (h->slot[i] == 0)
			break;
		n = slot_node(h->slot[i]);
		home = (size_t)key_hash(n->key, keylen, n->len) & h->mask;
		/* Movable unless its home lies cyclically in (hole, i]. */
		if (((i - home) & h->mask) >= ((i - hole) & h->mask)) {
			h->slot[hole] = h->slot[i];
			hole = i;
		}
	}
	h->slot[hole] = 0;
}

void
hix_del(struct ptree_hix *h, const struct ptree_node *n, unsigned keylen)
{
	size_t i;

	if (h->off || h->slot == NULL)
		return;
	i = (size_t)key_hash(n->key, keylen, n->len) & h->mask;
	while (h->slot[i] != 0) {
		if (slot_node(h->slot[i]) == n) {
			hix_hole(h, i, keylen);
			h->count--;
			return;
		}
		i = (i + 1) & h->mask;
	}
}

struct ptree_node *
hix_find(const struct ptree_hix *h, const uint8_t *key, unsigned keylen,
    unsigned len)
{
	uint64_t hash, tag, s;
	struct ptree_node *n;
	size_t i;

	if (h->slot == NULL)
		return NULL;
	hash = key_hash(key, keylen, len);
	tag = slot_tag(hash);
	for (i = (size_t)hash & h->mask; (s = h->slot[i]) != 0;
	    i = (i + 1) & h->mask) {
		if (s >> HIX_PTR_BITS != tag)
			continue;
		n = slot_node(s);
		if (node_is(n, key, len))
			return n;
	}
	return NULL;
}

void
hix_prefetch(const struct ptree_hix *h, const uint8_t *key, unsigned keylen,
    unsigned len)
{
	if (h->slot != NULL)
		__builtin_prefetch(&h->slot[(size_t)key_hash(key, keylen, len) &
		    h->mask]);
}

void
hix_prefetch_node(const struct ptree_hix *h, const uint8_t *key,
    unsigned keylen, unsigned len)
{
	uint64_t hash, tag, s;
	const char *n;
	size_t i;

	if (h->slot == NULL)
		return;
	hash = key_hash(key, keylen, len);
	tag = slot_tag(hash);
	for (i = (size_t)hash & h->mask; (s = h->slot[i]) != 0;
	    i = (i + 1) & h->mask) {
		if (s >> HIX_PTR_BITS == tag) {
			/* The node and the value after it: two lines at most. */
			n = (const char *)slot_node(s);
			__builtin_prefetch(n);
			__builtin_prefetch(n + 63);
			return;
		}
	}
}

size_t
hix_bytes(const struct ptree_hix *h)
{
	return h->slot != NULL ? (h->mask + 1) * sizeof(*h->slot) : 0;
}
