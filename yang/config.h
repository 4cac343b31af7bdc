/*
 * The whole crossroute configuration as plain C values: BGP global and
 * neighbours, routing policy (OpenConfig / RFC 9067 names, SPEC.md 3), and the
 * interconnect intent (gateways, interconnects, links; SPEC.md 1.2-1.7). This
 * header is the contract between the configuration layer (yang/, the only
 * code that knows libyang) and its consumers (policy compiler, BGP speaker):
 * it holds no libyang type and no pointer into a data tree.
 *
 * Ownership: a struct config owns every string and array reachable from it;
 * config_free() releases all of it. Arrays are (pointer, count) pairs; an
 * absent optional string is NULL; an absent address or prefix has afi == 0.
 * Lists keep the YANG list order, which is user order where the model says
 * ordered-by user (statements, policy chains) and key order otherwise.
 * Names refer to other objects by name (policy chains, set references,
 * gateway-a/router-b); config validation guarantees they resolve.
 */
#ifndef XR_YANG_CONFIG_H
#define XR_YANG_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/prefix.h"

/* Defaults (RFC 4271 10, SPEC.md 2.1 and 4.1). */
#define CONFIG_HOLD_TIME 90
#define CONFIG_KEEPALIVE 30
#define CONFIG_CONNECT_RETRY 120
#define CONFIG_LINK_HOLD_TIME 60	/* A<->B link profile (SPEC 2.1) */
#define CONFIG_LINK_KEEPALIVE 20
#define CONFIG_LINK_CONNECT_RETRY 5
#define CONFIG_GR_RESTART_TIME 120
#define CONFIG_GR_STALE_TIME 360
#define CONFIG_MAX_PATHS 8
#define CONFIG_MAXPFX_RESTART_TIME 300	/* SPEC 8.2: Idle 300 s before retry */
#define CONFIG_BASE_PRIORITY 100	/* SPEC 2.4 */
#define CONFIG_MAX_LINKS 4		/* SPEC 1.4 */
#define CONFIG_MAX_ALLOWED_PREFIXES 200	/* SPEC 2.1 outbound, per attachment */
#define CONFIG_MAX_ADVERTISED_RANGES 200	/* SPEC 2.4, per attachment */
#define CONFIG_PREPEND_MAX 10		/* SPEC 3.3 repeat-n 1..10 */
#define CONFIG_PUBLIC_MAX_PREFIXES 1000	/* AWS public VIF quota, per session */
#define CONFIG_REGION_MAX 64		/* neighbour region name length */

/* Address families enabled on a neighbour or tested by afi-safi-in (bits). */
enum config_af {
	CONFIG_AF_IPV4_UNICAST = 1u << 0,
	CONFIG_AF_IPV6_UNICAST = 1u << 1,
};

/* An ordered list of names (policy chain, string members). */
struct config_names {
	char **v;
	size_t n;
};

/* default-import-policy / default-export-policy (RFC 8212: reject). */
enum config_default_policy {
	CONFIG_REJECT_ROUTE = 0,
	CONFIG_ACCEPT_ROUTE = 1,
};

/* An apply-policy attach point (SPEC.md 3.1). */
struct config_apply_policy {
	struct config_names import_policy;	/* ordered-by user */
	struct config_names export_policy;	/* ordered-by user */
	enum config_default_policy default_import;
	enum config_default_policy default_export;
};

/* Decision and behaviour profile of a session (SPEC.md 2.1-2.5). */
enum config_profile {
	CONFIG_PROFILE_GENERIC = 0,	/* RFC 4271 decision, RFC 8212 */
	CONFIG_PROFILE_DX,		/* gateway A (DXGW-like) */
	CONFIG_PROFILE_CLOUD_ROUTER,	/* router B (Cloud Router-like) */
	CONFIG_PROFILE_DX_PUBLIC,	/* an AWS public VIF (SPEC 2.2) */
};

