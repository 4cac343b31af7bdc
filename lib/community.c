/*
 * Standard, extended and large communities over byte views (lib/community.h):
 * one set of generic helpers over fixed-size elements (has, add, remove),
 * the per-kind text forms in both styles (bgpdump 1.6.2 output and the
 * policy configuration form, which policy/ctext.c adapts) and the one set of
 * parsers, accepting both route-target spellings. Edits are written into attribute builder storage; views passed
 * in are never modified. RFC 1997, RFC 4360, RFC 8092, RFC 8326.
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "lib/community.h"
#include "lib/prefix.h"
#include "lib/rd.h"
#include "lib/wr.h"

/* Generic sets of k-byte elements. */

bool
community_view_has(struct bytes view, const uint8_t *e, size_t w)
{
	size_t off;

	for (off = 0; off + w <= view.len; off += w)
		if (memcmp(view.p + off, e, w) == 0)
			return true;
	return false;
}

static struct bytes
elem_add(struct attr_builder *b, struct bytes set, const uint8_t *e, size_t k)
{
	struct bytes out;
	struct wr w;
	uint8_t *p;

	if (community_view_has(set, e, k))
		return set;
	out.len = set.len - set.len % k + k;
	p = attr_builder_alloc(b, out.len);
	wr_init(&w, p, out.len);
	wr_bytes(&w, set.p, set.len - set.len % k);
	wr_bytes(&w, e, k);
	out.p = p;
	return out;
}

static struct bytes
elem_remove(struct attr_builder *b, struct bytes set, const uint8_t *e,
    size_t k)
{
	struct bytes out;
	const uint8_t *q;
	struct rd r;
	struct wr w;
	uint8_t *p;

	if (!community_view_has(set, e, k))
		return set;
	p = attr_builder_alloc(b, set.len);
	wr_init(&w, p, set.len);
	rd_init(&r, set.p, set.len);
	while (rd_ptr(&r, k, &q))
		if (memcmp(q, e, k) != 0)
			wr_bytes(&w, q, k);
	out.p = p;
	out.len = wr_len(&w);
	return out;
}

void
community_encode(uint8_t *p, uint32_t c)
{
	p[0] = (uint8_t)(c >> 24);
	p[1] = (uint8_t)(c >> 16);
	p[2] = (uint8_t)(c >> 8);
	p[3] = (uint8_t)c;
}

