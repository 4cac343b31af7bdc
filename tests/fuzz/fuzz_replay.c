/*
 * libFuzzer target for `crossroute mrt replay` below the CLI: the first
 * input byte picks the options (decision profile, own AS set or not, one
 * summary-only AS_SET summary over 0.0.0.0/1 or none), the rest is a
 * sequence of MRT records (header + body) fed to replay_record() as file
 * input would, so PEER_INDEX_TABLEs, RIB entries, BGP4MP UPDATEs and state
 * changes reach the codec, the flag fixer, the RIB, the decision process
 * and the aggregation engine. Everything is freed (ASan checks leaks and
 * the attribute table asserts it ends empty). Build: tools/fuzz 60 replay
 * (the extra sources are named on the fuzz-sources line below).
 */
/* fuzz-sources: bgpd/replay.c bgpd/replay_attr.c rib/decide.c rib/pool.c rib/ptree.c rib/rib.c rib/reimport.c policy/action.c policy/aset.c policy/cset.c policy/ctext.c policy/match.c policy/policy.c policy/pset.c policy/aggregate.c policy/aggpath.c policy/cloud.c */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bgpd/replay.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct aggregate_conf conf = { .mode = AGGREGATE_SUMMARY_ONLY,
		.as_set = true };
	struct aggregate_changes st = { 0 };
	struct replay_opts o;
	struct replay *r;
	struct mrt_hdr h;
	struct mrt_err err;
	size_t hl;

	if (size < 1)
		return 0;
	memset(&o, 0, sizeof(o));
	rib_config_default(&o.rib);
	o.rib.decide.profile = (enum decide_profile)(data[0] % 3);
	o.rib.local_as = (data[0] & 4) ? 65000 : 0;
	o.rib.router_id = (data[0] & 4) ? 0x0a000001 : 0;
	conf.prefix.afi = AFI_IPV4;
	conf.prefix.len = 1;
	if (data[0] & 8) {
		o.aggs = &conf;
		o.naggs = 1;
		o.agg.own_as = 65000;
	}
	r = replay_new(&o);
	data++, size--;
	while (mrt_hdr_decode(data, size, &h, &err) == MRT_OK) {
		hl = mrt_hdr_len(&h);
		if (h.len > size - hl)
			break;
		replay_record(r, &h, data + hl, &err);
		data += hl + h.len;
		size -= hl + h.len;
	}
	replay_aggregate_state(r, &st);
	replay_aggregate_fini(r, &st);
	replay_free(r);
	return 0;
}
