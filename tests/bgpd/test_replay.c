/*
 * Unit tests for bgpd/replay.c with records built here: a PEER_INDEX_TABLE
 * makes RIB peers with their BGP identifiers; RIB entries become paths and
 * the decision uses the identifiers (router-id step) and AS path length;
 * RIB records before a peer table and entries naming unknown peers are
 * reported; RIB entries with unusable attributes are not installed while
 * wrong flags from the dumper are normalised; BGP4MP UPDATEs announce and
 * withdraw and a STATE_CHANGE out of Established withdraws the peer; the
 * caller's import chain rejects; configured summaries follow the Loc-RIB.
 * Every test frees everything (ASan checks).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bgpd/replay.h"
#include "lib/wr.h"

#define IP(a, b, c, d) ((uint32_t)(a) << 24 | (b) << 16 | (c) << 8 | (d))

struct rec {
	struct mrt_hdr h;
	uint8_t body[1024];
	struct wr w;
};

static void
rec_start(struct rec *r, uint16_t type, uint16_t subtype)
{
	memset(r, 0, sizeof(*r));
	r->h.type = type;
	r->h.subtype = subtype;
	wr_init(&r->w, r->body, sizeof(r->body));
}

static void
rec_end(struct rec *r)
{
	assert_true(wr_ok(&r->w));
	r->h.len = (uint32_t)wr_len(&r->w);
}

/* PEER_INDEX_TABLE with IPv4 peers, 4-octet AS (RFC 6396 4.3.1). */
static void
peer_index(struct rec *r, const uint32_t *ip, const uint32_t *as,
    const uint32_t *id, unsigned n)
{
	unsigned i;

	rec_start(r, MRT_TABLE_DUMP_V2, MRT_TD2_PEER_INDEX);
	wr_u32(&r->w, IP(192, 0, 2, 99));
	wr_u16(&r->w, 0);
	wr_u16(&r->w, (uint16_t)n);
	for (i = 0; i < n; i++) {
		wr_u8(&r->w, 0x02);
		wr_u32(&r->w, id[i]);
		wr_u32(&r->w, ip[i]);
		wr_u32(&r->w, as[i]);
	}
	rec_end(r);
}

/*
 * Attributes ORIGIN IGP, AS_PATH of n ASNs from path, NEXT_HOP nh with
 * flags nh_flags (0x40 is right); no NEXT_HOP when nh is 0.
 */
static void
attrs_put(struct wr *w, const uint32_t *path, unsigned n, uint32_t nh,
    uint8_t nh_flags, bool as4)
{
	unsigned i;

	wr_u8(w, 0x40), wr_u8(w, 1), wr_u8(w, 1), wr_u8(w, 0);
	wr_u8(w, 0x40), wr_u8(w, 2), wr_u8(w, (uint8_t)(2 + n * (as4 ? 4 : 2)));
	wr_u8(w, 2), wr_u8(w, (uint8_t)n);
	for (i = 0; i < n; i++) {
		if (as4)
			wr_u32(w, path[i]);
		else
			wr_u16(w, (uint16_t)path[i]);
	}
	if (nh != 0) {
		wr_u8(w, nh_flags), wr_u8(w, 3), wr_u8(w, 4);
		wr_u32(w, nh);
	}
}

struct entry {
	uint16_t peer;
	uint32_t path[4];
	unsigned n;
	uint32_t nh;
	uint8_t nh_flags;	/* 0: the right flags, 0x40 */
};

/* RIB_IPV4_UNICAST for 10.1.0.0/16 with the given entries. */
static void
rib_v4(struct rec *r, const struct entry *e, unsigned n)
{
	uint8_t attrs[128];
	struct wr a;
	unsigned i;

	rec_start(r, MRT_TABLE_DUMP_V2, MRT_TD2_RIB_IPV4_UNICAST);
	wr_u32(&r->w, 1);
	wr_u8(&r->w, 16), wr_u8(&r->w, 10), wr_u8(&r->w, 1);
	wr_u16(&r->w, (uint16_t)n);
	for (i = 0; i < n; i++) {
		wr_init(&a, attrs, sizeof(attrs));
		attrs_put(&a, e[i].path, e[i].n, e[i].nh,
		    e[i].nh_flags ? e[i].nh_flags : 0x40, true);
		wr_u16(&r->w, e[i].peer);
		wr_u32(&r->w, 0);
		wr_u16(&r->w, (uint16_t)wr_len(&a));
		wr_bytes(&r->w, attrs, wr_len(&a));
	}
	rec_end(r);
}

