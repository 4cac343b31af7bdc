/*
 * Standard, extended and large communities over byte views (lib/community.h):
 * one set of generic helpers over fixed-size elements (has, add, remove),
 * the per-kind text forms (bgpdump 1.6.2 for standard communities) and
 * parsers. Edits are written into attribute builder storage; views passed
 * in are never modified. RFC 1997, RFC 4360, RFC 8092, RFC 8326.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/community.h"
#include "lib/rd.h"
#include "lib/wr.h"

/* Generic sets of k-byte elements. */

static bool
elem_has(struct bytes set, const uint8_t *e, size_t k)
{
	struct rd r;
	const uint8_t *p;

	rd_init(&r, set.p, set.len);
	while (rd_ptr(&r, k, &p))
		if (memcmp(p, e, k) == 0)
			return true;
	return false;
}

static struct bytes
elem_add(struct attr_builder *b, struct bytes set, const uint8_t *e, size_t k)
{
	struct bytes out;
	struct wr w;
	uint8_t *p;

	if (elem_has(set, e, k))
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

	if (!elem_has(set, e, k))
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

static void
put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
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

	put_be32(e, c);
	return elem_has(comms, e, 4);
}

struct bytes
community_add(struct attr_builder *b, struct bytes comms, uint32_t c)
{
	uint8_t e[4];

	put_be32(e, c);
	return elem_add(b, comms, e, 4);
}

struct bytes
community_remove(struct attr_builder *b, struct bytes comms, uint32_t c)
{
	uint8_t e[4];

	put_be32(e, c);
	return elem_remove(b, comms, e, 4);
}

size_t
community_print(struct bytes comms, char *buf, size_t size)
{
	struct rd r;
	uint32_t c;
	size_t pos = 0;
	char one[16];

	rd_init(&r, comms.p, comms.len);
	while (rd_u32(&r, &c)) {
		if (pos > 0)
			text_put(buf, size, &pos, " ");
		/* bgpdump 1.6.2 names exactly these three. */
		if (c == COMMUNITY_NO_EXPORT)
			text_put(buf, size, &pos, "no-export");
		else if (c == COMMUNITY_NO_ADVERTISE)
			text_put(buf, size, &pos, "no-advertise");
		else if (c == COMMUNITY_NO_EXPORT_SUBCONFED)
			text_put(buf, size, &pos, "local-AS");
		else {
			snprintf(one, sizeof(one), "%u:%u", c >> 16,
			    c & 0xffff);
			text_put(buf, size, &pos, one);
		}
	}
	return text_end(buf, size, pos);
}

int
community_parse(const char *s, uint32_t *c)
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
		{ "blackhole", COMMUNITY_BLACKHOLE },
	};
	unsigned long hi, lo;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(s, names[i].name) == 0) {
			*c = names[i].v;
			return 0;
		}
	if (num_parse(&s, 0xffffffffUL, &hi) != 0)
		return -1;
	if (*s == '\0') {
		*c = (uint32_t)hi;
		return 0;
	}
	if (*s++ != ':' || hi > 0xffff || num_parse(&s, 0xffff, &lo) != 0 ||
	    *s != '\0')
		return -1;
	*c = (uint32_t)(hi << 16 | lo);
	return 0;
}

/* Large communities. */

static void
large_bytes(const struct community_large *c, uint8_t e[12])
{
	put_be32(e, c->global);
	put_be32(e + 4, c->local1);
	put_be32(e + 8, c->local2);
}

bool
community_large_has(struct bytes lcomms, const struct community_large *c)
{
	uint8_t e[12];

	large_bytes(c, e);
	return elem_has(lcomms, e, 12);
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
	return elem_has(ecomms, ec, 8);
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

/* Text of one extended community into one[64]. */
static void
ext_one(const uint8_t *e, char *one, size_t size)
{
	struct rd r;
	uint8_t type, sub, ip[4];
	uint16_t as2, l2;
	uint32_t as4, l4;
	const char *what = e[1] == 2 ? "rt" : e[1] == 3 ? "soo" : NULL;

	rd_init(&r, e, 8);
	rd_u8(&r, &type);
	rd_u8(&r, &sub);
	if (what != NULL && type == 0x00 && rd_u16(&r, &as2) &&
	    rd_u32(&r, &l4)) {
		snprintf(one, size, "%s %u:%u", what, as2, l4);
	} else if (what != NULL && type == 0x01 && rd_copy(&r, ip, 4) &&
	    rd_u16(&r, &l2)) {
		snprintf(one, size, "%s %u.%u.%u.%u:%u", what, ip[0], ip[1],
		    ip[2], ip[3], l2);
	} else if (what != NULL && type == 0x02 && rd_u32(&r, &as4) &&
	    rd_u16(&r, &l2)) {
		snprintf(one, size, "%s %u:%u", what, as4, l2);
	} else {
		snprintf(one, size, "0x%02x%02x:%02x%02x%02x%02x%02x%02x",
		    e[0], e[1], e[2], e[3], e[4], e[5], e[6], e[7]);
	}
}

size_t
community_ext_print(struct bytes ecomms, char *buf, size_t size)
{
	struct rd r;
	const uint8_t *e;
	size_t pos = 0;
	char one[64];

	rd_init(&r, ecomms.p, ecomms.len);
	while (rd_ptr(&r, 8, &e)) {
		if (pos > 0)
			text_put(buf, size, &pos, " ");
		ext_one(e, one, sizeof(one));
		text_put(buf, size, &pos, one);
	}
	return text_end(buf, size, pos);
}

/* Parse the "A:N" part of an extended community of subtype sub. */
static int
ext_parse_value(const char *s, uint8_t sub, uint8_t ec[8])
{
	unsigned long a, n, ipb[4];
	int i;

	memset(ec, 0, 8);
	ec[1] = sub;
	if (strchr(s, '.') != NULL) {
		for (i = 0; i < 4; i++)
			if (num_parse(&s, 255, &ipb[i]) != 0 ||
			    *s++ != (i < 3 ? '.' : ':'))
				return -1;
		if (num_parse(&s, 0xffff, &n) != 0 || *s != '\0')
			return -1;
		ec[0] = 0x01;
		for (i = 0; i < 4; i++)
			ec[2 + i] = (uint8_t)ipb[i];
		ec[6] = (uint8_t)(n >> 8);
		ec[7] = (uint8_t)n;
		return 0;
	}
	if (num_parse(&s, 0xffffffffUL, &a) != 0 || *s++ != ':' ||
	    num_parse(&s, 0xffffffffUL, &n) != 0 || *s != '\0')
		return -1;
	if (a <= 0xffff) {
		ec[2] = (uint8_t)(a >> 8);
		ec[3] = (uint8_t)a;
		put_be32(ec + 4, (uint32_t)n);
		return 0;
	}
	if (n > 0xffff)
		return -1;
	ec[0] = 0x02;
	put_be32(ec + 2, (uint32_t)a);
	ec[6] = (uint8_t)(n >> 8);
	ec[7] = (uint8_t)n;
	return 0;
}

int
community_ext_parse(const char *s, uint8_t ec[8])
{
	if (strncmp(s, "rt ", 3) == 0)
		return ext_parse_value(s + 3, 2, ec);
	if (strncmp(s, "soo ", 4) == 0)
		return ext_parse_value(s + 4, 3, ec);
	return -1;
}
