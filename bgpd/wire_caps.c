/*
 * Capability codec (RFC 5492): decodes the capabilities of OPEN optional
 * parameters into a struct wire_capset and writes them back, in the layout
 * they were received in or a canonical one. Knows codes 1, 2, 6, 64, 65, 69,
 * 70 and 73 (RFC 4760, 2918, 8654, 4724 with RFC 8538, 6793, 7911, 7313,
 * draft-walton-bgp-hostname-capability); others are kept verbatim. It does
 * not negotiate (bgpd/wire_nego.c) and does not read the OPEN fixed fields
 * (bgpd/wire_open.c).
 */
#include <string.h>

#include "bgpd/wire_caps.h"
#include "lib/rd.h"
#include "lib/wr.h"

/* OPEN error subcode 0: malformed capability (no dedicated subcode). */
#define CAPS_ERR_UNSPECIFIC 0
/* Room for hostname plus domain name in an FQDN capability we send. */
#define CAPS_FQDN_NAMES_MAX (255 - 2 - 2)

static int caps_af_add(struct wire_capset *c, struct wire_cap_af *arr,
    uint8_t *n, const struct wire_cap_af *af);
static void caps_slot_add(struct wire_capset *c, uint8_t code, uint8_t param,
    uint8_t first, uint8_t count, bool raw);
static size_t caps_canonical(const struct wire_capset *c,
    struct wire_cap_slot *s);
static void caps_encode_slot(struct wr *w, const struct wire_capset *c,
    const struct wire_cap_slot *s);

void
wire_caps_init(struct wire_capset *c)
{
	memset(c, 0, sizeof(*c));
}

static int
caps_af_add(struct wire_capset *c, struct wire_cap_af *arr, uint8_t *n,
    const struct wire_cap_af *af)
{
	if (*n >= WIRE_CAPS_MAX_AF) {
		c->dropped++;
		return -1;
	}
	arr[*n] = *af;
	return (*n)++;
}

static void
caps_slot_add(struct wire_capset *c, uint8_t code, uint8_t param,
    uint8_t first, uint8_t count, bool raw)
{
	if (c->lost_layout)
		return;
	if (c->n_slots >= WIRE_CAPS_MAX_SLOTS) {
		/* Too many to replay; fall back to the canonical layout. */
		c->lost_layout = true;
		c->n_slots = 0;
		return;
	}
	c->slot[c->n_slots++] = (struct wire_cap_slot){ code, param, first,
		count, raw };
}

static void
caps_builder_touch(struct wire_capset *c)
{
	c->n_slots = 0;
	c->lost_layout = false;
}

int
wire_caps_add_mp(struct wire_capset *c, uint16_t afi, uint8_t safi)
{
	struct wire_cap_af af = { afi, safi, 0 };

	caps_builder_touch(c);
	c->has |= WIRE_CAPF_MP;
	return caps_af_add(c, c->mp, &c->n_mp, &af) < 0 ? -1 : 0;
}

int
wire_caps_add_gr(struct wire_capset *c, uint16_t afi, uint8_t safi,
    uint8_t flags)
{
	struct wire_cap_af af = { afi, safi, flags };

	caps_builder_touch(c);
	c->has |= WIRE_CAPF_GR;
	return caps_af_add(c, c->gr, &c->n_gr, &af) < 0 ? -1 : 0;
}

int
wire_caps_add_addpath(struct wire_capset *c, uint16_t afi, uint8_t safi,
    uint8_t mode)
{
	struct wire_cap_af af = { afi, safi, mode };

	caps_builder_touch(c);
	c->has |= WIRE_CAPF_ADDPATH;
	return caps_af_add(c, c->addpath, &c->n_addpath, &af) < 0 ? -1 : 0;
}

void
wire_caps_set_flag(struct wire_capset *c, uint32_t capf)
{
	caps_builder_touch(c);
	c->has |= capf;
}

void
wire_caps_set_as4(struct wire_capset *c, uint32_t as)
{
	caps_builder_touch(c);
	c->has |= WIRE_CAPF_AS4;
	c->as4 = as;
}

void
wire_caps_set_gr(struct wire_capset *c, uint8_t flags, uint16_t time)
{
	caps_builder_touch(c);
	c->has |= WIRE_CAPF_GR;
	c->gr_flags = flags & 0xf;
	c->gr_time = time > WIRE_GR_TIME_MAX ? WIRE_GR_TIME_MAX : time;
}

