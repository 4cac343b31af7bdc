/*
 * Show output of the control socket (see ctl.h): one neighbour or one
 * Loc-RIB entry as a JSON object or a text line, appended to a libevent
 * buffer. Formatting only: it reads peers, sessions and RIB entries and
 * changes nothing. Kept out of the core files (STYLE.md 5).
 */
#include <stdio.h>
#include <string.h>

#include <event2/buffer.h>

#include "bgpd/ctl.h"
#include "bgpd/daemon.h"
#include "bgpd/originate.h"
#include "lib/aspath.h"
#include "lib/community.h"

static const char *const origin_name[] = { "igp", "egp", "incomplete" };

/*
 * How pa came to be: "originated" (an attachment route of the gateway,
 * bgpd/originate.c), "aggregate" (a global aggregate, bgpd/aggr.c), else
 * "learned" from a neighbour.
 */
static const char *
path_type(const struct path *pa)
{
	if (daemon_originated(pa))
		return "originated";
	if (pa->peer->id == DAEMON_LOCAL_PEER)
		return "aggregate";
	return "learned";
}

/* The text output's note on a local path: " (originated)" or
 * " (aggregate)"; "" for a learned one. */
static const char *
path_note(const struct path *pa)
{
	if (daemon_originated(pa))
		return " (originated)";
	return pa->peer->id == DAEMON_LOCAL_PEER ? " (aggregate)" : "";
}

/*
 * LOCAL_PREF as received or set by import policy ("local_pref", null when
 * the path has none: eBGP-learned, RFC 4271 5.1.5) and the value the
 * decision uses ("effective_local_pref": the same, else the profile's
 * default, SPEC 2.2 classes on the DX side; null for a path import
 * policy rejected, which the decision never sees).
 */
static void
local_pref_json(struct evbuffer *out, const struct path *pa,
    const struct attrs *at)
{
	if (at->flags & ATTRS_HAS_LOCAL_PREF)
		evbuffer_add_printf(out, "\"local_pref\":%u,", at->local_pref);
	else
		evbuffer_add_printf(out, "\"local_pref\":null,");
	if (pa->attrs == NULL) {
		evbuffer_add_printf(out, "\"effective_local_pref\":null,");
		return;
	}
	evbuffer_add_printf(out, "\"effective_local_pref\":%u,",
	    decide_local_pref(pa->peer->opts, pa));
}

/* RFC 7606 rows by attribute type, non-zero ones only. */
static void
rows_json(struct evbuffer *out, const struct peer *p)
{
	bool first = true;
	unsigned i;

	evbuffer_add_printf(out, "\"rfc7606_by_attribute\":{");
	for (i = 0; i < PEER_ROWS; i++) {
		if (p->rows[i] == 0)
			continue;
		evbuffer_add_printf(out, "%s\"%u\":%llu", first ? "" : ",", i,
		    (unsigned long long)p->rows[i]);
		first = false;
	}
	evbuffer_add_printf(out, "},");
}

/* Where sum_json() writes. */
struct sum_out {
	struct evbuffer *out;
	bool first;
};

/* One per attach point summary, for sums_json(). */
static void
sum_json(void *ctx, const struct prefix *pfx, const struct attrs *a,
    bool summary_only)
{
	struct sum_out *so = ctx;
	struct evbuffer *out = so->out;
	char ps[PREFIX_STRLEN], asp[1024];

	if (!so->first)
		evbuffer_add(out, ",", 1);
	so->first = false;
	aspath_print(blob_bytes(a->aspath), asp, sizeof(asp));
	evbuffer_add_printf(out, "{\"prefix\":\"%s\",\"as_path\":\"%s\","
	    "\"origin\":\"%s\",\"atomic_aggregate\":%s,"
	    "\"summary_only\":%s}", prefix_print(pfx, ps, sizeof(ps)), asp,
	    origin_name[a->origin % 3],
	    a->flags & ATTRS_HAS_ATOMIC_AGG ? "true" : "false",
	    summary_only ? "true" : "false");
}

/*
 * The summaries of the export policy's summarize actions towards p (its
 * export group's, SPEC 3.3 per attach point; attributes before our AS is
 * prepended), or [] when it has none or is not in a group.
 */
