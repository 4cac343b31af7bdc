/*
 * Decision process (see decide.h): one static helper per step returning
 * < 0 when a is preferred, a step table per profile, the pairwise
 * comparison, and the selection of best path and ECMP set per prefix.
 * Selection follows RFC 4271 9.1.2.2 literally, as set elimination step by
 * step (so MED only removes routes beaten by one from the same neighbour
 * AS, whatever the arrival order); the pairwise comparison orders what is
 * left by the tie-break steps. When every step is a total order (the usual
 * case: all paths of a prefix from one neighbour AS) the same result comes
 * from one linear pass (select_total()).
 */
#include <assert.h>
#include <string.h>

#include "lib/aspath.h"
#include "lib/community.h"
#include "rib/decide.h"

/* Communities of the DX local-preference classes (7224:7100/7200/7300). */
#define DX_COMM_LOW ((7224u << 16) | 7100u)
#define DX_COMM_MEDIUM ((7224u << 16) | 7200u)
#define DX_COMM_HIGH ((7224u << 16) | 7300u)

/* One step: < 0 when a is preferred at this step, 0 when tied. */
struct step {
	enum decide_step step;
	int (*cmp)(const struct decide_opts *o, const struct path *a,
	    const struct path *b);
};

static inline int
cmp_u32(uint32_t a, uint32_t b)
{
	return a < b ? -1 : a > b ? 1 : 0;
}

static bool
path_is_ebgp(const struct path *p)
{
	return !p->peer->info.ibgp;
}

static int
step_eligible(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	(void)o;
	return (int)!decide_is_eligible(a) - (int)!decide_is_eligible(b);
}

/* RFC 4271 9.1.2.2 / 9.1.1: higher degree of preference wins. */
static int
step_local_pref(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	return cmp_u32(decide_local_pref(o, b), decide_local_pref(o, a));
}

/* RFC 4271 9.1.2.2 (a): AS_SET counts 1, confederation segments 0. */
static int
step_as_path(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	(void)o;
	return cmp_u32(a->attrs->aslen, b->attrs->aslen);
}

/* RFC 4271 9.1.2.2 (b): lowest ORIGIN wins (IGP < EGP < INCOMPLETE). */
static int
step_origin(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	(void)o;
	return cmp_u32(a->attrs->origin, b->attrs->origin);
}

static uint32_t
path_med(const struct path *p)
{
	/* RFC 4271 9.1.2.2 (c): a missing MED counts as the lowest, 0. */
	return (p->attrs->flags & ATTRS_HAS_MED) ? p->attrs->med : 0;
}

/*
 * RFC 4271 9.1.2.2 (c): MED only between routes from one neighbour AS,
 * unless always-compare-med; the Cloud Router profile uses MED as route
 * priority and always compares it (SPEC.md 2.5).
 */
static int
step_med(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	if (!o->always_compare_med && o->profile != DECIDE_CR &&
	    aspath_first_as(blob_bytes(a->attrs->aspath)) !=
	    aspath_first_as(blob_bytes(b->attrs->aspath)))
		return 0;
	return cmp_u32(path_med(a), path_med(b));
}

/* step_med() where MED is known to be compared: no neighbour AS lookup. */
static int
step_med_total(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	(void)o;
	return cmp_u32(path_med(a), path_med(b));
}

/* RFC 4271 9.1.2.2 (d): routes from eBGP peers over those from iBGP. */
static int
step_ebgp(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	(void)o;
	return (int)path_is_ebgp(b) - (int)path_is_ebgp(a);
}

/* RFC 4271 9.1.2.2 (e): interior cost to the next hop; no IGP here yet. */
static int
step_igp_cost(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	(void)o;
	(void)a;
	(void)b;
	return 0;
}

