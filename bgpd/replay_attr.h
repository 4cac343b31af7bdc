/*
 * Attribute flags of MRT RIB entries (RFC 6396 4.2, 4.3.4). A table dump is
 * the collector's own table, written by its dumper, not a message received
 * from a peer: some dumpers write the flags of well-known and optional
 * attributes wrong (e.g. NEXT_HOP and LOCAL_PREF with flags 0, LARGE_COMMUNITY
 * without Optional and Transitive), which the RFC 7606 flag rows of the
 * session codec would turn into treat-as-withdraw. Replay rewrites the
 * Optional and Transitive bits of the attribute types the codec recognises
 * to their RFC values before decoding, keeping Partial, Extended Length,
 * lengths and values; unknown types keep their flags. Pure: bytes in, bytes
 * out, reads through lib/rd.h, writes through lib/wr.h.
 */
#ifndef XR_BGPD_REPLAY_ATTR_H
#define XR_BGPD_REPLAY_ATTR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Copy the n-byte attribute block at p into buf (cap >= n bytes) with the
 * flags of recognised types set to their RFC 4271 / 1997 / 4360 / 4456 /
 * 4760 / 6793 / 8092 / 9234 values. *changed receives how many attributes
 * had other flags. Returns false, writing nothing useful, when the block
 * does not frame (the caller then decodes the original, and the codec
 * judges it).
 */
bool replay_attr_normalise(const uint8_t *p, size_t n, uint8_t *buf,
    size_t cap, unsigned *changed);

#endif
