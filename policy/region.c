/*
 * Continent of a region and the relation of two regions (see region.h):
 * the region's first token looked up in a table of AWS and Google Cloud
 * naming, else the token itself. Pure.
 */
#include <string.h>

#include "policy/region.h"

struct region_row {
	const char *token;	/* text before the first '-' */
	const char *continent;
};

static const struct region_row region_rows[] = {
	{ "us", "north-america" },		/* AWS and GCP */
	{ "ca", "north-america" },		/* AWS ca-central-1 */
	{ "mx", "north-america" },		/* AWS mx-central-1 */
	{ "northamerica", "north-america" },	/* GCP */
	{ "sa", "south-america" },		/* AWS sa-east-1 */
	{ "southamerica", "south-america" },	/* GCP */
	{ "eu", "emea" },
	{ "me", "emea" },			/* AWS and GCP */
	{ "af", "emea" },
	{ "il", "emea" },			/* AWS il-central-1 */
	{ "europe", "emea" },
	{ "africa", "emea" },
	{ "ap", "asia-pacific" },
	{ "asia", "asia-pacific" },
	{ "australia", "asia-pacific" },
};

const char *
region_continent(const char *r, size_t *len)
{
	const char *dash = strchr(r, '-');
	size_t n = dash != NULL ? (size_t)(dash - r) : strlen(r), i;

	for (i = 0; i < sizeof(region_rows) / sizeof(region_rows[0]); i++) {
		const struct region_row *w = &region_rows[i];

		if (strlen(w->token) == n && !memcmp(w->token, r, n)) {
			*len = strlen(w->continent);
			return w->continent;
		}
	}
	*len = n;
	return r;
}

bool
region_same_continent(const char *a, const char *b)
{
	const char *ca, *cb;
	size_t la, lb;

	if (a == NULL || b == NULL)
		return false;
	ca = region_continent(a, &la);
	cb = region_continent(b, &lb);
	return la == lb && !memcmp(ca, cb, la);
}

enum region_rel
region_relate(const char *from, const char *to)
{
	if (from == NULL || to == NULL)
		return REGION_OTHER;
	if (!strcmp(from, to))
		return REGION_SAME;
	return region_same_continent(from, to) ? REGION_CONTINENT :
	    REGION_OTHER;
}
