/*
 * BGP session on libevent (see session.h): connection setup (active and
 * passive, TCP MD5, TTL / GTSM, source address), the FSM actions of RFC 4271
 * 8.2.2 performed in the order bgpd/fsm.h documents, timers with jitter
 * and backoff, the automatic restart, accepting inbound connections and
 * the output side (OPEN, KEEPALIVE, NOTIFICATION flushed before close).
 * Framing and message dispatch live in bgpd/session_msg.c. Owns its two
 * connection slots, its timers and its decode buffer; knows nothing of the
 * RIB. Logging names the peer through the configured name.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "bgpd/session.h"
#include "bgpd/session_int.h"
#include "bgpd/wire_frame.h"
#include "bgpd/wire_notify.h"
#include "bgpd/wire_open.h"
#include "lib/log.h"
#include "lib/wr.h"
#include "lib/xmalloc.h"



void
session_log(const struct session *s, enum log_level lvl, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	log_msg(lvl, "neighbor %s: %s", s->conf.name, line);
}

static uint32_t
session_rand(struct session *s)
{
	/* xorshift32; jitter needs no cryptographic quality. */
	uint32_t x = s->rnd;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	s->rnd = x;
	return x;
}

static int64_t
now_s(const struct session *s)
{
	struct timeval tv;

	event_base_gettimeofday_cached(s->eb, &tv);
	return tv.tv_sec;
}

static void
timer_arm(struct event *ev, uint32_t ms)
{
	struct timeval tv = { ms / 1000, (ms % 1000) * 1000 };

	if (evtimer_add(ev, &tv) != 0)
		log_error("session: evtimer_add failed");
}

/*
 * RFC 4724 3 / RFC 8538 2: the Graceful Restart capability. Every family
 * we offer is listed, so a helper keeps our routes while we restart
 * (RFC 4724 4.2 retains only the families of the previous capability).
 * The Forwarding State bit stays 0: crossrouted programs no FIB of its
 * own, so it has no forwarding state to preserve. To the helper F = 0
 * means (RFC 4724 4.2) that it removes our stale routes for the family as
 * soon as the new session is up, and learns them again from our UPDATEs
 * before our End-of-RIB. R is set while we restart (4.1, bgpd/gr.c). N is
 * always set: we send Hard Reset where RFC 8538 5 asks for it.
 */
static void
local_open_gr(struct session *s, struct wire_open *o)
{
	uint32_t af;

	wire_caps_set_gr(&o->caps, WIRE_GR_N | (s->restarting ? WIRE_GR_R : 0),
	    s->conf.gr_time);
	for (af = 1; af <= WIRE_AF_IPV6_MULTICAST; af <<= 1) {
		if (!(s->conf.afs & af))
			continue;
		wire_caps_add_gr(&o->caps,
		    af & (WIRE_AF_IPV6_UNICAST | WIRE_AF_IPV6_MULTICAST) ?
		    AFI_IPV6 : AFI_IPV4,
		    af & (WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST) ?
		    SAFI_MULTICAST : SAFI_UNICAST, 0);
	}
}

static void
local_open_build(struct session *s)
{
	struct wire_open *o = &s->local_open;
	uint32_t af;

	wire_open_init(o, s->conf.local_as, s->conf.hold, s->conf.local_id);
	for (af = 1; af <= WIRE_AF_IPV6_MULTICAST; af <<= 1) {
		if (!(s->conf.afs & af))
			continue;
		wire_caps_add_mp(&o->caps,
		    af & (WIRE_AF_IPV6_UNICAST | WIRE_AF_IPV6_MULTICAST) ?
		    AFI_IPV6 : AFI_IPV4,
		    af & (WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST) ?
		    SAFI_MULTICAST : SAFI_UNICAST);
	}
	wire_caps_set_flag(&o->caps, WIRE_CAPF_RR);
	wire_caps_set_flag(&o->caps, WIRE_CAPF_ERR);
	if (s->conf.gr)
		local_open_gr(s, o);
}

