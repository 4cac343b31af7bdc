/*
 * RFC 4271 section 8.2.2 finite state machine: one flat switch per state
 * deciding every event 1-28, plus collision resolution (RFC 4271 6.8,
 * RFC 6286 2.3) and ConnectRetry jitter and backoff (RFC 4271 10). Pure: no
 * sockets, clocks, timers, logging or globals; the session layer performs the
 * returned actions in the order documented in fsm.h. FSM errors carry the
 * RFC 6608 subcode of the state when the unexpected event is a message, and
 * Unspecified Error (0) when it is a timer.
 */
#include <assert.h>
#include <stddef.h>

#include "bgpd/fsm.h"
#include "bgpd/wire.h"

/* Releasing all BGP resources also stops every timer of the connection. */
#define A_RELEASE (FSM_A_RELEASE | FSM_A_DELAY_STOP | FSM_A_HOLD_STOP | \
	FSM_A_KA_STOP)
/* Completing BGP initialisation, sending OPEN, HoldTimer large. */
#define A_OPEN_SEND (FSM_A_INIT | FSM_A_SEND_OPEN | FSM_A_HOLD_LARGE)

static struct fsm_out out_to(enum fsm_state next, uint32_t actions);
static struct fsm_out out_notify(struct fsm_out out, uint8_t code,
    uint8_t subcode, bool detail);
static uint32_t damp(const struct fsm_opts *o);
static struct fsm_out idle_fail(uint32_t extra, const struct fsm_opts *o);
static struct fsm_out fsm_error(enum fsm_state s, enum fsm_event ev,
    const struct fsm_opts *o);
static uint32_t open_confirm_timers(const struct fsm_opts *o);
static struct fsm_out step_idle(enum fsm_event ev, const struct fsm_opts *o);
static struct fsm_out step_connect(enum fsm_event ev,
    const struct fsm_opts *o);
static struct fsm_out step_active(enum fsm_event ev, const struct fsm_opts *o);
static struct fsm_out step_opensent(enum fsm_event ev,
    const struct fsm_opts *o);
static struct fsm_out step_openconfirm(enum fsm_event ev,
    const struct fsm_opts *o);
static struct fsm_out step_established(enum fsm_event ev,
    const struct fsm_opts *o);

static struct fsm_out
out_to(enum fsm_state next, uint32_t actions)
{
	struct fsm_out out = { .next = next, .actions = actions };

	return out;
}

static struct fsm_out
out_notify(struct fsm_out out, uint8_t code, uint8_t subcode, bool detail)
{
	out.actions |= FSM_A_SEND_NOTIFY;
	out.notify_code = code;
	out.notify_subcode = subcode;
	out.notify_detail = detail;
	return out;
}

/* RFC 4271 8.2.2: "(optionally) performs peer oscillation damping". */
static uint32_t
damp(const struct fsm_opts *o)
{
	return o->damp ? FSM_A_DAMP : 0;
}

/*
 * The common failure exit: ConnectRetryTimer to zero, release resources,
 * drop the connection, ConnectRetryCounter + 1, damping, Idle.
 */
static struct fsm_out
idle_fail(uint32_t extra, const struct fsm_opts *o)
{
	return out_to(FSM_IDLE, FSM_A_CR_STOP | A_RELEASE | FSM_A_DROP |
	    FSM_A_CRC_INC | damp(o) | extra);
}

/*
 * RFC 4271 6.6 and the "any other event" rows of OpenSent, OpenConfirm and
 * Established: NOTIFICATION Finite State Machine Error, then the failure
 * exit; Established also deletes its routes. RFC 6608 names its subcodes
 * "Receive Unexpected Message in <state>", so a message event (19-28) gets
 * the state's subcode and a timer event gets Unspecified Error.
 */
static struct fsm_out
fsm_error(enum fsm_state s, enum fsm_event ev, const struct fsm_opts *o)
{
	uint8_t sub = FSM_ERR_UNSPECIFIED;
	uint32_t extra = 0;
	bool msg = ev >= FSM_EV_BGP_OPEN;

	switch (s) {
	case FSM_OPENSENT:
		sub = msg ? FSM_ERR_OPENSENT : FSM_ERR_UNSPECIFIED;
		break;
	case FSM_OPENCONFIRM:
		sub = msg ? FSM_ERR_OPENCONFIRM : FSM_ERR_UNSPECIFIED;
		break;
	case FSM_ESTABLISHED:
		sub = msg ? FSM_ERR_ESTABLISHED : FSM_ERR_UNSPECIFIED;
		extra = FSM_A_DELETE_ROUTES;
		break;
	default:
		assert(!"fsm_error outside OpenSent/OpenConfirm/Established");
	}
	return out_notify(idle_fail(extra, o), WIRE_ERR_FSM, sub, false);
}

