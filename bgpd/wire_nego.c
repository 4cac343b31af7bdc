/*
 * OPEN negotiation (RFC 4271 6.2, RFC 5492 5, RFC 6793, RFC 4760 8,
 * RFC 7911 4, RFC 4724, RFC 8538, RFC 2918, RFC 7313, RFC 8654, RFC 6286,
 * RFC 7607): compares the OPEN we sent, the OPEN we received and the local
 * configuration, and returns either the refusing NOTIFICATION or the
 * negotiated session parameters. Knows nothing of sessions or timers.
 */
#include <string.h>

#include "bgpd/wire_nego.h"
#include "lib/wr.h"

static const struct {
	uint32_t capf;
	uint8_t code;
} nego_codes[] = {
	{ WIRE_CAPF_MP, WIRE_CAP_MP },
	{ WIRE_CAPF_RR, WIRE_CAP_RR },
	{ WIRE_CAPF_EXT_MSG, WIRE_CAP_EXT_MSG },
	{ WIRE_CAPF_GR, WIRE_CAP_GR },
	{ WIRE_CAPF_AS4, WIRE_CAP_AS4 },
	{ WIRE_CAPF_ADDPATH, WIRE_CAP_ADDPATH },
	{ WIRE_CAPF_ERR, WIRE_CAP_ERR },
	{ WIRE_CAPF_FQDN, WIRE_CAP_FQDN },
};

uint32_t
wire_nego_afs(const struct wire_capset *c)
{
	uint32_t afs = 0;
	size_t i;

	/* RFC 4760 8: no multiprotocol capability means IPv4 unicast. */
	if (!(c->has & WIRE_CAPF_MP))
		return WIRE_AF_IPV4_UNICAST;
	for (i = 0; i < c->n_mp; i++)
		afs |= wire_af_bit(c->mp[i].afi, c->mp[i].safi);
	return afs;
}

static bool
nego_has_af(const struct wire_cap_af *arr, size_t n, uint16_t afi,
    uint8_t safi)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (arr[i].afi == afi && arr[i].safi == safi)
			return true;
	return false;
}

/* Append n bytes to the NOTIFICATION data if they fit whole. */
static void
nego_data_add(struct wire_err *err, const uint8_t *p, size_t n)
{
	if (n > (size_t)(WIRE_ERR_DATA_MAX - err->data_len))
		return;
	memcpy(err->data + err->data_len, p, n);
	err->data_len = (uint16_t)(err->data_len + n);
}

/* The missing multiprotocol tuples we sent, as Unsupported Capability data. */
static bool
nego_missing_mp(const struct wire_capset *l, const struct wire_capset *p,
    struct wire_err *err)
{
	uint8_t buf[6];
	bool missing = false;
	size_t i;

	for (i = 0; i < l->n_mp; i++) {
		if ((p->has & WIRE_CAPF_MP) &&
		    nego_has_af(p->mp, p->n_mp, l->mp[i].afi, l->mp[i].safi))
			continue;
		buf[0] = WIRE_CAP_MP;
		buf[1] = 4;
		buf[2] = (uint8_t)(l->mp[i].afi >> 8);
		buf[3] = (uint8_t)l->mp[i].afi;
		buf[4] = 0;
		buf[5] = l->mp[i].safi;
		nego_data_add(err, buf, sizeof(buf));
		missing = true;
	}
	return missing || !(p->has & WIRE_CAPF_MP);
}

/* RFC 5492 5: refuse a peer lacking a capability we require. */
static enum wire_verdict
nego_check_required(const struct wire_capset *l, const struct wire_capset *p,
    uint32_t require, struct wire_err *err)
{
	uint8_t buf[WIRE_CAPS_NAME_MAX * 2 + 8];
	struct wr w;
	bool missing = false;
	size_t i;

	wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_BAD_CAP, WIRE_HDR_LEN,
	    "peer lacks a required capability");
	for (i = 0; i < sizeof(nego_codes) / sizeof(nego_codes[0]); i++) {
		if (!(require & nego_codes[i].capf))
			continue;
		if (nego_codes[i].code == WIRE_CAP_MP) {
			missing |= nego_missing_mp(l, p, err);
			continue;
		}
		if (p->has & nego_codes[i].capf)
			continue;
		missing = true;
		wr_init(&w, buf, sizeof(buf));
		wire_caps_encode_code(&w, l, nego_codes[i].code);
		if (wr_len(&w) == 0) {
			/* Required but not sent by us: name the code. */
			wr_u8(&w, nego_codes[i].code);
			wr_u8(&w, 0);
		}
		if (wr_ok(&w))
			nego_data_add(err, buf, wr_len(&w));
	}
	if (missing)
		return WIRE_RESET;
	memset(err, 0, sizeof(*err));
	return WIRE_OK;
}

