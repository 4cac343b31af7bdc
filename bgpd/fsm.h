/*
 * The BGP finite state machine of RFC 4271 section 8 as a pure function of
 * (state, event, options): it returns the next state and a set of actions
 * (FSM_A_* bits) that the session layer performs. The FSM owns no socket,
 * timer, clock or buffer and does not log; it only decides. Connection
 * collision resolution (RFC 4271 6.8, RFC 6286 2.3) and the ConnectRetry
 * jitter and backoff (RFC 4271 section 10) are separate pure functions here.
 * NOTIFICATION codes follow RFC 4271 4.5 and RFC 6608 (FSM error subcodes).
 *
 * How the session layer drives it (one FSM per TCP connection, RFC 4271
 * 8.2.1; an inbound connection gets its own FSM until collision resolution
 * disposes of one of the two):
 *
 *   1. Turn what happened into one enum fsm_event. For a received OPEN, first
 *      decode and validate it (wire codec); a valid OPEN is FSM_EV_BGP_OPEN,
 *      or FSM_EV_BGP_OPEN_DELAYED while the DelayOpenTimer runs; an invalid
 *      one is FSM_EV_BGP_OPEN_MSG_ERR. Compute the negotiated hold time and
 *      set opts.hold_zero before stepping. For an OPEN in OpenSent, run
 *      fsm_collision_resolve() first and deliver FSM_EV_OPEN_COLLISION_DUMP to
 *      the connection that loses. An UPDATE whose verdict is WIRE_RESET is
 *      FSM_EV_UPDATE_MSG_ERR; every other verdict (including treat-as-
 *      withdraw, RFC 7606) is FSM_EV_UPDATE_MSG.
 *   2. Fill struct fsm_opts from the configuration and from the facts only
 *      the caller knows (is the DelayOpenTimer running, is the negotiated
 *      hold time zero, did collision resolution pick this connection).
 *   3. Call fsm_step() and perform the actions in this order:
 *        a. stop timers: FSM_A_CR_STOP, FSM_A_DELAY_STOP, FSM_A_HOLD_STOP,
 *           FSM_A_KA_STOP (stopping a timer that does not run is a no-op);
 *        b. FSM_A_INIT (allocate per-connection resources), then
 *           FSM_A_PROCESS_OPEN (commit the negotiated hold time,
 *           capabilities and iBGP/eBGP status of the OPEN just received);
 *        c. transmit: FSM_A_SEND_OPEN, then FSM_A_SEND_KEEPALIVE, then
 *           FSM_A_SEND_NOTIFY (code and subcode in struct fsm_out; when
 *           notify_detail is set, subcode and data come from the decoder's
 *           struct wire_err of the message that caused the event); a
 *           NOTIFICATION is written before the connection is dropped;
 *        d. FSM_A_PROCESS_UPDATE (hand the UPDATE to the RIB),
 *           FSM_A_DELETE_ROUTES (withdraw every route learned on this
 *           connection);
 *        e. FSM_A_DROP (close this TCP connection), FSM_A_REJECT (close the
 *           incoming connection the event was about, keep this one),
 *           FSM_A_RELEASE (free per-connection resources);
 *        f. counters: FSM_A_CRC_ZERO or FSM_A_CRC_INC (ConnectRetryCounter),
 *           then FSM_A_DAMP (peer oscillation damping, e.g. grow the
 *           IdleHoldTime);
 *        g. start timers: FSM_A_CR_START (ConnectRetryTimer, value from
 *           fsm_retry_ms()), FSM_A_DELAY_START, FSM_A_HOLD_LARGE
 *           (FSM_HOLD_LARGE_S), FSM_A_HOLD_START (negotiated hold time),
 *           FSM_A_KA_START (keepalive time, jittered), FSM_A_IDLEHOLD_START;
 *        h. sockets: FSM_A_CONNECT (initiate a TCP connection), FSM_A_LISTEN
 *           (accept connections from this peer), FSM_A_TRACK (keep the
 *           second connection, with its own FSM, for collision detection);
 *        i. set the state to out.next; log a state change when it differs.
 *   4. Outside the FSM: restart the KeepaliveTimer each time a KEEPALIVE or
 *      UPDATE is sent, unless the negotiated hold time is zero (RFC 4271
 *      8.2.2 Established); after a transition into Idle, restart the peer
 *      with an automatic start event once the operator has not stopped it.
 */
#ifndef XR_BGPD_FSM_H
#define XR_BGPD_FSM_H

#include <stdbool.h>
#include <stdint.h>

/* RFC 4271 8.2.2: "a HoldTimer value of 4 minutes is suggested". */
#define FSM_HOLD_LARGE_S 240
/* RFC 4271 10: suggested ConnectRetryTime; SPEC 4.1 uses 5 s on links. */
#define FSM_CONNECT_RETRY_S 120
#define FSM_CONNECT_RETRY_LINK_S 5