/*
 * RFC 4271 8.2.2 on entering OpenConfirm: with a non-zero negotiated hold
 * time start the KeepaliveTimer and set the HoldTimer to the negotiated
 * value; with zero, neither runs.
 */
static uint32_t
open_confirm_timers(const struct fsm_opts *o)
{
	if (o->hold_zero)
		return FSM_A_KA_STOP | FSM_A_HOLD_STOP;
	return FSM_A_KA_START | FSM_A_HOLD_START;
}

/* RFC 4271 8.2.2 Idle state. */
static struct fsm_out
step_idle(enum fsm_event ev, const struct fsm_opts *o)
{
	const uint32_t start = FSM_A_INIT | FSM_A_CRC_ZERO | FSM_A_CR_START |
	    FSM_A_LISTEN;

	switch (ev) {
	case FSM_EV_MANUAL_START:
	case FSM_EV_AUTO_START:
		if (o->passive)
			return out_to(FSM_ACTIVE, start);
		return out_to(FSM_CONNECT, start | FSM_A_CONNECT);
	case FSM_EV_MANUAL_START_PASSIVE:
	case FSM_EV_AUTO_START_PASSIVE:
		return out_to(FSM_ACTIVE, start);
	case FSM_EV_AUTO_START_DAMP:
	case FSM_EV_AUTO_START_DAMP_PASSIVE:
		/*
		 * RFC 4271 leaves the damping method open: we hold the peer
		 * in Idle for IdleHoldTime; event 13 then starts it. Without
		 * DampPeerOscillations these act as plain automatic starts.
		 */
		if (o->damp)
			return out_to(FSM_IDLE, FSM_A_IDLEHOLD_START);
		if (ev == FSM_EV_AUTO_START_DAMP_PASSIVE || o->passive)
			return out_to(FSM_ACTIVE, start);
		return out_to(FSM_CONNECT, start | FSM_A_CONNECT);
	case FSM_EV_IDLE_HOLD_EXPIRES:
		if (o->passive)
			return out_to(FSM_ACTIVE, start);
		return out_to(FSM_CONNECT, start | FSM_A_CONNECT);
	case FSM_EV_TCP_VALID:
	case FSM_EV_TCP_CR_INVALID:
	case FSM_EV_TCP_CR_ACKED:
	case FSM_EV_TCP_CONFIRMED:
		/* "BGP FSM refuses all incoming BGP connections". */
		return out_to(FSM_IDLE, FSM_A_REJECT);
	case FSM_EV_MANUAL_STOP:
	case FSM_EV_AUTO_STOP:
	case FSM_EV_CONNECT_RETRY_EXPIRES:
	case FSM_EV_HOLD_EXPIRES:
	case FSM_EV_KEEPALIVE_EXPIRES:
	case FSM_EV_DELAY_OPEN_EXPIRES:
	case FSM_EV_TCP_FAILS:
	case FSM_EV_BGP_OPEN:
	case FSM_EV_BGP_OPEN_DELAYED:
	case FSM_EV_BGP_HEADER_ERR:
	case FSM_EV_BGP_OPEN_MSG_ERR:
	case FSM_EV_OPEN_COLLISION_DUMP:
	case FSM_EV_NOTIF_MSG_VER_ERR:
	case FSM_EV_NOTIF_MSG:
	case FSM_EV_KEEPALIVE_MSG:
	case FSM_EV_UPDATE_MSG:
	case FSM_EV_UPDATE_MSG_ERR:
		return out_to(FSM_IDLE, 0);
	}
	assert(!"unknown event");
	return out_to(FSM_IDLE, 0);
}

/*
 * Messages that RFC 4271 8.2.2 handles with the same words in Connect and
 * Active (the DelayOpen path): an OPEN while DelayOpenTimer runs, header and
 * OPEN errors, and a NOTIFICATION with a version error.
 */
