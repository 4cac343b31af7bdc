/*
 * IPv4 and IPv6 addresses and prefixes as plain values: comparison, masking,
 * containment, text parse and print. Addresses are kept in network byte order
 * in a 16-byte array (IPv4 uses the first 4 bytes), so one type serves both
 * families and memcmp() orders them.
 */
#ifndef XR_PREFIX_H
#define XR_PREFIX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Address family identifiers, numerically equal to the IANA AFI (RFC 4760). */
enum {
	AFI_IPV4 = 1,
	AFI_IPV6 = 2,
};

/* Subsequent AFI values used by the codec (RFC 4760). */
enum {
	SAFI_UNICAST = 1,
	SAFI_MULTICAST = 2,
};

/* Longest text form of an address or prefix, including the NUL. */
#define ADDR_STRLEN 46
#define PREFIX_STRLEN 50

struct addr {
	uint8_t afi;		/* AFI_IPV4 or AFI_IPV6; 0 = unset */
	uint8_t a[16];		/* network order; IPv4 in a[0..3], rest zero */
};

struct prefix {
	uint8_t afi;		/* AFI_IPV4 or AFI_IPV6 */
	uint8_t len;		/* 0..32 or 0..128 */
	uint8_t a[16];		/* network order; bits beyond len are zero */
};

/* Maximum prefix length for afi (32 or 128), or 0 for an unknown afi. */
unsigned prefix_maxlen(uint8_t afi);
/* Address length in bytes for afi (4 or 16), or 0 for an unknown afi. */
size_t addr_bytes(uint8_t afi);

/*
 * Build p from afi, len and the first ceil(len/8) bytes at bytes, clearing
 * host bits beyond len. Returns true when host bits had been set (the caller
 * reports it); len must be valid for afi.
 */
bool prefix_from_bytes(struct prefix *p, uint8_t afi, uint8_t len,
    const uint8_t *bytes);
/* Clear host bits beyond p->len; return true if any were set. */
bool prefix_mask(struct prefix *p);
/* Total order: afi, then address, then length. */
int prefix_cmp(const struct prefix *a, const struct prefix *b);
bool prefix_eq(const struct prefix *a, const struct prefix *b);
/* True if outer covers inner (same afi, outer->len <= inner->len, bits equal). */
bool prefix_contains(const struct prefix *outer, const struct prefix *inner);
/* Value of bit i (0 = most significant) of the address. */
bool prefix_bit(const struct prefix *p, unsigned i);

int addr_cmp(const struct addr *a, const struct addr *b);
bool addr_eq(const struct addr *a, const struct addr *b);
void addr_from_ipv4(struct addr *a, uint32_t host_order);
uint32_t addr_to_ipv4(const struct addr *a);

/* Write "a.b.c.d/len" or "x::y/len" into buf; returns buf. */
char *prefix_print(const struct prefix *p, char *buf, size_t size);
/* Write the address text into buf; returns buf. */
char *addr_print(const struct addr *a, char *buf, size_t size);
/* Parse "addr/len"; returns 0, or -1 on syntax error or host bits set when strict. */
int prefix_parse(const char *s, struct prefix *p, bool strict);
/* Parse an IPv4 or IPv6 address; returns 0 or -1. */
int addr_parse(const char *s, struct addr *a);

#endif
