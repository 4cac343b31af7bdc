/*
 * Prefix sets: a binary trie per address family. Entries are inserted into a
 * plain one-bit-per-level trie; pset_build() then path-compresses it into one
 * array of nodes, keeping only nodes that end an entry or branch. Each node
 * stores its key bits (so skipped levels are verified on the way down) and a
 * bitmap of the route lengths its entries accept (bit L set = some entry
 * ending here has lower <= L <= upper). Matching walks the route's bits from
 * the root and tests the route length against each visited node's bitmap:
 * at most one node per stored prefix length on the path, no backtracking.
 *
 * Large tries also get a first-level index over the top `stride` bits
 * (stride = log2 of the node count, 8..16, so the index costs at most about
 * 8 bytes per node): for each value of those bits, the node where the walk
 * resumes and the union of the length bitmaps of the shallower nodes on
 * that path (deduplicated). A route at least stride bits long then starts
 * below the dense top of the trie instead of at the root.
 */
#include <assert.h>
#include <endian.h>
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

/* Frozen, path-compressed node: 32 bytes, two per cache line. */
struct pnode {
	uint64_t k[2];		/* key bits [0, len), rest zero */
	uint32_t child[2];
	uint32_t map;		/* accepted route lengths: index into maps */
	uint8_t len;
};

/*
 * The IPv4 trie is walked over a 16-byte copy of its nodes, four per cache
 * line: the key fits 32 bits and the length shares a word with the map.
 */
struct pnode4 {
	uint32_t k;
	uint32_t child[2];
	uint32_t lm;		/* len << 24 | map */
};

#define PNODE4_MAPS (1u << 24)

/* First-level index entry: where to resume, and the shallow lengths. */
struct pslot {
	uint32_t start;		/* first node with len >= stride, or NONE */
	uint32_t map;		/* index into maps; 0 = no shallow lengths */
};

struct pmap {
	uint64_t w[3];
};

struct ptrie {
	struct bnode *b;
	size_t nb, capb;
	struct pnode *n;
	size_t nn, capn;
	struct pnode4 *n4;	/* IPv4 only, after pset_build() */
	uint32_t root;
	unsigned stride;	/* 0 = no index */
	struct pslot *slots;	/* 2^stride entries */
	struct pmap *maps;	/* deduplicated; [0] = no length */
	size_t nmaps, capmaps;
	uint32_t *mhash;	/* build time: open-addressing index of maps */
	size_t mhmask;
};

struct pset {
	struct ptrie t[2];	/* [0] IPv4, [1] IPv6 */
	size_t count;		/* entries added */
	bool frozen;
};

