/*
 * Unit tests for bgpd/wire_notify.c: decode of every data shape (maximum
 * prefixes, RFC 9003 shutdown communication valid and not, RFC 8538 Hard
 * Reset), names for every code and subcode, the log line, UTF-8 validation,
 * data builders, round trips and truncation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "bgpd/wire_notify.h"
#include "lib/wr.h"
#include "tests/bgpd/msg_util.h"

struct print_case {
	const char *body;	/* hex: code, subcode, data */
	const char *line;
};

static const struct print_case prints[] = {
	{ "0601 0001 01 00000064",
	  "Cease/Maximum Number of Prefixes Reached (AFI 1 SAFI 1 limit 100)" },
	{ "0601", "Cease/Maximum Number of Prefixes Reached" },
	{ "0601 0001", "Cease/Maximum Number of Prefixes Reached (data 0001)" },
	{ "0602 0b 6d61696e74656e616e6365",
	  "Cease/Administrative Shutdown: \"maintenance\"" },
	{ "0604 05 2268c3a95c", "Cease/Administrative Reset: "
	  "\"\\x22h\\xc3\\xa9\\x5c\"" },
	{ "0602 03 61ff62", "Cease/Administrative Shutdown: invalid shutdown "
	  "communication (data 0361ff62)" },
	{ "0602 05 6162", "Cease/Administrative Shutdown: invalid shutdown "
	  "communication (data 056162)" },
	{ "0602 00", "Cease/Administrative Shutdown (data 00)" },
	{ "0602", "Cease/Administrative Shutdown" },
	{ "0603", "Cease/Peer De-configured" },
	{ "0604", "Cease/Administrative Reset" },
	{ "0605", "Cease/Connection Rejected" },
	{ "0606", "Cease/Other Configuration Change" },
	{ "0607", "Cease/Connection Collision Resolution" },
	{ "0608", "Cease/Out of Resources" },
	{ "0609 0400", "Cease/Hard Reset: Hold Timer Expired" },
	{ "0609 0602 03 627965",
	  "Cease/Hard Reset: Cease/Administrative Shutdown (data 03627965)" },
	{ "0609", "Cease/Hard Reset" },
	{ "060a", "Cease/BFD Down" },
	{ "060b", "Cease/subcode 11" },
	{ "0600", "Cease/Unspecific" },
	{ "0400", "Hold Timer Expired" },
	{ "0403", "Hold Timer Expired/subcode 3" },
	{ "0101 ", "Message Header Error/Connection Not Synchronized" },
	{ "0102 0fff", "Message Header Error/Bad Message Length (data 0fff)" },
	{ "0103 09", "Message Header Error/Bad Message Type (data 09)" },
	{ "0201 0004", "OPEN Message Error/Unsupported Version Number "
	  "(data 0004)" },
	{ "0202", "OPEN Message Error/Bad Peer AS" },
	{ "0203", "OPEN Message Error/Bad BGP Identifier" },
	{ "0204", "OPEN Message Error/Unsupported Optional Parameter" },
	{ "0206", "OPEN Message Error/Unacceptable Hold Time" },
	{ "0207 4104 0000fde8",
	  "OPEN Message Error/Unsupported Capability (data 41040000fde8)" },
	{ "020b", "OPEN Message Error/Role Mismatch" },
	{ "020c", "OPEN Message Error/subcode 12" },
	{ "0301", "UPDATE Message Error/Malformed Attribute List" },
	{ "0305 400301", "UPDATE Message Error/Attribute Length Error "
	  "(data 400301)" },
	{ "030b", "UPDATE Message Error/Malformed AS_PATH" },
	{ "0500", "Finite State Machine Error/Unspecified Error" },
	{ "0501", "Finite State Machine Error/Receive Unexpected Message in "
	  "OpenSent State" },
	{ "0503", "Finite State Machine Error/Receive Unexpected Message in "
	  "Established State" },
	{ "0701 ffffffffffffffffffffffffffffffff 0018 05 00010001 00",
	  "ROUTE-REFRESH Message Error/Invalid Message Length (data "
	  "ffffffffffffffffffffffffffffffff0018050001000100)" },
	{ "2a07", "code 42/subcode 7" },
	{ "0000", "code 0/subcode 0" },
};

