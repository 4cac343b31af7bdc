/*
 * crossroute config: validate, load and inspect configuration, working on
 * the store directly (yang/store.h). The store path comes from --db PATH,
 * else $CROSSROUTE_DB, else /var/lib/crossroute/config.db; YANG modules
 * from $XR_YANG_DIR, else the installed directory. Input is validated
 * whole (YANG, then yang/validate.h) before anything is written, so an
 * invalid file is never half-applied; every error names its data path.
 * Only argument handling and output live here.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tools/cmd.h"
#include "yang/diff.h"
#include "yang/load.h"
#include "yang/schema.h"
#include "yang/store.h"

struct cfgopts {
	const char *db;
	const char *author;
	const char *comment;
	bool json;
	const char *args[3];		/* positional arguments */
	int nargs;
};

static int
usage(void)
{
	fputs("usage: crossroute config [--db PATH] COMMAND\n"
	    "  validate FILE                       check a configuration file\n"
	    "  load FILE [--author A] [--comment C] validate and commit\n"
	    "  show [--json] [ID]                  print running (or commit ID)\n"
	    "  history                             list kept commits\n"
	    "  rollback ID [--author A] [--comment C]\n"
	    "                                      commit commit ID's config again\n"
	    "  diff A B                            compare commits or files\n",
	    stderr);
	return 2;
}

static int
errs_print(struct cfgerr *err)
{
	size_t i;

	for (i = 0; i < err->n; i++) {
		if (err->v[i].path[0] != '\0')
			fprintf(stderr, "crossroute config: %s: %s\n",
			    err->v[i].path, err->v[i].msg);
		else
			fprintf(stderr, "crossroute config: %s\n",
			    err->v[i].msg);
	}
	cfgerr_fini(err);
	return 1;
}

/* Parse options anywhere among the arguments; 0, or -1 on a bad one. */
static int
opts_parse(int argc, char **argv, struct cfgopts *o)
{
	int i;

	o->db = getenv("CROSSROUTE_DB");
	if (o->db == NULL || *o->db == '\0')
		o->db = STORE_DEFAULT_PATH;
	o->author = getenv("USER") ? getenv("USER") : "unknown";
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (!strcmp(a, "--json"))
			o->json = true;
		else if (i + 1 < argc && !strcmp(a, "--db"))
			o->db = argv[++i];
		else if (i + 1 < argc && !strcmp(a, "--author"))
			o->author = argv[++i];
		else if (i + 1 < argc && !strcmp(a, "--comment"))
			o->comment = argv[++i];
		else if (a[0] == '-' && a[1] == '-')
			return -1;
		else if (o->nargs < 3)
			o->args[o->nargs++] = a;
		else
			return -1;
	}
	return 0;
}

/* Parse a commit id ("running" = 0); false if s is not one. */
static bool
id_parse(const char *s, int64_t *id)
{
	char *end;
	long long v;

	if (!strcmp(s, "running")) {
		*id = 0;
		return true;
	}
	v = strtoll(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v <= 0)
		return false;
	*id = v;
	return true;
}

static void
diff_print(const struct diff *d)
{
	static const char *const bits[] = { "asn", "md5", "afi-safi",
		"transport", "timers", "graceful-restart", "policy",
		"prefix-limit", "profile", "admin", "other", "attachments" };
	size_t i, b;

	for (i = 0; i < d->n; i++) {
		const struct diff_entry *e = &d->v[i];

		printf("%-8s %s %s", diff_op_name(e->op),
		    diff_kind_name(e->kind), e->name);
		if (e->op == DIFF_CHANGED &&
		    (e->kind == DIFF_NEIGHBOR || e->kind == DIFF_BGP_GLOBAL))
			printf(" action=%s", diff_action_name(e->action));
		for (b = 0; b < sizeof(bits) / sizeof(bits[0]); b++)
			if (e->what & (1u << b))
				printf(" %s", bits[b]);
		putchar('\n');
	}
	if (d->n == 0)
		puts("no changes");
}

