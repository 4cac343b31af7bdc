/*
 * Unit tests for bgpd/fsm.c: the RFC 4271 8.2.2 transition table written out
 * by hand from the RFC text (every state x every event with plain options,
 * plus the rows whose outcome depends on an option), collision resolution
 * (RFC 4271 6.8, RFC 6286 2.3) and ConnectRetry jitter and backoff.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bgpd/fsm.h"
#include "bgpd/wire.h"

/* Short names so one table row fits on a line. */
#define ID FSM_IDLE
#define CO FSM_CONNECT
#define AC FSM_ACTIVE
#define OS FSM_OPENSENT
#define OC FSM_OPENCONFIRM
#define ES FSM_ESTABLISHED

#define CRS FSM_A_CR_START
#define CRX FSM_A_CR_STOP
#define HL FSM_A_HOLD_LARGE
#define HS FSM_A_HOLD_START
#define HX FSM_A_HOLD_STOP
#define KS FSM_A_KA_START
#define KX FSM_A_KA_STOP
#define DS FSM_A_DELAY_START
#define DX FSM_A_DELAY_STOP
#define IHS FSM_A_IDLEHOLD_START
#define INI FSM_A_INIT
#define CONN FSM_A_CONNECT
#define LIS FSM_A_LISTEN
#define DROP FSM_A_DROP
#define REJ FSM_A_REJECT
#define TRK FSM_A_TRACK
#define SO FSM_A_SEND_OPEN
#define SK FSM_A_SEND_KEEPALIVE
#define CZ FSM_A_CRC_ZERO
#define CI FSM_A_CRC_INC
#define DMP FSM_A_DAMP
#define PO FSM_A_PROCESS_OPEN
#define PU FSM_A_PROCESS_UPDATE
#define DEL FSM_A_DELETE_ROUTES
/* "releases all BGP resources": resources and every connection timer. */
#define REL (FSM_A_RELEASE | DX | HX | KX)
/* ConnectRetryTimer to zero, release, drop, ConnectRetryCounter + 1. */
#define FAIL (CRX | REL | DROP | CI)
#define START (INI | CZ | CRS | LIS)

/* Option sets; every one sends Cease / Administrative Shutdown on stops. */
static const struct fsm_opts P = { .stop_subcode = 2 };
static const struct fsm_opts PAS = { .passive = true, .stop_subcode = 2 };
static const struct fsm_opts DMPO = { .damp = true, .stop_subcode = 2 };
static const struct fsm_opts DLY = { .delay_open = true, .stop_subcode = 2 };
static const struct fsm_opts DRUN = { .delay_open = true,
	.delay_open_running = true, .stop_subcode = 2 };
static const struct fsm_opts NWO = { .notify_without_open = true,
	.stop_subcode = 2 };
static const struct fsm_opts NWOD = { .notify_without_open = true,
	.delay_open = true, .delay_open_running = true, .stop_subcode = 2 };
static const struct fsm_opts H0 = { .hold_zero = true, .stop_subcode = 2 };
static const struct fsm_opts LOSE = { .collision_lose = true,
	.stop_subcode = 2 };
static const struct fsm_opts CEST = { .collision_established = true,
	.stop_subcode = 2 };
static const struct fsm_opts CESTL = { .collision_established = true,
	.collision_lose = true, .stop_subcode = 2 };
static const struct fsm_opts ADMRST = { .stop_subcode = 4 };

struct row {
	enum fsm_state s;
	int ev;
	const struct fsm_opts *o;
	const char *oname;	/* name of the option set, for the test name */
	enum fsm_state next;
	uint32_t actions;	/* without FSM_A_SEND_NOTIFY */
	int code;		/* NOTIFICATION code, -1 if none */
	int sub;
	bool detail;
};

/* A row without NOTIFICATION, and one with. */
#define R(s, ev, o, n, a) { s, ev, &o, #o, n, a, -1, 0, false }
#define N(s, ev, o, n, a, c, sc) { s, ev, &o, #o, n, a, c, sc, false }
#define ND(s, ev, o, n, a, c) { s, ev, &o, #o, n, a, c, 0, true }

