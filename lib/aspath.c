/*
 * AS_PATH values in the normalised encoding of lib/attr.h (segments of
 * 4-octet ASNs): iteration, RFC 4271 9.1.2.2 (a) length with RFC 5065 5.3
 * confederation rules, first and origin AS, loop check, validity, prepend
 * (RFC 4271 5.1.2) and the bgpdump text form. Reads through lib/rd.h, so a
 * malformed value ends iteration instead of being read past. Knows nothing
 * about 2-octet wire encodings or AS4_PATH (bgpd/wire_attr.c does).
 */
#include <assert.h>
#include <string.h>

#include "lib/aspath.h"
#include "lib/rd.h"
#include "lib/wr.h"

#define ASPATH_SEG_MAX 255		/* ASNs per segment (u8 count) */

void
aspath_iter_init(struct aspath_iter *it, struct bytes path)
{
	it->p = path.p;
	it->left = path.len;
}

bool
aspath_iter_next(struct aspath_iter *it, struct aspath_seg *seg)
{
	struct rd r;

	rd_init(&r, it->p, it->left);
	if (!rd_u8(&r, &seg->type) || !rd_u8(&r, &seg->count) ||
	    !rd_ptr(&r, (size_t)seg->count * 4, &seg->asns)) {
		it->left = 0;
		return false;
	}
	it->p = r.p;
	it->left = r.left;
	return true;
}

uint32_t
aspath_seg_as(const struct aspath_seg *seg, unsigned i)
{
	struct rd r;
	uint32_t as = 0;

	assert(i < seg->count);
	rd_init(&r, seg->asns, (size_t)seg->count * 4);
	rd_skip(&r, (size_t)i * 4);
	rd_u32(&r, &as);
	return as;
}

unsigned
aspath_length(struct bytes path)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	unsigned n = 0;

	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg)) {
		/* RFC 4271 9.1.2.2 (a); RFC 5065 5.3: confed segments count 0. */
		if (seg.type == ASPATH_SEQUENCE)
			n += seg.count;
		else if (seg.type == ASPATH_SET)
			n += 1;
	}
	return n;
}

/*
 * The usual path starts with an AS_SEQUENCE: its first ASN follows the
 * 2-byte segment header, read without walking anything. The decision
 * process asks for it on every MED comparison, so the general loop (other
 * leading segment types, e.g. confederation segments) is the fallback.
 */
uint32_t
aspath_first_as(struct bytes path)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	struct rd r;
	uint8_t type = 0, count = 0;
	uint32_t as;

	rd_init(&r, path.p, path.len);
	if (rd_u8(&r, &type) && rd_u8(&r, &count) &&
	    type == ASPATH_SEQUENCE && count > 0 &&
	    r.left >= (size_t)count * 4 && rd_u32(&r, &as))
		return as;
	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg))
		if (seg.type == ASPATH_SEQUENCE && seg.count > 0)
			return aspath_seg_as(&seg, 0);
	return 0;
}

uint32_t
aspath_origin_as(struct bytes path)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	uint32_t as = 0;

	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg)) {
		if (seg.type == ASPATH_SEQUENCE && seg.count > 0)
			as = aspath_seg_as(&seg, seg.count - 1u);
		else if (seg.type == ASPATH_SET)
			as = 0;
	}
	return as;
}

bool
aspath_has_as(struct bytes path, uint32_t as)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	struct rd r;
	uint32_t v;

	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg)) {
		/* One reader over the segment's ASNs, not one per ASN. */
		rd_init(&r, seg.asns, (size_t)seg.count * 4);
		while (rd_u32(&r, &v))
			if (v == as)
				return true;
	}
	return false;
}

bool
aspath_is_valid(struct bytes path)
{
	struct rd r;
	uint8_t type, count;

	rd_init(&r, path.p, path.len);
	while (!rd_is_empty(&r)) {
		if (!rd_u8(&r, &type) || !rd_u8(&r, &count))
			return false;
		if (type < ASPATH_SET || type > ASPATH_CONFED_SET ||
		    count == 0 || !rd_skip(&r, (size_t)count * 4))
			return false;
	}
	return true;
}

/* Write n copies of as then the ASNs of lead as sequences of <= 255. */
static void
aspath_put_seqs(struct wr *w, uint32_t as, unsigned n,
    const struct aspath_seg *lead)
{
	unsigned total = n + (lead ? lead->count : 0u), i, k, chunk;

	for (i = 0; i < total; i += chunk) {
		chunk = total - i > ASPATH_SEG_MAX ? ASPATH_SEG_MAX : total - i;
		wr_u8(w, ASPATH_SEQUENCE);
		wr_u8(w, (uint8_t)chunk);
		for (k = i; k < i + chunk; k++)
			wr_u32(w, k < n ? as : aspath_seg_as(lead, k - n));
	}
}

