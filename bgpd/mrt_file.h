/*
 * Streaming MRT file input: opens a file, detects gzip (1f 8b) or bzip2
 * ("BZh") by its magic bytes and decompresses transparently, otherwise
 * reads raw; frames one record at a time (bgpd/mrt.h) in a buffer that only
 * grows to the largest record seen (bounded by MRT_REC_MAX). Reports damaged
 * framing with the byte offset in the decompressed stream. No output, no
 * logging: the caller prints what it gets.
 */
#ifndef XR_BGPD_MRT_FILE_H
#define XR_BGPD_MRT_FILE_H

#include <stddef.h>
#include <stdint.h>

#include "bgpd/mrt.h"

enum mrt_codec { MRT_RAW, MRT_GZIP, MRT_BZIP2 };

struct mrt_file;

/* One framed record; body borrows the file's buffer until the next call. */
struct mrt_rec {
	struct mrt_hdr hdr;
	const uint8_t *body;
	uint64_t offset;	/* of the header in the decompressed stream */
};

/* What went wrong on open or read: static text, offset, errno if any. */
struct mrt_file_err {
	const char *reason;
	uint64_t offset;
	int sys_errno;		/* 0 unless an OS or codec call failed */
	struct mrt_hdr hdr;	/* the header of the damaged record, if read */
	int have_hdr;
	uint64_t want;		/* bytes the record declared */
	uint64_t got;		/* bytes actually present */
};

enum mrt_read {
	MRT_READ_OK,		/* rec holds a record */
	MRT_READ_EOF,		/* clean end of input */
	MRT_READ_ERR,		/* err filled; reading may continue */
	MRT_READ_FATAL,		/* err filled; framing lost or input broken */
};

/*
 * Open path ("-" = standard input). Returns an owned handle or NULL with
 * err filled (sys_errno set).
 */
struct mrt_file *mrt_file_open(const char *path, struct mrt_file_err *err);
/* Close and free; NULL is a no-op. */
void mrt_file_free(struct mrt_file *f);
/* The codec detected from the magic bytes. */
enum mrt_codec mrt_file_codec(const struct mrt_file *f);

/*
 * Frame the next record. MRT_READ_ERR: a record larger than MRT_REC_MAX was
 * skipped (the stream stays framed). MRT_READ_FATAL: a truncated header or
 * body at the end of input, or a read/decompression error; stop reading.
 */
enum mrt_read mrt_file_next(struct mrt_file *f, struct mrt_rec *rec,
    struct mrt_file_err *err);

#endif
