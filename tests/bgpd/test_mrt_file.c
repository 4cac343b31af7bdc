/*
 * Unit tests for bgpd/mrt_file.c: the same records read back from raw,
 * gzip, bzip2 and concatenated-stream files; a record cut at the end of
 * input; a record over MRT_REC_MAX skipped with framing kept. Files are
 * written to a temporary directory.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bzlib.h>
#include <zlib.h>
#include <cmocka.h>

#include "bgpd/mrt_file.h"

/* Two records: a 4-byte TABLE_DUMP_V2 body and a BGP4MP_ET with usec 7. */
static const uint8_t recs[] = {
	0, 0, 0, 1, 0, 13, 0, 1, 0, 0, 0, 4, 0xaa, 0xbb, 0xcc, 0xdd,
	0, 0, 0, 2, 0, 17, 0, 0, 0, 0, 0, 6, 0, 0, 0, 7, 0x11, 0x22,
};

static char dir[] = "/tmp/test_mrt_file.XXXXXX";

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	char cmd[64];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	return system(cmd);
}

static const char *
path_of(const char *name)
{
	static char p[128];

	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

static void
write_raw(const char *name, const void *b, size_t n)
{
	FILE *f = fopen(path_of(name), "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(b, 1, n, f), n);
	fclose(f);
}

static void
write_gz(const char *name, const void *b, size_t n, int members)
{
	gzFile g;
	int i;

	for (i = 0; i < members; i++) {
		g = gzopen(path_of(name), i ? "ab" : "wb");
		assert_non_null(g);
		assert_int_equal(gzwrite(g, b, (unsigned)n), (int)n);
		gzclose(g);
	}
}

static void
write_bz2(const char *name, const void *b, size_t n, int streams)
{
	FILE *f = fopen(path_of(name), "wb");
	BZFILE *z;
	int e, i;

	assert_non_null(f);
	for (i = 0; i < streams; i++) {
		z = BZ2_bzWriteOpen(&e, f, 9, 0, 0);
		BZ2_bzWrite(&e, z, (void *)(uintptr_t)b, (int)n);
		BZ2_bzWriteClose(&e, z, 0, NULL, NULL);
	}
	fclose(f);
}

/* Read name and check it holds `copies` copies of recs, then a clean EOF. */
static void
expect_recs(const char *name, enum mrt_codec codec, int copies)
{
	struct mrt_file_err err;
	struct mrt_file *f = mrt_file_open(path_of(name), &err);
	struct mrt_rec r;
	int i;

	assert_non_null(f);
	assert_int_equal(mrt_file_codec(f), codec);
	for (i = 0; i < copies; i++) {
		assert_int_equal(mrt_file_next(f, &r, &err), MRT_READ_OK);
		assert_int_equal(r.hdr.type, 13);
		assert_int_equal(r.hdr.len, 4);
		assert_int_equal(r.body[3], 0xdd);
		assert_int_equal(r.offset, (uint64_t)i * sizeof(recs));
		assert_int_equal(mrt_file_next(f, &r, &err), MRT_READ_OK);
		assert_true(r.hdr.et);
		assert_int_equal(r.hdr.usec, 7);
		assert_int_equal(r.hdr.len, 2);
		assert_int_equal(r.body[1], 0x22);
	}
	assert_int_equal(mrt_file_next(f, &r, &err), MRT_READ_EOF);
	mrt_file_free(f);
}

static void
test_codecs(void **state)
{
	(void)state;
	write_raw("raw", recs, sizeof(recs));
	expect_recs("raw", MRT_RAW, 1);
	write_gz("gz", recs, sizeof(recs), 1);
	expect_recs("gz", MRT_GZIP, 1);
	write_bz2("bz", recs, sizeof(recs), 1);
	expect_recs("bz", MRT_BZIP2, 1);
	write_gz("gz2", recs, sizeof(recs), 3);
	expect_recs("gz2", MRT_GZIP, 3);
	write_bz2("bz2", recs, sizeof(recs), 2);
	expect_recs("bz2", MRT_BZIP2, 2);
}

static void
test_truncated_record(void **state)
{
	struct mrt_file_err err;
	struct mrt_file *f;
	struct mrt_rec r;

	(void)state;
	write_raw("cut", recs, sizeof(recs) - 1);
	f = mrt_file_open(path_of("cut"), &err);
	assert_non_null(f);
	assert_int_equal(mrt_file_next(f, &r, &err), MRT_READ_OK);
	assert_int_equal(mrt_file_next(f, &r, &err), MRT_READ_FATAL);
	assert_int_equal(err.offset, 16);
	assert_int_equal(err.want, 2);
	assert_int_equal(err.got, 1);
	assert_true(err.have_hdr);
	assert_int_equal(err.hdr.type, 17);
	assert_int_equal(mrt_file_next(f, &r, &err), MRT_READ_EOF);
	mrt_file_free(f);
}

static void
test_oversized_record_skipped(void **state)
{
	size_t big = MRT_REC_MAX + 1, n = 12 + big + sizeof(recs);
	uint8_t *b = calloc(1, n);
	struct mrt_file_err err;
	struct mrt_file *f;
	struct mrt_rec r;

	(void)state;
	b[5] = 16;
	b[8] = (uint8_t)(big >> 24), b[9] = (uint8_t)(big >> 16);
	b[10] = (uint8_t)(big >> 8), b[11] = (uint8_t)big;
	memcpy(b + 12 + big, recs, sizeof(recs));
	write_gz("big", b, n, 1);
	free(b);
	f = mrt_file_open(path_of("big"), &err);
	assert_non_null(f);
	assert_int_equal(mrt_file_next(f, &r, &err), MRT_READ_ERR);
	assert_int_equal(err.want, big);
	assert_int_equal(mrt_file_next(f, &r, &err), MRT_READ_OK);
	assert_int_equal(r.offset, 12 + big);
	assert_int_equal(mrt_file_next(f, &r, &err), MRT_READ_OK);
	assert_int_equal(mrt_file_next(f, &r, &err), MRT_READ_EOF);
	mrt_file_free(f);
}

static void
test_open_missing(void **state)
{
	struct mrt_file_err err;

	(void)state;
	assert_null(mrt_file_open(path_of("nonexistent"), &err));
	assert_int_not_equal(err.sys_errno, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_codecs),
		cmocka_unit_test(test_truncated_record),
		cmocka_unit_test(test_oversized_record_skipped),
		cmocka_unit_test(test_open_missing),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