static int
config_validate(struct schema *s, const struct cfgopts *o,
    struct cfgerr *err)
{
	struct config *c;

	if (o->nargs != 2)
		return usage();
	if (load_file(s, o->args[1], &c, NULL, err) != 0)
		return errs_print(err);
	printf("%s: valid (%zu neighbors, %zu policies, %zu gateways, %zu interconnects)\n",
	    o->args[1], c->bgp.n_neighbors, c->policy.n_policies,
	    c->n_gateways, c->n_interconnects);
	config_free(c);
	return 0;
}

/*
 * Load the stored config of commit id (0 = running) into *c; an empty
 * store yields an empty config. Returns 0 or -1.
 */
static int
stored_load(struct schema *s, struct store *st, int64_t id,
    struct config **c, struct cfgerr *err)
{
	struct store_rev rev;
	int r = store_get(st, id, &rev, err);

	if (r < 0)
		return -1;
	if (r == 1 && id != 0) {
		cfgerr_add(err, NULL, "no commit %lld in the store",
		    (long long)id);
		return -1;
	}
	if (r == 1) {
		*c = config_new();
		return 0;
	}
	r = load_text(s, rev.config, LOAD_JSON, c, NULL, err);
	store_rev_fini(&rev);
	return r;
}

/*
 * Show the diff of c (loaded from canon) against running and commit canon,
 * unless nothing changed.
 */
static int
commit_new(struct schema *s, struct store *st, const struct cfgopts *o,
    struct config *c, const char *canon, const char *comment,
    struct cfgerr *err)
{
	struct config *run = NULL;
	struct diff *d;
	int64_t id;
	size_t n;

	if (stored_load(s, st, 0, &run, err) != 0)
		return -1;
	d = diff_new(run, c);
	diff_print(d);
	n = d->n;
	diff_free(d);
	config_free(run);
	if (n == 0) {
		puts("nothing committed");
		return 0;
	}
	if (store_commit(st, canon, o->author, comment, &id, err) != 0)
		return -1;
	printf("committed %lld\n", (long long)id);
	return 0;
}

static int
config_load(struct schema *s, const struct cfgopts *o,
    struct cfgerr *err)
{
	struct config *c = NULL;
	struct store *st = NULL;
	char *canon = NULL;
	int ret = 1;

	if (o->nargs != 2)
		return usage();
	if (load_file(s, o->args[1], &c, &canon, err) != 0 ||
	    (st = store_open(o->db, true, err)) == NULL ||
	    commit_new(s, st, o, c, canon, o->comment ? o->comment : "",
	    err) != 0)
		ret = errs_print(err);
	else
		ret = 0;
	store_close(st);
	config_free(c);
	free(canon);
	return ret;
}

static int
config_rollback(struct schema *s, const struct cfgopts *o,
    struct cfgerr *err)
{
	struct store_rev rev = { 0 };
	struct config *c = NULL;
	struct store *st;
	char comment[128];
	int64_t id;
	int ret = 1;

	if (o->nargs != 2 || !id_parse(o->args[1], &id) || id == 0)
		return usage();
	if ((st = store_open(o->db, false, err)) == NULL)
		return errs_print(err);
	snprintf(comment, sizeof(comment), "rollback to %lld", (long long)id);
	if (store_get(st, id, &rev, err) != 0) {
		if (err->n == 0)
			cfgerr_add(err, o->db, "no commit %lld in the store (kept commits: crossroute config history)",
			    (long long)id);
	} else if (load_text(s, rev.config, LOAD_JSON, &c, NULL, err) == 0 &&
	    commit_new(s, st, o, c, rev.config,
	    o->comment ? o->comment : comment, err) == 0)
		ret = 0;
	if (ret != 0)
		errs_print(err);
	store_rev_fini(&rev);
	config_free(c);
	store_close(st);
	return ret;
}

