/*
 * `crossroute mrt dump [--summary] FILE...`: print MRT dumps in the
 * `bgpdump -m` one-line format (tools/mrt_print.c) or, with --summary,
 * counts per record type and the RFC 7606 verdicts of the engine's codec
 * on every UPDATE and RIB entry. Each problem is one line on stderr naming the
 * file, the byte offset in the (decompressed) stream and the record type;
 * reading resumes at the next record whenever the framing allows.
 * `mrt replay` (tools/mrt_replay.c) and `mrt blast` (tools/mrt_blast.c) are
 * dispatched from here.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bgpd/mrt.h"
#include "bgpd/mrt_file.h"
#include "tools/cmd.h"
#include "tools/mrt_blast.h"
#include "tools/mrt_replay.h"
#include "tools/mrt_print.h"
#include "tools/mrt_report.h"

static int
usage(void)
{
	fprintf(stderr, "usage: crossroute mrt dump [--summary] FILE...\n"
	    "       crossroute mrt replay [OPTIONS] FILE...\n"
	    "       crossroute mrt blast [OPTIONS] PEER[:PORT] FILE\n");
	return 2;
}

static void
verdicts_print(const char *path, const char *what, const uint64_t *v)
{
	printf("%s: codec %s: ok %" PRIu64 " attr_discard %" PRIu64
	    " treat_as_withdraw %" PRIu64 " afi_disable %" PRIu64 " reset %"
	    PRIu64 "\n", path, what, v[WIRE_OK], v[WIRE_ATTR_DISCARD],
	    v[WIRE_WITHDRAW], v[WIRE_AFI_DISABLE], v[WIRE_RESET]);
}

static void
summary_print(const char *path, const struct mrt_print_stats *s)
{
	unsigned t;

	printf("%s: records %" PRIu64 " lines %" PRIu64 " announce %" PRIu64
	    " withdraw %" PRIu64 " state %" PRIu64 " rib_entries %" PRIu64
	    " skipped %" PRIu64 " not_printed %" PRIu64 " errors %" PRIu64
	    " warnings %" PRIu64 " masked %" PRIu64 "\n", path, s->records,
	    s->lines, s->announce, s->withdraw, s->state, s->rib_entries,
	    s->skipped, s->not_printed, s->errors, s->warnings, s->host_bits);
	for (t = 0; t < sizeof(s->by_type) / sizeof(s->by_type[0]); t++)
		if (s->by_type[t])
			printf("%s: type %s(%u) %" PRIu64 "\n", path,
			    mrt_type_name((uint16_t)t), t, s->by_type[t]);
	verdicts_print(path, "UPDATE", s->verdicts);
	verdicts_print(path, "RIB entries", s->rib_verdicts);
}

/* Dump one file; returns the number of problems reported. */
static uint64_t
dump_file(const char *path, struct mrt_out *out, bool summary)
{
	struct mrt_file_err ferr;
	struct mrt_file *f;
	struct mrt_print pr;
	struct mrt_rec rec;
	struct mrt_err err;
	enum mrt_read rr;
	enum mrt_verdict v;
	uint64_t problems = 0;

	f = mrt_file_open(path, &ferr);
	if (!f) {
		fprintf(stderr, "crossroute: %s: %s: %s\n", path, ferr.reason,
		    strerror(ferr.sys_errno));
		return 1;
	}
	mrt_print_init(&pr, out);
	while ((rr = mrt_file_next(f, &rec, &ferr)) != MRT_READ_EOF) {
		if (rr != MRT_READ_OK) {
			mrt_report_file("crossroute", path, &ferr);
			problems++;
			if (rr == MRT_READ_FATAL)
				break;
			continue;
		}
		v = mrt_print_record(&pr, &rec.hdr, rec.body, &err);
		if (v == MRT_OK && !err.reason)
			continue;
		mrt_report("crossroute", path,
		    v == MRT_ERR ? "error" : "warning",
		    rec.offset + mrt_hdr_len(&rec.hdr) + err.offset, &rec.hdr,
		    err.reason);
		problems += v == MRT_ERR;
	}
	if (summary) {
		summary_print(path, &pr.st);
		fflush(stdout);
	}
	mrt_print_fini(&pr);
	mrt_file_free(f);
	return problems;
}

int
cmd_mrt(int argc, char **argv)
{
	struct mrt_out out;
	bool summary = false;
	uint64_t problems = 0;
	int i = 2;

	if (argc >= 2 && strcmp(argv[1], "replay") == 0)
		return mrt_replay_main(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "blast") == 0)
		return mrt_blast_main(argc - 1, argv + 1);
	if (argc < 2 || strcmp(argv[1], "dump") != 0)
		return usage();
	if (i < argc && strcmp(argv[i], "--summary") == 0)
		summary = true, i++;
	if (i >= argc)
		return usage();
	mrt_out_init(&out, summary ? -1 : STDOUT_FILENO);
	for (; i < argc; i++) {
		problems += dump_file(argv[i], &out, summary);
	}
	if (mrt_out_fini(&out) < 0) {
		fprintf(stderr, "crossroute: write error: %s\n",
		    strerror(errno));
		return 1;
	}
	return problems ? 1 : 0;
}