/* RFC 5004: optionally keep the older of two eBGP paths. */
static int
step_age(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	int32_t d;

	if (!o->prefer_oldest || !path_is_ebgp(a) || !path_is_ebgp(b))
		return 0;
	/* 28-bit stamps: the difference modulo 2^28, sign-extended. */
	d = (int32_t)((uint32_t)(a->seq - b->seq) << 4);
	return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/* RFC 4271 9.1.2.2 (f), RFC 4456 9: ORIGINATOR_ID stands for the router id. */
static uint32_t
path_router_id(const struct path *p)
{
	if (p->attrs != NULL && (p->attrs->flags & ATTRS_HAS_ORIGINATOR))
		return attrs_originator_id(p->attrs);
	return p->peer->info.router_id;
}

static int
step_router_id(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	(void)o;
	return cmp_u32(path_router_id(a), path_router_id(b));
}

/* RFC 4456 9: shorter CLUSTER_LIST wins. */
static int
step_cluster_len(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	(void)o;
	return cmp_u32((uint32_t)blob_bytes(attrs_clusters(a->attrs)).len,
	    (uint32_t)blob_bytes(attrs_clusters(b->attrs)).len);
}

/* RFC 4271 9.1.2.2 (g): lowest peer address. */
static int
step_peer_addr(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	int c;

	(void)o;
	c = addr_cmp(&a->peer->info.addr, &b->peer->info.addr);
	return c < 0 ? -1 : c > 0 ? 1 : 0;
}

static int
step_path_id(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	(void)o;
	return cmp_u32(a->path_id, b->path_id);
}

static int
step_peer_id(const struct decide_opts *o, const struct path *a,
    const struct path *b)
{
	(void)o;
	return cmp_u32(a->peer->id, b->peer->id);
}

static const struct step steps_generic[] = {
	{ DECIDE_ELIGIBLE, step_eligible },
	{ DECIDE_LOCAL_PREF, step_local_pref },
	{ DECIDE_AS_PATH, step_as_path },
	{ DECIDE_ORIGIN, step_origin },
	{ DECIDE_MED, step_med },
	{ DECIDE_EBGP, step_ebgp },
	{ DECIDE_IGP_COST, step_igp_cost },
	{ DECIDE_AGE, step_age },
	{ DECIDE_ROUTER_ID, step_router_id },
	{ DECIDE_CLUSTER_LEN, step_cluster_len },
	{ DECIDE_PEER_ADDR, step_peer_addr },
	{ DECIDE_PATH_ID, step_path_id },
	{ DECIDE_PEER_ID, step_peer_id },
};

/* SPEC.md 2.2: classes, AS_PATH length, tie = ECMP, router id, address. */
static const struct step steps_dx[] = {
	{ DECIDE_ELIGIBLE, step_eligible },
	{ DECIDE_LOCAL_PREF, step_local_pref },
	{ DECIDE_AS_PATH, step_as_path },
	{ DECIDE_ROUTER_ID, step_router_id },
	{ DECIDE_PEER_ADDR, step_peer_addr },
	{ DECIDE_PATH_ID, step_path_id },
	{ DECIDE_PEER_ID, step_peer_id },
};

/* SPEC.md 2.5: MED is the priority, lower wins; equal priority = ECMP. */
static const struct step steps_cr[] = {
	{ DECIDE_ELIGIBLE, step_eligible },
	{ DECIDE_LOCAL_PREF, step_local_pref },
	{ DECIDE_MED, step_med },
	{ DECIDE_ROUTER_ID, step_router_id },
	{ DECIDE_PEER_ADDR, step_peer_addr },
	{ DECIDE_PATH_ID, step_path_id },
	{ DECIDE_PEER_ID, step_peer_id },
};

/* Steps usable when neither path was accepted (no attributes to read). */
static const struct step steps_ineligible[] = {
	{ DECIDE_PEER_ADDR, step_peer_addr },
	{ DECIDE_PATH_ID, step_path_id },
	{ DECIDE_PEER_ID, step_peer_id },
};

#define NSTEPS(a) (sizeof(a) / sizeof((a)[0]))

static const struct step *
profile_steps(enum decide_profile profile, size_t *n)
{
	switch (profile) {
	case DECIDE_DX:
		*n = NSTEPS(steps_dx);
		return steps_dx;
	case DECIDE_CR:
		*n = NSTEPS(steps_cr);
		return steps_cr;
	case DECIDE_GENERIC:
		break;
	}
	*n = NSTEPS(steps_generic);
	return steps_generic;
}

void
decide_opts_default(struct decide_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->profile = DECIDE_GENERIC;
	o->max_paths = 8;
	o->default_local_pref = 100;
	o->deterministic_med = true;
}

bool
decide_is_eligible(const struct path *p)
{
	return p->attrs != NULL &&
	    (p->flags & (PATH_F_REJECTED | PATH_F_LOOP | PATH_F_NOHOP)) == 0;
}

uint32_t
decide_dx_class(const struct attrs *a)
{
	struct bytes c = blob_bytes(a->comms);

	/* Mutually exclusive by contract; if several are present the lowest
	 * wins, so a drain tag (7224:7100) always takes effect. */
	if (community_has(c, DX_COMM_LOW))
		return DECIDE_DX_LOW;
	if (community_has(c, DX_COMM_MEDIUM))
		return DECIDE_DX_MEDIUM;
	if (community_has(c, DX_COMM_HIGH))
		return DECIDE_DX_HIGH;
	return DECIDE_DX_MEDIUM;
}

/*
 * LOCAL_PREF present means iBGP-learned or set by import policy: the codec
 * discards it from eBGP peers (RFC 7606 7.5), so it is honoured as is.
 */
uint32_t
decide_local_pref(const struct decide_opts *o, const struct path *p)
{
	assert(p->attrs != NULL);
	if (p->attrs->flags & ATTRS_HAS_LOCAL_PREF)
		return p->attrs->local_pref;
	if (o->profile == DECIDE_DX)
		return decide_dx_class(p->attrs);
	return o->default_local_pref;
}

void
decide_prepare(struct path *p)
{
	/* Nothing left to derive: the set caches its AS_PATH length. */
	(void)p;
}

static int
run_steps(const struct decide_opts *o, const struct step *s, size_t n,
    const struct path *a, const struct path *b, enum decide_step *why)
{
	size_t i;
	int c;

	for (i = 0; i < n; i++) {
		c = s[i].cmp(o, a, b);
		if (c != 0) {
			*why = s[i].step;
			return c;
		}
	}
	*why = DECIDE_NONE;
	return 0;
}

int
decide_cmp(const struct path *a, const struct path *b,
    enum decide_step *why)
{
	const struct decide_opts *o = a->peer->opts;
	const struct step *s;
	enum decide_step w;
	size_t n;

	assert(o == b->peer->opts);
	if (why == NULL)
		why = &w;
	if (!decide_is_eligible(a) && !decide_is_eligible(b))
		return run_steps(o, steps_ineligible, NSTEPS(steps_ineligible),
		    a, b, why);
	s = profile_steps(o->profile, &n);
	return run_steps(o, s, n, a, b, why);
}

static void
swap_paths(const struct path **v, size_t i, size_t j)
{
	const struct path *t = v[i];

	v[i] = v[j];
	v[j] = t;
}

/*
 * True if MED, the only step that is not a total order, orders the paths
 * v[0..n-1] totally after all: they all come from one neighbour AS. Paths
 * sharing v[0]'s interned AS_PATH (the usual case: one table over several
 * links) need no look at the path.
 */
static bool
med_is_total(const struct path **v, size_t n)
{
	const struct blob *path0;
	uint32_t as0;
	size_t i;

	if (n == 0)
		return true;
	path0 = v[0]->attrs->aspath;
	as0 = aspath_first_as(blob_bytes(path0));
	for (i = 1; i < n; i++) {
		if (v[i]->attrs->aspath != path0 &&
		    aspath_first_as(blob_bytes(v[i]->attrs->aspath)) != as0)
			return false;
	}
	return true;
}

/*
 * One elimination step over v[0..*alive-1]: drop every path beaten at this
 * step by another survivor, moving it past the survivors. Each step's
 * "beats" is a strict partial order, so removing in place leaves the same
 * set as judging all against the set as it was. For MED between neighbour
 * ASes that is RFC 4271 9.1.2.2 (c) exactly; other steps, and MED among
 * paths from one neighbour AS (the same drops, one comparison per path
 * instead of one per pair), are total orders and keep the best class in
 * one pass.
 */
static void
eliminate(const struct decide_opts *o, const struct step *s,
    const struct path **v, size_t *alive)
{
	const struct path *best = v[0];
	size_t i, j;
	bool partial = s->step == DECIDE_MED && o->profile == DECIDE_GENERIC &&
	    !o->always_compare_med && !med_is_total(v, *alive);

	for (i = 1; !partial && i < *alive; i++) {
		if (s->cmp(o, v[i], best) < 0)
			best = v[i];
	}
	for (i = 0; i < *alive;) {
		bool beaten = false;

		if (!partial)
			beaten = v[i] != best && s->cmp(o, best, v[i]) < 0;
		for (j = 0; partial && j < *alive && !beaten; j++)
			beaten = j != i && s->cmp(o, v[j], v[i]) < 0;
		if (beaten)
			swap_paths(v, i, --*alive);
		else
			i++;
	}
}

/*
 * The tie-break steps of o's profile (from DECIDE_TIEBREAK on): their count
 * goes to *n.
 */
static const struct step *
tiebreak_steps(const struct decide_opts *o, size_t *n)
{
	const struct step *s;
	size_t all, i;

	s = profile_steps(o->profile, &all);
	for (i = 0; i < all && s[i].step < DECIDE_TIEBREAK; i++)
		;
	*n = all - i;
	return s + i;
}

/*
 * Insertion sort of survivors tied on every step before DECIDE_TIEBREAK by
 * the tie-break steps s[0..ns-1] (looked up once by the caller, not per
 * comparison).
 */
static void
sort_paths(const struct decide_opts *o, const struct step *s, size_t ns,
    const struct path **v, size_t n)
{
	enum decide_step w;
	size_t i, j;

	for (i = 1; i < n; i++) {
		for (j = i; j > 0 && run_steps(o, s, ns, v[j], v[j - 1],
		    &w) < 0; j--)
			swap_paths(v, j, j - 1);
	}
}

/* One interned blob is one value: compare bytes only for two blobs. */
static bool
same_aspath(const struct path *a, const struct path *b)
{
	return a->attrs->aspath == b->attrs->aspath ||
	    bytes_eq(blob_bytes(a->attrs->aspath),
	    blob_bytes(b->attrs->aspath));
}

/*
 * v[0] is the best of the n tied survivors, the rest in tie-break order.
 * Keep those allowed to share traffic with it (the generic profile wants
 * identical AS paths unless relaxed), the best path's group first, and cap
 * at max_paths. Returns the set size.
 */
static unsigned
multipath_set(const struct decide_opts *o, const struct path **v, size_t n)
{
	uint32_t group = v[0]->peer->info.group;
	size_t i, j, k = 1;
	unsigned max = o->max_paths;

	if (max < 1)
		max = 1;
	if (max > DECIDE_MAX_PATHS)
		max = DECIDE_MAX_PATHS;
	for (i = 1; i < n; i++) {
		if (o->profile == DECIDE_GENERIC && !o->multipath_relax &&
		    !same_aspath(v[0], v[i]))
			continue;
		swap_paths(v, k++, i);
	}
	/* Stable move of the best path's group members to the front. */
	for (i = 1, j = 1; group != 0 && i < k; i++) {
		const struct path *p = v[i];

		if (p->peer->info.group != group)
			continue;
		memmove(&v[j + 1], &v[j], (i - j) * sizeof(*v));
		v[j++] = p;
	}
	return k < max ? (unsigned)k : max;
}

/*
 * Classic arrival-order comparison (deterministic MED off): the running
 * winner meets each path in turn. Leaves the best at v[0] and the paths
 * tied with it up to the tie-breaks after it; returns their count.
 */
static size_t
select_sequential(const struct path **v, size_t n, enum decide_step *why)
{
	const struct step *s;
	size_t i, best = 0, k = 1, ns;
	enum decide_step w;

	for (i = 1; i < n; i++) {
		if (decide_cmp(v[i], v[best], NULL) < 0)
			best = i;
	}
	swap_paths(v, 0, best);
	for (i = 1; i < n; i++) {
		decide_cmp(v[0], v[i], &w);
		if (w >= DECIDE_TIEBREAK)
			swap_paths(v, k++, i);
		else if (w > *why)
			*why = w;
	}
	s = tiebreak_steps(v[0]->peer->opts, &ns);
	sort_paths(v[0]->peer->opts, s, ns, v + 1, k - 1);
	if (k > 1)
		decide_cmp(v[0], v[1], why);
	return k;
}

unsigned
decide_select_full(const struct decide_opts *o, const struct path **v,
    size_t n, enum decide_step *why)
{
	const struct step *s;
	size_t nsteps, i, alive = n;

	*why = DECIDE_NONE;
	if (n <= 1)
		return (unsigned)n;
	if (o->profile == DECIDE_GENERIC && !o->deterministic_med &&
	    !o->always_compare_med)
		return multipath_set(o, v, select_sequential(v, n, why));
	s = profile_steps(o->profile, &nsteps);
	for (i = 0; i < nsteps && s[i].step < DECIDE_TIEBREAK; i++) {
		eliminate(o, &s[i], v, &alive);
		if (alive == 1) {
			*why = s[i].step;
			return 1;
		}
	}
	/* s[i..nsteps-1] are the tie-break steps. */
	sort_paths(o, s + i, nsteps - i, v, alive);
	run_steps(o, s + i, nsteps - i, v[0], v[1], why);
	return multipath_set(o, v, alive);
}

/*
 * The selection when every step before the tie-breaks is a total preorder
 * (MED among one neighbour AS, always compared, or not a step at all): the
 * step-by-step elimination then keeps exactly the paths equal to the
 * lexicographic minimum over those steps, so one pass finds the best path
 * and one more the paths tied with it; a path beaten by it was eliminated
 * at the first step where they differ, and the last competitor to go did so
 * at the greatest of those steps. The tied paths are then ordered and cut
 * as in decide_select_full(). Paths not selected end up in another order.
 * MED being a total order here, it is compared without asking for the
 * neighbour AS of each pair.
 */
/*
 * The steps before the tie-breaks of o's profile (steps_generic, steps_dx,
 * steps_cr up to DECIDE_TIEBREAK, MED as step_med_total) written out:
 * select_total() runs them once per path, and through a function pointer
 * per step they cost more than the comparisons themselves. The
 * differential test against decide_select_full() keeps them equal to the
 * tables.
 */
static inline int
pre_cmp(const struct decide_opts *o, const struct path *a,
    const struct path *b, enum decide_step *why)
{
	int c;

#define PRE_STEP(st, expr) do {				\
		if ((c = (expr)) != 0) {			\
			*why = (st);				\
			return c;				\
		}						\
	} while (0)
	PRE_STEP(DECIDE_ELIGIBLE, step_eligible(o, a, b));
	PRE_STEP(DECIDE_LOCAL_PREF, step_local_pref(o, a, b));
	switch (o->profile) {
	case DECIDE_DX:
		PRE_STEP(DECIDE_AS_PATH, step_as_path(o, a, b));
		break;
	case DECIDE_CR:
		PRE_STEP(DECIDE_MED, step_med_total(o, a, b));
		break;
	default:
		PRE_STEP(DECIDE_AS_PATH, step_as_path(o, a, b));
		PRE_STEP(DECIDE_ORIGIN, step_origin(o, a, b));
		PRE_STEP(DECIDE_MED, step_med_total(o, a, b));
		PRE_STEP(DECIDE_EBGP, step_ebgp(o, a, b));
		PRE_STEP(DECIDE_IGP_COST, step_igp_cost(o, a, b));
		break;
	}
#undef PRE_STEP
	*why = DECIDE_NONE;
	return 0;
}

