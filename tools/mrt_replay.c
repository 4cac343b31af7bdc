/*
 * `crossroute mrt replay` (tools/mrt_replay.h): argument handling, the
 * configuration (loaded and validated by yang/load.h, policies compiled by
 * policy/compile.h), the choice of each MRT peer's import chain, reading the
 * files record by record (bgpd/mrt_file.h) into the replay (bgpd/replay.h)
 * and reporting every problem as one stderr line naming the file, the byte
 * offset in the decompressed stream and the record type. Output formatting
 * is tools/replay_print.c.
 *
 * Import chain of a peer: the --import chain when given; else the chain of
 * the configured neighbour with the peer's address; else none (routes are
 * imported unchanged, with one warning per peer). Neighbour sets match
 * peers by address: every address a set names gets a policy id here.
 * The bgp global aggregates of the configuration become summaries that
 * follow the Loc-RIB (bgpd/replay.h), printed after it.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bgpd/mrt_file.h"
#include "bgpd/replay.h"
#include "lib/xmalloc.h"
#include "policy/compile.h"
#include "tools/mrt_replay.h"
#include "tools/mrt_report.h"
#include "tools/replay_print.h"
#include "yang/load.h"
#include "yang/schema.h"

/* Prefix of every problem line this command prints. */
#define PROG "crossroute mrt replay"

#define IMPORT_MAX 32
/* Warnings printed per file before they are only counted. */
#define WARN_MAX 10

struct ropts {
	const char *policy;
	const char *import[IMPORT_MAX];
	size_t nimport;
	int dflt;			/* -1, POL_ACCEPT or POL_REJECT */
	int profile;			/* -1 or enum decide_profile */
	bool json, stats;
	bool has_as, has_rid;
	uint32_t local_as, router_id;
	unsigned max_paths;		/* 0: configuration or default */
	char **files;
	int nfiles;
};

/* The policy side: configuration, compiled db, chains, address ids. */
struct rpol {
	struct config *cfg;
	struct policy_db *db;
	struct pol_chain *nbr;		/* one per configured neighbour */
	struct pol_chain import;	/* --import */
	bool have_import;
	struct addr *ids;		/* policy id = index */
	size_t nids, cap;
	unsigned unconfigured;
	struct aggregate_conf *aggs;	/* from the bgp global aggregates */
};

static int
usage(void)
{
	fputs("usage: crossroute mrt replay [--policy CONFIG]"
	    " [--import NAME]...\n    [--default-import accept|reject]\n"
	    "    [--profile generic|dx|cloud-router] [--local-as N]\n"
	    "    [--router-id A.B.C.D] [--max-paths N] [--json] [--stats]"
	    " FILE...\n", stderr);
	return 2;
}

static bool
u32_parse(const char *s, uint32_t *v)
{
	char *end;
	unsigned long long n;

	errno = 0;
	n = strtoull(s, &end, 10);
	if (*s == '\0' || *s == '-' || *end != '\0' || errno != 0 ||
	    n > UINT32_MAX)
		return false;
	*v = (uint32_t)n;
	return true;
}

static int
profile_parse(const char *s)
{
	if (!strcmp(s, "generic"))
		return DECIDE_GENERIC;
	if (!strcmp(s, "dx"))
		return DECIDE_DX;
	if (!strcmp(s, "cloud-router"))
		return DECIDE_CR;
	return -1;
}

/* One option with its value v; 0, or -1 when bad. */
static int
opt_value(struct ropts *o, const char *a, const char *v)
{
	struct addr ad;
	uint32_t n;

	if (!strcmp(a, "--policy"))
		o->policy = v;
	else if (!strcmp(a, "--import") && o->nimport < IMPORT_MAX)
		o->import[o->nimport++] = v;
	else if (!strcmp(a, "--default-import") && !strcmp(v, "accept"))
		o->dflt = POL_ACCEPT;
	else if (!strcmp(a, "--default-import") && !strcmp(v, "reject"))
		o->dflt = POL_REJECT;
	else if (!strcmp(a, "--profile") && profile_parse(v) >= 0)
		o->profile = profile_parse(v);
	else if (!strcmp(a, "--local-as") && u32_parse(v, &o->local_as))
		o->has_as = true;
	else if (!strcmp(a, "--router-id") && addr_parse(v, &ad) == 0 &&
	    ad.afi == AFI_IPV4)
		o->router_id = addr_to_ipv4(&ad), o->has_rid = true;
	else if (!strcmp(a, "--max-paths") && u32_parse(v, &n) && n >= 1 &&
	    n <= DECIDE_MAX_PATHS)
		o->max_paths = n;
	else
		return -1;
	return 0;
}

