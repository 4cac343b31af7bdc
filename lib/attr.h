/*
 * BGP path attribute sets as values (RFC 4271 5, RFC 1997, 4360, 4456, 6793,
 * 8092, 9234). A decoded or edited set lives in a struct attr_builder whose
 * variable-length parts are byte views; attrs_intern() turns it into an
 * immutable, refcounted, shared struct attrs, one copy per distinct set, held
 * in an explicit struct attr_table (no global state). Memory per path is won
 * here: a RIB path holds one pointer to its interned set.
 *
 * Variable-length parts are kept in their RFC wire encoding, normalised:
 *   aspath   AS_PATH segments with 4-octet ASNs: {type u8, count u8,
 *            count x u32 network order}...; AS4_PATH already merged (RFC 6793
 *            4.2.3). Empty = no segments.
 *   comms    COMMUNITIES: u32 network order each (RFC 1997).
 *   ecomms   EXTENDED_COMMUNITIES: 8 bytes each (RFC 4360).
 *   lcomms   LARGE_COMMUNITY: 12 bytes each, three u32 (RFC 8092).
 *   clusters CLUSTER_LIST: u32 each (RFC 4456).
 *   unknown  unrecognised optional transitive attributes, each as
 *            {flags u8, type u8, len u16 network order, value}, in arrival
 *            order; flags carry Optional, Transitive and Partial (set on
 *            receipt, RFC 4271 5 / 9.1.4), never Extended Length (the
 *            encoder chooses it from len).
 * This file does not know the wire message layout; bgpd/wire_attr.c does.
 */
#ifndef XR_ATTR_H
#define XR_ATTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/prefix.h"

/* Path attribute type codes (IANA). */
enum attr_type {
	ATTR_ORIGIN = 1,
	ATTR_AS_PATH = 2,
	ATTR_NEXT_HOP = 3,
	ATTR_MED = 4,
	ATTR_LOCAL_PREF = 5,
	ATTR_ATOMIC_AGGREGATE = 6,
	ATTR_AGGREGATOR = 7,
	ATTR_COMMUNITIES = 8,
	ATTR_ORIGINATOR_ID = 9,
	ATTR_CLUSTER_LIST = 10,
	ATTR_MP_REACH_NLRI = 14,
	ATTR_MP_UNREACH_NLRI = 15,
	ATTR_EXT_COMMUNITIES = 16,
	ATTR_AS4_PATH = 17,
	ATTR_AS4_AGGREGATOR = 18,
	ATTR_LARGE_COMMUNITY = 32,
	ATTR_OTC = 35,
};

/* Attribute flag bits (RFC 4271 4.3). */
enum {
	ATTR_FLAG_OPTIONAL = 0x80,
	ATTR_FLAG_TRANSITIVE = 0x40,
	ATTR_FLAG_PARTIAL = 0x20,
	ATTR_FLAG_EXTLEN = 0x10,
};

enum attr_origin { ORIGIN_IGP = 0, ORIGIN_EGP = 1, ORIGIN_INCOMPLETE = 2 };

/* Which optional scalar members of struct attrs are present. */
enum {
	ATTRS_HAS_ORIGIN = 1u << 0,
	ATTRS_HAS_ASPATH = 1u << 1,	/* AS_PATH attribute present (may be empty) */
	ATTRS_HAS_NEXTHOP = 1u << 2,
	ATTRS_HAS_MED = 1u << 3,
	ATTRS_HAS_LOCAL_PREF = 1u << 4,
	ATTRS_HAS_ATOMIC_AGG = 1u << 5,
	ATTRS_HAS_AGGREGATOR = 1u << 6,
	ATTRS_HAS_ORIGINATOR = 1u << 7,
	ATTRS_HAS_OTC = 1u << 8,
	ATTRS_HAS_NEXTHOP_LL = 1u << 9,
	/*
	 * The Partial bit of a recognised optional transitive attribute, kept
	 * because RFC 4271 5 forbids setting it back to 0 when passing on.
	 */
	ATTRS_PARTIAL_AGGREGATOR = 1u << 10,
	ATTRS_PARTIAL_COMMS = 1u << 11,
	ATTRS_PARTIAL_ECOMMS = 1u << 12,
	ATTRS_PARTIAL_LCOMMS = 1u << 13,
	ATTRS_PARTIAL_OTC = 1u << 14,
};

