/*
 * Unit tests for the `mrt dump` printer (tools/mrt_print.c), which prints
 * what the engine's codec decodes: crafted records in, exact lines in the
 * bgpdump -m layout out. Covers RFC 5952 IPv6 text, the RFC 6793 AS4_PATH
 * merge and AGGREGATOR rules, community names, unsigned LOCAL_PREF, the
 * type 5 community quirk of the format, what is printed and warned for
 * each RFC 7606 verdict, RIB entries with the abbreviated MP_REACH_NLRI,
 * AS paths longer than the initial text buffer, and the verdict counters.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "bgpd/mrt.h"
#include "tools/mrt_print.h"

/* Print one record and return the text written (static buffer). */
static const char *
print_one(uint16_t type, uint16_t subtype, uint32_t usec, const uint8_t *b,
    size_t n, struct mrt_err *err, enum mrt_verdict *v)
{
	static char text[65536];
	struct mrt_out out;
	struct mrt_print pr;
	struct mrt_hdr h = { .ts = 1000, .type = type, .subtype = subtype,
	    .len = (uint32_t)n, .usec = usec, .et = type == MRT_BGP4MP_ET };
	FILE *f = tmpfile();
	size_t got;

	assert_non_null(f);
	mrt_out_init(&out, fileno(f));
	mrt_print_init(&pr, &out);
	*v = mrt_print_record(&pr, &h, b, err);
	mrt_print_fini(&pr);
	assert_int_equal(mrt_out_fini(&out), 0);
	rewind(f);
	got = fread(text, 1, sizeof(text) - 1, f);
	text[got] = '\0';
	fclose(f);
	return text;
}

/* An IPv6 STATE_CHANGE whose peer address is a. */
static const char *
state6(const uint8_t a[16])
{
	uint8_t b[44] = { 0, 1, 0, 2, 0, 0, 0, 2 };
	struct mrt_err err;
	enum mrt_verdict v;

	memcpy(b + 8, a, 16);
	b[41] = 1, b[43] = 6;
	return print_one(MRT_BGP4MP, MRT_BGP4MP_STATE_CHANGE, 0, b, sizeof(b),
	    &err, &v);
}

static void
test_ipv6_text_rfc5952(void **state)
{
	static const uint8_t fe80[16] = { 0xfe, 0x80 };
	static const uint8_t one_zero[16] = { 0x20, 0x01, 0x07, 0xf8, 0, 0x30,
		0, 0, 0, 2, 0, 1, 0, 0, 0x84, 0x47 };
	static const uint8_t mapped[16] = { [10] = 0xff, [11] = 0xff,
		[12] = 192, [13] = 168, [14] = 2, [15] = 1 };
	static const uint8_t compat[16] = { [12] = 192, [13] = 168, [14] = 1,
		[15] = 2 };
	static const uint8_t loop[16] = { [15] = 1 };
	static const uint8_t two_runs[16] = { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0,
		0, 0, 1, 0, 0, 0, 0, 0, 1 };

	(void)state;
	assert_string_equal(state6(fe80), "BGP4MP|1000|STATE|fe80::|1|1|6\n");
	/*
	 * RFC 5952 4.2.2: "::" never shortens a single 16-bit 0 field
	 * (bgpdump's own formatter prints 2001:7f8:30::2:1:0:8447).
	 */
	assert_string_equal(state6(one_zero),
	    "BGP4MP|1000|STATE|2001:7f8:30:0:2:1:0:8447|1|1|6\n");
	/* RFC 5952 4.2.3: of two equal runs the first is shortened. */
	assert_string_equal(state6(two_runs),
	    "BGP4MP|1000|STATE|2001:db8::1:0:0:1|1|1|6\n");
	assert_string_equal(state6(mapped),
	    "BGP4MP|1000|STATE|::ffff:192.168.2.1|1|1|6\n");
	assert_string_equal(state6(compat),
	    "BGP4MP|1000|STATE|::192.168.1.2|1|1|6\n");
	assert_string_equal(state6(loop), "BGP4MP|1000|STATE|::1|1|1|6\n");
}

