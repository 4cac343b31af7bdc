/*
 * Prefix hash map (see advmap.h). Invariants, checked by the tests against
 * a naive reference: every stored prefix is reachable from its home index
 * (hash_home()) by stepping forward (wrapping) over full or tombstone
 * entries only; tombstones exist only while a walk is open; count + tombs
 * stay at most 3/4 of cap; key bits beyond an entry's length are zero.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "rib/advmap.h"

#define ST_EMPTY 0		/* calloc()'d memory is empty */
#define ST_FULL 1
#define ST_TOMB 2

#define ADVMAP_MIN 16
#define ADVMAP_FAST (1u << 18)	/* entries: below, grow by 3 not 1.5 */


/* Entry i of m. */
static inline uint8_t *
ent(const struct advmap *m, size_t i)
{
	return m->ents + i * m->esize;
}

static inline uint8_t *
ent_key(const struct advmap *m, uint8_t *e)
{
	return e + m->vsize;
}

static inline uint8_t *
ent_len(const struct advmap *m, uint8_t *e)
{
	return e + m->vsize + m->keylen;
}

static inline uint8_t *
ent_state(const struct advmap *m, uint8_t *e)
{
	return e + m->vsize + m->keylen + 1;
}

static inline uint8_t *
ent_epoch(const struct advmap *m, uint8_t *e)
{
	return e + m->vsize + m->keylen + 2;
}

/* murmur3's 64-bit finaliser: every input bit reaches every output bit. */
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

static inline uint64_t
key_hash(const uint8_t *k, uint8_t keylen, uint8_t len)
{
	uint64_t a, b;
	uint32_t w;

	if (keylen == 4) {
		memcpy(&w, k, 4);
		return mix64((uint64_t)w << 8 | len);
	}
	memcpy(&a, k, 8);
	memcpy(&b, k + 8, 8);
	return mix64(a ^ mix64(b ^ len));
}

/* Whether the key bytes a and b are equal (one or two word compares). */
static inline bool
key_eq(const uint8_t *a, const uint8_t *b, uint8_t keylen)
{
	uint64_t x[2], y[2];
	uint32_t v, w;

	if (keylen == 4) {
		memcpy(&v, a, 4);
		memcpy(&w, b, 4);
		return v == w;
	}
	memcpy(x, a, 16);
	memcpy(y, b, 16);
	return ((x[0] ^ y[0]) | (x[1] ^ y[1])) == 0;
}

/* Home index of a hash: the top 32 bits scaled to cap (cap < 2^32). */
static inline size_t
hash_home(const struct advmap *m, uint64_t h)
{
	return (size_t)(((h >> 32) * (uint64_t)m->cap) >> 32);
}

static inline size_t
step(const struct advmap *m, size_t i)
{
	return i + 1 == m->cap ? 0 : i + 1;
}

/* p's key bytes with the bits beyond p->len cleared. */
static void
key_of(const struct advmap *m, const struct prefix *p, uint8_t *k)
{
	unsigned len = p->len, i;

	memcpy(k, p->a, m->keylen);
	for (i = 0; i < m->keylen; i++) {
		if (len >= 8) {
			len -= 8;
			continue;
		}
		k[i] &= (uint8_t)(0xff00u >> len);
		len = 0;
	}
}

/*
 * Index of k/len in m, or of where it would go: *found says which. The
 * insertion point is the first tombstone on the probe path, else the
 * empty entry that ended it. m->cap must not be 0.
 */
static size_t
probe(const struct advmap *m, const uint8_t *k, uint8_t len, bool *found)
{
	size_t i = hash_home(m, key_hash(k, m->keylen, len)), slot = SIZE_MAX;
	uint8_t *e;

	for (;; i = step(m, i)) {
		e = ent(m, i);
		switch (*ent_state(m, e)) {
		case ST_EMPTY:
			*found = false;
			return slot != SIZE_MAX ? slot : i;
		case ST_TOMB:
			if (slot == SIZE_MAX)
				slot = i;
			break;
		default:
			if (*ent_len(m, e) == len &&
			    key_eq(ent_key(m, e), k, m->keylen)) {
				*found = true;
				return i;
			}
		}
	}
}

