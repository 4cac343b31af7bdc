/*
 * Tests for bgpd/session.c without a network: a session gets one end of a
 * socketpair as its accepted connection and a real libevent base; the test
 * plays the peer on the other end (OPEN, KEEPALIVE, UPDATE, ROUTE-REFRESH)
 * and checks state, callbacks and the bytes the session writes. Each loop
 * run is bounded by a timeout event, so a missing reaction fails fast.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cmocka.h>
#include <event2/event.h>

#include "bgpd/session.h"
#include "bgpd/wire_notify.h"
#include "bgpd/wire_open.h"
#include "lib/wr.h"

struct fx {
	struct event_base *eb;
	struct session *s;
	int peer;		/* the test's end of the socketpair */
	int ups, downs, updates, refreshes, drains;
	enum wire_verdict last_v;
	struct session_down down;
	size_t last_nlri;
	int want;		/* updates to wait for */
	bool peer_gr;		/* the peer's OPEN offers GR with N */
};

static void
cb_up(void *ctx, struct session *s)
{
	(void)s;
	((struct fx *)ctx)->ups++;
}

static void
cb_down(void *ctx, struct session *s, const struct session_down *d)
{
	struct fx *f = ctx;

	(void)s;
	f->downs++;
	f->down = *d;
}

static void
cb_update(void *ctx, struct session *s, struct wire_update *u,
    enum wire_verdict v, const struct wire_err *err)
{
	struct fx *f = ctx;

	(void)s;
	(void)err;
	f->updates++;
	f->last_v = v;
	f->last_nlri = u->nlri.n;
}

static void
cb_refresh(void *ctx, struct session *s, const struct wire_refresh *rr)
{
	(void)s;
	(void)rr;
	((struct fx *)ctx)->refreshes++;
}

static void
cb_drain(void *ctx, struct session *s)
{
	(void)s;
	((struct fx *)ctx)->drains++;
}

static void
stop_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	event_base_loopbreak(arg);
}

/* Run the loop until cond holds or 2 s pass; returns cond. */
static bool
run_until(struct fx *f, bool (*cond)(struct fx *))
{
	struct event *t = evtimer_new(f->eb, stop_cb, f->eb);
	struct timeval tv = { 2, 0 };
	bool done;

	evtimer_add(t, &tv);
	while (!(done = cond(f)) && evtimer_pending(t, NULL))
		event_base_loop(f->eb, EVLOOP_ONCE);
	event_free(t);
	return done;
}

static bool
is_established(struct fx *f)
{
	return session_state(f->s) == FSM_ESTABLISHED;
}

static bool
has_updates(struct fx *f)
{
	return f->updates >= f->want;
}

static bool
is_idle(struct fx *f)
{
	return session_state(f->s) == FSM_IDLE;
}

/* Read one whole message from the peer end (blocking, bounded by 2 s). */
static size_t
peer_read(struct fx *f, uint8_t *buf, size_t cap)
{
	struct timeval tv = { 2, 0 };
	size_t have = 0, need = WIRE_HDR_LEN;
	ssize_t n;

	setsockopt(f->peer, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (have < need) {
		/* Let the session write what it queued. */
		event_base_loop(f->eb, EVLOOP_NONBLOCK);
		n = read(f->peer, buf + have, need - have);
		if (n <= 0)
			return 0;
		have += (size_t)n;
		if (have == WIRE_HDR_LEN) {
			need = (size_t)buf[16] << 8 | buf[17];
			assert_true(need <= cap);
		}
	}
	return have;
}

static void
peer_write(struct fx *f, const uint8_t *m, size_t n)
{
	assert_int_equal(write(f->peer, m, n), (ssize_t)n);
}

static void
peer_open(struct fx *f, uint16_t hold, bool rr)
{
	struct wire_open o;
	uint8_t buf[512];
	struct wr w;

	wire_open_init(&o, 65001, hold, 0x0a000002);
	wire_caps_add_mp(&o.caps, AFI_IPV4, SAFI_UNICAST);
	if (rr)
		wire_caps_set_flag(&o.caps, WIRE_CAPF_RR);
	if (f->peer_gr) {
		wire_caps_set_gr(&o.caps, WIRE_GR_N, 90);
		wire_caps_add_gr(&o.caps, AFI_IPV4, SAFI_UNICAST, WIRE_GR_AF_F);
	}
	wr_init(&w, buf, sizeof(buf));
	wire_open_encode(&w, &o);
	assert_true(wr_ok(&w));
	peer_write(f, buf, wr_len(&w));
}

static const uint8_t keepalive[19] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 19, 4 };