static void
test_et_timestamp(void **state)
{
	static const uint8_t b[] = { 0, 1, 0, 2, 0, 0, 0, 1, 10, 0, 0, 1,
		10, 0, 0, 2, 0, 1, 0, 2 };
	struct mrt_err err;
	enum mrt_verdict v;

	(void)state;
	assert_string_equal(print_one(MRT_BGP4MP_ET, MRT_BGP4MP_STATE_CHANGE,
	    42, b, sizeof(b), &err, &v),
	    "BGP4MP_ET|1000.000042|STATE|10.0.0.1|1|1|2\n");
}

/* A BGP4MP MESSAGE (2-octet) UPDATE record with attrs and IPv4 NLRI. */
static size_t
update_rec(uint8_t *b, const uint8_t *attrs, size_t alen, const uint8_t *nlri,
    size_t nlen)
{
	static const uint8_t head[] = { 0xfd, 0xe8, 0xfd, 0xe9, 0, 0, 0, 1,
		192, 0, 2, 1, 192, 0, 2, 2 };
	size_t n = 0, mlen = 19 + 4 + alen + nlen;

	memcpy(b, head, sizeof(head));
	n = sizeof(head);
	memset(b + n, 0xff, 16);
	n += 16;
	b[n++] = (uint8_t)(mlen >> 8), b[n++] = (uint8_t)mlen;
	b[n++] = 2;			/* UPDATE */
	b[n++] = 0, b[n++] = 0;		/* no withdrawn routes */
	b[n++] = (uint8_t)(alen >> 8), b[n++] = (uint8_t)alen;
	memcpy(b + n, attrs, alen);
	n += alen;
	if (nlen)
		memcpy(b + n, nlri, nlen);
	return n + nlen;
}

static void
test_as4_merge_and_aggregator(void **state)
{
	static const uint8_t attrs[] = {
		0x40, 1, 1, 0,				/* ORIGIN IGP */
		0x40, 2, 14, 2, 4, 0, 1, 0, 2, 0x5b, 0xa0, 0x5b, 0xa0,
		1, 1, 0, 5,				/* 1 2 T T {5} */
		0x40, 3, 4, 192, 0, 2, 1,
		0xc0, 7, 6, 0x5b, 0xa0, 10, 0, 0, 9,	/* AGGREGATOR AS_TRANS */
		0xc0, 8, 12, 0xff, 0xff, 0xff, 0x01, 0xff, 0xff, 0xff, 0x03,
		0xfd, 0xe8, 0, 100,			/* COMMUNITIES */
		0xc0, 17, 10, 2, 2, 0, 1, 0x11, 0x70, 0, 1, 0x38, 0x80,
		0xc0, 18, 8, 0, 1, 0x11, 0x70, 10, 0, 0, 9,
	};
	static const uint8_t nlri[] = { 24, 198, 51, 100 };
	uint8_t b[256];
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = update_rec(b, attrs, sizeof(attrs), nlri, sizeof(nlri));

	(void)state;
	assert_string_equal(print_one(MRT_BGP4MP, MRT_BGP4MP_MESSAGE, 0, b, n,
	    &err, &v),
	    "BGP4MP|1000|A|192.0.2.1|65000|198.51.100.0/24|"
	    "1 2 23456 70000 80000|IGP|192.0.2.1|0|0|"
	    "no-export local-AS 65000:100|NAG|70000 10.0.0.9|\n");
	assert_int_equal(v, MRT_OK);
	assert_null(err.reason);
}

