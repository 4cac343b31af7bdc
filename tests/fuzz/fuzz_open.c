/*
 * Fuzz target for bgpd/wire_open.c, bgpd/wire_caps.c and bgpd/wire_nego.c.
 * Input: an OPEN body (after the 19-byte header). Checks that decoding never
 * misbehaves, that a decoded OPEN encodes to bytes that decode to the same
 * values and re-encode to the same bytes, and that negotiating it against a
 * fixed local OPEN keeps its invariants.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bgpd/wire_nego.h"
#include "bgpd/wire_open.h"
#include "lib/wr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
fuzz_nego(const struct wire_open *peer, uint8_t sel)
{
	struct wire_open local;
	struct wire_nego_conf conf;
	struct wire_nego n;
	struct wire_err err;
	enum wire_verdict v;

	wire_open_init(&local, 64512, 90, 0x0a000001);
	wire_caps_add_mp(&local.caps, 1, 1);
	wire_caps_add_mp(&local.caps, 2, 1);
	wire_caps_add_addpath(&local.caps, 1, 1, sel & 3);
	wire_caps_set_flag(&local.caps, WIRE_CAPF_RR | WIRE_CAPF_ERR);
	wire_caps_set_gr(&local.caps, WIRE_GR_N, 120);
	memset(&conf, 0, sizeof(conf));
	conf.local_as = 64512;
	conf.local_id = 0x0a000001;
	conf.peer_as = (sel & 4) ? wire_open_as(peer) : 0;
	conf.require = (sel >> 3) & 0x1f;
	conf.reject_zero_hold = sel & 0x80;
	v = wire_nego_open(&local, peer, &conf, &n, &err);
	if (v == WIRE_RESET) {
		if (err.code != WIRE_ERR_OPEN || err.reason == NULL ||
		    err.data_len > WIRE_ERR_DATA_MAX)
			abort();
		return;
	}
	if (v != WIRE_OK || n.hold > local.hold || n.hold > peer->hold ||
	    n.keepalive != n.hold / 3 ||
	    (n.caps.afs & ~(uint32_t)(WIRE_AF_IPV4_UNICAST |
	    WIRE_AF_IPV6_UNICAST)) || (n.caps.addpath_rx & ~n.caps.afs) ||
	    (n.caps.addpath_tx & ~n.caps.afs) || (n.gr_fwd & ~n.gr_afs))
		abort();
}

static bool
fuzz_afs_equal(const struct wire_cap_af *a, const struct wire_cap_af *b,
    uint8_t n)
{
	uint8_t i;

	for (i = 0; i < n; i++)
		if (a[i].afi != b[i].afi || a[i].safi != b[i].safi ||
		    a[i].flags != b[i].flags)
			return false;
	return true;
}

/* Same decoded values (layout and drop counts aside). */
static bool
fuzz_open_equal(const struct wire_open *x, const struct wire_open *y)
{
	const struct wire_capset *a = &x->caps, *b = &y->caps;
	uint8_t i;

	if (x->version != y->version || x->my_as != y->my_as ||
	    x->hold != y->hold || x->bgp_id != y->bgp_id ||
	    x->ext_params != y->ext_params || a->has != b->has ||
	    a->n_mp != b->n_mp || a->n_gr != b->n_gr ||
	    a->n_addpath != b->n_addpath || a->n_unknown != b->n_unknown)
		return false;
	if (((a->has & WIRE_CAPF_AS4) && a->as4 != b->as4) ||
	    ((a->has & WIRE_CAPF_GR) && (a->gr_flags != b->gr_flags ||
	    a->gr_time != b->gr_time)))
		return false;
	if ((a->has & WIRE_CAPF_FQDN) && (a->hostname_len != b->hostname_len ||
	    a->domain_len != b->domain_len ||
	    memcmp(a->hostname, b->hostname, a->hostname_len) != 0 ||
	    memcmp(a->domain, b->domain, a->domain_len) != 0))
		return false;
	if (!fuzz_afs_equal(a->mp, b->mp, a->n_mp) ||
	    !fuzz_afs_equal(a->gr, b->gr, a->n_gr) ||
	    !fuzz_afs_equal(a->addpath, b->addpath, a->n_addpath))
		return false;
	for (i = 0; i < a->n_unknown; i++)
		if (a->unknown[i].code != b->unknown[i].code ||
		    a->unknown[i].len != b->unknown[i].len ||
		    memcmp(a->unknown[i].data, b->unknown[i].data,
		    a->unknown[i].len) != 0)
			return false;
	return true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t a[WIRE_MAX_LEN], b[WIRE_MAX_LEN];
	static struct wire_open o, d;
	struct wire_err err;
	struct wr w;
	size_t na;

	if (wire_open_decode(data, size, &o, &err) != WIRE_OK) {
		if (err.reason == NULL || err.code == 0 ||
		    err.data_len > WIRE_ERR_DATA_MAX)
			abort();
		return 0;
	}
	fuzz_nego(&o, size > 0 ? data[size - 1] : 0);
	wr_init(&w, a, sizeof(a));
	wire_open_encode(&w, &o);
	if (!wr_ok(&w))
		return 0;	/* the canonical layout can be larger */
	na = wr_len(&w);
	if (wire_open_decode(a + WIRE_HDR_LEN, na - WIRE_HDR_LEN, &d,
	    &err) != WIRE_OK || !fuzz_open_equal(&o, &d))
		abort();
	wr_init(&w, b, sizeof(b));
	wire_open_encode(&w, &d);
	if (!wr_ok(&w) || wr_len(&w) != na || memcmp(a, b, na) != 0)
		abort();
	return 0;
}
