/*
 * libFuzzer target for the UPDATE codec: the first input byte picks the
 * session (4- or 2-octet ASNs, iBGP or eBGP with a peer AS, ADD-PATH or
 * not, extended messages), the rest is an UPDATE body. Every decode is
 * followed by interning and unreferencing both kinds of routes (the table
 * must end empty), and a clean decode must survive encode -> decode with
 * the same values. Build (see tests/fuzz/README or the common brief):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -I. \
 *     tests/fuzz/fuzz_update.c bgpd/wire_*.c lib/attr.c lib/aspath.c \
 *     lib/prefix.c lib/rd.c lib/wr.c lib/xmalloc.c lib/log.c
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bgpd/wire_update.h"
#include "lib/aspath.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
lists_eq(const struct wire_nlri_list *a, const struct wire_nlri_list *b)
{
	size_t i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n; i++)
		if (!prefix_eq(&a->v[i].pfx, &b->v[i].pfx) ||
		    a->v[i].path_id != b->v[i].path_id)
			return false;
	return true;
}

static bool
same(const struct wire_update *a, const struct wire_update *b)
{
	return lists_eq(&a->withdrawn, &b->withdrawn) &&
	    lists_eq(&a->nlri, &b->nlri) &&
	    a->reach.present == b->reach.present &&
	    lists_eq(&a->reach.nlri, &b->reach.nlri) &&
	    addr_eq(&a->reach.nh, &b->reach.nh) &&
	    addr_eq(&a->reach.nh_ll, &b->reach.nh_ll) &&
	    a->unreach.present == b->unreach.present &&
	    lists_eq(&a->unreach.nlri, &b->unreach.nlri) &&
	    attr_builder_eq(&a->attrs, &b->attrs);
}

/*
 * RFC 6793 4.2.3 cannot carry confederation segments that follow other
 * segments through a 2-octet session (AS4_PATH has none and only the
 * leading part of AS_PATH is kept), so such paths do not round-trip there.
 */
static bool
aspath_round_trips(struct bytes path, bool as4)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	bool plain = false;

	if (as4)
		return true;
	aspath_iter_init(&it, path);
	while (aspath_iter_next(&it, &seg)) {
		if (seg.type == ASPATH_CONFED_SEQUENCE ||
		    seg.type == ASPATH_CONFED_SET) {
			if (plain)
				return false;
		} else {
			plain = true;
		}
	}
	return true;
}

static void
caps_pick(uint8_t sel, struct wire_caps *c)
{
	memset(c, 0, sizeof(*c));
	c->as4 = !(sel & 1);
	c->ibgp = (sel & 2) != 0;
	c->afs = WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST |
	    WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST;
	if (sel & 4)
		c->addpath_rx = c->addpath_tx = c->afs;
	if (!c->ibgp && (sel & 8))
		c->peer_as = sel & 16 ? 70000 : 65001;
	c->ext_msg = true;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct wire_update u, v;
	static struct attr_table *t;
	static uint8_t out[WIRE_MAX_LEN_EXT];
	struct wire_caps c;
	struct wire_err err;
	const struct attrs *a4, *a6;
	enum wire_verdict verdict;
	uint8_t *body;
	size_t n;

	if (size < 1 || size > WIRE_MAX_LEN_EXT)
		return 0;
	if (t == NULL) {
		t = attr_table_new();
		wire_update_init(&u);
		wire_update_init(&v);
	}
	caps_pick(data[0], &c);
	/* An exact-size copy so ASan sees any overread. */
	body = malloc(size - 1 ? size - 1 : 1);
	memcpy(body, data + 1, size - 1);
	verdict = wire_update_decode(body, size - 1, &c, &u, &err);
	if (verdict != WIRE_OK && err.reason == NULL)
		abort();
	if (verdict != WIRE_RESET) {
		a4 = wire_update_intern(&u, false, t);
		a6 = wire_update_intern(&u, true, t);
		attrs_unref(t, a4);
		attrs_unref(t, a6);
		if (attr_table_count(t) != 0 || attr_table_blob_count(t) != 0)
			abort();
	}
	if (verdict == WIRE_OK && aspath_round_trips(u.attrs.aspath, c.as4)) {
		n = wire_update_encode(&u, &c, out, sizeof(out));
		if (n == 0 || wire_update_decode(out + WIRE_HDR_LEN,
		    n - WIRE_HDR_LEN, &c, &v, &err) != WIRE_OK || !same(&u, &v))
			abort();
	}
	free(body);
	return 0;
}
