/*
 * RFC 5082 GTSM on a listener shared by GTSM and non-GTSM peers (Linux).
 * IP_MINTTL on the listener would refuse every peer sending TTL 1, so the
 * listener instead gets a classic BPF socket filter: a segment whose source
 * is one of the GTSM peers and whose TTL / hop limit is below 255 is dropped
 * before TCP sees it. The kernel runs a listener's filter on the SYN, so such
 * a peer never gets a SYN-ACK (RFC 5082 3: "discarded"). Sources that are not
 * GTSM peers pass untouched; accepted sockets drop the filter (sock_accept)
 * and carry their own IP_MINTTL (sock_gtsm_set) instead.
 *
 * The program, per peer one block that jumps to the TTL check on a full
 * source match and falls through to the next block otherwise:
 *   IPv4: ld [net+12]; jeq #src, 0, 1; ja CHECK
 *   IPv6: 4 x (ld [net+8+4j]; jeq #w_j, 0, to-next-block); ja CHECK
 *   after the blocks: ret #-1 (accept)
 *   CHECK: ldb [net+ttl]; jge #255, 0, 1; ret #-1; ret #0
 * Offsets are from the network header (SKF_NET_OFF): the IPv4 TTL is byte 8,
 * the source bytes 12..15; the IPv6 hop limit byte 7, the source 8..23.
 */
#include <errno.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "bgpd/sock.h"
#include "lib/prefix.h"

#define ACCEPT_ALL 0xffffffffu

/* The big-endian word at a->a[off..off+3] (BPF loads are big-endian). */
static uint32_t
addr_word(const struct addr *a, size_t off)
{
	return (uint32_t)a->a[off] << 24 | (uint32_t)a->a[off + 1] << 16 |
	    (uint32_t)a->a[off + 2] << 8 | a->a[off + 3];
}

/* Append one instruction. */
static void
emit(struct sock_filter *f, size_t *n, uint16_t code, uint8_t jt, uint8_t jf,
    uint32_t k)
{
	f[*n].code = code;
	f[*n].jt = jt;
	f[*n].jf = jf;
	f[*n].k = k;
	(*n)++;
}

/* Instructions for n peers of family afi (see the file comment). */
static size_t
prog_len(uint8_t afi, size_t n)
{
	return n * (afi == AFI_IPV4 ? 3 : 9) + 5;
}

/* The block matching peer a; its "ja CHECK" is patched by the caller. */
static void
emit_peer(struct sock_filter *f, size_t *n, const struct addr *a)
{
	unsigned words = a->afi == AFI_IPV4 ? 1 : 4, j;
	uint32_t base = a->afi == AFI_IPV4 ? 12 : 8;

	for (j = 0; j < words; j++) {
		emit(f, n, BPF_LD | BPF_W | BPF_ABS, 0, 0,
		    (uint32_t)SKF_NET_OFF + base + 4 * j);
		/* Mismatch: skip the rest of this block (pairs + the ja). */
		emit(f, n, BPF_JMP | BPF_JEQ | BPF_K, 0,
		    (uint8_t)(2 * (words - 1 - j) + 1),
		    addr_word(a, a->afi == AFI_IPV4 ? 0 : 4 * j));
	}
	emit(f, n, BPF_JMP | BPF_JA, 0, 0, 0);
}

/* The whole program for the peers of afi among peers[0..npeers-1]. */
static struct sock_filter *
prog_build(uint8_t afi, const struct addr *peers, size_t npeers, size_t *len)
{
	struct sock_filter *f;
	size_t i, n = 0, count = 0, check, *jas;

	for (i = 0; i < npeers; i++)
		count += peers[i].afi == afi;
	if (prog_len(afi, count) > BPF_MAXINSNS) {
		errno = E2BIG;
		return NULL;
	}
	f = calloc(prog_len(afi, count), sizeof(*f));
	jas = calloc(count + 1, sizeof(*jas));
	if (f == NULL || jas == NULL) {
		free(f);
		free(jas);
		errno = ENOMEM;
		return NULL;
	}
	for (i = 0, count = 0; i < npeers; i++) {
		if (peers[i].afi != afi)
			continue;
		emit_peer(f, &n, &peers[i]);
		jas[count++] = n - 1;
	}
	emit(f, &n, BPF_RET | BPF_K, 0, 0, ACCEPT_ALL);
	check = n;
	for (i = 0; i < count; i++)
		f[jas[i]].k = (uint32_t)(check - jas[i] - 1);
	emit(f, &n, BPF_LD | BPF_B | BPF_ABS, 0, 0,
	    (uint32_t)SKF_NET_OFF + (afi == AFI_IPV4 ? 8 : 7));
	emit(f, &n, BPF_JMP | BPF_JGE | BPF_K, 0, 1, SOCK_TTL_MAX);
	emit(f, &n, BPF_RET | BPF_K, 0, 0, ACCEPT_ALL);
	emit(f, &n, BPF_RET | BPF_K, 0, 0, 0);
	free(jas);
	*len = n;
	return f;
}

int
sock_gtsm_filter_set(int lfd, uint8_t afi, const struct addr *peers,
    size_t npeers)
{
	struct sock_fprog fp;
	struct sock_filter *f;
	size_t i, len = 0, count = 0;
	int rc, err, zero = 0;

	if (afi != AFI_IPV4 && afi != AFI_IPV6) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	for (i = 0; i < npeers; i++)
		count += peers[i].afi == afi;
	if (count == 0) {
		if (setsockopt(lfd, SOL_SOCKET, SO_DETACH_FILTER, &zero, sizeof(zero)) ==
		    -1 && errno != ENOENT)
			return -1;
		return 0;
	}
	f = prog_build(afi, peers, npeers, &len);
	if (f == NULL)
		return -1;
	fp.len = (unsigned short)len;
	fp.filter = f;
	rc = setsockopt(lfd, SOL_SOCKET, SO_ATTACH_FILTER, &fp, sizeof(fp));
	/* Old and new program together may exceed optmem_max: swap. */
	if (rc == -1 && errno == ENOMEM &&
	    setsockopt(lfd, SOL_SOCKET, SO_DETACH_FILTER, &zero,
	    sizeof(zero)) == 0)
		rc = setsockopt(lfd, SOL_SOCKET, SO_ATTACH_FILTER, &fp,
		    sizeof(fp));
	err = errno;
	free(f);
	errno = err;
	return rc;
}
