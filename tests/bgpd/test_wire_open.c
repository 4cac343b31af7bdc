/*
 * Unit tests for bgpd/wire_open.c: every OPEN error path with its exact
 * NOTIFICATION, decode(encode(x)) == x with every capability, RFC 9072
 * extended parameters, a truncation sweep, and the real OPENs of BIRD,
 * Quagga and OpenBGPD taken from the shared MRT corpus (fixtures in
 * tests/data/open, cross-checked against the MRT files themselves).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>

#include "bgpd/wire_open.h"
#include "lib/rd.h"
#include "lib/wr.h"
#include "tests/bgpd/msg_util.h"

/* Fixed part of a valid OPEN body: v4, AS 65001, hold 90, id 10.0.0.1. */
#define FIXED "04 fde9 005a 0a000001"

struct open_err_case {
	const char *name;
	const char *body;	/* hex, after the header */
	uint8_t code;
	uint8_t subcode;
	const char *data;	/* hex */
};

static const struct open_err_case open_errs[] = {
	{ "version 3", "03 fde9 005a 0a000001 00", 2, 1, "0004" },
	{ "version 5", "05 fde9 005a 0a000001 00", 2, 1, "0004" },
	{ "version 0", "00 fde9 005a 0a000001 00", 2, 1, "0004" },
	{ "hold 1", "04 fde9 0001 0a000001 00", 2, 6, "" },
	{ "hold 2", "04 fde9 0002 0a000001 00", 2, 6, "" },
	{ "id zero", "04 fde9 005a 00000000 00", 2, 3, "" },
	{ "short body", "04 fde9 005a 0a0000", 1, 2, "001b" },
	{ "empty body", "", 1, 2, "0013" },
	{ "no optlen", "04 fde9 005a 0a000001", 1, 2, "001c" },
	{ "auth parameter", FIXED " 03 01 01 00", 2, 4, "" },
	{ "parameter type 3", FIXED " 04 03 02 0000", 2, 4, "" },
	{ "optlen overruns", FIXED " 0a 02 02 0200", 2, 0, "" },
	{ "trailing bytes", FIXED " 04 02 02 0200 ff", 2, 0, "" },
	{ "param overruns field", FIXED " 04 02 05 0200 00", 2, 0, "" },
	{ "param header cut", FIXED " 01 02", 2, 0, "" },
	{ "cap overruns param", FIXED " 04 02 02 4104", 2, 0, "" },
	{ "cap header cut", FIXED " 03 02 01 41", 2, 0, "" },
	{ "mp len 3", FIXED " 05 02 03 01 01 00", 2, 0, "010100" },
	{ "mp len 5", FIXED " 09 02 07 01 05 0001000100", 2, 0,
	  "01050001000100" },
	{ "as4 len 2", FIXED " 06 02 04 41 02 fde9", 2, 0, "4102fde9" },
	{ "as4 len 5", FIXED " 09 02 07 41 05 0000fde900", 2, 0,
	  "41050000fde900" },
	{ "rr len 1", FIXED " 05 02 03 02 01 00", 2, 0, "020100" },
	{ "ext msg len 1", FIXED " 05 02 03 06 01 00", 2, 0, "060100" },
	{ "enhanced rr len 2", FIXED " 06 02 04 46 02 0000", 2, 0,
	  "46020000" },
	{ "gr len 1", FIXED " 05 02 03 40 01 00", 2, 0, "400100" },
	{ "gr len 0", FIXED " 04 02 02 40 00", 2, 0, "4000" },
	{ "gr len 4", FIXED " 08 02 06 40 04 00780001", 2, 0,
	  "400400780001" },
	{ "addpath len 3", FIXED " 07 02 05 45 03 000101", 2, 0,
	  "4503000101" },
	{ "addpath len 5", FIXED " 09 02 07 45 05 0001010300", 2, 0,
	  "45050001010300" },
	{ "second cap bad", FIXED " 08 02 06 0200 4102 0001", 2, 0,
	  "41020001" },
	{ "ext len cut", FIXED " ff ff 00", 2, 0, "" },
	{ "ext len overruns", FIXED " ff ff 0010 02 0002 0200", 2, 0, "" },
	{ "ext param len cut", FIXED " ff ff 0003 02 00 02", 2, 0, "" },
	{ "ext unknown param", FIXED " ff ff 0005 01 0002 0000", 2, 4, "" },
};