/* RFC 6608 Finite State Machine Error subcodes (code WIRE_ERR_FSM). */
enum {
	FSM_ERR_UNSPECIFIED = 0,
	FSM_ERR_OPENSENT = 1,		/* unexpected message in OpenSent */
	FSM_ERR_OPENCONFIRM = 2,	/* unexpected message in OpenConfirm */
	FSM_ERR_ESTABLISHED = 3,	/* unexpected message in Established */
};

/* RFC 4486 Cease subcode used by the collision resolution. */
#define FSM_CEASE_COLLISION 7

enum fsm_state {
	FSM_IDLE,
	FSM_CONNECT,
	FSM_ACTIVE,
	FSM_OPENSENT,
	FSM_OPENCONFIRM,
	FSM_ESTABLISHED,
	FSM_STATE_COUNT
};

/* RFC 4271 8.1 events; the value is the RFC event number. */
enum fsm_event {
	FSM_EV_MANUAL_START = 1,
	FSM_EV_MANUAL_STOP = 2,
	FSM_EV_AUTO_START = 3,
	FSM_EV_MANUAL_START_PASSIVE = 4,
	FSM_EV_AUTO_START_PASSIVE = 5,
	FSM_EV_AUTO_START_DAMP = 6,
	FSM_EV_AUTO_START_DAMP_PASSIVE = 7,
	FSM_EV_AUTO_STOP = 8,
	FSM_EV_CONNECT_RETRY_EXPIRES = 9,
	FSM_EV_HOLD_EXPIRES = 10,
	FSM_EV_KEEPALIVE_EXPIRES = 11,
	FSM_EV_DELAY_OPEN_EXPIRES = 12,
	FSM_EV_IDLE_HOLD_EXPIRES = 13,
	FSM_EV_TCP_VALID = 14,
	FSM_EV_TCP_CR_INVALID = 15,
	FSM_EV_TCP_CR_ACKED = 16,
	FSM_EV_TCP_CONFIRMED = 17,
	FSM_EV_TCP_FAILS = 18,
	FSM_EV_BGP_OPEN = 19,
	FSM_EV_BGP_OPEN_DELAYED = 20,
	FSM_EV_BGP_HEADER_ERR = 21,
	FSM_EV_BGP_OPEN_MSG_ERR = 22,
	FSM_EV_OPEN_COLLISION_DUMP = 23,
	FSM_EV_NOTIF_MSG_VER_ERR = 24,
	FSM_EV_NOTIF_MSG = 25,
	FSM_EV_KEEPALIVE_MSG = 26,
	FSM_EV_UPDATE_MSG = 27,
	FSM_EV_UPDATE_MSG_ERR = 28,
};
#define FSM_EV_FIRST FSM_EV_MANUAL_START
#define FSM_EV_LAST FSM_EV_UPDATE_MSG_ERR

/* Actions; see the order of execution in the header comment. */
enum {
	FSM_A_CR_START = 1u << 0,	/* (re)start ConnectRetryTimer */
	FSM_A_CR_STOP = 1u << 1,	/* stop ConnectRetryTimer, set to 0 */
	FSM_A_HOLD_LARGE = 1u << 2,	/* start HoldTimer, FSM_HOLD_LARGE_S */
	FSM_A_HOLD_START = 1u << 3,	/* (re)start HoldTimer, negotiated */
	FSM_A_HOLD_STOP = 1u << 4,
	FSM_A_KA_START = 1u << 5,	/* (re)start KeepaliveTimer */
	FSM_A_KA_STOP = 1u << 6,
	FSM_A_DELAY_START = 1u << 7,	/* DelayOpenTimer to DelayOpenTime */
	FSM_A_DELAY_STOP = 1u << 8,
	FSM_A_IDLEHOLD_START = 1u << 9,	/* IdleHoldTimer to IdleHoldTime */
	FSM_A_INIT = 1u << 10,		/* initialise BGP resources */
	FSM_A_RELEASE = 1u << 11,	/* release all BGP resources */
	FSM_A_CONNECT = 1u << 12,	/* initiate a TCP connection */
	FSM_A_LISTEN = 1u << 13,	/* listen for the peer's connection */
	FSM_A_DROP = 1u << 14,		/* drop this TCP connection */
	FSM_A_REJECT = 1u << 15,	/* reject the incoming connection */
	FSM_A_TRACK = 1u << 16,		/* track a second connection */
	FSM_A_SEND_OPEN = 1u << 17,
	FSM_A_SEND_KEEPALIVE = 1u << 18,
	FSM_A_SEND_NOTIFY = 1u << 19,	/* notify_code / notify_subcode */
	FSM_A_CRC_ZERO = 1u << 20,	/* ConnectRetryCounter = 0 */
	FSM_A_CRC_INC = 1u << 21,	/* ConnectRetryCounter += 1 */
	FSM_A_DAMP = 1u << 22,		/* peer oscillation damping */
	FSM_A_PROCESS_OPEN = 1u << 23,	/* commit the OPEN's parameters */
	FSM_A_PROCESS_UPDATE = 1u << 24, /* deliver the UPDATE */
	FSM_A_DELETE_ROUTES = 1u << 25,	/* routes of this connection */
};
#define FSM_A_COUNT 26