static void
sums_json(struct evbuffer *out, const struct peer *p)
{
	struct sum_out so = { out, true };

	evbuffer_add_printf(out, "\"summaries\":[");
	if (p->grp != NULL)
		export_sum_walk(p->grp->sum, sum_json, &so);
	evbuffer_add_printf(out, "],");
}

/* The profile of p as the configuration spells it (crossroute-types). */
static const char *
profile_name(const struct peer *p)
{
	switch (p->profile) {
	case CONFIG_PROFILE_DX:
		return "dx";
	case CONFIG_PROFILE_CLOUD_ROUTER:
		return "cloud-router";
	case CONFIG_PROFILE_DX_PUBLIC:
		return "dx-public";
	case CONFIG_PROFILE_GENERIC:
		break;
	}
	return "generic";
}

static void
neighbor_json(struct evbuffer *out, const struct peer *p,
    const struct session_stats *st, const struct session_conf *sc)
{
	char a[ADDR_STRLEN];

	evbuffer_add_printf(out, "{\"address\":\"%s\",\"remote_as\":%u,"
	    "\"state\":\"%s\",\"md5\":%s,\"side\":%u,\"link\":%u,"
	    "\"prefixes_received\":{\"ipv4\":%zu,\"ipv6\":%zu},"
	    "\"established_count\":%u,\"dropped_count\":%u,",
	    addr_print(&p->addr, a, sizeof(a)), p->remote_as,
	    fsm_state_name(session_state(p->s)),
	    sc->md5_len > 0 ? "true" : "false", p->side, p->link_id,
	    peer_af_count(p, 0), peer_af_count(p, 1), st->established,
	    st->dropped);
	evbuffer_add_printf(out, "\"messages_in\":{\"open\":%llu,"
	    "\"update\":%llu,\"notification\":%llu,\"keepalive\":%llu,"
	    "\"refresh\":%llu},\"messages_out\":{\"open\":%llu,"
	    "\"update\":%llu,\"notification\":%llu,\"keepalive\":%llu,"
	    "\"refresh\":%llu},",
	    (unsigned long long)st->in[1], (unsigned long long)st->in[2],
	    (unsigned long long)st->in[3], (unsigned long long)st->in[4],
	    (unsigned long long)st->in[5], (unsigned long long)st->out[1],
	    (unsigned long long)st->out[2], (unsigned long long)st->out[3],
	    (unsigned long long)st->out[4], (unsigned long long)st->out[5]);
	/* The region is a YANG region-type: no character needs escaping. */
	evbuffer_add_printf(out, "\"profile\":\"%s\",\"region\":",
	    profile_name(p));
	if (p->region[0] != '\0')
		evbuffer_add_printf(out, "\"%s\",", p->region);
	else
		evbuffer_add_printf(out, "null,");
	rows_json(out, p);
	sums_json(out, p);
	evbuffer_add_printf(out, "\"rfc7606\":{\"attribute_discard\":%llu,"
	    "\"treat_as_withdraw\":%llu,\"afi_safi_disable\":%llu,"
	    "\"session_reset\":%llu},"
	    "\"max_prefix_exceeded\":%llu,\"gr_stale\":%s,"
	    "\"last_notification\":{\"code\":%u,\"subcode\":%u,\"sent\":%s},"
	    "\"uptime_since\":%lld,\"group_members\":%zu,"
	    "\"group_messages\":%llu}",
	    (unsigned long long)p->verdicts[WIRE_ATTR_DISCARD],
	    (unsigned long long)p->verdicts[WIRE_WITHDRAW],
	    (unsigned long long)p->verdicts[WIRE_AFI_DISABLE],
	    (unsigned long long)p->verdicts[WIRE_RESET],
	    (unsigned long long)p->maxpfx_hits,
	    p->gr_stale ? "true" : "false", st->last_code, st->last_subcode,
	    st->last_sent ? "true" : "false", (long long)st->up_since,
	    p->grp != NULL ? p->grp->n : 0,
	    p->grp != NULL ? (unsigned long long)p->grp->msgs : 0ULL);
}