uint32_t
community_decode(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/* Append s to buf at *pos, snprintf style. */
static void
text_put(char *buf, size_t size, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (*pos < size) {
		size_t room = size - *pos - 1;

		memcpy(buf + *pos, s, n < room ? n : room);
	}
	*pos += n;
}

static size_t
text_end(char *buf, size_t size, size_t pos)
{
	if (size > 0)
		buf[pos < size ? pos : size - 1] = '\0';
	return pos;
}

/* Parse a decimal number up to max; advance *s. */
static int
num_parse(const char **s, unsigned long max, unsigned long *v)
{
	char *end;

	if (**s < '0' || **s > '9')
		return -1;
	errno = 0;
	*v = strtoul(*s, &end, 10);
	if (errno != 0 || *v > max)
		return -1;
	*s = end;
	return 0;
}

/* Standard communities. */

bool
community_has(struct bytes comms, uint32_t c)
{
	uint8_t e[4];

	community_encode(e, c);
	return community_view_has(comms, e, 4);
}

struct bytes
community_add(struct attr_builder *b, struct bytes comms, uint32_t c)
{
	uint8_t e[4];

	community_encode(e, c);
	return elem_add(b, comms, e, 4);
}

struct bytes
community_remove(struct attr_builder *b, struct bytes comms, uint32_t c)
{
	uint8_t e[4];

	community_encode(e, c);
	return elem_remove(b, comms, e, 4);
}

size_t
community_value_print(uint32_t c, enum community_form f, char *buf,
    size_t size)
{
	int n;

	/* bgpdump 1.6.2 names exactly these three. */
	if (f == COMMUNITY_FORM_BGPDUMP && c == COMMUNITY_NO_EXPORT)
		n = snprintf(buf, size, "no-export");
	else if (f == COMMUNITY_FORM_BGPDUMP && c == COMMUNITY_NO_ADVERTISE)
		n = snprintf(buf, size, "no-advertise");
	else if (f == COMMUNITY_FORM_BGPDUMP &&
	    c == COMMUNITY_NO_EXPORT_SUBCONFED)
		n = snprintf(buf, size, "local-AS");
	else
		n = snprintf(buf, size, "%u:%u", c >> 16, c & 0xffff);
	return n < 0 ? 0 : (size_t)n;
}

size_t
community_print(struct bytes comms, char *buf, size_t size)
{
	struct rd r;
	uint32_t c;
	size_t pos = 0;
	char one[COMMUNITY_TEXT_MAX];

	rd_init(&r, comms.p, comms.len);
	while (rd_u32(&r, &c)) {
		if (pos > 0)
			text_put(buf, size, &pos, " ");
		community_value_print(c, COMMUNITY_FORM_BGPDUMP, one,
		    sizeof(one));
		text_put(buf, size, &pos, one);
	}
	return text_end(buf, size, pos);
}

/* Case-insensitive name comparison where "_" in s stands for "-". */
static bool
name_eq(const char *s, const char *name)
{
	for (; *s && *name; s++, name++)
		if (tolower((unsigned char)(*s == '_' ? '-' : *s)) !=
		    tolower((unsigned char)*name))
			return false;
	return *s == *name;
}

/* Well-known name, "A:B", and with plain a bare 32-bit number. */
static int
std_parse(const char *s, bool plain, uint32_t *c)
{
	static const struct {
		const char *name;
		uint32_t v;
	} names[] = {
		{ "no-export", COMMUNITY_NO_EXPORT },
		{ "no-advertise", COMMUNITY_NO_ADVERTISE },
		{ "local-AS", COMMUNITY_NO_EXPORT_SUBCONFED },
		{ "no-export-subconfed", COMMUNITY_NO_EXPORT_SUBCONFED },
		{ "graceful-shutdown", COMMUNITY_GRACEFUL_SHUTDOWN },
		{ "accept-own", COMMUNITY_ACCEPT_OWN },
		{ "llgr-stale", COMMUNITY_LLGR_STALE },
		{ "no-llgr", COMMUNITY_NO_LLGR },
		{ "blackhole", COMMUNITY_BLACKHOLE },
		{ "no-peer", COMMUNITY_NO_PEER },
		{ "nopeer", COMMUNITY_NO_PEER },
	};
	unsigned long hi, lo;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (name_eq(s, names[i].name)) {
			*c = names[i].v;
			return 0;
		}
	if (num_parse(&s, 0xffffffffUL, &hi) != 0)
		return -1;
	if (*s == '\0' && plain) {
		*c = (uint32_t)hi;
		return 0;
	}
	if (*s++ != ':' || hi > 0xffff || num_parse(&s, 0xffff, &lo) != 0 ||
	    *s != '\0')
		return -1;
	*c = (uint32_t)(hi << 16 | lo);
	return 0;
}

int
community_parse(const char *s, uint32_t *c)
{
	return std_parse(s, true, c);
}

int
community_literal_parse(const char *s, uint32_t *c)
{
	return std_parse(s, false, c);
}

/* Large communities. */

static void
large_bytes(const struct community_large *c, uint8_t e[12])
{
	community_encode(e, c->global);
	community_encode(e + 4, c->local1);
	community_encode(e + 8, c->local2);
}

bool
community_large_has(struct bytes lcomms, const struct community_large *c)
{
	uint8_t e[12];

	large_bytes(c, e);
	return community_view_has(lcomms, e, 12);
}

struct bytes
community_large_add(struct attr_builder *b, struct bytes lcomms,
    const struct community_large *c)
{
	uint8_t e[12];

	large_bytes(c, e);
	return elem_add(b, lcomms, e, 12);
}

struct bytes
community_large_remove(struct attr_builder *b, struct bytes lcomms,
    const struct community_large *c)
{
	uint8_t e[12];

	large_bytes(c, e);
	return elem_remove(b, lcomms, e, 12);
}

size_t
community_large_print(struct bytes lcomms, char *buf, size_t size)
{
	struct rd r;
	uint32_t g, l1, l2;
	size_t pos = 0;
	char one[40];

	rd_init(&r, lcomms.p, lcomms.len);
	while (rd_u32(&r, &g) && rd_u32(&r, &l1) && rd_u32(&r, &l2)) {
		snprintf(one, sizeof(one), "%s%u:%u:%u", pos ? " " : "", g,
		    l1, l2);
		text_put(buf, size, &pos, one);
	}
	return text_end(buf, size, pos);
}

int
community_large_parse(const char *s, struct community_large *c)
{
	unsigned long v[3];
	int i;

	for (i = 0; i < 3; i++) {
		if (num_parse(&s, 0xffffffffUL, &v[i]) != 0)
			return -1;
		if (*s != (i < 2 ? ':' : '\0'))
			return -1;
		s++;
	}
	c->global = (uint32_t)v[0];
	c->local1 = (uint32_t)v[1];
	c->local2 = (uint32_t)v[2];
	return 0;
}

/* Extended communities (RFC 4360 3, RFC 5668). */

bool
community_ext_has(struct bytes ecomms, const uint8_t ec[8])
{
	return community_view_has(ecomms, ec, 8);
}

struct bytes
community_ext_add(struct attr_builder *b, struct bytes ecomms,
    const uint8_t ec[8])
{
	return elem_add(b, ecomms, ec, 8);
}

struct bytes
community_ext_remove(struct attr_builder *b, struct bytes ecomms,
    const uint8_t ec[8])
{
	return elem_remove(b, ecomms, ec, 8);
}

size_t
community_ext_value_print(const uint8_t ec[8], enum community_form f,
    char *buf, size_t size)
{
	const char *what = ec[1] == 2 ? "rt" : ec[1] == 3 ? "soo" : NULL;
	char sep = f == COMMUNITY_FORM_CONFIG ? ':' : ' ';
	unsigned n16 = (unsigned)ec[6] << 8 | ec[7];
	int n;

	if (what != NULL && ec[0] == 0x00)
		n = snprintf(buf, size, "%s%c%u:%u", what, sep,
		    (unsigned)ec[2] << 8 | ec[3], community_decode(ec + 4));
	else if (what != NULL && ec[0] == 0x01)
		n = snprintf(buf, size, "%s%c%u.%u.%u.%u:%u", what, sep, ec[2],
		    ec[3], ec[4], ec[5], n16);
	else if (what != NULL && ec[0] == 0x02)
		n = snprintf(buf, size, "%s%c%u:%u", what, sep,
		    community_decode(ec + 2), n16);
	else
		n = snprintf(buf, size, f == COMMUNITY_FORM_CONFIG ?
		    "0x%02x%02x%02x%02x%02x%02x%02x%02x" :
		    "0x%02x%02x:%02x%02x%02x%02x%02x%02x", ec[0], ec[1], ec[2],
		    ec[3], ec[4], ec[5], ec[6], ec[7]);
	return n < 0 ? 0 : (size_t)n;
}

size_t
community_ext_print(struct bytes ecomms, char *buf, size_t size)
{
	struct rd r;
	const uint8_t *e;
	size_t pos = 0;
	char one[COMMUNITY_TEXT_MAX];

	rd_init(&r, ecomms.p, ecomms.len);
	while (rd_ptr(&r, 8, &e)) {
		if (pos > 0)
			text_put(buf, size, &pos, " ");
		community_ext_value_print(e, COMMUNITY_FORM_BGPDUMP, one,
		    sizeof(one));
		text_put(buf, size, &pos, one);
	}
	return text_end(buf, size, pos);
}

/* Parse the "A:N" part of an extended community of subtype sub. */
static int
ext_parse_value(const char *s, uint8_t sub, uint8_t ec[8])
{
	const char *colon = strrchr(s, ':');
	unsigned long a, n;
	struct addr ip;
	char host[16];

	memset(ec, 0, 8);
	ec[1] = sub;
	if (colon != NULL && (size_t)(colon - s) < sizeof(host)) {
		memcpy(host, s, (size_t)(colon - s));
		host[colon - s] = '\0';
		if (addr_parse(host, &ip) == 0 && ip.afi == AFI_IPV4) {
			s = colon + 1;
			if (num_parse(&s, 0xffff, &n) != 0 || *s != '\0')
				return -1;
			ec[0] = 0x01;
			memcpy(ec + 2, ip.a, 4);
			ec[6] = (uint8_t)(n >> 8);
			ec[7] = (uint8_t)n;
			return 0;
		}
	}
	if (num_parse(&s, 0xffffffffUL, &a) != 0 || *s++ != ':' ||
	    num_parse(&s, 0xffffffffUL, &n) != 0 || *s != '\0')
		return -1;
	if (a <= 0xffff) {
		ec[2] = (uint8_t)(a >> 8);
		ec[3] = (uint8_t)a;
		community_encode(ec + 4, (uint32_t)n);
		return 0;
	}
	if (n > 0xffff)
		return -1;
	ec[0] = 0x02;
	community_encode(ec + 2, (uint32_t)a);
	ec[6] = (uint8_t)(n >> 8);
	ec[7] = (uint8_t)n;
	return 0;
}

int
community_ext_parse(const char *s, uint8_t ec[8])
{
	if (strncasecmp(s, "rt", 2) == 0 && (s[2] == ' ' || s[2] == ':'))
		return ext_parse_value(s + 3, 2, ec);
	if (strncasecmp(s, "soo", 3) == 0 && (s[3] == ' ' || s[3] == ':'))
		return ext_parse_value(s + 4, 3, ec);
	return -1;
}
