/*
 * Text forms of communities as policy writes them: standard "A:B" and the
 * well-known names (RFC 1997, 3765, 7611, 7999, 8326), large "A:B:C" (RFC
 * 8092), extended "rt:X:N" / "soo:X:N" with X a 2- or 4-octet ASN or an IPv4
 * address (RFC 4360 3.1-3.2, RFC 5668), other extended types as "0x" and 16
 * hex digits. Values are the wire encodings kept by lib/attr.h: 4, 8 or 12
 * bytes, network order. Pure parse/print, no allocation.
 */
#ifndef XR_CTEXT_H
#define XR_CTEXT_H

#include <stddef.h>
#include <stdint.h>

enum ctext_kind {
	CTEXT_STD = 0,		/* 4 bytes */
	CTEXT_EXT = 1,		/* 8 bytes */
	CTEXT_LARGE = 2,	/* 12 bytes */
};

/* Well-known standard communities (IANA). */
#define COMM_GRACEFUL_SHUTDOWN 0xffff0000u
#define COMM_ACCEPT_OWN 0xffff0001u
#define COMM_LLGR_STALE 0xffff0006u
#define COMM_NO_LLGR 0xffff0007u
#define COMM_BLACKHOLE 0xffff029au
#define COMM_NO_EXPORT 0xffffff01u
#define COMM_NO_ADVERTISE 0xffffff02u
#define COMM_NO_EXPORT_SUBCONFED 0xffffff03u
#define COMM_NO_PEER 0xffffff04u

/* Longest text form written by ctext_print(), including the NUL. */
#define CTEXT_MAX 40

/* Wire width of a value of kind k: 4, 8 or 12. */
size_t ctext_width(enum ctext_kind k);

/*
 * Parse s as a literal of kind k into out (ctext_width(k) bytes). Returns 0,
 * or -1 when s is not a literal of that kind (it may still be a regex).
 */
int ctext_parse(enum ctext_kind k, const char *s, uint8_t *out);

/* Write the text form of the value v of kind k into buf; returns buf. */
char *ctext_print(enum ctext_kind k, const uint8_t *v, char *buf, size_t size);

/* Store v at p (4 bytes) in network order. */
void ctext_put32(uint8_t *p, uint32_t v);
/* Load the 4 bytes at p as a network-order u32. */
uint32_t ctext_get32(const uint8_t *p);

#endif
