/*
 * Text and JSON output of `crossroute mrt replay` (tools/replay_print.h):
 * peers, the Loc-RIB per prefix in tree order (IPv4 then IPv6) and the
 * counters. AS paths and communities use the engine's text forms
 * (lib/aspath.c, lib/community.c: the bgpdump spelling). JSON strings are
 * escaped although every printed text is plain ASCII today.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/aspath.h"
#include "lib/community.h"
#include "lib/xmalloc.h"
#include "rib/decide.h"
#include "tools/replay_print.h"

/* Long enough for any AS path or community list the codec accepts. */
#define TEXT_MAX 65536

struct counter {
	const char *name;
	uint64_t v;
};

enum { NCOUNTERS = 22 };

/* Everything countable, in print order; returns the number filled. */
static size_t
counters_get(const struct replay *r, struct counter *v)
{
	struct replay_counters c;
	struct rib_counters rc;
	size_t n = 0;

	replay_counters(r, &c);
	rib_counters(replay_rib(r), &rc);
#define C(nm, val) (v[n].name = (nm), v[n++].v = (uint64_t)(val))
	C("records", c.records);
	C("rib-entries", c.rib_entries);
	C("updates", c.updates);
	C("announced", c.announced);
	C("withdrawn", c.withdrawn);
	C("sessions-down", c.sessions_down);
	C("skipped", c.skipped);
	C("attr-discard", c.attr_discard);
	C("treat-as-withdraw", c.treat_as_withdraw);
	C("afi-disable", c.afi_disable);
	C("reset-ignored", c.reset);
	C("flags-normalised", c.flags_fixed);
	C("loc-rib-changes", c.changes);
	C("peers", rc.peers);
	C("prefixes", rc.prefixes);
	C("paths", rc.paths);
	C("paths-accepted", rc.accepted);
	C("tree-nodes", rc.nodes);
	C("rib-bytes", rc.bytes);
	C("rib-bytes-per-path", rc.paths ? rc.bytes / rc.paths : 0);
	C("attr-sets", attr_table_count(replay_attrs(r)));
	C("attr-blobs", attr_table_blob_count(replay_attrs(r)));
#undef C
	return n;
}

/* Write s as a JSON string (quotes included). */
static void
json_str(FILE *f, const char *s)
{
	putc('"', f);
	for (; *s != '\0'; s++) {
		unsigned char ch = (unsigned char)*s;

		if (ch == '"' || ch == '\\')
			fprintf(f, "\\%c", ch);
		else if (ch < 0x20 || ch >= 0x7f)
			fprintf(f, "\\u%04x", ch);
		else
			putc(ch, f);
	}
	putc('"', f);
}

static const char *
origin_name(const struct attrs *a)
{
	if (!(a->flags & ATTRS_HAS_ORIGIN))
		return "?";
	switch (a->origin) {
	case ORIGIN_IGP:
		return "IGP";
	case ORIGIN_EGP:
		return "EGP";
	default:
		return "INCOMPLETE";
	}
}

static char *
ipv4_print(uint32_t v, char *buf, size_t size)
{
	struct addr a;

	addr_from_ipv4(&a, v);
	return addr_print(&a, buf, size);
}

/* The texts of one best path, built once for either format. */
struct route_text {
	char prefix[PREFIX_STRLEN];
	char peer[ADDR_STRLEN];
	char rid[ADDR_STRLEN];
	char nh[ADDR_STRLEN];
	char path[TEXT_MAX];
	char comms[TEXT_MAX];
	char lcomms[TEXT_MAX];
};

static void
route_text(struct route_text *t, const struct prefix *p, const struct path *b)
{
	const struct attrs *a = b->attrs;

	prefix_print(p, t->prefix, sizeof(t->prefix));
	addr_print(&b->peer->info.addr, t->peer, sizeof(t->peer));
	ipv4_print(b->peer->info.router_id, t->rid, sizeof(t->rid));
	if (a->flags & ATTRS_HAS_NEXTHOP)
		addr_print(attrs_nexthop(a), t->nh, sizeof(t->nh));
	else
		strcpy(t->nh, "-");
	aspath_print(blob_bytes(a->aspath), t->path, sizeof(t->path));
	community_print(blob_bytes(a->comms), t->comms, sizeof(t->comms));
	community_large_print(blob_bytes(attrs_lcomms(a)), t->lcomms,
	    sizeof(t->lcomms));
}

static unsigned
entry_npaths(const struct rib_entry *e)
{
	const struct path *p;
	unsigned n = 0;

	for (p = rib_entry_paths(e); p != NULL; p = p->next)
		n++;
	return n;
}