static void
conn_timers_new(struct session *s, struct conn *c);
static struct conn *conn_established(const struct session *s);

struct session *
session_new(struct event_base *eb, const struct session_conf *conf,
    const struct session_cbs *cb)
{
	struct session *s = xcalloc(1, sizeof(*s));
	int i;

	s->eb = eb;
	s->conf = *conf;
	s->cb = *cb;
	s->rnd = 0x9e3779b9u ^ conf->local_id ^
	    (uint32_t)conf->peer.a[3] << 8 ^ conf->peer.a[15];
	if (s->rnd == 0)
		s->rnd = 1;
	for (i = 0; i < 2; i++) {
		s->c[i] = xcalloc(1, sizeof(*s->c[i]));
		s->c[i]->s = s;
		s->c[i]->fd = -1;
		conn_timers_new(s, s->c[i]);
	}
	wire_update_init(&s->upd);
	local_open_build(s);
	s->admin_down = true;
	return s;
}

/* Close the socket of c, flushing what the kernel takes at once first. */
static void
conn_close(struct conn *c)
{
	if (c->ev_connect != NULL) {
		event_free(c->ev_connect);
		c->ev_connect = NULL;
	}
	if (c->bev != NULL) {
		struct evbuffer *out = bufferevent_get_output(c->bev);
		evutil_socket_t fd = bufferevent_getfd(c->bev);

		/*
		 * The NOTIFICATION must leave before the close (RFC 4271 6):
		 * one best-effort write of what is queued. The bufferevent
		 * freezes the buffer's start against outside draining.
		 */
		evbuffer_unfreeze(out, 1);
		if (evbuffer_get_length(out) > 0 && evbuffer_write(out, fd) < 0)
			log_debug(LOG_CAT_PACKET, "neighbor %s: last message "
			    "not flushed", c->s->conf.name);
		bufferevent_free(c->bev);
		c->bev = NULL;
	}
	if (c->fd >= 0) {
		close(c->fd);
		c->fd = -1;
	}
	c->gen++;
}

static void
conn_timers_stop(struct conn *c)
{
	evtimer_del(c->t_cr);
	evtimer_del(c->t_hold);
	evtimer_del(c->t_ka);
}

void
session_free(struct session *s)
{
	int i;

	if (s == NULL)
		return;
	for (i = 0; i < 2; i++) {
		conn_close(s->c[i]);
		event_free(s->c[i]->t_cr);
		event_free(s->c[i]->t_hold);
		event_free(s->c[i]->t_ka);
		free(s->c[i]);
	}
	if (s->t_restart != NULL)
		event_free(s->t_restart);
	if (s->t_fail != NULL)
		event_free(s->t_fail);
	wire_update_fini(&s->upd);
	free(s);
}

static void
conn_write(struct conn *c, const uint8_t *msg, size_t len)
{
	if (c->bev == NULL)
		return;
	if (bufferevent_write(c->bev, msg, len) != 0) {
		session_log(c->s, LOG_LVL_ERROR, "cannot queue %zu bytes", len);
		return;
	}
	if (len >= WIRE_HDR_LEN && msg[18] >= 1 && msg[18] <= 5)
		c->s->st.out[msg[18]]++;
}

static void
send_open(struct conn *c)
{
	uint8_t buf[4096];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wire_open_encode(&w, &c->s->local_open);
	if (wr_ok(&w))
		conn_write(c, buf, wr_len(&w));
}

static void
send_keepalive(struct conn *c)
{
	uint8_t buf[WIRE_HDR_LEN];
	struct wr w;

	wr_init(&w, buf, sizeof(buf));
	wire_keepalive_encode(&w);
	conn_write(c, buf, wr_len(&w));
}