static void
test_aggregator_blocks_as4_path(void **state)
{
	/*
	 * RFC 6793 4.2.3: an AGGREGATOR other than AS_TRANS means AS4_PATH
	 * and AS4_AGGREGATOR are ignored. No NEXT_HOP: treat-as-withdraw,
	 * printed as decoded (absent next hop as the format's
	 * 255.255.255.255) with a warning.
	 */
	static const uint8_t attrs[] = {
		0x40, 1, 1, 2,
		0x40, 2, 4, 2, 1, 0x5b, 0xa0,
		0x40, 6, 0,				/* ATOMIC_AGGREGATE */
		0xc0, 7, 6, 0, 100, 10, 0, 0, 9,
		0xc0, 17, 6, 2, 1, 0, 1, 0x11, 0x70,
		0xc0, 18, 8, 0, 1, 0x11, 0x70, 10, 0, 0, 9,
	};
	static const uint8_t nlri[] = { 8, 10 };
	uint8_t b[256];
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = update_rec(b, attrs, sizeof(attrs), nlri, sizeof(nlri));

	(void)state;
	assert_string_equal(print_one(MRT_BGP4MP, MRT_BGP4MP_MESSAGE, 0, b, n,
	    &err, &v),
	    "BGP4MP|1000|A|192.0.2.1|65000|10.0.0.0/8|23456|INCOMPLETE|"
	    "255.255.255.255|0|0||AG|100 10.0.0.9|\n");
	assert_int_equal(v, MRT_OK);
	assert_string_equal(err.reason, "UPDATE treat-as-withdraw (RFC 7606): "
	    "attribute 3: missing well-known mandatory attribute");
}

static void
test_local_pref_unsigned(void **state)
{
	/* iBGP (peer AS = local AS): LOCAL_PREF kept, printed unsigned. */
	static const uint8_t attrs[] = {
		0x40, 5, 4, 0x80, 0, 0, 0,
		0x80, 14, 12, 0, 1, 1, 4, 10, 9, 9, 9, 0, 16, 172, 16,
	};
	uint8_t b[256];
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = update_rec(b, attrs, sizeof(attrs), NULL, 0);

	(void)state;
	b[3] = 0xe8;		/* local AS 65000 */
	assert_string_equal(print_one(MRT_BGP4MP, MRT_BGP4MP_MESSAGE, 0, b, n,
	    &err, &v),
	    "BGP4MP|1000|A|192.0.2.1|65000|172.16.0.0/16||INCOMPLETE|"
	    "10.9.9.9|2147483648|0||NAG||\n");
}

static void
test_ebgp_local_pref_discarded(void **state)
{
	/* RFC 7606 7.5: LOCAL_PREF from an external peer is discarded. */
	static const uint8_t attrs[] = {
		0x40, 1, 1, 0, 0x40, 2, 4, 2, 1, 0xfd, 0xe8,
		0x40, 3, 4, 192, 0, 2, 1, 0x40, 5, 4, 0, 0, 0, 200,
	};
	static const uint8_t nlri[] = { 8, 10 };
	uint8_t b[256];
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = update_rec(b, attrs, sizeof(attrs), nlri, sizeof(nlri));

	(void)state;
	assert_string_equal(print_one(MRT_BGP4MP, MRT_BGP4MP_MESSAGE, 0, b, n,
	    &err, &v),
	    "BGP4MP|1000|A|192.0.2.1|65000|10.0.0.0/8|65000|IGP|192.0.2.1|0|0|"
	    "|NAG||\n");
	assert_string_equal(err.reason, "UPDATE attribute discard (RFC 7606): "
	    "attribute 5: attribute not accepted from an external peer");
	/* The offset points at the LOCAL_PREF attribute in the body. */
	assert_int_equal(err.offset, 16 + 19 + 4 + 18);
}

static void
test_bad_nlri_warns(void **state)
{
	static const uint8_t attrs[] = { 0x40, 1, 1, 0 };
	static const uint8_t nlri[] = { 16, 10, 1, 33, 1, 2, 3, 4, 5 };
	uint8_t b[256];
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = update_rec(b, attrs, sizeof(attrs), nlri, sizeof(nlri));

	(void)state;
	/* RFC 7606 5.3: an NLRI field that cannot be parsed resets. */
	assert_string_equal(print_one(MRT_BGP4MP, MRT_BGP4MP_MESSAGE, 0, b, n,
	    &err, &v), "");
	assert_int_equal(v, MRT_OK);
	assert_string_equal(err.reason, "UPDATE session reset (RFC 7606): "
	    "IPv4 prefix length above 32");
}

