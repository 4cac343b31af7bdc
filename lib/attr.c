/*
 * Interned attribute sets (lib/attr.h). Owns three open-addressing hash
 * tables per struct attr_table: one of immutable byte strings (struct blob)
 * for the variable-length parts, one of extensions (struct attr_ext: the
 * rarely present members, shared by every set that has the same ones, e.g.
 * the copies of one route received over several links, which differ only in
 * NEXT_HOP) and one of attribute sets (struct attrs) keyed by every member.
 * Lookups hash the builder's views directly, so a hit (the common case: many
 * prefixes share one set) allocates nothing and touches no blob table; a
 * set with rare members first finds its extension (no extension, no set),
 * then compares the set's own members and the extension by pointer. Blobs
 * and extensions are interned only when a new set is inserted. Linear
 * probing with backward-shift deletion keeps tables free of tombstones.
 *
 * Next hops (a few distinct ones) are interned in a fourth table.
 *
 * Memory (a full table has hundreds of thousands of sets): a slot is one
 * 8-byte word, the object pointer with the top 16 bits of its hash in the
 * (unused) top 16 bits of the address, so most mismatches are rejected
 * without touching the object; the full hash is read from the object when
 * a slot moves. Sets, extensions and blobs up to SLAB_MAX bytes come from a
 * slab of 64 KiB chunks carved in 8-byte size classes, each class with a
 * free list, so a 56-byte set costs 56 bytes, not a malloc chunk of 64, and
 * a 30-byte AS_PATH blob 32, not 48. Knows nothing about the wire layout
 * (bgpd/wire_attr.c) or the RIB.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lib/aspath.h"
#include "lib/attr.h"
#include "lib/xmalloc.h"

/* Under AddressSanitizer, free slab objects stay poisoned (use after free). */
#if defined(__has_feature)
#if __has_feature(address_sanitizer) && !defined(__SANITIZE_ADDRESS__)
#define __SANITIZE_ADDRESS__ 1
#endif
#endif
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#define SLAB_POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define SLAB_UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define SLAB_POISON(p, n) ((void)(p), (void)(n))
#define SLAB_UNPOISON(p, n) ((void)(p), (void)(n))
#endif

#define ATTR_TABLE_MIN 64		/* initial slots, a power of two */
#define ATTR_CHUNK_MIN 2048		/* builder storage granularity */

struct attr_chunk {
	struct attr_chunk *next;
	size_t used;
	size_t cap;
	uint8_t data[];
};

/*
 * One slot: a struct attrs * or struct blob * (0 = free) in the low
 * SLOT_PTR_BITS bits, the top 16 bits of its hash above them.
 */
#define SLOT_PTR_BITS 48
#define SLOT_PTR_MASK ((UINT64_C(1) << SLOT_PTR_BITS) - 1)

struct attr_htab {
	uint64_t *slots;
	size_t cap;			/* power of two */
	size_t n;
};

/* Slab: 64 KiB chunks, free objects linked in place per size class. */
#define ATTR_SLAB_CHUNK 65536
#define SLAB_MAX 256			/* largest slab object, a multiple of 8 */
#define SLAB_NCLASS (SLAB_MAX / 8 + 1)

struct attr_slab_chunk {
	struct attr_slab_chunk *next;
};

struct attr_table {
	struct attr_htab sets;
	struct attr_htab blobs;
	struct attr_htab exts;
	struct attr_htab nhs;
	struct attr_slab_chunk *chunks;
	void *free[SLAB_NCLASS];	/* free objects of 8 x i bytes */
	uint8_t *fresh;			/* never used space in the newest chunk */
	size_t nfresh;			/* its bytes */
};

/* Both kinds keep their hash at the same place, read by htab_hash(). */
_Static_assert(offsetof(struct attrs, hash) == offsetof(struct blob, hash),
    "hash offset");
_Static_assert(offsetof(struct attr_ext, hash) == offsetof(struct blob, hash),
    "hash offset");
_Static_assert(offsetof(struct attr_nh, hash) == offsetof(struct blob, hash),
    "hash offset");
_Static_assert(sizeof(struct attrs) == 56, "struct attrs is packed");