/* Peer AS (RFC 4271 6.2, RFC 6793 4.1, RFC 7607 2), identifier, hold. */
static enum wire_verdict
nego_check_peer(const struct wire_open *peer, const struct wire_nego_conf *conf,
    struct wire_err *err)
{
	uint32_t as = wire_open_as(peer);

	if (as == 0 || peer->my_as == 0)
		return wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_BAD_PEER_AS,
		    WIRE_HDR_LEN + 1, "peer AS is zero");
	if (conf->peer_as != 0 && as != conf->peer_as)
		return wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_BAD_PEER_AS,
		    WIRE_HDR_LEN + 1, "peer AS differs from the configured AS");
	if (as == conf->local_as && peer->bgp_id == conf->local_id)
		return wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_BAD_ID,
		    WIRE_HDR_LEN + 5, "iBGP peer uses our BGP identifier");
	if ((peer->hold == 0 && conf->reject_zero_hold) ||
	    (peer->hold != 0 && peer->hold < conf->min_hold))
		return wire_err_set(err, WIRE_ERR_OPEN, WIRE_OPEN_BAD_HOLD,
		    WIRE_HDR_LEN + 3, "hold time refused by configuration");
	return WIRE_OK;
}

/* RFC 7911 4: we receive path ids where we said receive and they send. */
static void
nego_addpath(const struct wire_capset *l, const struct wire_capset *p,
    struct wire_caps *caps)
{
	size_t i, j;
	uint32_t bit;
	uint8_t lm, pm;

	for (i = 0; i < l->n_addpath; i++) {
		lm = l->addpath[i].flags;
		bit = wire_af_bit(l->addpath[i].afi, l->addpath[i].safi);
		for (j = 0; j < p->n_addpath; j++) {
			pm = p->addpath[j].flags;
			if (p->addpath[j].afi != l->addpath[i].afi ||
			    p->addpath[j].safi != l->addpath[i].safi ||
			    lm > 3 || pm > 3)
				continue;
			if ((lm & WIRE_ADDPATH_RX) && (pm & WIRE_ADDPATH_TX))
				caps->addpath_rx |= bit;
			if ((lm & WIRE_ADDPATH_TX) && (pm & WIRE_ADDPATH_RX))
				caps->addpath_tx |= bit;
		}
	}
	caps->addpath_rx &= caps->afs;
	caps->addpath_tx &= caps->afs;
}

/* Graceful restart as the peer announced it (RFC 4724 3, RFC 8538 2). */
static void
nego_gr(const struct wire_capset *l, const struct wire_capset *p,
    struct wire_nego *out)
{
	uint32_t bit;
	size_t i;

	if (!(p->has & WIRE_CAPF_GR))
		return;
	out->gr = true;
	out->gr_restarting = (p->gr_flags & WIRE_GR_R) != 0;
	out->gr_notification = (l->has & WIRE_CAPF_GR) &&
	    (l->gr_flags & WIRE_GR_N) && (p->gr_flags & WIRE_GR_N);
	out->gr_time = p->gr_time;
	for (i = 0; i < p->n_gr; i++) {
		bit = wire_af_bit(p->gr[i].afi, p->gr[i].safi) &
		    out->caps.afs;
		out->gr_afs |= bit;
		if (p->gr[i].flags & WIRE_GR_AF_F)
			out->gr_fwd |= bit;
	}
}

enum wire_verdict
wire_nego_open(const struct wire_open *local, const struct wire_open *peer,
    const struct wire_nego_conf *conf, struct wire_nego *out,
    struct wire_err *err)
{
	const struct wire_capset *l = &local->caps, *p = &peer->caps;

	memset(out, 0, sizeof(*out));
	if (nego_check_peer(peer, conf, err) != WIRE_OK ||
	    nego_check_required(l, p, conf->require, err) != WIRE_OK)
		return WIRE_RESET;
	out->peer_id = peer->bgp_id;
	out->caps.local_as = conf->local_as;
	out->caps.peer_as = wire_open_as(peer);
	out->caps.ibgp = out->caps.peer_as == conf->local_as;
	out->caps.as4 = (l->has & WIRE_CAPF_AS4) && (p->has & WIRE_CAPF_AS4);
	out->caps.ext_msg = (l->has & WIRE_CAPF_EXT_MSG) &&
	    (p->has & WIRE_CAPF_EXT_MSG);
	out->caps.afs = wire_nego_afs(l) & wire_nego_afs(p);
	nego_addpath(l, p, &out->caps);
	out->hold = local->hold < peer->hold ? local->hold : peer->hold;
	out->keepalive = out->hold / 3;
	out->rr = (l->has & WIRE_CAPF_RR) && (p->has & WIRE_CAPF_RR);
	out->enhanced_rr = (l->has & WIRE_CAPF_ERR) && (p->has & WIRE_CAPF_ERR);
	nego_gr(l, p, out);
	return WIRE_OK;
}
