/*
 * Table loader of `crossroute mrt blast` (tools/mrt_blast.h): reads a
 * TABLE_DUMP_V2 RIB (bgpd/mrt_file.h), decodes every RIB entry's attribute
 * block with the engine's codec (bgpd/wire_attr.h, RFC 6396 4.3.4 form),
 * interns the sets and files (attributes, prefix) pairs into one table or
 * one per MRT peer, then sorts each table so that routes sharing attributes
 * are adjacent and can be packed into few UPDATEs. Entries the codec
 * rejects (treat-as-withdraw or worse) are counted and not sent.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bgpd/mrt.h"
#include "bgpd/mrt_file.h"
#include "bgpd/wire_attr.h"
#include "bgpd/wire_update.h"
#include "lib/aspath.h"
#include "lib/xmalloc.h"
#include "tools/mrt_blast.h"

struct loader {
	const struct blast_load_opts *o;
	struct attr_table *t;
	struct blast_load_stats *st;
	struct mrt_peer_index idx;
	bool have_idx;
	struct blast_table *tables;
	size_t n;
	struct wire_update u;
};

static void
table_add(struct blast_table *tb, const struct attrs *a,
    const struct prefix *p)
{
	if (tb->n == tb->cap) {
		tb->cap = tb->cap ? tb->cap * 2 : 1024;
		tb->v = xrealloc(tb->v, tb->cap * sizeof(*tb->v));
	}
	tb->v[tb->n].a = a;
	tb->v[tb->n].pfx = *p;
	tb->n++;
}

/* Decode one entry's attributes; NULL when the codec rejects them. */
static const struct attrs *
entry_attrs(struct loader *l, const struct mrt_rib *rib,
    const struct mrt_rib_entry *e)
{
	struct wire_attrs_opts opts;
	struct wire_caps caps;
	struct wire_err err;
	enum wire_verdict v;

	memset(&caps, 0, sizeof(caps));
	caps.as4 = true;
	caps.ibgp = true;	/* the collector's own table: keep LOCAL_PREF */
	caps.afs = WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST |
	    WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST;
	memset(&opts, 0, sizeof(opts));
	opts.flags = WIRE_ATTRS_MRT_RIB;
	opts.mrt_afi = rib->afi;
	opts.mrt_safi = rib->safi;
	memset(&err, 0, sizeof(err));
	wire_update_reset(&l->u);
	v = wire_attrs_decode(e->attrs.p, e->attrs.len, &caps, &opts, &l->u,
	    WIRE_OK, &err);
	/* Dumps of eBGP-learnt tables lack LOCAL_PREF: do not require it. */
	caps.ibgp = false;
	v = wire_attrs_check(&l->u, &caps, rib->afi == AFI_IPV4, v, &err);
	if (v >= WIRE_WITHDRAW)
		return NULL;
	return wire_update_intern(&l->u, rib->afi != AFI_IPV4, l->t);
}

/* The table an entry of peer idx goes to, or NULL to skip it. */
static struct blast_table *
table_for(struct loader *l, uint16_t peer)
{
	if (!l->o->per_peer)
		return &l->tables[0];
	if (!l->have_idx || peer >= l->idx.count)
		return NULL;
	if (l->o->max_tables && peer >= l->o->max_tables)
		return NULL;
	return &l->tables[peer];
}

/* True if a's AS_PATH holds an AS the options exclude. */
static bool
excluded(const struct blast_load_opts *o, const struct attrs *a)
{
	unsigned i;

	for (i = 0; i < o->n_exclude; i++)
		if (aspath_has_as(blob_bytes(a->aspath), o->exclude[i]))
			return true;
	return false;
}

static int
rib_record(struct loader *l, const struct mrt_rec *rec)
{
	struct mrt_rib rib;
	struct mrt_rib_entry e;
	struct mrt_err err;
	struct blast_table *tb;
	const struct attrs *a;

	if (mrt_rib_decode(rec->body, rec->hdr.len, rec->hdr.subtype, &rib,
	    &err) != MRT_OK)
		return -1;
	if (rib.safi != SAFI_UNICAST || (rib.afi == AFI_IPV6 && l->o->no_ipv6))
		return 0;
	while (mrt_rib_next(&rib, &e, &err) == MRT_OK) {
		l->st->rib_entries++;
		if (l->o->only_best && rib.next > 1)
			continue;
		tb = table_for(l, e.peer_idx);
		if (!tb)
			continue;
		a = entry_attrs(l, &rib, &e);
		if (!a) {
			l->st->bad_attrs++;
			continue;
		}
		if (excluded(l->o, a)) {
			attrs_unref(l->t, a);
			l->st->excluded++;
			continue;
		}
		table_add(tb, a, &rib.pfx);
		l->st->routes++;
	}
	return 0;
}