static struct fsm_out
step_delayed_open_msg(enum fsm_event ev, const struct fsm_opts *o)
{
	struct fsm_out out;

	switch (ev) {
	case FSM_EV_BGP_OPEN_DELAYED:
		return out_to(FSM_OPENCONFIRM, FSM_A_CR_STOP | FSM_A_INIT |
		    FSM_A_DELAY_STOP | FSM_A_PROCESS_OPEN | FSM_A_SEND_OPEN |
		    FSM_A_SEND_KEEPALIVE | open_confirm_timers(o));
	case FSM_EV_BGP_HEADER_ERR:
	case FSM_EV_BGP_OPEN_MSG_ERR:
		out = idle_fail(0, o);
		if (!o->notify_without_open)
			return out;
		return out_notify(out, ev == FSM_EV_BGP_HEADER_ERR ?
		    WIRE_ERR_HEADER : WIRE_ERR_OPEN, 0, true);
	case FSM_EV_NOTIF_MSG_VER_ERR:
		if (o->delay_open_running)
			return out_to(FSM_IDLE, FSM_A_CR_STOP | A_RELEASE |
			    FSM_A_DROP);
		return idle_fail(0, o);
	default:
		break;
	}
	assert(!"not a DelayOpen-path message");
	return out_to(FSM_IDLE, 0);
}

/* RFC 4271 8.2.2 Connect state. */
static struct fsm_out
step_connect(enum fsm_event ev, const struct fsm_opts *o)
{
	switch (ev) {
	case FSM_EV_MANUAL_START:
	case FSM_EV_AUTO_START:
	case FSM_EV_MANUAL_START_PASSIVE:
	case FSM_EV_AUTO_START_PASSIVE:
	case FSM_EV_AUTO_START_DAMP:
	case FSM_EV_AUTO_START_DAMP_PASSIVE:
	case FSM_EV_TCP_VALID:
		return out_to(FSM_CONNECT, 0);
	case FSM_EV_MANUAL_STOP:
		return out_to(FSM_IDLE, FSM_A_DROP | A_RELEASE |
		    FSM_A_CRC_ZERO | FSM_A_CR_STOP);
	case FSM_EV_CONNECT_RETRY_EXPIRES:
		return out_to(FSM_CONNECT, FSM_A_DROP | FSM_A_CR_START |
		    FSM_A_DELAY_STOP | FSM_A_CONNECT);
	case FSM_EV_DELAY_OPEN_EXPIRES:
		return out_to(FSM_OPENSENT, A_OPEN_SEND);
	case FSM_EV_TCP_CR_INVALID:
		return out_to(FSM_CONNECT, FSM_A_REJECT);
	case FSM_EV_TCP_CR_ACKED:
	case FSM_EV_TCP_CONFIRMED:
		if (o->delay_open)
			return out_to(FSM_CONNECT,
			    FSM_A_CR_STOP | FSM_A_DELAY_START);
		return out_to(FSM_OPENSENT, FSM_A_CR_STOP | A_OPEN_SEND);
	case FSM_EV_TCP_FAILS:
		/* The failed socket is closed in both branches. */
		if (o->delay_open_running)
			return out_to(FSM_ACTIVE, FSM_A_CR_START |
			    FSM_A_DELAY_STOP | FSM_A_DROP);
		return out_to(FSM_IDLE, FSM_A_CR_STOP | FSM_A_DROP |
		    A_RELEASE);
	case FSM_EV_BGP_OPEN_DELAYED:
	case FSM_EV_BGP_HEADER_ERR:
	case FSM_EV_BGP_OPEN_MSG_ERR:
	case FSM_EV_NOTIF_MSG_VER_ERR:
		return step_delayed_open_msg(ev, o);
	case FSM_EV_AUTO_STOP:
	case FSM_EV_HOLD_EXPIRES:
	case FSM_EV_KEEPALIVE_EXPIRES:
	case FSM_EV_IDLE_HOLD_EXPIRES:
	case FSM_EV_BGP_OPEN:
	case FSM_EV_OPEN_COLLISION_DUMP:
	case FSM_EV_NOTIF_MSG:
	case FSM_EV_KEEPALIVE_MSG:
	case FSM_EV_UPDATE_MSG:
	case FSM_EV_UPDATE_MSG_ERR:
		return idle_fail(0, o);
	}
	assert(!"unknown event");
	return out_to(FSM_CONNECT, 0);
}

