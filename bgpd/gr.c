/*
 * Graceful restart as the restarting speaker (see gr.h). RFC 4724 4.1:
 * after a restart the speaker sets the Restart State bit, receives the
 * peers' routes and End-of-RIB, defers its route selection (here: the
 * export of the selected routes, since the RIB selects as routes arrive
 * and nothing leaves before the export) until End-of-RIB came from every
 * peer that advertised the capability without R, or the
 * Selection_Deferral_Timer expired; then it sends its routes and its own
 * End-of-RIB (bgpd/export_group.c ends each table dump with it).
 * crossrouted programs no FIB, so it never claims forwarding state (F = 0,
 * bgpd/session.c). Owns the deferral timer; the peers stay daemon.c's.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <event2/event.h>

#include "bgpd/daemon.h"
#include "bgpd/gr.h"
#include "lib/log.h"
#include "lib/xmalloc.h"

struct gr {
	struct daemon *d;
	struct event *t_defer;
	uint32_t defer_s;
	bool deferring;
	struct timespec since;
};

/* End the deferral: clear R in later OPENs, export from now on. */
static void
gr_end(struct gr *g, const char *why)
{
	struct daemon *d = g->d;
	struct timespec now;
	size_t i;

	if (!g->deferring)
		return;
	g->deferring = false;
	evtimer_del(g->t_defer);
	for (i = 0; i < d->npeers; i++)
		session_set_restarting(d->peers[i]->s, false);
	clock_gettime(CLOCK_MONOTONIC, &now);
	log_info("graceful restart: selection deferral over after %.1f s "
	    "(%s), sending routes and End-of-RIB", (double)(now.tv_sec -
	    g->since.tv_sec) + (now.tv_nsec - g->since.tv_nsec) / 1e9, why);
}

static void
t_defer_cb(evutil_socket_t fd, short what, void *arg)
{
	struct gr *g = arg;

	(void)fd;
	(void)what;
	gr_end(g, "selection deferral timer expired");
	daemon_kick(g->d);
}

struct gr *
gr_new(struct daemon *d, uint32_t defer_s)
{
	struct gr *g = xcalloc(1, sizeof(*g));
	struct timeval tv;
	size_t i;

	g->d = d;
	g->defer_s = defer_s ? defer_s : GR_DEFER_S;
	g->deferring = true;
	clock_gettime(CLOCK_MONOTONIC, &g->since);
	g->t_defer = evtimer_new(d->eb, t_defer_cb, g);
	tv.tv_sec = g->defer_s;
	tv.tv_usec = 0;
	if (g->t_defer == NULL || evtimer_add(g->t_defer, &tv) != 0) {
		log_error("graceful restart: cannot arm the deferral timer");
		abort();
	}
	for (i = 0; i < d->npeers; i++)
		session_set_restarting(d->peers[i]->s, true);
	log_info("graceful restart: restarting, export deferred until "
	    "End-of-RIB from every peer or %u s", g->defer_s);
	return g;
}

void
gr_free(struct gr *g)
{
	if (g == NULL)
		return;
	if (g->t_defer != NULL)
		event_free(g->t_defer);
	free(g);
}

/*
 * RFC 4724 4.1: do we still wait for p? Peers without graceful restart
 * configured never learn that we restart; a peer that showed no
 * capability or its own R bit is not waited for, nor one shut down by
 * the operator. A configured one not up yet is: it may still come (the
 * deferral timer bounds the wait).
 */
static bool
gr_awaits(const struct peer *p)
{
	const struct wire_nego *ng;
	uint32_t need;

	if (p->removed || !session_conf(p->s)->gr ||
	    session_admin_down(p->s))
		return false;
	if (session_state(p->s) != FSM_ESTABLISHED)
		return true;
	ng = session_nego(p->s);
	if (ng == NULL)
		return true;
	if (!ng->gr || ng->gr_restarting)
		return false;
	need = ng->caps.afs & (WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST);
	return (session_eor_received(p->s) & need) != need;
}

bool
gr_defers(struct daemon *d)
{
	struct gr *g = d->gr;
	size_t i;

	if (g == NULL || !g->deferring)
		return false;
	for (i = 0; i < d->npeers; i++)
		if (gr_awaits(d->peers[i]))
			return true;
	gr_end(g, "End-of-RIB from every peer");
	return false;
}

bool
gr_deferring(const struct daemon *d)
{
	return d->gr != NULL && d->gr->deferring;
}

unsigned
gr_stop(struct daemon *d)
{
	unsigned n = 0;
	size_t i;

	d->shutting_down = true;
	for (i = 0; i < d->npeers; i++) {
		struct peer *p = d->peers[i];

		if (p->removed || !session_conf(p->s)->gr)
			continue;
		session_stop_graceful(p->s);
		n++;
	}
	if (n > 0)
		log_info("graceful restart: %u sessions closed without "
		    "NOTIFICATION, peers keep our routes", n);
	return n;
}

int
gr_marker_write(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL) {
		log_error("graceful restart marker %s: %s", path,
		    strerror(errno));
		return -1;
	}
	fprintf(f, "%lld\n", (long long)time(NULL));
	return fclose(f);
}

bool
gr_marker_take(const struct daemon *d, const char *path)
{
	FILE *f = fopen(path, "r");
	long long then = 0;
	uint16_t longest = 0;
	size_t i;

	if (f == NULL)
		return false;
	if (fscanf(f, "%lld", &then) != 1)
		then = 0;
	fclose(f);
	unlink(path);
	for (i = 0; i < d->npeers; i++) {
		const struct session_conf *c = session_conf(d->peers[i]->s);

		if (c->gr && c->gr_time > longest)
			longest = c->gr_time;
	}
	return then > 0 && (long long)time(NULL) - then <= longest;
}