static const struct row rows[] = {
	/* Idle. */
	R(ID, 1, P, CO, START | CONN),
	R(ID, 1, PAS, AC, START),
	R(ID, 2, P, ID, 0),
	R(ID, 3, P, CO, START | CONN),
	R(ID, 3, PAS, AC, START),
	R(ID, 4, P, AC, START),
	R(ID, 5, P, AC, START),
	R(ID, 6, P, CO, START | CONN),
	R(ID, 6, PAS, AC, START),
	R(ID, 6, DMPO, ID, IHS),
	R(ID, 7, P, AC, START),
	R(ID, 7, DMPO, ID, IHS),
	R(ID, 8, P, ID, 0),
	R(ID, 9, P, ID, 0),
	R(ID, 10, P, ID, 0),
	R(ID, 11, P, ID, 0),
	R(ID, 12, P, ID, 0),
	R(ID, 13, P, CO, START | CONN),
	R(ID, 13, DMPO, CO, START | CONN),
	R(ID, 13, PAS, AC, START),
	R(ID, 14, P, ID, REJ),
	R(ID, 15, P, ID, REJ),
	R(ID, 16, P, ID, REJ),
	R(ID, 17, P, ID, REJ),
	R(ID, 18, P, ID, 0),
	R(ID, 19, P, ID, 0),
	R(ID, 20, P, ID, 0),
	R(ID, 21, P, ID, 0),
	R(ID, 22, P, ID, 0),
	R(ID, 23, P, ID, 0),
	R(ID, 24, P, ID, 0),
	R(ID, 25, P, ID, 0),
	R(ID, 26, P, ID, 0),
	R(ID, 27, P, ID, 0),
	R(ID, 28, P, ID, 0),
	/* Connect. */
	R(CO, 1, P, CO, 0),
	R(CO, 2, P, ID, DROP | REL | CZ | CRX),
	R(CO, 3, P, CO, 0),
	R(CO, 4, P, CO, 0),
	R(CO, 5, P, CO, 0),
	R(CO, 6, P, CO, 0),
	R(CO, 7, P, CO, 0),
	R(CO, 8, P, ID, FAIL),
	R(CO, 8, DMPO, ID, FAIL | DMP),
	R(CO, 9, P, CO, DROP | CRS | DX | CONN),
	R(CO, 10, P, ID, FAIL),
	R(CO, 11, P, ID, FAIL),
	R(CO, 12, P, OS, INI | SO | HL),
	R(CO, 13, P, ID, FAIL),
	R(CO, 14, P, CO, 0),
	R(CO, 15, P, CO, REJ),
	R(CO, 16, P, OS, CRX | INI | SO | HL),
	R(CO, 16, DLY, CO, CRX | DS),
	R(CO, 17, P, OS, CRX | INI | SO | HL),
	R(CO, 17, DLY, CO, CRX | DS),
	R(CO, 18, P, ID, CRX | DROP | REL),
	R(CO, 18, DRUN, AC, CRS | DX | DROP),
	R(CO, 19, P, ID, FAIL),
	R(CO, 20, P, OC, CRX | INI | DX | PO | SO | SK | KS | HS),
	R(CO, 20, H0, OC, CRX | INI | DX | PO | SO | SK | KX | HX),
	R(CO, 21, P, ID, FAIL),
	ND(CO, 21, NWO, ID, FAIL, 1),
	R(CO, 22, P, ID, FAIL),
	ND(CO, 22, NWO, ID, FAIL, 2),
	R(CO, 22, DMPO, ID, FAIL | DMP),
	R(CO, 23, P, ID, FAIL),
	R(CO, 24, P, ID, FAIL),
	R(CO, 24, DRUN, ID, CRX | REL | DROP),
	R(CO, 25, P, ID, FAIL),
	R(CO, 26, P, ID, FAIL),
	R(CO, 27, P, ID, FAIL),
	R(CO, 28, P, ID, FAIL),
	/* Active. */
	R(AC, 1, P, AC, 0),
	R(AC, 2, P, ID, REL | DROP | CZ | CRX),
	R(AC, 2, NWO, ID, REL | DROP | CZ | CRX),
	N(AC, 2, NWOD, ID, REL | DROP | CZ | CRX, 6, 2),
	R(AC, 3, P, AC, 0),
	R(AC, 4, P, AC, 0),
	R(AC, 5, P, AC, 0),
	R(AC, 6, P, AC, 0),
	R(AC, 7, P, AC, 0),
	R(AC, 8, P, ID, FAIL),
	R(AC, 9, P, CO, CRS | CONN),
	R(AC, 9, PAS, AC, CRS),
	R(AC, 10, P, ID, FAIL),
	R(AC, 11, P, ID, FAIL),
	R(AC, 12, P, OS, CRX | DX | INI | SO | HL),
	R(AC, 13, P, ID, FAIL),
	R(AC, 14, P, AC, 0),
	R(AC, 15, P, AC, REJ),
	R(AC, 16, P, OS, CRX | INI | SO | HL),
	R(AC, 16, DLY, AC, CRX | DS),
	R(AC, 17, P, OS, CRX | INI | SO | HL),
	R(AC, 17, DLY, AC, CRX | DS),
	R(AC, 18, P, ID, CRS | REL | DROP | CI),
	R(AC, 18, DMPO, ID, CRS | REL | DROP | CI | DMP),
	R(AC, 19, P, ID, FAIL),
	R(AC, 20, P, OC, CRX | INI | DX | PO | SO | SK | KS | HS),
	R(AC, 20, H0, OC, CRX | INI | DX | PO | SO | SK | KX | HX),
	R(AC, 21, P, ID, FAIL),
	ND(AC, 21, NWO, ID, FAIL, 1),
	R(AC, 22, P, ID, FAIL),
	ND(AC, 22, NWO, ID, FAIL, 2),
	R(AC, 23, P, ID, FAIL),
	R(AC, 24, P, ID, FAIL),
	R(AC, 24, DRUN, ID, CRX | REL | DROP),
	R(AC, 25, P, ID, FAIL),
	R(AC, 26, P, ID, FAIL),
	R(AC, 27, P, ID, FAIL),
	R(AC, 28, P, ID, FAIL),
	/* OpenSent. */
	R(OS, 1, P, OS, 0),
	N(OS, 2, P, ID, CRX | REL | DROP | CZ, 6, 2),
	N(OS, 2, ADMRST, ID, CRX | REL | DROP | CZ, 6, 4),
	R(OS, 3, P, OS, 0),
	R(OS, 4, P, OS, 0),
	R(OS, 5, P, OS, 0),
	R(OS, 6, P, OS, 0),
	R(OS, 7, P, OS, 0),
	N(OS, 8, P, ID, FAIL, 6, 2),
	N(OS, 8, DMPO, ID, FAIL | DMP, 6, 2),
	N(OS, 9, P, ID, FAIL, 5, 0),
	N(OS, 10, P, ID, FAIL, 4, 0),
	N(OS, 11, P, ID, FAIL, 5, 0),
	N(OS, 12, P, ID, FAIL, 5, 0),
	N(OS, 13, P, ID, FAIL, 5, 0),
	R(OS, 14, P, OS, TRK),
	R(OS, 15, P, OS, 0),
	R(OS, 16, P, OS, TRK),
	R(OS, 17, P, OS, TRK),
	R(OS, 18, P, AC, DROP | CRS | HX),
	R(OS, 19, P, OC, DX | CRX | PO | SK | KS | HS),
	R(OS, 19, H0, OC, DX | CRX | PO | SK | KX | HX),
	N(OS, 20, P, ID, FAIL, 5, 1),
	ND(OS, 21, P, ID, FAIL, 1),
	ND(OS, 22, P, ID, FAIL, 2),
	N(OS, 23, P, ID, FAIL, 6, 7),
	R(OS, 24, P, ID, CRX | REL | DROP),
	R(OS, 24, DMPO, ID, CRX | REL | DROP),
	N(OS, 25, P, ID, FAIL, 5, 1),
	N(OS, 26, P, ID, FAIL, 5, 1),
	N(OS, 27, P, ID, FAIL, 5, 1),
	N(OS, 28, P, ID, FAIL, 5, 1),
	/* OpenConfirm. */
	R(OC, 1, P, OC, 0),
	N(OC, 2, P, ID, REL | DROP | CZ | CRX, 6, 2),
	R(OC, 3, P, OC, 0),
	R(OC, 4, P, OC, 0),
	R(OC, 5, P, OC, 0),
	R(OC, 6, P, OC, 0),
	R(OC, 7, P, OC, 0),
	N(OC, 8, P, ID, FAIL, 6, 2),
	N(OC, 9, P, ID, FAIL, 5, 0),
	N(OC, 10, P, ID, FAIL, 4, 0),
	N(OC, 10, DMPO, ID, FAIL | DMP, 4, 0),
	R(OC, 11, P, OC, SK | KS),
	N(OC, 12, P, ID, FAIL, 5, 0),
	N(OC, 13, P, ID, FAIL, 5, 0),
	R(OC, 14, P, OC, TRK),
	R(OC, 15, P, OC, 0),
	R(OC, 16, P, OC, TRK),
	R(OC, 17, P, OC, TRK),
	R(OC, 18, P, ID, FAIL),
	R(OC, 18, DMPO, ID, FAIL | DMP),
	R(OC, 19, P, OC, 0),
	N(OC, 19, LOSE, ID, FAIL, 6, 7),
	N(OC, 20, P, ID, FAIL, 5, 2),
	ND(OC, 21, P, ID, FAIL, 1),
	ND(OC, 22, P, ID, FAIL, 2),
	N(OC, 23, P, ID, FAIL, 6, 7),
	R(OC, 24, P, ID, CRX | REL | DROP),
	R(OC, 25, P, ID, FAIL),
	R(OC, 26, P, ES, HS),
	R(OC, 26, H0, ES, 0),
	N(OC, 27, P, ID, FAIL, 5, 2),
	N(OC, 28, P, ID, FAIL, 5, 2),
	/* Established. */
	R(ES, 1, P, ES, 0),
	N(ES, 2, P, ID, CRX | DEL | REL | DROP | CZ, 6, 2),
	R(ES, 3, P, ES, 0),
	R(ES, 4, P, ES, 0),
	R(ES, 5, P, ES, 0),
	R(ES, 6, P, ES, 0),
	R(ES, 7, P, ES, 0),
	N(ES, 8, P, ID, FAIL | DEL, 6, 2),
	N(ES, 9, P, ID, FAIL | DEL, 5, 0),
	N(ES, 10, P, ID, FAIL | DEL, 4, 0),
	R(ES, 11, P, ES, SK | KS),
	R(ES, 11, H0, ES, SK),
	N(ES, 12, P, ID, FAIL | DEL, 5, 0),
	N(ES, 13, P, ID, FAIL | DEL, 5, 0),
	R(ES, 14, P, ES, TRK),
	R(ES, 15, P, ES, 0),
	R(ES, 16, P, ES, TRK),
	R(ES, 17, P, ES, TRK),
	R(ES, 18, P, ID, CRX | DEL | REL | DROP | CI),
	R(ES, 18, DMPO, ID, CRX | DEL | REL | DROP | CI),
	R(ES, 19, P, ES, 0),
	R(ES, 19, LOSE, ES, 0),
	R(ES, 19, CEST, ES, 0),
	N(ES, 19, CESTL, ID, FAIL | DEL, 6, 7),
	N(ES, 20, P, ID, FAIL | DEL, 5, 3),
	ND(ES, 21, P, ID, FAIL | DEL, 1),
	N(ES, 22, P, ID, FAIL | DEL, 5, 3),
	R(ES, 23, P, ES, 0),
	N(ES, 23, CEST, ID, FAIL | DEL, 6, 7),
	R(ES, 24, P, ID, CRX | DEL | REL | DROP | CI),
	R(ES, 25, P, ID, CRX | DEL | REL | DROP | CI),
	R(ES, 26, P, ES, HS),
	R(ES, 26, H0, ES, 0),
	R(ES, 27, P, ES, PU | HS),
	R(ES, 27, H0, ES, PU),
	ND(ES, 28, P, ID, FAIL | DEL, 3),
	ND(ES, 28, DMPO, ID, FAIL | DEL | DMP, 3),
};