void
wire_caps_set_fqdn(struct wire_capset *c, const char *host,
    const char *domain)
{
	size_t hl = strlen(host), dl = strlen(domain);

	/* Names, their two length bytes and the capability header share one
	 * parameter of at most 255 bytes. */
	if (hl > CAPS_FQDN_NAMES_MAX)
		hl = CAPS_FQDN_NAMES_MAX;
	if (dl > CAPS_FQDN_NAMES_MAX - hl)
		dl = CAPS_FQDN_NAMES_MAX - hl;
	caps_builder_touch(c);
	c->has |= WIRE_CAPF_FQDN;
	c->hostname_len = (uint8_t)hl;
	c->domain_len = (uint8_t)dl;
	memcpy(c->hostname, host, hl);
	memcpy(c->domain, domain, dl);
}

/* Error for a capability whose length does not fit its code. */
static enum wire_verdict
caps_bad(struct wire_err *err, size_t off, uint8_t code, const struct rd *v,
    const char *reason)
{
	struct rd val = *v;
	size_t n = rd_left(&val);

	wire_err_set(err, WIRE_ERR_OPEN, CAPS_ERR_UNSPECIFIC, off, reason);
	if (n > WIRE_ERR_DATA_MAX - 2)
		n = WIRE_ERR_DATA_MAX - 2;
	err->data[0] = code;
	err->data[1] = (uint8_t)rd_left(&val);
	rd_copy(&val, err->data + 2, n);
	err->data_len = (uint16_t)(n + 2);
	return WIRE_RESET;
}

/*
 * Read 4-byte AFI/SAFI entries until v is empty: (afi, safi, flags), or
 * for multiprotocol (afi, reserved, safi) with reserved kept in flags.
 */
static void
caps_decode_afs(struct wire_capset *c, struct rd *v, struct wire_cap_af *arr,
    uint8_t *n, uint8_t *first, uint8_t *count)
{
	bool mp = arr == c->mp;
	struct wire_cap_af af;

	*first = *n;
	*count = 0;
	while (rd_u16(v, &af.afi) && rd_u8(v, mp ? &af.flags : &af.safi) &&
	    rd_u8(v, mp ? &af.safi : &af.flags)) {
		if (caps_af_add(c, arr, n, &af) >= 0)
			(*count)++;
	}
}

/* FQDN (73): hostname and domain, each a length byte and bytes. */
static bool
caps_decode_fqdn(struct wire_capset *c, const struct rd *val)
{
	struct rd v = *val;
	uint8_t hl, dl;
	uint8_t host[WIRE_CAPS_NAME_MAX], dom[WIRE_CAPS_NAME_MAX];

	if (!rd_u8(&v, &hl) || !rd_copy(&v, host, hl) || !rd_u8(&v, &dl) ||
	    !rd_copy(&v, dom, dl) || !rd_is_empty(&v))
		return false;
	c->has |= WIRE_CAPF_FQDN;
	c->hostname_len = hl;
	c->domain_len = dl;
	memcpy(c->hostname, host, hl);
	memcpy(c->domain, dom, dl);
	return true;
}

/* Keep a capability we do not interpret; returns its index or -1. */
static int
caps_keep_raw(struct wire_capset *c, uint8_t code, const struct rd *val)
{
	struct rd v = *val;
	struct wire_cap_raw *u;

	if (c->n_unknown >= WIRE_CAPS_MAX_UNKNOWN) {
		c->dropped++;
		return -1;
	}
	u = &c->unknown[c->n_unknown];
	u->code = code;
	u->len = (uint8_t)rd_left(&v);
	rd_copy(&v, u->data, u->len);
	return c->n_unknown++;
}

