/*
 * Community values over the views of lib/attr.h: standard communities (RFC
 * 1997, u32 each), extended communities (RFC 4360, 8 bytes each) and large
 * communities (RFC 8092, 12 bytes each), all in network byte order as on
 * the wire. Membership, add and remove (results written into builder
 * storage, so interned sets stay immutable), and text forms: views print
 * as bgpdump 1.6.2 does ("65000:100", "no-export", "no-advertise",
 * "local-AS" for NO_EXPORT_SUBCONFED), space separated; single values also
 * print in the policy configuration form (enum community_form). The only
 * community text parser of the tree lives here.
 */
#ifndef XR_COMMUNITY_H
#define XR_COMMUNITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"

/* Well-known communities (IANA: RFC 1997, 3765, 7611, 7999, 8326, 9494). */
#define COMMUNITY_GRACEFUL_SHUTDOWN	0xffff0000u
#define COMMUNITY_ACCEPT_OWN		0xffff0001u
#define COMMUNITY_LLGR_STALE		0xffff0006u
#define COMMUNITY_NO_LLGR		0xffff0007u
#define COMMUNITY_BLACKHOLE		0xffff029au
#define COMMUNITY_NO_EXPORT		0xffffff01u
#define COMMUNITY_NO_ADVERTISE		0xffffff02u
#define COMMUNITY_NO_EXPORT_SUBCONFED	0xffffff03u
#define COMMUNITY_NO_PEER		0xffffff04u

/*
 * The two text forms. BGPDUMP is what bgpdump 1.6.2 prints: standard
 * communities by name for the three it knows, extended ones as
 * "rt 65000:100" / "0xTTSS:VVVVVVVVVVVV". CONFIG is the form of policy
 * configuration, which community-set regular expressions match against:
 * standard communities always "A:B", extended ones "rt:65000:100" / "0x" and
 * 16 hex digits. Large communities are "A:B:C" in both.
 */
enum community_form {
	COMMUNITY_FORM_BGPDUMP,
	COMMUNITY_FORM_CONFIG,
};

/* Longest text of one value in either form, including the NUL. */
#define COMMUNITY_TEXT_MAX 40

/* Store c at p (4 bytes) in network order; load it back. */
void community_encode(uint8_t *p, uint32_t c);
uint32_t community_decode(const uint8_t *p);

/* True if one of the w-byte elements of view equals e (any community kind). */
bool community_view_has(struct bytes view, const uint8_t *e, size_t w);

/* A large community A:B:C (RFC 8092). */
struct community_large {
	uint32_t global;
	uint32_t local1;
	uint32_t local2;
};

/* True if the standard community c is in comms. */
bool community_has(struct bytes comms, uint32_t c);
/*
 * Return comms with c appended (unchanged view when already present); the
 * result lives in storage of b. Order of the others is kept.
 */
struct bytes community_add(struct attr_builder *b, struct bytes comms,
    uint32_t c);
/* Return comms without c (every occurrence), in storage of b if changed. */
struct bytes community_remove(struct attr_builder *b, struct bytes comms,
    uint32_t c);
/* bgpdump text form, space separated; returns the length needed (snprintf). */
size_t community_print(struct bytes comms, char *buf, size_t size);
/* Text of the one standard community c in form f; returns the length needed. */
size_t community_value_print(uint32_t c, enum community_form f, char *buf,
    size_t size);
/*
 * Parse one standard community: "A:B" (each 0..65535), a plain 32-bit
 * number, or a well-known name: "no-export", "no-advertise", "local-AS",
 * "no-export-subconfed", "graceful-shutdown", "accept-own", "llgr-stale",
 * "no-llgr", "blackhole", "no-peer", "nopeer"; names in any case, with "_"
 * for "-". 0 or -1.
 */
int community_parse(const char *s, uint32_t *c);
/*
 * community_parse() without the plain-number form: the literals of policy
 * configuration, where any other text is a regular expression. 0 or -1.
 */
int community_literal_parse(const char *s, uint32_t *c);

bool community_large_has(struct bytes lcomms, const struct community_large *c);
struct bytes community_large_add(struct attr_builder *b, struct bytes lcomms,
    const struct community_large *c);
struct bytes community_large_remove(struct attr_builder *b,
    struct bytes lcomms, const struct community_large *c);
/* "A:B:C" space separated; returns the length needed. */
size_t community_large_print(struct bytes lcomms, char *buf, size_t size);
/* Parse "A:B:C" (each 0..4294967295); 0 or -1. */
int community_large_parse(const char *s, struct community_large *c);

/* ec is 8 bytes, wire order. */
bool community_ext_has(struct bytes ecomms, const uint8_t ec[8]);
struct bytes community_ext_add(struct attr_builder *b, struct bytes ecomms,
    const uint8_t ec[8]);
struct bytes community_ext_remove(struct attr_builder *b,
    struct bytes ecomms, const uint8_t ec[8]);
/*
 * Text form: route target / route origin of the AS-specific, IPv4-specific
 * and 4-octet AS-specific types as "rt 65000:100" / "soo 192.0.2.1:7",
 * anything else as "0xTTSS:VVVVVVVVVVVV" (hex); space separated.
 */
size_t community_ext_print(struct bytes ecomms, char *buf, size_t size);
/* Text of the one extended community ec in form f; returns the length
 * needed. */
size_t community_ext_value_print(const uint8_t ec[8], enum community_form f,
    char *buf, size_t size);
/*
 * Parse a route target or route origin in either form: "rt A:N", "rt:A:N",
 * "soo A:N", "soo:A:N" (keyword in any case). A is a 2-octet ASN (N up to
 * 2^32-1), a 4-octet ASN or an IPv4 address (N up to 65535), RFC 4360 3.1-3.2,
 * RFC 5668. 0 or -1.
 */
int community_ext_parse(const char *s, uint8_t ec[8]);

#endif
