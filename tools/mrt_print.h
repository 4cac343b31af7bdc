/*
 * The `crossroute mrt dump` line format: the one-line-per-entry layout of
 * `bgpdump -m` (1.6.2) for TABLE_DUMP, TABLE_DUMP_V2, BGP4MP / BGP4MP_ET and
 * the deprecated type 5 records, printed from the values the engine's own
 * codec decodes: bgpd/wire_update.c for every BGP UPDATE (capabilities
 * from the record subtype) and bgpd/wire_attr.c for RIB entry attribute
 * blocks. There is no second attribute reader. Where bgpdump's reading
 * differs from the RFCs the line follows the RFCs (tests/mrt/golden.sh
 * asserts every such difference); addresses are printed per RFC 5952.
 *
 * RFC 7606 verdicts: an UPDATE or RIB entry whose verdict is attribute
 * discard or treat-as-withdraw is printed with the values as decoded
 * (discarded or malformed attributes absent; treat-as-withdraw routes are
 * still printed as A/B lines, as they are in the record), and the record
 * gets one warning on stderr naming the first verdict, the attribute and
 * the codec's reason. AFI/SAFI disable drops the lines of that family (a
 * RIB entry of that family prints none); session reset means nothing in
 * the message is usable, so that UPDATE or RIB entry prints no line.
 * Every verdict is counted for --summary. Output goes through one buffer with hand-written
 * number formatting; the caller owns the descriptor.
 */
#ifndef XR_TOOLS_MRT_PRINT_H
#define XR_TOOLS_MRT_PRINT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "bgpd/mrt.h"
#include "bgpd/wire_update.h"

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
	uint64_t not_printed;		/* decoded, but no line in this format */
	uint64_t errors;
	uint64_t warnings;		/* records with a contained problem */
	uint64_t host_bits;		/* prefixes whose host bits were cleared */
	uint64_t by_type[18];		/* records per MRT type 0..17 */
	uint64_t verdicts[WIRE_RESET + 1];	/* UPDATEs per wire_verdict */
	uint64_t rib_verdicts[WIRE_RESET + 1];	/* RIB entries per verdict */
};

/* Printing state for one input file (the PEER_INDEX_TABLE, counters). */
struct mrt_print {
	struct mrt_out *out;		/* borrowed */
	struct mrt_peer_index pi;
	bool have_pi;
	struct wire_update u;		/* the codec's output, reused */
	char *path, *comm;		/* text of the current attributes */
	size_t path_cap, comm_cap;
	size_t path_len, comm_len;
	char warn[192];			/* the record's warning, if any */
	size_t warn_off;		/* its offset in the record body */
	struct mrt_print_stats st;
};

/* Start printing a file to out (borrowed for the printer's life). */
void mrt_print_init(struct mrt_print *pr, struct mrt_out *out);
/* Release the peer table and the codec state. */
void mrt_print_fini(struct mrt_print *pr);

/*
 * Print the lines of one record (header h, body of h->len bytes). Returns
 * MRT_OK (err->reason NULL, or a warning such as an RFC 7606 verdict, with
 * err->offset relative to the body); MRT_SKIP for types we skip
 * (err->reason says why); MRT_ERR for a damaged record (lines decoded
 * before the damage are printed).
 */
enum mrt_verdict mrt_print_record(struct mrt_print *pr,
    const struct mrt_hdr *h, const uint8_t *body, struct mrt_err *err);

/* Static name of a verdict as --summary and warnings print it. */
const char *mrt_print_verdict_name(enum wire_verdict v);

#endif