static void
test_bgp5_community_glued(void **state)
{
	/* Type 5 lines have no '|' between MED and communities (bgpdump). */
	static const uint8_t b[] = {
		0x0d, 0x05, 193, 0, 0, 56, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 11,
		0x40, 1, 1, 0, 0xc0, 8, 4, 0x0b, 0x62, 0x01, 0xa4,
		16, 10, 1,
	};
	struct mrt_err err;
	enum mrt_verdict v;

	(void)state;
	assert_string_equal(print_one(MRT_BGP, MRT_BGP_UPDATE, 0, b, sizeof(b),
	    &err, &v),
	    "BGP|1000|A|193.0.0.56|3333|10.1.0.0/16||IGP|255.255.255.255|0|"
	    "02914:420|NAG||\n");
}

/* One record of a multi-record test. */
struct rec {
	uint16_t type, subtype;
	const uint8_t *b;
	size_t n;
};

/* A PEER_INDEX_TABLE with one peer: 192.0.2.1, AS 65000 (4-octet). */
static const uint8_t peer_index[] = { 10, 0, 0, 1, 0, 0, 0, 1,
	2, 192, 0, 2, 1, 192, 0, 2, 1, 0, 0, 0xfd, 0xe8 };

/*
 * Print n records through one printer; return the text (static buffer),
 * the last record's err and verdict, and the counters in *st.
 */
static const char *
print_recs(const struct rec *r, size_t n, struct mrt_err *err,
    enum mrt_verdict *v, struct mrt_print_stats *st)
{
	static char text[65536];
	struct mrt_out out;
	struct mrt_print pr;
	struct mrt_hdr h = { .ts = 1000 };
	FILE *f = tmpfile();
	size_t got, i;

	assert_non_null(f);
	mrt_out_init(&out, fileno(f));
	mrt_print_init(&pr, &out);
	for (i = 0; i < n; i++) {
		h.type = r[i].type;
		h.subtype = r[i].subtype;
		h.len = (uint32_t)r[i].n;
		*v = mrt_print_record(&pr, &h, r[i].b, err);
	}
	*st = pr.st;
	mrt_print_fini(&pr);
	assert_int_equal(mrt_out_fini(&out), 0);
	rewind(f);
	got = fread(text, 1, sizeof(text) - 1, f);
	text[got] = '\0';
	fclose(f);
	return text;
}

/* A RIB record for prefix (plen, pb of pn bytes) with one entry. */
static size_t
rib_rec(uint8_t *b, uint8_t plen, const uint8_t *pb, size_t pn,
    const uint8_t *attrs, size_t alen)
{
	size_t n = 0;

	memset(b, 0, 4);
	n = 4;
	b[n++] = plen;
	memcpy(b + n, pb, pn);
	n += pn;
	b[n++] = 0, b[n++] = 1;			/* one entry */
	b[n++] = 0, b[n++] = 0;			/* peer 0 */
	memset(b + n, 0, 4);			/* originated */
	n += 4;
	b[n++] = (uint8_t)(alen >> 8), b[n++] = (uint8_t)alen;
	memcpy(b + n, attrs, alen);
	return n + alen;
}

static void
test_rib_flags_conflict(void **state)
{
	/* NEXT_HOP and LOCAL_PREF with flags 0 (a BIRD RIB dump). */
	static const uint8_t attrs[] = {
		0x40, 1, 1, 0, 0x40, 2, 6, 2, 1, 0, 0, 0xfd, 0xe9,
		0x00, 3, 4, 192, 0, 2, 9, 0x00, 5, 4, 0, 0, 0, 150,
	};
	static const uint8_t pfx[] = { 10 };
	uint8_t b[128];
	struct mrt_print_stats st;
	struct mrt_err err;
	enum mrt_verdict v;
	struct rec r[2] = {
		{ MRT_TABLE_DUMP_V2, MRT_TD2_PEER_INDEX, peer_index,
		    sizeof(peer_index) },
		{ MRT_TABLE_DUMP_V2, MRT_TD2_RIB_IPV4_UNICAST, b, 0 },
	};

	(void)state;
	r[1].n = rib_rec(b, 8, pfx, 1, attrs, sizeof(attrs));
	/* RFC 7606 3(c): treat-as-withdraw; the values are not kept. */
	assert_string_equal(print_recs(r, 2, &err, &v, &st),
	    "TABLE_DUMP2|1000|B|192.0.2.1|65000|10.0.0.0/8|65001|IGP|"
	    "255.255.255.255|0|0||NAG||\n");
	assert_int_equal(v, MRT_OK);
	assert_string_equal(err.reason, "RIB entry treat-as-withdraw (RFC "
	    "7606): attribute 3: attribute flags conflict with its type");
	assert_int_equal(err.offset, 4 + 2 + 2 + 2 + 4 + 2 + 13);
	assert_int_equal(st.rib_verdicts[WIRE_WITHDRAW], 1);
	assert_int_equal(st.rib_verdicts[WIRE_OK], 0);
	assert_int_equal(st.warnings, 1);
	assert_int_equal(st.rib_entries, 1);
}