/* What to do when a neighbour exceeds max-prefix (RFC 4486 subcode 1). */
enum config_maxpfx_action {
	CONFIG_MAXPFX_IDLE = 0,		/* Cease/1, stay Idle restart-time s */
	CONFIG_MAXPFX_RESTART,		/* Cease/1, reconnect at once */
	CONFIG_MAXPFX_WARN,		/* log and count only */
};

/* One AFI/SAFI enabled on a neighbour, with its prefix limit. */
struct config_afi_safi {
	uint8_t afi;			/* AFI_IPV4 / AFI_IPV6 */
	uint8_t safi;			/* SAFI_UNICAST */
	uint32_t max_prefix;		/* 0 = no limit */
	enum config_maxpfx_action max_prefix_action;
	uint32_t max_prefix_restart;	/* seconds, for IDLE */
	uint8_t max_prefix_warn_pct;	/* warn at this % of the limit, 0 = off */
};

/* A configured BGP neighbour (plain BGP, or derived from a link). */
struct config_neighbor {
	struct addr address;		/* key */
	uint32_t remote_as;
	struct addr local_address;	/* afi 0 = chosen by the kernel */
	char *description;		/* may be NULL */
	bool admin_up;			/* false = administratively shut */
	bool passive;			/* never initiate the connection */
	uint16_t hold_time;		/* 0 or >= 3 (RFC 4271 4.2) */
	uint16_t keepalive;		/* effective: min(keepalive, hold/3) */
	uint16_t connect_retry;
	char *md5_key;			/* RFC 2385, <= 80 bytes; NULL = none */
	bool ttl_security;		/* RFC 5082 GTSM: send 255, need 255 */
	uint8_t ttl;			/* TTL sent when GTSM off (1 = single hop) */
	struct config_afi_safi *afi_safis;
	size_t n_afi_safis;
	struct config_apply_policy apply_policy;
	bool graceful_restart;		/* RFC 4724 */
	uint16_t restart_time;		/* <= 4095 */
	uint16_t stale_time;
	enum config_profile profile;
	char *region;			/* AWS / GCP region; NULL = none */
};

/* Aggregation / origination at the BGP global level (SPEC.md 3.3). */
enum config_aggregate_mode {
	CONFIG_AGG_AGGREGATE = 0,	/* RFC 4271 9.2.2.2, while a contributor exists */
	CONFIG_AGG_SUMMARY_ONLY,	/* also suppress the contributors */
	CONFIG_AGG_ORIGINATE,		/* unconditional origination */
};

struct config_aggregate {
	struct prefix prefix;		/* key */
	enum config_aggregate_mode mode;
	bool as_set;			/* build AS_SET from contributors */
};

struct config_bgp {
	bool present;			/* the bgp container exists */
	uint32_t asn;
	uint32_t router_id;		/* BGP identifier, host byte order */
	uint16_t max_paths;		/* ECMP width, default 8 */
	struct config_neighbor *neighbors;
	size_t n_neighbors;
	struct config_aggregate *aggregates;
	size_t n_aggregates;
};

/* ----- routing policy: defined sets (SPEC.md 3.2, 3.4) ----- */

enum config_pset_mode {
	CONFIG_PSET_IPV4 = 0,
	CONFIG_PSET_IPV6,
	CONFIG_PSET_MIXED,
};

struct config_prefix_entry {
	struct prefix prefix;		/* host bits clear */
	uint8_t len_lower;		/* mask-length-lower, >= prefix.len */
	uint8_t len_upper;		/* mask-length-upper, >= len_lower */
};

struct config_prefix_set {
	char *name;
	enum config_pset_mode mode;
	struct config_prefix_entry *v;
	size_t n;
};

struct config_neighbor_set {
	char *name;
	struct addr *v;
	size_t n;
};

