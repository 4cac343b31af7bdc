/*
 * Unit tests for rib/pool.c: objects are zeroed, distinct and aligned,
 * freed objects are reused, counters and chunk accounting follow.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "rib/pool.h"

static void
test_alloc_free_reuse(void **state)
{
	struct pool p;
	void *v[3000];
	size_t i;

	(void)state;
	pool_init(&p, 20);
	assert_int_equal(p.size, 24);
	for (i = 0; i < 3000; i++) {
		unsigned char *o = v[i] = pool_alloc(&p);
		size_t j;

		assert_int_equal((uintptr_t)o % 8, 0);
		for (j = 0; j < 24; j++)
			assert_int_equal(o[j], 0);
		memset(o, 0xa5, 24);
	}
	assert_int_equal(p.live, 3000);
	/* 3000 x 24 bytes need two 64 KiB chunks. */
	assert_int_equal(pool_bytes(&p), 2 * 65536);
	for (i = 1; i < 3000; i++)
		assert_ptr_not_equal(v[i], v[i - 1]);
	pool_free(&p, v[10]);
	pool_free(&p, NULL);
	assert_int_equal(p.live, 2999);
	assert_ptr_equal(pool_alloc(&p), v[10]);
	for (i = 0; i < 3000; i++)
		pool_free(&p, v[i]);
	assert_int_equal(p.live, 0);
	/* Everything comes from the free list now: no new chunk. */
	for (i = 0; i < 3000; i++)
		v[i] = pool_alloc(&p);
	assert_int_equal(pool_bytes(&p), 2 * 65536);
	pool_fini(&p);
	assert_int_equal(pool_bytes(&p), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alloc_free_reuse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