static void
test_notify_print_table(void **state)
{
	uint8_t body[512], *b;
	struct wire_notify n;
	struct wire_err err;
	char line[512];
	size_t i, len, need;

	(void)state;
	for (i = 0; i < sizeof(prints) / sizeof(prints[0]); i++) {
		len = hex_decode(prints[i].body, body, sizeof(body));
		b = dup_exact(body, len);
		assert_int_equal(wire_notify_decode(b, len, &n, &err), WIRE_OK);
		need = wire_notify_print(&n, line, sizeof(line));
		assert_int_equal(need, strlen(line));
		if (strcmp(line, prints[i].line) != 0)
			fail_msg("%s: got '%s' want '%s'", prints[i].body, line,
			    prints[i].line);
		free(b);
	}
}

static void
test_notify_decode_shapes(void **state)
{
	uint8_t body[300];
	struct wire_notify n;
	struct wire_err err;
	size_t len;

	(void)state;
	len = hex_decode("0601 0002 01 000013 88", body, sizeof(body));
	assert_int_equal(wire_notify_decode(body, len, &n, &err), WIRE_OK);
	assert_true(n.has_max_prefix);
	assert_int_equal(n.afi, 2);
	assert_int_equal(n.safi, 1);
	assert_int_equal(n.limit, 5000);
	assert_int_equal(n.data_len, 7);

	len = hex_decode("0602 04 f09f9982 7a", body, sizeof(body));
	assert_int_equal(wire_notify_decode(body, len, &n, &err), WIRE_OK);
	assert_true(n.has_shutdown);
	assert_true(n.shutdown_valid);	/* trailing byte tolerated */
	assert_int_equal(n.shutdown_len, 4);

	len = hex_decode("0602 09 6162", body, sizeof(body));
	assert_int_equal(wire_notify_decode(body, len, &n, &err), WIRE_OK);
	assert_true(n.has_shutdown);
	assert_false(n.shutdown_valid);
	assert_int_equal(n.shutdown_len, 2);

	/* Cease/3 text is not a shutdown communication. */
	len = hex_decode("0603 02 6162", body, sizeof(body));
	assert_int_equal(wire_notify_decode(body, len, &n, &err), WIRE_OK);
	assert_false(n.has_shutdown);

	len = hex_decode("0609 0305 400301", body, sizeof(body));
	assert_int_equal(wire_notify_decode(body, len, &n, &err), WIRE_OK);
	assert_true(n.has_inner);
	assert_int_equal(n.inner_code, 3);
	assert_int_equal(n.inner_subcode, 5);
	assert_int_equal(n.inner_data_len, 3);
	assert_int_equal(n.inner_data[0], 0x40);

	/* A body without code and subcode: header length error. */
	len = hex_decode("06", body, sizeof(body));
	assert_int_equal(wire_notify_decode(body, len, &n, &err), WIRE_RESET);
	assert_int_equal(err.code, WIRE_ERR_HEADER);
	assert_int_equal(err.subcode, WIRE_HDR_BAD_LEN);
	assert_int_equal(err.data_len, 2);
	assert_int_equal(err.data[1], 20);
	assert_int_equal(wire_notify_decode(body, 0, &n, &err), WIRE_RESET);
}

static void
test_notify_names_complete(void **state)
{
	static const uint8_t top[] = { 0, 3, 11, 11, 0, 3, 10, 1 };
	unsigned code, sub;

	(void)state;
	assert_null(wire_notify_code_name(0));
	assert_null(wire_notify_code_name(8));
	for (code = 1; code <= 7; code++) {
		assert_non_null(wire_notify_code_name((uint8_t)code));
		for (sub = code == 4 ? 256 : (code == 7 ? 1 : 0);
		    sub <= top[code]; sub++)
			if (wire_notify_subcode_name((uint8_t)code,
			    (uint8_t)sub) == NULL)
				fail_msg("no name for %u/%u", code, sub);
		assert_null(wire_notify_subcode_name((uint8_t)code,
		    (uint8_t)(top[code] + 1)));
	}
	assert_string_equal(wire_notify_subcode_name(6, 1),
	    "Maximum Number of Prefixes Reached");
	assert_string_equal(wire_notify_subcode_name(7, 1),
	    "Invalid Message Length");
}

static void
test_notify_utf8(void **state)
{
	static const struct {
		const char *hex;
		bool ok;
	} rows[] = {
		{ "", true }, { "41", true }, { "c3a9", true },
		{ "e282ac", true }, { "f09f9982", true }, { "f48fbfbf", true },
		{ "80", false }, { "c3", false }, { "c0af", false },
		{ "c1bf", false }, { "e080af", false }, { "eda080", false },
		{ "f08f8080", false }, { "f4908080", false }, { "f5", false },
		{ "ff", false }, { "e282", false }, { "c341", false },
		{ "41 f09f99", false },
	};
	uint8_t buf[16], *b;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		n = hex_decode(rows[i].hex, buf, sizeof(buf));
		b = dup_exact(buf, n);
		if (wire_notify_is_utf8(b, n) != rows[i].ok)
			fail_msg("utf8 %s: wrong verdict", rows[i].hex);
		free(b);
	}
}