void
session_notify_record(struct session *s, const struct wire_notify *n, bool sent)
{
	s->st.last_code = n->code;
	s->st.last_subcode = n->subcode;
	s->st.last_sent = sent;
	wire_notify_print(n, s->st.last_text, sizeof(s->st.last_text));
	session_log(s, n->code == WIRE_ERR_CEASE ? LOG_LVL_INFO : LOG_LVL_ERROR,
	    "NOTIFICATION %s: %s", sent ? "sent" : "received",
	    s->st.last_text);
}

static void
send_notify(struct conn *c, const struct fsm_out *o)
{
	struct session *s = c->s;
	struct wire_notify n = { .code = o->notify_code,
	    .subcode = o->notify_subcode };
	uint8_t buf[WIRE_MAX_LEN], hr[WIRE_MAX_LEN - WIRE_HDR_LEN - 2];
	struct wr w;

	if (o->notify_detail) {
		if (c->err.code != 0)
			n.code = c->err.code;
		n.subcode = c->err.subcode;
		n.data = c->err.data_len ? c->err.data : NULL;
		n.data_len = c->err.data_len;
	} else if (n.code == WIRE_ERR_CEASE && n.subcode == s->stop_subcode &&
	    s->stop_len > 0) {
		n.data = s->stop_data;
		n.data_len = s->stop_len;
	}
	if (c->nego.gr_notification && n.code == WIRE_ERR_CEASE &&
	    n.subcode >= WIRE_CEASE_MAX_PREFIX &&
	    n.subcode <= WIRE_CEASE_ADMIN_RESET) {
		/*
		 * RFC 8538 5: with the N bit these Cease subcodes (max
		 * prefix, shutdown, de-configured, admin reset: we use 4 only
		 * for a hard clear) go inside a Hard Reset (3), which ends
		 * graceful restart; any other NOTIFICATION keeps it (4).
		 */
		wr_init(&w, hr, sizeof(hr));
		wire_notify_hard_reset_data(&w, n.code, n.subcode, n.data,
		    n.data_len);
		if (wr_ok(&w)) {
			n.subcode = WIRE_CEASE_HARD_RESET;
			n.data = hr;
			n.data_len = wr_len(&w);
		}
	}
	wr_init(&w, buf, sizeof(buf));
	wire_notify_encode(&w, &n);
	if (!wr_ok(&w))
		return;
	conn_write(c, buf, wr_len(&w));
	wire_notify_decode(buf + WIRE_HDR_LEN, wr_len(&w) - WIRE_HDR_LEN, &n,
	    &c->err);
	session_notify_record(s, &n, true);
	c->down_code = n.code;
	c->down_sub = n.subcode;
	c->down_sent = true;
	/* RFC 8538 4: only a Hard Reset ends graceful restart with N. */
	c->gr_keep = c->nego.gr_notification &&
	    !(n.code == WIRE_ERR_CEASE && n.subcode == WIRE_CEASE_HARD_RESET);
}

static void
t_cr_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	session_conn_step(arg, FSM_EV_CONNECT_RETRY_EXPIRES);
}

static void
t_hold_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;

	(void)fd;
	(void)what;
	session_log(c->s, LOG_LVL_ERROR, "hold timer expired");
	session_conn_step(c, FSM_EV_HOLD_EXPIRES);
}

static void
t_ka_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	session_conn_step(arg, FSM_EV_KEEPALIVE_EXPIRES);
}

static void
conn_timers_new(struct session *s, struct conn *c)
{
	c->t_cr = evtimer_new(s->eb, t_cr_cb, c);
	c->t_hold = evtimer_new(s->eb, t_hold_cb, c);
	c->t_ka = evtimer_new(s->eb, t_ka_cb, c);
	if (c->t_cr == NULL || c->t_hold == NULL || c->t_ka == NULL) {
		log_error("session: evtimer_new failed");
		abort();
	}
}

static void
sock_opts_fill(const struct session *s, struct sock_opts *o)
{
	memset(o, 0, sizeof(*o));
	if (s->conf.md5_len > 0) {
		o->md5_key = s->conf.md5;
		o->md5_len = s->conf.md5_len;
	}
	o->ttl = s->conf.ttl;
	o->gtsm_hops = s->conf.gtsm ? 1 : 0;
	o->tos = SOCK_TOS_CS6;
	o->nodelay = true;
}