/*
 * The general prepend: n copies of as merged with a well-formed leading
 * AS_SEQUENCE, re-cut into sequences of <= 255 (or written in front of any
 * other first segment), then the rest of the path unchanged. Kept out of
 * line so the common case below needs no stack frame for it.
 */
static __attribute__((noinline)) struct bytes
aspath_prepend_split(struct attr_builder *b, struct bytes path, uint32_t as,
    unsigned n)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	struct bytes out, rest = path;
	bool merge = false;
	struct wr w;
	size_t cap;
	uint8_t *start;

	aspath_iter_init(&it, path);
	if (aspath_iter_next(&it, &seg) && seg.type == ASPATH_SEQUENCE) {
		merge = true;
		rest.p = it.p;
		rest.len = it.left;
	}
	/* Worst case: one 2-byte header per ASN plus the old path. */
	cap = (size_t)n * 6 + path.len + 2;
	start = attr_builder_alloc(b, cap);
	wr_init(&w, start, cap);
	aspath_put_seqs(&w, as, n, merge ? &seg : NULL);
	if (rest.len)
		wr_bytes(&w, rest.p, rest.len);
	assert(wr_ok(&w));
	out.p = start;
	out.len = wr_len(&w);
	return out;
}

/*
 * The common cases take one copy of the path, the per-route cost of a
 * prepend action: with a well-formed leading AS_SEQUENCE that has room the n
 * ASNs join it; otherwise (another segment type first, empty or malformed
 * path) they form a new sequence in front of the unchanged bytes. Both give
 * what aspath_prepend_split() gives (tests/lib/test_aspath.c checks).
 */
struct bytes
aspath_prepend(struct attr_builder *b, struct bytes path, uint32_t as,
    unsigned n)
{
	unsigned count = path.len >= 2 ? path.p[1] : 0, i;
	bool lead = path.len >= 2 && path.p[0] == ASPATH_SEQUENCE &&
	    path.len - 2 >= (size_t)count * 4;
	size_t skip = lead ? 2 : 0, len = path.len - skip + 2 + (size_t)n * 4;
	uint8_t *p;

	if (!lead)
		count = 0;
	if (n == 0 || count + n > ASPATH_SEG_MAX)
		return aspath_prepend_split(b, path, as, n);
	p = attr_builder_alloc(b, len);
	p[0] = ASPATH_SEQUENCE;
	p[1] = (uint8_t)(count + n);
	/* Network order, stored once and copied: no call per ASN. */
	p[2] = (uint8_t)(as >> 24);
	p[3] = (uint8_t)(as >> 16);
	p[4] = (uint8_t)(as >> 8);
	p[5] = (uint8_t)as;
	for (i = 1; i < n; i++)
		memcpy(p + 2 + (size_t)i * 4, p + 2, 4);
	if (path.len > skip)
		memcpy(p + 2 + (size_t)n * 4, path.p + skip, path.len - skip);
	return (struct bytes){ p, len };
}

/* Append s to buf at *pos (snprintf style: counts what does not fit). */
static void
aspath_put(char *buf, size_t size, size_t *pos, const char *s)
{
	size_t n = strlen(s);

	if (*pos < size) {
		size_t room = size - *pos - 1;

		memcpy(buf + *pos, s, n < room ? n : room);
	}
	*pos += n;
}

/*
 * Decimal text of v in num (>= 11 bytes); returns the start of the digits.
 * Hand-written because snprintf() per ASN dominated `mrt dump` profiles.
 */
static const char *
aspath_u32_text(uint32_t v, char num[16])
{
	char *p = num + 15;

	*p = '\0';
	do {
		*--p = (char)('0' + v % 10);
		v /= 10;
	} while (v != 0);
	return p;
}

static const char *
aspath_delim(uint8_t type, bool end)
{
	switch (type) {
	case ASPATH_SET:
		return end ? "}" : "{";
	case ASPATH_CONFED_SEQUENCE:
		return end ? ")" : "(";
	case ASPATH_CONFED_SET:
		return end ? "]" : "[";
	default:
		return "";
	}
}

size_t
aspath_print(struct bytes path, char *buf, size_t size)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	size_t pos = 0;
	unsigned i;
	char num[16];
	bool set;

	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg)) {
		set = seg.type == ASPATH_SET || seg.type == ASPATH_CONFED_SET;
		if (pos > 0)
			aspath_put(buf, size, &pos, " ");
		aspath_put(buf, size, &pos, aspath_delim(seg.type, false));
		for (i = 0; i < seg.count; i++) {
			if (i > 0)
				aspath_put(buf, size, &pos, set ? "," : " ");
			aspath_put(buf, size, &pos,
			    aspath_u32_text(aspath_seg_as(&seg, i), num));
		}
		aspath_put(buf, size, &pos, aspath_delim(seg.type, true));
	}
	if (size > 0)
		buf[pos < size ? pos : size - 1] = '\0';
	return pos;
}
