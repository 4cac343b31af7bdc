/*
 * BGP session endpoint for the test-bed tools; see tools/bgpio.h. Both sides
 * send their OPEN as soon as the connection exists (RFC 4271 8.2.2,
 * Connect/Active -> OpenSent), negotiate with wire_nego_open(), confirm with
 * a KEEPALIVE and are Established on the peer's KEEPALIVE.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "bgpd/sock.h"
#include "bgpd/wire_frame.h"
#include "bgpd/wire_notify.h"
#include "bgpd/wire_refresh.h"
#include "lib/wr.h"
#include "lib/xmalloc.h"
#include "tools/bgpio.h"

#define BGPIO_RBUF (256u * 1024u)
#define BGPIO_WBUF (256u * 1024u)

uint64_t
bgpio_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

static void
open_build(struct bgpio *s)
{
	uint16_t afi;
	uint8_t safi;
	uint32_t bit;

	wire_open_init(&s->sent, s->conf.as, s->conf.hold, s->conf.id);
	for (afi = AFI_IPV4; afi <= AFI_IPV6; afi++)
		for (safi = SAFI_UNICAST; safi <= SAFI_MULTICAST; safi++) {
			bit = wire_af_bit(afi, safi);
			if (s->conf.afs & bit)
				wire_caps_add_mp(&s->sent.caps, afi, safi);
		}
	wire_caps_set_flag(&s->sent.caps, WIRE_CAPF_RR);
	if (s->conf.ext_msg)
		wire_caps_set_flag(&s->sent.caps, WIRE_CAPF_EXT_MSG);
}

static void
open_send(struct bgpio *s)
{
	uint8_t buf[WIRE_MAX_LEN];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wire_open_encode(&w, &s->sent);
	if (wr_ok(&w))
		bgpio_queue(s, buf, wr_len(&w));
	s->state = BGPIO_OPENSENT;
}

static void
keepalive_send(struct bgpio *s)
{
	uint8_t buf[WIRE_HDR_LEN];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wire_keepalive_encode(&w);
	bgpio_queue(s, buf, wr_len(&w));
}

void
bgpio_init(struct bgpio *s, int fd, bool connecting,
    const struct bgpio_conf *conf)
{
	memset(s, 0, sizeof(*s));
	s->fd = fd;
	s->conf = *conf;
	s->rcap = BGPIO_RBUF;
	s->rbuf = xmalloc(s->rcap);
	s->wcap = BGPIO_WBUF;
	s->wbuf = xmalloc(s->wcap);
	s->last_rx_ms = s->last_tx_ms = bgpio_now_ms();
	sock_local_addr(fd, &s->local, NULL);
	open_build(s);
	if (connecting)
		s->state = BGPIO_CONNECT;
	else {
		sock_remote_addr(fd, &s->remote, &s->remote_port);
		open_send(s);
	}
}

void
bgpio_fini(struct bgpio *s)
{
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	free(s->rbuf);
	free(s->wbuf);
	s->rbuf = s->wbuf = NULL;
}

void
bgpio_close(struct bgpio *s, const char *why)
{
	if (s->state != BGPIO_CLOSED && why && !s->why[0])
		snprintf(s->why, sizeof(s->why), "%s", why);
	if (s->fd >= 0)
		close(s->fd);
	s->fd = -1;
	s->state = BGPIO_CLOSED;
}

short
bgpio_events(const struct bgpio *s)
{
	if (s->state == BGPIO_CLOSED)
		return 0;
	if (s->state == BGPIO_CONNECT)
		return POLLOUT;
	return (short)(POLLIN | (bgpio_pending(s) ? POLLOUT : 0));
}

size_t
bgpio_pending(const struct bgpio *s)
{
	return s->wlen - s->woff;
}

size_t
bgpio_max_msg(const struct bgpio *s)
{
	return s->nego.caps.ext_msg ? WIRE_MAX_LEN_EXT : WIRE_MAX_LEN;
}

void
bgpio_queue(struct bgpio *s, const uint8_t *msg, size_t len)
{
	if (s->woff > 0 && s->woff == s->wlen)
		s->woff = s->wlen = 0;
	if (s->wlen + len > s->wcap && s->woff > 0) {
		memmove(s->wbuf, s->wbuf + s->woff, s->wlen - s->woff);
		s->wlen -= s->woff;
		s->woff = 0;
	}
	while (s->wlen + len > s->wcap) {
		s->wcap *= 2;
		s->wbuf = xrealloc(s->wbuf, s->wcap);
	}
	memcpy(s->wbuf + s->wlen, msg, len);
	s->wlen += len;
	s->msgs_tx++;
}

static int frames_handle(struct bgpio *s, bgpio_update_fn fn, void *ctx);

/*
 * The peer stopped taking data; it may have said why first: read what is
 * left and keep its NOTIFICATION's text if there is one.
 */