static void
conn_event_cb(struct bufferevent *bev, short what, void *arg)
{
	struct conn *c = arg;

	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR)) {
		session_log(c->s, LOG_LVL_INFO, "connection %s",
		    what & BEV_EVENT_EOF ? "closed by peer" : "failed");
		/* RFC 4724 4.2: a TCP failure keeps a restarting peer's routes. */
		c->gr_keep = true;
		session_conn_step(c, FSM_EV_TCP_FAILS);
	}
}

static void
conn_write_cb(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;
	struct session *s = c->s;

	(void)bev;
	if (c->state == FSM_ESTABLISHED && s->cb.drain != NULL)
		s->cb.drain(s->cb.ctx, s);
}

/* Wrap a connected socket in a bufferevent. Returns 0 or -1. */
static int
conn_attach(struct conn *c, int fd)
{
	struct session *s = c->s;

	c->bev = bufferevent_socket_new(s->eb, fd, BEV_OPT_CLOSE_ON_FREE);
	if (c->bev == NULL) {
		close(fd);
		return -1;
	}
	bufferevent_setcb(c->bev, session_msg_read_cb, conn_write_cb, conn_event_cb,
	    c);
	bufferevent_setwatermark(c->bev, EV_WRITE, SESSION_OUT_LOWAT, 0);
	if (bufferevent_enable(c->bev, EV_READ | EV_WRITE) != 0) {
		bufferevent_free(c->bev);
		c->bev = NULL;
		return -1;
	}
	return 0;
}

static void
connect_done_cb(evutil_socket_t fd, short what, void *arg)
{
	struct conn *c = arg;
	int rc;

	(void)what;
	rc = sock_connect_check(fd);
	if (rc != 0 && errno == EINPROGRESS)
		return;
	event_free(c->ev_connect);
	c->ev_connect = NULL;
	c->fd = -1;
	if (rc != 0) {
		log_debug(LOG_CAT_FSM, "neighbor %s: connect: %s",
		    c->s->conf.name, strerror(errno));
		close(fd);
		c->gr_keep = false;
		session_conn_step(c, FSM_EV_TCP_FAILS);
		return;
	}
	if (conn_attach(c, fd) != 0) {
		session_conn_step(c, FSM_EV_TCP_FAILS);
		return;
	}
	c->dir = FSM_CONN_OUTBOUND;
	session_conn_step(c, FSM_EV_TCP_CR_ACKED);
}

static void
t_fail_cb(evutil_socket_t fd, short what, void *arg)
{
	struct session *s = arg;

	(void)fd;
	(void)what;
	if (s->c[0]->state == FSM_CONNECT && s->c[0]->fd < 0 &&
	    s->c[0]->bev == NULL)
		session_conn_step(s->c[0], FSM_EV_TCP_FAILS);
}

/*
 * FSM_A_CONNECT. A failure before the SYN (no route, source address not
 * configured yet: late interfaces) is delivered as TcpConnectionFails from
 * the loop, never from inside the step that asked for the connection.
 */
static void
conn_connect(struct conn *c)
{
	struct session *s = c->s;
	struct sock_opts o;
	int fd;

	conn_close(c);
	memset(&c->nego, 0, sizeof(c->nego));
	c->eor_in = 0;
	c->gr_keep = false;
	c->down_code = 0;
	sock_opts_fill(s, &o);
	fd = sock_connect(s->conf.local.afi ? &s->conf.local : NULL,
	    &s->conf.peer, s->conf.port, &o);
	if (fd < 0) {
		log_debug(LOG_CAT_FSM, "neighbor %s: connect: %s",
		    s->conf.name, strerror(errno));
		if (s->t_fail == NULL)
			s->t_fail = evtimer_new(s->eb, t_fail_cb, s);
		timer_arm(s->t_fail, 0);
		return;
	}
	c->fd = fd;
	c->dir = FSM_CONN_OUTBOUND;
	c->ev_connect = event_new(s->eb, fd, EV_WRITE | EV_PERSIST,
	    connect_done_cb, c);
	if (c->ev_connect == NULL || event_add(c->ev_connect, NULL) != 0)
		log_error("session: cannot watch connect");
}

