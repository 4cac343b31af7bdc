/*
 * A small BGP session endpoint for the test-bed tools (`crossroute mrt
 * blast`, `crossroute sink`): one non-blocking TCP descriptor, the OPEN
 * exchange and negotiation (bgpd/wire_nego.h), KEEPALIVE and hold timers
 * (RFC 4271 4.4, 10), framing of received messages and a growable send
 * queue written only as fast as the socket takes it. No event library: the
 * caller polls bgpio_events() and calls bgpio_input() / bgpio_output() /
 * bgpio_tick(). Received UPDATEs are handed to a callback undecoded; what
 * they mean is the caller's business. Errors leave a one-line reason in
 * s->why and the session closed (state BGPIO_CLOSED).
 */
#ifndef XR_TOOLS_BGPIO_H
#define XR_TOOLS_BGPIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/wire.h"
#include "bgpd/wire_nego.h"
#include "bgpd/wire_open.h"
#include "lib/prefix.h"

enum bgpio_state {
	BGPIO_CONNECT,		/* active connect in progress */
	BGPIO_OPENSENT,		/* OPEN sent, waiting for the peer's */
	BGPIO_OPENCONFIRM,	/* OPENs agreed, waiting for KEEPALIVE */
	BGPIO_ESTABLISHED,
	BGPIO_CLOSED,		/* why says why */
};

/* What a session offers and accepts. */
struct bgpio_conf {
	uint32_t as;		/* local AS */
	uint32_t id;		/* BGP identifier, host order */
	uint32_t peer_as;	/* expected peer AS, 0 = any */
	uint16_t hold;		/* proposed hold time (0 or >= 3) */
	uint32_t afs;		/* WIRE_AF_* offered with capability MP */
	bool ext_msg;		/* offer RFC 8654 extended messages */
};

/* Called with each received UPDATE body (after the 19-byte header). */
typedef int (*bgpio_update_fn)(void *ctx, const uint8_t *body, size_t len);

struct bgpio {
	int fd;
	enum bgpio_state state;
	struct addr local, remote;
	uint16_t remote_port;
	struct bgpio_conf conf;
	struct wire_open sent, rcvd;
	struct wire_nego nego;		/* valid from OPENCONFIRM on */
	uint8_t *rbuf;
	size_t rlen, rcap;
	uint8_t *wbuf;
	size_t woff, wlen, wcap;	/* unsent bytes are wbuf[woff..wlen) */
	uint64_t last_rx_ms, last_tx_ms, up_ms;
	uint64_t msgs_rx, updates_rx, msgs_tx, bytes_tx;
	uint64_t refresh_rx;		/* ROUTE-REFRESH requests (normal) */
	uint32_t refresh_afs;		/* WIRE_AF_* asked for, caller clears */
	bool peer_notified;		/* closed by the peer's NOTIFICATION */
	bool up_told;			/* for the caller: Established reported */
	char why[256];
};

/* Milliseconds of CLOCK_MONOTONIC. */
uint64_t bgpio_now_ms(void);

/*
 * Start a session on fd (owned from now on; closed by bgpio_close()).
 * connecting: fd is an active connect still in progress (BGPIO_CONNECT);
 * otherwise it is connected and the OPEN is queued at once (BGPIO_OPENSENT).
 */
void bgpio_init(struct bgpio *s, int fd, bool connecting,
    const struct bgpio_conf *conf);
/* Close the descriptor (if open) and free the buffers. */
void bgpio_fini(struct bgpio *s);

/* poll() events s wants now (POLLIN always, POLLOUT with queued data). */
short bgpio_events(const struct bgpio *s);

/*
 * Read what the socket has and handle every complete message: OPEN and
 * KEEPALIVE drive the handshake, NOTIFICATION closes with its text,
 * a ROUTE-REFRESH request (RFC 2918) for a negotiated family is counted in
 * refresh_rx and its family added to refresh_afs (answering it is the
 * caller's business; a malformed one resets the session, RFC 7313 5),
 * UPDATEs go to fn (an fn result < 0 closes the session with a
 * NOTIFICATION already queued by the caller). Returns 0, or -1 once the
 * session is closed.
 */
int bgpio_input(struct bgpio *s, bgpio_update_fn fn, void *ctx);
/* Write queued bytes as far as the socket takes them; -1 once closed. */
int bgpio_output(struct bgpio *s);
/*
 * Timers at now_ms: queue a KEEPALIVE when nothing was sent for the
 * keepalive interval, close with Hold Timer Expired when nothing was
 * received for the hold time. Returns 0, or -1 once closed.
 */
int bgpio_tick(struct bgpio *s, uint64_t now_ms);

/* Append a complete message to the send queue. */
void bgpio_queue(struct bgpio *s, const uint8_t *msg, size_t len);
/* Bytes queued but not yet written. */
size_t bgpio_pending(const struct bgpio *s);
/*
 * Queue a NOTIFICATION (code, subcode, no data), try to write it, and
 * close with reason why.
 */
void bgpio_notify_close(struct bgpio *s, uint8_t code, uint8_t subcode,
    const char *why);
/* Close the descriptor; s->why receives why unless already set. */
void bgpio_close(struct bgpio *s, const char *why);

/* Largest message the session may send (4096 or 65535). */
size_t bgpio_max_msg(const struct bgpio *s);

#endif