static const uint32_t ips[] = { IP(192, 0, 2, 1), IP(192, 0, 2, 2) };
static const uint32_t ases[] = { 65001, 65002 };
/* The higher address has the lower BGP identifier. */
static const uint32_t ids[] = { IP(10, 0, 0, 9), IP(10, 0, 0, 1) };

static struct replay *
replay_default(void)
{
	struct replay_opts o;

	memset(&o, 0, sizeof(o));
	rib_config_default(&o.rib);
	return replay_new(&o);
}

static const struct rib_entry *
lookup_10_1(const struct replay *r)
{
	struct prefix p;

	assert_int_equal(prefix_parse("10.1.0.0/16", &p, true), 0);
	return rib_lookup(replay_rib(r), &p);
}

static void
apply_ok(struct replay *r, const struct rec *rec, bool warned)
{
	struct mrt_err err;

	assert_int_equal(replay_record(r, &rec->h, rec->body, &err), MRT_OK);
	assert_int_equal(err.reason != NULL, warned);
}

static void
test_rib_peers_and_router_id(void **state)
{
	struct entry e[] = {
		{ .peer = 0, .path = { 65001, 64500 }, .n = 2,
		  .nh = IP(192, 0, 2, 1) },
		{ .peer = 1, .path = { 65002, 64500 }, .n = 2,
		  .nh = IP(192, 0, 2, 2) },
	};
	struct replay *r = replay_default();
	const struct rib_entry *re;
	struct replay_counters c;
	struct rec rec;

	(void)state;
	peer_index(&rec, ips, ases, ids, 2);
	apply_ok(r, &rec, false);
	assert_int_equal(replay_npeers(r), 2);
	assert_int_equal(replay_peer(r, 1)->info.router_id, ids[1]);
	assert_true(replay_peer(r, 1)->bgp_id_known);
	rib_v4(&rec, e, 2);
	apply_ok(r, &rec, false);
	re = lookup_10_1(r);
	assert_non_null(re);
	/* RFC 4271 9.1.2.2 (f): the lower BGP identifier, not address. */
	assert_int_equal(rib_entry_best(re)->peer->id, replay_peer(r, 1)->id);
	assert_int_equal(rib_entry_why(re), DECIDE_ROUTER_ID);
	/* A shorter AS path from the other peer wins at step (a). */
	e[0].n = 1;
	rib_v4(&rec, e, 2);
	apply_ok(r, &rec, false);
	re = lookup_10_1(r);
	assert_int_equal(rib_entry_best(re)->peer->id, replay_peer(r, 0)->id);
	assert_int_equal(rib_entry_why(re), DECIDE_AS_PATH);
	replay_counters(r, &c);
	assert_int_equal(c.rib_entries, 4);
	assert_int_equal(c.records, 3);
	replay_free(r);
}

static void
test_rib_errors_reported(void **state)
{
	struct entry e[] = {
		{ .peer = 5, .path = { 65001 }, .n = 1,
		  .nh = IP(192, 0, 2, 1) },
		{ .peer = 0, .path = { 65001 }, .n = 1, .nh = 0 },
	};
	struct replay *r = replay_default();
	struct mrt_err err;
	struct rec rec;

	(void)state;
	rib_v4(&rec, e, 1);
	assert_int_equal(replay_record(r, &rec.h, rec.body, &err), MRT_ERR);
	assert_string_equal(err.reason,
	    "RIB record before any PEER_INDEX_TABLE");
	peer_index(&rec, ips, ases, ids, 2);
	apply_ok(r, &rec, false);
	/* Unknown peer index, then a missing NEXT_HOP: warnings, no path. */
	rib_v4(&rec, e, 2);
	assert_int_equal(replay_record(r, &rec.h, rec.body, &err), MRT_OK);
	assert_non_null(strstr(err.reason, "peer index beyond"));
	assert_true(err.offset > 0 && err.offset < rec.h.len);
	assert_null(lookup_10_1(r));
	rib_v4(&rec, e + 1, 1);
	assert_int_equal(replay_record(r, &rec.h, rec.body, &err), MRT_OK);
	assert_non_null(strstr(err.reason, "not installed (RFC 7606)"));
	assert_null(lookup_10_1(r));
	/* A truncated record is an error. */
	rec.h.len -= 3;
	assert_int_equal(replay_record(r, &rec.h, rec.body, &err), MRT_ERR);
	replay_free(r);
}

