/*
 * Unit tests for tools/bgpio.c over a non-blocking socketpair: the OPEN /
 * KEEPALIVE handshake reaches Established on both ends with the negotiated
 * 4-octet AS and families; an UPDATE reaches the callback intact; a
 * NOTIFICATION closes the other end with its decoded text; a peer AS other
 * than the expected one is refused with OPEN Message Error / Bad Peer AS;
 * the hold timer expires without input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <cmocka.h>

#include "bgpd/wire_notify.h"
#include "bgpd/wire_update.h"
#include "tools/bgpio.h"

struct got {
	size_t updates, len;
};

static int
on_update(void *ctx, const uint8_t *body, size_t len)
{
	struct got *g = ctx;

	(void)body;
	g->updates++;
	g->len = len;
	return 0;
}

static void
pair(struct bgpio *a, struct bgpio *b, uint32_t b_expects)
{
	struct bgpio_conf ca = { 65000, 0x01020304, 0, 90,
	    WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST, false };
	struct bgpio_conf cb = { 4200000001u, 0x05060708, b_expects, 30,
	    WIRE_AF_IPV4_UNICAST, false };
	int sv[2];

	assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0,
	    sv), 0);
	bgpio_init(a, sv[0], false, &ca);
	bgpio_init(b, sv[1], false, &cb);
}

/* Move bytes both ways until nothing changes (bounded). */
static void
pump(struct bgpio *a, struct bgpio *b, struct got *ga, struct got *gb)
{
	int i;

	for (i = 0; i < 20; i++) {
		bgpio_output(a);
		bgpio_output(b);
		bgpio_input(a, on_update, ga);
		bgpio_input(b, on_update, gb);
	}
}

static void
test_handshake_and_update(void **state)
{
	struct bgpio a, b;
	struct got ga = { 0, 0 }, gb = { 0, 0 };
	uint8_t buf[64];
	size_t len;

	(void)state;
	pair(&a, &b, 65000);
	pump(&a, &b, &ga, &gb);
	assert_int_equal(a.state, BGPIO_ESTABLISHED);
	assert_int_equal(b.state, BGPIO_ESTABLISHED);
	assert_true(a.nego.caps.as4);
	assert_int_equal(a.nego.caps.afs, WIRE_AF_IPV4_UNICAST);
	assert_int_equal(a.nego.hold, 30);
	assert_int_equal(wire_open_as(&a.rcvd), 4200000001u);
	len = wire_update_encode_eor(AFI_IPV4, SAFI_UNICAST, buf, sizeof(buf));
	bgpio_queue(&a, buf, len);
	pump(&a, &b, &ga, &gb);
	assert_int_equal(gb.updates, 1);
	assert_int_equal(gb.len, len - WIRE_HDR_LEN);
	bgpio_notify_close(&a, WIRE_ERR_CEASE, WIRE_CEASE_ADMIN_SHUTDOWN, "t");
	pump(&a, &b, &ga, &gb);
	assert_int_equal(b.state, BGPIO_CLOSED);
	assert_true(b.peer_notified);
	assert_non_null(strstr(b.why, "Cease/Administrative Shutdown"));
	bgpio_fini(&a);
	bgpio_fini(&b);
}

static void
test_bad_peer_as(void **state)
{
	struct bgpio a, b;
	struct got ga = { 0, 0 }, gb = { 0, 0 };

	(void)state;
	pair(&a, &b, 65001);
	pump(&a, &b, &ga, &gb);
	assert_int_equal(b.state, BGPIO_CLOSED);
	assert_int_equal(a.state, BGPIO_CLOSED);
	assert_non_null(strstr(a.why, "Bad Peer AS"));
	bgpio_fini(&a);
	bgpio_fini(&b);
}

static void
test_hold_expires(void **state)
{
	struct bgpio a, b;
	struct got ga = { 0, 0 }, gb = { 0, 0 };

	(void)state;
	pair(&a, &b, 0);
	pump(&a, &b, &ga, &gb);
	assert_int_equal(a.state, BGPIO_ESTABLISHED);
	assert_int_equal(bgpio_tick(&a, a.last_rx_ms + 29000), 0);
	assert_true(bgpio_pending(&a) > 0);	/* a KEEPALIVE was due */
	assert_int_equal(bgpio_tick(&a, a.last_rx_ms + 31000), -1);
	assert_int_equal(a.state, BGPIO_CLOSED);
	assert_non_null(strstr(a.why, "hold timer expired"));
	pump(&a, &b, &ga, &gb);
	assert_non_null(strstr(b.why, "Hold Timer Expired"));
	bgpio_fini(&a);
	bgpio_fini(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_handshake_and_update),
		cmocka_unit_test(test_bad_peer_as),
		cmocka_unit_test(test_hold_expires),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
