/*
 * Linux implementation of bgpd/sock.h: TCP listeners and non-blocking
 * connects for BGP (RFC 4271 8.2.1: port 179 is the caller's choice), TCP MD5
 * signatures through TCP_MD5SIG (RFC 2385), TTL and GTSM through IP_TTL /
 * IP_MINTTL and IPV6_UNICAST_HOPS / IPV6_MINHOPCOUNT (RFC 5082), DSCP through
 * IP_TOS / IPV6_TCLASS. Plain descriptors only: no event loop, no session
 * state, no logging (callers log with the peer's name). The address family
 * of a socket is read back with SO_DOMAIN, so callers pass only the fd.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bgpd/sock.h"
#include "lib/prefix.h"

#define SOCK_BACKLOG 64

static int sa_from_addr(const struct addr *a, uint16_t port,
    struct sockaddr_storage *ss, socklen_t *len);
static void sa_to_addr(const struct sockaddr_storage *ss, struct addr *a,
    uint16_t *port);
static int sock_family(int fd);
static int sock_int_set(int fd, int level, int name, int v);
static void close_keep_errno(int fd);

/* Fill ss from a and port; -1 with EAFNOSUPPORT for an unset family. */
static int
sa_from_addr(const struct addr *a, uint16_t port, struct sockaddr_storage *ss,
    socklen_t *len)
{
	memset(ss, 0, sizeof(*ss));
	if (a->afi == AFI_IPV4) {
		struct sockaddr_in *sin = (struct sockaddr_in *)ss;

		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		memcpy(&sin->sin_addr, a->a, 4);
		*len = sizeof(*sin);
		return 0;
	}
	if (a->afi == AFI_IPV6) {
		struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;

		sin6->sin6_family = AF_INET6;
		sin6->sin6_port = htons(port);
		memcpy(&sin6->sin6_addr, a->a, 16);
		*len = sizeof(*sin6);
		return 0;
	}
	errno = EAFNOSUPPORT;
	return -1;
}

/* IPv4-mapped IPv6 addresses come back as IPv4. */
static void
sa_to_addr(const struct sockaddr_storage *ss, struct addr *a, uint16_t *port)
{
	struct addr tmp;
	uint16_t p = 0;

	memset(&tmp, 0, sizeof(tmp));
	if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *sin = (const struct sockaddr_in *)ss;

		tmp.afi = AFI_IPV4;
		memcpy(tmp.a, &sin->sin_addr, 4);
		p = ntohs(sin->sin_port);
	} else if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *sin6 =
		    (const struct sockaddr_in6 *)ss;

		p = ntohs(sin6->sin6_port);
		if (IN6_IS_ADDR_V4MAPPED(&sin6->sin6_addr)) {
			tmp.afi = AFI_IPV4;
			memcpy(tmp.a, &sin6->sin6_addr.s6_addr[12], 4);
		} else {
			tmp.afi = AFI_IPV6;
			memcpy(tmp.a, &sin6->sin6_addr, 16);
		}
	}
	if (a != NULL)
		*a = tmp;
	if (port != NULL)
		*port = p;
}

/* AF_INET or AF_INET6 of fd, or -1. */
static int
sock_family(int fd)
{
	int v;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &v, &len) == -1)
		return -1;
	if (v != AF_INET && v != AF_INET6) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	return v;
}

static int
sock_int_set(int fd, int level, int name, int v)
{
	return setsockopt(fd, level, name, &v, sizeof(v));
}

static void
close_keep_errno(int fd)
{
	int e = errno;

	close(fd);
	errno = e;
}

/* A non-blocking TCP socket for a's family; a and port go to ss and len. */
static int
sock_tcp_new(const struct addr *a, uint16_t port,
    struct sockaddr_storage *ss, socklen_t *len)
{
	if (sa_from_addr(a, port, ss, len) == -1)
		return -1;
	return socket(ss->ss_family,
	    SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP);
}

int
sock_listen(const struct addr *a, uint16_t port)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd;

	fd = sock_tcp_new(a, port, &ss, &len);
	if (fd == -1)
		return -1;
	if (sock_int_set(fd, SOL_SOCKET, SO_REUSEADDR, 1) == -1)
		goto out_close;
	/* One listener per family: IPv4 peers never arrive as mapped. */
	if (ss.ss_family == AF_INET6 &&
	    sock_int_set(fd, IPPROTO_IPV6, IPV6_V6ONLY, 1) == -1)
		goto out_close;
	if (bind(fd, (struct sockaddr *)&ss, len) == -1)
		goto out_close;
	if (listen(fd, SOCK_BACKLOG) == -1)
		goto out_close;
	return fd;

out_close:
	close_keep_errno(fd);
	return -1;
}

int
sock_accept(int lfd, struct addr *peer, uint16_t *port)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int fd, zero = 0;

	fd = accept4(lfd, (struct sockaddr *)&ss, &len,
	    SOCK_NONBLOCK | SOCK_CLOEXEC);
	if (fd == -1)
		return -1;
	/* A listener's GTSM filter (sock_gtsm_filter_set) is inherited. */
	if (setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &zero, sizeof(zero)) == -1 &&
	    errno != ENOENT) {
		close_keep_errno(fd);
		return -1;
	}
	sa_to_addr(&ss, peer, port);
	return fd;
}