/* Encode n, decode it back, compare code, subcode and data. */
static void
notify_roundtrip(const struct wire_notify *n, struct wire_notify *d,
    uint8_t *buf, size_t cap)
{
	struct wire_err err;
	struct wire_hdr h;
	struct wr w;

	wr_init(&w, buf, cap);
	wire_notify_encode(&w, n);
	assert_true(wr_ok(&w));
	assert_int_equal(wire_hdr_decode(buf, wr_len(&w), WIRE_MAX_LEN, &h,
	    &err), WIRE_OK);
	assert_int_equal(h.type, WIRE_NOTIFICATION);
	assert_int_equal(wire_notify_decode(buf + WIRE_HDR_LEN,
	    wr_len(&w) - WIRE_HDR_LEN, d, &err), WIRE_OK);
	assert_int_equal(d->code, n->code);
	assert_int_equal(d->subcode, n->subcode);
	assert_int_equal(d->data_len, n->data_len);
	if (n->data_len)
		assert_memory_equal(d->data, n->data, n->data_len);
}

static void
test_notify_roundtrip_and_builders(void **state)
{
	uint8_t data[512], buf[WIRE_MAX_LEN], inner[] = { 0x40, 0x03, 0x01 };
	char text[300];
	struct wire_notify n = { 0 }, d;
	struct wr w;

	(void)state;
	wr_init(&w, data, sizeof(data));
	wire_notify_max_prefix_data(&w, 1, 1, 100);
	n.code = WIRE_ERR_CEASE;
	n.subcode = WIRE_CEASE_MAX_PREFIX;
	n.data = data;
	n.data_len = wr_len(&w);
	notify_roundtrip(&n, &d, buf, sizeof(buf));
	assert_true(d.has_max_prefix);
	assert_int_equal(d.limit, 100);

	wr_init(&w, data, sizeof(data));
	wire_notify_shutdown_data(&w, "drain: link 3 maintenance");
	n.subcode = WIRE_CEASE_ADMIN_SHUTDOWN;
	n.data_len = wr_len(&w);
	notify_roundtrip(&n, &d, buf, sizeof(buf));
	assert_true(d.shutdown_valid);
	assert_int_equal(d.shutdown_len, 25);
	assert_memory_equal(d.shutdown, "drain: link 3 maintenance", 25);

	/* 300 bytes of two-byte characters: cut to 254, not 255. */
	memset(text, 0, sizeof(text));
	for (size_t i = 0; i + 2 < sizeof(text); i += 2)
		memcpy(text + i, "\xc3\xa9", 2);
	wr_init(&w, data, sizeof(data));
	wire_notify_shutdown_data(&w, text);
	assert_int_equal(data[0], 254);
	n.data_len = wr_len(&w);
	notify_roundtrip(&n, &d, buf, sizeof(buf));
	assert_true(d.shutdown_valid);

	wr_init(&w, data, sizeof(data));
	wire_notify_hard_reset_data(&w, WIRE_ERR_UPDATE, 3, inner,
	    sizeof(inner));
	n.subcode = WIRE_CEASE_HARD_RESET;
	n.data_len = wr_len(&w);
	notify_roundtrip(&n, &d, buf, sizeof(buf));
	assert_true(d.has_inner);
	assert_int_equal(d.inner_code, WIRE_ERR_UPDATE);
	assert_int_equal(d.inner_data_len, 3);

	/* No data at all. */
	n.code = WIRE_ERR_HOLD;
	n.subcode = 0;
	n.data = NULL;
	n.data_len = 0;
	notify_roundtrip(&n, &d, buf, sizeof(buf));
	assert_null(d.data);

	/* Data that cannot fit 4096 bytes fails the writer. */
	n.data = buf;
	n.data_len = WIRE_MAX_LEN;
	wr_init(&w, data, sizeof(data));
	wire_notify_encode(&w, &n);
	assert_false(wr_ok(&w));
}

