/*
 * Community values over the views of lib/attr.h: standard communities (RFC
 * 1997, u32 each), extended communities (RFC 4360, 8 bytes each) and large
 * communities (RFC 8092, 12 bytes each), all in network byte order as on
 * the wire. Membership, add and remove (results written into builder
 * storage, so interned sets stay immutable), and text forms: standard
 * communities print as bgpdump 1.6.2 does ("65000:100", "no-export",
 * "no-advertise", "local-AS" for NO_EXPORT_SUBCONFED), space separated.
 */
#ifndef XR_COMMUNITY_H
#define XR_COMMUNITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"

/* Well-known communities (RFC 1997, RFC 8326, RFC 7999). */
#define COMMUNITY_GRACEFUL_SHUTDOWN	0xffff0000u
#define COMMUNITY_BLACKHOLE		0xffff029au
#define COMMUNITY_NO_EXPORT		0xffffff01u
#define COMMUNITY_NO_ADVERTISE		0xffffff02u
#define COMMUNITY_NO_EXPORT_SUBCONFED	0xffffff03u

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
/*
 * Parse one standard community: "A:B" (each 0..65535), a plain 32-bit
 * number, or a well-known name ("no-export", "no-advertise", "local-AS",
 * "no-export-subconfed", "graceful-shutdown", "blackhole"). 0 or -1.
 */
int community_parse(const char *s, uint32_t *c);

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
/* Parse "rt A:N" or "soo A:N" (A an ASN or IPv4 address); 0 or -1. */
int community_ext_parse(const char *s, uint8_t ec[8]);

#endif