static int
peer_index(struct loader *l, const struct mrt_rec *rec)
{
	struct mrt_err err;
	size_t i;

	if (l->have_idx)
		return 0;
	if (mrt_peer_index_decode(rec->body, rec->hdr.len, &l->idx, &err) !=
	    MRT_OK)
		return -1;
	l->have_idx = true;
	if (!l->o->per_peer)
		return 0;
	l->n = l->idx.count;
	l->tables = xcalloc(l->n ? l->n : 1, sizeof(*l->tables));
	for (i = 0; i < l->n; i++) {
		l->tables[i].peer_as = l->idx.peers[i].as;
		l->tables[i].peer_id = l->idx.peers[i].bgp_id;
		l->tables[i].peer_ip = l->idx.peers[i].ip;
	}
	return 0;
}

static int
route_cmp(const void *x, const void *y)
{
	const struct blast_route *a = x, *b = y;

	if (a->a != b->a)
		return (uintptr_t)a->a < (uintptr_t)b->a ? -1 : 1;
	return prefix_cmp(&a->pfx, &b->pfx);
}

/* Keep tables with routes, sorted for packing. */
static void
tables_finish(struct loader *l)
{
	size_t i, k = 0;

	for (i = 0; i < l->n; i++) {
		if (l->tables[i].n == 0) {
			free(l->tables[i].v);
			continue;
		}
		qsort(l->tables[i].v, l->tables[i].n, sizeof(*l->tables[i].v),
		    route_cmp);
		l->tables[k++] = l->tables[i];
	}
	l->n = k;
}

static int
records_read(struct loader *l, struct mrt_file *f, char *why, size_t whylen)
{
	struct mrt_file_err ferr;
	struct mrt_rec rec;
	enum mrt_read rr;
	uint16_t st;
	int rc = 0;

	while ((rr = mrt_file_next(f, &rec, &ferr)) != MRT_READ_EOF) {
		if (rr != MRT_READ_OK) {
			snprintf(why, whylen, "offset %llu: %s",
			    (unsigned long long)ferr.offset, ferr.reason);
			return -1;
		}
		l->st->records++;
		st = rec.hdr.subtype;
		if (rec.hdr.type != MRT_TABLE_DUMP_V2) {
			l->st->skipped_records++;
			continue;
		}
		if (st == MRT_TD2_PEER_INDEX)
			rc = peer_index(l, &rec);
		else if (st == MRT_TD2_RIB_IPV4_UNICAST ||
		    st == MRT_TD2_RIB_IPV6_UNICAST)
			rc = rib_record(l, &rec);
		else
			l->st->skipped_records++;
		if (rc < 0) {
			snprintf(why, whylen, "offset %llu: malformed %s "
			    "record", (unsigned long long)rec.offset,
			    mrt_subtype_name(rec.hdr.type, st));
			return -1;
		}
	}
	return 0;
}

int
blast_load(const char *path, const struct blast_load_opts *o,
    struct attr_table *t, struct blast_table **tables, size_t *n,
    struct blast_load_stats *st, char *why, size_t whylen)
{
	struct mrt_file_err ferr;
	struct mrt_file *f;
	struct loader l;
	int rc;

	memset(st, 0, sizeof(*st));
	memset(&l, 0, sizeof(l));
	l.o = o;
	l.t = t;
	l.st = st;
	wire_update_init(&l.u);
	if (!o->per_peer) {
		l.n = 1;
		l.tables = xcalloc(1, sizeof(*l.tables));
	}
	f = mrt_file_open(path, &ferr);
	if (!f) {
		snprintf(why, whylen, "%s: %s", ferr.reason,
		    strerror(ferr.sys_errno));
		rc = -1;
	} else
		rc = records_read(&l, f, why, whylen);
	mrt_file_free(f);
	wire_update_fini(&l.u);
	if (l.have_idx)
		mrt_peer_index_fini(&l.idx);
	if (rc == 0 && o->per_peer && !l.have_idx) {
		snprintf(why, whylen, "no PEER_INDEX_TABLE in the file");
		rc = -1;
	}
	tables_finish(&l);
	st->attr_sets = attr_table_count(t);
	*tables = l.tables;
	*n = l.n;
	return rc;
}

void
blast_tables_free(struct attr_table *t, struct blast_table *v, size_t n)
{
	size_t i, j;

	for (i = 0; i < n; i++) {
		for (j = 0; j < v[i].n; j++)
			attrs_unref(t, v[i].v[j].a);
		free(v[i].v);
	}
	free(v);
}