static void
write_failed(struct bgpio *s, int err)
{
	ssize_t n;

	while (s->state != BGPIO_CLOSED && s->rlen < s->rcap &&
	    (n = read(s->fd, s->rbuf + s->rlen, s->rcap - s->rlen)) > 0) {
		s->rlen += (size_t)n;
		frames_handle(s, NULL, NULL);
	}
	if (s->state == BGPIO_CLOSED)
		return;
	snprintf(s->why, sizeof(s->why), "write: %s", strerror(err));
	bgpio_close(s, NULL);
}

int
bgpio_output(struct bgpio *s)
{
	ssize_t n;

	if (s->state == BGPIO_CLOSED)
		return -1;
	if (s->state == BGPIO_CONNECT) {
		if (sock_connect_check(s->fd) < 0) {
			if (errno == EINPROGRESS)
				return 0;
			snprintf(s->why, sizeof(s->why), "connect: %s",
			    strerror(errno));
			bgpio_close(s, NULL);
			return -1;
		}
		sock_local_addr(s->fd, &s->local, NULL);
		sock_remote_addr(s->fd, &s->remote, &s->remote_port);
		open_send(s);
	}
	while (bgpio_pending(s) > 0) {
		n = send(s->fd, s->wbuf + s->woff, bgpio_pending(s),
		    MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			break;
		if (n <= 0) {
			write_failed(s, n < 0 ? errno : EPIPE);
			return -1;
		}
		s->woff += (size_t)n;
		s->bytes_tx += (uint64_t)n;
		s->last_tx_ms = bgpio_now_ms();
	}
	return 0;
}

void
bgpio_notify_close(struct bgpio *s, uint8_t code, uint8_t subcode,
    const char *why)
{
	struct wire_err err;
	uint8_t buf[WIRE_HDR_LEN + 2 + WIRE_ERR_DATA_MAX];
	struct wr w;

	if (s->state == BGPIO_CLOSED)
		return;
	memset(&err, 0, sizeof(err));
	err.code = code;
	err.subcode = subcode;
	wr_init(&w, buf, sizeof(buf));
	wire_notify_encode_err(&w, &err);
	if (wr_ok(&w))
		bgpio_queue(s, buf, wr_len(&w));
	bgpio_output(s);
	bgpio_close(s, why);
}

/* The peer's OPEN: decode, negotiate, confirm with a KEEPALIVE. */
static int
open_recv(struct bgpio *s, const struct wire_frame *f)
{
	struct wire_nego_conf nc;
	struct wire_err err;
	uint8_t buf[WIRE_HDR_LEN + 2 + WIRE_ERR_DATA_MAX];
	struct wr w;
	char why[200];

	memset(&err, 0, sizeof(err));
	memset(&nc, 0, sizeof(nc));
	nc.local_as = s->conf.as;
	nc.local_id = s->conf.id;
	nc.peer_as = s->conf.peer_as;
	if (wire_open_decode(f->body, f->body_len, &s->rcvd, &err) != WIRE_OK ||
	    wire_nego_open(&s->sent, &s->rcvd, &nc, &s->nego, &err) !=
	    WIRE_OK) {
		snprintf(why, sizeof(why), "refused the peer's OPEN: %s",
		    err.reason ? err.reason : "?");
		wr_init(&w, buf, sizeof(buf));
		wire_notify_encode_err(&w, &err);
		if (wr_ok(&w))
			bgpio_queue(s, buf, wr_len(&w));
		bgpio_output(s);
		bgpio_close(s, why);
		return -1;
	}
	keepalive_send(s);
	s->state = BGPIO_OPENCONFIRM;
	return 0;
}

static int
notify_recv(struct bgpio *s, const struct wire_frame *f)
{
	struct wire_notify n;
	struct wire_err err;
	char text[200];

	if (wire_notify_decode(f->body, f->body_len, &n, &err) != WIRE_OK)
		snprintf(text, sizeof(text), "malformed NOTIFICATION");
	else
		wire_notify_print(&n, text, sizeof(text));
	snprintf(s->why, sizeof(s->why), "peer sent NOTIFICATION: %s", text);
	s->peer_notified = true;
	bgpio_close(s, NULL);
	return -1;
}

/*
 * A ROUTE-REFRESH in Established: count a normal request for a negotiated
 * family; BoRR/EoRR, unknown subtypes and other families are ignored
 * (RFC 2918 4, RFC 7313 5); a bad length resets the session.
 */
static int
refresh_recv(struct bgpio *s, const struct wire_frame *f)
{
	struct wire_refresh rr;
	struct wire_err err;
	uint8_t buf[WIRE_MAX_LEN];
	struct wr w;

	memset(&err, 0, sizeof(err));
	if (wire_refresh_decode(f->body, f->body_len, &s->nego.caps, &rr,
	    &err) != WIRE_OK) {
		wr_init(&w, buf, sizeof(buf));
		wire_refresh_encode_len_err(&w, f->body, f->body_len);
		if (wr_ok(&w))
			bgpio_queue(s, buf, wr_len(&w));
		bgpio_output(s);
		bgpio_close(s, "malformed ROUTE-REFRESH");
		return -1;
	}
	if (rr.ignore || rr.subtype != WIRE_RR_NORMAL)
		return 0;
	s->refresh_rx++;
	s->refresh_afs |= wire_af_bit(rr.afi, rr.safi);
	return 0;
}

/* One complete message f in the current state. */
static int
msg_handle(struct bgpio *s, const struct wire_frame *f, bgpio_update_fn fn,
    void *ctx)
{
	s->msgs_rx++;
	if (f->type == WIRE_NOTIFICATION)
		return notify_recv(s, f);
	switch (s->state) {
	case BGPIO_OPENSENT:
		if (f->type == WIRE_OPEN)
			return open_recv(s, f);
		break;
	case BGPIO_OPENCONFIRM:
		if (f->type == WIRE_KEEPALIVE) {
			s->state = BGPIO_ESTABLISHED;
			s->up_ms = bgpio_now_ms();
			return 0;
		}
		break;
	case BGPIO_ESTABLISHED:
		if (f->type == WIRE_KEEPALIVE)
			return 0;
		if (f->type == WIRE_ROUTE_REFRESH)
			return refresh_recv(s, f);
		if (f->type == WIRE_UPDATE) {
			s->updates_rx++;
			return fn ? fn(ctx, f->body, f->body_len) : 0;
		}
		break;
	default:
		break;
	}
	bgpio_notify_close(s, WIRE_ERR_FSM, 0,
	    "unexpected message type for the session state");
	return -1;
}

/* Handle every complete message in rbuf and keep the partial tail. */
static int
frames_handle(struct bgpio *s, bgpio_update_fn fn, void *ctx)
{
	struct wire_frame f;
	struct wire_err err;
	enum wire_frame_status st;
	size_t off = 0, max;

	for (;;) {
		max = s->state == BGPIO_ESTABLISHED ? bgpio_max_msg(s) :
		    WIRE_MAX_LEN;
		st = wire_frame_next(s->rbuf + off, s->rlen - off, max, &f,
		    &err);
		if (st == WIRE_FRAME_MORE)
			break;
		if (st == WIRE_FRAME_ERROR) {
			bgpio_notify_close(s, err.code, err.subcode, err.reason);
			return -1;
		}
		if (msg_handle(s, &f, fn, ctx) < 0 ||
		    s->state == BGPIO_CLOSED)
			return -1;
		off += f.len;
	}
	memmove(s->rbuf, s->rbuf + off, s->rlen - off);
	s->rlen -= off;
	return 0;
}

int
bgpio_input(struct bgpio *s, bgpio_update_fn fn, void *ctx)
{
	ssize_t n;
	int rounds;

	/* Few reads per call, so that one busy session cannot starve others. */
	for (rounds = 0; rounds < 2; rounds++) {
		if (s->state == BGPIO_CLOSED || s->state == BGPIO_CONNECT)
			return s->state == BGPIO_CLOSED ? -1 : 0;
		n = read(s->fd, s->rbuf + s->rlen, s->rcap - s->rlen);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n <= 0) {
			snprintf(s->why, sizeof(s->why), "%s",
			    n < 0 ? strerror(errno) : "connection closed by "
			    "the peer");
			bgpio_close(s, NULL);
			return -1;
		}
		s->rlen += (size_t)n;
		s->last_rx_ms = bgpio_now_ms();
		if (frames_handle(s, fn, ctx) < 0)
			return -1;
	}
	return 0;
}

int
bgpio_tick(struct bgpio *s, uint64_t now_ms)
{
	uint64_t hold_ms, ka_ms;

	if (s->state == BGPIO_CLOSED)
		return -1;
	if (s->state == BGPIO_CONNECT)
		return 0;
	hold_ms = s->state == BGPIO_ESTABLISHED ? s->nego.hold * 1000u :
	    240000u;		/* large hold timer in OpenSent (8.2.2) */
	if (s->state == BGPIO_OPENCONFIRM)
		hold_ms = s->nego.hold * 1000u;
	if (hold_ms && now_ms > s->last_rx_ms + hold_ms) {
		bgpio_notify_close(s, WIRE_ERR_HOLD, 0, "hold timer expired");
		return -1;
	}
	ka_ms = s->nego.keepalive * 1000u;
	if (s->state >= BGPIO_OPENCONFIRM && ka_ms &&
	    now_ms >= s->last_tx_ms + ka_ms && bgpio_pending(s) == 0) {
		keepalive_send(s);
		s->last_tx_ms = now_ms;
	}
	return 0;
}
