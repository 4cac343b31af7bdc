/*
 * Address and prefix values. Pure functions over struct addr / struct prefix;
 * no allocation, no logging.
 */
#include <arpa/inet.h>
#include <endian.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/prefix.h"

unsigned
prefix_maxlen(uint8_t afi)
{
	return afi == AFI_IPV4 ? 32 : afi == AFI_IPV6 ? 128 : 0;
}

size_t
addr_bytes(uint8_t afi)
{
	return afi == AFI_IPV4 ? 4 : afi == AFI_IPV6 ? 16 : 0;
}

/* Network-order mask of the first bits (0..64) of a 64-bit word. */
static inline uint64_t
mask64(unsigned bits)
{
	if (bits == 0)
		return 0;
	return htobe64(UINT64_MAX << (64 - bits));
}

bool
prefix_mask(struct prefix *p)
{
	uint64_t w[2], m[2];
	bool dirty;

	/* Two word operations, not a byte loop: this runs per route. */
	memcpy(w, p->a, sizeof(w));
	m[0] = mask64(p->len < 64 ? p->len : 64);
	m[1] = mask64(p->len > 64 ? (p->len < 128 ? p->len - 64u : 64u) : 0);
	dirty = ((w[0] & ~m[0]) | (w[1] & ~m[1])) != 0;
	w[0] &= m[0];
	w[1] &= m[1];
	memcpy(p->a, w, sizeof(w));
	return dirty;
}

bool
prefix_from_bytes(struct prefix *p, uint8_t afi, uint8_t len,
    const uint8_t *bytes)
{
	size_t n = (len + 7u) / 8u;
	uint8_t m;
	bool dirty;

	memset(p, 0, sizeof(*p));
	p->afi = afi;
	p->len = len;
	if (n == 0)
		return false;
	memcpy(p->a, bytes, n);
	/* Only the last byte copied can hold host bits. */
	m = (uint8_t)(0xff00u >> (len % 8 ? len % 8 : 8));
	dirty = (p->a[n - 1] & (uint8_t)~m) != 0;
	p->a[n - 1] &= m;
	return dirty;
}

int
prefix_cmp(const struct prefix *a, const struct prefix *b)
{
	int c;

	if (a->afi != b->afi)
		return a->afi < b->afi ? -1 : 1;
	c = memcmp(a->a, b->a, 16);
	if (c)
		return c < 0 ? -1 : 1;
	if (a->len != b->len)
		return a->len < b->len ? -1 : 1;
	return 0;
}

bool
prefix_eq(const struct prefix *a, const struct prefix *b)
{
	return prefix_cmp(a, b) == 0;
}

bool
prefix_bit(const struct prefix *p, unsigned i)
{
	return (p->a[i / 8] >> (7 - i % 8)) & 1;
}

bool
prefix_contains(const struct prefix *outer, const struct prefix *inner)
{
	unsigned full, rem;

	if (outer->afi != inner->afi || outer->len > inner->len)
		return false;
	full = outer->len / 8;
	rem = outer->len % 8;
	if (memcmp(outer->a, inner->a, full) != 0)
		return false;
	if (rem) {
		uint8_t m = (uint8_t)(0xff << (8 - rem));

		return (outer->a[full] & m) == (inner->a[full] & m);
	}
	return true;
}

int
addr_cmp(const struct addr *a, const struct addr *b)
{
	int c;

	if (a->afi != b->afi)
		return a->afi < b->afi ? -1 : 1;
	c = memcmp(a->a, b->a, 16);
	return c < 0 ? -1 : c > 0 ? 1 : 0;
}

bool
addr_eq(const struct addr *a, const struct addr *b)
{
	return addr_cmp(a, b) == 0;
}

void
addr_from_ipv4(struct addr *a, uint32_t v)
{
	memset(a, 0, sizeof(*a));
	a->afi = AFI_IPV4;
	a->a[0] = (uint8_t)(v >> 24);
	a->a[1] = (uint8_t)(v >> 16);
	a->a[2] = (uint8_t)(v >> 8);
	a->a[3] = (uint8_t)v;
}

uint32_t
addr_to_ipv4(const struct addr *a)
{
	return ((uint32_t)a->a[0] << 24) | ((uint32_t)a->a[1] << 16) |
	    ((uint32_t)a->a[2] << 8) | a->a[3];
}

char *
addr_print(const struct addr *a, char *buf, size_t size)
{
	int af = a->afi == AFI_IPV6 ? AF_INET6 : AF_INET;

	if ((a->afi != AFI_IPV4 && a->afi != AFI_IPV6) ||
	    inet_ntop(af, a->a, buf, (socklen_t)size) == NULL)
		snprintf(buf, size, "?");
	return buf;
}

char *
prefix_print(const struct prefix *p, char *buf, size_t size)
{
	struct addr a;
	size_t n;

	a.afi = p->afi;
	memcpy(a.a, p->a, 16);
	addr_print(&a, buf, size);
	n = strlen(buf);
	if (n < size)
		snprintf(buf + n, size - n, "/%u", p->len);
	return buf;
}

int
addr_parse(const char *s, struct addr *a)
{
	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, s, a->a) == 1) {
		a->afi = AFI_IPV4;
		return 0;
	}
	if (inet_pton(AF_INET6, s, a->a) == 1) {
		a->afi = AFI_IPV6;
		return 0;
	}
	return -1;
}

int
prefix_parse(const char *s, struct prefix *p, bool strict)
{
	char host[ADDR_STRLEN];
	const char *slash = strchr(s, '/');
	struct addr a;
	char *end;
	unsigned long len;

	if (slash == NULL || (size_t)(slash - s) >= sizeof(host))
		return -1;
	memcpy(host, s, (size_t)(slash - s));
	host[slash - s] = '\0';
	if (addr_parse(host, &a) != 0 || slash[1] < '0' || slash[1] > '9')
		return -1;
	len = strtoul(slash + 1, &end, 10);
	if (*end != '\0' || len > prefix_maxlen(a.afi))
		return -1;
	p->afi = a.afi;
	p->len = (uint8_t)len;
	memcpy(p->a, a.a, 16);
	if (prefix_mask(p) && strict)
		return -1;
	return 0;
}
