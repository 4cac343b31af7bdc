/*
 * Internals shared by the files of the export groups (bgpd/export_group.c:
 * groups, their Adj-RIB-Out, resync walks, batches and table dumps;
 * bgpd/export_log.c: the change log the groups read). Not for use outside
 * them: everyone else sees the export_group_* and export_log_add()
 * contracts in bgpd/daemon.h.
 */
#ifndef XR_BGPD_EXPORT_INT_H
#define XR_BGPD_EXPORT_INT_H

#include <stddef.h>

struct daemon;
struct export_group;
struct export_logent;
struct path;
struct prefix;

/* Forget the first k log entries of d (read by every group): drop their
 * set references and move log_base on by k. k <= d->log_n. */
void export_log_drop(struct daemon *d, size_t k);
/* Fill le with prefix p and its best path b (NULL: none); borrows b's
 * set (no reference taken). */
void export_logent_set(struct export_logent *le, const struct prefix *p,
    const struct path *b);
/* Drop the entries every group has read (amortised: only once they are at
 * least half the log) and send groups lagging more than EXPORT_LOG_SLACK
 * entries beyond twice the Loc-RIB's size to resync. */
void export_log_compact(struct daemon *d);
/* Start (or restart) g's resync walk over the Loc-RIB; g then reads the
 * log from its current end. */
void export_group_resync(struct daemon *d, struct export_group *g);

#endif
