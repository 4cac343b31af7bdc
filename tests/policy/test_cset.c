/*
 * Unit tests for policy/cset.c: literal and regex members of standard,
 * large and extended community sets under the any / all / invert options,
 * empty community lists, hash growth and regex compile errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "policy/cset.h"

/* Build a wire view of up to 8 communities of kind k from text. */
struct view {
	uint8_t buf[8 * 12];
	struct bytes b;
};

static struct bytes
view_of(struct view *v, enum ctext_kind k, const char *const *txt)
{
	size_t w = ctext_width(k), n = 0;

	for (; txt[n]; n++)
		assert_int_equal(ctext_parse(k, txt[n], v->buf + n * w), 0);
	v->b.p = v->buf;
	v->b.len = n * w;
	return v->b;
}

static struct cset *
set_of(enum ctext_kind k, const char *const *m)
{
	struct cset *s = cset_new(k);
	char err[128];

	for (; *m; m++)
		assert_int_equal(cset_add_text(s, *m, err, sizeof(err)), 0);
	return s;
}

struct row {
	const char *route[5];
	bool any, all, invert;
};

static void
run_rows(const struct cset *s, enum ctext_kind k, const struct row *r,
    size_t n)
{
	struct view v;
	struct bytes b;
	size_t i;

	for (i = 0; i < n; i++) {
		b = view_of(&v, k, r[i].route);
		if (cset_match(s, b, POL_MATCH_ANY) != r[i].any ||
		    cset_match(s, b, POL_MATCH_ALL) != r[i].all ||
		    cset_match(s, b, POL_MATCH_INVERT) != r[i].invert)
			fail_msg("row %zu", i);
	}
}

static void
test_cset_std(void **state)
{
	static const char *const members[] = { "65000:100", "no-export",
		"^7224:7[123]00$", NULL };
	static const struct row rows[] = {
		{ { NULL }, false, false, true },
		{ { "65000:100", NULL }, true, false, false },
		{ { "65000:101", NULL }, false, false, true },
		{ { "1:1", "7224:7200", NULL }, true, false, false },
		{ { "7224:7400", NULL }, false, false, true },
		{ { "65000:100", "no-export", "7224:7100", NULL },
		    true, true, false },
		{ { "no-export", "7224:7300", "65000:100", "9:9" },
		    true, true, false },
	};
	struct cset *s = set_of(CTEXT_STD, members);
	uint8_t v[4];

	(void)state;
	run_rows(s, CTEXT_STD, rows, sizeof(rows) / sizeof(rows[0]));
	assert_int_equal(cset_count(s), 2);
	assert_int_equal(cset_regex_count(s), 1);
	ctext_parse(CTEXT_STD, "7224:7300", v);
	assert_true(cset_has(s, v));
	ctext_parse(CTEXT_STD, "7224:7301", v);
	assert_false(cset_has(s, v));
	cset_free(s);
}

static void
test_cset_large_and_ext(void **state)
{
	static const char *const lm[] = { "4200000000:1:2", "^64512:[0-9]+:9$",
		NULL };
	static const struct row lrows[] = {
		{ { NULL }, false, false, true },
		{ { "4200000000:1:2", NULL }, true, false, false },
		{ { "64512:77:9", "4200000000:1:2", NULL }, true, true, false },
		{ { "64512:77:8", NULL }, false, false, true },
	};
	static const char *const em[] = { "rt:65000:100", "rt:192.0.2.1:5",
		NULL };
	static const struct row erows[] = {
		{ { "rt:65000:100", NULL }, true, false, false },
		{ { "soo:65000:100", NULL }, false, false, true },
		{ { "rt:192.0.2.1:5", "rt:65000:100", NULL },
		    true, true, false },
	};
	struct cset *l = set_of(CTEXT_LARGE, lm), *e = set_of(CTEXT_EXT, em);

	(void)state;
	run_rows(l, CTEXT_LARGE, lrows, sizeof(lrows) / sizeof(lrows[0]));
	run_rows(e, CTEXT_EXT, erows, sizeof(erows) / sizeof(erows[0]));
	cset_free(l);
	cset_free(e);
}

static void
test_cset_growth_and_errors(void **state)
{
	struct cset *s = cset_new(CTEXT_STD), *empty = cset_new(CTEXT_STD);
	char err[128], txt[16];
	uint8_t v[4];
	unsigned i;

	(void)state;
	for (i = 0; i < 5000; i++) {
		snprintf(txt, sizeof(txt), "%u:%u", i % 65536, i * 7 % 65536);
		assert_int_equal(cset_add_text(s, txt, err, sizeof(err)), 0);
		assert_int_equal(cset_add_text(s, txt, err, sizeof(err)), 0);
	}
	assert_int_equal(cset_count(s), 5000);
	for (i = 0; i < 5000; i++) {
		ctext_put32(v, i << 16 | (i * 7 % 65536));
		assert_true(cset_has(s, v));
		ctext_put32(v, i << 16 | ((i * 7 + 1) % 65536));
		assert_false(cset_has(s, v));
	}
	assert_int_equal(cset_add_text(s, "(unbalanced", err, sizeof(err)),
	    -1);
	assert_true(strlen(err) > 0);
	assert_int_equal(cset_regex_count(s), 0);
	/* An empty set: ALL holds vacuously, ANY never. */
	assert_true(cset_match(empty, (struct bytes){ v, 4 }, POL_MATCH_ALL));
	assert_false(cset_match(empty, (struct bytes){ v, 4 }, POL_MATCH_ANY));
	cset_free(s);
	cset_free(empty);
	cset_free(NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cset_std),
		cmocka_unit_test(test_cset_large_and_ext),
		cmocka_unit_test(test_cset_growth_and_errors),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
