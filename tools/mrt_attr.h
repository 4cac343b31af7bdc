/*
 * Output-compatibility adapter for `crossroute mrt dump`: reads a path
 * attribute block the way bgpdump 1.6.2 does, so the printed lines match its
 * `-m` output byte for byte. bgpdump reads fixed-size fields whatever the
 * attribute length (short fields padded with zeros), keeps defaults for
 * absent attributes (NEXT_HOP 255.255.255.255), merges AS4_PATH with its own
 * rule, and takes abbreviated MP_REACH_NLRI (RFC 6396 4.3.4) as IPv6. None of
 * this is RFC 7606 validation: the engine's attribute codec is
 * bgpd/wire_attr.c; this file exists only to format text and never feeds
 * the RIB. Reads go through lib/rd.h.
 */
#ifndef XR_TOOLS_MRT_ATTR_H
#define XR_TOOLS_MRT_ATTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"
#include "lib/prefix.h"

#define MRT_ATTR_AFI_MAX 2
#define MRT_ATTR_SAFI_MAX 3	/* 3 = the old "unicast and multicast" */

/* One MP_REACH_NLRI / MP_UNREACH_NLRI for an (afi, safi). */
struct mrt_mp {
	bool set;
	uint8_t nh_len;
	uint8_t nh[16];		/* IPv4 in nh[0..3] */
	uint8_t nh_ll[16];
	struct bytes nlri;
};

/* The attributes as bgpdump sees them; bit (type - 1) of flag per type seen. */
struct mrt_attrs {
	uint32_t flag;
	int origin;		/* -1 = absent */
	uint8_t asn_len;	/* 2 or 4: AS_PATH / AGGREGATOR encoding */
	bool has_aspath, has_as4path, has_comms, has_new_aggr;
	bool merge_as4;		/* print AS_PATH merged with AS4_PATH */
	struct bytes aspath;
	struct bytes as4path;
	struct bytes comms;
	uint8_t nexthop[4];	/* 255.255.255.255 when absent */
	uint32_t med;
	uint32_t local_pref;
	uint32_t aggr_as;
	uint8_t aggr_addr[4];	/* 255.255.255.255 when absent */
	uint32_t new_aggr_as;
	uint8_t new_aggr_addr[4];
	struct mrt_mp reach[MRT_ATTR_AFI_MAX + 1][MRT_ATTR_SAFI_MAX + 1];
	struct mrt_mp unreach[MRT_ATTR_AFI_MAX + 1][MRT_ATTR_SAFI_MAX + 1];
	unsigned warnings;	/* attributes or NLRI bgpdump would warn about */
};

/* Attribute bit of flag for a type (types 1..32). */
#define MRT_ATTR_BIT(t) (1u << ((t) - 1))

/*
 * Read the n-byte attribute block at p (without its length field) with
 * asn_len-octet AS numbers into a; views borrow p. Never fails: damaged
 * attributes are skipped and counted in a->warnings.
 */
void mrt_attrs_decode(const uint8_t *p, size_t n, uint8_t asn_len,
    struct mrt_attrs *a);

/*
 * Write the AS path text bgpdump prints (AS4_PATH merged for 2-octet
 * sessions, "! Error !" for a malformed path, "" when absent) into buf of
 * size cap (>= 16); returns its length.
 */
size_t mrt_attrs_aspath(const struct mrt_attrs *a, char *buf, size_t cap);

/*
 * Write the COMMUNITIES text bgpdump prints ("a:b" or well-known names,
 * space separated) into buf of size cap; returns its length.
 */
size_t mrt_attrs_comms(const struct mrt_attrs *a, char *buf, size_t cap);

/*
 * Read the next prefix of an NLRI list (RFC 4271 4.3, RFC 7911 path ids
 * when addpath), masked. Returns false at the end, or on a truncated or
 * over-long prefix without consuming it (r is then not empty).
 */
struct rd;
bool mrt_nlri_next(struct rd *r, uint8_t afi, bool addpath, struct prefix *p,
    uint32_t *path_id);

#endif