static void
test_open_error_table(void **state)
{
	uint8_t body[512], want[64], *b;
	struct wire_open o;
	struct wire_err err;
	size_t i, n, wn;

	(void)state;
	for (i = 0; i < sizeof(open_errs) / sizeof(open_errs[0]); i++) {
		const struct open_err_case *c = &open_errs[i];

		n = hex_decode(c->body, body, sizeof(body));
		wn = hex_decode(c->data, want, sizeof(want));
		b = dup_exact(body, n);
		memset(&err, 0, sizeof(err));
		if (wire_open_decode(b, n, &o, &err) != WIRE_RESET)
			fail_msg("%s: not rejected", c->name);
		if (err.code != c->code || err.subcode != c->subcode)
			fail_msg("%s: got %u/%u want %u/%u", c->name, err.code,
			    err.subcode, c->code, c->subcode);
		if (err.data_len != wn || memcmp(err.data, want, wn) != 0)
			fail_msg("%s: data differs (len %u want %zu)", c->name,
			    err.data_len, wn);
		assert_non_null(err.reason);
		free(b);
	}
}

struct open_ok_case {
	const char *name;
	const char *body;
	uint16_t hold;
	uint32_t has;
	bool ext;
};

static const struct open_ok_case open_oks[] = {
	{ "no parameters", FIXED " 00", 90, 0, false },
	{ "hold 0", "04 fde9 0000 0a000001 00", 0, 0, false },
	{ "hold 3", "04 fde9 0003 0a000001 00", 3, 0, false },
	{ "empty cap parameter", FIXED " 02 02 00", 90, 0, false },
	{ "two caps one param", FIXED " 0a 02 08 0200 4104 0000fde9", 90,
	  WIRE_CAPF_RR | WIRE_CAPF_AS4, false },
	{ "ext format", FIXED " ff ff 0007 02 0004 0200 4600", 90,
	  WIRE_CAPF_RR | WIRE_CAPF_ERR, true },
	{ "ext format empty", FIXED " ff ff 0000", 90, 0, true },
	{ "fqdn malformed kept", FIXED " 06 02 04 49 02 0561", 90, 0, false },
};

static void
test_open_accepts(void **state)
{
	uint8_t body[512], *b;
	struct wire_open o;
	struct wire_err err;
	size_t i, n;

	(void)state;
	for (i = 0; i < sizeof(open_oks) / sizeof(open_oks[0]); i++) {
		const struct open_ok_case *c = &open_oks[i];

		n = hex_decode(c->body, body, sizeof(body));
		b = dup_exact(body, n);
		if (wire_open_decode(b, n, &o, &err) != WIRE_OK)
			fail_msg("%s: rejected %u/%u (%s)", c->name, err.code,
			    err.subcode, err.reason);
		assert_int_equal(o.hold, c->hold);
		assert_int_equal(o.my_as, 65001);
		assert_int_equal(o.bgp_id, 0x0a000001);
		if (o.caps.has != c->has || o.ext_params != c->ext)
			fail_msg("%s: has %#x want %#x", c->name, o.caps.has,
			    c->has);
		free(b);
	}
}

/* Encode o, check the header, decode it back into out. */
static size_t
open_roundtrip(const struct wire_open *o, uint8_t *buf, size_t cap,
    struct wire_open *out)
{
	struct wire_hdr h;
	struct wire_err err;
	struct wr w;

	wr_init(&w, buf, cap);
	wire_open_encode(&w, o);
	assert_true(wr_ok(&w));
	assert_int_equal(wire_hdr_decode(buf, wr_len(&w), WIRE_MAX_LEN, &h,
	    &err), WIRE_OK);
	assert_int_equal(h.len, wr_len(&w));
	assert_int_equal(h.type, WIRE_OPEN);
	assert_int_equal(wire_open_decode(buf + WIRE_HDR_LEN,
	    wr_len(&w) - WIRE_HDR_LEN, out, &err), WIRE_OK);
	return wr_len(&w);
}

