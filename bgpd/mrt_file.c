/*
 * MRT file input: magic-byte detection of gzip / bzip2 / raw, one pull
 * function per codec, and a record framer over a buffer that grows to the
 * largest record (never beyond MRT_REC_MAX; larger records are skipped by
 * streaming them away). Concatenated gzip members and bzip2 streams are
 * read through; a stream cut short ends the input after its last complete
 * block, like the tools that wrote the oracles.
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "bgpd/mrt_file.h"
#include "lib/xmalloc.h"

#define CHUNK (256u * 1024u)

struct mrt_file {
	int fd;
	enum mrt_codec codec;
	bool eof;		/* the codec has no more bytes */
	bool broken;		/* the codec failed: report once at the end */
	const char *broken_why;
	gzFile gz;
	bz_stream bz;
	bool bz_live;		/* a bzip2 stream is being decoded */
	uint8_t *zin;		/* compressed input for bzip2 */
	uint8_t *buf;		/* decompressed bytes [head, tail) */
	size_t cap, head, tail;
	uint64_t pos;		/* stream offset of buf[head] */
};

static long
pull_raw(struct mrt_file *f, uint8_t *dst, size_t n)
{
	ssize_t r;

	do
		r = read(f->fd, dst, n);
	while (r < 0 && errno == EINTR);
	return r;
}

static long
pull_gz(struct mrt_file *f, uint8_t *dst, size_t n)
{
	int r = gzread(f->gz, dst, (unsigned)n);
	int zerr;

	if (r < 0) {
		gzerror(f->gz, &zerr);
		f->broken_why = "gzip data error";
		return -1;
	}
	if (r == 0 && !gzeof(f->gz))
		f->broken_why = "gzip read error";
	return r;
}

/*
 * bzip2 through the low-level API so that everything decoded before a cut
 * is delivered; concatenated streams (bzip2 -c a b > c) are read through.
 */
static long
pull_bz(struct mrt_file *f, uint8_t *dst, size_t n)
{
	bz_stream *z = &f->bz;
	ssize_t r;
	int rc;

	z->next_out = (char *)dst;
	z->avail_out = (unsigned)n;
	while (z->avail_out == n) {
		if (z->avail_in == 0) {
			r = pull_raw(f, f->zin, CHUNK);
			if (r < 0) {
				f->broken_why = "read error";
				return -1;
			}
			if (r == 0) {
				if (f->bz_live)
					f->broken_why = "bzip2 stream cut short";
				break;
			}
			z->next_in = (char *)f->zin;
			z->avail_in = (unsigned)r;
		}
		if (!f->bz_live) {
			if (BZ2_bzDecompressInit(z, 0, 0) != BZ_OK)
				return -1;
			f->bz_live = true;
		}
		rc = BZ2_bzDecompress(z);
		if (rc == BZ_STREAM_END) {
			BZ2_bzDecompressEnd(z);
			f->bz_live = false;
		} else if (rc != BZ_OK) {
			f->broken_why = "bzip2 data error";
			break;
		}
	}
	if (z->avail_out == n && f->broken_why)
		return -1;
	return (long)(n - z->avail_out);
}

static long
pull(struct mrt_file *f, uint8_t *dst, size_t n)
{
	switch (f->codec) {
	case MRT_GZIP:
		return pull_gz(f, dst, n);
	case MRT_BZIP2:
		return pull_bz(f, dst, n);
	default:
		return pull_raw(f, dst, n);
	}
}

static int
codec_open(struct mrt_file *f)
{
	switch (f->codec) {
	case MRT_GZIP:
		f->gz = gzdopen(f->fd, "rb");
		if (!f->gz)
			return -1;
		f->fd = -1;	/* owned by gz now */
		gzbuffer(f->gz, CHUNK);
		return 0;
	case MRT_BZIP2:
		f->zin = xmalloc(CHUNK);
		return 0;
	default:
		return 0;
	}
}

