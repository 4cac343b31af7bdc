/*
 * Unit tests for bgpd/sock_linux.c on loopback only (127.0.0.1, 127.0.0.2,
 * ::1; ports from bind to port 0): listeners and non-blocking connects with
 * source binding, TCP MD5 (matching keys connect and carry data; mismatching
 * or missing keys never connect), GTSM (set, read back, and enforced on the
 * listener), TTL, TOS and TCP_NODELAY read back, connect errors. Every wait
 * is a poll() with a timeout of at most 2 s; the teardown closes every
 * descriptor a test opened. TCP MD5 needs root and CONFIG_TCP_MD5SIG: when
 * the kernel refuses it the test fails and says so.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <cmocka.h>

#include "bgpd/sock.h"
#include "lib/prefix.h"

#define WAIT_OK_MS 2000		/* a loopback connect completes well within */
#define WAIT_NONE_MS 1500	/* how long "never connects" is watched */
#define MAX_FDS 16

/* Descriptors opened by one test, closed by the teardown. */
struct fds {
	int fd[MAX_FDS];
	int n;
};

static const uint8_t key_a[] = "crossroute-link-key";
static const uint8_t key_b[] = "crossroute-other-key";

static int
fds_setup(void **state)
{
	static struct fds f;

	f.n = 0;
	*state = &f;
	return 0;
}

static int
fds_teardown(void **state)
{
	struct fds *f = *state;

	while (f->n > 0)
		close(f->fd[--f->n]);
	return 0;
}

/* Remember fd for the teardown; fail when it is -1. */
static int
track(void **state, int fd, const char *what)
{
	struct fds *f = *state;

	if (fd == -1)
		fail_msg("%s: %s", what, strerror(errno));
	assert_true(f->n < MAX_FDS);
	f->fd[f->n++] = fd;
	return fd;
}

static void
lo_addr(struct addr *a, uint8_t afi)
{
	assert_int_equal(addr_parse(afi == AFI_IPV4 ? "127.0.0.1" : "::1", a),
	    0);
}

/* True when fd reports ev within ms milliseconds. */
static bool
wait_fd(int fd, short ev, int ms)
{
	struct pollfd p = { .fd = fd, .events = ev };
	int n;

	do
		n = poll(&p, 1, ms);
	while (n == -1 && errno == EINTR);
	assert_true(n >= 0);
	return n == 1 && (p.revents & (ev | POLLERR | POLLHUP));
}

/* MD5 must work here (root on Linux); a refusal is a failure, not a skip. */
static void
md5_set_or_fail(int fd, const struct addr *peer, const uint8_t *key,
    size_t len)
{
	if (sock_md5_set(fd, peer, key, len) == 0)
		return;
	if (errno == EPERM || errno == ENOPROTOOPT)
		fail_msg("TCP_MD5SIG refused by the kernel (%s): these tests "
		    "need root and CONFIG_TCP_MD5SIG", strerror(errno));
	fail_msg("sock_md5_set: %s", strerror(errno));
}

/* Listener on the loopback of afi; *port receives the chosen port. */
static int
listen_lo(void **state, uint8_t afi, uint16_t *port)
{
	struct addr a;
	int lfd;

	lo_addr(&a, afi);
	lfd = track(state, sock_listen(&a, 0), "sock_listen");
	assert_int_equal(sock_local_addr(lfd, NULL, port), 0);
	assert_true(*port != 0);
	return lfd;
}

/* Wait for cfd to connect and accept it on lfd; returns the server end. */
static int
establish(void **state, int lfd, int cfd)
{
	if (!wait_fd(cfd, POLLOUT, WAIT_OK_MS))
		fail_msg("connect did not complete within %d ms", WAIT_OK_MS);
	if (sock_connect_check(cfd) != 0)
		fail_msg("sock_connect_check: %s", strerror(errno));
	assert_true(wait_fd(lfd, POLLIN, WAIT_OK_MS));
	return track(state, sock_accept(lfd, NULL, NULL), "sock_accept");
}

/* Send msg from one end, read it at the other within the time bound. */
static void
pass_data(int from, int to, const char *msg)
{
	char buf[64];
	size_t n = strlen(msg);

	assert_int_equal(write(from, msg, n), (ssize_t)n);
	assert_true(wait_fd(to, POLLIN, WAIT_OK_MS));
	assert_int_equal(read(to, buf, sizeof(buf)), (ssize_t)n);
	assert_memory_equal(buf, msg, n);
}