static void
open_build_full(struct wire_open *o)
{
	static const uint8_t role[] = { 0x03 };
	struct wire_cap_raw *u;

	wire_open_init(o, 4200000001u, 180, 0xc0a80001);
	wire_caps_add_mp(&o->caps, 1, 1);
	wire_caps_add_mp(&o->caps, 2, 1);
	wire_caps_add_mp(&o->caps, 1, 128);
	wire_caps_set_flag(&o->caps, WIRE_CAPF_RR | WIRE_CAPF_ERR |
	    WIRE_CAPF_EXT_MSG);
	wire_caps_set_gr(&o->caps, WIRE_GR_R | WIRE_GR_N, 120);
	wire_caps_add_gr(&o->caps, 1, 1, WIRE_GR_AF_F);
	wire_caps_add_gr(&o->caps, 2, 1, 0);
	wire_caps_add_addpath(&o->caps, 1, 1, WIRE_ADDPATH_RX |
	    WIRE_ADDPATH_TX);
	wire_caps_add_addpath(&o->caps, 2, 1, WIRE_ADDPATH_RX);
	wire_caps_set_fqdn(&o->caps, "edge-1", "example.net");
	u = &o->caps.unknown[o->caps.n_unknown++];
	u->code = 9;	/* BGP role, RFC 9234 */
	u->len = sizeof(role);
	memcpy(u->data, role, sizeof(role));
	u = &o->caps.unknown[o->caps.n_unknown++];
	u->code = 71;
	u->len = 0;
}

static void
open_assert_full(const struct wire_open *d)
{
	const struct wire_capset *c = &d->caps;

	assert_int_equal(d->version, 4);
	assert_int_equal(d->my_as, WIRE_AS_TRANS);
	assert_int_equal(d->hold, 180);
	assert_int_equal(d->bgp_id, 0xc0a80001);
	assert_int_equal(wire_open_as(d), 4200000001u);
	assert_int_equal(c->has, WIRE_CAPF_MP | WIRE_CAPF_RR | WIRE_CAPF_ERR |
	    WIRE_CAPF_EXT_MSG | WIRE_CAPF_GR | WIRE_CAPF_AS4 |
	    WIRE_CAPF_ADDPATH | WIRE_CAPF_FQDN);
	assert_int_equal(c->n_mp, 3);
	assert_int_equal(c->mp[2].afi, 1);
	assert_int_equal(c->mp[2].safi, 128);
	assert_int_equal(c->gr_flags, WIRE_GR_R | WIRE_GR_N);
	assert_int_equal(c->gr_time, 120);
	assert_int_equal(c->n_gr, 2);
	assert_int_equal(c->gr[0].flags, WIRE_GR_AF_F);
	assert_int_equal(c->gr[1].afi, 2);
	assert_int_equal(c->n_addpath, 2);
	assert_int_equal(c->addpath[0].flags, 3);
	assert_int_equal(c->addpath[1].flags, 1);
	assert_int_equal(c->hostname_len, 6);
	assert_memory_equal(c->hostname, "edge-1", 6);
	assert_int_equal(c->domain_len, 11);
	assert_memory_equal(c->domain, "example.net", 11);
	assert_int_equal(c->n_unknown, 2);
	assert_int_equal(c->unknown[0].code, 9);
	assert_int_equal(c->unknown[0].len, 1);
	assert_int_equal(c->unknown[0].data[0], 3);
	assert_int_equal(c->unknown[1].code, 71);
	assert_int_equal(c->dropped, 0);
}

static void
test_open_roundtrip_all_caps(void **state)
{
	uint8_t a[WIRE_MAX_LEN], b[WIRE_MAX_LEN];
	struct wire_open o, d, d2;
	size_t na, nb;
	int ext;

	(void)state;
	for (ext = 0; ext < 2; ext++) {
		open_build_full(&o);
		o.ext_params = ext;
		na = open_roundtrip(&o, a, sizeof(a), &d);
		open_assert_full(&d);
		assert_int_equal(d.ext_params, ext);
		/* The decoded layout re-encodes to the same bytes. */
		nb = open_roundtrip(&d, b, sizeof(b), &d2);
		assert_int_equal(na, nb);
		assert_memory_equal(a, b, na);
		open_assert_full(&d2);
	}
}