/* Print the action bits by name, for a readable failure message. */
static void
actions_print(uint32_t a, char *buf, size_t size)
{
	size_t n = 0;
	unsigned i;

	buf[0] = '\0';
	for (i = 0; i < FSM_A_COUNT && n < size; i++)
		if (a & (1u << i))
			n += (size_t)snprintf(buf + n, size - n, "%s ",
			    fsm_action_name(1u << i));
}

/* Check one row; print every difference and return false on mismatch. */
static bool
row_check(const struct row *r)
{
	struct fsm_out out = fsm_step(r->s, (enum fsm_event)r->ev, r->o);
	uint32_t a = out.actions & ~(uint32_t)FSM_A_SEND_NOTIFY;
	bool notify = out.actions & FSM_A_SEND_NOTIFY;
	char want[512], got[512];
	bool ok = true;

	if (out.next != r->next || a != r->actions) {
		actions_print(r->actions, want, sizeof(want));
		actions_print(a, got, sizeof(got));
		print_error("%s + %s: want %s [%s], got %s [%s]\n",
		    fsm_state_name(r->s), fsm_event_name(r->ev),
		    fsm_state_name(r->next), want, fsm_state_name(out.next),
		    got);
		ok = false;
	}
	if (r->code < 0 && !notify)
		return ok;
	if (r->code < 0 || !notify || out.notify_code != r->code ||
	    out.notify_subcode != r->sub || out.notify_detail != r->detail) {
		print_error("%s + %s: want NOTIFICATION %d/%d%s, got %s "
		    "%u/%u%s\n", fsm_state_name(r->s), fsm_event_name(r->ev),
		    r->code, r->sub, r->detail ? " (detail)" : "",
		    notify ? "yes" : "none", out.notify_code,
		    out.notify_subcode, out.notify_detail ? " (detail)" : "");
		ok = false;
	}
	return ok;
}