/* RFC 4271 8.2.2 Active state. */
static struct fsm_out
step_active(enum fsm_event ev, const struct fsm_opts *o)
{
	struct fsm_out out;

	switch (ev) {
	case FSM_EV_MANUAL_START:
	case FSM_EV_AUTO_START:
	case FSM_EV_MANUAL_START_PASSIVE:
	case FSM_EV_AUTO_START_PASSIVE:
	case FSM_EV_AUTO_START_DAMP:
	case FSM_EV_AUTO_START_DAMP_PASSIVE:
	case FSM_EV_TCP_VALID:
		return out_to(FSM_ACTIVE, 0);
	case FSM_EV_MANUAL_STOP:
		out = out_to(FSM_IDLE, A_RELEASE | FSM_A_DROP |
		    FSM_A_CRC_ZERO | FSM_A_CR_STOP);
		if (o->delay_open_running && o->notify_without_open)
			out = out_notify(out, WIRE_ERR_CEASE, o->stop_subcode,
			    false);
		return out;
	case FSM_EV_CONNECT_RETRY_EXPIRES:
		/* PassiveTcpEstablishment: wait for the peer, never dial. */
		if (o->passive)
			return out_to(FSM_ACTIVE, FSM_A_CR_START);
		return out_to(FSM_CONNECT, FSM_A_CR_START | FSM_A_CONNECT);
	case FSM_EV_DELAY_OPEN_EXPIRES:
		return out_to(FSM_OPENSENT, FSM_A_CR_STOP | FSM_A_DELAY_STOP |
		    A_OPEN_SEND);
	case FSM_EV_TCP_CR_INVALID:
		return out_to(FSM_ACTIVE, FSM_A_REJECT);
	case FSM_EV_TCP_CR_ACKED:
	case FSM_EV_TCP_CONFIRMED:
		if (o->delay_open)
			return out_to(FSM_ACTIVE,
			    FSM_A_CR_STOP | FSM_A_DELAY_START);
		return out_to(FSM_OPENSENT, FSM_A_CR_STOP | A_OPEN_SEND);
	case FSM_EV_TCP_FAILS:
		/* As written: ConnectRetryTimer restarted, then Idle. */
		return out_to(FSM_IDLE, FSM_A_CR_START | A_RELEASE |
		    FSM_A_DROP | FSM_A_CRC_INC | damp(o));
	case FSM_EV_BGP_OPEN_DELAYED:
	case FSM_EV_BGP_HEADER_ERR:
	case FSM_EV_BGP_OPEN_MSG_ERR:
	case FSM_EV_NOTIF_MSG_VER_ERR:
		return step_delayed_open_msg(ev, o);
	case FSM_EV_AUTO_STOP:
	case FSM_EV_HOLD_EXPIRES:
	case FSM_EV_KEEPALIVE_EXPIRES:
	case FSM_EV_IDLE_HOLD_EXPIRES:
	case FSM_EV_BGP_OPEN:
	case FSM_EV_OPEN_COLLISION_DUMP:
	case FSM_EV_NOTIF_MSG:
	case FSM_EV_KEEPALIVE_MSG:
	case FSM_EV_UPDATE_MSG:
	case FSM_EV_UPDATE_MSG_ERR:
		return idle_fail(0, o);
	}
	assert(!"unknown event");
	return out_to(FSM_ACTIVE, 0);
}