int
sock_connect(const struct addr *src, const struct addr *dst, uint16_t port,
    const struct sock_opts *o)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd;

	fd = sock_tcp_new(dst, port, &ss, &len);
	if (fd == -1)
		return -1;
	if (o != NULL && sock_opts_apply(fd, o) == -1)
		goto out_close;
	/* RFC 2385: the SYN itself must be signed. */
	if (o != NULL && o->md5_key != NULL && o->md5_len > 0 &&
	    sock_md5_set(fd, dst, o->md5_key, o->md5_len) == -1)
		goto out_close;
	if (src != NULL && src->afi != 0) {
		struct sockaddr_storage sl;
		socklen_t slen;

		if (sa_from_addr(src, 0, &sl, &slen) == -1)
			goto out_close;
		if (bind(fd, (struct sockaddr *)&sl, slen) == -1)
			goto out_close;
	}
	if (connect(fd, (struct sockaddr *)&ss, len) == -1 &&
	    errno != EINPROGRESS)
		goto out_close;
	return fd;

out_close:
	close_keep_errno(fd);
	return -1;
}

int
sock_connect_check(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(int);
	int err = 0;

	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) == -1)
		return -1;
	if (err != 0) {
		errno = err;
		return -1;
	}
	len = sizeof(ss);
	if (getpeername(fd, (struct sockaddr *)&ss, &len) == -1) {
		if (errno == ENOTCONN)
			errno = EINPROGRESS;
		return -1;
	}
	return 0;
}

int
sock_opts_apply(int fd, const struct sock_opts *o)
{
	if (o->gtsm_hops > 0) {
		if (sock_gtsm_set(fd, o->gtsm_hops) == -1)
			return -1;
	} else if (o->ttl > 0 && sock_ttl_set(fd, o->ttl) == -1) {
		return -1;
	}
	if (o->tos != 0 && sock_tos_set(fd, o->tos) == -1)
		return -1;
	if (o->nodelay && sock_nodelay_set(fd) == -1)
		return -1;
	return 0;
}

int
sock_md5_set(int fd, const struct addr *peer, const uint8_t *key, size_t len)
{
	struct tcp_md5sig md5;
	struct sockaddr_storage ss;
	socklen_t sslen;

	if (len > SOCK_MD5_KEY_MAX || (len > 0 && key == NULL)) {
		errno = EINVAL;
		return -1;
	}
	if (sa_from_addr(peer, 0, &ss, &sslen) == -1)
		return -1;
	memset(&md5, 0, sizeof(md5));
	memcpy(&md5.tcpm_addr, &ss, sizeof(ss));
	/* A zero key length deletes the key for this peer. */
	md5.tcpm_keylen = (uint16_t)len;
	if (len > 0)
		memcpy(md5.tcpm_key, key, len);
	return setsockopt(fd, IPPROTO_TCP, TCP_MD5SIG, &md5, sizeof(md5));
}

int
sock_ttl_set(int fd, unsigned ttl)
{
	int fam = sock_family(fd);

	if (fam == -1)
		return -1;
	if (ttl < 1 || ttl > SOCK_TTL_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (fam == AF_INET)
		return sock_int_set(fd, IPPROTO_IP, IP_TTL, (int)ttl);
	return sock_int_set(fd, IPPROTO_IPV6, IPV6_UNICAST_HOPS, (int)ttl);
}

int
sock_minttl_set(int fd, unsigned minttl)
{
	int fam = sock_family(fd);

	if (fam == -1)
		return -1;
	if (minttl > SOCK_TTL_MAX) {
		errno = EINVAL;
		return -1;
	}
	if (fam == AF_INET)
		return sock_int_set(fd, IPPROTO_IP, IP_MINTTL, (int)minttl);
	return sock_int_set(fd, IPPROTO_IPV6, IPV6_MINHOPCOUNT, (int)minttl);
}

int
sock_gtsm_set(int fd, unsigned hops)
{
	if (hops < 1 || hops > SOCK_TTL_MAX) {
		errno = EINVAL;
		return -1;
	}
	/* RFC 5082 3: send 255, accept 255 - (hops - 1) and above. */
	if (sock_ttl_set(fd, SOCK_TTL_MAX) == -1)
		return -1;
	return sock_minttl_set(fd, SOCK_TTL_MAX + 1 - hops);
}

int
sock_tos_set(int fd, uint8_t tos)
{
	int fam = sock_family(fd);

	if (fam == -1)
		return -1;
	if (fam == AF_INET)
		return sock_int_set(fd, IPPROTO_IP, IP_TOS, tos);
	return sock_int_set(fd, IPPROTO_IPV6, IPV6_TCLASS, tos);
}

int
sock_nodelay_set(int fd)
{
	return sock_int_set(fd, IPPROTO_TCP, TCP_NODELAY, 1);
}

int
sock_local_addr(int fd, struct addr *a, uint16_t *port)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getsockname(fd, (struct sockaddr *)&ss, &len) == -1)
		return -1;
	sa_to_addr(&ss, a, port);
	return 0;
}

int
sock_remote_addr(int fd, struct addr *a, uint16_t *port)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);

	if (getpeername(fd, (struct sockaddr *)&ss, &len) == -1)
		return -1;
	sa_to_addr(&ss, a, port);
	return 0;
}