/* One transition row: the test's initial state is the row. */
static void
test_fsm_row(void **state)
{
	const struct row *r = *state;

	if (!row_check(r))
		fail_msg("%s + %s with options %s", fsm_state_name(r->s),
		    fsm_event_name(r->ev), r->oname);
}

/* Every (state, event) pair has a row with plain options. */
static void
test_fsm_table_complete(void **state)
{
	bool seen[FSM_STATE_COUNT][FSM_EV_LAST + 1];
	size_t i;
	int s, ev;

	(void)state;
	memset(seen, 0, sizeof(seen));
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (rows[i].o == &P)
			seen[rows[i].s][rows[i].ev] = true;
	for (s = 0; s < FSM_STATE_COUNT; s++)
		for (ev = FSM_EV_FIRST; ev <= FSM_EV_LAST; ev++)
			if (!seen[s][ev])
				fail_msg("no row for %s + %s",
				    fsm_state_name((enum fsm_state)s),
				    fsm_event_name((enum fsm_event)ev));
}

/*
 * Invariants over every pair and every option combination: leaving for Idle
 * from a connected state always drops the connection and releases
 * resources; NOTIFICATION only in OpenSent and later (or with
 * SendNOTIFICATIONwithoutOPEN); damping only with DampPeerOscillations.
 */