void
advmap_init(struct advmap *m, uint8_t afi, size_t value_size)
{
	memset(m, 0, sizeof(*m));
	m->afi = afi;
	m->keylen = afi == AFI_IPV6 ? 16 : 4;
	m->vsize = (value_size + 7) & ~(size_t)7;
	m->esize = (m->vsize + m->keylen + 3 + 7) & ~(size_t)7;
	m->epoch = 1;
}

void
advmap_fini(struct advmap *m)
{
	free(m->ents);
	m->ents = NULL;
	m->cap = m->count = m->tombs = 0;
	m->walking = false;
	m->wpos = 0;
}

/*
 * Move every stored entry into a fresh array of newcap entries (0: free
 * it; else at least count + 1 and at least 4/3 count). Drops tombstones;
 * an open walk restarts from the beginning.
 */
static void
map_rehash(struct advmap *m, size_t newcap)
{
	uint8_t *old = m->ents, *e, *d;
	size_t oldcap = m->cap, i, j;
	bool found;

	m->ents = newcap > 0 ? xcalloc_big(newcap, m->esize) : NULL;
	m->cap = newcap;
	m->tombs = 0;
	m->wpos = 0;
	m->rehashes++;
	for (i = 0; i < oldcap && newcap > 0; i++) {
		e = old + i * m->esize;
		if (*ent_state(m, e) != ST_FULL)
			continue;
		j = probe(m, ent_key(m, e), *ent_len(m, e), &found);
		d = ent(m, j);
		memcpy(d, e, m->esize);
	}
	free(old);
}

/* The capacity for n entries at half load. */
static size_t
cap_for(size_t n)
{
	size_t c = 2 * n;

	if (c < ADVMAP_MIN)
		c = ADVMAP_MIN;
	if (c >= (size_t)UINT32_MAX)
		abort();
	return c;
}

void *
advmap_add(struct advmap *m, const struct prefix *p, bool *created)
{
	uint8_t k[16], *e;
	size_t i = 0;
	bool found;

	key_of(m, p, k);
	if (m->cap > 0) {
		i = probe(m, k, p->len, &found);
		if (found) {
			*created = false;
			e = ent(m, i);
			*ent_epoch(m, e) = m->epoch;
			return e;
		}
	}
	/*
	 * From 3/4 full: back to half full, or to 1/4 while the map is small
	 * (below ADVMAP_FAST), so a table filling from nothing is moved and
	 * freshly zeroed about half as often.
	 */
	if (4 * (m->count + m->tombs + 1) > 3 * m->cap) {
		map_rehash(m, cap_for(m->count < ADVMAP_FAST ?
		    2 * (m->count + 1) : m->count + 1));
		i = probe(m, k, p->len, &found);
	}
	e = ent(m, i);
	if (*ent_state(m, e) == ST_TOMB)
		m->tombs--;
	memset(e, 0, m->esize);
	memcpy(ent_key(m, e), k, m->keylen);
	*ent_len(m, e) = p->len;
	*ent_state(m, e) = ST_FULL;
	*ent_epoch(m, e) = m->epoch;
	m->count++;
	*created = true;
	return e;
}

void *
advmap_lookup(const struct advmap *m, const struct prefix *p)
{
	uint8_t k[16];
	size_t i;
	bool found;

	if (m->count == 0)
		return NULL;
	key_of(m, p, k);
	i = probe(m, k, p->len, &found);
	return found ? ent(m, i) : NULL;
}

/*
 * Empty entry i and close the gap: later entries of the probe run whose
 * home is not cyclically within (i, j] move back into it (Knuth's
 * algorithm R for linear probing).
 */
