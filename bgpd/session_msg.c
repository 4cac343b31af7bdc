/*
 * Message side of a BGP session (see session_int.h): stream framing of the
 * input buffer (RFC 4271 4.1), OPEN validation and negotiation with
 * collision resolution (RFC 4271 6.2, 6.8), NOTIFICATION, KEEPALIVE,
 * UPDATE (RFC 7606 verdicts; a reset becomes UpdateMsgErr) and
 * ROUTE-REFRESH (RFC 2918, 7313) turned into FSM events and callbacks.
 * Owns nothing; the connection state lives in struct conn.
 */
#include <string.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>

#include "bgpd/session_int.h"
#include "bgpd/wire_frame.h"
#include "bgpd/wire_open.h"

static struct conn *
conn_other(struct session *s, struct conn *c)
{
	struct conn *o = s->c[0] == c ? s->c[1] : s->c[0];

	return o->state >= FSM_OPENSENT ? o : NULL;
}

/* RFC 4271 6.8 on a valid OPEN; false when c itself was closed. */
static bool
collision_check(struct conn *c)
{
	struct session *s = c->s;
	struct conn *o = conn_other(s, c);
	enum fsm_collide r;

	if (o == NULL)
		return true;
	r = fsm_collision_resolve(o->state, c->dir, s->conf.local_id,
	    c->nego.peer_id, s->conf.local_as, s->conf.peer_as, false);
	if (r == FSM_COLLIDE_CLOSE_EXISTING) {
		session_log(s, LOG_LVL_INFO, "collision: closing the %s connection",
		    o->dir == FSM_CONN_INBOUND ? "inbound" : "outbound");
		session_conn_step(o, FSM_EV_OPEN_COLLISION_DUMP);
	} else if (r == FSM_COLLIDE_CLOSE_NEW) {
		session_log(s, LOG_LVL_INFO, "collision: closing the %s connection",
		    c->dir == FSM_CONN_INBOUND ? "inbound" : "outbound");
		session_conn_step(c, FSM_EV_OPEN_COLLISION_DUMP);
		return false;
	}
	return true;
}

static void
handle_open(struct conn *c, const uint8_t *body, size_t len)
{
	struct session *s = c->s;
	struct wire_nego_conf nc = { .local_as = s->conf.local_as,
	    .local_id = s->conf.local_id, .peer_as = s->conf.peer_as,
	    .min_hold = 3 };
	struct wire_open peer;

	if (c->state != FSM_OPENSENT) {
		session_conn_step(c, FSM_EV_BGP_OPEN);
		return;
	}
	if (wire_open_decode(body, len, &peer, &c->err) != WIRE_OK ||
	    wire_nego_open(&s->local_open, &peer, &nc, &c->nego, &c->err) !=
	    WIRE_OK) {
		session_log(s, LOG_LVL_ERROR, "bad OPEN: %s", c->err.reason);
		session_conn_step(c, FSM_EV_BGP_OPEN_MSG_ERR);
		return;
	}
	/* SPEC 2.1 (D): keepalive = min(configured, hold / 3). */
	c->ka_s = c->nego.keepalive;
	if (s->conf.keepalive > 0 && s->conf.keepalive < c->ka_s)
		c->ka_s = s->conf.keepalive;
	if (!collision_check(c))
		return;
	session_conn_step(c, FSM_EV_BGP_OPEN);
}

static void
handle_notify(struct conn *c, const uint8_t *body, size_t len)
{
	struct session *s = c->s;
	struct wire_notify n;

	if (wire_notify_decode(body, len, &n, &c->err) != WIRE_OK) {
		session_conn_step(c, FSM_EV_NOTIF_MSG);
		return;
	}
	session_notify_record(s, &n, false);
	c->down_code = n.code;
	c->down_sub = n.subcode;
	c->down_sent = false;
	c->gr_keep = c->nego.gr_notification &&
	    !(n.code == WIRE_ERR_CEASE && n.subcode == WIRE_CEASE_HARD_RESET);
	if (n.code == WIRE_ERR_OPEN && n.subcode == WIRE_OPEN_BAD_VERSION)
		session_conn_step(c, FSM_EV_NOTIF_MSG_VER_ERR);
	else
		session_conn_step(c, FSM_EV_NOTIF_MSG);
}

