/*
 * A session that a reload moves to another export group while it is up
 * (its export chain or destination changed, bgpd/reload.c) holds what the
 * old group advertised, and the new group's table dump only announces. So
 * export_group_move() remembers the prefixes the old group had out (plus
 * any still remembered from an earlier move) and export_move_sweep(), at
 * the end of each family's dump, withdraws those the new group does not
 * advertise (RFC 4271 9.1.3: a route no longer to be advertised is
 * withdrawn) before the End-of-RIB / EoRR. Without it a route the new
 * chain rejects or summarises away stayed at the peer until a reset.
 * Owns the peer's held list (p->held, p->nheld).
 */
#include <stdlib.h>
#include <string.h>

#include "bgpd/daemon.h"
#include "bgpd/export.h"
#include "bgpd/session.h"
#include "lib/xmalloc.h"

/* Append the prefixes g advertises to *v (*n entries, *cap allocated). */
static void
held_collect(const struct export_group *g, struct prefix **v, size_t *n,
    size_t *cap)
{
	struct prefix pf;
	size_t pos;
	int f;

	for (f = 0; f < 2; f++) {
		pos = 0;
		while (advmap_next(&g->adv[f], &pos, &pf) != NULL) {
			if (*n == *cap) {
				*cap = *cap ? 2 * *cap : 64;
				*v = xrealloc(*v, *cap * sizeof(**v));
			}
			(*v)[(*n)++] = pf;
		}
	}
}

void
export_group_move(struct daemon *d, struct peer *p)
{
	struct prefix *v = NULL;
	size_t n = 0, cap = 0;

	if (p->grp != NULL && session_nego(p->s) != NULL) {
		v = p->held;
		n = cap = p->nheld;
		p->held = NULL;
		p->nheld = 0;
		held_collect(p->grp, &v, &n, &cap);
	}
	export_group_leave(d, p);
	export_group_join(d, p);
	export_move_forget(p);
	p->held = v;
	p->nheld = n;
}

/* Withdrawals need no next hop: straight to the session. */
static void
emit_withdraw(void *ctx, const uint8_t *msg, size_t len)
{
	struct peer *p = ctx;

	if (session_send(p->s, msg, len) == 0)
		p->upd_out++;
}

void
export_move_sweep(struct peer *p, const struct wire_nego *ng, uint8_t afi)
{
	struct export_item v[DAEMON_BATCH];
	size_t i, keep = 0, n = 0;

	if (p->nheld == 0)
		return;
	for (i = 0; i < p->nheld; i++) {
		if (p->held[i].afi != afi) {
			p->held[keep++] = p->held[i];
			continue;
		}
		if (p->grp != NULL && advmap_lookup(
		    &p->grp->adv[peer_af_index(afi)], &p->held[i]) != NULL)
			continue;
		v[n].p = p->held[i];
		v[n++].a = NULL;
		if (n == DAEMON_BATCH) {
			export_pack(v, n, &ng->caps, emit_withdraw, p);
			n = 0;
		}
	}
	export_pack(v, n, &ng->caps, emit_withdraw, p);
	p->nheld = keep;
	if (keep == 0)
		export_move_forget(p);
}

void
export_move_forget(struct peer *p)
{
	free(p->held);
	p->held = NULL;
	p->nheld = 0;
}