/* RFC 4271 8.2.2 OpenSent state. */
static struct fsm_out
step_opensent(enum fsm_event ev, const struct fsm_opts *o)
{
	switch (ev) {
	case FSM_EV_MANUAL_START:
	case FSM_EV_AUTO_START:
	case FSM_EV_MANUAL_START_PASSIVE:
	case FSM_EV_AUTO_START_PASSIVE:
	case FSM_EV_AUTO_START_DAMP:
	case FSM_EV_AUTO_START_DAMP_PASSIVE:
	case FSM_EV_TCP_CR_INVALID:
		return out_to(FSM_OPENSENT, 0);
	case FSM_EV_MANUAL_STOP:
		return out_notify(out_to(FSM_IDLE, FSM_A_CR_STOP | A_RELEASE |
		    FSM_A_DROP | FSM_A_CRC_ZERO), WIRE_ERR_CEASE,
		    o->stop_subcode, false);
	case FSM_EV_AUTO_STOP:
		return out_notify(idle_fail(0, o), WIRE_ERR_CEASE,
		    o->stop_subcode, false);
	case FSM_EV_HOLD_EXPIRES:
		return out_notify(idle_fail(0, o), WIRE_ERR_HOLD, 0, false);
	case FSM_EV_TCP_VALID:
	case FSM_EV_TCP_CR_ACKED:
	case FSM_EV_TCP_CONFIRMED:
		return out_to(FSM_OPENSENT, FSM_A_TRACK);
	case FSM_EV_TCP_FAILS:
		/* The large HoldTimer must not fire in Active. */
		return out_to(FSM_ACTIVE, FSM_A_DROP | FSM_A_CR_START |
		    FSM_A_HOLD_STOP);
	case FSM_EV_BGP_OPEN:
		return out_to(FSM_OPENCONFIRM, FSM_A_DELAY_STOP |
		    FSM_A_CR_STOP | FSM_A_PROCESS_OPEN |
		    FSM_A_SEND_KEEPALIVE | open_confirm_timers(o));
	case FSM_EV_BGP_HEADER_ERR:
		return out_notify(idle_fail(0, o), WIRE_ERR_HEADER, 0, true);
	case FSM_EV_BGP_OPEN_MSG_ERR:
		return out_notify(idle_fail(0, o), WIRE_ERR_OPEN, 0, true);
	case FSM_EV_OPEN_COLLISION_DUMP:
		return out_notify(idle_fail(0, o), WIRE_ERR_CEASE,
		    FSM_CEASE_COLLISION, false);
	case FSM_EV_NOTIF_MSG_VER_ERR:
		return out_to(FSM_IDLE, FSM_A_CR_STOP | A_RELEASE |
		    FSM_A_DROP);
	case FSM_EV_CONNECT_RETRY_EXPIRES:
	case FSM_EV_KEEPALIVE_EXPIRES:
	case FSM_EV_DELAY_OPEN_EXPIRES:
	case FSM_EV_IDLE_HOLD_EXPIRES:
	case FSM_EV_BGP_OPEN_DELAYED:
	case FSM_EV_NOTIF_MSG:
	case FSM_EV_KEEPALIVE_MSG:
	case FSM_EV_UPDATE_MSG:
	case FSM_EV_UPDATE_MSG_ERR:
		return fsm_error(FSM_OPENSENT, ev, o);
	}
	assert(!"unknown event");
	return out_to(FSM_OPENSENT, 0);
}

/* RFC 4271 8.2.2 OpenConfirm state. */
static struct fsm_out
step_openconfirm(enum fsm_event ev, const struct fsm_opts *o)
{
	switch (ev) {
	case FSM_EV_MANUAL_START:
	case FSM_EV_AUTO_START:
	case FSM_EV_MANUAL_START_PASSIVE:
	case FSM_EV_AUTO_START_PASSIVE:
	case FSM_EV_AUTO_START_DAMP:
	case FSM_EV_AUTO_START_DAMP_PASSIVE:
	case FSM_EV_TCP_CR_INVALID:
		return out_to(FSM_OPENCONFIRM, 0);
	case FSM_EV_MANUAL_STOP:
		return out_notify(out_to(FSM_IDLE, A_RELEASE | FSM_A_DROP |
		    FSM_A_CRC_ZERO | FSM_A_CR_STOP), WIRE_ERR_CEASE,
		    o->stop_subcode, false);
	case FSM_EV_AUTO_STOP:
		return out_notify(idle_fail(0, o), WIRE_ERR_CEASE,
		    o->stop_subcode, false);
	case FSM_EV_HOLD_EXPIRES:
		return out_notify(idle_fail(0, o), WIRE_ERR_HOLD, 0, false);
	case FSM_EV_KEEPALIVE_EXPIRES:
		return out_to(FSM_OPENCONFIRM,
		    FSM_A_SEND_KEEPALIVE | FSM_A_KA_START);
	case FSM_EV_TCP_VALID:
	case FSM_EV_TCP_CR_ACKED:
	case FSM_EV_TCP_CONFIRMED:
		return out_to(FSM_OPENCONFIRM, FSM_A_TRACK);
	case FSM_EV_TCP_FAILS:
	case FSM_EV_NOTIF_MSG:
		return idle_fail(0, o);
	case FSM_EV_NOTIF_MSG_VER_ERR:
		return out_to(FSM_IDLE, FSM_A_CR_STOP | A_RELEASE |
		    FSM_A_DROP);
	case FSM_EV_BGP_OPEN:
		/*
		 * An OPEN on the colliding connection: RFC 4271 6.8 decides
		 * (fsm_collision_resolve); only the loser leaves OpenConfirm.
		 */
		if (!o->collision_lose)
			return out_to(FSM_OPENCONFIRM, 0);
		return out_notify(idle_fail(0, o), WIRE_ERR_CEASE,
		    FSM_CEASE_COLLISION, false);
	case FSM_EV_BGP_HEADER_ERR:
		return out_notify(idle_fail(0, o), WIRE_ERR_HEADER, 0, true);
	case FSM_EV_BGP_OPEN_MSG_ERR:
		return out_notify(idle_fail(0, o), WIRE_ERR_OPEN, 0, true);
	case FSM_EV_OPEN_COLLISION_DUMP:
		return out_notify(idle_fail(0, o), WIRE_ERR_CEASE,
		    FSM_CEASE_COLLISION, false);
	case FSM_EV_KEEPALIVE_MSG:
		return out_to(FSM_ESTABLISHED,
		    o->hold_zero ? 0 : FSM_A_HOLD_START);
	case FSM_EV_CONNECT_RETRY_EXPIRES:
	case FSM_EV_DELAY_OPEN_EXPIRES:
	case FSM_EV_IDLE_HOLD_EXPIRES:
	case FSM_EV_BGP_OPEN_DELAYED:
	case FSM_EV_UPDATE_MSG:
	case FSM_EV_UPDATE_MSG_ERR:
		return fsm_error(FSM_OPENCONFIRM, ev, o);
	}
	assert(!"unknown event");
	return out_to(FSM_OPENCONFIRM, 0);
}