static void
test_open_small_as(void **state)
{
	uint8_t buf[256];
	struct wire_open o, d;

	(void)state;
	wire_open_init(&o, 65001, 90, 1);
	assert_int_equal(o.my_as, 65001);
	open_roundtrip(&o, buf, sizeof(buf), &d);
	assert_int_equal(d.my_as, 65001);
	assert_int_equal(d.caps.as4, 65001);
	assert_int_equal(wire_open_as(&d), 65001);
	/* Without capability 65 the 2-octet field is the AS. */
	d.caps.has &= ~(uint32_t)WIRE_CAPF_AS4;
	assert_int_equal(wire_open_as(&d), 65001);
}

static void
test_open_encode_limits(void **state)
{
	uint8_t buf[WIRE_MAX_LEN];
	struct wire_open o, d;
	struct wr w;
	int i;

	(void)state;
	/* 16 unknown capabilities of 100 bytes: more than 255 bytes of
	 * parameters needs RFC 9072, and then it fits. */
	wire_open_init(&o, 65001, 90, 1);
	for (i = 0; i < 16; i++) {
		o.caps.unknown[i].code = (uint8_t)(200 + i);
		o.caps.unknown[i].len = 100;
		memset(o.caps.unknown[i].data, i, 100);
	}
	o.caps.n_unknown = 16;
	wr_init(&w, buf, sizeof(buf));
	wire_open_encode(&w, &o);
	assert_false(wr_ok(&w));
	o.ext_params = true;
	open_roundtrip(&o, buf, sizeof(buf), &d);
	assert_int_equal(d.caps.n_unknown, 16);
	assert_int_equal(d.caps.unknown[15].data[99], 15);
	/* A writer too small fails, never overflows. */
	wr_init(&w, buf, 40);
	wire_open_encode(&w, &o);
	assert_false(wr_ok(&w));
}

/* Every proper prefix of a valid body is rejected, without overread. */
static void
open_sweep(const uint8_t *body, size_t len)
{
	struct wire_open o;
	struct wire_err err;
	uint8_t *b;
	size_t k;

	for (k = 0; k < len; k++) {
		b = dup_exact(body, k);
		if (wire_open_decode(b, k, &o, &err) != WIRE_RESET)
			fail_msg("cut at %zu of %zu accepted", k, len);
		assert_true(err.code == WIRE_ERR_HEADER ||
		    err.code == WIRE_ERR_OPEN);
		free(b);
	}
	b = dup_exact(body, len);
	assert_int_equal(wire_open_decode(b, len, &o, &err), WIRE_OK);
	free(b);
}

static void
test_open_truncation_sweep(void **state)
{
	uint8_t buf[WIRE_MAX_LEN];
	struct wire_open o, d;
	struct wr w;
	int ext;

	(void)state;
	for (ext = 0; ext < 2; ext++) {
		open_build_full(&o);
		o.ext_params = ext;
		wr_init(&w, buf, sizeof(buf));
		wire_open_encode(&w, &o);
		assert_true(wr_ok(&w));
		open_sweep(buf + WIRE_HDR_LEN, wr_len(&w) - WIRE_HDR_LEN);
	}
	(void)d;
}

struct fixture {
	const char *file;
	uint16_t my_as, hold;
	uint32_t id, has;
	uint8_t n_mp, n_addpath, n_unknown;
	const char *unknown;	/* codes of the unknown caps, in order */
};

static const struct fixture fixtures[] = {
	{ "bird_1.bin", 65000, 90, 0xac10000a,
	  WIRE_CAPF_MP | WIRE_CAPF_RR | WIRE_CAPF_GR | WIRE_CAPF_AS4 |
	  WIRE_CAPF_ADDPATH, 8, 2, 2, "\x80\x47" },
	{ "quagga_1.bin", 65000, 90, 0xac10000a,
	  WIRE_CAPF_MP | WIRE_CAPF_RR | WIRE_CAPF_GR | WIRE_CAPF_AS4 |
	  WIRE_CAPF_ADDPATH, 2, 1, 2, "\x80\x47" },
	{ "openbgpd_1.bin", 65000, 180, 0xc0a8000a,
	  WIRE_CAPF_MP | WIRE_CAPF_RR | WIRE_CAPF_AS4, 1, 0, 1, "\x80" },
	{ "openbgpd_2.bin", 65000, 180, 0xc0a8000a,
	  WIRE_CAPF_MP | WIRE_CAPF_RR | WIRE_CAPF_AS4 | WIRE_CAPF_ADDPATH,
	  5, 2, 1, "\x80" },
};