static int
opts_parse(int argc, char **argv, struct ropts *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->dflt = -1;
	o->profile = -1;
	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1] != '\0'; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		}
		if (!strcmp(argv[i], "--json"))
			o->json = true;
		else if (!strcmp(argv[i], "--stats"))
			o->stats = true;
		else if (i + 1 >= argc || opt_value(o, argv[i], argv[i + 1]))
			return -1;
		else
			i++;
	}
	o->files = argv + i;
	o->nfiles = argc - i;
	if (o->nfiles < 1 || (o->nimport > 0 && o->policy == NULL))
		return -1;
	return 0;
}

/* The policy id of address a, given on first sight. */
static uint32_t
addr_id(struct rpol *pol, const struct addr *a)
{
	size_t i;

	for (i = 0; i < pol->nids; i++)
		if (addr_eq(&pol->ids[i], a))
			return (uint32_t)i;
	if (pol->nids == pol->cap) {
		pol->cap = pol->cap ? pol->cap * 2 : 16;
		pol->ids = xrealloc(pol->ids, pol->cap * sizeof(*pol->ids));
	}
	pol->ids[pol->nids] = *a;
	return (uint32_t)pol->nids++;
}

static bool
env_peer_id(void *ctx, const struct addr *a, uint32_t *id)
{
	*id = addr_id(ctx, a);
	return true;
}

static enum config_profile
cfg_profile(int profile)
{
	return profile == DECIDE_DX ? CONFIG_PROFILE_DX :
	    profile == DECIDE_CR ? CONFIG_PROFILE_CLOUD_ROUTER :
	    CONFIG_PROFILE_GENERIC;
}

/* The --import chain; default as compile_chain() unless overridden. */
static int
import_chain(struct rpol *pol, const struct ropts *o)
{
	size_t i;

	pol->import.v = xcalloc(o->nimport, sizeof(*pol->import.v));
	pol->import.n = o->nimport;
	pol->import.dflt = o->profile > 0 ? POL_ACCEPT : POL_REJECT;
	pol->have_import = true;
	for (i = 0; i < o->nimport; i++) {
		pol->import.v[i] = policy_db_lookup(pol->db, o->import[i]);
		if (pol->import.v[i] == NULL) {
			fprintf(stderr, "crossroute mrt replay: %s: import "
			    "policy \"%s\" is not defined\n", o->policy,
			    o->import[i]);
			return -1;
		}
	}
	return 0;
}

/* Compile the neighbours' import chains. 0 or -1 (reported). */
static int
nbr_chains(struct rpol *pol, const struct ropts *o)
{
	const struct config_bgp *b = &pol->cfg->bgp;
	struct compile_err err;
	size_t i;

	pol->nbr = xcalloc(b->n_neighbors ? b->n_neighbors : 1,
	    sizeof(*pol->nbr));
	for (i = 0; i < b->n_neighbors; i++) {
		enum config_profile p = o->profile >= 0 ?
		    cfg_profile(o->profile) : b->neighbors[i].profile;

		if (compile_chain(pol->db, &b->neighbors[i].apply_policy,
		    POL_IMPORT, p, &pol->nbr[i], &err) != 0) {
			fprintf(stderr, "crossroute mrt replay: %s: neighbor "
			    "%zu: %s\n", o->policy, i, err.msg);
			return -1;
		}
	}
	return 0;
}

static int
cfg_errors(const char *path, struct cfgerr *err)
{
	size_t i;

	for (i = 0; i < err->n; i++)
		fprintf(stderr, "crossroute mrt replay: %s: %s%s%s\n", path,
		    err->v[i].path, err->v[i].path[0] ? ": " : "",
		    err->v[i].msg);
	cfgerr_fini(err);
	return -1;
}