static uint32_t
retry_ms(struct session *s)
{
	uint32_t base = (uint32_t)s->conf.connect_retry * 1000u;

	if (base == 0)
		base = FSM_CONNECT_RETRY_S * 1000u;
	return fsm_retry_ms(base, base * 4, s->crc, session_rand(s));
}

static void
conn_timers_start(struct conn *c, uint32_t a)
{
	struct session *s = c->s;

	if (a & FSM_A_CR_START)
		timer_arm(c->t_cr, retry_ms(s));
	if (a & FSM_A_HOLD_LARGE)
		timer_arm(c->t_hold, FSM_HOLD_LARGE_S * 1000u);
	if ((a & FSM_A_HOLD_START) && c->nego.hold > 0)
		timer_arm(c->t_hold, c->nego.hold * 1000u);
	if ((a & FSM_A_KA_START) && c->ka_s > 0)
		timer_arm(c->t_ka, fsm_jitter_ms(c->ka_s * 1000u,
		    session_rand(s)));
}

static void
conn_timers_stop_some(struct conn *c, uint32_t a)
{
	if (a & FSM_A_CR_STOP)
		evtimer_del(c->t_cr);
	if (a & FSM_A_HOLD_STOP)
		evtimer_del(c->t_hold);
	if (a & FSM_A_KA_STOP)
		evtimer_del(c->t_ka);
}

static void session_idle(struct session *s, struct conn *c);

/* Perform the actions of o in the order of bgpd/fsm.h, then move state. */
static void
conn_act(struct conn *c, const struct fsm_out *o)
{
	struct session *s = c->s;
	enum fsm_state old = c->state;
	uint32_t a = o->actions;

	conn_timers_stop_some(c, a);
	if (a & FSM_A_SEND_OPEN)
		send_open(c);
	if (a & FSM_A_SEND_KEEPALIVE)
		send_keepalive(c);
	if (a & FSM_A_SEND_NOTIFY)
		send_notify(c, o);
	if (a & (FSM_A_DROP | FSM_A_RELEASE))
		conn_close(c);
	if (a & FSM_A_CRC_ZERO)
		s->crc = 0;
	if (a & FSM_A_CRC_INC)
		s->crc++;
	conn_timers_start(c, a);
	c->state = o->next;
	if (a & FSM_A_CONNECT)
		conn_connect(c);
	if (old != c->state && (c->state == FSM_ESTABLISHED ||
	    old == FSM_ESTABLISHED))
		session_log(s, LOG_LVL_INFO, "%s -> %s", fsm_state_name(old),
		    fsm_state_name(c->state));
	else if (old != c->state)
		log_debug(LOG_CAT_FSM, "neighbor %s: %s -> %s", s->conf.name,
		    fsm_state_name(old), fsm_state_name(c->state));
	if (old != FSM_ESTABLISHED && c->state == FSM_ESTABLISHED) {
		s->st.established++;
		s->st.up_since = now_s(s);
		if (s->cb.up != NULL)
			s->cb.up(s->cb.ctx, s);
	} else if (old == FSM_ESTABLISHED && c->state != FSM_ESTABLISHED) {
		struct session_down d = { .gr_keep = c->gr_keep && c->nego.gr,
		    .code = c->down_code, .subcode = c->down_sub,
		    .sent = c->down_sent };

		s->st.dropped++;
		s->st.up_since = 0;
		if (s->cb.down != NULL)
			s->cb.down(s->cb.ctx, s, &d);
	}
	if (c->state == FSM_IDLE && old != FSM_IDLE)
		session_idle(s, c);
}