/* Decode a whole OPEN message and re-encode it; must be byte-identical. */
static void
open_reencode(const uint8_t *msg, size_t len, struct wire_open *o)
{
	uint8_t out[WIRE_MAX_LEN];
	struct wire_hdr h;
	struct wire_err err;
	struct wr w;

	assert_int_equal(wire_hdr_decode(msg, len, WIRE_MAX_LEN, &h, &err),
	    WIRE_OK);
	assert_int_equal(h.type, WIRE_OPEN);
	assert_int_equal(h.len, len);
	assert_int_equal(wire_open_decode(msg + WIRE_HDR_LEN,
	    len - WIRE_HDR_LEN, o, &err), WIRE_OK);
	wr_init(&w, out, sizeof(out));
	wire_open_encode(&w, o);
	assert_true(wr_ok(&w));
	assert_int_equal(wr_len(&w), len);
	assert_memory_equal(out, msg, len);
}

static void
test_open_fixtures(void **state)
{
	char path[1024], rel[256];
	struct wire_open o;
	uint8_t *msg;
	size_t i, j, len;

	(void)state;
	for (i = 0; i < sizeof(fixtures) / sizeof(fixtures[0]); i++) {
		const struct fixture *f = &fixtures[i];

		snprintf(rel, sizeof(rel), "tests/data/open/%s", f->file);
		src_path(path, sizeof(path), rel);
		msg = file_read(path, &len);
		if (msg == NULL)
			fail_msg("cannot read %s", path);
		open_reencode(msg, len, &o);
		assert_int_equal(o.my_as, f->my_as);
		assert_int_equal(o.hold, f->hold);
		assert_int_equal(o.bgp_id, f->id);
		assert_int_equal(o.caps.has, f->has);
		assert_int_equal(o.caps.as4, 65000);
		assert_int_equal(o.caps.n_mp, f->n_mp);
		assert_int_equal(o.caps.n_addpath, f->n_addpath);
		assert_int_equal(o.caps.n_unknown, f->n_unknown);
		for (j = 0; j < f->n_unknown; j++)
			assert_int_equal(o.caps.unknown[j].code,
			    (uint8_t)f->unknown[j]);
		open_sweep(msg + WIRE_HDR_LEN, len - WIRE_HDR_LEN);
		free(msg);
	}
}

/* Details of the BIRD OPEN beyond the table: GR and ADD-PATH values. */
static void
test_open_fixture_bird_details(void **state)
{
	char path[1024];
	struct wire_open o;
	uint8_t *msg;
	size_t len;

	(void)state;
	src_path(path, sizeof(path), "tests/data/open/bird_1.bin");
	msg = file_read(path, &len);
	if (msg == NULL)
		fail_msg("cannot read %s", path);
	open_reencode(msg, len, &o);
	assert_int_equal(o.caps.gr_flags, WIRE_GR_N);
	assert_int_equal(o.caps.gr_time, 120);
	assert_int_equal(o.caps.n_gr, 0);
	assert_int_equal(o.caps.mp[7].afi, 2);
	assert_int_equal(o.caps.mp[7].safi, 129);
	assert_int_equal(o.caps.addpath[1].afi, 2);
	assert_int_equal(o.caps.addpath[1].flags, 3);
	/* Each capability came in its own parameter. */
	assert_int_equal(o.caps.n_slots, 14);
	assert_int_equal(o.caps.slot[13].param, 13);
	free(msg);
}

/*
 * Every OPEN recorded in the shared MRT corpus (lab dumps and RIPE RIS
 * collectors, 1999-2022), extracted into tests/data/open: each decodes,
 * re-encodes byte for byte and survives the truncation sweep.
 */
