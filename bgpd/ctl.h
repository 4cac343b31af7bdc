/*
 * The control socket of crossrouted: a unix stream socket on which a
 * client (crossroute show, tools/cmd_show.c) sends one request line and
 * reads the answer until the daemon closes the connection. Requests:
 *   "neighbors [json]"            every peer with state and counters
 *   "routes [json] [PREFIX]"      Loc-RIB entries, all or within PREFIX
 *   "debug CATS"                  debug categories at run time
 *                                 (fsm,packet,update,rib,policy,config,
 *                                 all, none)
 * Answers are produced in chunks of CTL_CHUNK entries from a RIB cursor,
 * one chunk per event-loop turn and only while the client's output buffer
 * is below CTL_HIWAT, so a million routes never stall the daemon. The
 * formatting of entries lives in bgpd/ctl_show.c. Only bgpd/ includes
 * libevent.
 */
#ifndef XR_BGPD_CTL_H
#define XR_BGPD_CTL_H

#include <stdbool.h>
#include <stddef.h>

struct daemon;
struct evbuffer;
struct peer;
struct rib_entry;
struct prefix;

#define CTL_CHUNK 256
#define CTL_HIWAT (128u * 1024u)
#define CTL_PATH_DEFAULT "/run/crossroute/crossrouted.sock"

struct ctl;

/*
 * Listen on the unix socket path (an existing socket file is replaced)
 * for daemon d (borrowed). Returns an owned ctl, or NULL with errno set.
 */
struct ctl *ctl_new(struct daemon *d, const char *path);
/* Close every client and the listener, unlink the path, free c. NULL ok. */
void ctl_free(struct ctl *c);

/* bgpd/ctl_show.c: one entry of an answer, appended to out. */
void ctl_show_neighbor(struct evbuffer *out, const struct daemon *d,
    const struct peer *p, bool json, bool first);
void ctl_show_route(struct evbuffer *out, const struct prefix *pfx,
    const struct rib_entry *e, bool json, bool first);

#endif