static void
test_fsm_invariants(void **state)
{
	struct fsm_opts o;
	unsigned bits;
	int s, ev;

	(void)state;
	for (bits = 0; bits < 256; bits++) {
		memset(&o, 0, sizeof(o));
		o.passive = bits & 1;
		o.delay_open = bits & 2;
		o.delay_open_running = (bits & 6) == 6;
		o.notify_without_open = bits & 8;
		o.damp = bits & 16;
		o.collision_established = bits & 32;
		o.collision_lose = bits & 64;
		o.hold_zero = bits & 128;
		for (s = 0; s < FSM_STATE_COUNT; s++) {
			for (ev = FSM_EV_FIRST; ev <= FSM_EV_LAST; ev++) {
				struct fsm_out out = fsm_step(
				    (enum fsm_state)s, (enum fsm_event)ev, &o);

				assert_true(out.next < FSM_STATE_COUNT);
				if (s != FSM_IDLE && out.next == FSM_IDLE) {
					assert_true(out.actions & FSM_A_DROP);
					assert_true(out.actions &
					    FSM_A_RELEASE);
				}
				if (!o.damp)
					assert_false(out.actions & FSM_A_DAMP);
				if ((out.actions & FSM_A_SEND_NOTIFY) &&
				    s < FSM_OPENSENT)
					assert_true(o.notify_without_open);
				if (out.next == FSM_ESTABLISHED ||
				    s == FSM_ESTABLISHED)
					continue;
				assert_false(out.actions &
				    (FSM_A_PROCESS_UPDATE |
				    FSM_A_DELETE_ROUTES));
			}
		}
	}
}

/*
 * A fake session that performs the actions the way fsm.h tells the session
 * layer to, to check that whole sequences leave timers and counters right.
 */
struct fake {
	enum fsm_state st;
	bool cr, hold, hold_large, ka, delay, connected;
	unsigned crc, opens, keepalives, notifies, updates, deletes;
};

static void
fake_step(struct fake *f, enum fsm_event ev, const struct fsm_opts *o)
{
	struct fsm_out out = fsm_step(f->st, ev, o);
	uint32_t a = out.actions;

	f->cr = (f->cr && !(a & CRX)) || (a & CRS);
	f->delay = (f->delay && !(a & DX)) || (a & DS);
	f->ka = (f->ka && !(a & KX)) || (a & KS);
	f->hold = (f->hold && !(a & HX)) || (a & (HS | HL));
	f->hold_large = (f->hold_large && !(a & (HX | HS))) || (a & HL);
	f->opens += (a & SO) != 0;
	f->keepalives += (a & SK) != 0;
	f->notifies += (a & FSM_A_SEND_NOTIFY) != 0;
	f->updates += (a & PU) != 0;
	f->deletes += (a & DEL) != 0;
	if (a & DROP)
		f->connected = false;
	if (a & CZ)
		f->crc = 0;
	if (a & CI)
		f->crc++;
	f->st = out.next;
}

