/*
 * Unit tests for bgpd/replay_attr.c: flags of recognised attributes in MRT
 * RIB entries are set to their RFC values (well-known, optional
 * non-transitive, optional transitive; Partial kept only where it may be
 * set), lengths, Extended Length and values are kept byte for byte, unknown
 * types keep their flags, and a block that does not frame is refused at
 * every truncation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "bgpd/replay_attr.h"

/* The NLIX dump's habits: NEXT_HOP, LOCAL_PREF and LARGE_COMMUNITY flags 0. */
static const uint8_t sloppy[] = {
	0x40, 1, 1, 2,				/* ORIGIN INCOMPLETE */
	0x00, 3, 4, 193, 239, 118, 210,	/* NEXT_HOP, flags 0 */
	0x00, 5, 4, 0, 0, 0, 150,		/* LOCAL_PREF, flags 0 */
	0x00, 32, 12, 0, 3, 0x41, 0x1f, 0, 0, 0x86, 3, 0, 0, 1, 0xec,
	0x50, 99, 0, 2, 0xab, 0xcd,		/* unknown type, ext length */
};

static const uint8_t fixed[] = {
	0x40, 1, 1, 2,
	0x40, 3, 4, 193, 239, 118, 210,
	0x40, 5, 4, 0, 0, 0, 150,
	0xc0, 32, 12, 0, 3, 0x41, 0x1f, 0, 0, 0x86, 3, 0, 0, 1, 0xec,
	0x50, 99, 0, 2, 0xab, 0xcd,
};

static void
test_flags_set_to_rfc_values(void **state)
{
	uint8_t out[sizeof(sloppy)];
	unsigned changed;

	(void)state;
	assert_true(replay_attr_normalise(sloppy, sizeof(sloppy), out,
	    sizeof(out), &changed));
	assert_int_equal(changed, 3);
	assert_memory_equal(out, fixed, sizeof(fixed));
}

static void
test_correct_block_unchanged(void **state)
{
	uint8_t out[sizeof(fixed)];
	unsigned changed;

	(void)state;
	assert_true(replay_attr_normalise(fixed, sizeof(fixed), out,
	    sizeof(out), &changed));
	assert_int_equal(changed, 0);
	assert_memory_equal(out, fixed, sizeof(fixed));
}

static void
test_partial_kept_only_where_allowed(void **state)
{
	/* MED written optional transitive partial; COMMUNITIES partial with
	 * the Optional bit missing: RFC 4271 4.3 allows Partial only on
	 * optional transitive attributes. */
	static const uint8_t in[] = {
		0xe0, 4, 4, 0, 0, 0, 7,
		0x60, 8, 4, 0xfd, 0xe8, 0, 1,
	};
	static const uint8_t want[] = {
		0x80, 4, 4, 0, 0, 0, 7,
		0xe0, 8, 4, 0xfd, 0xe8, 0, 1,
	};
	uint8_t out[sizeof(in)];
	unsigned changed;

	(void)state;
	assert_true(replay_attr_normalise(in, sizeof(in), out, sizeof(out),
	    &changed));
	assert_int_equal(changed, 2);
	assert_memory_equal(out, want, sizeof(want));
}

static void
test_truncated_blocks_refused(void **state)
{
	uint8_t out[sizeof(sloppy)];
	unsigned changed;
	size_t n;

	(void)state;
	/* Attribute boundaries: 0, 4, 11, 18, 33 and the end frame. */
	for (n = 1; n < sizeof(sloppy); n++) {
		bool boundary = n == 4 || n == 11 || n == 18 || n == 33;

		assert_int_equal(replay_attr_normalise(sloppy, n, out,
		    sizeof(out), &changed), boundary);
	}
	assert_true(replay_attr_normalise(sloppy, 0, out, sizeof(out),
	    &changed));
	assert_int_equal(changed, 0);
}

static void
test_small_buffer_refused(void **state)
{
	uint8_t out[sizeof(sloppy) - 1];
	unsigned changed;

	(void)state;
	assert_false(replay_attr_normalise(sloppy, sizeof(sloppy), out,
	    sizeof(out), &changed));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_flags_set_to_rfc_values),
		cmocka_unit_test(test_correct_block_unchanged),
		cmocka_unit_test(test_partial_kept_only_where_allowed),
		cmocka_unit_test(test_truncated_blocks_refused),
		cmocka_unit_test(test_small_buffer_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