static void
test_rib_abbreviated_mp_reach(void **state)
{
	/* RFC 6396 4.3.4: only the next hop length and next hop. */
	static const uint8_t attrs[] = {
		0x40, 1, 1, 2, 0x40, 2, 0,
		0x80, 14, 17, 16, 0x20, 1, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0,
		0, 0, 0, 1,
	};
	static const uint8_t pfx[] = { 0x20, 1, 0x0d, 0xb8 };
	uint8_t b[128];
	struct mrt_print_stats st;
	struct mrt_err err;
	enum mrt_verdict v;
	struct rec r[2] = {
		{ MRT_TABLE_DUMP_V2, MRT_TD2_PEER_INDEX, peer_index,
		    sizeof(peer_index) },
		{ MRT_TABLE_DUMP_V2, MRT_TD2_RIB_IPV6_UNICAST, b, 0 },
	};

	(void)state;
	r[1].n = rib_rec(b, 32, pfx, 4, attrs, sizeof(attrs));
	assert_string_equal(print_recs(r, 2, &err, &v, &st),
	    "TABLE_DUMP2|1000|B|192.0.2.1|65000|2001:db8::/32||INCOMPLETE|"
	    "2001:db8::1|0|0||NAG||\n");
	assert_null(err.reason);
	assert_int_equal(st.rib_verdicts[WIRE_OK], 1);
}

static void
test_rib_long_as_path(void **state)
{
	/* 510 ASNs of 4294967295: 5609 characters of text. */
	static uint8_t attrs[8 + 2 * (2 + 255 * 4)];
	static uint8_t b[sizeof(attrs) + 64];
	static const uint8_t pfx[] = { 10 };
	const char *t, *p;
	struct mrt_print_stats st;
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = 0, i, alen = 2 * (2 + 255 * 4);
	struct rec r[2] = {
		{ MRT_TABLE_DUMP_V2, MRT_TD2_PEER_INDEX, peer_index,
		    sizeof(peer_index) },
		{ MRT_TABLE_DUMP_V2, MRT_TD2_RIB_IPV4_UNICAST, b, 0 },
	};

	(void)state;
	attrs[n++] = 0x50, attrs[n++] = 2;
	attrs[n++] = (uint8_t)(alen >> 8), attrs[n++] = (uint8_t)alen;
	for (i = 0; i < 2; i++) {
		attrs[n++] = 2, attrs[n++] = 255;
		memset(attrs + n, 0xff, 255 * 4);
		n += 255 * 4;
	}
	attrs[n++] = 0x40, attrs[n++] = 1, attrs[n++] = 1, attrs[n++] = 0;
	r[1].n = rib_rec(b, 8, pfx, 1, attrs, n);
	t = print_recs(r, 2, &err, &v, &st);
	p = strstr(t, "|10.0.0.0/8|");
	assert_non_null(p);
	p += strlen("|10.0.0.0/8|");
	for (i = 0; i < 510; i++) {
		assert_memory_equal(p, "4294967295", 10);
		p += 10;
		assert_true(*p == (i < 509 ? ' ' : '|'));
		p++;
	}
	/* No NEXT_HOP: treat-as-withdraw, printed as decoded. */
	assert_string_equal(p, "IGP|255.255.255.255|0|0||NAG||\n");
	assert_int_equal(st.rib_verdicts[WIRE_WITHDRAW], 1);
}