static void
test_dumper_flags_normalised(void **state)
{
	struct entry e[] = {
		{ .peer = 0, .path = { 65001 }, .n = 1,
		  .nh = IP(192, 0, 2, 1), .nh_flags = 0x80 },
	};
	struct replay *r = replay_default();
	struct replay_counters c;
	struct rec rec;

	(void)state;
	peer_index(&rec, ips, ases, ids, 2);
	apply_ok(r, &rec, false);
	rib_v4(&rec, e, 1);
	apply_ok(r, &rec, true);
	assert_non_null(lookup_10_1(r));
	assert_non_null(rib_entry_best(lookup_10_1(r)));
	/* Only the first entry of a file warns. */
	apply_ok(r, &rec, false);
	replay_counters(r, &c);
	assert_int_equal(c.flags_fixed, 2);
	assert_int_equal(c.treat_as_withdraw, 0);
	replay_free(r);
}

/* BGP4MP MESSAGE_AS4 from 192.0.2.7 AS 65007 to AS 65000: an UPDATE. */
static void
bgp4mp_update(struct rec *r, bool announce)
{
	static const uint32_t path[] = { 65007 };
	uint8_t msg[256];
	struct wr m, a;
	uint8_t attrs[64];
	size_t i;

	wr_init(&a, attrs, sizeof(attrs));
	attrs_put(&a, path, 1, IP(192, 0, 2, 7), 0x40, true);
	wr_init(&m, msg, sizeof(msg));
	for (i = 0; i < 16; i++)
		wr_u8(&m, 0xff);
	wr_u16(&m, 0);
	wr_u8(&m, 2);
	if (announce) {
		wr_u16(&m, 0);
		wr_u16(&m, (uint16_t)wr_len(&a));
		wr_bytes(&m, attrs, wr_len(&a));
	} else {
		wr_u16(&m, 3);
		wr_u8(&m, 16), wr_u8(&m, 10), wr_u8(&m, 1);
		wr_u16(&m, 0);
	}
	if (announce)
		wr_u8(&m, 16), wr_u8(&m, 10), wr_u8(&m, 1);
	wr_patch_u16(&m, 16, (uint16_t)wr_len(&m));
	rec_start(r, MRT_BGP4MP, MRT_BGP4MP_MESSAGE_AS4);
	wr_u32(&r->w, 65007), wr_u32(&r->w, 65000);
	wr_u16(&r->w, 0), wr_u16(&r->w, AFI_IPV4);
	wr_u32(&r->w, IP(192, 0, 2, 7)), wr_u32(&r->w, IP(192, 0, 2, 254));
	wr_bytes(&r->w, msg, wr_len(&m));
	rec_end(r);
}

static void
state_change(struct rec *r, uint16_t from, uint16_t to)
{
	rec_start(r, MRT_BGP4MP, MRT_BGP4MP_STATE_CHANGE_AS4);
	wr_u32(&r->w, 65007), wr_u32(&r->w, 65000);
	wr_u16(&r->w, 0), wr_u16(&r->w, AFI_IPV4);
	wr_u32(&r->w, IP(192, 0, 2, 7)), wr_u32(&r->w, IP(192, 0, 2, 254));
	wr_u16(&r->w, from), wr_u16(&r->w, to);
	rec_end(r);
}

static void
test_bgp4mp_stream(void **state)
{
	struct replay *r = replay_default();
	struct replay_counters c;
	struct rec rec;

	(void)state;
	bgp4mp_update(&rec, true);
	apply_ok(r, &rec, false);
	assert_non_null(rib_entry_best(lookup_10_1(r)));
	/* No PEER_INDEX_TABLE: the IPv4 session address is the router id. */
	assert_int_equal(replay_peer(r, 0)->info.router_id, IP(192, 0, 2, 7));
	assert_false(replay_peer(r, 0)->bgp_id_known);
	bgp4mp_update(&rec, false);
	apply_ok(r, &rec, false);
	assert_null(lookup_10_1(r));
	bgp4mp_update(&rec, true);
	apply_ok(r, &rec, false);
	state_change(&rec, 5, 6);
	apply_ok(r, &rec, false);
	assert_non_null(lookup_10_1(r));
	state_change(&rec, 6, 1);
	apply_ok(r, &rec, false);
	assert_null(lookup_10_1(r));
	replay_counters(r, &c);
	assert_int_equal(c.updates, 3);
	assert_int_equal(c.announced, 2);
	assert_int_equal(c.withdrawn, 1);
	assert_int_equal(c.sessions_down, 1);
	replay_free(r);
}

