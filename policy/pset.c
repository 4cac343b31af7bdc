/*
 * Prefix sets: a binary trie per address family. Entries are inserted into a
 * plain one-bit-per-level trie; pset_build() then path-compresses it into one
 * array of nodes, keeping only nodes that end an entry or branch. Each node
 * stores its key bits (so skipped levels are verified on the way down) and a
 * bitmap of the route lengths its entries accept (bit L set = some entry
 * ending here has lower <= L <= upper). Matching walks the route's bits from
 * the root and tests the route length against each visited node's bitmap:
 * at most one node per stored prefix length on the path, no backtracking.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "policy/pset.h"

#define PSET_NONE UINT32_MAX

/* Build-time node: one per bit level. */
struct bnode {
	uint32_t child[2];
	uint64_t lens[3];
	bool has;
};

/* Frozen, path-compressed node. */
struct pnode {
	uint64_t k[2];		/* key bits [0, len), rest zero */
	uint64_t lens[3];	/* accepted route lengths 0..128 */
	uint32_t child[2];
	uint8_t len;
};

struct ptrie {
	struct bnode *b;
	size_t nb, capb;
	struct pnode *n;
	size_t nn, capn;
	uint32_t root;
};

struct pset {
	struct ptrie t[2];	/* [0] IPv4, [1] IPv6 */
	size_t count;		/* entries added */
	bool frozen;
};

static uint64_t
load_be64(const uint8_t *p)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = (v << 8) | p[i];
	return v;
}

static unsigned
key_bit(uint64_t k0, uint64_t k1, unsigned i)
{
	return i < 64 ? (unsigned)(k0 >> (63 - i)) & 1u :
	    (unsigned)(k1 >> (127 - i)) & 1u;
}

static void
key_set_bit(uint64_t *k0, uint64_t *k1, unsigned i)
{
	if (i < 64)
		*k0 |= 1ull << (63 - i);
	else
		*k1 |= 1ull << (127 - i);
}

static uint32_t
bnode_push(struct ptrie *t)
{
	if (t->nb == t->capb) {
		t->capb = t->capb ? t->capb * 2 : 64;
		t->b = xrealloc(t->b, t->capb * sizeof(*t->b));
	}
	memset(&t->b[t->nb], 0, sizeof(t->b[0]));
	t->b[t->nb].child[0] = t->b[t->nb].child[1] = PSET_NONE;
	return (uint32_t)t->nb++;
}

struct pset *
pset_new(void)
{
	struct pset *s = xcalloc(1, sizeof(*s));

	s->t[0].root = s->t[1].root = PSET_NONE;
	return s;
}

void
pset_free(struct pset *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < 2; i++) {
		free(s->t[i].b);
		free(s->t[i].n);
	}
	free(s);
}

int
pset_add(struct pset *s, const struct prefix *p, unsigned lower,
    unsigned upper)
{
	unsigned max = prefix_maxlen(p->afi), i, bit;
	struct ptrie *t;
	uint32_t cur, next;

	if (s->frozen || max == 0 || p->len > lower || lower > upper ||
	    upper > max)
		return -1;
	t = &s->t[p->afi == AFI_IPV6];
	if (t->nb == 0)
		bnode_push(t);
	cur = 0;
	for (i = 0; i < p->len; i++) {
		bit = prefix_bit(p, i);
		next = t->b[cur].child[bit];
		if (next == PSET_NONE) {
			next = bnode_push(t);
			t->b[cur].child[bit] = next;
		}
		cur = next;
	}
	for (i = lower; i <= upper; i++)
		t->b[cur].lens[i / 64] |= 1ull << (i % 64);
	t->b[cur].has = true;
	s->count++;
	return 0;
}

static uint32_t
pnode_push(struct ptrie *t)
{
	if (t->nn == t->capn) {
		t->capn = t->capn ? t->capn * 2 : 64;
		t->n = xrealloc(t->n, t->capn * sizeof(*t->n));
	}
	memset(&t->n[t->nn], 0, sizeof(t->n[0]));
	return (uint32_t)t->nn++;
}

/* Emit the compressed subtree under build node bi at depth d with key k. */
static uint32_t
ptrie_emit(struct ptrie *t, uint32_t bi, unsigned d, uint64_t k0, uint64_t k1)
{
	/* Only t->n grows while emitting, so b stays valid. */
	const struct bnode *b = &t->b[bi];
	uint32_t ni, c;
	unsigned bit;

	/* Skip levels that neither end an entry nor branch. */
	while (!b->has && (b->child[0] == PSET_NONE) !=
	    (b->child[1] == PSET_NONE)) {
		bit = b->child[1] != PSET_NONE;
		if (bit)
			key_set_bit(&k0, &k1, d);
		d++;
		b = &t->b[b->child[bit]];
	}
	if (!b->has && b->child[0] == PSET_NONE)
		return PSET_NONE;
	ni = pnode_push(t);
	t->n[ni].k[0] = k0;
	t->n[ni].k[1] = k1;
	t->n[ni].len = (uint8_t)d;
	memcpy(t->n[ni].lens, b->lens, sizeof(b->lens));
	t->n[ni].child[0] = t->n[ni].child[1] = PSET_NONE;
	for (bit = 0; bit < 2; bit++) {
		uint64_t c0 = k0, c1 = k1;

		if (b->child[bit] == PSET_NONE)
			continue;
		if (bit)
			key_set_bit(&c0, &c1, d);
		c = ptrie_emit(t, b->child[bit], d + 1, c0, c1);
		t->n[ni].child[bit] = c;
	}
	return ni;
}

void
pset_build(struct pset *s)
{
	int i;

	if (s->frozen)
		return;
	for (i = 0; i < 2; i++) {
		struct ptrie *t = &s->t[i];

		if (t->nb)
			t->root = ptrie_emit(t, 0, 0, 0, 0);
		free(t->b);
		t->b = NULL;
		t->nb = t->capb = 0;
	}
	s->frozen = true;
}

static bool
pnode_covers(const struct pnode *n, uint64_t k0, uint64_t k1)
{
	unsigned l = n->len;
	uint64_t m0, m1;

	m0 = l >= 64 ? ~0ull : l == 0 ? 0 : ~0ull << (64 - l);
	m1 = l <= 64 ? 0 : l >= 128 ? ~0ull : ~0ull << (128 - l);
	return ((k0 ^ n->k[0]) & m0) == 0 && ((k1 ^ n->k[1]) & m1) == 0;
}

bool
pset_match(const struct pset *s, const struct prefix *p)
{
	const struct ptrie *t;
	const struct pnode *n;
	uint64_t k0, k1;
	uint32_t i;
	unsigned len = p->len;

	assert(s->frozen);
	if (p->afi != AFI_IPV4 && p->afi != AFI_IPV6)
		return false;
	t = &s->t[p->afi == AFI_IPV6];
	k0 = load_be64(p->a);
	k1 = load_be64(p->a + 8);
	for (i = t->root; i != PSET_NONE; i = n->child[key_bit(k0, k1,
	    n->len)]) {
		n = &t->n[i];
		if (n->len > len || !pnode_covers(n, k0, k1))
			return false;
		if (n->lens[len / 64] & (1ull << (len % 64)))
			return true;
		if (n->len == len)
			return false;
	}
	return false;
}

size_t
pset_count(const struct pset *s)
{
	return s->count;
}

size_t
pset_node_count(const struct pset *s)
{
	return s->t[0].nn + s->t[1].nn;
}