/*
 * RFC 4271 8.2.2 Established state. Every exit to Idle deletes the routes of
 * the connection, also where the RFC text lists only "releases all BGP
 * resources" (HoldTimer_Expires).
 */
static struct fsm_out
step_established(enum fsm_event ev, const struct fsm_opts *o)
{
	const uint32_t del = FSM_A_DELETE_ROUTES;

	switch (ev) {
	case FSM_EV_MANUAL_START:
	case FSM_EV_AUTO_START:
	case FSM_EV_MANUAL_START_PASSIVE:
	case FSM_EV_AUTO_START_PASSIVE:
	case FSM_EV_AUTO_START_DAMP:
	case FSM_EV_AUTO_START_DAMP_PASSIVE:
	case FSM_EV_TCP_CR_INVALID:
		return out_to(FSM_ESTABLISHED, 0);
	case FSM_EV_MANUAL_STOP:
		return out_notify(out_to(FSM_IDLE, FSM_A_CR_STOP | del |
		    A_RELEASE | FSM_A_DROP | FSM_A_CRC_ZERO), WIRE_ERR_CEASE,
		    o->stop_subcode, false);
	case FSM_EV_AUTO_STOP:
		return out_notify(idle_fail(del, o), WIRE_ERR_CEASE,
		    o->stop_subcode, false);
	case FSM_EV_HOLD_EXPIRES:
		return out_notify(idle_fail(del, o), WIRE_ERR_HOLD, 0, false);
	case FSM_EV_KEEPALIVE_EXPIRES:
		return out_to(FSM_ESTABLISHED, FSM_A_SEND_KEEPALIVE |
		    (o->hold_zero ? 0 : FSM_A_KA_START));
	case FSM_EV_TCP_VALID:
	case FSM_EV_TCP_CR_ACKED:
	case FSM_EV_TCP_CONFIRMED:
		return out_to(FSM_ESTABLISHED, FSM_A_TRACK);
	case FSM_EV_TCP_FAILS:
	case FSM_EV_NOTIF_MSG_VER_ERR:
	case FSM_EV_NOTIF_MSG:
		/* No damping in this row of the RFC. */
		return out_to(FSM_IDLE, FSM_A_CR_STOP | del | A_RELEASE |
		    FSM_A_DROP | FSM_A_CRC_INC);
	case FSM_EV_BGP_OPEN:
	case FSM_EV_OPEN_COLLISION_DUMP:
		/*
		 * RFC 4271 6.8: without CollisionDetectEstablishedState an
		 * Established connection never loses a collision.
		 */
		if (!o->collision_established ||
		    (ev == FSM_EV_BGP_OPEN && !o->collision_lose))
			return out_to(FSM_ESTABLISHED, 0);
		return out_notify(idle_fail(del, o), WIRE_ERR_CEASE,
		    FSM_CEASE_COLLISION, false);
	case FSM_EV_BGP_HEADER_ERR:
		/*
		 * 8.2.2 lists event 21 among the FSM errors of Established,
		 * but 6.1 requires Message Header Error for any header error;
		 * the specific rule wins.
		 */
		return out_notify(idle_fail(del, o), WIRE_ERR_HEADER, 0, true);
	case FSM_EV_KEEPALIVE_MSG:
		return out_to(FSM_ESTABLISHED,
		    o->hold_zero ? 0 : FSM_A_HOLD_START);
	case FSM_EV_UPDATE_MSG:
		return out_to(FSM_ESTABLISHED, FSM_A_PROCESS_UPDATE |
		    (o->hold_zero ? 0 : FSM_A_HOLD_START));
	case FSM_EV_UPDATE_MSG_ERR:
		return out_notify(idle_fail(del, o), WIRE_ERR_UPDATE, 0, true);
	case FSM_EV_CONNECT_RETRY_EXPIRES:
	case FSM_EV_DELAY_OPEN_EXPIRES:
	case FSM_EV_IDLE_HOLD_EXPIRES:
	case FSM_EV_BGP_OPEN_DELAYED:
	case FSM_EV_BGP_OPEN_MSG_ERR:
		return fsm_error(FSM_ESTABLISHED, ev, o);
	}
	assert(!"unknown event");
	return out_to(FSM_ESTABLISHED, 0);
}