/* Roles a link-set may match besides explicit links (SPEC.md 3.2). */
enum config_link_role {
	CONFIG_LINK_ROLE_DRAINING = 1u << 0,
	CONFIG_LINK_ROLE_MAINTENANCE = 1u << 1,
};

struct config_link_ref {
	char *interconnect;
	uint8_t link_id;		/* 1..4 */
};

struct config_link_set {
	char *name;
	struct config_link_ref *links;
	size_t n_links;
	uint32_t roles;			/* CONFIG_LINK_ROLE_* bits */
	struct config_names facilities;	/* every link in these facilities */
};

enum config_comm_kind {
	CONFIG_COMM_STANDARD = 0,	/* RFC 1997 */
	CONFIG_COMM_LARGE,		/* RFC 8092 */
	CONFIG_COMM_EXT,		/* RFC 4360 */
};

/*
 * One community set member or inline community. When is_regex is set, text
 * is a POSIX ERE matched against the printed form ("65000:100",
 * "1:2:3", "rt:65000:1") and val is unused; otherwise val holds the value
 * of the set's kind and text its canonical form.
 */
struct config_community {
	char *text;
	bool is_regex;
	union {
		uint32_t std;		/* high 16 bits ASN, low 16 value */
		uint32_t large[3];	/* global admin, local 1, local 2 */
		uint8_t ext[8];		/* RFC 4360 wire form */
	} val;
};

struct config_community_set {
	char *name;
	enum config_comm_kind kind;
	struct config_community *v;
	size_t n;
};

/* AS-path set: POSIX ERE members, '_' = Cisco-style boundary (SPEC 3.2). */
struct config_as_path_set {
	char *name;
	struct config_names members;
};

/* ----- routing policy: definitions ----- */

/* match-set-options: prefix and neighbour sets allow ANY and INVERT only. */
enum config_match_opt {
	CONFIG_MATCH_ANY = 0,
	CONFIG_MATCH_ALL,
	CONFIG_MATCH_INVERT,
};

/* A reference to a defined set with its options; set == NULL = no condition. */
struct config_match_set {
	char *set;
	enum config_match_opt opt;
};

enum config_cmp {
	CONFIG_CMP_EQ = 0,
	CONFIG_CMP_GE,
	CONFIG_CMP_LE,
};

enum config_route_type {
	CONFIG_ROUTE_ANY = 0,
	CONFIG_ROUTE_INTERNAL,		/* learned over iBGP */
	CONFIG_ROUTE_EXTERNAL,		/* learned over eBGP */
	CONFIG_ROUTE_LOCAL,		/* originated here (aggregates, intent) */
};

/* All present conditions must hold for a statement to match (AND). */
struct config_conditions {
	char *call_policy;		/* NULL = none */
	struct config_match_set prefix_set;	/* ANY or INVERT */
	struct config_match_set neighbor_set;	/* ANY or INVERT */
	struct config_match_set link_set;	/* ANY or INVERT */
	struct config_match_set community_set;
	struct config_match_set large_community_set;
	struct config_match_set ext_community_set;
	struct config_match_set as_path_set;
	bool has_as_path_length;
	enum config_cmp as_path_length_op;
	uint32_t as_path_length;
	uint32_t *asn_in_as_path;	/* match if any listed ASN occurs */
	size_t n_asn_in_as_path;
	bool has_med_eq;
	uint32_t med_eq;
	bool has_local_pref_eq;
	uint32_t local_pref_eq;
	bool has_origin_eq;
	uint8_t origin_eq;		/* 0 IGP, 1 EGP, 2 INCOMPLETE */
	uint32_t afi_safi_in;		/* CONFIG_AF_* bits; 0 = any */
	enum config_route_type route_type;
};

enum config_policy_result {
	CONFIG_RESULT_NONE = 0,		/* fall through to the next statement */
	CONFIG_RESULT_ACCEPT,		/* accept-route: ends the chain */
	CONFIG_RESULT_REJECT,		/* reject-route: ends the chain */
};