/* Number of variable-length parts of a set, in a fixed order. */
#define ATTR_NVIEWS 6
/* Views 0 and 1 (AS_PATH, COMMUNITIES) live in the set, the rest in ext. */
#define ATTR_NCORE 2

static uint64_t	hash_bytes(const uint8_t *p, size_t n, uint64_t seed);
static uint32_t	hash_fold(uint64_t h);

/* 64-bit finaliser (MurmurHash3 fmix64): spreads every input bit. */
static inline uint64_t
hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static inline uint64_t
hash_step(uint64_t h, uint64_t v)
{
	h ^= v;
	h *= 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

/* Hash n bytes eight at a time; the length is part of the hash. */
static uint64_t
hash_bytes(const uint8_t *p, size_t n, uint64_t seed)
{
	uint64_t h = hash_step(seed, n), w;

	while (n >= 8) {
		memcpy(&w, p, 8);
		h = hash_step(h, w);
		p += 8;
		n -= 8;
	}
	if (n) {
		w = 0;
		memcpy(&w, p, n);
		h = hash_step(h, w);
	}
	return hash_mix(h);
}

static uint32_t
hash_fold(uint64_t h)
{
	return (uint32_t)(h ^ (h >> 32));
}

/* Hash tables. */

static inline void *
slot_ptr(uint64_t v)
{
	return (void *)(uintptr_t)(v & SLOT_PTR_MASK);
}

/* The tag a slot for hash keeps: the top 16 bits of the hash. */
static inline uint64_t
slot_tag(uint32_t hash)
{
	return (uint64_t)(hash >> 16) << SLOT_PTR_BITS;
}

static inline bool
slot_tag_eq(uint64_t v, uint32_t hash)
{
	return (v & ~SLOT_PTR_MASK) == slot_tag(hash);
}

/* The full hash of the object in a used slot. */
static uint32_t
htab_hash(uint64_t v)
{
	uint32_t hash;

	memcpy(&hash, (const uint8_t *)slot_ptr(v) +
	    offsetof(struct blob, hash), sizeof(hash));
	return hash;
}

static void
htab_init(struct attr_htab *h)
{
	h->cap = ATTR_TABLE_MIN;
	h->n = 0;
	h->slots = xcalloc(h->cap, sizeof(*h->slots));
}

static void
htab_put(struct attr_htab *h, uint32_t hash, void *p)
{
	size_t mask = h->cap - 1, i = hash & mask;
	uintptr_t a = (uintptr_t)p;

	/* User-space addresses fit 48 bits on every 64-bit ABI we run on. */
	assert(a != 0 && ((uint64_t)a & ~SLOT_PTR_MASK) == 0);
	while (h->slots[i] != 0)
		i = (i + 1) & mask;
	h->slots[i] = (uint64_t)a | slot_tag(hash);
	h->n++;
}

/*
 * Keep the load factor at or below 4/5: with 8-byte slots and 16-bit tags
 * a probe is a compare in a cache line already loaded, so longer chains
 * (about 3 slots per hit, 13 per miss) cost less than twice the memory.
 */
static void
htab_grow(struct attr_htab *h)
{
	uint64_t *old = h->slots;
	size_t oldcap = h->cap, i;

	if ((h->n + 1) * 5 <= h->cap * 4)
		return;
	h->cap = oldcap * 2;
	h->n = 0;
	h->slots = xcalloc(h->cap, sizeof(*h->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i] != 0)
			htab_put(h, htab_hash(old[i]), slot_ptr(old[i]));
	free(old);
}

/* Remove p (present, with hash) and shift the following run back. */
static void
htab_del(struct attr_htab *h, uint32_t hash, const void *p)
{
	size_t mask = h->cap - 1, i = hash & mask, j, home;

	while (slot_ptr(h->slots[i]) != p) {
		assert(h->slots[i] != 0);
		i = (i + 1) & mask;
	}
	h->slots[i] = 0;
	h->n--;
	for (j = (i + 1) & mask; h->slots[j] != 0; j = (j + 1) & mask) {
		home = htab_hash(h->slots[j]) & mask;
		/* Move j into the hole at i unless its home lies in (i, j]. */
		if (((j - home) & mask) >= ((j - i) & mask)) {
			h->slots[i] = h->slots[j];
			h->slots[j] = 0;
			i = j;
		}
	}
}

struct attr_table *
attr_table_new(void)
{
	struct attr_table *t = xcalloc(1, sizeof(*t));

	htab_init(&t->sets);
	htab_init(&t->blobs);
	htab_init(&t->exts);
	htab_init(&t->nhs);
	return t;
}

void
attr_table_free(struct attr_table *t)
{
	struct attr_slab_chunk *c;

	if (t == NULL)
		return;
	assert(t->sets.n == 0);
	assert(t->blobs.n == 0);
	assert(t->exts.n == 0);
	assert(t->nhs.n == 0);
	while ((c = t->chunks) != NULL) {
		t->chunks = c->next;
		free(c);
	}
	free(t->sets.slots);
	free(t->blobs.slots);
	free(t->exts.slots);
	free(t->nhs.slots);
	free(t);
}

size_t
attr_table_count(const struct attr_table *t)
{
	return t->sets.n;
}

size_t
attr_table_blob_count(const struct attr_table *t)
{
	return t->blobs.n;
}

size_t
attr_table_ext_count(const struct attr_table *t)
{
	return t->exts.n;
}

/* The slab. */

/* Bytes a slab object of n bytes takes: n rounded up to 8. */
static size_t
slab_size(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* n bytes (8 <= n <= SLAB_MAX) of 8-aligned storage from t's slab. */
static void *
slab_alloc(struct attr_table *t, size_t n)
{
	struct attr_slab_chunk *c;
	void *p;

	n = slab_size(n);
	assert(n >= sizeof(void *) && n <= SLAB_MAX);
	if ((p = t->free[n / 8]) != NULL) {
		SLAB_UNPOISON(p, n);
		memcpy(&t->free[n / 8], p, sizeof(p));
		return p;
	}
	if (t->nfresh < n) {
		/* The old chunk's tail (< SLAB_MAX bytes) stays unused. */
		c = xmalloc(ATTR_SLAB_CHUNK);
		c->next = t->chunks;
		t->chunks = c;
		t->fresh = (uint8_t *)c + slab_size(sizeof(*c));
		t->nfresh = ATTR_SLAB_CHUNK - slab_size(sizeof(*c));
		SLAB_POISON(t->fresh, t->nfresh);
	}
	p = t->fresh;
	SLAB_UNPOISON(p, n);
	t->fresh += n;
	t->nfresh -= n;
	return p;
}

/* Return p, n bytes from slab_alloc() with the same n. */
static void
slab_free(struct attr_table *t, void *p, size_t n)
{
	n = slab_size(n);
	memcpy(p, &t->free[n / 8], sizeof(p));
	t->free[n / 8] = p;
	SLAB_POISON((uint8_t *)p + sizeof(p), n - sizeof(p));
}

/* Blobs. */

struct bytes
blob_bytes(const struct blob *b)
{
	struct bytes v = { NULL, 0 };

	if (b != NULL) {
		v.p = b->data;
		v.len = b->len;
	}
	return v;
}

bool
bytes_eq(struct bytes a, struct bytes b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

static uint32_t
blob_hash(struct bytes v)
{
	return v.len == 0 ? 0 : hash_fold(hash_bytes(v.p, v.len, 0x62));
}

/* Find or insert the blob holding v (hash precomputed); NULL for empty. */
static const struct blob *
blob_intern(struct attr_table *t, struct bytes v, uint32_t hash)
{
	struct attr_htab *h = &t->blobs;
	struct blob *b;
	size_t mask, i;

	if (v.len == 0)
		return NULL;
	assert(v.len <= UINT32_MAX);
	htab_grow(h);
	mask = h->cap - 1;
	for (i = hash & mask; h->slots[i] != 0; i = (i + 1) & mask) {
		if (!slot_tag_eq(h->slots[i], hash))
			continue;
		b = slot_ptr(h->slots[i]);
		if (b->hash == hash && b->len == v.len &&
		    memcmp(b->data, v.p, v.len) == 0) {
			b->refcnt++;
			return b;
		}
	}
	if (sizeof(*b) + v.len <= SLAB_MAX)
		b = slab_alloc(t, sizeof(*b) + v.len);
	else
		b = xmalloc(sizeof(*b) + v.len);
	b->refcnt = 1;
	b->hash = hash;
	b->len = (uint32_t)v.len;
	memcpy(b->data, v.p, v.len);
	htab_put(h, hash, b);
	return b;
}

static void
blob_unref(struct attr_table *t, const struct blob *cb)
{
	struct blob *b = (struct blob *)(uintptr_t)cb;

	if (b == NULL)
		return;
	assert(b->refcnt > 0);
	if (--b->refcnt > 0)
		return;
	htab_del(&t->blobs, b->hash, b);
	if (sizeof(*b) + b->len <= SLAB_MAX)
		slab_free(t, b, sizeof(*b) + b->len);
	else
		free(b);
}

/* Builders. */

void
attr_builder_init(struct attr_builder *b)
{
	memset(b, 0, sizeof(*b));
}

void
attr_builder_fini(struct attr_builder *b)
{
	struct attr_chunk *c, *next;

	for (c = b->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	memset(b, 0, sizeof(*b));
}

/*
 * Zero every member but chunks, member by member: a memset of the whole
 * builder compiles to "rep stos", whose start-up cost (~20 ns) dominated a
 * per-route reset; these stores are a few cycles.
 */
static void
attr_builder_clear(struct attr_builder *b)
{
	static const struct addr none;
	static const struct bytes empty;

	b->a.flags = 0;
	b->a.origin = 0;
	b->a.med = b->a.local_pref = 0;
	b->a.aggr_as = b->a.aggr_id = b->a.originator_id = b->a.otc = 0;
	b->a.nexthop = none;
	b->a.nexthop_ll = none;
	b->aspath = b->comms = b->ecomms = empty;
	b->lcomms = b->clusters = b->unknown = empty;
}

void
attr_builder_reset(struct attr_builder *b)
{
	struct attr_chunk *c = b->chunks, *next;
	size_t total = 0;

	/* Collapse several chunks into one big enough for all of them. */
	if (c != NULL && c->next != NULL) {
		for (; c != NULL; c = next) {
			next = c->next;
			total += c->cap;
			free(c);
		}
		c = xmalloc(sizeof(*c) + total);
		c->next = NULL;
		c->cap = total;
	}
	if (c != NULL)
		c->used = 0;
	attr_builder_clear(b);
	b->chunks = c;
}

uint8_t *
attr_builder_alloc(struct attr_builder *b, size_t n)
{
	struct attr_chunk *c = b->chunks;
	uint8_t *p;

	if (c == NULL || c->cap - c->used < n) {
		size_t cap = n > ATTR_CHUNK_MIN ? n : ATTR_CHUNK_MIN;

		c = xmalloc(sizeof(*c) + cap);
		c->cap = cap;
		c->used = 0;
		c->next = b->chunks;
		b->chunks = c;
	}
	p = c->data + c->used;
	c->used += n;
	return p;
}

void
attr_builder_from(struct attr_builder *b, const struct attrs *a)
{
	const struct attr_ext *e = a->ext;
	static const struct attr_ext none;

	if (e == NULL)
		e = &none;
	b->a.flags = a->flags;
	b->a.origin = a->origin;
	b->a.med = a->med;
	b->a.local_pref = a->local_pref;
	b->a.nexthop = a->nh->addr;
	b->a.aggr_as = e->aggr_as;
	b->a.aggr_id = e->aggr_id;
	b->a.originator_id = e->originator_id;
	b->a.otc = e->otc;
	b->a.nexthop_ll = e->nexthop_ll;
	b->aspath = blob_bytes(a->aspath);
	b->comms = blob_bytes(a->comms);
	b->ecomms = blob_bytes(e->ecomms);
	b->lcomms = blob_bytes(e->lcomms);
	b->clusters = blob_bytes(e->clusters);
	b->unknown = blob_bytes(e->unknown);
}

/* Interning. */

/* Copy the present scalar members of src into k; absent ones become zero. */
static void
vals_canon(struct attr_vals *k, const struct attr_vals *src)
{
	uint32_t f = src->flags;

	memset(k, 0, sizeof(*k));
	k->flags = f;
	if (f & ATTRS_HAS_ORIGIN)
		k->origin = src->origin;
	if (f & ATTRS_HAS_MED)
		k->med = src->med;
	if (f & ATTRS_HAS_LOCAL_PREF)
		k->local_pref = src->local_pref;
	if (f & ATTRS_HAS_AGGREGATOR) {
		k->aggr_as = src->aggr_as;
		k->aggr_id = src->aggr_id;
	}
	if (f & ATTRS_HAS_ORIGINATOR)
		k->originator_id = src->originator_id;
	if (f & ATTRS_HAS_OTC)
		k->otc = src->otc;
	if (f & ATTRS_HAS_NEXTHOP)
		k->nexthop = src->nexthop;
	if (f & ATTRS_HAS_NEXTHOP_LL)
		k->nexthop_ll = src->nexthop_ll;
}

static bool
vals_eq(const struct attr_vals *a, const struct attr_vals *b)
{
	return a->flags == b->flags && a->origin == b->origin &&
	    a->med == b->med && a->local_pref == b->local_pref &&
	    a->aggr_as == b->aggr_as && a->aggr_id == b->aggr_id &&
	    a->originator_id == b->originator_id && a->otc == b->otc &&
	    addr_eq(&a->nexthop, &b->nexthop) &&
	    addr_eq(&a->nexthop_ll, &b->nexthop_ll);
}

static uint64_t
addr_hash(const struct addr *a)
{
	return hash_bytes(a->a, 16, a->afi);
}

static void
builder_views(const struct attr_builder *b, struct bytes v[ATTR_NVIEWS])
{
	v[0] = b->aspath;
	v[1] = b->comms;
	v[2] = b->ecomms;
	v[3] = b->lcomms;
	v[4] = b->clusters;
	v[5] = b->unknown;
}

bool
attr_builder_eq(const struct attr_builder *a, const struct attr_builder *b)
{
	struct attr_vals ka, kb;
	struct bytes va[ATTR_NVIEWS], vb[ATTR_NVIEWS];
	int i;

	vals_canon(&ka, &a->a);
	vals_canon(&kb, &b->a);
	if (!vals_eq(&ka, &kb))
		return false;
	builder_views(a, va);
	builder_views(b, vb);
	for (i = 0; i < ATTR_NVIEWS; i++)
		if (!bytes_eq(va[i], vb[i]))
			return false;
	return true;
}

/*
 * A set being interned: its canonical values, views and their hashes, and
 * the hashes of its two parts.
 */
struct attr_key {
	struct attr_vals k;
	struct bytes v[ATTR_NVIEWS];
	uint32_t vh[ATTR_NVIEWS];
	bool has_ext;			/* a rare member is not zero/empty */
	uint32_t ext_hash;
	uint32_t nh_hash;		/* of k.nexthop */
	uint32_t hash;
};

static void
key_init(struct attr_key *key, const struct attr_builder *b)
{
	const struct attr_vals *k = &key->k;
	uint64_t h = 0x73, eh = 0x65;
	int i;

	vals_canon(&key->k, &b->a);
	builder_views(b, key->v);
	for (i = 0; i < ATTR_NVIEWS; i++)
		key->vh[i] = blob_hash(key->v[i]);
	key->has_ext = (k->aggr_as | k->aggr_id | k->originator_id |
	    k->otc | k->nexthop_ll.afi) != 0 ||
	    memcmp(k->nexthop_ll.a, (const uint8_t[16]){ 0 }, 16) != 0;
	for (i = ATTR_NCORE; i < ATTR_NVIEWS; i++)
		key->has_ext |= key->v[i].len != 0;
	key->ext_hash = 0;
	if (key->has_ext) {
		eh = hash_step(eh, ((uint64_t)k->aggr_as << 32) | k->aggr_id);
		eh = hash_step(eh, ((uint64_t)k->originator_id << 32) |
		    k->otc);
		eh = hash_step(eh, addr_hash(&k->nexthop_ll));
		for (i = ATTR_NCORE; i < ATTR_NVIEWS; i++)
			eh = hash_step(eh, key->vh[i]);
		key->ext_hash = hash_fold(hash_mix(eh));
	}
	h = hash_step(h, ((uint64_t)k->flags << 8) | k->origin);
	h = hash_step(h, ((uint64_t)k->med << 32) | k->local_pref);
	key->nh_hash = hash_fold(addr_hash(&k->nexthop));
	if (k->flags & ATTRS_HAS_NEXTHOP)
		h = hash_step(h, key->nh_hash);
	for (i = 0; i < ATTR_NCORE; i++)
		h = hash_step(h, key->vh[i]);
	h = hash_step(h, key->ext_hash);
	key->hash = hash_fold(hash_mix(h));
}

/* True if the interned extension e holds the rare members of key. */
static bool
ext_eq(const struct attr_ext *e, const struct attr_key *key)
{
	const struct attr_vals *k = &key->k;

	return e->hash == key->ext_hash && e->aggr_as == k->aggr_as &&
	    e->aggr_id == k->aggr_id &&
	    e->originator_id == k->originator_id && e->otc == k->otc &&
	    addr_eq(&e->nexthop_ll, &k->nexthop_ll) &&
	    bytes_eq(blob_bytes(e->ecomms), key->v[2]) &&
	    bytes_eq(blob_bytes(e->lcomms), key->v[3]) &&
	    bytes_eq(blob_bytes(e->clusters), key->v[4]) &&
	    bytes_eq(blob_bytes(e->unknown), key->v[5]);
}

/* The interned extension equal to key's rare members; NULL if absent. */
static struct attr_ext *
ext_lookup(const struct attr_table *t, const struct attr_key *key)
{
	const struct attr_htab *h = &t->exts;
	size_t mask = h->cap - 1, i;
	struct attr_ext *e;

	for (i = key->ext_hash & mask; h->slots[i] != 0; i = (i + 1) & mask) {
		if (!slot_tag_eq(h->slots[i], key->ext_hash))
			continue;
		e = slot_ptr(h->slots[i]);
		if (ext_eq(e, key))
			return e;
	}
	return NULL;
}

/* Find or insert key's extension (it has one); returns a new reference. */
static const struct attr_ext *
ext_intern(struct attr_table *t, const struct attr_key *key)
{
	const struct attr_vals *k = &key->k;
	struct attr_ext *e;

	if ((e = ext_lookup(t, key)) != NULL) {
		e->refcnt++;
		return e;
	}
	htab_grow(&t->exts);
	e = slab_alloc(t, sizeof(*e));
	e->refcnt = 1;
	e->hash = key->ext_hash;
	e->aggr_as = k->aggr_as;
	e->aggr_id = k->aggr_id;
	e->originator_id = k->originator_id;
	e->otc = k->otc;
	e->nexthop_ll = k->nexthop_ll;
	e->ecomms = blob_intern(t, key->v[2], key->vh[2]);
	e->lcomms = blob_intern(t, key->v[3], key->vh[3]);
	e->clusters = blob_intern(t, key->v[4], key->vh[4]);
	e->unknown = blob_intern(t, key->v[5], key->vh[5]);
	htab_put(&t->exts, e->hash, e);
	return e;
}

static void
ext_unref(struct attr_table *t, const struct attr_ext *ce)
{
	struct attr_ext *e = (struct attr_ext *)(uintptr_t)ce;

	if (e == NULL)
		return;
	assert(e->refcnt > 0);
	if (--e->refcnt > 0)
		return;
	htab_del(&t->exts, e->hash, e);
	blob_unref(t, e->ecomms);
	blob_unref(t, e->lcomms);
	blob_unref(t, e->clusters);
	blob_unref(t, e->unknown);
	slab_free(t, e, sizeof(*e));
}

/* Find or insert the next hop a (hash precomputed); a new reference. */
static const struct attr_nh *
nh_intern(struct attr_table *t, const struct addr *a, uint32_t hash)
{
	struct attr_htab *h = &t->nhs;
	struct attr_nh *n;
	size_t mask, i;

	htab_grow(h);
	mask = h->cap - 1;
	for (i = hash & mask; h->slots[i] != 0; i = (i + 1) & mask) {
		if (!slot_tag_eq(h->slots[i], hash))
			continue;
		n = slot_ptr(h->slots[i]);
		if (n->hash == hash && addr_eq(&n->addr, a)) {
			n->refcnt++;
			return n;
		}
	}
	n = slab_alloc(t, sizeof(*n));
	n->refcnt = 1;
	n->hash = hash;
	n->addr = *a;
	htab_put(h, hash, n);
	return n;
}

static void
nh_unref(struct attr_table *t, const struct attr_nh *cn)
{
	struct attr_nh *n = (struct attr_nh *)(uintptr_t)cn;

	assert(n->refcnt > 0);
	if (--n->refcnt > 0)
		return;
	htab_del(&t->nhs, n->hash, n);
	slab_free(t, n, sizeof(*n));
}

/*
 * Look for the set equal to key whose rare members are the interned
 * extension e (NULL = none); NULL if absent.
 */
static struct attrs *
attrs_lookup_key(const struct attr_table *t, const struct attr_key *key,
    const struct attr_ext *e)
{
	const struct attr_htab *h = &t->sets;
	const struct attr_vals *k = &key->k;
	size_t mask = h->cap - 1, i;
	struct attrs *s;

	for (i = key->hash & mask; h->slots[i] != 0; i = (i + 1) & mask) {
		if (!slot_tag_eq(h->slots[i], key->hash))
			continue;
		s = slot_ptr(h->slots[i]);
		if (s->hash == key->hash && s->ext == e &&
		    s->flags == k->flags && s->origin == k->origin &&
		    s->med == k->med && s->local_pref == k->local_pref &&
		    addr_eq(&s->nh->addr, &k->nexthop) &&
		    bytes_eq(blob_bytes(s->aspath), key->v[0]) &&
		    bytes_eq(blob_bytes(s->comms), key->v[1]))
			return s;
	}
	return NULL;
}

const struct attrs *
attrs_intern(struct attr_table *t, const struct attr_builder *b)
{
	struct attr_key key;
	const struct attr_ext *e = NULL;
	struct attrs *s;
	unsigned len;

	key_init(&key, b);
	/* A set with rare members can exist only if its extension does. */
	if (!key.has_ext || (e = ext_lookup(t, &key)) != NULL) {
		s = attrs_lookup_key(t, &key, e);
		if (s != NULL) {
			s->refcnt++;
			return s;
		}
	}
	htab_grow(&t->sets);
	s = slab_alloc(t, sizeof(*s));
	memset(s, 0, sizeof(*s));
	s->refcnt = 1;
	s->hash = key.hash;
	s->med = key.k.med;
	s->local_pref = key.k.local_pref;
	s->flags = key.k.flags;
	s->origin = key.k.origin;
	s->nh = nh_intern(t, &key.k.nexthop, key.nh_hash);
	s->aspath = blob_intern(t, key.v[0], key.vh[0]);
	len = aspath_length(key.v[0]);
	s->aslen = (uint16_t)(len > UINT16_MAX ? UINT16_MAX : len);
	s->comms = blob_intern(t, key.v[1], key.vh[1]);
	s->ext = key.has_ext ? ext_intern(t, &key) : NULL;
	htab_put(&t->sets, key.hash, s);
	return s;
}

const struct attrs *
attrs_ref(const struct attrs *ca)
{
	struct attrs *a = (struct attrs *)(uintptr_t)ca;

	assert(a->refcnt > 0);
	a->refcnt++;
	return a;
}

void
attrs_unref(struct attr_table *t, const struct attrs *ca)
{
	struct attrs *a = (struct attrs *)(uintptr_t)ca;

	if (a == NULL)
		return;
	assert(a->refcnt > 0);
	if (--a->refcnt > 0)
		return;
	htab_del(&t->sets, a->hash, a);
	blob_unref(t, a->aspath);
	blob_unref(t, a->comms);
	ext_unref(t, a->ext);
	nh_unref(t, a->nh);
	slab_free(t, a, sizeof(*a));
}