/* Active open, UPDATE, then the hold timer fires. */
static void
test_fsm_sequence_active(void **state)
{
	struct fake f = { .st = FSM_IDLE };

	(void)state;
	fake_step(&f, FSM_EV_MANUAL_START, &P);
	assert_int_equal(f.st, FSM_CONNECT);
	assert_true(f.cr);
	f.connected = true;
	fake_step(&f, FSM_EV_TCP_CONFIRMED, &P);
	assert_int_equal(f.st, FSM_OPENSENT);
	assert_true(!f.cr && f.hold_large && f.opens == 1);
	fake_step(&f, FSM_EV_BGP_OPEN, &P);
	assert_int_equal(f.st, FSM_OPENCONFIRM);
	assert_true(f.hold && !f.hold_large && f.ka && f.keepalives == 1);
	fake_step(&f, FSM_EV_KEEPALIVE_MSG, &P);
	assert_int_equal(f.st, FSM_ESTABLISHED);
	fake_step(&f, FSM_EV_UPDATE_MSG, &P);
	fake_step(&f, FSM_EV_KEEPALIVE_EXPIRES, &P);
	assert_int_equal(f.st, FSM_ESTABLISHED);
	assert_true(f.updates == 1 && f.keepalives == 2 && f.ka);
	fake_step(&f, FSM_EV_HOLD_EXPIRES, &P);
	assert_int_equal(f.st, FSM_IDLE);
	assert_true(!f.connected && !f.hold && !f.ka && !f.cr && !f.delay);
	assert_true(f.crc == 1 && f.notifies == 1 && f.deletes == 1);
}

/* Passive peer with DelayOpen and hold time 0, stopped by the operator. */
static void
test_fsm_sequence_passive_delay(void **state)
{
	struct fsm_opts o = DLY;
	struct fake f = { .st = FSM_IDLE };

	(void)state;
	fake_step(&f, FSM_EV_MANUAL_START_PASSIVE, &o);
	assert_int_equal(f.st, FSM_ACTIVE);
	fake_step(&f, FSM_EV_CONNECT_RETRY_EXPIRES, &PAS);
	assert_int_equal(f.st, FSM_ACTIVE);
	f.connected = true;
	fake_step(&f, FSM_EV_TCP_CONFIRMED, &o);
	assert_int_equal(f.st, FSM_ACTIVE);
	assert_true(f.delay && !f.cr && f.opens == 0);
	o.delay_open_running = true;
	o.hold_zero = true;
	fake_step(&f, FSM_EV_BGP_OPEN_DELAYED, &o);
	assert_int_equal(f.st, FSM_OPENCONFIRM);
	assert_true(!f.delay && !f.hold && !f.ka);
	assert_true(f.opens == 1 && f.keepalives == 1);
	o.delay_open_running = false;
	fake_step(&f, FSM_EV_KEEPALIVE_MSG, &o);
	assert_int_equal(f.st, FSM_ESTABLISHED);
	assert_true(!f.hold && !f.ka);
	f.crc = 3;
	fake_step(&f, FSM_EV_MANUAL_STOP, &o);
	assert_int_equal(f.st, FSM_IDLE);
	assert_true(f.crc == 0 && !f.connected && f.notifies == 1);
}

/* A lost collision in OpenSent, then a restart with damping. */
static void
test_fsm_sequence_collision_damp(void **state)
{
	struct fake f = { .st = FSM_IDLE };

	(void)state;
	fake_step(&f, FSM_EV_AUTO_START_DAMP, &DMPO);
	assert_int_equal(f.st, FSM_IDLE);
	fake_step(&f, FSM_EV_IDLE_HOLD_EXPIRES, &DMPO);
	assert_int_equal(f.st, FSM_CONNECT);
	f.connected = true;
	fake_step(&f, FSM_EV_TCP_CR_ACKED, &DMPO);
	assert_int_equal(f.st, FSM_OPENSENT);
	fake_step(&f, FSM_EV_OPEN_COLLISION_DUMP, &DMPO);
	assert_int_equal(f.st, FSM_IDLE);
	assert_true(!f.connected && !f.hold && f.crc == 1 &&
	    f.notifies == 1);
}