struct pol_fix {
	struct policy_db *db;
	struct pol_chain chain;
	unsigned calls;
};

static void
peer_new_reject(void *ctx, const struct rib_peer_info *info,
    struct replay_peer_pol *out)
{
	struct pol_fix *f = ctx;

	f->calls++;
	if (info->as == 65002)
		out->chain = &f->chain;
}

static void
test_import_chain_rejects(void **state)
{
	struct entry e[] = {
		{ .peer = 0, .path = { 65001, 1, 2 }, .n = 3,
		  .nh = IP(192, 0, 2, 1) },
		{ .peer = 1, .path = { 65002 }, .n = 1,
		  .nh = IP(192, 0, 2, 2) },
	};
	const struct policy *pols[1];
	struct pol_fix f = { 0 };
	struct replay_opts o;
	const struct rib_entry *re;
	struct policy *pol;
	struct replay *r;
	struct rec rec;

	(void)state;
	f.db = policy_db_new();
	pol = policy_db_add_policy(f.db, "reject-all");
	policy_add_stmt(pol, "all")->act.result = POL_REJECT;
	pols[0] = pol;
	f.chain.v = pols;
	f.chain.n = 1;
	f.chain.dflt = POL_ACCEPT;
	memset(&o, 0, sizeof(o));
	rib_config_default(&o.rib);
	o.peer_new = peer_new_reject;
	o.ctx = &f;
	r = replay_new(&o);
	peer_index(&rec, ips, ases, ids, 2);
	apply_ok(r, &rec, false);
	assert_int_equal(f.calls, 2);
	rib_v4(&rec, e, 2);
	apply_ok(r, &rec, false);
	re = lookup_10_1(r);
	/* The shorter path is rejected by policy: the longer one wins. */
	assert_int_equal(rib_entry_best(re)->peer->id, replay_peer(r, 0)->id);
	assert_int_equal(rib_peer_lookup(replay_rib(r), 2)->npaths, 1);
	assert_int_equal(rib_peer_lookup(replay_rib(r), 2)->naccepted, 0);
	replay_free(r);
	policy_db_free(f.db);
}

static void
test_summary_follows_loc_rib(void **state)
{
	struct entry e[] = {
		{ .peer = 0, .path = { 65001, 64500 }, .n = 2,
		  .nh = IP(192, 0, 2, 1) },
	};
	struct aggregate_conf conf = { .mode = AGGREGATE_SUMMARY_ONLY,
		.as_set = true };
	struct aggregate_changes st = { 0 };
	struct replay_opts o;
	struct replay *r;
	struct rec rec;

	(void)state;
	assert_int_equal(prefix_parse("10.0.0.0/8", &conf.prefix, true), 0);
	memset(&o, 0, sizeof(o));
	rib_config_default(&o.rib);
	o.aggs = &conf;
	o.naggs = 1;
	o.agg.own_as = 64999;
	o.agg.router_id = IP(10, 9, 9, 9);
	r = replay_new(&o);
	assert_true(replay_aggregate_state(r, &st));
	assert_int_equal(st.n, 0);
	peer_index(&rec, ips, ases, ids, 2);
	apply_ok(r, &rec, false);
	rib_v4(&rec, e, 1);
	apply_ok(r, &rec, false);
	assert_true(replay_aggregate_state(r, &st));
	assert_int_equal(st.n, 2);
	assert_int_equal(st.v[0].kind, AGGREGATE_ADD);
	assert_int_equal(attrs_aggr_as(st.v[0].attrs), 64999);
	assert_int_equal(st.v[1].kind, AGGREGATE_SUPPRESS);
	assert_int_equal(st.v[1].prefix.len, 16);
	replay_aggregate_fini(r, &st);
	replay_free(r);
}

static void
test_no_summaries_configured(void **state)
{
	struct aggregate_changes st = { 0 };
	struct replay *r = replay_default();

	(void)state;
	assert_false(replay_aggregate_state(r, &st));
	assert_int_equal(st.n, 0);
	replay_aggregate_fini(r, &st);
	replay_free(r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rib_peers_and_router_id),
		cmocka_unit_test(test_rib_errors_reported),
		cmocka_unit_test(test_dumper_flags_normalised),
		cmocka_unit_test(test_bgp4mp_stream),
		cmocka_unit_test(test_import_chain_rejects),
		cmocka_unit_test(test_summary_follows_loc_rib),
		cmocka_unit_test(test_no_summaries_configured),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