static int
config_history(const struct cfgopts *o, struct cfgerr *err)
{
	struct store_rev *v;
	struct store *st;
	char when[32];
	size_t n, i;

	if (o->nargs != 1)
		return usage();
	if ((st = store_open(o->db, false, err)) == NULL)
		return errs_print(err);
	if (store_history(st, &v, &n, err) != 0) {
		store_close(st);
		return errs_print(err);
	}
	for (i = 0; i < n; i++) {
		time_t t = (time_t)v[i].time;
		struct tm tm;

		strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ",
		    gmtime_r(&t, &tm));
		printf("%6lld  %s  %-12s %s%s\n", (long long)v[i].id, when,
		    v[i].author, v[i].comment, i == 0 ? "  (running)" : "");
	}
	store_revs_free(v, n);
	store_close(st);
	return 0;
}

static void
chain_print(const char *label, const struct config_names *n)
{
	size_t i;

	if (n->n == 0)
		return;
	printf(" %s [", label);
	for (i = 0; i < n->n; i++)
		printf("%s%s", i ? " " : "", n->v[i]);
	putchar(']');
}

static void
bgp_print(const struct config_bgp *b)
{
	char a[ADDR_STRLEN];
	size_t i, j;

	if (!b->present)
		return;
	printf("bgp as %u router-id %u.%u.%u.%u max-paths %u\n", b->asn,
	    b->router_id >> 24, (b->router_id >> 16) & 0xff,
	    (b->router_id >> 8) & 0xff, b->router_id & 0xff, b->max_paths);
	for (i = 0; i < b->n_neighbors; i++) {
		const struct config_neighbor *n = &b->neighbors[i];

		printf("  neighbor %s as %u hold %u keepalive %u%s%s%s",
		    addr_print(&n->address, a, sizeof(a)), n->remote_as,
		    n->hold_time, n->keepalive, n->md5_key ? " md5" : "",
		    n->passive ? " passive" : "",
		    n->admin_up ? "" : " shutdown");
		for (j = 0; j < n->n_afi_safis; j++)
			printf(" %s", n->afi_safis[j].afi == AFI_IPV6 ?
			    "ipv6-unicast" : "ipv4-unicast");
		chain_print("import", &n->apply_policy.import_policy);
		chain_print("export", &n->apply_policy.export_policy);
		putchar('\n');
	}
}

static void
intent_print(const struct config *c)
{
	char p[PREFIX_STRLEN];
	size_t i, j;

	for (i = 0; i < c->n_gateways; i++) {
		const struct config_gateway *g = &c->gateways[i];

		printf("gateway %s %s as %u attachments %zu", g->name,
		    g->role == CONFIG_GW_DXGW ? "dxgw" : "cloud-router", g->asn,
		    g->n_attachments);
		chain_print("import", &g->apply_policy.import_policy);
		chain_print("export", &g->apply_policy.export_policy);
		putchar('\n');
	}
	for (i = 0; i < c->n_interconnects; i++) {
		const struct config_interconnect *ic = &c->interconnects[i];

		printf("interconnect %s %s <-> %s %s %u Mbps%s%s\n", ic->name,
		    ic->gateway_a, ic->router_b, ic->environment,
		    ic->bandwidth_mbps, ic->admin_up ? "" : " down",
		    ic->ipv6 ? " ipv6" : "");
		for (j = 0; j < ic->n_links; j++) {
			const struct config_link *l = &ic->links[j];

			printf("  link %u %s %s/%s vlan %u %s mtu %u%s%s\n",
			    l->id, l->facility, l->device_a, l->device_b,
			    l->vlan, prefix_print(&l->ipv4_subnet, p, sizeof(p)),
			    l->mtu, l->drained ? " drained" : "",
			    l->maintenance ? " maintenance" : "");
		}
	}
}