static void
route_json(FILE *f, const struct route_text *t, const struct rib_entry *e,
    const struct path *b)
{
	const struct attrs *a = b->attrs;

	fprintf(f, "{\"prefix\":\"%s\",\"peer-id\":%" PRIu32 ",\"peer\":\"%s\""
	    ",\"peer-as\":%" PRIu32 ",\"router-id\":\"%s\",\"as-path\":",
	    t->prefix, b->peer->id, t->peer, b->peer->info.as, t->rid);
	json_str(f, t->path);
	fprintf(f, ",\"next-hop\":\"%s\",\"local-pref\":%" PRIu32 ",\"med\":",
	    t->nh, decide_local_pref(b->peer->opts, b));
	if (a->flags & ATTRS_HAS_MED)
		fprintf(f, "%" PRIu32, a->med);
	else
		fputs("null", f);
	fprintf(f, ",\"origin\":\"%s\",\"communities\":", origin_name(a));
	json_str(f, t->comms);
	fputs(",\"large-communities\":", f);
	json_str(f, t->lcomms);
	fprintf(f, ",\"paths\":%u,\"multipath\":%u,\"step\":\"%s\"}",
	    entry_npaths(e), rib_entry_npaths(e),
	    decide_step_name(rib_entry_why(e)));
}

static void
route_line(FILE *f, const struct route_text *t, const struct rib_entry *e,
    const struct path *b)
{
	const struct attrs *a = b->attrs;

	fprintf(f, "%s via %s AS%" PRIu32 " nh %s lp %" PRIu32 " med ",
	    t->prefix, t->peer, b->peer->info.as, t->nh,
	    decide_local_pref(b->peer->opts, b));
	if (a->flags & ATTRS_HAS_MED)
		fprintf(f, "%" PRIu32, a->med);
	else
		putc('-', f);
	fprintf(f, " %s multipath %u/%u step %s path \"%s\"", origin_name(a),
	    rib_entry_npaths(e), entry_npaths(e),
	    decide_step_name(rib_entry_why(e)), t->path);
	if (t->comms[0] != '\0')
		fprintf(f, " comms \"%s\"", t->comms);
	if (t->lcomms[0] != '\0')
		fprintf(f, " large \"%s\"", t->lcomms);
	putc('\n', f);
}

/* Print the Loc-RIB; returns the number of routes printed. */
static uint64_t
routes_print(FILE *f, const struct replay *r, bool json,
    struct route_text *t)
{
	static const uint8_t afis[] = { AFI_IPV4, AFI_IPV6 };
	const struct rib_entry *e;
	const struct path *b;
	struct rib_iter it;
	struct prefix p;
	uint64_t n = 0;
	size_t i;

	for (i = 0; i < sizeof(afis); i++) {
		rib_iter_init(&it, replay_rib(r), afis[i], NULL, NULL);
		while ((e = rib_iter_next(&it, &p)) != NULL) {
			if ((b = rib_entry_best(e)) == NULL)
				continue;
			route_text(t, &p, b);
			if (json) {
				fputs(n ? ",\n" : "\n", f);
				route_json(f, t, e, b);
			} else {
				route_line(f, t, e, b);
			}
			n++;
		}
	}
	return n;
}

static void
peers_print(FILE *f, const struct replay *r, bool json)
{
	const struct replay_peer *pe;
	const struct rib_peer *rp;
	char addr[ADDR_STRLEN], rid[ADDR_STRLEN];
	size_t i;

	for (i = 0; (pe = replay_peer(r, i)) != NULL; i++) {
		rp = rib_peer_lookup(replay_rib(r), pe->id);
		addr_print(&pe->info.addr, addr, sizeof(addr));
		ipv4_print(pe->info.router_id, rid, sizeof(rid));
		if (json)
			fprintf(f, "%s{\"id\":%" PRIu32 ",\"address\":\"%s\","
			    "\"as\":%" PRIu32 ",\"router-id\":\"%s\","
			    "\"router-id-known\":%s,\"ibgp\":%s,"
			    "\"import-policy\":%s,\"paths\":%zu,"
			    "\"accepted\":%zu}", i ? ",\n" : "\n",
			    pe->id, addr, pe->info.as, rid,
			    pe->bgp_id_known ? "true" : "false",
			    pe->info.ibgp ? "true" : "false",
			    pe->pol.chain ? "true" : "false", rp->npaths,
			    rp->naccepted);
		else
			fprintf(f, "peer %" PRIu32 " %s AS%" PRIu32
			    " router-id %s%s %s%s paths %zu accepted %zu\n",
			    pe->id, addr, pe->info.as, rid,
			    pe->bgp_id_known ? "" : " (assumed)",
			    pe->info.ibgp ? "ibgp" : "ebgp",
			    pe->pol.chain ? " import-policy" : "", rp->npaths,
			    rp->naccepted);
	}
}