/* mode 0: plain; 1: graceful restart configured; 2: and restarting. */
static int
setup_mode(void **state, int mode)
{
	const struct session_cbs cb = { .up = cb_up, .down = cb_down,
	    .update = cb_update, .refresh = cb_refresh, .drain = cb_drain };
	struct session_conf c;
	struct session_cbs cbs = cb;
	struct fx *f = calloc(1, sizeof(*f));
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	f->eb = event_base_new();
	memset(&c, 0, sizeof(c));
	strcpy(c.name, "test");
	c.peer.afi = AFI_IPV4;
	c.local_as = 64512;
	c.local_id = 0x0a000001;
	c.peer_as = 65001;
	c.hold = 90;
	c.keepalive = 30;
	c.connect_retry = 5;
	c.passive = true;
	c.afs = WIRE_AF_IPV4_UNICAST;
	c.gr = mode > 0;
	c.gr_time = 120;
	cbs.ctx = f;
	f->s = session_new(f->eb, &c, &cbs);
	f->peer_gr = mode > 0;
	if (mode == 2)
		session_set_restarting(f->s, true);
	session_start(f->s);
	assert_int_equal(session_state(f->s), FSM_ACTIVE);
	assert_int_equal(session_accept(f->s, sv[0]), 0);
	f->peer = sv[1];
	*state = f;
	return 0;
}

static int
setup(void **state)
{
	return setup_mode(state, 0);
}

static int
setup_gr(void **state)
{
	return setup_mode(state, 1);
}

static int
setup_restarting(void **state)
{
	return setup_mode(state, 2);
}

static int
teardown(void **state)
{
	struct fx *f = *state;

	session_free(f->s);
	close(f->peer);
	event_base_free(f->eb);
	free(f);
	return 0;
}

/* OPEN / KEEPALIVE exchange; hold = min(90, 30), keepalive = 10. */
static void
establish(struct fx *f, uint16_t hold)
{
	uint8_t buf[4096];
	struct wire_open o;
	struct wire_err err;
	size_t n;

	n = peer_read(f, buf, sizeof(buf));
	assert_true(n > WIRE_HDR_LEN);
	assert_int_equal(buf[18], WIRE_OPEN);
	assert_int_equal(wire_open_decode(buf + WIRE_HDR_LEN,
	    n - WIRE_HDR_LEN, &o, &err), WIRE_OK);
	assert_int_equal(o.my_as, 64512);
	assert_int_equal(o.hold, 90);
	assert_true(o.caps.has & WIRE_CAPF_RR);
	assert_true(o.caps.has & WIRE_CAPF_AS4);
	peer_open(f, hold, true);
	n = peer_read(f, buf, sizeof(buf));
	assert_int_equal(n, 19);
	assert_memory_equal(buf, keepalive, 19);
	peer_write(f, keepalive, sizeof(keepalive));
	assert_true(run_until(f, is_established));
	assert_int_equal(f->ups, 1);
	assert_int_equal(session_nego(f->s)->hold, hold < 90 ? hold : 90);
}

/* 10.9.0.0/16, ORIGIN IGP, AS_PATH 65001, NEXT_HOP 10.0.0.2. */
static const uint8_t upd_ok[] = {
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0, 46, 2, 0, 0, 0, 20,
	0x40, 1, 1, 0,
	0x40, 2, 6, 2, 1, 0, 0, 0xfd, 0xe9,
	0x40, 3, 4, 10, 0, 0, 2,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };

static size_t
upd_build(uint8_t *buf, uint8_t origin, uint8_t plen)
{
	size_t n = 23 + 20;

	memcpy(buf, upd_ok, n);
	buf[26] = origin;
	buf[n++] = plen;
	buf[n++] = 10;
	buf[n++] = 9;
	if (plen > 16) {
		buf[n++] = 0;
		buf[n++] = 0;
	}
	buf[16] = 0;
	buf[17] = (uint8_t)n;
	return n;
}

