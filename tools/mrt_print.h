/*
 * The `crossroute mrt dump` line format: exactly what `bgpdump -m` (1.6.2)
 * prints for TABLE_DUMP, TABLE_DUMP_V2 and BGP4MP / BGP4MP_ET records, with
 * two deliberate differences: prefixes are printed with host bits cleared
 * (as upstream bgpdump does since 2020), and nothing is printed for records
 * bgpdump cannot decode either. Output goes through one large buffer with
 * hand-written number formatting; the caller owns the descriptor.
 */
#ifndef XR_TOOLS_MRT_PRINT_H
#define XR_TOOLS_MRT_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/mrt.h"
#include "tools/mrt_check.h"

/* A buffered writer to a file descriptor; err is sticky. */
struct mrt_out {
	int fd;
	char *buf;
	size_t len, cap;
	bool err;
};

/* Start a writer on fd (borrowed); fd -1 discards everything written. */
void mrt_out_init(struct mrt_out *o, int fd);
/* Write what is buffered; returns 0 or -1 (errno set, err sticky). */
int mrt_out_flush(struct mrt_out *o);
/* Flush and release the buffer; returns mrt_out_flush()'s result. */
int mrt_out_fini(struct mrt_out *o);

/* Per-file counters for --summary. */
struct mrt_print_stats {
	uint64_t records;
	uint64_t lines;
	uint64_t announce;
	uint64_t withdraw;
	uint64_t state;
	uint64_t rib_entries;
	uint64_t skipped;		/* deprecated / unknown types */
	uint64_t not_printed;		/* decoded, but bgpdump prints nothing */
	uint64_t errors;
	uint64_t warnings;		/* decoded records with a contained problem */
	uint64_t host_bits;		/* prefixes printed masked */
	uint64_t by_type[18];		/* records per MRT type 0..17 */
};

/* Printing state for one input file (the PEER_INDEX_TABLE, counters). */
struct mrt_print {
	struct mrt_out *out;		/* borrowed */
	struct mrt_peer_index pi;
	bool have_pi;
	const char *warn;		/* the record's printing warning, if any */
	struct mrt_check *check;	/* borrowed; NULL: no codec cross-check */
	char path[8192];		/* AS path text of the current UPDATE */
	struct mrt_print_stats st;
};

/* Start printing a file to out (borrowed for the printer's life). */
void mrt_print_init(struct mrt_print *pr, struct mrt_out *out);
/* Release the peer table. */
void mrt_print_fini(struct mrt_print *pr);

/*
 * Print the lines of one record (header h, body of h->len bytes). Returns
 * MRT_OK (err->reason NULL or a warning); MRT_SKIP for types we skip (err->reason says why); MRT_ERR for a
 * damaged record (lines decoded before the damage are printed; err->offset
 * is relative to the body).
 */
enum mrt_verdict mrt_print_record(struct mrt_print *pr,
    const struct mrt_hdr *h, const uint8_t *body, struct mrt_err *err);

#endif