/* Summaries (ADD entries) and suppressed prefixes of the state agg. */
static void
aggs_print(FILE *f, const struct aggregate_changes *agg, bool json,
    struct route_text *t)
{
	const struct aggregate_change *c;
	const char *sep = "\n";
	size_t i;

	if (json)
		fputs(",\n\"aggregates\":[", f);
	for (i = 0; i < agg->n && agg->v[i].kind == AGGREGATE_ADD; i++) {
		c = &agg->v[i];
		prefix_print(&c->prefix, t->prefix, sizeof(t->prefix));
		aspath_print(blob_bytes(c->attrs->aspath), t->path,
		    sizeof(t->path));
		community_print(blob_bytes(c->attrs->comms), t->comms,
		    sizeof(t->comms));
		/* AGGREGATOR as "AS:address" ("-" for originated routes). */
		if (c->attrs->flags & ATTRS_HAS_AGGREGATOR)
			snprintf(t->nh, sizeof(t->nh), "%" PRIu32 ":%s",
			    attrs_aggr_as(c->attrs),
			    ipv4_print(attrs_aggr_id(c->attrs),
			    t->rid, sizeof(t->rid)));
		else
			strcpy(t->nh, "-");
		fprintf(f, json ? "%s{\"prefix\":\"%s\",\"as-path\":\"%s\","
		    "\"origin\":\"%s\",\"atomic-aggregate\":%s,"
		    "\"aggregator\":\"%s\",\"communities\":\"%s\"}" :
		    "aggregate %s%s path \"%s\" origin %s atomic-aggregate %s"
		    " aggregator %s comms \"%s\"\n",
		    json ? sep : "", t->prefix, t->path, origin_name(c->attrs),
		    (c->attrs->flags & ATTRS_HAS_ATOMIC_AGG) ? "true" : "false",
		    t->nh, t->comms);
		sep = ",\n";
	}
	if (json)
		fputs("\n],\n\"suppressed\":[", f);
	for (sep = "\n"; i < agg->n; i++) {
		prefix_print(&agg->v[i].prefix, t->prefix, sizeof(t->prefix));
		fprintf(f, json ? "%s\"%s\"" : "suppressed %s%s\n",
		    json ? sep : "", t->prefix);
		sep = ",\n";
	}
	if (json)
		fputs("\n]", f);
}

static void
files_json(FILE *f, const struct replay_print_file *files, size_t n)
{
	size_t i;

	fputs("\"files\":[", f);
	for (i = 0; i < n; i++) {
		fputs(i ? ",\n" : "\n", f);
		fputs("{\"path\":", f);
		json_str(f, files[i].path);
		fprintf(f, ",\"records\":%llu,\"errors\":%llu,"
		    "\"warnings\":%llu}",
		    files[i].records, files[i].errors, files[i].warnings);
	}
	fputs("\n]", f);
}

int
replay_print(FILE *f, const struct replay *r, bool json,
    const struct aggregate_changes *agg,
    const struct replay_print_file *files, size_t nfiles)
{
	struct route_text *t = xmalloc(sizeof(*t));	/* 200 KB, reused */
	struct counter c[NCOUNTERS];
	size_t i, n = counters_get(r, c);
	uint64_t routes;

	if (!json) {
		peers_print(f, r, false);
		routes = routes_print(f, r, false, t);
		if (agg != NULL)
			aggs_print(f, agg, false, t);
		free(t);
		fprintf(f, "# %" PRIu64 " routes in the Loc-RIB\n", routes);
		return ferror(f) ? -1 : 0;
	}
	fputs("{\"peers\":[", f);
	peers_print(f, r, true);
	fputs("\n],\n\"routes\":[", f);
	routes = routes_print(f, r, true, t);
	fputs("\n]", f);
	if (agg != NULL)
		aggs_print(f, agg, true, t);
	free(t);
	fprintf(f, ",\n\"counters\":{\"loc-rib-routes\":%" PRIu64, routes);
	for (i = 0; i < n; i++)
		fprintf(f, ",\"%s\":%" PRIu64, c[i].name, c[i].v);
	fputs("},\n", f);
	files_json(f, files, nfiles);
	fputs("}\n", f);
	return ferror(f) ? -1 : 0;
}

void
replay_print_stats(FILE *f, const struct replay *r)
{
	struct counter c[NCOUNTERS];
	size_t i, n = counters_get(r, c);

	for (i = 0; i < n; i++)
		fprintf(f, "%s %" PRIu64 "\n", c[i].name, c[i].v);
}
