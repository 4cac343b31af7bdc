/*
 * Converter of /crossroute-bgp:bgp into struct config_bgp: global AS,
 * router-id, aggregates and neighbours with timers, transport security,
 * AFI/SAFIs with prefix limits, policy chains and graceful restart. The
 * tree is already valid against the schema; defaults come from it.
 */
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/ly.h"

static enum config_profile
profile_of(const char *s, enum config_profile dflt)
{
	if (s == NULL)
		return dflt;
	if (!strcmp(s, "dx"))
		return CONFIG_PROFILE_DX;
	if (!strcmp(s, "cloud-router"))
		return CONFIG_PROFILE_CLOUD_ROUTER;
	if (!strcmp(s, "dx-public"))
		return CONFIG_PROFILE_DX_PUBLIC;
	return CONFIG_PROFILE_GENERIC;
}

/*
 * SPEC.md 2.1 inbound limits of the cloud profiles, used when the
 * configuration leaves max-prefixes at its default: A 100 per AFI then
 * Idle, B 5000 then reconnect; an AWS public VIF 1000 (its quota per
 * session, here per AFI: a public VIF carries one family) then Idle.
 */
static void
profile_limit(struct config_afi_safi *af, enum config_profile p)
{
	if (p == CONFIG_PROFILE_DX) {
		af->max_prefix = 100;
		af->max_prefix_action = CONFIG_MAXPFX_IDLE;
	} else if (p == CONFIG_PROFILE_CLOUD_ROUTER) {
		af->max_prefix = 5000;
		af->max_prefix_action = CONFIG_MAXPFX_RESTART;
	} else if (p == CONFIG_PROFILE_DX_PUBLIC) {
		af->max_prefix = CONFIG_PUBLIC_MAX_PREFIXES;
		af->max_prefix_action = CONFIG_MAXPFX_IDLE;
	}
}

static void
afi_safi_parse(const struct lyd_node *n, struct config_afi_safi *af,
    enum config_profile prof)
{
	const struct lyd_node *pl = tree_child(n, "prefix-limit");
	const char *name = tree_str(n, "afi-safi-name");
	const char *act = tree_str(pl, "action");
	uint32_t v;

	af->afi = !strcmp(name, "ipv6-unicast") ? AFI_IPV6 : AFI_IPV4;
	af->safi = SAFI_UNICAST;
	af->max_prefix_restart = CONFIG_MAXPFX_RESTART_TIME;
	if (tree_is_default(pl, "max-prefixes") &&
	    tree_is_default(pl, "action")) {
		profile_limit(af, prof);
		tree_u32(pl, "restart-timer", &af->max_prefix_restart);
		return;
	}
	tree_u32(pl, "max-prefixes", &af->max_prefix);
	tree_u32(pl, "restart-timer", &af->max_prefix_restart);
	if (tree_u32(pl, "warning-threshold-pct", &v))
		af->max_prefix_warn_pct = (uint8_t)v;
	if (act != NULL && !strcmp(act, "restart"))
		af->max_prefix_action = CONFIG_MAXPFX_RESTART;
	else if (act != NULL && !strcmp(act, "warn"))
		af->max_prefix_action = CONFIG_MAXPFX_WARN;
	else
		af->max_prefix_action = CONFIG_MAXPFX_IDLE;
}

/* Without an afi-safis list, the neighbour's own address family is used. */
static void
afi_safis_parse(const struct lyd_node *nb, struct config_neighbor *out)
{
	const struct lyd_node *afs = tree_child(nb, "afi-safis");
	const struct lyd_node *n;
	size_t k = tree_count(afs, "afi-safi");

	if (k == 0) {
		out->afi_safis = xcalloc(1, sizeof(*out->afi_safis));
		out->afi_safis[0].afi = out->address.afi;
		out->afi_safis[0].safi = SAFI_UNICAST;
		out->afi_safis[0].max_prefix_restart =
		    CONFIG_MAXPFX_RESTART_TIME;
		profile_limit(&out->afi_safis[0], out->profile);
		out->n_afi_safis = 1;
		return;
	}
	out->afi_safis = xcalloc(k, sizeof(*out->afi_safis));
	for (n = tree_child(afs, "afi-safi"); n != NULL; n = tree_next(n))
		afi_safi_parse(n, &out->afi_safis[out->n_afi_safis++],
		    out->profile);
}