/* Load and compile the configuration of o->policy. 0 or -1 (reported). */
static int
rpol_load(struct rpol *pol, const struct ropts *o)
{
	struct compile_env env = { .ctx = pol, .peer_id = env_peer_id };
	struct cfgerr err = { 0 };
	struct compile_err cerr;
	struct schema *s;
	int rc;

	if ((s = schema_new(NULL, &err)) == NULL)
		return cfg_errors(o->policy, &err);
	rc = load_file(s, o->policy, &pol->cfg, NULL, &err);
	schema_free(s);
	if (rc != 0)
		return cfg_errors(o->policy, &err);
	pol->db = compile_policies(pol->cfg, &env, &cerr);
	if (pol->db == NULL) {
		fprintf(stderr, "crossroute mrt replay: %s: %s\n", o->policy,
		    cerr.msg);
		return -1;
	}
	if (nbr_chains(pol, o) != 0)
		return -1;
	return o->nimport > 0 ? import_chain(pol, o) : 0;
}

static void
rpol_fini(struct rpol *pol)
{
	size_t i;

	for (i = 0; pol->nbr != NULL && i < pol->cfg->bgp.n_neighbors; i++)
		compile_chain_fini(&pol->nbr[i]);
	free(pol->nbr);
	compile_chain_fini(&pol->import);
	policy_db_free(pol->db);
	config_free(pol->cfg);
	free(pol->ids);
	free(pol->aggs);
}

/* Apply --default-import to every chain. */
static void
rpol_default(struct rpol *pol, int dflt)
{
	size_t i;

	if (dflt < 0)
		return;
	pol->import.dflt = (uint8_t)dflt;
	for (i = 0; pol->nbr != NULL && i < pol->cfg->bgp.n_neighbors; i++)
		pol->nbr[i].dflt = (uint8_t)dflt;
}

static void
peer_new(void *ctx, const struct rib_peer_info *info,
    struct replay_peer_pol *out)
{
	struct rpol *pol = ctx;
	const struct config_bgp *b = &pol->cfg->bgp;
	char a[ADDR_STRLEN];
	size_t i;

	out->pol_id = addr_id(pol, &info->addr);
	if (pol->have_import) {
		out->chain = &pol->import;
		return;
	}
	for (i = 0; i < b->n_neighbors; i++) {
		if (addr_eq(&b->neighbors[i].address, &info->addr)) {
			out->chain = &pol->nbr[i];
			return;
		}
	}
	pol->unconfigured++;
	fprintf(stderr, "crossroute mrt replay: warning: peer %s AS%" PRIu32
	    " has no neighbor in the configuration: no import policy\n",
	    addr_print(&info->addr, a, sizeof(a)), info->as);
}

static void
replay_opts_fill(struct replay_opts *ro, const struct ropts *o,
    struct rpol *pol)
{
	const struct config_bgp *b = pol->cfg ? &pol->cfg->bgp : NULL;

	memset(ro, 0, sizeof(*ro));
	rib_config_default(&ro->rib);
	if (b != NULL && b->present) {
		ro->rib.local_as = b->asn;
		ro->rib.router_id = b->router_id;
		if (b->max_paths >= 1 && b->max_paths <= DECIDE_MAX_PATHS)
			ro->rib.decide.max_paths = b->max_paths;
	}
	if (o->has_as)
		ro->rib.local_as = o->local_as;
	if (o->has_rid)
		ro->rib.router_id = o->router_id;
	if (o->max_paths)
		ro->rib.decide.max_paths = o->max_paths;
	if (o->profile >= 0)
		ro->rib.decide.profile = (enum decide_profile)o->profile;
	if (pol->cfg != NULL) {
		ro->peer_new = peer_new;
		ro->ctx = pol;
	}
	if (b != NULL && b->n_aggregates > 0) {
		pol->aggs = xcalloc(b->n_aggregates, sizeof(*pol->aggs));
		ro->naggs = aggregate_confs_from_config(b->aggregates,
		    b->n_aggregates, pol->aggs);
		ro->aggs = pol->aggs;
		ro->agg.own_as = ro->rib.local_as;
		ro->agg.router_id = ro->rib.router_id;
	}
}