static void
config_print_text(const struct config *c)
{
	const struct config_routing_policy *rp = &c->policy;
	size_t i;

	bgp_print(&c->bgp);
	printf("sets: %zu prefix, %zu neighbor, %zu link, %zu community, %zu large-community, %zu ext-community, %zu as-path\n",
	    rp->n_prefix_sets, rp->n_neighbor_sets, rp->n_link_sets,
	    rp->n_community_sets, rp->n_large_community_sets,
	    rp->n_ext_community_sets, rp->n_as_path_sets);
	for (i = 0; i < rp->n_policies; i++)
		printf("policy %s (%zu statements)\n", rp->policies[i].name,
		    rp->policies[i].n_statements);
	intent_print(c);
}

static int
config_show(struct schema *s, const struct cfgopts *o,
    struct cfgerr *err)
{
	struct store_rev rev;
	struct config *c = NULL;
	struct store *st;
	int64_t id = 0;
	int r;

	if (o->nargs > 2 || (o->nargs == 2 && !id_parse(o->args[1], &id)))
		return usage();
	if ((st = store_open(o->db, false, err)) == NULL)
		return errs_print(err);
	r = store_get(st, id, &rev, err);
	store_close(st);
	if (r == 1)
		cfgerr_add(err, o->db, id ? "no such commit" :
		    "the store holds no configuration yet");
	if (r != 0)
		return errs_print(err);
	if (o->json)
		fputs(rev.config, stdout);
	else if (load_text(s, rev.config, LOAD_JSON, &c, NULL, err) == 0) {
		printf("commit %lld by %s: %s\n", (long long)rev.id,
		    rev.author, rev.comment);
		config_print_text(c);
		config_free(c);
	}
	store_rev_fini(&rev);
	return err->n ? errs_print(err) : 0;
}

/* One side of `diff`: a commit id (or "running") or a file name. */
static int
side_load(struct schema *s, struct store **st, const struct cfgopts *o,
    const char *arg, struct config **c, struct cfgerr *err)
{
	FILE *f;
	int64_t id;

	if ((f = fopen(arg, "r")) != NULL) {
		fclose(f);
		return load_file(s, arg, c, NULL, err);
	}
	if (!id_parse(arg, &id)) {
		cfgerr_add(err, arg, "neither a commit id nor a readable file");
		return -1;
	}
	if (*st == NULL && (*st = store_open(o->db, false, err)) == NULL)
		return -1;
	return stored_load(s, *st, id, c, err);
}

static int
config_diff(struct schema *s, const struct cfgopts *o,
    struct cfgerr *err)
{
	struct config *a = NULL, *b = NULL;
	struct store *st = NULL;
	struct diff *d;
	int ret = 0;

	if (o->nargs != 3)
		return usage();
	if (side_load(s, &st, o, o->args[1], &a, err) != 0 ||
	    side_load(s, &st, o, o->args[2], &b, err) != 0)
		ret = errs_print(err);
	else {
		d = diff_new(a, b);
		diff_print(d);
		diff_free(d);
	}
	config_free(a);
	config_free(b);
	store_close(st);
	return ret;
}

int
cmd_config(int argc, char **argv)
{
	struct cfgopts o = { 0 };
	struct cfgerr err = { 0 };
	struct schema *s;
	const char *sub;
	int ret;

	if (opts_parse(argc, argv, &o) != 0 || o.nargs == 0)
		return usage();
	sub = o.args[0];
	if (!strcmp(sub, "history"))
		return config_history(&o, &err);
	if ((s = schema_new(NULL, &err)) == NULL)
		return errs_print(&err);
	if (!strcmp(sub, "validate"))
		ret = config_validate(s, &o, &err);
	else if (!strcmp(sub, "load"))
		ret = config_load(s, &o, &err);
	else if (!strcmp(sub, "show"))
		ret = config_show(s, &o, &err);
	else if (!strcmp(sub, "rollback"))
		ret = config_rollback(s, &o, &err);
	else if (!strcmp(sub, "diff"))
		ret = config_diff(s, &o, &err);
	else
		ret = usage();
	schema_free(s);
	cfgerr_fini(&err);
	return ret;
}