static void
test_fsm_names(void **state)
{
	unsigned i;

	(void)state;
	assert_string_equal(fsm_state_name(FSM_OPENCONFIRM), "OpenConfirm");
	assert_string_equal(fsm_state_name(FSM_STATE_COUNT), "?");
	assert_string_equal(fsm_event_name(FSM_EV_MANUAL_START_PASSIVE),
	    "ManualStart_with_PassiveTcpEstablishment");
	assert_string_equal(fsm_event_name(FSM_EV_UPDATE_MSG_ERR),
	    "UpdateMsgErr");
	assert_string_equal(fsm_event_name((enum fsm_event)0), "?");
	assert_string_equal(fsm_event_name((enum fsm_event)29), "?");
	assert_string_equal(fsm_action_name(FSM_A_SEND_NOTIFY),
	    "send-notify");
	assert_string_equal(fsm_action_name(FSM_A_DELETE_ROUTES),
	    "delete-routes");
	assert_string_equal(fsm_action_name(FSM_A_CR_START | FSM_A_DROP),
	    "?");
	assert_string_equal(fsm_action_name(0), "?");
	for (i = FSM_EV_FIRST; i <= FSM_EV_LAST; i++)
		assert_string_not_equal(fsm_event_name((enum fsm_event)i),
		    "?");
	for (i = 0; i < FSM_A_COUNT; i++)
		assert_string_not_equal(fsm_action_name(1u << i), "?");
}

static void
test_fsm_collision_keep(void **state)
{
	(void)state;
	/* Higher local identifier: keep the connection we initiated. */
	assert_int_equal(fsm_collision_keep(0x0a000002, 0x0a000001, 1, 2),
	    FSM_CONN_OUTBOUND);
	assert_int_equal(fsm_collision_keep(0x0a000001, 0x0a000002, 2, 1),
	    FSM_CONN_INBOUND);
	/* Compared as host-order unsigned: 200.0.0.1 > 10.0.0.1. */
	assert_int_equal(fsm_collision_keep(0xc8000001, 0x0a000001, 1, 1),
	    FSM_CONN_OUTBOUND);
	/* RFC 6286 2.3: equal identifiers, larger AS wins. */
	assert_int_equal(fsm_collision_keep(7, 7, 65001, 65000),
	    FSM_CONN_OUTBOUND);
	assert_int_equal(fsm_collision_keep(7, 7, 64512, 65000),
	    FSM_CONN_INBOUND);
}

static void
test_fsm_collision_resolve(void **state)
{
	const uint32_t lo = 0x01010101, hi = 0x02020202;

	(void)state;
	/* No collision can be detected with Idle, Connect or Active. */
	assert_int_equal(fsm_collision_resolve(FSM_IDLE, FSM_CONN_INBOUND,
	    hi, lo, 1, 2, false), FSM_COLLIDE_NONE);
	assert_int_equal(fsm_collision_resolve(FSM_CONNECT, FSM_CONN_INBOUND,
	    lo, hi, 1, 2, false), FSM_COLLIDE_NONE);
	assert_int_equal(fsm_collision_resolve(FSM_ACTIVE, FSM_CONN_OUTBOUND,
	    lo, hi, 1, 2, true), FSM_COLLIDE_NONE);
	/* 6.8 step 2: local < remote, close the existing (our outbound). */
	assert_int_equal(fsm_collision_resolve(FSM_OPENCONFIRM,
	    FSM_CONN_INBOUND, lo, hi, 1, 2, false),
	    FSM_COLLIDE_CLOSE_EXISTING);
	/* 6.8 step 3: local > remote, close the new inbound one. */
	assert_int_equal(fsm_collision_resolve(FSM_OPENCONFIRM,
	    FSM_CONN_INBOUND, hi, lo, 1, 2, false), FSM_COLLIDE_CLOSE_NEW);
	/* Existing inbound, new outbound: mirror image. */
	assert_int_equal(fsm_collision_resolve(FSM_OPENSENT,
	    FSM_CONN_OUTBOUND, hi, lo, 1, 2, false),
	    FSM_COLLIDE_CLOSE_EXISTING);
	assert_int_equal(fsm_collision_resolve(FSM_OPENSENT,
	    FSM_CONN_OUTBOUND, lo, hi, 1, 2, false), FSM_COLLIDE_CLOSE_NEW);
	/* Established keeps its connection unless configured otherwise. */
	assert_int_equal(fsm_collision_resolve(FSM_ESTABLISHED,
	    FSM_CONN_INBOUND, lo, hi, 1, 2, false), FSM_COLLIDE_CLOSE_NEW);
	assert_int_equal(fsm_collision_resolve(FSM_ESTABLISHED,
	    FSM_CONN_INBOUND, lo, hi, 1, 2, true),
	    FSM_COLLIDE_CLOSE_EXISTING);
	assert_int_equal(fsm_collision_resolve(FSM_ESTABLISHED,
	    FSM_CONN_INBOUND, hi, lo, 1, 2, true), FSM_COLLIDE_CLOSE_NEW);
}