/* One record's outcome: reported, counted in pf. */
static void
record_report(struct replay_print_file *pf, const struct mrt_rec *rec,
    enum mrt_verdict v, const struct mrt_err *err)
{
	uint64_t off = rec->offset + mrt_hdr_len(&rec->hdr) + err->offset;

	if (v == MRT_ERR) {
		pf->errors++;
		mrt_report(PROG, pf->path, "error", off, &rec->hdr,
		    err->reason);
		return;
	}
	if (err->reason == NULL)
		return;
	if (pf->warnings++ < WARN_MAX)
		mrt_report(PROG, pf->path, "warning", off, &rec->hdr,
		    err->reason);
}

/* Replay one file into r; per-file results go to pf. */
static void
file_replay(struct replay *r, struct replay_print_file *pf)
{
	struct mrt_file_err ferr;
	struct mrt_file *f;
	struct mrt_rec rec;
	struct mrt_err err;
	enum mrt_read rr;

	if ((f = mrt_file_open(pf->path, &ferr)) == NULL) {
		fprintf(stderr, "crossroute mrt replay: %s: %s: %s\n",
		    pf->path, ferr.reason, strerror(ferr.sys_errno));
		pf->errors++;
		return;
	}
	replay_file_begin(r);
	while ((rr = mrt_file_next(f, &rec, &ferr)) != MRT_READ_EOF) {
		if (rr != MRT_READ_OK) {
			mrt_report_file(PROG, pf->path, &ferr);
			pf->errors++;
			if (rr == MRT_READ_FATAL)
				break;
			continue;
		}
		pf->records++;
		record_report(pf, &rec, replay_record(r, &rec.hdr, rec.body,
		    &err), &err);
	}
	if (pf->warnings > WARN_MAX)
		fprintf(stderr, "crossroute mrt replay: %s: %llu more "
		    "warnings not shown\n", pf->path, pf->warnings - WARN_MAX);
	mrt_file_free(f);
}

static double
clock_ms(clockid_t id)
{
	struct timespec ts;

	clock_gettime(id, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Replay every file, print, and return the exit status. */
static int
replay_run(const struct ropts *o, const struct replay_opts *ro)
{
	struct replay_print_file *pf = xcalloc((size_t)o->nfiles, sizeof(*pf));
	struct replay *r = replay_new(ro);
	double wall = clock_ms(CLOCK_MONOTONIC);
	double cpu = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
	struct aggregate_changes agg = { 0 };
	unsigned long long errors = 0;
	bool have_agg;
	int i, rc;

	for (i = 0; i < o->nfiles; i++) {
		pf[i].path = o->files[i];
		file_replay(r, &pf[i]);
		errors += pf[i].errors;
	}
	if (o->stats) {
		replay_print_stats(stderr, r);
		fprintf(stderr, "load-wall-ms %.0f\nload-cpu-ms %.0f\n",
		    clock_ms(CLOCK_MONOTONIC) - wall,
		    clock_ms(CLOCK_PROCESS_CPUTIME_ID) - cpu);
	}
	have_agg = replay_aggregate_state(r, &agg);
	rc = replay_print(stdout, r, o->json, have_agg ? &agg : NULL, pf,
	    (size_t)o->nfiles);
	replay_aggregate_fini(r, &agg);
	if (fflush(stdout) != 0 || rc != 0) {
		fprintf(stderr, "crossroute mrt replay: write error: %s\n",
		    strerror(errno));
		errors++;
	}
	replay_free(r);
	free(pf);
	return errors ? 1 : 0;
}

int
mrt_replay_main(int argc, char **argv)
{
	struct ropts o;
	struct rpol pol;
	struct replay_opts ro;
	int rc = 1;

	if (opts_parse(argc, argv, &o) != 0)
		return usage();
	memset(&pol, 0, sizeof(pol));
	if (o.policy != NULL && rpol_load(&pol, &o) != 0)
		goto out;
	rpol_default(&pol, o.dflt);
	replay_opts_fill(&ro, &o, &pol);
	rc = replay_run(&o, &ro);
out:
	if (pol.cfg != NULL)
		rpol_fini(&pol);
	return rc;
}