/* Decode one capability with value v (its length field already applied). */
static enum wire_verdict
caps_decode_one(struct wire_capset *c, uint8_t code, struct rd *v,
    uint8_t param, size_t off, struct wire_err *err)
{
	size_t len = rd_left(v);
	uint8_t first = 0, count = 0;
	uint16_t u16;
	int i;

	switch (code) {
	case WIRE_CAP_MP:
		if (len != 4)
			return caps_bad(err, off, code, v,
			    "bad multiprotocol capability length");
		caps_decode_afs(c, v, c->mp, &c->n_mp, &first, &count);
		c->has |= WIRE_CAPF_MP;
		break;
	case WIRE_CAP_RR:
	case WIRE_CAP_EXT_MSG:
	case WIRE_CAP_ERR:
		if (len != 0)
			return caps_bad(err, off, code, v,
			    "capability must be empty");
		c->has |= code == WIRE_CAP_RR ? WIRE_CAPF_RR :
		    code == WIRE_CAP_ERR ? WIRE_CAPF_ERR : WIRE_CAPF_EXT_MSG;
		break;
	case WIRE_CAP_GR:
		/* RFC 4724 3: 2-byte header, then 4 bytes per AFI/SAFI. */
		if (len < 2 || (len - 2) % 4 != 0)
			return caps_bad(err, off, code, v,
			    "bad graceful restart capability length");
		rd_u16(v, &u16);
		c->gr_flags = (uint8_t)(u16 >> 12);
		c->gr_time = u16 & WIRE_GR_TIME_MAX;
		caps_decode_afs(c, v, c->gr, &c->n_gr, &first, &count);
		c->has |= WIRE_CAPF_GR;
		break;
	case WIRE_CAP_AS4:
		if (len != 4)
			return caps_bad(err, off, code, v,
			    "bad 4-octet AS capability length");
		rd_u32(v, &c->as4);
		c->has |= WIRE_CAPF_AS4;
		break;
	case WIRE_CAP_ADDPATH:
		if (len % 4 != 0)
			return caps_bad(err, off, code, v,
			    "bad ADD-PATH capability length");
		caps_decode_afs(c, v, c->addpath, &c->n_addpath, &first,
		    &count);
		c->has |= WIRE_CAPF_ADDPATH;
		break;
	case WIRE_CAP_FQDN:
		/* Not standardised: tolerate a malformed one as unknown. */
		if (caps_decode_fqdn(c, v))
			break;
		/* FALLTHROUGH */
	default:
		i = caps_keep_raw(c, code, v);
		if (i < 0)
			return WIRE_OK;
		caps_slot_add(c, code, param, (uint8_t)i, 1, true);
		return WIRE_OK;
	}
	caps_slot_add(c, code, param, first, count, false);
	return WIRE_OK;
}

enum wire_verdict
wire_caps_decode(struct rd *r, uint8_t param, size_t off,
    struct wire_capset *c, struct wire_err *err)
{
	size_t total = rd_left(r), at;
	uint8_t code, len;
	struct rd v;

	while (!rd_is_empty(r)) {
		at = off + (total - rd_left(r));
		if (!rd_u8(r, &code) || !rd_u8(r, &len) ||
		    !rd_sub(r, len, &v))
			return wire_err_set(err, WIRE_ERR_OPEN,
			    CAPS_ERR_UNSPECIFIC, at,
			    "capability overruns its optional parameter");
		if (caps_decode_one(c, code, &v, param, at, err) != WIRE_OK)
			return WIRE_RESET;
	}
	return WIRE_OK;
}

/* The canonical layout: one capability per parameter, known codes first. */
static size_t
caps_canonical(const struct wire_capset *c, struct wire_cap_slot *s)
{
	static const struct {
		uint32_t capf;
		uint8_t code;
	} flags[] = {
		{ WIRE_CAPF_RR, WIRE_CAP_RR },
		{ WIRE_CAPF_ERR, WIRE_CAP_ERR },
		{ WIRE_CAPF_EXT_MSG, WIRE_CAP_EXT_MSG },
		{ WIRE_CAPF_AS4, WIRE_CAP_AS4 },
		{ WIRE_CAPF_FQDN, WIRE_CAP_FQDN },
	};
	size_t n = 0, i;

	for (i = 0; i < c->n_mp; i++)
		s[n++] = (struct wire_cap_slot){ WIRE_CAP_MP, 0, (uint8_t)i, 1,
			false };
	for (i = 0; i < sizeof(flags) / sizeof(flags[0]); i++)
		if (c->has & flags[i].capf)
			s[n++] = (struct wire_cap_slot){ flags[i].code, 0, 0, 0,
				false };
	if (c->has & WIRE_CAPF_GR)
		s[n++] = (struct wire_cap_slot){ WIRE_CAP_GR, 0, 0, c->n_gr,
			false };
	if (c->has & WIRE_CAPF_ADDPATH)
		s[n++] = (struct wire_cap_slot){ WIRE_CAP_ADDPATH, 0, 0,
			c->n_addpath, false };
	for (i = 0; i < c->n_unknown; i++)
		s[n++] = (struct wire_cap_slot){ c->unknown[i].code, 0,
			(uint8_t)i, 1, true };
	for (i = 0; i < n; i++)
		s[i].param = (uint8_t)i;
	return n;
}

/* Write entries [first, first + count) of arr, clipped to n. */
static void
caps_encode_afs(struct wr *w, const struct wire_cap_af *arr, uint8_t n,
    uint8_t first, uint8_t count, bool mp)
{
	size_t i;

	for (i = first; i < (size_t)first + count && i < n; i++) {
		wr_u16(w, arr[i].afi);
		wr_u8(w, mp ? arr[i].flags : arr[i].safi);
		wr_u8(w, mp ? arr[i].safi : arr[i].flags);
	}
}