/* A borrowed view of bytes. */
struct bytes {
	const uint8_t *p;
	size_t len;
};

/* An interned immutable byte string; shared, refcounted by its table. */
struct blob {
	uint32_t refcnt;
	uint32_t hash;
	uint32_t len;
	uint8_t data[];
};

/*
 * The scalar values of an attribute set, as a decoder or an editor fills
 * them in struct attr_builder: every member, present or not (the ATTRS_HAS_*
 * bits in flags say which are; absent ones are ignored).
 */
struct attr_vals {
	uint16_t flags;			/* ATTRS_HAS_* */
	uint8_t origin;			/* enum attr_origin */
	uint32_t med;
	uint32_t local_pref;
	uint32_t aggr_as;		/* AGGREGATOR (4-octet after RFC 6793) */
	uint32_t aggr_id;		/* its IPv4 address, host order */
	uint32_t originator_id;		/* host order */
	uint32_t otc;			/* RFC 9234 Only-to-Customer AS */
	struct addr nexthop;		/* NEXT_HOP, or the MP_REACH global one */
	struct addr nexthop_ll;		/* IPv6 link-local next hop */
};

/*
 * The rarely present part of an interned set (AGGREGATOR, ORIGINATOR_ID,
 * OTC, link-local next hop, EXTENDED_COMMUNITIES, LARGE_COMMUNITY,
 * CLUSTER_LIST, unknown attributes), itself interned and shared by every set
 * with the same such members. Absent scalars are zero. Read it through the
 * attrs_*() accessors below, never directly.
 */
struct attr_ext {
	uint32_t refcnt;
	uint32_t hash;
	uint32_t aggr_as;
	uint32_t aggr_id;
	uint32_t originator_id;
	uint32_t otc;
	struct addr nexthop_ll;
	const struct blob *ecomms;
	const struct blob *lcomms;
	const struct blob *clusters;
	const struct blob *unknown;
};

/*
 * An interned next hop: a table holds one per distinct address (a few: one
 * per link or neighbour), shared by every set with that NEXT_HOP. Read it
 * with attrs_nexthop().
 */
struct attr_nh {
	uint32_t refcnt;
	uint32_t hash;
	struct addr addr;
};

/*
 * An interned attribute set. Immutable; compare by pointer. 56 bytes: the
 * members nearly every set has, read directly, but the next hop, which is
 * interned (attrs_nexthop()); the rare ones behind ext (NULL when they are
 * all absent, zero or empty), read with attrs_aggr_as() and its siblings.
 * The table allocates sets from its own slab, without malloc headers.
 */
struct attrs {
	uint32_t refcnt;
	uint32_t hash;
	uint32_t med;
	uint32_t local_pref;
	uint16_t flags;			/* ATTRS_HAS_* */
	/*
	 * Derived by attrs_intern(), not part of the value: the RFC 4271
	 * 9.1.2.2 (a) length of aspath (aspath_length(), capped at 65535),
	 * which the decision process compares on every path pair.
	 */
	uint16_t aslen;
	uint8_t origin;			/* enum attr_origin */
	const struct attr_nh *nh;	/* never NULL; see attrs_nexthop() */
	const struct blob *aspath;	/* NULL = empty; see the file comment */
	const struct blob *comms;
	const struct attr_ext *ext;	/* NULL = no rare member */
};

/*
 * NEXT_HOP of a, or the MP_REACH_NLRI global one (all zero, afi 0, when
 * absent); valid while a is referenced.
 */
static inline const struct addr *
attrs_nexthop(const struct attrs *a)
{
	return &a->nh->addr;
}

/* AGGREGATOR AS and address of a (0 when absent). */
static inline uint32_t
attrs_aggr_as(const struct attrs *a)
{
	return a->ext != NULL ? a->ext->aggr_as : 0;
}