static void
handle_update(struct conn *c, const uint8_t *body, size_t len)
{
	struct session *s = c->s;
	struct wire_err err;
	enum wire_verdict v;
	unsigned gen = c->gen;

	if (c->state != FSM_ESTABLISHED) {
		session_conn_step(c, FSM_EV_UPDATE_MSG);
		return;
	}
	memset(&err, 0, sizeof(err));
	v = wire_update_decode(body, len, &c->nego.caps, &s->upd, &err);
	if (v == WIRE_RESET) {
		c->err = err;
		session_log(s, LOG_LVL_ERROR, "malformed UPDATE (%s, attribute %u at "
		    "offset %zu): session reset", err.reason ? err.reason : "?",
		    err.attr_type, err.offset);
		session_conn_step(c, FSM_EV_UPDATE_MSG_ERR);
		return;
	}
	session_conn_step(c, FSM_EV_UPDATE_MSG);
	if (c->gen == gen)
		c->eor_in |= s->upd.eor;
	if (c->gen == gen && c->state == FSM_ESTABLISHED &&
	    s->cb.update != NULL)
		s->cb.update(s->cb.ctx, s, &s->upd, v, &err);
}

static void
handle_refresh(struct conn *c, const uint8_t *body, size_t len)
{
	struct session *s = c->s;
	struct wire_refresh rr;

	if (c->state != FSM_ESTABLISHED) {
		session_conn_step(c, FSM_EV_UPDATE_MSG);
		return;
	}
	if (wire_refresh_decode(body, len, &c->nego.caps, &rr, &c->err) !=
	    WIRE_OK) {
		session_log(s, LOG_LVL_ERROR, "malformed ROUTE-REFRESH");
		session_conn_step(c, FSM_EV_UPDATE_MSG_ERR);
		return;
	}
	if (!rr.ignore && (c->nego.rr || c->nego.enhanced_rr) &&
	    s->cb.refresh != NULL)
		s->cb.refresh(s->cb.ctx, s, &rr);
}

static void
handle_msg(struct conn *c, const struct wire_frame *f)
{
	struct session *s = c->s;

	if (f->type >= 1 && f->type <= 5)
		s->st.in[f->type]++;
	switch (f->type) {
	case WIRE_OPEN:
		handle_open(c, f->body, f->body_len);
		break;
	case WIRE_UPDATE:
		handle_update(c, f->body, f->body_len);
		break;
	case WIRE_NOTIFICATION:
		handle_notify(c, f->body, f->body_len);
		break;
	case WIRE_KEEPALIVE:
		session_conn_step(c, FSM_EV_KEEPALIVE_MSG);
		break;
	case WIRE_ROUTE_REFRESH:
		handle_refresh(c, f->body, f->body_len);
		break;
	default:
		/* wire_frame_next refuses unknown types (header error). */
		break;
	}
}

/* Frame and handle every complete message in the input buffer. */
void
session_msg_read_cb(struct bufferevent *bev, void *arg)
{
	struct conn *c = arg;
	struct evbuffer *in = bufferevent_get_input(bev);
	size_t max = WIRE_MAX_LEN, avail, n;
	struct wire_frame f;
	unsigned gen = c->gen;
	uint8_t *p;

	while ((avail = evbuffer_get_length(in)) >= WIRE_HDR_LEN) {
		if (c->nego.caps.ext_msg)
			max = WIRE_MAX_LEN_EXT;
		n = WIRE_HDR_LEN;
		p = evbuffer_pullup(in, (ev_ssize_t)n);
		switch (wire_frame_next(p, n, max, &f, &c->err)) {
		case WIRE_FRAME_ERROR:
			session_log(c->s, LOG_LVL_ERROR, "bad message header: %s",
			    c->err.reason);
			session_conn_step(c, FSM_EV_BGP_HEADER_ERR);
			return;
		case WIRE_FRAME_MORE:
			if (f.need > avail)
				return;
			p = evbuffer_pullup(in, (ev_ssize_t)f.need);
			if (wire_frame_next(p, f.need, max, &f, &c->err) !=
			    WIRE_FRAME_MSG)
				return;
			break;
		case WIRE_FRAME_MSG:
			break;
		}
		handle_msg(c, &f);
		if (c->gen != gen || c->bev != bev)
			return;
		evbuffer_drain(in, f.len);
	}
}