/*
 * Session attributes (RFC 4271 8, optional attributes) and the run-time
 * facts a transition depends on. All false / zero is a plain active peer
 * without optional features.
 */
struct fsm_opts {
	bool passive;		/* PassiveTcpEstablishment: start events act
				   as their passive variant; never connect */
	bool delay_open;	/* DelayOpen */
	bool delay_open_running;	/* the DelayOpenTimer runs now */
	bool notify_without_open;	/* SendNOTIFICATIONwithoutOPEN */
	bool damp;		/* DampPeerOscillations */
	bool collision_established;	/* CollisionDetectEstablishedState */
	bool collision_lose;	/* 6.8 resolution closes this connection;
				   read on FSM_EV_BGP_OPEN in OpenConfirm
				   and Established */
	bool hold_zero;		/* the negotiated hold time is 0 */
	uint8_t stop_subcode;	/* Cease subcode sent on ManualStop and
				   AutomaticStop (RFC 4486, SPEC 4.4: 2 admin
				   shutdown, 1 prefix limit, ...); 0 = none */
};

struct fsm_out {
	enum fsm_state next;
	uint32_t actions;	/* FSM_A_* */
	uint8_t notify_code;	/* with FSM_A_SEND_NOTIFY: wire_notify_code */
	uint8_t notify_subcode;
	bool notify_detail;	/* subcode and data come from the decoder's
				   struct wire_err (events 21, 22, 28) */
};

/*
 * One transition of RFC 4271 8.2.2: the next state and the actions for event
 * ev in state s under options o (borrowed). Every (state, event) pair has a
 * defined result; events the RFC ignores in a state return s and no action.
 * s must be a valid state and ev in FSM_EV_FIRST..FSM_EV_LAST (asserted).
 */
struct fsm_out fsm_step(enum fsm_state s, enum fsm_event ev,
    const struct fsm_opts *o);

/* RFC 4271 name of a state ("Idle", "OpenSent", ...); "?" if out of range. */
const char *fsm_state_name(enum fsm_state s);
/* RFC 4271 8.1 name of an event ("ManualStart", ...); "?" if out of range. */
const char *fsm_event_name(enum fsm_event ev);
/* Short name of one FSM_A_* bit ("cr-start", ...); "?" if not exactly one. */
const char *fsm_action_name(uint32_t bit);

/* Which side opened a TCP connection, from the local speaker's view. */
enum fsm_conn {
	FSM_CONN_INBOUND,	/* the peer connected to us */
	FSM_CONN_OUTBOUND,	/* we connected to the peer */
};

/* What collision resolution asks for. */
enum fsm_collide {
	FSM_COLLIDE_NONE,	/* no collision detectable: keep both */
	FSM_COLLIDE_CLOSE_EXISTING,	/* OpenCollisionDump to the existing */
	FSM_COLLIDE_CLOSE_NEW,	/* OpenCollisionDump to the new one */
};

/*
 * RFC 4271 6.8 with RFC 6286 2.3: which of two connections to one peer to
 * keep. The connection initiated by the speaker with the higher BGP
 * Identifier (host byte order) survives; with equal identifiers, the one
 * initiated by the speaker with the larger AS number (identifier and AS both
 * equal cannot pass OPEN validation; the inbound one is kept then).
 * Returns the direction of the connection to keep; the other one is closed
 * with NOTIFICATION Cease / FSM_CEASE_COLLISION.
 */
enum fsm_conn fsm_collision_keep(uint32_t local_id, uint32_t remote_id,
    uint32_t local_as, uint32_t remote_as);

/*
 * Full RFC 4271 6.8 decision when a valid OPEN arrives on a new connection
 * (direction new_dir) while another connection to the same peer exists in
 * state existing. Connections in Idle, Connect or Active cannot collide
 * (NONE). OpenSent and OpenConfirm take part (the new OPEN gives the peer's
 * identifier; the shared peer address is the means outside the protocol for
 * OpenSent). Established takes part only with collision_established;
 * otherwise the new connection is closed. Identifiers in host byte order.
 */
enum fsm_collide fsm_collision_resolve(enum fsm_state existing,
    enum fsm_conn new_dir, uint32_t local_id, uint32_t remote_id,
    uint32_t local_as, uint32_t remote_as, bool collision_established);

/*
 * RFC 4271 10 jitter: base_ms multiplied by a factor uniformly spread over
 * [0.75, 1.0] as rnd goes over 0..UINT32_MAX (the caller supplies a random
 * value, so tests are exact).
 */
uint32_t fsm_jitter_ms(uint32_t base_ms, uint32_t rnd);

/*
 * ConnectRetryTimer (or IdleHoldTimer) value: base_ms doubled once per
 * unsuccessful attempt counted in counter, capped at max_ms (max_ms <=
 * base_ms gives a constant interval, SPEC 4.1 links), then jittered with
 * fsm_jitter_ms(). Never 0 when base_ms > 0.
 */
uint32_t fsm_retry_ms(uint32_t base_ms, uint32_t max_ms, uint32_t counter,
    uint32_t rnd);

#endif
