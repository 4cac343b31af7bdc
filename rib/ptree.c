/*
 * Patricia trie over prefixes (see ptree.h). Invariants, checked by the
 * tests against a naive reference: a child's length is greater than its
 * parent's and its key agrees with the parent's on the parent's bits; child
 * 0/1 is chosen by the bit just after the parent's length; a glue node has
 * exactly two children; key bits beyond a node's length are zero.
 */
#include <assert.h>
#include <string.h>

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

/* True if node n covers p: n->len <= p->len and p agrees on n's bits. */
static inline bool
node_covers(const struct ptree_node *n, const struct prefix *p)
{
	return n->len <= p->len && key_diff(n->key, p->a, n->len) == n->len;
}

static inline void *
node_value(const struct ptree *t, const struct ptree_node *n)
{
	return (char *)(uintptr_t)n + t->voff;
}

/* A new node for the first len bits of key, with or without a value area. */
static struct ptree_node *
node_new(struct ptree *t, const uint8_t *key, unsigned len, bool value)
{
	struct ptree_node *n = pool_alloc(value ? &t->vpool : &t->gpool);

	/* The pool zeroes: copy the whole bytes, then the partial one. */
	memcpy(n->key, key, len / 8);
	if (len % 8 != 0)
		n->key[len / 8] = (uint8_t)(key[len / 8] & (0xff00u >> (len % 8)));
	n->len = (uint8_t)len;
	n->flags = value ? PTREE_F_VALUE : 0;
	return n;
}

static void
node_free(struct ptree *t, struct ptree_node *n)
{
	t->fdepth = 0;		/* the finger may hold n */
	pool_free(node_has_value(n) ? &t->vpool : &t->gpool, n);
}

/* Replace n at *link by a copy of the other kind (glue <-> value). */
static struct ptree_node *
node_convert(struct ptree *t, struct ptree_node **link, bool value)
{
	struct ptree_node *n = *link;
	struct ptree_node *m = node_new(t, n->key, n->len, value);

	m->child[0] = n->child[0];
	m->child[1] = n->child[1];
	*link = m;
	node_free(t, n);
	return m;
}

void
ptree_init(struct ptree *t, uint8_t afi, size_t value_size)
{
	assert(afi == AFI_IPV4 || afi == AFI_IPV6);
	memset(t, 0, sizeof(*t));
	t->afi = afi;
	t->keylen = (uint8_t)addr_bytes(afi);
	t->voff = (offsetof(struct ptree_node, key) + t->keylen + 7) &
	    ~(size_t)7;
	pool_init(&t->gpool, t->voff);
	pool_init(&t->vpool, t->voff + (value_size ? value_size : 1));
}

void
ptree_fini(struct ptree *t)
{
	pool_fini(&t->vpool);
	pool_fini(&t->gpool);
	t->root = NULL;
	t->count = 0;
	t->fdepth = 0;
}

/*
 * The node where the walk by p's bits alone ends: the first at or past p's
 * length, else the last one on the way (NULL for an empty tree). Testing
 * only the branch bit keeps each level to a load and a shift; whether the
 * nodes really cover p is settled once, by comparing with this node, whose
 * key extends every key above it.
 */
static const struct ptree_node *
walk_bits(const struct ptree *t, const struct prefix *p)
{
	const struct ptree_node *n = t->root, *last = NULL;

	while (n != NULL) {
		last = n;
		if (n->len >= p->len)
			break;
		n = n->child[key_bit(p->a, n->len)];
	}
	return last;
}

/*
 * How far the nodes on p's bit path (ending at last) agree with p: the
 * first bit where p and last differ, at most the shorter length. A node on
 * the path covers p exactly when its length is at most that.
 */
static unsigned
walk_agree(const struct ptree_node *last, const struct prefix *p)
{
	if (last == NULL)
		return p->len;
	return key_diff(last->key, p->a, last->len < p->len ? last->len :
	    p->len);
}

