/*
 * One BGP session on libevent: sockets, timers, framing, OPEN negotiation
 * and message dispatch around the pure RFC 4271 FSM (bgpd/fsm.h). A session
 * holds up to two TCP connections to its peer (RFC 4271 6.8: an inbound one
 * is tracked with its own FSM until collision resolution disposes of one).
 * It owns its connections, timers and receive state; it does not know the
 * RIB, policy or other peers: routes, refresh requests and state changes go
 * to the caller through struct session_cbs. The event base is the caller's
 * (created in main.c), passed in explicitly.
 *
 * RFC 4271 (FSM, timers, collision), RFC 5492 and wire_nego (capabilities),
 * RFC 2918 / 7313 (ROUTE-REFRESH delivered to the caller), RFC 4724 (whether
 * a session loss may keep routes as stale; our capability with R while
 * restarting and F = 0; the close without NOTIFICATION; End-of-RIB
 * received), RFC 8538 (N bit, Hard Reset), RFC 9003
 * (shutdown communication), RFC 2385 / 5082 (through bgpd/sock.h).
 */
#ifndef XR_BGPD_SESSION_H
#define XR_BGPD_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/fsm.h"
#include "bgpd/sock.h"
#include "bgpd/wire.h"
#include "bgpd/wire_nego.h"
#include "bgpd/wire_refresh.h"
#include "bgpd/wire_update.h"
#include "lib/prefix.h"

struct event_base;
struct session;

#define SESSION_PORT 179
/* Output buffer levels: producers stop above HIWAT, resume below LOWAT. */
#define SESSION_OUT_HIWAT (256u * 1024u)
#define SESSION_OUT_LOWAT (64u * 1024u)

/* Configuration of one session; copied by session_new(). */
struct session_conf {
	char name[64];		/* log prefix, e.g. "169.254.0.2 AS65000" */
	struct addr peer;
	struct addr local;	/* afi 0: the kernel chooses the source */
	uint16_t port;		/* remote port to connect to */
	uint32_t local_as;
	uint32_t local_id;	/* BGP identifier, host order */
	uint32_t peer_as;
	uint16_t hold;		/* 0 or >= 3 */
	uint16_t keepalive;	/* upper bound; min(this, hold / 3) runs */
	uint16_t connect_retry;	/* seconds */
	bool passive;
	uint8_t md5[SOCK_MD5_KEY_MAX];
	size_t md5_len;		/* 0: no TCP MD5 */
	unsigned ttl;		/* 0 default, 1 single hop */
	bool gtsm;		/* RFC 5082 single hop: overrides ttl */
	uint32_t afs;		/* WIRE_AF_* offered in the OPEN */
	bool gr;		/* offer graceful restart (helper) */
	uint16_t gr_time;
};

/* Why a session left Established (for the caller's RIB decision). */
struct session_down {
	bool gr_keep;		/* RFC 4724: keep the peer's routes stale */
	uint8_t code, subcode;	/* NOTIFICATION sent or received, 0 none */
	bool sent;		/* we sent it */
};

/*
 * Callbacks; ctx is handed back. They may call session_send() and
 * session_stop() on the session they are called for, never session_free().
 * update: a decoded UPDATE in Established with its RFC 7606 verdict (never
 *   WIRE_RESET: that resets the session inside the layer); u is borrowed
 *   for the call.
 * refresh: a valid ROUTE-REFRESH for a negotiated family.
 * drain: the output buffer fell below SESSION_OUT_LOWAT.
 */
struct session_cbs {
	void *ctx;
	void (*up)(void *ctx, struct session *s);
	void (*down)(void *ctx, struct session *s,
	    const struct session_down *why);
	void (*update)(void *ctx, struct session *s, struct wire_update *u,
	    enum wire_verdict v, const struct wire_err *err);
	void (*refresh)(void *ctx, struct session *s,
	    const struct wire_refresh *rr);
	void (*drain)(void *ctx, struct session *s);
};

/* Counters for show output and tests. */
struct session_stats {
	uint64_t in[6], out[6];		/* messages by type 1..5 */
	uint32_t established;		/* transitions into Established */
	uint32_t dropped;		/* transitions out of Established */
	uint8_t last_code, last_subcode;	/* last NOTIFICATION */
	bool last_sent;
	char last_text[128];		/* its one-line description */
	int64_t up_since;		/* monotonic seconds, 0 when down */
};

/*
 * Create a session in Idle on base eb (borrowed, must outlive it) with
 * copies of c and cb. Nothing happens until session_start(). Returns an
 * owned session (session_free()).
 */
struct session *session_new(struct event_base *eb,
    const struct session_conf *c, const struct session_cbs *cb);

/* Close every connection without a message, cancel timers, free s. NULL ok. */
void session_free(struct session *s);

/* ManualStart (passive when configured): connect and keep the session up. */
void session_start(struct session *s);

/*
 * ManualStop: send NOTIFICATION Cease/subcode with data (borrowed, may be
 * NULL; e.g. the RFC 9003 text or the RFC 4486 max-prefix data) on every
 * connection past Connect, close them, go Idle. With restart_s > 0 the
 * session starts again by itself after that many seconds (max-prefix
 * idle); with 0 it stays down until session_start(). Where the RFC 8538 N
 * bit was negotiated, subcodes 1 to 4 are sent inside a Hard Reset
 * (Cease/9, RFC 8538 5) so the peer drops our routes; other subcodes
 * leave it in graceful restart (RFC 8538 4).
 */
void session_stop(struct session *s, uint8_t subcode, const uint8_t *data,
    size_t len, uint32_t restart_s);

/*
 * Graceful restart of our own (RFC 4724 4.1): close every connection
 * without a NOTIFICATION so that helpers keep our routes as stale, go
 * Idle, stay down until session_start().
 */
void session_stop_graceful(struct session *s);

/*
 * Set or clear the Restart State bit (RFC 4724 3, 4.1) in the OPEN sent
 * from now on (bgpd/gr.c sets it while crossrouted restarts).
 */
void session_set_restarting(struct session *s, bool on);

/*
 * WIRE_AF_* families the peer sent End-of-RIB for on the Established
 * connection (RFC 4724 2), 0 when not Established.
 */
uint32_t session_eor_received(const struct session *s);

/*
 * Hand an accepted connection from the peer (fd owned by the session from
 * now on) to s: it replaces a pending outbound attempt, is tracked for
 * collision detection, or is refused (closed) per RFC 4271 8 and 6.8.
 * Returns 0 when kept, -1 when closed.
 */
int session_accept(struct session *s, int fd);

/*
 * Queue one complete message (header included) on the Established
 * connection and restart the KeepaliveTimer (RFC 4271 8.2.2). Returns 0, or
 * -1 when the session is not Established.
 */
int session_send(struct session *s, const uint8_t *msg, size_t len);

/* Bytes waiting in the output buffer (0 when not Established). */
size_t session_out_pending(const struct session *s);
/* True when the producer may write (Established, below SESSION_OUT_HIWAT). */
bool session_is_writable(const struct session *s);

/* True when stopped by the operator (no automatic restart pending). */
bool session_admin_down(const struct session *s);
/* The most advanced state over the session's connections. */
enum fsm_state session_state(const struct session *s);
/* The negotiated parameters of the Established connection, or NULL. */
const struct wire_nego *session_nego(const struct session *s);
/* Local address of the Established connection (afi 0 if none). */
void session_local_addr(const struct session *s, struct addr *a);
const struct session_conf *session_conf(const struct session *s);
const struct session_stats *session_stats(const struct session *s);

#endif
