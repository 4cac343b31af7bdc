/*
 * Community sets: literal members stored contiguously in insertion order and
 * indexed by an open-addressing hash table (linear probing, load <= 1/2);
 * regex members compiled once with regcomp(REG_EXTENDED | REG_NOSUB).
 * Matching a route community costs one hash probe, plus one regexec() per
 * regex member when the set has any.
 */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "lib/community.h"
#include "lib/xmalloc.h"
#include "policy/cset.h"

struct cset {
	enum ctext_kind kind;
	size_t width;
	uint8_t *vals;		/* n x width */
	size_t n, capv;
	uint32_t *slots;	/* member index + 1; 0 = empty */
	size_t mask;		/* slot count - 1 */
	regex_t *re;
	size_t nre;
};

static inline uint32_t
load32(const uint8_t *p)
{
	uint32_t v;

	memcpy(&v, p, sizeof(v));
	return v;
}

/* Hash of a value; byte order does not matter, only consistency. */
static inline uint32_t
cset_hash(const uint8_t *v, size_t w)
{
	uint32_t h = load32(v) * 0x9e3779b1u;
	size_t i;

	for (i = 4; i < w; i += 4)
		h = (h ^ load32(v + i)) * 0x9e3779b1u;
	return h ^ h >> 15;
}

struct cset *
cset_new(enum ctext_kind k)
{
	struct cset *s = xcalloc(1, sizeof(*s));

	s->kind = k;
	s->width = ctext_width(k);
	s->mask = 7;
	s->slots = xcalloc(s->mask + 1, sizeof(*s->slots));
	return s;
}

void
cset_free(struct cset *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nre; i++)
		regfree(&s->re[i]);
	free(s->re);
	free(s->vals);
	free(s->slots);
	free(s);
}

/* Slot index holding v, or of the empty slot where it would go. */
static inline size_t
cset_probe(const struct cset *s, const uint8_t *v)
{
	size_t i = cset_hash(v, s->width) & s->mask;
	uint32_t x;

	if (s->width == 4) {
		/* Standard communities: compare words, not bytes. */
		x = load32(v);
		while (s->slots[i] && load32(s->vals + (s->slots[i] - 1) * 4) !=
		    x)
			i = (i + 1) & s->mask;
		return i;
	}
	while (s->slots[i] &&
	    memcmp(s->vals + (s->slots[i] - 1) * s->width, v, s->width) != 0)
		i = (i + 1) & s->mask;
	return i;
}

static void
cset_grow(struct cset *s)
{
	size_t i;

	free(s->slots);
	s->mask = s->mask * 2 + 1;
	s->slots = xcalloc(s->mask + 1, sizeof(*s->slots));
	for (i = 0; i < s->n; i++)
		s->slots[cset_probe(s, s->vals + i * s->width)] =
		    (uint32_t)i + 1;
}

void
cset_add(struct cset *s, const uint8_t *v)
{
	size_t i = cset_probe(s, v);

	if (s->slots[i])
		return;
	if (s->n == s->capv) {
		s->capv = s->capv ? s->capv * 2 : 8;
		s->vals = xrealloc(s->vals, s->capv * s->width);
	}
	memcpy(s->vals + s->n * s->width, v, s->width);
	s->slots[i] = (uint32_t)++s->n;
	if (s->n * 2 > s->mask)
		cset_grow(s);
}

int
cset_add_text(struct cset *s, const char *m, char *err, size_t errlen)
{
	uint8_t v[12];
	int rc;

	if (ctext_parse(s->kind, m, v) == 0) {
		cset_add(s, v);
		return 0;
	}
	s->re = xrealloc(s->re, (s->nre + 1) * sizeof(*s->re));
	rc = regcomp(&s->re[s->nre], m, REG_EXTENDED | REG_NOSUB);
	if (rc != 0) {
		regerror(rc, &s->re[s->nre], err, errlen);
		return -1;
	}
	s->nre++;
	return 0;
}

static inline bool
cset_has_literal(const struct cset *s, const uint8_t *v)
{
	return s->slots[cset_probe(s, v)] != 0;
}

static bool
cset_re_match(const regex_t *re, enum ctext_kind k, const uint8_t *v)
{
	char buf[CTEXT_MAX];

	return regexec(re, ctext_print(k, v, buf, sizeof(buf)), 0, NULL,
	    0) == 0;
}

bool
cset_has(const struct cset *s, const uint8_t *v)
{
	size_t i;

	if (cset_has_literal(s, v))
		return true;
	for (i = 0; i < s->nre; i++)
		if (cset_re_match(&s->re[i], s->kind, v))
			return true;
	return false;
}

static bool
cset_match_all(const struct cset *s, struct bytes comms)
{
	size_t i, off;

	for (i = 0; i < s->n; i++)
		if (!community_view_has(comms, s->vals + i * s->width,
		    s->width))
			return false;
	for (i = 0; i < s->nre; i++) {
		for (off = 0; off + s->width <= comms.len; off += s->width)
			if (cset_re_match(&s->re[i], s->kind, comms.p + off))
				break;
		if (off + s->width > comms.len)
			return false;
	}
	return true;
}

bool
cset_match(const struct cset *s, struct bytes comms, enum pol_match_opt opt)
{
	size_t off;
	bool any = false;

	if (opt == POL_MATCH_ALL)
		return cset_match_all(s, comms);
	/* Literals first (one probe each), then the regexes. */
	for (off = 0; off + s->width <= comms.len && !any; off += s->width)
		any = cset_has_literal(s, comms.p + off);
	for (off = 0; off + s->width <= comms.len && !any && s->nre;
	    off += s->width)
		any = cset_has(s, comms.p + off);
	return opt == POL_MATCH_INVERT ? !any : any;
}

enum ctext_kind
cset_kind(const struct cset *s)
{
	return s->kind;
}

const uint8_t *
cset_values(const struct cset *s)
{
	return s->vals;
}

size_t
cset_count(const struct cset *s)
{
	return s->n;
}

size_t
cset_regex_count(const struct cset *s)
{
	return s->nre;
}
