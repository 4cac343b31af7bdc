/*
 * MRT problem reports shared by `crossroute mrt dump` and `mrt replay`:
 * one line per problem on stderr, naming file, offset and record type.
 */
#include <inttypes.h>
#include <stdio.h>

#include "tools/mrt_report.h"

void
mrt_report(const char *prog, const char *path, const char *sev,
    uint64_t off, const struct mrt_hdr *h, const char *what)
{
	if (h)
		fprintf(stderr, "%s: %s: %s: offset %" PRIu64
		    ": %s(%u)/%s(%u): %s\n", prog, path, sev, off,
		    mrt_type_name(h->type), h->type,
		    mrt_subtype_name(h->type, h->subtype), h->subtype, what);
	else
		fprintf(stderr, "%s: %s: %s: offset %" PRIu64 ": %s\n",
		    prog, path, sev, off, what);
}

void
mrt_report_file(const char *prog, const char *path,
    const struct mrt_file_err *e)
{
	char what[160];

	if (e->have_hdr && e->want)
		snprintf(what, sizeof(what), "%s (%" PRIu64 " of %" PRIu64
		    " bytes present)", e->reason, e->got, e->want);
	else
		snprintf(what, sizeof(what), "%s", e->reason);
	mrt_report(prog, path, "error", e->offset,
	    e->have_hdr ? &e->hdr : NULL, what);
}