static void
shift_back(struct advmap *m, size_t i)
{
	size_t j = i, h;
	uint8_t *e;

	for (;;) {
		*ent_state(m, ent(m, i)) = ST_EMPTY;
		for (;;) {
			j = step(m, j);
			e = ent(m, j);
			if (*ent_state(m, e) == ST_EMPTY)
				return;
			h = hash_home(m, key_hash(ent_key(m, e), m->keylen,
			    *ent_len(m, e)));
			if (i <= j ? (i < h && h <= j) : (i < h || h <= j))
				continue;	/* already as close as it goes */
			break;
		}
		memcpy(ent(m, i), e, m->esize);
		i = j;
	}
}

void
advmap_remove_value(struct advmap *m, void *v)
{
	size_t i = (size_t)((uint8_t *)v - m->ents) / m->esize;

	m->count--;
	if (m->walking) {
		*ent_state(m, ent(m, i)) = ST_TOMB;
		m->tombs++;
		return;
	}
	if (m->count == 0) {
		map_rehash(m, 0);
		return;
	}
	shift_back(m, i);
	if (m->cap > ADVMAP_MIN && 8 * m->count < m->cap)
		map_rehash(m, cap_for(m->count));
}

bool
advmap_remove(struct advmap *m, const struct prefix *p)
{
	void *v = advmap_lookup(m, p);

	if (v == NULL)
		return false;
	advmap_remove_value(m, v);
	return true;
}

void
advmap_value_prefix(const struct advmap *m, const void *v, struct prefix *out)
{
	uint8_t *e = (uint8_t *)(uintptr_t)v;

	memset(out, 0, sizeof(*out));
	out->afi = m->afi;
	out->len = *ent_len(m, e);
	memcpy(out->a, ent_key(m, e), m->keylen);
}

size_t
advmap_count(const struct advmap *m)
{
	return m->count;
}

size_t
advmap_bytes(const struct advmap *m)
{
	return m->cap * m->esize;
}

void *
advmap_next(const struct advmap *m, size_t *pos, struct prefix *p)
{
	uint8_t *e;

	for (; *pos < m->cap; (*pos)++) {
		e = ent(m, *pos);
		if (*ent_state(m, e) != ST_FULL)
			continue;
		(*pos)++;
		if (p != NULL)
			advmap_value_prefix(m, e, p);
		return e;
	}
	return NULL;
}

void
advmap_walk_start(struct advmap *m)
{
	m->walking = true;
	m->wpos = 0;
}

void *
advmap_walk_next(struct advmap *m, struct prefix *p)
{
	void *v;

	if (!m->walking)
		return NULL;
	v = advmap_next(m, &m->wpos, p);
	if (v == NULL)
		advmap_walk_stop(m);
	return v;
}

void
advmap_walk_stop(struct advmap *m)
{
	if (!m->walking)
		return;
	m->walking = false;
	m->wpos = 0;
	if (m->tombs == 0)
		return;
	/* Same size (no growth for a few tombstones) unless nearly empty. */
	if (m->count == 0)
		map_rehash(m, 0);
	else if (m->cap > ADVMAP_MIN && 8 * m->count < m->cap)
		map_rehash(m, cap_for(m->count));
	else
		map_rehash(m, m->cap);
}

void
advmap_prefetch(const struct advmap *m, const struct prefix *p)
{
	uint8_t k[16];
	const uint8_t *e;

	if (m->cap == 0)
		return;
	key_of(m, p, k);
	e = ent(m, hash_home(m, key_hash(k, m->keylen, p->len)));
	/* The entry may straddle two lines, and a probe runs on forward. */
	__builtin_prefetch(e);
	__builtin_prefetch((const void *)((uintptr_t)e + 64));
}

void
advmap_epoch_next(struct advmap *m)
{
	size_t i;

	if (++m->epoch != 0)
		return;
	/* Wrapped: no entry may keep a stamp that could look current. */
	for (i = 0; i < m->cap; i++)
		*ent_epoch(m, ent(m, i)) = 0;
	m->epoch = 1;
}

bool
advmap_value_current(const struct advmap *m, const void *v)
{
	return *ent_epoch(m, (uint8_t *)(uintptr_t)v) == m->epoch;
}