/* Neither side sees a connection within WAIT_NONE_MS. */
static void
assert_never_connects(int lfd, int cfd)
{
	struct addr peer;

	assert_false(wait_fd(cfd, POLLOUT, WAIT_NONE_MS));
	assert_int_not_equal(sock_connect_check(cfd), 0);
	assert_int_equal(sock_accept(lfd, &peer, NULL), -1);
	assert_true(errno == EAGAIN || errno == EWOULDBLOCK);
}

static int
int_opt(int fd, int level, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);

	assert_int_equal(getsockopt(fd, level, name, &v, &len), 0);
	return v;
}

static void
connect_plain(void **state, uint8_t afi)
{
	struct addr lo, cl, cr, sl, sr;
	uint16_t port, clp, crp, slp, srp;
	int lfd, cfd, afd;

	lfd = listen_lo(state, afi, &port);
	lo_addr(&lo, afi);
	cfd = track(state, sock_connect(NULL, &lo, port, NULL), "connect");
	afd = establish(state, lfd, cfd);
	/* Each end's local address is the other end's remote address. */
	assert_int_equal(sock_local_addr(cfd, &cl, &clp), 0);
	assert_int_equal(sock_remote_addr(cfd, &cr, &crp), 0);
	assert_int_equal(sock_local_addr(afd, &sl, &slp), 0);
	assert_int_equal(sock_remote_addr(afd, &sr, &srp), 0);
	assert_true(addr_eq(&cl, &sr) && clp == srp);
	assert_true(addr_eq(&cr, &sl) && crp == slp);
	assert_true(addr_eq(&cr, &lo) && crp == port);
	assert_int_equal(cl.afi, afi);
	pass_data(cfd, afd, "open");
	pass_data(afd, cfd, "keepalive");
}

static void
test_sock_connect_v4(void **state)
{
	connect_plain(state, AFI_IPV4);
}

static void
test_sock_connect_v6(void **state)
{
	connect_plain(state, AFI_IPV6);
}

/* A wildcard IPv6 listener is IPv6-only: IPv4 clients are refused. */
static void
test_sock_listen_v6only(void **state)
{
	struct addr any, lo;
	uint16_t port;
	int lfd, cfd;

	assert_int_equal(addr_parse("::", &any), 0);
	lfd = track(state, sock_listen(&any, 0), "sock_listen");
	assert_int_equal(sock_local_addr(lfd, NULL, &port), 0);
	assert_int_equal(int_opt(lfd, IPPROTO_IPV6, IPV6_V6ONLY), 1);
	assert_int_equal(int_opt(lfd, SOL_SOCKET, SO_REUSEADDR), 1);
	lo_addr(&lo, AFI_IPV4);
	cfd = track(state, sock_connect(NULL, &lo, port, NULL), "connect");
	assert_true(wait_fd(cfd, POLLOUT, WAIT_OK_MS));
	assert_int_equal(sock_connect_check(cfd), -1);
	assert_int_equal(errno, ECONNREFUSED);
}

/* Source binding: the server sees the address we bound. */
static void
test_sock_connect_source(void **state)
{
	struct addr lo, src, seen;
	int lfd, cfd;
	uint16_t port;

	lfd = listen_lo(state, AFI_IPV4, &port);
	lo_addr(&lo, AFI_IPV4);
	assert_int_equal(addr_parse("127.0.0.2", &src), 0);
	cfd = track(state, sock_connect(&src, &lo, port, NULL), "connect");
	assert_true(wait_fd(cfd, POLLOUT, WAIT_OK_MS));
	assert_int_equal(sock_connect_check(cfd), 0);
	assert_true(wait_fd(lfd, POLLIN, WAIT_OK_MS));
	track(state, sock_accept(lfd, &seen, NULL), "accept");
	assert_true(addr_eq(&seen, &src));
}