static void
test_establish_and_update(void **state)
{
	struct fx *f = *state;
	uint8_t buf[128];
	size_t n;

	establish(f, 30);
	n = upd_build(buf, 0, 16);
	peer_write(f, buf, n);
	f->want = 1;
	assert_true(run_until(f, has_updates));
	assert_int_equal(f->last_v, WIRE_OK);
	assert_int_equal(f->last_nlri, 1);
	/* RFC 7606 7.1: bad ORIGIN value is treat-as-withdraw. */
	n = upd_build(buf, 5, 16);
	peer_write(f, buf, n);
	f->want = 2;
	assert_true(run_until(f, has_updates));
	assert_int_equal(f->last_v, WIRE_WITHDRAW);
	assert_int_equal(session_state(f->s), FSM_ESTABLISHED);
}

/* Prefix length 33: NOTIFICATION 3/10, connection closed, Idle. */
static void
test_bad_nlri_resets(void **state)
{
	static const uint8_t want[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0, 21, 3, 3, 10 };
	struct fx *f = *state;
	uint8_t buf[128];
	size_t n;

	establish(f, 90);
	n = upd_build(buf, 0, 33);
	peer_write(f, buf, n);
	assert_true(run_until(f, is_idle));
	assert_int_equal(f->updates, 0);
	assert_int_equal(f->downs, 1);
	assert_true(f->down.sent);
	assert_int_equal(f->down.code, 3);
	assert_int_equal(f->down.subcode, 10);
	n = peer_read(f, buf, sizeof(buf));
	assert_int_equal(n, sizeof(want));
	assert_memory_equal(buf, want, sizeof(want));
	assert_int_equal(read(f->peer, buf, sizeof(buf)), 0);
}

/* session_stop: Cease/2 with the RFC 9003 text, then Idle for good. */
static void
test_stop_sends_cease(void **state)
{
	static const char text[] = "bye";
	struct fx *f = *state;
	uint8_t data[8], buf[128];
	struct wr w;
	size_t n;

	establish(f, 90);
	wr_init(&w, data, sizeof(data));
	wire_notify_shutdown_data(&w, text);
	session_stop(f->s, WIRE_CEASE_ADMIN_SHUTDOWN, data, wr_len(&w), 0);
	assert_int_equal(session_state(f->s), FSM_IDLE);
	assert_int_equal(f->downs, 1);
	n = peer_read(f, buf, sizeof(buf));
	assert_int_equal(n, 19 + 2 + 1 + 3);
	assert_int_equal(buf[18], WIRE_NOTIFICATION);
	assert_int_equal(buf[19], 6);
	assert_int_equal(buf[20], 2);
	assert_int_equal(buf[21], 3);
	assert_memory_equal(buf + 22, text, 3);
	/* Stopped by the operator: no automatic restart, accepts refused. */
	assert_int_equal(session_accept(f->s, dup(f->peer)), -1);
}

/* ROUTE-REFRESH reaches the caller; a KEEPALIVE keeps the session. */
static void
test_refresh_and_second_connection(void **state)
{
	static const uint8_t rr[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0, 23, 5, 0, 1, 0, 1 };
	struct fx *f = *state;
	int sv[2];

	establish(f, 90);
	peer_write(f, rr, sizeof(rr));
	peer_write(f, keepalive, sizeof(keepalive));
	event_base_loop(f->eb, EVLOOP_NONBLOCK);
	assert_int_equal(f->refreshes, 1);
	assert_int_equal(session_stats(f->s)->in[WIRE_KEEPALIVE], 2);
	/* RFC 4271 6.8: a new connection while Established (no GR) goes. */
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(session_accept(f->s, sv[0]), -1);
	assert_int_equal(session_state(f->s), FSM_ESTABLISHED);
	close(sv[1]);
}

/* The peer closes the connection: down with gr_keep only if GR. */
static void
test_peer_close(void **state)
{
	struct fx *f = *state;

	establish(f, 90);
	shutdown(f->peer, SHUT_RDWR);
	assert_true(run_until(f, is_idle));
	assert_int_equal(f->downs, 1);
	assert_false(f->down.gr_keep);
	assert_int_equal(session_stats(f->s)->dropped, 1);
}

/* Read one message from fd (bounded); returns its length or 0. */
static size_t
fd_read_msg(struct fx *f, int fd, uint8_t *buf, size_t cap)
{
	int saved = f->peer;
	size_t n;

	f->peer = fd;
	n = peer_read(f, buf, cap);
	f->peer = saved;
	return n;
}

/*
 * RFC 4271 6.8: a second connection while the first is in OpenSent gets its
 * own FSM; when the peer's OPEN arrives on it, one of the two is closed with
 * Cease/7 and the session continues on the other.
 */