static void
test_open_all_recorded(void **state)
{
	char dir[1024], path[1400];
	struct wire_open o;
	struct dirent *e;
	uint8_t *msg;
	size_t len;
	int n = 0;
	DIR *d;

	(void)state;
	src_path(dir, sizeof(dir), "tests/data/open");
	d = opendir(dir);
	if (d == NULL)
		fail_msg("cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		msg = file_read(path, &len);
		if (msg == NULL)
			fail_msg("cannot read %s", path);
		open_reencode(msg, len, &o);
		open_sweep(msg + WIRE_HDR_LEN, len - WIRE_HDR_LEN);
		free(msg);
		n++;
	}
	closedir(d);
	assert_true(n >= 14);
}

/* Find the BGP message inside one BGP4MP MESSAGE record; false if none. */
static bool
mrt_bgp_message(struct rd *rec, uint16_t type, uint16_t sub, struct rd *msg)
{
	uint16_t afi;
	size_t asl;

	if (type == 17 && !rd_skip(rec, 4))	/* BGP4MP_ET microseconds */
		return false;
	if (sub == 1 || sub == 6 || sub == 8 || sub == 10)
		asl = 2;
	else if (sub == 4 || sub == 7 || sub == 9 || sub == 11)
		asl = 4;
	else
		return false;
	if (!rd_skip(rec, 2 * asl + 2) || !rd_u16(rec, &afi))
		return false;
	if (!rd_skip(rec, afi == 1 ? 8 : 32))
		return false;
	*msg = *rec;
	return true;
}

/* Every OPEN in an MRT file decodes and re-encodes; returns the count. */
static int
mrt_check_opens(const uint8_t *buf, size_t len)
{
	struct rd r, rec, msg, t;
	uint32_t ts, rlen;
	uint16_t type, sub;
	struct wire_open o;
	uint8_t *m, mtype;
	int opens = 0;

	rd_init(&r, buf, len);
	while (rd_u32(&r, &ts) && rd_u16(&r, &type) && rd_u16(&r, &sub) &&
	    rd_u32(&r, &rlen)) {
		assert_true(rd_sub(&r, rlen, &rec));
		if ((type != 16 && type != 17) ||
		    !mrt_bgp_message(&rec, type, sub, &msg))
			continue;
		t = msg;
		if (!rd_skip(&t, WIRE_HDR_LEN - 1) || !rd_u8(&t, &mtype) ||
		    mtype != WIRE_OPEN)
			continue;
		m = dup_exact(msg.p, rd_left(&msg));
		open_reencode(m, rd_left(&msg), &o);
		free(m);
		opens++;
	}
	assert_true(rd_is_empty(&r));
	return opens;
}

static void
test_open_mrt_corpus(void **state)
{
	static const struct {
		const char *file;
		int opens;
	} files[] = {
		{ "bird_bgp", 2 }, { "quagga_bgp", 4 }, { "openbgpd_bgp", 4 },
	};
	const char *top = getenv("XR_SRCDIR");
	char path[1024];
	uint8_t *buf;
	size_t i, len;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path),
		    "%s/../shared/data/mrt/t2mune_mrtparse/%s",
		    top ? top : ".", files[i].file);
		buf = file_read(path, &len);
		if (buf == NULL) {
			snprintf(path, sizeof(path),
			    "/work/shared/data/mrt/t2mune_mrtparse/%s",
			    files[i].file);
			buf = file_read(path, &len);
		}
		if (buf == NULL)
			fail_msg("MRT corpus file %s not found", files[i].file);
		assert_int_equal(mrt_check_opens(buf, len), files[i].opens);
		free(buf);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_error_table),
		cmocka_unit_test(test_open_accepts),
		cmocka_unit_test(test_open_roundtrip_all_caps),
		cmocka_unit_test(test_open_small_as),
		cmocka_unit_test(test_open_encode_limits),
		cmocka_unit_test(test_open_truncation_sweep),
		cmocka_unit_test(test_open_fixtures),
		cmocka_unit_test(test_open_fixture_bird_details),
		cmocka_unit_test(test_open_all_recorded),
		cmocka_unit_test(test_open_mrt_corpus),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