static void
test_sock_connect_refused(void **state)
{
	struct addr lo;
	uint16_t port;
	int lfd, cfd;

	/* A port that was just listening and is closed now. */
	lo_addr(&lo, AFI_IPV4);
	lfd = sock_listen(&lo, 0);
	assert_true(lfd >= 0);
	assert_int_equal(sock_local_addr(lfd, NULL, &port), 0);
	close(lfd);
	cfd = track(state, sock_connect(NULL, &lo, port, NULL), "connect");
	assert_true(wait_fd(cfd, POLLOUT, WAIT_OK_MS));
	assert_int_equal(sock_connect_check(cfd), -1);
	assert_int_equal(errno, ECONNREFUSED);
}

/* Connect with key ckey (NULL: unsigned) to a listener keyed with key_a. */
static void
md5_pair(void **state, uint8_t afi, const uint8_t *ckey, size_t clen,
    bool expect_up)
{
	struct sock_opts o = { .md5_key = ckey, .md5_len = clen };
	struct addr lo;
	uint16_t port;
	int lfd, cfd, afd;

	lfd = listen_lo(state, afi, &port);
	lo_addr(&lo, afi);
	md5_set_or_fail(lfd, &lo, key_a, sizeof(key_a) - 1);
	cfd = sock_connect(NULL, &lo, port, &o);
	if (cfd == -1 && (errno == EPERM || errno == ENOPROTOOPT))
		fail_msg("TCP_MD5SIG refused on connect (%s): these tests "
		    "need root and CONFIG_TCP_MD5SIG", strerror(errno));
	track(state, cfd, "sock_connect with MD5");
	if (!expect_up) {
		assert_never_connects(lfd, cfd);
		return;
	}
	afd = establish(state, lfd, cfd);
	pass_data(cfd, afd, "signed open");
	pass_data(afd, cfd, "signed keepalive");
}

static void
test_sock_md5_match_v4(void **state)
{
	md5_pair(state, AFI_IPV4, key_a, sizeof(key_a) - 1, true);
}

static void
test_sock_md5_match_v6(void **state)
{
	md5_pair(state, AFI_IPV6, key_a, sizeof(key_a) - 1, true);
}

static void
test_sock_md5_mismatch_v4(void **state)
{
	md5_pair(state, AFI_IPV4, key_b, sizeof(key_b) - 1, false);
}

static void
test_sock_md5_mismatch_v6(void **state)
{
	md5_pair(state, AFI_IPV6, key_b, sizeof(key_b) - 1, false);
}

static void
test_sock_md5_missing(void **state)
{
	md5_pair(state, AFI_IPV4, NULL, 0, false);
}

