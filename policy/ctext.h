/*
 * Text forms of communities as policy writes them: standard "A:B" and the
 * well-known names (RFC 1997, 3765, 7611, 7999, 8326), large "A:B:C" (RFC
 * 8092), extended "rt:X:N" / "soo:X:N" with X a 2- or 4-octet ASN or an IPv4
 * address (RFC 4360 3.1-3.2, RFC 5668; "rt X:N" is accepted too), other
 * extended types as "0x" and 16 hex digits. Values are the wire encodings
 * kept by lib/attr.h: 4, 8 or 12 bytes, network order. A thin adapter over
 * lib/community.h (COMMUNITY_FORM_CONFIG), which owns parsing and printing.
 * Pure parse/print, no allocation.
 */
#ifndef XR_CTEXT_H
#define XR_CTEXT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/community.h"

enum ctext_kind {
	CTEXT_STD = 0,		/* 4 bytes */
	CTEXT_EXT = 1,		/* 8 bytes */
	CTEXT_LARGE = 2,	/* 12 bytes */
};

/* Well-known standard communities (IANA); lib/community.h owns them. */
#define COMM_GRACEFUL_SHUTDOWN COMMUNITY_GRACEFUL_SHUTDOWN
#define COMM_ACCEPT_OWN COMMUNITY_ACCEPT_OWN
#define COMM_LLGR_STALE COMMUNITY_LLGR_STALE
#define COMM_NO_LLGR COMMUNITY_NO_LLGR
#define COMM_BLACKHOLE COMMUNITY_BLACKHOLE
#define COMM_NO_EXPORT COMMUNITY_NO_EXPORT
#define COMM_NO_ADVERTISE COMMUNITY_NO_ADVERTISE
#define COMM_NO_EXPORT_SUBCONFED COMMUNITY_NO_EXPORT_SUBCONFED
#define COMM_NO_PEER COMMUNITY_NO_PEER

/* Longest text form written by ctext_print(), including the NUL. */
#define CTEXT_MAX COMMUNITY_TEXT_MAX

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