struct fsm_out
fsm_step(enum fsm_state s, enum fsm_event ev, const struct fsm_opts *o)
{
	assert(o != NULL);
	assert(ev >= FSM_EV_FIRST && ev <= FSM_EV_LAST);

	switch (s) {
	case FSM_IDLE:
		return step_idle(ev, o);
	case FSM_CONNECT:
		return step_connect(ev, o);
	case FSM_ACTIVE:
		return step_active(ev, o);
	case FSM_OPENSENT:
		return step_opensent(ev, o);
	case FSM_OPENCONFIRM:
		return step_openconfirm(ev, o);
	case FSM_ESTABLISHED:
		return step_established(ev, o);
	case FSM_STATE_COUNT:
		break;
	}
	assert(!"invalid state");
	return out_to(FSM_IDLE, 0);
}

const char *
fsm_state_name(enum fsm_state s)
{
	static const char *const names[FSM_STATE_COUNT] = {
		[FSM_IDLE] = "Idle",
		[FSM_CONNECT] = "Connect",
		[FSM_ACTIVE] = "Active",
		[FSM_OPENSENT] = "OpenSent",
		[FSM_OPENCONFIRM] = "OpenConfirm",
		[FSM_ESTABLISHED] = "Established",
	};

	if ((unsigned)s >= FSM_STATE_COUNT)
		return "?";
	return names[s];
}

const char *
fsm_event_name(enum fsm_event ev)
{
	static const char *const names[FSM_EV_LAST + 1] = {
		[FSM_EV_MANUAL_START] = "ManualStart",
		[FSM_EV_MANUAL_STOP] = "ManualStop",
		[FSM_EV_AUTO_START] = "AutomaticStart",
		[FSM_EV_MANUAL_START_PASSIVE] =
		    "ManualStart_with_PassiveTcpEstablishment",
		[FSM_EV_AUTO_START_PASSIVE] =
		    "AutomaticStart_with_PassiveTcpEstablishment",
		[FSM_EV_AUTO_START_DAMP] =
		    "AutomaticStart_with_DampPeerOscillations",
		[FSM_EV_AUTO_START_DAMP_PASSIVE] =
		    "AutomaticStart_with_DampPeerOscillations_and_PassiveTcpEstablishment",
		[FSM_EV_AUTO_STOP] = "AutomaticStop",
		[FSM_EV_CONNECT_RETRY_EXPIRES] = "ConnectRetryTimer_Expires",
		[FSM_EV_HOLD_EXPIRES] = "HoldTimer_Expires",
		[FSM_EV_KEEPALIVE_EXPIRES] = "KeepaliveTimer_Expires",
		[FSM_EV_DELAY_OPEN_EXPIRES] = "DelayOpenTimer_Expires",
		[FSM_EV_IDLE_HOLD_EXPIRES] = "IdleHoldTimer_Expires",
		[FSM_EV_TCP_VALID] = "TcpConnection_Valid",
		[FSM_EV_TCP_CR_INVALID] = "Tcp_CR_Invalid",
		[FSM_EV_TCP_CR_ACKED] = "Tcp_CR_Acked",
		[FSM_EV_TCP_CONFIRMED] = "TcpConnectionConfirmed",
		[FSM_EV_TCP_FAILS] = "TcpConnectionFails",
		[FSM_EV_BGP_OPEN] = "BGPOpen",
		[FSM_EV_BGP_OPEN_DELAYED] =
		    "BGPOpen with DelayOpenTimer running",
		[FSM_EV_BGP_HEADER_ERR] = "BGPHeaderErr",
		[FSM_EV_BGP_OPEN_MSG_ERR] = "BGPOpenMsgErr",
		[FSM_EV_OPEN_COLLISION_DUMP] = "OpenCollisionDump",
		[FSM_EV_NOTIF_MSG_VER_ERR] = "NotifMsgVerErr",
		[FSM_EV_NOTIF_MSG] = "NotifMsg",
		[FSM_EV_KEEPALIVE_MSG] = "KeepAliveMsg",
		[FSM_EV_UPDATE_MSG] = "UpdateMsg",
		[FSM_EV_UPDATE_MSG_ERR] = "UpdateMsgErr",
	};

	if (ev < FSM_EV_FIRST || ev > FSM_EV_LAST)
		return "?";
	return names[ev];
}