static void
test_afi_disable_drops_family(void **state)
{
	/*
	 * MP_REACH_NLRI for IPv6 with a 4-byte next hop (RFC 2545 3 wants
	 * 16 or 32): RFC 7606 7.11 disables IPv6 unicast; the IPv4 NLRI of
	 * the same UPDATE still print.
	 */
	static const uint8_t attrs[] = {
		0x40, 1, 1, 0, 0x40, 2, 4, 2, 1, 0xfd, 0xe8,
		0x40, 3, 4, 192, 0, 2, 1,
		0x80, 14, 12, 0, 2, 1, 4, 10, 9, 9, 9, 0, 16, 0x20, 1,
	};
	static const uint8_t nlri[] = { 8, 10 };
	uint8_t b[256];
	struct mrt_err err;
	enum mrt_verdict v;
	size_t n = update_rec(b, attrs, sizeof(attrs), nlri, sizeof(nlri));

	(void)state;
	assert_string_equal(print_one(MRT_BGP4MP, MRT_BGP4MP_MESSAGE, 0, b, n,
	    &err, &v),
	    "BGP4MP|1000|A|192.0.2.1|65000|10.0.0.0/8|65000|IGP|192.0.2.1|0|0|"
	    "|NAG||\n");
	assert_string_equal(err.reason, "UPDATE AFI/SAFI disable (RFC 7606): "
	    "attribute 14: MP_REACH_NLRI next hop invalid");
}

static void
test_rib_entry_family_disabled(void **state)
{
	/* A RIB entry whose abbreviated next hop is invalid: no line. */
	static const uint8_t attrs[] = {
		0x40, 1, 1, 0, 0x40, 2, 0, 0x80, 14, 5, 4, 1, 2, 3, 4,
	};
	static const uint8_t pfx[] = { 0x20, 1, 0x0d, 0xb8 };
	uint8_t b[128];
	struct mrt_print_stats st;
	struct mrt_err err;
	enum mrt_verdict v;
	struct rec r[2] = {
		{ MRT_TABLE_DUMP_V2, MRT_TD2_PEER_INDEX, peer_index,
		    sizeof(peer_index) },
		{ MRT_TABLE_DUMP_V2, MRT_TD2_RIB_IPV6_UNICAST, b, 0 },
	};

	(void)state;
	r[1].n = rib_rec(b, 32, pfx, 4, attrs, sizeof(attrs));
	assert_string_equal(print_recs(r, 2, &err, &v, &st), "");
	assert_int_equal(v, MRT_OK);
	assert_string_equal(err.reason, "RIB entry AFI/SAFI disable (RFC 7606): "
	    "attribute 14: MP_REACH_NLRI next hop invalid");
	assert_int_equal(st.rib_verdicts[WIRE_AFI_DISABLE], 1);
	assert_int_equal(st.rib_entries, 0);
	assert_int_equal(st.lines, 0);
}

static void
test_rib_without_peer_table(void **state)
{
	static const uint8_t b[] = { 0, 0, 0, 1, 8, 10, 0, 0 };
	struct mrt_err err;
	enum mrt_verdict v;

	(void)state;
	assert_string_equal(print_one(MRT_TABLE_DUMP_V2,
	    MRT_TD2_RIB_IPV4_UNICAST, 0, b, sizeof(b), &err, &v), "");
	assert_int_equal(v, MRT_ERR);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ipv6_text_rfc5952),
		cmocka_unit_test(test_et_timestamp),
		cmocka_unit_test(test_as4_merge_and_aggregator),
		cmocka_unit_test(test_aggregator_blocks_as4_path),
		cmocka_unit_test(test_local_pref_unsigned),
		cmocka_unit_test(test_ebgp_local_pref_discarded),
		cmocka_unit_test(test_bad_nlri_warns),
		cmocka_unit_test(test_bgp5_community_glued),
		cmocka_unit_test(test_rib_without_peer_table),
		cmocka_unit_test(test_rib_flags_conflict),
		cmocka_unit_test(test_rib_abbreviated_mp_reach),
		cmocka_unit_test(test_rib_long_as_path),
		cmocka_unit_test(test_afi_disable_drops_family),
		cmocka_unit_test(test_rib_entry_family_disabled),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