static void
timers_parse(const struct lyd_node *nb, struct config_neighbor *out)
{
	const struct lyd_node *t = tree_child(nb, "timers");
	const struct lyd_node *gr = tree_child(nb, "graceful-restart");
	uint32_t v;

	bool cloud = out->profile != CONFIG_PROFILE_GENERIC;

	/* SPEC.md 2.1: the cloud profiles default to the link timers. */
	out->hold_time = cloud ? CONFIG_LINK_HOLD_TIME : CONFIG_HOLD_TIME;
	out->keepalive = cloud ? CONFIG_LINK_KEEPALIVE : CONFIG_KEEPALIVE;
	out->connect_retry = cloud ? CONFIG_LINK_CONNECT_RETRY :
	    CONFIG_CONNECT_RETRY;
	if (!tree_is_default(t, "hold-time") && tree_u32(t, "hold-time", &v))
		out->hold_time = (uint16_t)v;
	if (!tree_is_default(t, "keepalive-interval") &&
	    tree_u32(t, "keepalive-interval", &v))
		out->keepalive = (uint16_t)v;
	if (!tree_is_default(t, "connect-retry") &&
	    tree_u32(t, "connect-retry", &v))
		out->connect_retry = (uint16_t)v;
	/* SPEC.md 2.1 (D): keepalive = min(configured, hold / 3). */
	if (out->keepalive > out->hold_time / 3)
		out->keepalive = (uint16_t)(out->hold_time / 3);
	out->graceful_restart = tree_bool(gr, "enabled", false);
	out->restart_time = CONFIG_GR_RESTART_TIME;
	out->stale_time = CONFIG_GR_STALE_TIME;
	if (tree_u32(gr, "restart-time", &v))
		out->restart_time = (uint16_t)v;
	if (tree_u32(gr, "stale-routes-time", &v))
		out->stale_time = (uint16_t)v;
}

static void
neighbor_parse(const struct lyd_node *nb, struct config_neighbor *out,
    struct cfgerr *err)
{
	const struct lyd_node *ttl = tree_child(nb, "ttl");
	const char *s;
	uint32_t v = 1;

	if (addr_parse(tree_str(nb, "neighbor-address"), &out->address) != 0)
		tree_err(err, nb, "neighbor-address", "invalid address");
	tree_u32(nb, "peer-as", &out->remote_as);
	s = tree_str(nb, "local-address");
	if (s != NULL && addr_parse(s, &out->local_address) != 0)
		tree_err(err, nb, "local-address", "invalid address");
	out->description = tree_strdup(nb, "description");
	out->admin_up = tree_bool(nb, "enabled", true);
	out->passive = tree_bool(nb, "passive-mode", false);
	out->profile = profile_of(tree_str(nb, "profile"),
	    CONFIG_PROFILE_GENERIC);
	out->md5_key = tree_strdup(nb, "auth-password");
	out->region = tree_strdup(nb, "region");
	out->ttl_security = tree_bool(ttl, "ttl-security", false);
	tree_u32(ttl, "ttl", &v);
	out->ttl = (uint8_t)v;
	timers_parse(nb, out);
	afi_safis_parse(nb, out);
	tree_apply_policy(nb, &out->apply_policy);
	/* SPEC.md 3.1: the cloud profiles fail open; generic is RFC 8212. */
	if (out->profile != CONFIG_PROFILE_GENERIC) {
		const struct lyd_node *ap = tree_child(nb, "apply-policy");

		if (tree_is_default(ap, "default-import-policy"))
			out->apply_policy.default_import = CONFIG_ACCEPT_ROUTE;
		if (tree_is_default(ap, "default-export-policy"))
			out->apply_policy.default_export = CONFIG_ACCEPT_ROUTE;
	}
}

static void
aggregates_parse(const struct lyd_node *g, struct config_bgp *b,
    struct cfgerr *err)
{
	const struct lyd_node *ags = tree_child(g, "aggregates");
	const struct lyd_node *n;
	size_t k = tree_count(ags, "aggregate");
	const char *m;

	b->aggregates = k ? xcalloc(k, sizeof(*b->aggregates)) : NULL;
	for (n = tree_child(ags, "aggregate"); n != NULL; n = tree_next(n)) {
		struct config_aggregate *a = &b->aggregates[b->n_aggregates];

		if (prefix_parse(tree_str(n, "prefix"), &a->prefix, false)) {
			tree_err(err, n, "prefix", "invalid prefix");
			continue;
		}
		m = tree_str(n, "mode");
		if (m != NULL && !strcmp(m, "summary-only"))
			a->mode = CONFIG_AGG_SUMMARY_ONLY;
		else if (m != NULL && !strcmp(m, "originate"))
			a->mode = CONFIG_AGG_ORIGINATE;
		a->as_set = tree_bool(n, "as-set", false);
		b->n_aggregates++;
	}
}

void
load_bgp_tree(const struct lyd_node *bgp, struct config *c,
    struct cfgerr *err)
{
	const struct lyd_node *g = tree_child(bgp, "global");
	const struct lyd_node *nbs = tree_child(bgp, "neighbors");
	const struct lyd_node *n;
	struct config_bgp *b = &c->bgp;
	size_t k = tree_count(nbs, "neighbor");
	uint32_t v;

	b->present = true;
	tree_u32(g, "as", &b->asn);
	b->router_id = tree_dotted_quad(g, "router-id");
	if (tree_u32(g, "max-paths", &v))
		b->max_paths = (uint16_t)v;
	aggregates_parse(g, b, err);
	b->neighbors = k ? xcalloc(k, sizeof(*b->neighbors)) : NULL;
	for (n = tree_child(nbs, "neighbor"); n != NULL; n = tree_next(n))
		neighbor_parse(n, &b->neighbors[b->n_neighbors++], err);
}
