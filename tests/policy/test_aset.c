/*
 * Unit tests for policy/aset.c: the "_" boundary translation, matching over
 * the aspath_print() text form (sequences, AS_SET braces, confederation
 * segments, empty paths, 4-octet ASNs) and the any / all / invert options.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "policy/aset.h"

static void
test_aset_translate(void **state)
{
	char out[128];

	(void)state;
	assert_int_equal(aset_translate("^65000_", out, sizeof(out)),
	    strlen("^65000(^|$|[][ ,{}()])"));
	assert_string_equal(out, "^65000(^|$|[][ ,{}()])");
	/* Inside brackets and after a backslash "_" stays literal. */
	aset_translate("[_]\\_x", out, sizeof(out));
	assert_string_equal(out, "[_]\\_x");
	aset_translate("[]_]_", out, sizeof(out));
	assert_string_equal(out, "[]_](^|$|[][ ,{}()])");
	aset_translate("[[:digit:]_]+", out, sizeof(out));
	assert_string_equal(out, "[[:digit:]_]+");
	/* Truncation keeps the terminator and reports the full length. */
	assert_int_equal(aset_translate("_", out, 4), 16);
	assert_string_equal(out, "(^|");
}

struct row {
	const char *path;
	bool match;
};

static void
run(const char *member, const struct row *r, size_t n)
{
	struct aset *s = aset_new();
	char err[128];
	size_t i;

	assert_int_equal(aset_add(s, member, err, sizeof(err)), 0);
	for (i = 0; i < n; i++)
		if (aset_match(s, r[i].path, POL_MATCH_ANY) != r[i].match)
			fail_msg("%s on \"%s\"", member, r[i].path);
	aset_free(s);
}

static void
test_aset_boundaries(void **state)
{
	static const struct row first[] = {
		{ "65000 7224", true }, { "65000", true },
		{ "650001 7224", false }, { "1 65000", false }, { "", false },
	};
	static const struct row last[] = {
		{ "65000 7224", true }, { "17224", false },
		{ "7224 1", false }, { "{7224}", false },
		{ "1 {9,7224}", false },
	};
	static const struct row any[] = {
		{ "1 64512 2", true }, { "64512", true }, { "{1,64512}", true },
		{ "(64512 3) 4", true }, { "[5,64512]", true },
		{ "164512", false }, { "645120", false }, { "", false },
	};
	static const struct row empty[] = {
		{ "", true }, { "1", false },
	};
	static const struct row big[] = {
		{ "4200000000 4294967294", true }, { "420000000 1", false },
	};

	(void)state;
	run("^65000_", first, sizeof(first) / sizeof(first[0]));
	run("_7224$", last, sizeof(last) / sizeof(last[0]));
	run("_64512_", any, sizeof(any) / sizeof(any[0]));
	run("^$", empty, sizeof(empty) / sizeof(empty[0]));
	run("^4200000000_", big, sizeof(big) / sizeof(big[0]));
}

static void
test_aset_options(void **state)
{
	struct aset *s = aset_new(), *e = aset_new();
	char err[128];

	(void)state;
	assert_int_equal(aset_add(s, "_1_", err, sizeof(err)), 0);
	assert_int_equal(aset_add(s, "_2_", err, sizeof(err)), 0);
	assert_int_equal(aset_add(s, "((", err, sizeof(err)), -1);
	assert_int_equal(aset_count(s), 2);
	assert_true(aset_match(s, "1 2 3", POL_MATCH_ANY));
	assert_true(aset_match(s, "1 2 3", POL_MATCH_ALL));
	assert_false(aset_match(s, "1 2 3", POL_MATCH_INVERT));
	assert_true(aset_match(s, "1 3", POL_MATCH_ANY));
	assert_false(aset_match(s, "1 3", POL_MATCH_ALL));
	assert_false(aset_match(s, "1 3", POL_MATCH_INVERT));
	assert_false(aset_match(s, "3 4", POL_MATCH_ANY));
	assert_true(aset_match(s, "3 4", POL_MATCH_INVERT));
	assert_true(aset_match(e, "3", POL_MATCH_ALL));
	assert_false(aset_match(e, "3", POL_MATCH_ANY));
	aset_free(s);
	aset_free(e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_aset_translate),
		cmocka_unit_test(test_aset_boundaries),
		cmocka_unit_test(test_aset_options),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
