/*
 * Tests for the RFC 7606 table (bgpd/wire_7606.c), driven by the table
 * itself so a new row cannot go untested: for every row a well-formed
 * attribute decodes cleanly, a flags conflict and a length error give the
 * row's action (and name the attribute in the error), a duplicate is
 * discarded or resets per the row, and eBGP-discard rows are discarded from
 * an external peer. Also checks the rows against SPEC.md 4.3.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "bgpd/wire_7606.h"
#include "bgpd/wire_update.h"
#include "tests/bgpd/msg_util.h"

/* A well-formed value and a wrong-length value per type. */
struct sample {
	uint8_t type;
	const char *good;
	const char *bad_len;
};

static const struct sample samples[] = {
	{ 1, "00", "00 00" },
	{ 2, "02 01 00 00 fd e9", "02 02 00 00 fd e9" },
	{ 3, "0a 00 00 01", "0a 00 00" },
	{ 4, "00 00 00 05", "00 00 00 00 05" },
	{ 5, "00 00 00 64", "00 00 64" },
	{ 6, "", "00" },
	{ 7, "00 00 fd e9 0a 00 00 01", "fd e9 0a 00 00 01" },
	{ 8, "fd e8 00 64", "fd e8 00 64 00 00" },
	{ 9, "0a 00 00 09", "0a 00 00 09 09" },
	{ 10, "0a 00 00 09", "0a 00 00 09 09" },
	{ 14, "00 02 01 10 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 00 "
	    "20 20 01 0d b8", "00 02 01 10" },
	{ 15, "00 02 01 20 20 01 0d b8", "00 02" },
	{ 16, "00 02 fd e8 00 00 00 64", "00 02 fd e8 00 00 00" },
	{ 17, "02 01 00 01 11 70", "02 02 00 01 11 70" },
	{ 18, "00 01 11 70 0a 00 00 01", "00 01 11 70 0a 00 00" },
	{ 25, "00 02 20 01 0d b8 00 00 00 00 00 00 00 00 00 00 00 01 00 07",
	    "00 02 20 01" },
	{ 32, "00 00 fd e8 00 00 00 01 00 00 00 02", "00 00 fd e8 00 00 00 01" },
	{ 35, "00 00 fd e9", "00 00 fd" },
};

static const struct sample *
sample_for(uint8_t t)
{
	size_t i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		if (samples[i].type == t)
			return &samples[i];
	return NULL;
}

/* Hex text to bytes; the callers' buffers are sized for their tables. */
static size_t
hex(const char *s, uint8_t *out)
{
	return hex_decode(s, out, SIZE_MAX);
}

static void
put_attr(uint8_t *b, size_t *n, uint8_t flags, uint8_t type, const char *val)
{
	uint8_t v[64];
	size_t len = hex(val, v);

	b[(*n)++] = flags;
	b[(*n)++] = type;
	b[(*n)++] = (uint8_t)len;
	memcpy(b + *n, v, len);
	*n += len;
}

/*
 * An UPDATE body with the mandatory attributes other than type (LOCAL_PREF
 * only for iBGP), then the
 * given attributes (flags/type/value), then 192.0.2.0/24.
 */
static size_t
message(uint8_t *b, bool as4, bool ibgp, uint8_t type, int nattr,
    const uint8_t *flags, const char *const *vals)
{
	size_t n = 4;
	int i;

	if (type != 1)
		put_attr(b, &n, 0x40, 1, "00");
	if (type != 2)
		put_attr(b, &n, 0x40, 2, as4 ? "02 01 00 00 fd e9" :
		    "02 01 fd e9");
	if (type != 3)
		put_attr(b, &n, 0x40, 3, "0a 00 00 01");
	if (type != 5 && ibgp)
		put_attr(b, &n, 0x40, 5, "00 00 00 64");
	for (i = 0; i < nattr; i++)
		put_attr(b, &n, flags[i], type, vals[i]);
	b[0] = b[1] = 0;
	b[2] = (uint8_t)((n - 4) >> 8);
	b[3] = (uint8_t)(n - 4);
	b[n++] = 24;
	b[n++] = 192;
	b[n++] = 0;
	b[n++] = 2;
	return n;
}

static struct wire_caps
session(const struct wire_7606_row *row, bool ibgp)
{
	struct wire_caps c;

	memset(&c, 0, sizeof(c));
	c.afs = WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST;
	/* AS4_* only mean something on a 2-octet session. */
	c.as4 = row->type != 17 && row->type != 18;
	c.ibgp = ibgp;
	return c;
}

static enum wire_verdict
run(const struct wire_7606_row *row, bool ibgp, int nattr,
    const uint8_t *flags, const char *const *vals, struct wire_err *err)
{
	struct wire_caps c = session(row, ibgp);
	struct wire_update u;
	enum wire_verdict v;
	uint8_t b[512];
	size_t n;

	wire_update_init(&u);
	n = message(b, c.as4, ibgp, row->type, nattr, flags, vals);
	v = wire_update_decode(b, n, &c, &u, err);
	wire_update_fini(&u);
	return v;
}

