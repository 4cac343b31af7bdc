/*
 * TCP sockets for BGP sessions on plain file descriptors: non-blocking
 * listeners and connects, per-peer TCP MD5 signatures (RFC 2385), TTL for
 * single-hop eBGP, GTSM (RFC 5082), TCP_NODELAY, DSCP, address queries and
 * the connect completion check. It knows no event loop, no session and no
 * FSM; the session layer polls the descriptors. The implementation is per
 * platform (sock_linux.c). Every function returns 0 (or a descriptor) on
 * success and -1 on failure with errno set by the failing call and
 * preserved through any cleanup. Addresses are struct addr (lib/prefix.h),
 * ports in host byte order.
 */
#ifndef XR_BGPD_SOCK_H
#define XR_BGPD_SOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct addr;

#define SOCK_MD5_KEY_MAX 80	/* RFC 2385 / Linux TCP_MD5SIG_MAXKEYLEN */
#define SOCK_TOS_CS6 0xc0	/* DSCP CS6 (network control), RFC 4594 */
#define SOCK_TTL_MAX 255

/*
 * Per-session socket options. All zero leaves every kernel default and
 * signs nothing.
 */
struct sock_opts {
	const uint8_t *md5_key;	/* borrowed; NULL or md5_len == 0: none */
	size_t md5_len;		/* at most SOCK_MD5_KEY_MAX */
	unsigned ttl;		/* outgoing TTL / hop limit; 0 = default;
				   1 for single-hop eBGP */
	unsigned gtsm_hops;	/* RFC 5082: 0 = off; n = send 255 and
				   accept only TTL >= 256 - n; overrides ttl */
	uint8_t tos;		/* IP_TOS / IPV6_TCLASS byte; 0 = default */
	bool nodelay;		/* TCP_NODELAY */
};

/*
 * Create a non-blocking, close-on-exec TCP listener bound to a:port
 * (port 0 picks one; read it back with sock_local_addr()), with
 * SO_REUSEADDR, and IPV6_V6ONLY for IPv6. Returns the descriptor (owned by
 * the caller) or -1.
 */
int sock_listen(const struct addr *a, uint16_t port);

/*
 * Accept one pending connection on listener lfd as a non-blocking,
 * close-on-exec descriptor; peer and port (either may be NULL) receive the
 * remote end, without the listener's socket filter. Returns the descriptor
 * or -1 (EAGAIN when none is pending).
 */
int sock_accept(int lfd, struct addr *peer, uint16_t *port);

/*
 * Open a non-blocking TCP connection from src (NULL or afi 0: the kernel
 * chooses) to dst:port. Options o (borrowed, may be NULL) are applied before
 * connect(), so the SYN already carries the MD5 signature, TTL and TOS.
 * Returns the descriptor, connected or in progress (wait for POLLOUT, then
 * sock_connect_check()), or -1.
 */
int sock_connect(const struct addr *src, const struct addr *dst,
    uint16_t port, const struct sock_opts *o);

/*
 * Outcome of a non-blocking connect once fd polls writable: 0 when
 * connected; -1 with errno = the connect error (SO_ERROR, e.g.
 * ECONNREFUSED), or EINPROGRESS when not yet complete.
 */
int sock_connect_check(int fd);

/*
 * Apply TTL or GTSM, TOS and TCP_NODELAY of o to fd (not the MD5 key: see
 * sock_md5_set()). Used on accepted sockets and by sock_connect().
 */
int sock_opts_apply(int fd, const struct sock_opts *o);

/*
 * Set (len > 0) or delete (len == 0) the RFC 2385 key for peer on fd. On a
 * listener it covers connections from that peer; on a connecting socket it
 * must precede connect(). len > SOCK_MD5_KEY_MAX fails with EINVAL.
 * Failing with EPERM or ENOPROTOOPT means the kernel refuses TCP MD5.
 */
int sock_md5_set(int fd, const struct addr *peer, const uint8_t *key,
    size_t len);

/* Outgoing TTL (IP_TTL) or hop limit (IPV6_UNICAST_HOPS), 1..255. */
int sock_ttl_set(int fd, unsigned ttl);

/* Minimum accepted TTL (IP_MINTTL) or hop limit (IPV6_MINHOPCOUNT), 0..255. */
int sock_minttl_set(int fd, unsigned minttl);

/*
 * RFC 5082 GTSM for a peer hops (1..255) away: send with TTL 255 and drop
 * segments arriving with a TTL below 256 - hops. On a listener the minimum
 * covers every peer that connects to it (SYNs included), so a listener shared
 * by GTSM and non-GTSM peers sets it on each accepted socket and guards the
 * SYNs with sock_gtsm_filter_set().
 */
int sock_gtsm_set(int fd, unsigned hops);

/*
 * RFC 5082 on a listener shared with non-GTSM peers: segments from any of
 * the peers of family afi among peers[0..npeers-1] arriving with a TTL / hop
 * limit below 255 are dropped before TCP sees them, SYNs included (a socket
 * filter; other sources pass). Replaces any earlier set; no peer of afi
 * removes it. -1 with E2BIG when the peers do not fit one filter (about
 * 1,300 IPv4 or 450 IPv6 addresses).
 */
int sock_gtsm_filter_set(int lfd, uint8_t afi, const struct addr *peers,
    size_t npeers);

/* IP_TOS (IPv4) or IPV6_TCLASS (IPv6) byte; SOCK_TOS_CS6 for BGP. */
int sock_tos_set(int fd, uint8_t tos);

/* Disable Nagle (TCP_NODELAY) so small messages leave at once. */
int sock_nodelay_set(int fd);

/* Local end of fd; a and port (either may be NULL) receive it. */
int sock_local_addr(int fd, struct addr *a, uint16_t *port);

/* Remote end of a connected fd; -1 with ENOTCONN when not connected. */
int sock_remote_addr(int fd, struct addr *a, uint16_t *port);

#endif