const char *
fsm_action_name(uint32_t bit)
{
	static const char *const names[FSM_A_COUNT] = {
		"cr-start", "cr-stop", "hold-large", "hold-start",
		"hold-stop", "ka-start", "ka-stop", "delay-start",
		"delay-stop", "idlehold-start", "init", "release",
		"connect", "listen", "drop", "reject", "track",
		"send-open", "send-keepalive", "send-notify", "crc-zero",
		"crc-inc", "damp", "process-open", "process-update",
		"delete-routes",
	};
	unsigned i;

	if (bit == 0 || (bit & (bit - 1)) != 0)
		return "?";
	for (i = 0; i < FSM_A_COUNT; i++)
		if (bit == 1u << i)
			return names[i];
	return "?";
}

enum fsm_conn
fsm_collision_keep(uint32_t local_id, uint32_t remote_id, uint32_t local_as,
    uint32_t remote_as)
{
	if (local_id != remote_id)
		return local_id > remote_id ? FSM_CONN_OUTBOUND :
		    FSM_CONN_INBOUND;
	/* RFC 6286 2.3: equal identifiers, the larger AS initiated wins. */
	return local_as > remote_as ? FSM_CONN_OUTBOUND : FSM_CONN_INBOUND;
}

enum fsm_collide
fsm_collision_resolve(enum fsm_state existing, enum fsm_conn new_dir,
    uint32_t local_id, uint32_t remote_id, uint32_t local_as,
    uint32_t remote_as, bool collision_established)
{
	enum fsm_conn keep;

	switch (existing) {
	case FSM_IDLE:
	case FSM_CONNECT:
	case FSM_ACTIVE:
	case FSM_STATE_COUNT:
		return FSM_COLLIDE_NONE;
	case FSM_ESTABLISHED:
		if (!collision_established)
			return FSM_COLLIDE_CLOSE_NEW;
		break;
	case FSM_OPENSENT:
	case FSM_OPENCONFIRM:
		break;
	}
	keep = fsm_collision_keep(local_id, remote_id, local_as, remote_as);
	return keep == new_dir ? FSM_COLLIDE_CLOSE_EXISTING :
	    FSM_COLLIDE_CLOSE_NEW;
}

uint32_t
fsm_jitter_ms(uint32_t base_ms, uint32_t rnd)
{
	uint64_t cut;

	/* cut = base * (1 - rnd / 2^32) / 4, in [0, base / 4]. */
	cut = ((uint64_t)base_ms * (UINT32_MAX - (uint64_t)rnd)) >> 34;
	return base_ms - (uint32_t)cut;
}

uint32_t
fsm_retry_ms(uint32_t base_ms, uint32_t max_ms, uint32_t counter,
    uint32_t rnd)
{
	uint64_t v = base_ms;

	if (max_ms < base_ms)
		max_ms = base_ms;
	while (counter-- > 0 && v < max_ms)
		v *= 2;
	if (v > max_ms)
		v = max_ms;
	return fsm_jitter_ms((uint32_t)v, rnd);
}
