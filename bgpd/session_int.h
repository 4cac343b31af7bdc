/*
 * Internals shared by the files of the session layer (bgpd/session.c:
 * connections, timers and FSM actions; bgpd/session_msg.c: framing and
 * message dispatch). Not for use outside them: everyone else sees
 * bgpd/session.h only.
 */
#ifndef XR_BGPD_SESSION_INT_H
#define XR_BGPD_SESSION_INT_H

#include "bgpd/session.h"
#include "bgpd/wire_notify.h"
#include "lib/log.h"

struct bufferevent;
struct event;

struct conn {
	struct session *s;
	enum fsm_state state;
	enum fsm_conn dir;
	int fd;				/* while connecting */
	struct bufferevent *bev;	/* once connected */
	struct event *ev_connect;
	struct event *t_cr, *t_hold, *t_ka;
	unsigned gen;			/* bumped on every drop */
	uint16_t ka_s;			/* keepalive seconds in use */
	struct wire_nego nego;
	struct wire_err err;		/* detail of the last bad message */
	bool gr_keep;			/* the pending drop may keep routes */
	uint8_t down_code, down_sub;
	bool down_sent;
	uint32_t eor_in;		/* WIRE_AF_* End-of-RIB received */
};

struct session {
	struct event_base *eb;
	struct session_conf conf;
	struct session_cbs cb;
	struct conn *c[2];		/* c[0] primary, c[1] collision */
	struct event *t_restart;
	struct event *t_fail;		/* deferred TCP failure of c[0] */
	struct wire_open local_open;
	struct wire_update upd;
	struct session_stats st;
	uint32_t crc;			/* ConnectRetryCounter */
	uint32_t rnd;
	bool admin_down;
	bool restarting;		/* R bit in our OPEN (RFC 4724 4.1) */
	uint8_t stop_subcode;
	uint8_t stop_data[256];
	size_t stop_len;
};

/* Deliver ev to the FSM of connection c and perform its actions. */
void session_conn_step(struct conn *c, enum fsm_event ev);
/* One log line about the session's peer (fixed prefix: its name). */
void session_log(const struct session *s, enum log_level lvl,
    const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Record and log a NOTIFICATION sent or received on s. */
void session_notify_record(struct session *s, const struct wire_notify *n,
    bool sent);
/* bufferevent read callback: frame and dispatch every complete message. */
void session_msg_read_cb(struct bufferevent *bev, void *arg);

#endif