/* Keys: 80 bytes is the maximum; 81 is refused; length 0 deletes. */
static void
test_sock_md5_key_length(void **state)
{
	uint8_t big[SOCK_MD5_KEY_MAX + 1];
	struct addr lo;
	int lfd;
	uint16_t port;

	memset(big, 'k', sizeof(big));
	lfd = listen_lo(state, AFI_IPV4, &port);
	lo_addr(&lo, AFI_IPV4);
	md5_set_or_fail(lfd, &lo, big, SOCK_MD5_KEY_MAX);
	assert_int_equal(sock_md5_set(lfd, &lo, big, sizeof(big)), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(sock_md5_set(lfd, &lo, NULL, 0), 0);
	/* Deleting a key that is not there reports ENOENT. */
	assert_int_equal(sock_md5_set(lfd, &lo, NULL, 0), -1);
	assert_int_equal(errno, ENOENT);
}

/* After deleting the listener's key, an unsigned client connects. */
static void
test_sock_md5_delete(void **state)
{
	struct addr lo;
	uint16_t port;
	int lfd, cfd;

	lfd = listen_lo(state, AFI_IPV4, &port);
	lo_addr(&lo, AFI_IPV4);
	md5_set_or_fail(lfd, &lo, key_a, sizeof(key_a) - 1);
	assert_int_equal(sock_md5_set(lfd, &lo, NULL, 0), 0);
	cfd = track(state, sock_connect(NULL, &lo, port, NULL), "connect");
	establish(state, lfd, cfd);
}

static void
test_sock_gtsm_readback(void **state)
{
	struct sock_opts o = { .gtsm_hops = 1, .ttl = 1 };
	int fd4, fd6;

	fd4 = track(state, socket(AF_INET, SOCK_STREAM, 0), "socket");
	fd6 = track(state, socket(AF_INET6, SOCK_STREAM, 0), "socket");
	assert_int_equal(sock_opts_apply(fd4, &o), 0);
	assert_int_equal(sock_opts_apply(fd6, &o), 0);
	/* GTSM overrides the plain TTL: send 255, require 255. */
	assert_int_equal(int_opt(fd4, IPPROTO_IP, IP_TTL), 255);
	assert_int_equal(int_opt(fd4, IPPROTO_IP, IP_MINTTL), 255);
	assert_int_equal(int_opt(fd6, IPPROTO_IPV6, IPV6_UNICAST_HOPS), 255);
	assert_int_equal(int_opt(fd6, IPPROTO_IPV6, IPV6_MINHOPCOUNT), 255);
	/* Three hops away: accept 253 and above. */
	assert_int_equal(sock_gtsm_set(fd4, 3), 0);
	assert_int_equal(int_opt(fd4, IPPROTO_IP, IP_MINTTL), 253);
	assert_int_equal(sock_gtsm_set(fd4, 0), -1);
	assert_int_equal(errno, EINVAL);
	assert_int_equal(sock_gtsm_set(fd4, 256), -1);
	assert_int_equal(errno, EINVAL);
}

/* Single-hop eBGP TTL 1, DSCP CS6, TCP_NODELAY read back on both families. */
static void
test_sock_ttl_tos_nodelay(void **state)
{
	struct sock_opts o = { .ttl = 1, .tos = SOCK_TOS_CS6,
		.nodelay = true };
	int fd4, fd6;

	fd4 = track(state, socket(AF_INET, SOCK_STREAM, 0), "socket");
	fd6 = track(state, socket(AF_INET6, SOCK_STREAM, 0), "socket");
	assert_int_equal(sock_opts_apply(fd4, &o), 0);
	assert_int_equal(sock_opts_apply(fd6, &o), 0);
	assert_int_equal(int_opt(fd4, IPPROTO_IP, IP_TTL), 1);
	assert_int_equal(int_opt(fd6, IPPROTO_IPV6, IPV6_UNICAST_HOPS), 1);
	assert_int_equal(int_opt(fd4, IPPROTO_IP, IP_TOS), 0xc0);
	assert_int_equal(int_opt(fd6, IPPROTO_IPV6, IPV6_TCLASS), 0xc0);
	assert_int_equal(int_opt(fd4, IPPROTO_TCP, TCP_NODELAY), 1);
	assert_int_equal(int_opt(fd6, IPPROTO_TCP, TCP_NODELAY), 1);
	assert_int_equal(sock_ttl_set(fd4, 0), -1);
	assert_int_equal(errno, EINVAL);
}

/*
 * GTSM is enforced: a listener requiring TTL 255 ignores a client sending
 * TTL 254 (loopback does not decrement) and accepts one sending 255.
 */
static void
gtsm_enforced(void **state, uint8_t afi)
{
	struct sock_opts low = { .ttl = 254 }, gtsm = { .gtsm_hops = 1 };
	struct addr lo;
	uint16_t port;
	int lfd, cfd;

	lfd = listen_lo(state, afi, &port);
	lo_addr(&lo, afi);
	assert_int_equal(sock_gtsm_set(lfd, 1), 0);
	cfd = track(state, sock_connect(NULL, &lo, port, &low), "connect");
	assert_never_connects(lfd, cfd);
	cfd = track(state, sock_connect(NULL, &lo, port, &gtsm), "connect");
	establish(state, lfd, cfd);
}

static void
test_sock_gtsm_enforced_v4(void **state)
{
	gtsm_enforced(state, AFI_IPV4);
}

static void
test_sock_gtsm_enforced_v6(void **state)
{
	gtsm_enforced(state, AFI_IPV6);
}

/*
 * The shared-listener GTSM filter: segments from a listed peer need TTL 255
 * (its SYN sent with 254 is never answered), unlisted sources pass with any
 * TTL, and the accepted socket does not inherit the filter.
 */
static void
test_sock_gtsm_filter_v4(void **state)
{
	struct sock_opts low = { .ttl = 254 }, gtsm = { .ttl = 255 };
	struct addr any, guarded[2], other, lo;
	uint16_t port;
	int lfd, cfd, afd;

	memset(&any, 0, sizeof(any));
	any.afi = AFI_IPV4;
	lfd = track(state, sock_listen(&any, 0), "sock_listen");
	assert_int_equal(sock_local_addr(lfd, NULL, &port), 0);
	assert_int_equal(addr_parse("127.0.0.2", &guarded[0]), 0);
	assert_int_equal(addr_parse("::1", &guarded[1]), 0);
	assert_int_equal(addr_parse("127.0.0.3", &other), 0);
	lo_addr(&lo, AFI_IPV4);
	assert_int_equal(sock_gtsm_filter_set(lfd, AFI_IPV4, guarded, 2), 0);
	cfd = track(state, sock_connect(&guarded[0], &lo, port, &low), "c");
	assert_never_connects(lfd, cfd);
	cfd = track(state, sock_connect(&other, &lo, port, &low), "c");
	afd = establish(state, lfd, cfd);
	pass_data(cfd, afd, "open");
	cfd = track(state, sock_connect(&guarded[0], &lo, port, &gtsm), "c");
	afd = establish(state, lfd, cfd);
	pass_data(cfd, afd, "open");
	/* The accepted end has no filter: a TTL 254 segment gets through. */
	assert_int_equal(sock_ttl_set(cfd, 254), 0);
	pass_data(cfd, afd, "keepalive");
	/* No peer left: the filter goes, TTL 254 connects again. */
	assert_int_equal(sock_gtsm_filter_set(lfd, AFI_IPV4, &guarded[1], 1), 0);
	cfd = track(state, sock_connect(&guarded[0], &lo, port, &low), "c");
	establish(state, lfd, cfd);
}

static void
test_sock_gtsm_filter_v6(void **state)
{
	struct sock_opts low = { .ttl = 254 }, gtsm = { .ttl = 255 };
	struct addr lo, elsewhere[120];
	uint16_t port;
	int lfd, cfd;
	size_t i;

	lfd = listen_lo(state, AFI_IPV6, &port);
	lo_addr(&lo, AFI_IPV6);
	/* 120 others, then ::1: the jumps must span a long program. */
	for (i = 0; i < 120; i++) {
		char b[64];

		snprintf(b, sizeof(b), "fd00::%zx", i + 1);
		assert_int_equal(addr_parse(b, &elsewhere[i]), 0);
	}
	assert_int_equal(sock_gtsm_filter_set(lfd, AFI_IPV6, elsewhere, 120),
	    0);
	cfd = track(state, sock_connect(NULL, &lo, port, &low), "connect");
	establish(state, lfd, cfd);
	elsewhere[119] = lo;
	assert_int_equal(sock_gtsm_filter_set(lfd, AFI_IPV6, elsewhere, 120),
	    0);
	cfd = track(state, sock_connect(NULL, &lo, port, &low), "connect");
	assert_never_connects(lfd, cfd);
	cfd = track(state, sock_connect(NULL, &lo, port, &gtsm), "connect");
	establish(state, lfd, cfd);
	assert_int_equal(sock_gtsm_filter_set(lfd, 0, &lo, 1), -1);
	assert_int_equal(errno, EAFNOSUPPORT);
}

/* An unset address family is refused without creating a socket. */
static void
test_sock_bad_family(void **state)
{
	struct addr none;

	(void)state;
	memset(&none, 0, sizeof(none));
	assert_int_equal(sock_listen(&none, 0), -1);
	assert_int_equal(errno, EAFNOSUPPORT);
	assert_int_equal(sock_connect(NULL, &none, 179, NULL), -1);
	assert_int_equal(errno, EAFNOSUPPORT);
}

#define T(f) cmocka_unit_test_setup_teardown(f, fds_setup, fds_teardown)

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sock_connect_v4),
		T(test_sock_connect_v6),
		T(test_sock_listen_v6only),
		T(test_sock_connect_source),
		T(test_sock_connect_refused),
		T(test_sock_md5_match_v4),
		T(test_sock_md5_match_v6),
		T(test_sock_md5_mismatch_v4),
		T(test_sock_md5_mismatch_v6),
		T(test_sock_md5_missing),
		T(test_sock_md5_key_length),
		T(test_sock_md5_delete),
		T(test_sock_gtsm_readback),
		T(test_sock_ttl_tos_nodelay),
		T(test_sock_gtsm_enforced_v4),
		T(test_sock_gtsm_enforced_v6),
		T(test_sock_gtsm_filter_v4),
		T(test_sock_gtsm_filter_v6),
		T(test_sock_bad_family),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