static void
test_notify_encode_err(void **state)
{
	uint8_t buf[128], want[64];
	struct wire_err err;
	struct wr w;
	size_t n;

	(void)state;
	wire_err_set(&err, WIRE_ERR_OPEN, 1, 19, "unsupported BGP version");
	err.data_len = 2;
	err.data[0] = 0;
	err.data[1] = 4;
	wr_init(&w, buf, sizeof(buf));
	wire_notify_encode_err(&w, &err);
	n = hex_decode("ffffffffffffffffffffffffffffffff 0017 03 0201 0004",
	    want, sizeof(want));
	assert_int_equal(wr_len(&w), n);
	assert_memory_equal(buf, want, n);
}

static void
test_notify_print_small_buffer(void **state)
{
	uint8_t body[] = { 6, 2, 3, 'a', 'b', 'c' };
	struct wire_notify n;
	struct wire_err err;
	char line[10];
	size_t need;

	(void)state;
	assert_int_equal(wire_notify_decode(body, sizeof(body), &n, &err),
	    WIRE_OK);
	need = wire_notify_print(&n, line, sizeof(line));
	assert_int_equal(need,
	    strlen("Cease/Administrative Shutdown: \"abc\""));
	assert_int_equal(strlen(line), sizeof(line) - 1);
	assert_int_equal(wire_notify_print(&n, NULL, 0), need);
}

static void
test_notify_long_data_hex_is_cut(void **state)
{
	uint8_t body[2 + 40];
	struct wire_notify n;
	struct wire_err err;
	char line[256];

	(void)state;
	memset(body, 0xab, sizeof(body));
	body[0] = 3;
	body[1] = 1;
	assert_int_equal(wire_notify_decode(body, sizeof(body), &n, &err),
	    WIRE_OK);
	wire_notify_print(&n, line, sizeof(line));
	assert_non_null(strstr(line, "...)"));
	assert_int_equal(strlen(line), strlen("UPDATE Message Error/Malformed "
	    "Attribute List (data ") + 64 + 4);
}

/* NOTIFICATIONs recorded in the shared MRT corpus (tests/data/notify). */
static void
test_notify_recorded(void **state)
{
	static const struct {
		const char *file;
		const char *line;
	} rec[] = {
		{ "RIPE-NCC_updates.20020722.2238_1.bin",
		  "OPEN Message Error/Authentication Failure (deprecated)" },
		{ "bgpkit_rrc03.updates.20100227.1600.first-796-records_1.bin",
		  "Hold Timer Expired" },
		{ "t2mune_bird_bgp_1.bin", "Cease/Administrative Reset" },
	};
	char rel[256], path[1024], line[256];
	uint8_t *msg, out[64];
	struct wire_notify n;
	struct wire_err err;
	struct wr w;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(rec) / sizeof(rec[0]); i++) {
		snprintf(rel, sizeof(rel), "tests/data/notify/%s", rec[i].file);
		src_path(path, sizeof(path), rel);
		msg = file_read(path, &len);
		if (msg == NULL)
			fail_msg("cannot read %s", path);
		assert_true(len >= 21);
		assert_int_equal(wire_notify_decode(msg + 19, len - 19, &n,
		    &err), WIRE_OK);
		wire_notify_print(&n, line, sizeof(line));
		assert_string_equal(line, rec[i].line);
		wr_init(&w, out, sizeof(out));
		wire_notify_encode(&w, &n);
		assert_int_equal(wr_len(&w), len);
		assert_memory_equal(out, msg, len);
		free(msg);
	}
}

/* Every cut of a NOTIFICATION body: below 2 bytes an error, else data. */
static void
test_notify_truncation_sweep(void **state)
{
	static const uint8_t body[] = { 6, 2, 5, 'h', 'e', 'l', 'l', 'o' };
	struct wire_notify n;
	struct wire_err err;
	uint8_t *b;
	size_t k;

	(void)state;
	for (k = 0; k <= sizeof(body); k++) {
		b = dup_exact(body, k);
		assert_int_equal(wire_notify_decode(b, k, &n, &err),
		    k < 2 ? WIRE_RESET : WIRE_OK);
		if (k >= 3)
			assert_int_equal(n.shutdown_valid, k == sizeof(body));
		free(b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_notify_print_table),
		cmocka_unit_test(test_notify_decode_shapes),
		cmocka_unit_test(test_notify_names_complete),
		cmocka_unit_test(test_notify_utf8),
		cmocka_unit_test(test_notify_roundtrip_and_builders),
		cmocka_unit_test(test_notify_encode_err),
		cmocka_unit_test(test_notify_print_small_buffer),
		cmocka_unit_test(test_notify_long_data_hex_is_cut),
		cmocka_unit_test(test_notify_recorded),
		cmocka_unit_test(test_notify_truncation_sweep),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