static void
test_every_row(void **state)
{
	const struct wire_7606_row *row;
	const struct sample *s;
	struct wire_err err;
	enum wire_verdict want;
	const char *vals[2];
	uint8_t flags[2];
	size_t i;

	(void)state;
	assert_true(wire_7606_rows() >= 18);
	for (i = 0; (row = wire_7606_row_at(i)) != NULL; i++) {
		s = sample_for(row->type);
		assert_non_null(s);
		print_message("row %s\n", row->name);
		/* Well formed. */
		flags[0] = row->flags;
		vals[0] = s->good;
		assert_int_equal(run(row, true, 1, flags, vals, &err), WIRE_OK);
		/* Optional/Transitive conflict (RFC 7606 3(c)). */
		flags[0] = row->flags ^ 0x80;
		assert_int_equal(run(row, true, 1, flags, vals, &err),
		    row->on_error);
		assert_int_equal(err.attr_type, row->type);
		/* Wrong length; an MP attribute too short for its AFI resets. */
		flags[0] = row->flags;
		vals[0] = s->bad_len;
		want = row->type == 15 ? WIRE_RESET : row->on_error;
		assert_int_equal(run(row, true, 1, flags, vals, &err), want);
		assert_int_equal(err.attr_type, row->type);
		/* Duplicates (RFC 7606 3(g)). */
		flags[0] = flags[1] = row->flags;
		vals[0] = vals[1] = s->good;
		assert_int_equal(run(row, true, 2, flags, vals, &err),
		    row->dup_reset ? WIRE_RESET : WIRE_ATTR_DISCARD);
		/* From an external peer. */
		vals[0] = s->good;
		assert_int_equal(run(row, false, 1, flags, vals, &err),
		    row->ebgp_discard ? WIRE_ATTR_DISCARD : WIRE_OK);
	}
}

/* The table says what SPEC.md 4.3 says. */
static void
test_rows_match_spec(void **state)
{
	static const struct {
		uint8_t type;
		enum wire_verdict on_error;
		bool ebgp_discard;
	} spec[] = {
		{ 1, WIRE_WITHDRAW, false }, { 2, WIRE_WITHDRAW, false },
		{ 3, WIRE_WITHDRAW, false }, { 4, WIRE_WITHDRAW, false },
		{ 5, WIRE_WITHDRAW, true }, { 6, WIRE_ATTR_DISCARD, false },
		{ 7, WIRE_ATTR_DISCARD, false }, { 8, WIRE_WITHDRAW, false },
		{ 9, WIRE_WITHDRAW, true }, { 10, WIRE_WITHDRAW, true },
		{ 14, WIRE_AFI_DISABLE, false }, { 15, WIRE_AFI_DISABLE, false },
		{ 16, WIRE_WITHDRAW, false }, { 17, WIRE_ATTR_DISCARD, false },
		{ 18, WIRE_ATTR_DISCARD, false }, { 25, WIRE_WITHDRAW, false },
		{ 32, WIRE_WITHDRAW, false }, { 35, WIRE_WITHDRAW, false },
	};
	const struct wire_7606_row *row;
	size_t i;

	(void)state;
	assert_int_equal(wire_7606_rows(), sizeof(spec) / sizeof(spec[0]));
	for (i = 0; i < sizeof(spec) / sizeof(spec[0]); i++) {
		row = wire_7606_lookup(spec[i].type);
		assert_non_null(row);
		assert_int_equal(row->on_error, spec[i].on_error);
		assert_int_equal(row->ebgp_discard, spec[i].ebgp_discard);
		assert_int_equal(row->dup_reset, spec[i].type == 14 ||
		    spec[i].type == 15);
	}
	assert_null(wire_7606_lookup(99));
	assert_null(wire_7606_row_at(wire_7606_rows()));
}

static void
test_check_direct(void **state)
{
	const struct wire_7606_row *agg = wire_7606_lookup(7);
	struct wire_caps c;
	const char *why = NULL;
	uint8_t sub = 0;

	(void)state;
	memset(&c, 0, sizeof(c));
	assert_int_equal(wire_7606_check(agg, 0xc0, 6, &c, &sub, &why),
	    WIRE_OK);
	assert_int_equal(wire_7606_check(agg, 0xe0, 6, &c, &sub, &why),
	    WIRE_OK);
	assert_int_equal(wire_7606_check(agg, 0xc0, 8, &c, &sub, &why),
	    WIRE_ATTR_DISCARD);
	assert_int_equal(sub, WIRE_UPD_LENGTH);
	c.as4 = true;
	assert_int_equal(wire_7606_check(agg, 0xd0, 8, &c, &sub, &why),
	    WIRE_OK);
	assert_int_equal(wire_7606_check(agg, 0x40, 8, &c, &sub, &why),
	    WIRE_ATTR_DISCARD);
	assert_int_equal(sub, WIRE_UPD_FLAGS);
	assert_non_null(why);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_row),
		cmocka_unit_test(test_rows_match_spec),
		cmocka_unit_test(test_check_direct),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
