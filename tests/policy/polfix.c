/* Test fixture for policy tests; see polfix.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/aspath.h"
#include "tests/policy/polfix.h"

/* Encode one segment of type t from the ASNs in text up to its closer. */
static size_t
seg_encode(const char **s, uint8_t t, char close, uint8_t *buf)
{
	size_t n = 0;
	char *end;
	unsigned long as;

	/* A sequence (close == NUL) also ends at the next segment opener. */
	while (**s && **s != close && !(close == '\0' && strchr("{([", **s))) {
		if (**s == ' ' || **s == ',') {
			(*s)++;
			continue;
		}
		as = strtoul(*s, &end, 10);
		assert_true(end != *s);
		ctext_put32(buf + 2 + n * 4, (uint32_t)as);
		n++;
		*s = end;
	}
	if (close && **s == close)
		(*s)++;
	buf[0] = t;
	buf[1] = (uint8_t)n;
	return n ? 2 + n * 4 : 0;
}

size_t
fx_path_encode(const char *s, uint8_t *buf, size_t size)
{
	size_t len = 0;
	uint8_t seq[1200];
	size_t n;

	while (*s) {
		if (*s == ' ') {
			s++;
			continue;
		}
		if (*s == '{' || *s == '(' || *s == '[') {
			char c = *s++;

			n = seg_encode(&s, c == '{' ? ASPATH_SET : c == '(' ?
			    ASPATH_CONFED_SEQUENCE : ASPATH_CONFED_SET,
			    c == '{' ? '}' : c == '(' ? ')' : ']', seq);
		} else {
			n = seg_encode(&s, ASPATH_SEQUENCE, '\0', seq);
		}
		assert_true(len + n <= size);
		memcpy(buf + len, seq, n);
		len += n;
	}
	return len;
}

static size_t
comms_encode(enum ctext_kind k, const char *text, uint8_t *buf, size_t max)
{
	char *dup = strdup(text), *save = NULL, *tok;
	size_t w = ctext_width(k), n = 0;

	for (tok = strtok_r(dup, " ", &save); tok;
	    tok = strtok_r(NULL, " ", &save)) {
		assert_true(n < max);
		assert_int_equal(ctext_parse(k, tok, buf + n * w), 0);
		n++;
	}
	free(dup);
	return n * w;
}

void
fx_init(struct fx *f, const char *prefix, const char *path,
    const char *comms, const char *lcomms, const char *ecomms)
{
	memset(f, 0, sizeof(*f));
	assert_int_equal(prefix_parse(prefix, &f->pfx, true), 0);
	f->r.prefix = &f->pfx;
	f->r.peer_id = 1;
	f->r.link_id = 1;
	f->r.afi = f->pfx.afi;
	f->r.safi = SAFI_UNICAST;
	f->r.dir = POL_IMPORT;
	f->r.peer_type = POL_PEER_EBGP;
	f->r.own_as = 64512;
	attr_builder_init(&f->b);
	f->b.a.flags = ATTRS_HAS_ORIGIN;
	f->b.a.origin = ORIGIN_IGP;
	if (path) {
		f->b.a.flags |= ATTRS_HAS_ASPATH;
		f->b.aspath.p = f->path;
		f->b.aspath.len = fx_path_encode(path, f->path,
		    sizeof(f->path));
	}
	if (comms)
		f->b.comms = (struct bytes){ f->comms,
		    comms_encode(CTEXT_STD, comms, f->comms, 64) };
	if (lcomms)
		f->b.lcomms = (struct bytes){ f->lcomms,
		    comms_encode(CTEXT_LARGE, lcomms, f->lcomms, 16) };
	if (ecomms)
		f->b.ecomms = (struct bytes){ f->ecomms,
		    comms_encode(CTEXT_EXT, ecomms, f->ecomms, 16) };
}

void
fx_fini(struct fx *f)
{
	attr_builder_fini(&f->b);
}

const char *
fx_path(const struct fx *f)
{
	static char buf[4096];

	aspath_print(f->b.aspath, buf, sizeof(buf));
	return buf;
}

const char *
fx_comms(const struct fx *f, enum ctext_kind k)
{
	static char buf[2048];
	struct bytes v = k == CTEXT_STD ? f->b.comms : k == CTEXT_LARGE ?
	    f->b.lcomms : f->b.ecomms;
	size_t w = ctext_width(k), off, len = 0;
	char one[CTEXT_MAX];

	buf[0] = '\0';
	for (off = 0; off + w <= v.len; off += w) {
		ctext_print(k, v.p + off, one, sizeof(one));
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s",
		    off ? " " : "", one);
	}
	return buf;
}

struct cset *
fx_cset(struct policy_db *db, enum ctext_kind k, const char *m)
{
	struct cset *s = cset_new(k);
	char *dup = strdup(m), *save = NULL, *tok, err[128];

	for (tok = strtok_r(dup, " ", &save); tok;
	    tok = strtok_r(NULL, " ", &save))
		assert_int_equal(cset_add_text(s, tok, err, sizeof(err)), 0);
	free(dup);
	return policy_db_take_cset(db, s);
}

struct pset *
fx_pset(struct policy_db *db, const char *entries)
{
	struct pset *s = pset_new();
	char *dup = strdup(entries), *save = NULL, *tok, p[64];
	struct prefix pfx;
	unsigned lo, hi;

	for (tok = strtok_r(dup, ",", &save); tok;
	    tok = strtok_r(NULL, ",", &save)) {
		assert_int_equal(sscanf(tok, "%63s %u %u", p, &lo, &hi), 3);
		assert_int_equal(prefix_parse(p, &pfx, true), 0);
		assert_int_equal(pset_add(s, &pfx, lo, hi), 0);
	}
	free(dup);
	pset_build(s);
	return policy_db_take_pset(db, s);
}

struct aset *
fx_aset(struct policy_db *db, const char *m)
{
	struct aset *s = aset_new();
	char *dup = strdup(m), *save = NULL, *tok, err[128];

	for (tok = strtok_r(dup, " ", &save); tok;
	    tok = strtok_r(NULL, " ", &save))
		assert_int_equal(aset_add(s, tok, err, sizeof(err)), 0);
	free(dup);
	return policy_db_take_aset(db, s);
}
