/*
 * Community text parsing and regex checks for configuration (yang/comm.h).
 * Knows the RFC 1997 and IANA well-known community names and the RFC 4360
 * route-target / route-origin encodings; nothing else.
 */
#include <ctype.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/comm.h"

static const struct {
	const char *name;
	uint32_t val;
} comm_wellknown[] = {
	{ "GRACEFUL_SHUTDOWN", 0xFFFF0000u },	/* RFC 8326 */
	{ "ACCEPT_OWN", 0xFFFF0001u },		/* RFC 7611 */
	{ "LLGR_STALE", 0xFFFF0006u },
	{ "NO_LLGR", 0xFFFF0007u },
	{ "BLACKHOLE", 0xFFFF029Au },		/* RFC 7999 */
	{ "NO_EXPORT", 0xFFFFFF01u },		/* RFC 1997 */
	{ "NO_ADVERTISE", 0xFFFFFF02u },
	{ "NO_EXPORT_SUBCONFED", 0xFFFFFF03u },
	{ "NOPEER", 0xFFFFFF04u },		/* RFC 3765 */
};

/* Parse a decimal number in [0, max] that spans all of s..end. */
static int
num_parse(const char *s, size_t len, unsigned long long max,
    unsigned long long *v)
{
	unsigned long long x = 0;
	size_t i;

	if (len == 0 || len > 10)
		return -1;
	for (i = 0; i < len; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		x = x * 10 + (unsigned)(s[i] - '0');
	}
	if (x > max)
		return -1;
	*v = x;
	return 0;
}

/* Split s at ':' into at most n fields; returns the field count. */
static size_t
fields_split(const char *s, const char **f, size_t *len, size_t n)
{
	size_t k = 0;
	const char *p = s;

	while (k < n) {
		const char *q = strchr(p, ':');

		f[k] = p;
		len[k] = q ? (size_t)(q - p) : strlen(p);
		k++;
		if (q == NULL)
			return k;
		p = q + 1;
	}
	return n + 1;
}

static int
std_parse(const char *text, uint32_t *v)
{
	unsigned long long a, b;
	const char *f[2];
	size_t len[2], i;

	for (i = 0; i < sizeof(comm_wellknown) / sizeof(comm_wellknown[0]); i++)
		if (!strcmp(text, comm_wellknown[i].name)) {
			*v = comm_wellknown[i].val;
			return 0;
		}
	if (fields_split(text, f, len, 2) != 2 ||
	    num_parse(f[0], len[0], 65535, &a) != 0 ||
	    num_parse(f[1], len[1], 65535, &b) != 0)
		return -1;
	*v = (uint32_t)(a << 16 | b);
	return 0;
}

static int
large_parse(const char *text, uint32_t v[3])
{
	unsigned long long x;
	const char *f[3];
	size_t len[3], i;

	if (fields_split(text, f, len, 3) != 3)
		return -1;
	for (i = 0; i < 3; i++) {
		if (num_parse(f[i], len[i], 4294967295ull, &x) != 0)
			return -1;
		v[i] = (uint32_t)x;
	}
	return 0;
}

static void
put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* RFC 4360 3.1 (2-octet AS), 3.2 (IPv4), RFC 5668 (4-octet AS). */
static int
ext_parse(const char *text, uint8_t e[8])
{
	unsigned long long adm, loc;
	const char *f[3];
	size_t len[3];
	struct addr a;
	char ip[16];

	if (fields_split(text, f, len, 3) != 3)
		return -1;
	if (len[0] == 2 && !strncmp(f[0], "rt", 2))
		e[1] = 0x02;
	else if (len[0] == 3 && !strncmp(f[0], "soo", 3))
		e[1] = 0x03;
	else
		return -1;
	if (len[1] < sizeof(ip) && memchr(f[1], '.', len[1]) != NULL) {
		memcpy(ip, f[1], len[1]);
		ip[len[1]] = '\0';
		if (addr_parse(ip, &a) != 0 || a.afi != AFI_IPV4 ||
		    num_parse(f[2], len[2], 65535, &loc) != 0)
			return -1;
		e[0] = 0x01;
		memcpy(e + 2, a.a, 4);
		e[6] = (uint8_t)(loc >> 8);
		e[7] = (uint8_t)loc;
		return 0;
	}
	if (num_parse(f[1], len[1], 4294967295ull, &adm) != 0)
		return -1;
	if (adm <= 65535) {
		if (num_parse(f[2], len[2], 4294967295ull, &loc) != 0)
			return -1;
		e[0] = 0x00;
		e[2] = (uint8_t)(adm >> 8);
		e[3] = (uint8_t)adm;
		put32(e + 4, (uint32_t)loc);
		return 0;
	}
	if (num_parse(f[2], len[2], 65535, &loc) != 0)
		return -1;
	e[0] = 0x02;
	put32(e + 2, (uint32_t)adm);
	e[6] = (uint8_t)(loc >> 8);
	e[7] = (uint8_t)loc;
	return 0;
}

int
comm_parse(enum config_comm_kind kind, const char *text,
    struct config_community *out)
{
	switch (kind) {
	case CONFIG_COMM_STANDARD:
		return std_parse(text, &out->val.std);
	case CONFIG_COMM_LARGE:
		return large_parse(text, out->val.large);
	case CONFIG_COMM_EXT:
		return ext_parse(text, out->val.ext);
	}
	return -1;
}

char *
comm_aspath_regex(const char *re)
{
	static const char boundary[] = "(^| |$)";
	size_t n = 0, i;
	char *out, *p;

	for (i = 0; re[i] != '\0'; i++)
		n += re[i] == '_' ? sizeof(boundary) - 1 : 1;
	out = xmalloc(n + 1);
	for (p = out, i = 0; re[i] != '\0'; i++) {
		if (re[i] == '_') {
			memcpy(p, boundary, sizeof(boundary) - 1);
			p += sizeof(boundary) - 1;
		} else
			*p++ = re[i];
	}
	*p = '\0';
	return out;
}

bool
comm_regex_is_valid(const char *re, bool aspath)
{
	char *s = aspath ? comm_aspath_regex(re) : xstrdup(re);
	regex_t rx;
	int r;

	r = regcomp(&rx, s, REG_EXTENDED | REG_NOSUB);
	if (r == 0)
		regfree(&rx);
	free(s);
	return r == 0;
}
