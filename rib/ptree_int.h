/*
 * Internals shared by the Patricia trie (ptree.c) and its exact-match hash
 * index (ptree_hix.c): the node layout and the key bit helpers. Not for use
 * outside rib/ptree*.c.
 */
#ifndef XR_RIB_PTREE_INT_H
#define XR_RIB_PTREE_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "rib/ptree.h"

#define PTREE_F_VALUE 0x01

struct ptree_node {
	struct ptree_node *child[2];
	uint8_t len;
	uint8_t flags;
	uint8_t key[];		/* t->keylen bytes, network order */
};

static inline bool
key_bit(const uint8_t *k, unsigned i)
{
	return (k[i >> 3] >> (7 - (i & 7))) & 1;
}

/* 32-bit word i of a network-order key, in host order (one load). */
static inline uint32_t
key_word(const uint8_t *k, unsigned i)
{
	k += 4 * i;
	return (uint32_t)k[0] << 24 | (uint32_t)k[1] << 16 |
	    (uint32_t)k[2] << 8 | k[3];
}

/*
 * First bit index below maxbits where a and b differ, or maxbits. Compares
 * whole words: an IPv4 key is one xor and one count of leading zeros.
 */
static inline unsigned
key_diff(const uint8_t *a, const uint8_t *b, unsigned maxbits)
{
	unsigned i, d;
	uint32_t x;

	for (i = 0; i * 32 < maxbits; i++) {
		x = key_word(a, i) ^ key_word(b, i);
		if (x != 0) {
			d = i * 32 + (unsigned)__builtin_clz(x);
			return d < maxbits ? d : maxbits;
		}
	}
	return maxbits;
}

static inline bool
node_has_value(const struct ptree_node *n)
{
	return (n->flags & PTREE_F_VALUE) != 0;
}

/* Index maintenance (ptree_hix.c); every value node is indexed unless
 * the index is off. A no-op when off. */
void hix_put(struct ptree_hix *h, struct ptree_node *n, unsigned keylen);
void hix_del(struct ptree_hix *h, const struct ptree_node *n,
    unsigned keylen);
/* The value node stored for exactly the first len bits of key, or NULL
 * (not stored, or the index is off). */
struct ptree_node *hix_find(const struct ptree_hix *h, const uint8_t *key,
    unsigned keylen, unsigned len);
void hix_prefetch(const struct ptree_hix *h, const uint8_t *key,
    unsigned keylen, unsigned len);
/* Prefetch the node the probe for key would check first (no load of
 * anything but slots, which hix_prefetch() brought in). */
void hix_prefetch_node(const struct ptree_hix *h, const uint8_t *key,
    unsigned keylen, unsigned len);
void hix_fini(struct ptree_hix *h);
size_t hix_bytes(const struct ptree_hix *h);

#endif