enum config_med_op {
	CONFIG_MED_NONE = 0,
	CONFIG_MED_SET,			/* med := value */
	CONFIG_MED_ADD,			/* med += value, saturating at 2^32-1 */
	CONFIG_MED_SUB,			/* med -= value, saturating at 0 */
};

enum config_comm_op {
	CONFIG_COMM_OP_NONE = 0,
	CONFIG_COMM_OP_ADD,
	CONFIG_COMM_OP_REMOVE,
	CONFIG_COMM_OP_REPLACE,
};

/* set-community / set-large-community / set-ext-community. */
struct config_set_community {
	enum config_comm_op op;
	char *set_ref;			/* community-set-ref, or NULL */
	struct config_community *v;	/* inline list when set_ref == NULL */
	size_t n;
};

enum config_nexthop_kind {
	CONFIG_NH_NONE = 0,
	CONFIG_NH_ADDRESS,
	CONFIG_NH_SELF,
};

struct config_summarize {
	bool present;
	struct prefix prefix;
	bool summary_only;
	bool as_set;
};

/* The set-intent knob (values in the order of policy/cloud.h). */
enum config_intent {
	CONFIG_INTENT_PREFER = 0,
	CONFIG_INTENT_NORMAL,
	CONFIG_INTENT_DEPREF,
};

struct config_actions {
	enum config_policy_result result;
	bool has_local_pref;
	uint32_t local_pref;
	enum config_med_op med_op;
	uint32_t med;
	uint8_t intent;			/* 0 none, 1 + enum config_intent */
	bool intent_by_prepend;		/* method prepend (else attribute) */
	bool has_prepend;
	uint32_t prepend_asn;		/* 0 = own AS */
	uint8_t prepend_repeat;		/* 1..10 */
	uint32_t *remove_asns;		/* remove-as-path-asn */
	size_t n_remove_asns;
	bool has_replace_as_path;
	uint32_t *replace_as_path;	/* replacement AS_SEQUENCE, may be empty */
	size_t n_replace_as_path;
	struct config_set_community set_community;
	struct config_set_community set_large_community;
	struct config_set_community set_ext_community;
	enum config_nexthop_kind next_hop_kind;
	struct addr next_hop;
	struct config_summarize summarize;	/* export only */
};

struct config_statement {
	char *name;
	struct config_conditions conditions;
	struct config_actions actions;
};

struct config_policy {
	char *name;
	struct config_statement *statements;	/* ordered-by user */
	size_t n_statements;
};

struct config_routing_policy {
	struct config_prefix_set *prefix_sets;
	size_t n_prefix_sets;
	struct config_neighbor_set *neighbor_sets;
	size_t n_neighbor_sets;
	struct config_link_set *link_sets;
	size_t n_link_sets;
	struct config_community_set *community_sets;	/* kind STANDARD */
	size_t n_community_sets;
	struct config_community_set *large_community_sets;	/* kind LARGE */
	size_t n_large_community_sets;
	struct config_community_set *ext_community_sets;	/* kind EXT */
	size_t n_ext_community_sets;
	struct config_as_path_set *as_path_sets;
	size_t n_as_path_sets;
	struct config_policy *policies;
	size_t n_policies;
};

/* ----- intent: gateways and interconnects (SPEC.md 1.2-1.8) ----- */

enum config_gw_role {
	CONFIG_GW_DXGW = 0,		/* gateway A */
	CONFIG_GW_CLOUD_ROUTER,		/* router B */
};

enum config_attach_kind {
	CONFIG_ATTACH_VGW = 0,
	CONFIG_ATTACH_TGW,
	CONFIG_ATTACH_CORE_NETWORK,
	CONFIG_ATTACH_VPC,
};

enum config_adv_mode {
	CONFIG_ADV_DEFAULT = 0,		/* subnets / VPC CIDRs */
	CONFIG_ADV_CUSTOM,		/* advertised-ranges (static) */
};