/* Peek at the magic bytes and rewind (pipes: keep them in the buffer). */
static void
codec_detect(struct mrt_file *f)
{
	uint8_t m[3];
	long n = pull_raw(f, m, sizeof(m));

	f->codec = MRT_RAW;
	if (n >= 2 && m[0] == 0x1f && m[1] == 0x8b)
		f->codec = MRT_GZIP;
	else if (n == 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h')
		f->codec = MRT_BZIP2;
	if (lseek(f->fd, 0, SEEK_SET) == 0)
		return;
	/* Not seekable: only raw input is supported from a pipe. */
	f->codec = MRT_RAW;
	if (n > 0) {
		memcpy(f->buf, m, (size_t)n);
		f->tail = (size_t)n;
	}
}

struct mrt_file *
mrt_file_open(const char *path, struct mrt_file_err *err)
{
	struct mrt_file *f = xcalloc(1, sizeof(*f));

	memset(err, 0, sizeof(*err));
	f->fd = strcmp(path, "-") ? open(path, O_RDONLY) : dup(0);
	if (f->fd < 0) {
		err->reason = "cannot open";
		err->sys_errno = errno;
		free(f);
		return NULL;
	}
	f->cap = CHUNK;
	f->buf = xmalloc(f->cap);
	codec_detect(f);
	if (codec_open(f) < 0) {
		err->reason = "cannot start decompression";
		err->sys_errno = errno;
		mrt_file_free(f);
		return NULL;
	}
	return f;
}

void
mrt_file_free(struct mrt_file *f)
{
	if (!f)
		return;
	if (f->bz_live)
		BZ2_bzDecompressEnd(&f->bz);
	free(f->zin);
	if (f->gz)
		gzclose(f->gz);
	if (f->fd >= 0)
		close(f->fd);
	free(f->buf);
	free(f);
}

enum mrt_codec
mrt_file_codec(const struct mrt_file *f)
{
	return f->codec;
}

/* Make [head, head + want) available if the input has it; false at EOF. */
static bool
fill(struct mrt_file *f, size_t want, struct mrt_file_err *err)
{
	long r;

	while (f->tail - f->head < want) {
		if (f->eof)
			return false;
		if (f->head > 0 && f->head + want > f->cap) {
			memmove(f->buf, f->buf + f->head, f->tail - f->head);
			f->tail -= f->head;
			f->head = 0;
		}
		while (f->cap < want + CHUNK / 4)
			f->cap *= 2, f->buf = xrealloc(f->buf, f->cap);
		r = pull(f, f->buf + f->tail, f->cap - f->tail);
		if (r < 0) {
			err->sys_errno = errno;
			f->eof = f->broken = true;
		} else if (r == 0) {
			f->eof = true;
		} else {
			f->tail += (size_t)r;
		}
	}
	return true;
}

/* Discard n bytes without keeping them (records beyond MRT_REC_MAX). */
static bool
discard(struct mrt_file *f, uint64_t n, struct mrt_file_err *err)
{
	size_t step;

	while (n > 0) {
		if (f->tail == f->head && !fill(f, 1, err))
			return false;
		step = f->tail - f->head;
		if (step > n)
			step = (size_t)n;
		f->head += step;
		f->pos += step;
		n -= step;
	}
	return true;
}

/* End of input inside a record: want bytes declared, skip bytes before them. */
static enum mrt_read
truncated(struct mrt_file *f, struct mrt_file_err *err, const char *why,
    uint64_t want, size_t skip)
{
	size_t have = f->tail - f->head;

	err->reason = f->broken_why ? f->broken_why : why;
	err->offset = f->pos;
	err->want = want;
	err->got = have > skip ? have - skip : 0;
	f->pos += have;
	f->head = f->tail;
	return MRT_READ_FATAL;
}

enum mrt_read
mrt_file_next(struct mrt_file *f, struct mrt_rec *rec,
    struct mrt_file_err *err)
{
	struct mrt_err merr;
	size_t hl;

	memset(err, 0, sizeof(*err));
	if (!fill(f, MRT_HDR_LEN, err)) {
		if (f->tail == f->head && !f->broken_why)
			return MRT_READ_EOF;
		return truncated(f, err, "truncated MRT header", MRT_HDR_LEN,
		    0);
	}
	mrt_hdr_decode(f->buf + f->head, MRT_HDR_LEN, &rec->hdr, &merr);
	hl = mrt_hdr_len(&rec->hdr);
	err->hdr = rec->hdr;
	err->have_hdr = 1;
	if (rec->hdr.et && (!fill(f, hl, err) ||
	    mrt_hdr_decode(f->buf + f->head, hl, &rec->hdr, &merr) != MRT_OK))
		return truncated(f, err, "truncated MRT extended header", hl,
		    0);
	err->hdr = rec->hdr;
	if (rec->hdr.len > MRT_REC_MAX) {
		err->reason = "record longer than the limit, skipped";
		err->offset = f->pos;
		err->want = rec->hdr.len;
		if (!discard(f, hl + (uint64_t)rec->hdr.len, err))
			return truncated(f, err, "truncated MRT record",
			    rec->hdr.len, 0);
		return MRT_READ_ERR;
	}
	if (!fill(f, hl + rec->hdr.len, err))
		return truncated(f, err, "truncated MRT record", rec->hdr.len,
		    hl);
	rec->body = f->buf + f->head + hl;
	rec->offset = f->pos;
	f->head += hl + rec->hdr.len;
	f->pos += hl + rec->hdr.len;
	return MRT_READ_OK;
}