void
session_conn_step(struct conn *c, enum fsm_event ev)
{
	struct session *s = c->s;
	struct fsm_opts o = { .passive = s->conf.passive,
	    .hold_zero = c->nego.hold == 0, .stop_subcode = s->stop_subcode };
	struct fsm_out out;

	out = fsm_step(c->state, ev, &o);
	log_debug(LOG_CAT_FSM, "neighbor %s: %s in %s", s->conf.name,
	    fsm_event_name(ev), fsm_state_name(c->state));
	conn_act(c, &out);
}

static void
t_restart_cb(evutil_socket_t fd, short what, void *arg)
{
	struct session *s = arg;

	(void)fd;
	(void)what;
	s->stop_subcode = 0;
	s->stop_len = 0;
	if (!s->admin_down && s->c[0]->state == FSM_IDLE)
		session_conn_step(s->c[0], FSM_EV_AUTO_START);
}

/*
 * A connection entered Idle. A tracked second connection just goes away;
 * when the primary one goes, a surviving second one takes its place, or
 * the session restarts itself after the ConnectRetry interval (RFC 4271
 * 8.2.2 leaves the automatic restart to the implementation).
 */
static void
session_idle(struct session *s, struct conn *c)
{
	struct conn *t;

	conn_timers_stop(c);
	if (c == s->c[1])
		return;
	if (s->c[1]->state != FSM_IDLE) {
		t = s->c[0];
		s->c[0] = s->c[1];
		s->c[1] = t;
		return;
	}
	if (s->admin_down || s->stop_subcode != 0)
		return;
	if (s->t_restart == NULL)
		s->t_restart = evtimer_new(s->eb, t_restart_cb, s);
	timer_arm(s->t_restart, retry_ms(s));
}

void
session_start(struct session *s)
{
	s->admin_down = false;
	s->stop_subcode = 0;
	s->stop_len = 0;
	if (s->t_restart != NULL)
		evtimer_del(s->t_restart);
	if (s->c[0]->state == FSM_IDLE)
		session_conn_step(s->c[0], FSM_EV_MANUAL_START);
}

void
session_stop(struct session *s, uint8_t subcode, const uint8_t *data,
    size_t len, uint32_t restart_s)
{
	int i;

	s->admin_down = restart_s == 0;
	s->stop_subcode = subcode;
	s->stop_len = len < sizeof(s->stop_data) ? len : sizeof(s->stop_data);
	if (s->stop_len > 0)
		memcpy(s->stop_data, data, s->stop_len);
	for (i = 1; i >= 0; i--) {
		s->c[i]->gr_keep = false;
		if (s->c[i]->state != FSM_IDLE)
			session_conn_step(s->c[i], FSM_EV_MANUAL_STOP);
	}
	if (restart_s > 0) {
		if (s->t_restart == NULL)
			s->t_restart = evtimer_new(s->eb, t_restart_cb, s);
		timer_arm(s->t_restart, restart_s * 1000u);
	}
}

void
session_stop_graceful(struct session *s)
{
	int i;

	s->admin_down = true;
	if (s->t_restart != NULL)
		evtimer_del(s->t_restart);
	for (i = 1; i >= 0; i--) {
		struct conn *c = s->c[i];

		if (c->state == FSM_IDLE)
			continue;
		if (c->bev == NULL) {
			session_conn_step(c, FSM_EV_MANUAL_STOP);
			continue;
		}
		/*
		 * RFC 4724 4: any NOTIFICATION would end graceful restart
		 * (without N); a plain close is what the helper expects
		 * from a restarting speaker, with or without N.
		 */
		session_log(s, LOG_LVL_INFO, "closing without NOTIFICATION "
		    "(graceful restart)");
		c->gr_keep = true;
		session_conn_step(c, FSM_EV_TCP_FAILS);
	}
}

void
session_set_restarting(struct session *s, bool on)
{
	if (s->restarting == on)
		return;
	s->restarting = on;
	local_open_build(s);
}

uint32_t
session_eor_received(const struct session *s)
{
	const struct conn *c = conn_established(s);

	return c != NULL ? c->eor_in : 0;
}

