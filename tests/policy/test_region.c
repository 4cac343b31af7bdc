/*
 * Unit tests for policy/region.c: the continent of AWS and Google Cloud
 * region names (a table), unknown naming by its first token, and the
 * relation of two regions.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "policy/region.h"

static void
test_region_continent(void **state)
{
	static const struct {
		const char *region, *continent;
	} rows[] = {
		{ "us-east-1", "north-america" },
		{ "us-gov-west-1", "north-america" },
		{ "ca-central-1", "north-america" },
		{ "mx-central-1", "north-america" },
		{ "us-central1", "north-america" },		/* GCP */
		{ "northamerica-northeast1", "north-america" },
		{ "sa-east-1", "south-america" },
		{ "southamerica-east1", "south-america" },
		{ "eu-west-1", "emea" },
		{ "me-south-1", "emea" },
		{ "af-south-1", "emea" },
		{ "il-central-1", "emea" },
		{ "europe-west1", "emea" },
		{ "me-central2", "emea" },			/* GCP */
		{ "africa-south1", "emea" },
		{ "ap-southeast-2", "asia-pacific" },
		{ "asia-northeast1", "asia-pacific" },
		{ "australia-southeast1", "asia-pacific" },
		/* Unknown naming: the token before the first '-'. */
		{ "cn-north-1", "cn" },
		{ "mars-1", "mars" },
		{ "lunar", "lunar" },
		/* A known token only as a whole token. */
		{ "usa-1", "usa" },
		{ "e-1", "e" },
	};
	const char *c;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		c = region_continent(rows[i].region, &len);
		if (len != strlen(rows[i].continent) ||
		    memcmp(c, rows[i].continent, len))
			fail_msg("%s: %.*s, want %s", rows[i].region, (int)len,
			    c, rows[i].continent);
	}
}

static void
test_region_relate(void **state)
{
	static const struct {
		const char *from, *to;
		enum region_rel rel;
	} rows[] = {
		{ "us-east-1", "us-east-1", REGION_SAME },
		{ "us-east-1", "us-west-2", REGION_CONTINENT },
		{ "us-east-1", "ca-central-1", REGION_CONTINENT },
		{ "us-east-1", "northamerica-northeast1", REGION_CONTINENT },
		{ "eu-west-1", "europe-west1", REGION_CONTINENT },
		{ "us-east-1", "eu-west-1", REGION_OTHER },
		{ "sa-east-1", "us-east-1", REGION_OTHER },
		{ "cn-north-1", "cn-northwest-1", REGION_CONTINENT },
		{ "cn-north-1", "ap-east-1", REGION_OTHER },
		{ NULL, "us-east-1", REGION_OTHER },
		{ "us-east-1", NULL, REGION_OTHER },
		{ NULL, NULL, REGION_OTHER },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (region_relate(rows[i].from, rows[i].to) != rows[i].rel)
			fail_msg("row %zu: %d", i,
			    (int)region_relate(rows[i].from, rows[i].to));
	assert_true(region_same_continent("ap-south-1", "asia-south1"));
	assert_false(region_same_continent("ap-south-1", NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_region_continent),
		cmocka_unit_test(test_region_relate),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
