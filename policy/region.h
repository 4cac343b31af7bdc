/*
 * Regions and continents of the cloud profiles (SPEC 2.2 AWS public VIF
 * scope): the continent of an AWS or Google Cloud region name, and how two
 * regions relate (same region, same continent, neither). Pure string
 * functions: no allocation, no state, no knowledge of peers or routes.
 */
#ifndef XR_REGION_H
#define XR_REGION_H

#include <stdbool.h>
#include <stddef.h>

/* How the region of a route's origin relates to a destination's region. */
enum region_rel {
	REGION_OTHER = 0,	/* different continents, or a region unknown */
	REGION_CONTINENT = 1,	/* same continent, another region */
	REGION_SAME = 2,	/* the same region */
};

/*
 * The continent of region name r (NUL-terminated, not NULL), as a view of
 * *len bytes: AWS us- ca- mx- and GCP northamerica- "north-america"; sa-
 * southamerica- "south-america"; eu- me- af- il- europe- africa- "emea";
 * ap- asia- australia- "asia-pacific" (static strings); any other name
 * the text of r before its first '-' (all of r without one), pointing
 * into r. The result is not NUL-terminated when it points into r.
 */
const char *region_continent(const char *r, size_t *len);

/* Whether regions a and b (NULL: none, never the same) share a continent. */
bool region_same_continent(const char *a, const char *b);

/*
 * The relation of a route's origin region from to destination region to
 * (either NULL: REGION_OTHER, a region unknown is outside every region).
 */
enum region_rel region_relate(const char *from, const char *to);

#endif