/* The other connection when it is past Active (may collide with c). */
int
session_accept(struct session *s, int fd)
{
	struct sock_opts o;
	struct conn *c = s->c[0];

	if (s->admin_down || s->stop_subcode != 0)
		goto out_close;
	if (c->state == FSM_IDLE)
		session_conn_step(c, FSM_EV_AUTO_START);
	if (c->state == FSM_ESTABLISHED && c->nego.gr) {
		/* RFC 4724 4.2: the peer restarted; the old one goes. */
		session_log(s, LOG_LVL_INFO, "new connection while Established: "
		    "peer restarted");
		c->gr_keep = true;
		session_conn_step(c, FSM_EV_TCP_FAILS);
		if (s->t_restart != NULL)
			evtimer_del(s->t_restart);
		session_conn_step(s->c[0], FSM_EV_AUTO_START);
		c = s->c[0];
	}
	if (c->state == FSM_CONNECT || c->state == FSM_ACTIVE) {
		conn_close(c);
	} else if (s->c[1]->state == FSM_IDLE &&
	    c->state != FSM_ESTABLISHED) {
		c = s->c[1];
		c->state = FSM_ACTIVE;
	} else {
		goto out_close;
	}
	sock_opts_fill(s, &o);
	if (sock_opts_apply(fd, &o) != 0)
		session_log(s, LOG_LVL_WARNING, "socket options: %s",
		    strerror(errno));
	memset(&c->nego, 0, sizeof(c->nego));
	c->eor_in = 0;
	c->gr_keep = false;
	c->down_code = 0;
	if (conn_attach(c, fd) != 0) {
		session_conn_step(c, FSM_EV_TCP_FAILS);
		return -1;
	}
	c->dir = FSM_CONN_INBOUND;
	session_conn_step(c, FSM_EV_TCP_CONFIRMED);
	return 0;
out_close:
	close(fd);
	return -1;
}

static struct conn *
conn_established(const struct session *s)
{
	if (s->c[0]->state == FSM_ESTABLISHED && s->c[0]->bev != NULL)
		return s->c[0];
	if (s->c[1]->state == FSM_ESTABLISHED && s->c[1]->bev != NULL)
		return s->c[1];
	return NULL;
}

int
session_send(struct session *s, const uint8_t *msg, size_t len)
{
	struct conn *c = conn_established(s);

	if (c == NULL)
		return -1;
	conn_write(c, msg, len);
	if (c->ka_s > 0 && c->nego.hold > 0)
		timer_arm(c->t_ka, fsm_jitter_ms(c->ka_s * 1000u,
		    session_rand(s)));
	return 0;
}

size_t
session_out_pending(const struct session *s)
{
	struct conn *c = conn_established(s);

	if (c == NULL)
		return 0;
	return evbuffer_get_length(bufferevent_get_output(c->bev));
}

bool
session_is_writable(const struct session *s)
{
	struct conn *c = conn_established(s);

	return c != NULL && evbuffer_get_length(
	    bufferevent_get_output(c->bev)) < SESSION_OUT_HIWAT;
}

bool
session_admin_down(const struct session *s)
{
	return s->admin_down;
}

enum fsm_state
session_state(const struct session *s)
{
	return s->c[0]->state > s->c[1]->state ? s->c[0]->state :
	    s->c[1]->state;
}

const struct wire_nego *
session_nego(const struct session *s)
{
	struct conn *c = conn_established(s);

	return c != NULL ? &c->nego : NULL;
}

void
session_local_addr(const struct session *s, struct addr *a)
{
	struct conn *c = conn_established(s);

	memset(a, 0, sizeof(*a));
	if (c != NULL)
		sock_local_addr(bufferevent_getfd(c->bev), a, NULL);
}

const struct session_conf *
session_conf(const struct session *s)
{
	return &s->conf;
}

const struct session_stats *
session_stats(const struct session *s)
{
	return &s->st;
}