static uint64_t
load_be64(const uint8_t *p)
{
	uint64_t v;

	memcpy(&v, p, sizeof(v));
	return be64toh(v);
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
		free(s->t[i].n4);
		free(s->t[i].slots);
		free(s->t[i].maps);
		free(s->t[i].mhash);
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

/* Size the map index for every build node and index slot, and add the
 * empty map as [0]. */
static void
ptrie_maps_init(struct ptrie *t)
{
	size_t need = 2 * (t->nb + ((size_t)1 << 16) + 1);

	t->mhmask = 1;
	while (t->mhmask + 1 < need)
		t->mhmask = t->mhmask * 2 + 1;
	t->mhash = xcalloc(t->mhmask + 1, sizeof(*t->mhash));
	t->capmaps = 16;
	t->maps = xcalloc(t->capmaps, sizeof(*t->maps));
	t->nmaps = 1;
}

/* Find or add the length bitmap m in t->maps; 0 for the empty one. */
static uint32_t
pmap_intern(struct ptrie *t, const uint64_t *m)
{
	size_t h;

	if ((m[0] | m[1] | m[2]) == 0)
		return 0;
	h = (size_t)((m[0] ^ m[1] * 31 ^ m[2] * 131) * 0x9e3779b97f4a7c15ull
	    >> 32) & t->mhmask;
	while (t->mhash[h] && memcmp(t->maps[t->mhash[h]].w, m,
	    sizeof(t->maps[0].w)) != 0)
		h = (h + 1) & t->mhmask;
	if (t->mhash[h] == 0) {
		if (t->nmaps == t->capmaps) {
			t->capmaps *= 2;
			t->maps = xrealloc(t->maps, t->capmaps *
			    sizeof(*t->maps));
		}
		memcpy(t->maps[t->nmaps].w, m, sizeof(t->maps[0].w));
		t->mhash[h] = (uint32_t)t->nmaps++;
	}
	return t->mhash[h];
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
	t->n[ni].map = pmap_intern(t, b->lens);
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

static bool
pnode_covers(const struct pnode *n, uint64_t k0, uint64_t k1)
{
	unsigned l = n->len;
	uint64_t m0, m1;

	m0 = l >= 64 ? ~0ull : l == 0 ? 0 : ~0ull << (64 - l);
	m1 = l <= 64 ? 0 : l >= 128 ? ~0ull : ~0ull << (128 - l);
	return ((k0 ^ n->k[0]) & m0) == 0 && ((k1 ^ n->k[1]) & m1) == 0;
}

/* Walk the top stride bits of slot; fill its resume node and map. */
static void
ptrie_slot(struct ptrie *t, uint32_t slot)
{
	uint64_t k0 = (uint64_t)slot << (64 - t->stride), m[3] = { 0, 0, 0 };
	const struct pnode *n;
	uint32_t i = t->root;

	while (i != PSET_NONE) {
		n = &t->n[i];
		if (n->len >= t->stride)
			break;
		if (!pnode_covers(n, k0, 0)) {
			i = PSET_NONE;
			break;
		}
		m[0] |= t->maps[n->map].w[0];
		m[1] |= t->maps[n->map].w[1];
		m[2] |= t->maps[n->map].w[2];
		i = n->child[key_bit(k0, 0, n->len)];
	}
	/* Routes shorter than stride never use the index. */
	m[0] &= ~((1ull << t->stride) - 1);
	t->slots[slot].start = i;
	t->slots[slot].map = pmap_intern(t, m);
}

static void
ptrie_index(struct ptrie *t)
{
	unsigned s = 0;
	uint32_t slot;

	while (s < 16 && ((size_t)2 << s) <= t->nn)
		s++;
	if (s < 8)
		return;
	t->stride = s;
	t->slots = xcalloc((size_t)1 << s, sizeof(*t->slots));
	for (slot = 0; slot < (1u << s); slot++)
		ptrie_slot(t, slot);
}

/* Make the compact IPv4 copy of the nodes (same indices). */
static void
ptrie_compact4(struct ptrie *t)
{
	size_t i;

	if (t->nn == 0 || t->nmaps > PNODE4_MAPS)
		return;
	t->n4 = xcalloc(t->nn, sizeof(*t->n4));
	for (i = 0; i < t->nn; i++) {
		t->n4[i].k = (uint32_t)(t->n[i].k[0] >> 32);
		t->n4[i].child[0] = t->n[i].child[0];
		t->n4[i].child[1] = t->n[i].child[1];
		t->n4[i].lm = (uint32_t)t->n[i].len << 24 | t->n[i].map;
	}
	free(t->n);
	t->n = NULL;
}

void
pset_build(struct pset *s)
{
	int i;

	if (s->frozen)
		return;
	for (i = 0; i < 2; i++) {
		struct ptrie *t = &s->t[i];

		ptrie_maps_init(t);
		if (t->nb)
			t->root = ptrie_emit(t, 0, 0, 0, 0);
		ptrie_index(t);
		if (i == 0)
			ptrie_compact4(t);
		free(t->mhash);
		t->mhash = NULL;
		free(t->b);
		t->b = NULL;
		t->nb = t->capb = 0;
	}
	s->frozen = true;
}

/* The IPv4 walk over the compact nodes; resumes at node i. */
static bool
pset_match4(const struct ptrie *t, uint32_t i, uint32_t k, unsigned len,
    uint64_t lbit)
{
	const struct pnode4 *n;
	unsigned nlen;

	for (; i != PSET_NONE; i = n->child[nlen < 32 ? k >> (31 - nlen) & 1 :
	    0]) {
		n = &t->n4[i];
		nlen = n->lm >> 24;
		if (nlen > len || (nlen && (k ^ n->k) >> (32 - nlen)))
			return false;
		if (t->maps[n->lm & (PNODE4_MAPS - 1)].w[0] & lbit)
			return true;
		if (nlen == len)
			return false;
	}
	return false;
}

bool
pset_match(const struct pset *s, const struct prefix *p)
{
	const struct ptrie *t;
	const struct pnode *n;
	uint64_t k0, k1, m, lbit;
	uint32_t i;
	unsigned len = p->len, lw = len / 64;

	assert(s->frozen);
	if (p->afi != AFI_IPV4 && p->afi != AFI_IPV6)
		return false;
	t = &s->t[p->afi == AFI_IPV6];
	k0 = load_be64(p->a);
	k1 = load_be64(p->a + 8);
	lbit = 1ull << (len % 64);
	i = t->root;
	if (t->stride && len >= t->stride) {
		const struct pslot *sl = &t->slots[k0 >> (64 - t->stride)];

		if (t->maps[sl->map].w[lw] & lbit)
			return true;
		i = sl->start;
	}
	if (t->n4)
		return pset_match4(t, i, (uint32_t)(k0 >> 32), len, lbit);
	for (; i != PSET_NONE; i = n->child[key_bit(k0, k1, n->len)]) {
		n = &t->n[i];
		if (n->len > len)
			return false;
		/* pnode_covers(), inlined: this is the hot loop. */
		m = n->len >= 64 ? ~0ull : n->len == 0 ? 0 :
		    ~0ull << (64 - n->len);
		if (((k0 ^ n->k[0]) & m) || (n->len > 64 && ((k1 ^ n->k[1]) &
		    (~0ull << (128 - n->len)))))
			return false;
		if (t->maps[n->map].w[lw] & lbit)
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