/*
 * decide_select() when every step before the tie-breaks is a total order:
 * one pass keeps the best so far at v[0] and the paths tied with it after
 * it. When a path beats the best at step w, everything met so far loses
 * to it at w or earlier (steps are lexicographic), so the deciding step
 * becomes w; a path losing to the best raises it to its own step. The
 * tied class is then ordered by the tie-breaks.
 */
static unsigned
select_total(const struct decide_opts *o, const struct path **v, size_t n,
    enum decide_step *why)
{
	const struct step *s;
	size_t ns, i, k = 1;
	enum decide_step w;
	int c;

	for (i = 1; i < n; i++) {
		c = pre_cmp(o, v[i], v[0], &w);
		if (c < 0) {
			swap_paths(v, 0, i);
			k = 1;
			*why = w;
		} else if (c == 0) {
			swap_paths(v, k++, i);
		} else if (w > *why) {
			*why = w;
		}
	}
	if (k == 1)
		return 1;
	s = tiebreak_steps(o, &ns);
	sort_paths(o, s, ns, v, k);
	run_steps(o, s, ns, v[0], v[1], why);
	return multipath_set(o, v, k);
}

unsigned
decide_select(const struct decide_opts *o, const struct path **v, size_t n,
    enum decide_step *why)
{
	*why = DECIDE_NONE;
	if (n <= 1)
		return (unsigned)n;
	if (o->profile != DECIDE_GENERIC || o->always_compare_med ||
	    (o->deterministic_med && med_is_total(v, n)))
		return select_total(o, v, n, why);
	return decide_select_full(o, v, n, why);
}

const char *
decide_step_name(enum decide_step s)
{
	switch (s) {
	case DECIDE_NONE:
		return "none";
	case DECIDE_ELIGIBLE:
		return "eligible";
	case DECIDE_LOCAL_PREF:
		return "local-pref";
	case DECIDE_AS_PATH:
		return "as-path-length";
	case DECIDE_ORIGIN:
		return "origin";
	case DECIDE_MED:
		return "med";
	case DECIDE_EBGP:
		return "ebgp-over-ibgp";
	case DECIDE_IGP_COST:
		return "igp-cost";
	case DECIDE_AGE:
		return "oldest";
	case DECIDE_ROUTER_ID:
		return "router-id";
	case DECIDE_CLUSTER_LEN:
		return "cluster-list-length";
	case DECIDE_PEER_ADDR:
		return "peer-address";
	case DECIDE_PATH_ID:
		return "path-id";
	case DECIDE_PEER_ID:
		return "peer-id";
	}
	return "unknown";
}