/* The loser of a collision sends Cease / Connection Collision Resolution. */
static void
test_fsm_collision_dump_notifies(void **state)
{
	struct fsm_out out;

	(void)state;
	out = fsm_step(FSM_OPENCONFIRM, FSM_EV_OPEN_COLLISION_DUMP, &P);
	assert_int_equal(out.next, FSM_IDLE);
	assert_true(out.actions & FSM_A_SEND_NOTIFY);
	assert_int_equal(out.notify_code, WIRE_ERR_CEASE);
	assert_int_equal(out.notify_subcode, FSM_CEASE_COLLISION);
}

static void
test_fsm_jitter(void **state)
{
	uint32_t v;
	unsigned i;

	(void)state;
	assert_int_equal(fsm_jitter_ms(5000, UINT32_MAX), 5000);
	assert_int_equal(fsm_jitter_ms(5000, 0), 3751);
	assert_int_equal(fsm_jitter_ms(5000, 0x80000000u), 4376);
	assert_int_equal(fsm_jitter_ms(0, 12345), 0);
	assert_int_equal(fsm_jitter_ms(1, 0), 1);
	assert_int_equal(fsm_jitter_ms(4, 0), 4);
	assert_int_equal(fsm_jitter_ms(8, 0), 7);
	assert_int_equal(fsm_jitter_ms(UINT32_MAX, UINT32_MAX), UINT32_MAX);
	/* Monotonic in rnd and always within [0.75, 1.0] of the base. */
	for (i = 0, v = 0; i < 1024; i++) {
		uint32_t rnd = i * 4194304u;
		uint32_t j = fsm_jitter_ms(120000, rnd);

		assert_true(j >= 90000 && j <= 120000);
		assert_true(j >= v);
		v = j;
	}
}

static void
test_fsm_retry(void **state)
{
	(void)state;
	/* SPEC 4.1 links: constant 5 s, jittered. */
	assert_int_equal(fsm_retry_ms(5000, 5000, 0, UINT32_MAX), 5000);
	assert_int_equal(fsm_retry_ms(5000, 5000, 9, UINT32_MAX), 5000);
	assert_int_equal(fsm_retry_ms(5000, 0, 3, 0), 3751);
	/* Doubling per failure, capped. */
	assert_int_equal(fsm_retry_ms(1000, 60000, 0, UINT32_MAX), 1000);
	assert_int_equal(fsm_retry_ms(1000, 60000, 1, UINT32_MAX), 2000);
	assert_int_equal(fsm_retry_ms(1000, 60000, 5, UINT32_MAX), 32000);
	assert_int_equal(fsm_retry_ms(1000, 60000, 6, UINT32_MAX), 60000);
	assert_int_equal(fsm_retry_ms(1000, 60000, UINT32_MAX, UINT32_MAX),
	    60000);
	assert_int_equal(fsm_retry_ms(1000, 60000, 6, 0), 45001);
}

#define ROW_COUNT (sizeof(rows) / sizeof(rows[0]))
#define OTHER_COUNT 11

int
main(void)
{
	static const struct CMUnitTest other[OTHER_COUNT] = {
		cmocka_unit_test(test_fsm_table_complete),
		cmocka_unit_test(test_fsm_invariants),
		cmocka_unit_test(test_fsm_sequence_active),
		cmocka_unit_test(test_fsm_sequence_passive_delay),
		cmocka_unit_test(test_fsm_sequence_collision_damp),
		cmocka_unit_test(test_fsm_names),
		cmocka_unit_test(test_fsm_collision_keep),
		cmocka_unit_test(test_fsm_collision_resolve),
		cmocka_unit_test(test_fsm_collision_dump_notifies),
		cmocka_unit_test(test_fsm_jitter),
		cmocka_unit_test(test_fsm_retry),
	};
	/* One test per transition row, named after the row. */
	static struct CMUnitTest tests[ROW_COUNT + OTHER_COUNT];
	static char names[ROW_COUNT][160];
	size_t i;

	for (i = 0; i < ROW_COUNT; i++) {
		snprintf(names[i], sizeof(names[i]), "%s + %s (%s)",
		    fsm_state_name(rows[i].s), fsm_event_name(rows[i].ev),
		    rows[i].oname);
		tests[i].name = names[i];
		tests[i].test_func = test_fsm_row;
		tests[i].initial_state = (void *)(uintptr_t)&rows[i];
	}
	for (i = 0; i < OTHER_COUNT; i++)
		tests[ROW_COUNT + i] = other[i];
	return cmocka_run_group_tests(tests, NULL, NULL);
}
