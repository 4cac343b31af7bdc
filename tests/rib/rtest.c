/* Helpers shared by the randomised tests of rib/ (see rtest.h). */
#include "tests/rib/rtest.h"

uint32_t
rtest_next(uint64_t *state)
{
	*state ^= *state >> 12;
	*state ^= *state << 25;
	*state ^= *state >> 27;
	return (uint32_t)((*state * 2685821657736338717ull) >> 32);
}

struct prefix
rtest_host_bits(uint64_t *state, const struct prefix *p)
{
	struct prefix q = *p;
	unsigned i;

	for (i = q.len; i < addr_bytes(q.afi) * 8u; i++)
		if (rtest_next(state) % 2)
			q.a[i >> 3] |= (uint8_t)(0x80u >> (i & 7));
	return q;
}

long
rtest_find(const struct prefix *v, size_t n, const struct prefix *p)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (prefix_eq(&v[i], p))
			return (long)i;
	return -1;
}