/*
 * Drop the finger's nodes that do not cover p or are not shorter than p;
 * the rest (ancestors of a covering node cover p too) all do. Returns the
 * link below the deepest one, where a walk for p may start.
 */
static struct ptree_node **
finger_seek(struct ptree *t, const struct prefix *p)
{
	struct ptree_node *h;

	while (t->fdepth > 0) {
		h = t->finger[t->fdepth - 1];
		if (h->len < p->len && key_diff(h->key, p->a, h->len) == h->len)
			return &h->child[key_bit(p->a, h->len)];
		t->fdepth--;
	}
	return &t->root;
}

void *
ptree_add(struct ptree *t, const struct prefix *p, bool *created)
{
	struct ptree_node **start, **link, *n, *v, *g, *last = NULL;
	unsigned d, k, above;

	assert(p->afi == t->afi && p->len <= t->keylen * 8u);
	*created = false;
	start = finger_seek(t, p);
	/* Walk by p's bits, recording the path in the finger. */
	for (k = t->fdepth, n = *start; n != NULL;
	    n = n->child[key_bit(p->a, n->len)]) {
		t->finger[k++] = last = n;
		if (n->len >= p->len)
			break;
	}
	d = walk_agree(last, p);
	if (last != NULL && d == p->len && last->len == p->len &&
	    node_has_value(last)) {
		t->fdepth = k;
		return node_value(t, last);	/* stored: one walk */
	}
	/* Down through the nodes that cover p and are shorter than p. */
	above = t->fdepth;
	for (link = start; (n = *link) != NULL && n->len <= d &&
	    n->len < p->len; above++)
		link = &n->child[key_bit(p->a, n->len)];
	if (n == NULL) {
		*link = v = node_new(t, p->a, p->len, true);
	} else if (n->len == p->len && n->len <= d) {
		v = node_convert(t, link, true);	/* glue becomes p */
	} else {
		/* n does not cover p: p covers n (d == p->len), or they
		 * part at bit d below both lengths. */
		v = node_new(t, p->a, p->len, true);
		if (d == p->len) {
			v->child[key_bit(n->key, p->len)] = n;
			*link = v;
		} else {
			g = node_new(t, p->a, d, false);
			g->child[key_bit(p->a, d)] = v;
			g->child[key_bit(n->key, d)] = n;
			*link = g;
		}
	}
	/* The recorded nodes above the link are still p's ancestors. */
	t->fdepth = above;
	t->finger[t->fdepth++] = v;
	t->count++;
	*created = true;
	return node_value(t, v);
}

void *
ptree_lookup(const struct ptree *t, const struct prefix *p)
{
	const struct ptree_node *n;

	assert(p->afi == t->afi);
	n = walk_bits(t, p);
	if (n == NULL || n->len != p->len || !node_has_value(n) ||
	    key_diff(n->key, p->a, p->len) != p->len)
		return NULL;
	return node_value(t, n);
}

bool
ptree_remove(struct ptree *t, const struct prefix *p)
{
	struct ptree_node **link = &t->root, **plink = NULL, *n, *parent;

	assert(p->afi == t->afi);
	while ((n = *link) != NULL && n->len < p->len) {
		plink = link;
		link = &n->child[key_bit(p->a, n->len)];
	}
	/* Only the last node needs comparing: its key extends those above. */
	if (n == NULL || n->len != p->len || !node_has_value(n) ||
	    key_diff(n->key, p->a, p->len) != p->len)
		return false;
	t->count--;
	if (n->child[0] != NULL && n->child[1] != NULL) {
		node_convert(t, link, false);
		return true;
	}
	*link = n->child[0] != NULL ? n->child[0] : n->child[1];
	node_free(t, n);
	/* A glue parent left with one child is no longer needed. */
	if (*link == NULL && plink != NULL && !node_has_value(*plink)) {
		parent = *plink;
		*plink = parent->child[0] != NULL ? parent->child[0] :
		    parent->child[1];
		node_free(t, parent);
	}
	return true;
}