/* Write the value of a known capability for slot s. */
static void
caps_encode_value(struct wr *w, const struct wire_capset *c,
    const struct wire_cap_slot *s)
{
	switch (s->code) {
	case WIRE_CAP_MP:
		caps_encode_afs(w, c->mp, c->n_mp, s->first, s->count, true);
		break;
	case WIRE_CAP_GR:
		wr_u16(w, (uint16_t)((c->gr_flags & 0xf) << 12 |
		    (c->gr_time & WIRE_GR_TIME_MAX)));
		caps_encode_afs(w, c->gr, c->n_gr, s->first, s->count, false);
		break;
	case WIRE_CAP_AS4:
		wr_u32(w, c->as4);
		break;
	case WIRE_CAP_ADDPATH:
		caps_encode_afs(w, c->addpath, c->n_addpath, s->first,
		    s->count, false);
		break;
	case WIRE_CAP_FQDN:
		wr_u8(w, c->hostname_len);
		wr_bytes(w, c->hostname, c->hostname_len);
		wr_u8(w, c->domain_len);
		wr_bytes(w, c->domain, c->domain_len);
		break;
	default:
		/* Route refresh, extended message, enhanced RR: empty. */
		break;
	}
}

/* Write one capability (code, length, value) for slot s. */
static void
caps_encode_slot(struct wr *w, const struct wire_capset *c,
    const struct wire_cap_slot *s)
{
	size_t mark, len;

	if (s->raw) {
		if (s->first >= c->n_unknown)
			return;
		wr_u8(w, c->unknown[s->first].code);
		wr_u8(w, c->unknown[s->first].len);
		wr_bytes(w, c->unknown[s->first].data,
		    c->unknown[s->first].len);
		return;
	}
	wr_u8(w, s->code);
	mark = wr_mark(w);
	wr_u8(w, 0);
	caps_encode_value(w, c, s);
	if (!wr_ok(w))
		return;
	len = wr_len(w) - mark - 1;
	if (len > 0xff)
		wr_fail(w);
	else
		wr_patch_u8(w, mark, (uint8_t)len);
}

void
wire_caps_encode(struct wr *w, const struct wire_capset *c, bool ext)
{
	struct wire_cap_slot canon[WIRE_CAPS_MAX_SLOTS];
	const struct wire_cap_slot *s = c->slot;
	size_t n = c->n_slots, i = 0, j, mark, plen;

	if (n == 0 || c->lost_layout) {
		n = caps_canonical(c, canon);
		s = canon;
	}
	while (i < n) {
		wr_u8(w, 2);
		mark = wr_mark(w);
		if (ext)
			wr_u16(w, 0);
		else
			wr_u8(w, 0);
		for (j = i; j < n && s[j].param == s[i].param; j++)
			caps_encode_slot(w, c, &s[j]);
		if (!wr_ok(w))
			return;
		plen = wr_len(w) - mark - (ext ? 2 : 1);
		if (plen > (ext ? 0xffffu : 0xffu)) {
			wr_fail(w);
			return;
		}
		if (ext)
			wr_patch_u16(w, mark, (uint16_t)plen);
		else
			wr_patch_u8(w, mark, (uint8_t)plen);
		i = j;
	}
}

void
wire_caps_encode_code(struct wr *w, const struct wire_capset *c,
    uint8_t code)
{
	struct wire_cap_slot canon[WIRE_CAPS_MAX_SLOTS];
	size_t n, i;

	n = caps_canonical(c, canon);
	for (i = 0; i < n; i++)
		if (canon[i].code == code)
			caps_encode_slot(w, c, &canon[i]);
}

const char *
wire_caps_name(uint8_t code)
{
	switch (code) {
	case WIRE_CAP_MP:
		return "multiprotocol";
	case WIRE_CAP_RR:
		return "route refresh";
	case 5:
		return "extended next hop";
	case WIRE_CAP_EXT_MSG:
		return "extended message";
	case 9:
		return "BGP role";
	case WIRE_CAP_GR:
		return "graceful restart";
	case WIRE_CAP_AS4:
		return "4-octet AS";
	case WIRE_CAP_ADDPATH:
		return "ADD-PATH";
	case WIRE_CAP_ERR:
		return "enhanced route refresh";
	case 71:
		return "long-lived graceful restart";
	case WIRE_CAP_FQDN:
		return "FQDN";
	case 128:
		return "route refresh (pre-standard)";
	default:
		return "unknown";
	}
}
