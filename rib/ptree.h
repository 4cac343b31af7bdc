/*
 * Path-compressed binary radix tree (Patricia trie) over struct prefix, one
 * tree per address family. Each node carries a prefix (key bits and length);
 * a node with a value stores a fixed-size value area chosen at ptree_init(),
 * allocated with the node (no extra pointer, no extra malloc). Nodes without
 * a value ("glue") exist only where two subtrees diverge and always have two
 * children. Keys are 4 bytes for IPv4 and 16 for IPv6, so an IPv4 glue node
 * is 24 bytes and an IPv4 value node 24 bytes plus the value.
 *
 * Insertion resumes from the deepest node of the previous insertion's path
 * that covers the new prefix (a finger), so a stream of prefixes in order
 * touches only the few nodes where consecutive prefixes part (the finger
 * makes a struct ptree about 1 KiB).
 *
 * Operations: find-or-insert, exact lookup, delete, longest-prefix match,
 * and an iterator giving stored prefixes in prefix_cmp() order (a covering
 * prefix before its more-specifics), optionally restricted to the
 * more-specifics of one prefix and optionally resuming after a given prefix
 * (a paging cursor that survives tree changes between pages). No parent
 * pointers: updates and the iterator keep their own path.
 *
 * Knows nothing about BGP; values are opaque bytes owned by the caller.
 */
#ifndef XR_RIB_PTREE_H
#define XR_RIB_PTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/prefix.h"
#include "rib/pool.h"

struct ptree_node;

/* Deepest possible node path: lengths 0..128 strictly increase on a path. */
#define PTREE_DEPTH 130

struct ptree {
	struct ptree_node *root;
	uint8_t afi;
	uint8_t keylen;		/* key bytes per node: 4 or 16 */
	size_t voff;		/* offset of the value area in a value node */
	struct pool vpool;	/* value nodes */
	struct pool gpool;	/* glue nodes */
	size_t count;		/* stored prefixes (value nodes) */
	/* The path of the last ptree_add() from the root (each node below
	 * the one before it); emptied when any node is freed. */
	unsigned fdepth;
	struct ptree_node *finger[PTREE_DEPTH];
};

struct ptree_iter {
	const struct ptree *t;
	unsigned sp;
	const struct ptree_node *stack[PTREE_DEPTH + 2];
};

/* Set up an empty tree for afi (AFI_IPV4 or AFI_IPV6) whose values are
 * value_size bytes (zero-filled when created). */
void ptree_init(struct ptree *t, uint8_t afi, size_t value_size);
/* Free every node and value; values must own nothing the caller still needs
 * to release (walk and release first). */
void ptree_fini(struct ptree *t);

/*
 * Find p or insert it. Returns the value area of p's node (borrowed, stable
 * until p is removed); *created says whether it was inserted (value zeroed).
 * Bits of p beyond p->len are ignored. p->afi must be the tree's.
 */
void *ptree_add(struct ptree *t, const struct prefix *p, bool *created);
/* Value stored for exactly p, or NULL. */
void *ptree_lookup(const struct ptree *t, const struct prefix *p);
/* Remove p and free its value area; false if p is not stored. */
bool ptree_remove(struct ptree *t, const struct prefix *p);
/*
 * Longest-prefix match: the value of the longest stored prefix covering p
 * (length <= p->len), or NULL. If found is not NULL it receives that prefix.
 */
void *ptree_match(const struct ptree *t, const struct prefix *p,
    struct prefix *found);
/* The prefix a value area returned by this tree belongs to. */
void ptree_value_prefix(const struct ptree *t, const void *value,
    struct prefix *out);

/*
 * Start an ordered walk (prefix_cmp order). within (may be NULL) restricts
 * it to prefixes covered by within (within itself included); after (may be
 * NULL) starts strictly after that prefix, which need not be stored. The
 * iterator is invalidated by any insert or remove on the tree, except
 * ptree_remove() of the prefix it returned last (its subtree is already
 * on the iterator's stack and no node there is freed); to page, keep the
 * last prefix returned and start a new walk after it.
 */
void ptree_iter_init(struct ptree_iter *it, const struct ptree *t,
    const struct prefix *within, const struct prefix *after);
/* Next value, or NULL at the end; its prefix goes to p if not NULL. */
void *ptree_iter_next(struct ptree_iter *it, struct prefix *p);

/* Number of stored prefixes. */
size_t ptree_count(const struct ptree *t);
/* Number of nodes in use (value and glue). */
size_t ptree_nodes(const struct ptree *t);
/* Bytes held from the allocator for nodes and values. */
size_t ptree_bytes(const struct ptree *t);

#endif