static void
test_collision(void **state)
{
	struct fx *f = *state;
	uint8_t buf[4096];
	int sv[2], keep, lose;
	size_t n;

	n = peer_read(f, buf, sizeof(buf));
	assert_int_equal(buf[18], WIRE_OPEN);
	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
	assert_int_equal(session_accept(f->s, sv[0]), 0);
	n = fd_read_msg(f, sv[1], buf, sizeof(buf));
	assert_true(n > WIRE_HDR_LEN);
	assert_int_equal(buf[18], WIRE_OPEN);
	/* The peer answers on the second connection. */
	keep = f->peer;
	f->peer = sv[1];
	peer_open(f, 90, true);
	f->peer = keep;
	event_base_loop(f->eb, EVLOOP_NONBLOCK);
	/* Exactly one connection now carries Cease/7, the other a KEEPALIVE. */
	n = fd_read_msg(f, sv[1], buf, sizeof(buf));
	if (n == 19) {
		keep = sv[1];
		lose = f->peer;
	} else {
		keep = f->peer;
		lose = sv[1];
	}
	n = fd_read_msg(f, lose, buf, sizeof(buf));
	assert_int_equal(n, 21);
	assert_int_equal(buf[18], WIRE_NOTIFICATION);
	assert_int_equal(buf[19], WIRE_ERR_CEASE);
	assert_int_equal(buf[20], 7);
	if (keep == f->peer) {
		/* The first connection survived: it still needs the OPEN. */
		peer_open(f, 90, true);
		n = peer_read(f, buf, sizeof(buf));
		assert_int_equal(n, 19);
	}
	f->peer = keep;
	peer_write(f, keepalive, sizeof(keepalive));
	assert_true(run_until(f, is_established));
	assert_int_equal(f->ups, 1);
	close(lose);
}

static bool
has_drained(struct fx *f)
{
	uint8_t buf[65536];
	ssize_t n;

	/* The peer reads slowly: a bounded chunk per loop turn. */
	n = recv(f->peer, buf, sizeof(buf), MSG_DONTWAIT);
	(void)n;
	return f->drains > 0;
}

/*
 * Back-pressure: a producer stops once the output buffer passes the high
 * water mark, and the drain callback fires when the peer has read it down.
 */
static void
test_backpressure(void **state)
{
	struct fx *f = *state;
	uint8_t msg[4096];
	int i;

	establish(f, 90);
	memset(msg, 0xff, 16);
	msg[16] = 0x10;
	msg[17] = 0x00;
	msg[18] = WIRE_KEEPALIVE;
	memset(msg + 19, 0, sizeof(msg) - 19);
	for (i = 0; i < 1000 && session_is_writable(f->s); i++)
		assert_int_equal(session_send(f->s, msg, sizeof(msg)), 0);
	assert_false(session_is_writable(f->s));
	assert_true(session_out_pending(f->s) >= SESSION_OUT_HIWAT);
	assert_int_equal(f->drains, 0);
	assert_true(run_until(f, has_drained));
	assert_true(session_out_pending(f->s) <= SESSION_OUT_LOWAT);
	assert_true(session_is_writable(f->s));
}

/*
 * RFC 4724 3, 4.1 and RFC 8538 2: restarting, our OPEN carries R and N,
 * the restart time and every offered family with F = 0 (no FIB).
 */
static void
test_gr_open_restarting(void **state)
{
	struct fx *f = *state;
	uint8_t buf[4096];
	struct wire_open o;
	struct wire_err err;
	size_t n;

	n = peer_read(f, buf, sizeof(buf));
	assert_true(n > WIRE_HDR_LEN);
	assert_int_equal(wire_open_decode(buf + WIRE_HDR_LEN,
	    n - WIRE_HDR_LEN, &o, &err), WIRE_OK);
	assert_true(o.caps.has & WIRE_CAPF_GR);
	assert_int_equal(o.caps.gr_flags, WIRE_GR_R | WIRE_GR_N);
	assert_int_equal(o.caps.gr_time, 120);
	assert_int_equal(o.caps.n_gr, 1);
	assert_int_equal(o.caps.gr[0].afi, AFI_IPV4);
	assert_int_equal(o.caps.gr[0].safi, SAFI_UNICAST);
	assert_int_equal(o.caps.gr[0].flags & WIRE_GR_AF_F, 0);
	/* Restart over: the next OPEN has no R bit. */
	session_set_restarting(f->s, false);
	session_stop(f->s, WIRE_CEASE_ADMIN_RESET, NULL, 0, 0);
	session_start(f->s);
	close(f->peer);
	{
		int sv[2];

		assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
		assert_int_equal(session_accept(f->s, sv[0]), 0);
		f->peer = sv[1];
	}
	n = peer_read(f, buf, sizeof(buf));
	assert_int_equal(wire_open_decode(buf + WIRE_HDR_LEN,
	    n - WIRE_HDR_LEN, &o, &err), WIRE_OK);
	assert_int_equal(o.caps.gr_flags, WIRE_GR_N);
}