static inline uint32_t
attrs_aggr_id(const struct attrs *a)
{
	return a->ext != NULL ? a->ext->aggr_id : 0;
}

/* ORIGINATOR_ID of a, host order (0 when absent). */
static inline uint32_t
attrs_originator_id(const struct attrs *a)
{
	return a->ext != NULL ? a->ext->originator_id : 0;
}

/* OTC AS of a (0 when absent). */
static inline uint32_t
attrs_otc(const struct attrs *a)
{
	return a->ext != NULL ? a->ext->otc : 0;
}

/* Link-local next hop of a (all zero, afi 0, when absent). */
static inline struct addr
attrs_nexthop_ll(const struct attrs *a)
{
	struct addr none = { 0, { 0 } };

	return a->ext != NULL ? a->ext->nexthop_ll : none;
}

/* The variable-length rare parts of a (NULL when empty). */
static inline const struct blob *
attrs_ecomms(const struct attrs *a)
{
	return a->ext != NULL ? a->ext->ecomms : NULL;
}

static inline const struct blob *
attrs_lcomms(const struct attrs *a)
{
	return a->ext != NULL ? a->ext->lcomms : NULL;
}

static inline const struct blob *
attrs_clusters(const struct attrs *a)
{
	return a->ext != NULL ? a->ext->clusters : NULL;
}

static inline const struct blob *
attrs_unknown(const struct attrs *a)
{
	return a->ext != NULL ? a->ext->unknown : NULL;
}

/*
 * A mutable attribute set: the scalar values plus views for the variable
 * parts. Views point into the decoded message, into an interned set the
 * caller holds a reference on, or into storage from attr_builder_alloc(),
 * which stays valid until attr_builder_fini().
 */
struct attr_builder {
	struct attr_vals a;
	struct bytes aspath, comms, ecomms, lcomms, clusters, unknown;
	struct attr_chunk *chunks;	/* owned storage for edited views */
};

struct attr_table;

/* Create an empty interning table; free it with attr_table_free(). */
struct attr_table *attr_table_new(void);
/* Free the table; every set and blob must have been unreferenced (asserted). */
void attr_table_free(struct attr_table *t);
/* Number of live interned sets / blobs / extensions (allocation counters). */
size_t attr_table_count(const struct attr_table *t);
size_t attr_table_blob_count(const struct attr_table *t);
size_t attr_table_ext_count(const struct attr_table *t);

/* Start an empty builder (no attributes). */
void attr_builder_init(struct attr_builder *b);
/* Release storage from attr_builder_alloc(); views into it become invalid. */
void attr_builder_fini(struct attr_builder *b);
/*
 * Empty b again (no attributes) but keep its storage for reuse, so a decoder
 * that resets one builder per message allocates nothing in steady state.
 * Views into storage from attr_builder_alloc() become invalid.
 */
void attr_builder_reset(struct attr_builder *b);
/*
 * Load b with the contents of a (views borrow a's blobs: keep a
 * referenced). b must have been initialised; its storage is kept.
 */
void attr_builder_from(struct attr_builder *b, const struct attrs *a);
/* Return n bytes of storage owned by b, stable until attr_builder_fini(). */
uint8_t *attr_builder_alloc(struct attr_builder *b, size_t n);

/* Find or insert the set described by b; returns a new reference. */
const struct attrs *attrs_intern(struct attr_table *t,
    const struct attr_builder *b);
/* Take another reference on a. */
const struct attrs *attrs_ref(const struct attrs *a);
/* Drop a reference; the set is freed when the last one goes. NULL is a no-op. */
void attrs_unref(struct attr_table *t, const struct attrs *a);

/* View of an interned blob (empty view for NULL). */
struct bytes blob_bytes(const struct blob *b);

/* True if the two views hold the same bytes. */
bool bytes_eq(struct bytes a, struct bytes b);

/*
 * True if the attribute sets described by a and b are equal: same present
 * members with the same values (members whose ATTRS_HAS_* bit is clear are
 * ignored) and byte-equal variable parts. What attrs_intern() unifies.
 */
bool attr_builder_eq(const struct attr_builder *a,
    const struct attr_builder *b);

#endif
