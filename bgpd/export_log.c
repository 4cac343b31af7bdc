/*
 * The change log of the export groups (see bgpd/export_group.c): the
 * prefixes leaving the RIB's change queue with their best path then,
 * appended in order, read by every group with its own cursor (g->cur, a
 * position log_base + i of d->log[i]). export_group_collect() drains the
 * RIB's queue into the log (feeding the aggregates on the way) and
 * compacts it; export_log_add() appends a change the RIB did not queue.
 * Compaction drops what every group has read, amortised, and sends a
 * group lagging more than EXPORT_LOG_SLACK entries beyond twice the
 * Loc-RIB to resync (export_group_resync()). With no group the log stays
 * empty and positions move on. Keeps d->log, log_n, log_cap and log_base
 * (export_group_free_all() empties them at exit) and fills the aggregate
 * feed queue d->aggq (freed with the daemon).
 */
#include <stdlib.h>
#include <string.h>

#include "bgpd/daemon.h"
#include "bgpd/export_int.h"
#include "lib/log.h"
#include "lib/xmalloc.h"

/* Log entries a group may lag beyond twice the Loc-RIB before a resync. */
#define EXPORT_LOG_SLACK 262144

/* Forget the first k log entries (read by every group). */
void
export_log_drop(struct daemon *d, size_t k)
{
	size_t i;

	if (k == 0)
		return;
	for (i = 0; i < k; i++)
		attrs_unref(d->attrs, d->log[i].a);
	memmove(d->log, d->log + k, (d->log_n - k) * sizeof(*d->log));
	d->log_n -= k;
	d->log_base += k;
}

/* p's best path b (NULL none) as a log entry; borrows b's set. */
void
export_logent_set(struct export_logent *le, const struct prefix *p,
    const struct path *b)
{
	le->p = *p;
	le->a = b != NULL ? b->attrs : NULL;
	le->src = b != NULL ? b->peer->id : 0;
	le->ibgp = b != NULL && b->peer->info.ibgp;
}

/* Append p with its best path b (NULL: none) for every group. */
static void
log_put(struct daemon *d, const struct prefix *p, const struct path *b)
{
	struct export_logent *le;

	if (d->groups == NULL) {
		/* Nobody reads: the log empties, positions move on. */
		export_log_drop(d, d->log_n);
		d->log_base++;
		return;
	}
	if (d->log_n == d->log_cap) {
		d->log_cap = d->log_cap ? 2 * d->log_cap : 4096;
		d->log = xrealloc(d->log, d->log_cap * sizeof(*d->log));
	}
	le = &d->log[d->log_n++];
	export_logent_set(le, p, b);
	if (le->a != NULL)
		attrs_ref(le->a);
}

void
export_log_add(struct daemon *d, const struct prefix *p)
{
	const struct rib_entry *e = rib_lookup(d->rib, p);

	log_put(d, p, e != NULL ? rib_entry_best(e) : NULL);
}

/* Drop the entries every group has read; resync groups too far behind. */
void
export_log_compact(struct daemon *d)
{
	struct rib_counters rc;
	struct export_group *g;
	uint64_t end = d->log_base + d->log_n, low = end;
	size_t k;

	rib_counters(d->rib, &rc);
	for (g = d->groups; g != NULL; g = g->next) {
		/* A walk in progress restarts: it reads from the end again. */
		if (end - g->cur > 2 * rc.prefixes + EXPORT_LOG_SLACK) {
			log_info("export group of %s: %llu changes behind, "
			    "resync from the Loc-RIB", g->members[0]->name,
			    (unsigned long long)(end - g->cur));
			export_group_resync(d, g);
		}
		if (g->cur < low)
			low = g->cur;
	}
	k = (size_t)(low - d->log_base);
	if (k == 0 || 2 * k < d->log_n)
		return;		/* amortised: move at most what was read */
	export_log_drop(d, k);
	if (d->log_n == 0 && d->log_cap > 65536) {
		free(d->log);
		d->log = NULL;
		d->log_cap = 0;
	}
}

void
export_group_collect(struct daemon *d)
{
	const struct attrs *in;
	struct rib_change c;

	do {
		d->naggq = 0;
		while (rib_change_next(d->rib, &c)) {
			log_put(d, &c.prefix, c.best);
			if (d->agg == NULL)
				continue;
			if (d->naggq == d->aggq_cap) {
				d->aggq_cap = d->aggq_cap ? 2 * d->aggq_cap :
				    DAEMON_BATCH;
				d->aggq = xrealloc(d->aggq, d->aggq_cap *
				    sizeof(*d->aggq));
			}
			in = daemon_aggr_learned(c.best);
			d->aggq[d->naggq].p = c.prefix;
			d->aggq[d->naggq++].a = in != NULL ? attrs_ref(in) :
			    NULL;
		}
		/* Summaries change the RIB again: drain until quiet. */
		if (d->naggq > 0)
			daemon_aggr_feed(d, d->aggq, d->naggq);
	} while (d->naggq > 0);
	export_log_compact(d);
}