void *
ptree_match(const struct ptree *t, const struct prefix *p,
    struct prefix *found)
{
	const struct ptree_node *n = t->root, *best = NULL;
	unsigned d;

	assert(p->afi == t->afi);
	d = walk_agree(walk_bits(t, p), p);
	for (; n != NULL && n->len <= d; n = n->child[key_bit(p->a, n->len)]) {
		if (node_has_value(n))
			best = n;
		if (n->len >= p->len)
			break;
	}
	if (best == NULL)
		return NULL;
	if (found != NULL)
		ptree_value_prefix(t, node_value(t, best), found);
	return node_value(t, best);
}

void
ptree_value_prefix(const struct ptree *t, const void *value,
    struct prefix *out)
{
	const struct ptree_node *n = (const void *)((const char *)value -
	    t->voff);

	memset(out, 0, sizeof(*out));
	out->afi = t->afi;
	out->len = n->len;
	memcpy(out->a, n->key, t->keylen);
}

static void
iter_push(struct ptree_iter *it, const struct ptree_node *n)
{
	if (n == NULL)
		return;
	assert(it->sp < sizeof(it->stack) / sizeof(it->stack[0]));
	it->stack[it->sp++] = n;
}

/*
 * Load the stack with the parts of n's subtree that sort after `after`,
 * deepest (smallest) on top: in prefix_cmp order a node precedes its
 * subtree, and the 0-side subtree precedes the 1-side.
 */
static void
iter_seek(struct ptree_iter *it, const struct ptree_node *n,
    const struct prefix *after)
{
	unsigned m, d, b;

	while (n != NULL) {
		m = n->len < after->len ? n->len : after->len;
		d = key_diff(n->key, after->a, m);
		if (d < m) {
			if (key_bit(n->key, d))
				iter_push(it, n);
			return;
		}
		if (n->len > after->len) {
			iter_push(it, n);
			return;
		}
		if (n->len == after->len) {
			iter_push(it, n->child[1]);
			iter_push(it, n->child[0]);
			return;
		}
		b = key_bit(after->a, n->len);
		if (b == 0)
			iter_push(it, n->child[1]);
		n = n->child[b];
	}
}

/* Topmost node inside within (all of within's subtree), or NULL. */
static const struct ptree_node *
subtree_root(const struct ptree *t, const struct prefix *within)
{
	const struct ptree_node *n = t->root;

	while (n != NULL && n->len < within->len) {
		if (!node_covers(n, within))
			return NULL;
		n = n->child[key_bit(within->a, n->len)];
	}
	if (n != NULL && key_diff(n->key, within->a, within->len) <
	    within->len)
		return NULL;
	return n;
}

void
ptree_iter_init(struct ptree_iter *it, const struct ptree *t,
    const struct prefix *within, const struct prefix *after)
{
	const struct ptree_node *top = t->root;

	it->t = t;
	it->sp = 0;
	if (within != NULL) {
		assert(within->afi == t->afi);
		top = subtree_root(t, within);
	}
	if (after == NULL)
		iter_push(it, top);
	else {
		assert(after->afi == t->afi);
		iter_seek(it, top, after);
	}
}

void *
ptree_iter_next(struct ptree_iter *it, struct prefix *p)
{
	const struct ptree_node *n;

	while (it->sp > 0) {
		n = it->stack[--it->sp];
		iter_push(it, n->child[1]);
		iter_push(it, n->child[0]);
		if (node_has_value(n)) {
			if (p != NULL)
				ptree_value_prefix(it->t, node_value(it->t, n),
				    p);
			return node_value(it->t, n);
		}
	}
	return NULL;
}

size_t
ptree_count(const struct ptree *t)
{
	return t->count;
}

size_t
ptree_nodes(const struct ptree *t)
{
	return t->vpool.live + t->gpool.live;
}

size_t
ptree_bytes(const struct ptree *t)
{
	return pool_bytes(&t->vpool) + pool_bytes(&t->gpool);
}
