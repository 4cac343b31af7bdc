/*
 * Graceful restart, restarting-speaker side (RFC 4724 4.1): crossrouted
 * started after a graceful stop sets the Restart State bit in its OPENs
 * and defers its export (table dumps, End-of-RIB) until every graceful
 * restart capable neighbour sent End-of-RIB or the selection deferral
 * timer expired; and the graceful stop itself (close without NOTIFICATION,
 * RFC 4724 4; RFC 8538 for the N bit). The helper side lives in
 * bgpd/peer.c. One struct gr per daemon, NULL when not restarting.
 */
#ifndef XR_BGPD_GR_H
#define XR_BGPD_GR_H

#include <stdbool.h>
#include <stdint.h>

struct daemon;
struct gr;

/* Selection deferral default: FRR's select-defer-time (BIRD: gr wait 240). */
#define GR_DEFER_S 360

/*
 * Enter restarting mode for d (borrowed, must outlive the result): every
 * session's OPEN gets the R bit and export is held back, at most defer_s
 * seconds (0: GR_DEFER_S). Call before daemon_start(). Returns the owned
 * state to store in d->gr; gr_free() it before daemon_free().
 */
struct gr *gr_new(struct daemon *d, uint32_t defer_s);
/* Free g (timer included). NULL is a no-op. */
void gr_free(struct gr *g);

/*
 * The export hook (daemon.c): true while d's export must wait. Each call
 * checks whether every awaited neighbour sent End-of-RIB for each family
 * it negotiated; when so the deferral ends here (R bit cleared, logged)
 * and false is returned.
 */
bool gr_defers(struct daemon *d);
/* True while d is in its deferral (for show / tests). */
bool gr_deferring(const struct daemon *d);

/*
 * SIGTERM with graceful restart: every neighbour with graceful restart
 * configured is closed without NOTIFICATION so that it keeps our routes
 * (RFC 4724 4.2); d->shutting_down is set first. Returns how many
 * sessions were closed so. The caller then runs daemon_shutdown() for the
 * others.
 */
unsigned gr_stop(struct daemon *d);

/*
 * Restart marker beside the pid file: gr_marker_write() records that we
 * stopped gracefully now; gr_marker_take() reads and removes it and
 * returns true when it is younger than the longest restart time any
 * neighbour of d announces (after that every helper has dropped our
 * routes and a restart would not be graceful any more).
 */
int gr_marker_write(const char *path);
bool gr_marker_take(const struct daemon *d, const char *path);

#endif