void
ctl_show_neighbor(struct evbuffer *out, const struct daemon *d,
    const struct peer *p, bool json, bool first)
{
	const struct session_stats *st = session_stats(p->s);
	const struct session_conf *sc = session_conf(p->s);
	char a[ADDR_STRLEN];

	(void)d;
	if (json) {
		if (!first)
			evbuffer_add(out, ",", 1);
		neighbor_json(out, p, st, sc);
		return;
	}
	if (first)
		evbuffer_add_printf(out, "%-40s %10s %-12s %8s %8s %-12s %-16s "
		    "%s\n", "Neighbor", "AS", "State", "PfxV4", "PfxV6",
		    "Profile", "Region", "Last NOTIFICATION");
	evbuffer_add_printf(out, "%-40s %10u %-12s %8zu %8zu %-12s %-16s %s\n",
	    addr_print(&p->addr, a, sizeof(a)), p->remote_as,
	    fsm_state_name(session_state(p->s)), peer_af_count(p, 0),
	    peer_af_count(p, 1), profile_name(p),
	    p->region[0] != '\0' ? p->region : "-",
	    st->last_text[0] ? st->last_text : "-");
}

static void
path_json(struct evbuffer *out, const struct path *pa, bool best, bool mp)
{
	const struct attrs *at = pa->attrs != NULL ? pa->attrs : pa->in;
	char asp[1024], nh[ADDR_STRLEN], peer[ADDR_STRLEN], cm[1024];

	aspath_print(blob_bytes(at->aspath), asp, sizeof(asp));
	community_print(blob_bytes(at->comms), cm, sizeof(cm));
	evbuffer_add_printf(out, "{\"peer\":\"%s\",\"peer_as\":%u,"
	    "\"type\":\"%s\",\"best\":%s,\"multipath\":%s,"
	    "\"as_path\":\"%s\",\"next_hop\":\"%s\",\"origin\":\"%s\",",
	    addr_print(&pa->peer->info.addr, peer, sizeof(peer)),
	    pa->peer->info.as, path_type(pa), best ? "true" : "false",
	    mp ? "true" : "false",
	    asp, addr_print(attrs_nexthop(at), nh, sizeof(nh)),
	    origin_name[at->origin % 3]);
	local_pref_json(out, pa, at);
	evbuffer_add_printf(out, "\"med\":%u,\"communities\":\"%s\","
	    "\"accepted\":%s,\"loop\":%s,\"stale\":%s}", at->med, cm,
	    pa->attrs != NULL ? "true" : "false",
	    pa->flags & PATH_F_LOOP ? "true" : "false",
	    pa->flags & PATH_F_STALE ? "true" : "false");
}

void
ctl_show_route(struct evbuffer *out, const struct prefix *pfx,
    const struct rib_entry *e, bool json, bool first)
{
	const struct path *best = rib_entry_best(e), *pa;
	unsigned nmp = rib_entry_npaths(e), i = 0;
	char ps[PREFIX_STRLEN], nh[ADDR_STRLEN], asp[256];

	prefix_print(pfx, ps, sizeof(ps));
	if (json) {
		evbuffer_add_printf(out, "%s{\"prefix\":\"%s\",\"multipath\":%u,"
		    "\"reason\":\"%s\",\"paths\":[", first ? "" : ",", ps, nmp,
		    decide_step_name(rib_entry_why(e)));
		for (pa = rib_entry_paths(e); pa != NULL; pa = pa->next, i++) {
			if (i > 0)
				evbuffer_add(out, ",", 1);
			path_json(out, pa, pa == best, i < nmp);
		}
		evbuffer_add_printf(out, "]}\n");
		return;
	}
	if (first)
		evbuffer_add_printf(out, "   %-24s %-40s %s\n", "Prefix",
		    "Next hop", "AS path");
	for (pa = rib_entry_paths(e); pa != NULL; pa = pa->next, i++) {
		const struct attrs *at = pa->attrs != NULL ? pa->attrs : pa->in;

		aspath_print(blob_bytes(at->aspath), asp, sizeof(asp));
		evbuffer_add_printf(out, "%c%c %-24s %-40s %s%s%s%s\n",
		    pa == best ? '>' : ' ', i < nmp ? '=' : ' ', ps,
		    addr_print(attrs_nexthop(at), nh, sizeof(nh)), asp,
		    path_note(pa),
		    pa->flags & PATH_F_LOOP ? " (loop)" : "",
		    pa->attrs == NULL ? " (rejected)" : "");
	}
}