struct config_attachment {
	char *name;
	enum config_attach_kind kind;
	char *region;			/* may be NULL */
	struct prefix *prefixes;	/* VPC CIDRs / subnets / CNE routes */
	size_t n_prefixes;
	struct prefix *allowed_prefixes;	/* VGW filter / TGW originate */
	size_t n_allowed_prefixes;
	uint16_t base_priority;		/* MED base, 0..65535, default 100 */
	enum config_adv_mode advertise_mode;
	struct prefix *advertised_ranges;
	size_t n_advertised_ranges;
	struct config_apply_policy apply_policy;
};

struct config_gateway {
	char *name;
	enum config_gw_role role;
	uint32_t asn;
	uint32_t router_id;		/* host byte order */
	enum config_profile profile;	/* default from role */
	struct config_attachment *attachments;
	size_t n_attachments;
	struct config_apply_policy apply_policy;
};

struct config_link {
	uint8_t id;			/* 1..4, key */
	char *facility;
	char *device_a;
	char *device_b;
	uint16_t vlan;			/* 1025..4094 */
	struct prefix ipv4_subnet;	/* required, e.g. a /30 */
	struct prefix ipv6_subnet;	/* afi 0 = none */
	struct addr ipv4_a;		/* side A host; afi 0 = first host */
	struct addr ipv4_b;		/* side B host; afi 0 = second host */
	struct addr ipv6_a;
	struct addr ipv6_b;
	uint16_t mtu;			/* 1500 or 8500 */
	char *md5_key;			/* NULL = interconnect-generated */
	bool admin_up;
	bool drained;
	bool maintenance;
	struct config_apply_policy apply_policy;
};

/* A Cloud Router custom learned route (SPEC 2.5). */
struct config_learned {
	struct prefix prefix;
	uint16_t priority;		/* MED; default 100 */
};

struct config_interconnect {
	char *name;
	char *gateway_a;		/* gateway name, role dxgw */
	char *router_b;			/* gateway name, role cloud-router */
	char *environment;
	uint32_t bandwidth_mbps;
	bool admin_up;
	bool ipv6;
	struct config_apply_policy apply_policy;
	struct config_link *links;	/* <= 4 */
	size_t n_links;
	struct config_learned *custom_learned;	/* <= 10, router B side */
	size_t n_custom_learned;
};

/* The whole configuration. */
struct config {
	struct config_bgp bgp;
	struct config_routing_policy policy;
	struct config_gateway *gateways;
	size_t n_gateways;
	struct config_interconnect *interconnects;
	size_t n_interconnects;
};

/* Return a new, empty configuration owned by the caller (all defaults). */
struct config *config_new(void);

/* Release c and everything it owns; config_free(NULL) is a no-op. */
void config_free(struct config *c);

/*
 * Lookups by name or key over c (borrowed); return a borrowed pointer into c
 * or NULL when absent.
 */
const struct config_policy *config_policy_lookup(const struct config *c,
    const char *name);
const struct config_gateway *config_gateway_lookup(const struct config *c,
    const char *name);
const struct config_interconnect *config_interconnect_lookup(
    const struct config *c, const char *name);
const struct config_neighbor *config_neighbor_lookup(const struct config *c,
    const struct addr *a);
const struct config_prefix_set *config_prefix_set_lookup(
    const struct config *c, const char *name);
const struct config_neighbor_set *config_neighbor_set_lookup(
    const struct config *c, const char *name);
const struct config_link_set *config_link_set_lookup(const struct config *c,
    const char *name);
/* kind selects the standard, large or extended community-set list. */
const struct config_community_set *config_community_set_lookup(
    const struct config *c, enum config_comm_kind kind, const char *name);
const struct config_as_path_set *config_as_path_set_lookup(
    const struct config *c, const char *name);

#endif