/* RFC 8538 3, 5: with N, Cease/2 goes inside a Hard Reset (6/9). */
static void
test_gr_hard_reset(void **state)
{
	static const char text[] = "bye";
	struct fx *f = *state;
	uint8_t data[8], buf[128];
	struct wr w;
	size_t n;

	establish(f, 90);
	assert_true(session_nego(f->s)->gr_notification);
	wr_init(&w, data, sizeof(data));
	wire_notify_shutdown_data(&w, text);
	session_stop(f->s, WIRE_CEASE_ADMIN_SHUTDOWN, data, wr_len(&w), 0);
	assert_int_equal(f->downs, 1);
	assert_false(f->down.gr_keep);
	assert_int_equal(f->down.subcode, WIRE_CEASE_HARD_RESET);
	n = peer_read(f, buf, sizeof(buf));
	assert_int_equal(n, 19 + 2 + 2 + 1 + 3);
	assert_int_equal(buf[19], 6);
	assert_int_equal(buf[20], 9);
	assert_int_equal(buf[21], 6);
	assert_int_equal(buf[22], 2);
	assert_int_equal(buf[23], 3);
	assert_memory_equal(buf + 24, text, 3);
}

/* RFC 8538 4: other NOTIFICATIONs (here Cease/6) are not wrapped. */
static void
test_gr_soft_cease(void **state)
{
	struct fx *f = *state;
	uint8_t buf[128];
	size_t n;

	establish(f, 90);
	session_stop(f->s, WIRE_CEASE_CONFIG_CHANGE, NULL, 0, 0);
	assert_true(f->down.gr_keep);
	n = peer_read(f, buf, sizeof(buf));
	assert_int_equal(n, 21);
	assert_int_equal(buf[20], WIRE_CEASE_CONFIG_CHANGE);
}

/* RFC 4724 4: the graceful stop closes without any NOTIFICATION. */
static void
test_gr_graceful_stop(void **state)
{
	struct fx *f = *state;
	uint8_t buf[128];

	establish(f, 90);
	session_stop_graceful(f->s);
	assert_int_equal(session_state(f->s), FSM_IDLE);
	assert_int_equal(f->downs, 1);
	assert_int_equal(session_stats(f->s)->out[WIRE_NOTIFICATION], 0);
	event_base_loop(f->eb, EVLOOP_NONBLOCK);
	assert_int_equal(read(f->peer, buf, sizeof(buf)), 0);
	assert_int_equal(session_accept(f->s, dup(f->peer)), -1);
}

/* End-of-RIB (RFC 4724 2) from the peer is recorded per family. */
static void
test_gr_eor_received(void **state)
{
	static const uint8_t eor[] = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0, 23, 2, 0, 0, 0, 0 };
	struct fx *f = *state;

	establish(f, 90);
	assert_int_equal(session_eor_received(f->s), 0);
	peer_write(f, eor, sizeof(eor));
	f->want = 1;
	assert_true(run_until(f, has_updates));
	assert_int_equal(session_eor_received(f->s), WIRE_AF_IPV4_UNICAST);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_establish_and_update,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_nlri_resets,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_stop_sends_cease,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_refresh_and_second_connection, setup, teardown),
		cmocka_unit_test_setup_teardown(test_gr_open_restarting,
		    setup_restarting, teardown),
		cmocka_unit_test_setup_teardown(test_gr_hard_reset,
		    setup_gr, teardown),
		cmocka_unit_test_setup_teardown(test_gr_soft_cease,
		    setup_gr, teardown),
		cmocka_unit_test_setup_teardown(test_gr_graceful_stop,
		    setup_gr, teardown),
		cmocka_unit_test_setup_teardown(test_gr_eor_received,
		    setup_gr, teardown),
		cmocka_unit_test_setup_teardown(test_peer_close,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_collision,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_backpressure,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
