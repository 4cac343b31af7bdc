/*
 * `crossroute sink` (tools/sink.h). One poll() loop over a listener, a
 * signalfd and up to SINK_MAX_SESS sessions (tools/bgpio.h). Prefixes live
 * in one prefix tree per family (rib/ptree.h) whose value is the set of
 * sessions currently announcing the prefix (one bit each) and, with --dump,
 * the last attribute set received for it. A prefix counts while its set is
 * not empty; a session going down withdraws everything it announced.
 * UPDATE verdicts follow RFC 7606: treat-as-withdraw withdraws every prefix
 * of the message, AFI/SAFI disable drops that family's MP attribute (the
 * codec reports it absent), session reset sends the NOTIFICATION.
 * --expect-path-prefix adds a second stage: once --expect N prefixes are
 * held the summary line is printed and the sink goes on until N held
 * prefixes carry an AS path starting with the given ASNs (a policy change
 * re-advertised everywhere), then prints a "sink-path:" line and exits.
 */
#include <errno.h>
#include <getopt.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "bgpd/sock.h"
#include "bgpd/wire_refresh.h"
#include "bgpd/wire_update.h"
#include "lib/aspath.h"
#include "lib/wr.h"
#include "lib/xmalloc.h"
#include "rib/ptree.h"
#include "tools/bgpio.h"
#include "tools/sink.h"

#define SINK_MAX_SESS 64
#define SINK_MAX_PATH 32		/* ASNs in --expect-path-prefix */

struct sink_opts {
	uint32_t as, id, peer_as;
	struct addr listen;
	uint16_t port, hold;
	const char *md5;
	struct addr md5_peer;
	struct addr connect;		/* afi 0: passive (listen) */
	uint16_t connect_port;
	uint64_t expect;
	unsigned timeout;
	bool json, dump;
	uint32_t path[SINK_MAX_PATH];	/* --expect-path-prefix */
	unsigned npath;			/* 0: not given */
};

/* Value of a prefix in the trees. */
struct sink_route {
	uint64_t sessions;		/* bit i: session slot i announces it */
	const struct attrs *a;		/* --dump: last set received */
	bool match;			/* its path starts with o.path */
};

struct sink_counters {
	uint64_t prefixes[3];		/* by AFI (index 1, 2) */
	uint64_t updates, messages, announced, withdrawn;
	uint64_t verdicts[WIRE_RESET + 1];
	uint64_t sessions_up;
	uint64_t t_first, t_last;	/* ms since start, 0 = none yet */
	double e_first, e_last;		/* same as Unix time */
	uint64_t matched;		/* held prefixes with match set */
	uint64_t m_first, m_last;	/* changes of matched, as t_first */
	double me_first, me_last;
	uint64_t m_updates;		/* UPDATEs since the latest mark */
};

struct sink {
	struct sink_opts o;
	struct ptree tree[3];		/* AFI_IPV4, AFI_IPV6 */
	struct attr_table *at;
	struct wire_update u;
	struct bgpio sess[SINK_MAX_SESS];
	bool used[SINK_MAX_SESS];
	unsigned cur;			/* slot of the session being read */
	int lfd, sigfd;
	uint64_t t0, next_try;
	struct sink_counters c;
	bool count_reached;		/* path mode: --expect N are held */
	bool reached;			/* --expect was reached ... */
	struct sink_counters at_expect;	/* ... with these counters */
	uint64_t msgs_at_expect;
	bool count_told;		/* path mode: count line printed */
	struct sink_counters at_count;	/* path mode: when N were held */
	uint64_t msgs_at_count;
	uint64_t downs;			/* Established sessions lost */
};

static int
usage(void)
{
	fprintf(stderr, "usage: crossroute sink [--as N] [--router-id A] "
	    "[--listen ADDR[:PORT] | --connect ADDR[:PORT]]\n"
	    "    [--port P] [--peer-as N] [--md5 KEY --md5-peer ADDR] [--hold S]\n"
	    "    [--expect N [--expect-path-prefix \"AS AS ...\"]] "
	    "[--timeout S] [--json] [--dump]\n");
	return 2;
}

static int
num(const char *s, uint64_t max, uint64_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *s == '\0' || *end != '\0' || v > max)
		return -1;
	*out = v;
	return 0;
}

static int
opt_addr_port(const char *arg, struct addr *a, uint16_t *port)
{
	char buf[ADDR_STRLEN + 8], *c;
	uint64_t p;

	snprintf(buf, sizeof(buf), "%s", arg[0] == '[' ? arg + 1 : arg);
	c = strrchr(buf, arg[0] == '[' ? ']' : ':');
	if (c && (arg[0] == '[' || !strchr(buf, ':') || c == strchr(buf, ':'))) {
		*c = '\0';
		if (num(c + 1 + (arg[0] == '['), 65535, &p) < 0)
			return -1;
		*port = (uint16_t)p;
	}
	return addr_parse(buf, a);
}

/* "64512 64512 ..." -> o->path; at least one ASN. */
static int
opt_path(struct sink_opts *o, const char *arg)
{
	char buf[512], *tok, *save = NULL;
	uint64_t v;

	snprintf(buf, sizeof(buf), "%s", arg);
	o->npath = 0;
	for (tok = strtok_r(buf, " ,", &save); tok;
	    tok = strtok_r(NULL, " ,", &save)) {
		if (o->npath == SINK_MAX_PATH || num(tok, UINT32_MAX, &v) < 0)
			return -1;
		o->path[o->npath++] = (uint32_t)v;
	}
	return o->npath ? 0 : -1;
}

static int
opt_one(struct sink_opts *o, int c, const char *arg)
{
	uint64_t v;
	struct addr a;

	switch (c) {
	case 'a': if (num(arg, UINT32_MAX, &v) < 0) return -1;
		o->as = (uint32_t)v; return 0;
	case 'P': if (num(arg, UINT32_MAX, &v) < 0) return -1;
		o->peer_as = (uint32_t)v; return 0;
	case 'i':
		if (addr_parse(arg, &a) < 0 || a.afi != AFI_IPV4)
			return -1;
		o->id = addr_to_ipv4(&a);
		return 0;
	case 'l': return opt_addr_port(arg, &o->listen, &o->port);
	case 'c':
		o->connect_port = 179;
		return opt_addr_port(arg, &o->connect, &o->connect_port);
	case 'p': if (num(arg, 65535, &v) < 0) return -1;
		o->port = (uint16_t)v; return 0;
	case 'h': if (num(arg, 65535, &v) < 0 || v == 1 || v == 2) return -1;
		o->hold = (uint16_t)v; return 0;
	case 'm': o->md5 = arg; return strlen(arg) > SOCK_MD5_KEY_MAX ? -1 : 0;
	case 'M': return addr_parse(arg, &o->md5_peer);
	case 'e': return num(arg, UINT64_MAX, &o->expect);
	case 'E': return opt_path(o, arg);
	case 't': if (num(arg, 1000000, &v) < 0) return -1;
		o->timeout = (unsigned)v; return 0;
	case 'j': o->json = true; return 0;
	case 'd': o->dump = true; return 0;
	default: return -1;
	}
}

static int
opts_parse(struct sink_opts *o, int argc, char **argv)
{
	static const struct option lo[] = {
		{ "as", required_argument, NULL, 'a' },
		{ "peer-as", required_argument, NULL, 'P' },
		{ "router-id", required_argument, NULL, 'i' },
		{ "listen", required_argument, NULL, 'l' },
		{ "connect", required_argument, NULL, 'c' },
		{ "port", required_argument, NULL, 'p' },
		{ "hold", required_argument, NULL, 'h' },
		{ "md5", required_argument, NULL, 'm' },
		{ "md5-peer", required_argument, NULL, 'M' },
		{ "expect", required_argument, NULL, 'e' },
		{ "expect-path-prefix", required_argument, NULL, 'E' },
		{ "timeout", required_argument, NULL, 't' },
		{ "json", no_argument, NULL, 'j' },
		{ "dump", no_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	memset(o, 0, sizeof(*o));
	o->as = 65010;
	o->id = 0x0afe0002;
	o->hold = 90;
	o->port = 179;
	addr_parse("0.0.0.0", &o->listen);
	optind = 1;
	while ((c = getopt_long(argc, argv, "", lo, NULL)) != -1)
		if (c == '?' || opt_one(o, c, optarg) < 0)
			return -1;
	if (optind != argc || (o->md5 && !o->md5_peer.afi && !o->connect.afi) ||
	    (o->npath && !o->expect))
		return -1;
	return 0;
}

static double
epoch_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
changed(struct sink *sk)
{
	uint64_t t = bgpio_now_ms() - sk->t0 + 1;
	double e = epoch_now();

	if (!sk->c.t_first) {
		sk->c.t_first = t;
		sk->c.e_first = e;
	}
	sk->c.t_last = t;
	sk->c.e_last = e;
}

static uint64_t total(const struct sink *sk);
static uint64_t messages(const struct sink *sk);

/*
 * The expect conditions after a change: without --expect-path-prefix,
 * freeze the counters when N prefixes are held (the result); with it,
 * note that moment (printed by the loop) and freeze when N held prefixes
 * match the path prefix.
 */
static void
expect_check(struct sink *sk)
{
	if (!sk->o.expect || sk->reached || total(sk) < sk->o.expect)
		return;
	if (sk->o.npath && !sk->count_reached) {
		sk->count_reached = true;
		sk->at_count = sk->c;
		sk->msgs_at_count = messages(sk);
	}
	if (sk->o.npath && sk->c.matched < sk->o.expect)
		return;
	sk->reached = true;
	sk->at_expect = sk->c;
	sk->msgs_at_expect = messages(sk);
}

/* Does the AS path of a start with the ASNs of --expect-path-prefix? */
static bool
path_matches(const struct sink *sk, const struct attrs *a)
{
	struct aspath_iter it;
	struct aspath_seg seg;
	unsigned k = 0, i;

	if (a == NULL)
		return false;
	aspath_iter_init(&it, blob_bytes(a->aspath));
	while (k < sk->o.npath && aspath_iter_next(&it, &seg)) {
		if (seg.type != ASPATH_SEQUENCE)
			return false;
		for (i = 0; i < seg.count && k < sk->o.npath; i++, k++)
			if (aspath_seg_as(&seg, i) != sk->o.path[k])
				return false;
	}
	return k == sk->o.npath;
}

/* r was counted as matching (was) before a change: update matched. */
static void
match_note(struct sink *sk, const struct sink_route *r, bool was)
{
	bool now = r->sessions && r->match;
	uint64_t t;
	double e;

	if (now == was || !sk->o.npath)
		return;
	if (now)
		sk->c.matched++;
	else
		sk->c.matched--;
	t = bgpio_now_ms() - sk->t0 + 1;
	e = epoch_now();
	if (!sk->c.m_first) {
		sk->c.m_first = t;
		sk->c.me_first = e;
	}
	sk->c.m_last = t;
	sk->c.me_last = e;
}

static void
route_announce(struct sink *sk, const struct prefix *p, const struct attrs *a,
    bool match)
{
	struct sink_route *r;
	uint64_t bit = 1ull << sk->cur;
	bool created, was, fresh;

	if (p->afi != AFI_IPV4 && p->afi != AFI_IPV6)
		return;
	r = ptree_add(&sk->tree[p->afi], p, &created);
	sk->c.announced++;
	was = r->sessions && r->match;
	fresh = !r->sessions;
	if (fresh) {
		sk->c.prefixes[p->afi]++;
		changed(sk);
	}
	r->sessions |= bit;
	r->match = match;
	if (a && sk->o.dump) {
		attrs_unref(sk->at, r->a);
		r->a = attrs_ref(a);
	}
	match_note(sk, r, was);
	if (fresh || sk->o.npath)
		expect_check(sk);
}

static void
route_withdraw(struct sink *sk, const struct prefix *p)
{
	struct sink_route *r;
	bool was;

	if (p->afi != AFI_IPV4 && p->afi != AFI_IPV6)
		return;
	sk->c.withdrawn++;
	r = ptree_lookup(&sk->tree[p->afi], p);
	if (!r || !(r->sessions & (1ull << sk->cur)))
		return;
	was = r->sessions && r->match;
	r->sessions &= ~(1ull << sk->cur);
	if (!r->sessions) {
		sk->c.prefixes[p->afi]--;
		changed(sk);
	}
	match_note(sk, r, was);
}

static void
list_withdraw(struct sink *sk, const struct wire_nlri_list *l)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		route_withdraw(sk, &l->v[i].pfx);
}

static void
list_announce(struct sink *sk, const struct wire_nlri_list *l, bool mp)
{
	const struct attrs *a = NULL;
	bool match;
	size_t i;

	if (l->n == 0)
		return;
	if (sk->o.dump || sk->o.npath)
		a = wire_update_intern(&sk->u, mp, sk->at);
	match = sk->o.npath && path_matches(sk, a);
	for (i = 0; i < l->n; i++)
		route_announce(sk, &l->v[i].pfx, a, match);
	attrs_unref(sk->at, a);
}

/* bgpio callback: one UPDATE body of session sk->cur. */
static int
update_cb(void *ctx, const uint8_t *body, size_t len)
{
	struct sink *sk = ctx;
	struct bgpio *s = &sk->sess[sk->cur];
	struct wire_err err;
	enum wire_verdict v;

	if (sk->reached)	/* the result is frozen; leave the rest */
		return 0;
	memset(&err, 0, sizeof(err));
	v = wire_update_decode(body, len, &s->nego.caps, &sk->u, &err);
	sk->c.updates++;
	sk->c.m_updates++;
	sk->c.verdicts[v]++;
	if (v != WIRE_OK && sk->c.verdicts[v] <= 3)
		fprintf(stderr, "crossroute: sink: session %u: UPDATE verdict "
		    "%d: %s\n", sk->cur, (int)v, err.reason ? err.reason : "");
	if (v == WIRE_RESET) {
		bgpio_notify_close(s, err.code, err.subcode, err.reason);
		return -1;
	}
	list_withdraw(sk, &sk->u.withdrawn);
	if (sk->u.unreach.present)
		list_withdraw(sk, &sk->u.unreach.nlri);
	if (v == WIRE_WITHDRAW) {
		list_withdraw(sk, &sk->u.nlri);
		if (sk->u.reach.present)
			list_withdraw(sk, &sk->u.reach.nlri);
		return 0;
	}
	list_announce(sk, &sk->u.nlri, false);
	if (sk->u.reach.present)
		list_announce(sk, &sk->u.reach.nlri, true);
	return 0;
}

static void counters_print(const struct sink *sk, FILE *f);

/* Session slot i went down: withdraw everything it announced. */
static void
sess_down(struct sink *sk, unsigned i)
{
	struct ptree_iter it;
	struct sink_route *r;
	uint64_t bit = 1ull << i;
	uint8_t afi;
	bool was;

	if (!sk->sess[i].up_ms) {	/* never Established: nothing held */
		if (!sk->o.connect.afi)
			fprintf(stderr, "crossroute: sink: session %u failed: "
			    "%s\n", i, sk->sess[i].why);
		bgpio_fini(&sk->sess[i]);
		sk->used[i] = false;
		return;
	}
	sk->downs++;
	fprintf(stderr, "crossroute: sink: session %u down: %s\n", i,
	    sk->sess[i].why);
	counters_print(sk, stderr);
	for (afi = AFI_IPV4; afi <= AFI_IPV6 && !sk->reached; afi++) {
		ptree_iter_init(&it, &sk->tree[afi], NULL, NULL);
		while ((r = ptree_iter_next(&it, NULL)) != NULL) {
			if (!(r->sessions & bit))
				continue;
			was = r->match;
			r->sessions &= ~bit;
			if (!r->sessions) {
				sk->c.prefixes[afi]--;
				changed(sk);
			}
			match_note(sk, r, was);
		}
	}
	sk->c.messages += sk->sess[i].msgs_rx;
	bgpio_fini(&sk->sess[i]);
	sk->used[i] = false;
}

static void
sess_conf(const struct sink *sk, struct bgpio_conf *conf)
{
	memset(conf, 0, sizeof(*conf));
	conf->as = sk->o.as;
	conf->id = sk->o.id;
	conf->peer_as = sk->o.peer_as;
	conf->hold = sk->o.hold;
	conf->afs = WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST;
	conf->ext_msg = true;
}

/* --connect: (re)open the one active session, at most once a second. */
static void
sess_connect(struct sink *sk)
{
	struct bgpio_conf conf;
	struct sock_opts so;
	uint64_t now = bgpio_now_ms();
	int fd;

	if (sk->used[0] || now < sk->next_try)
		return;
	sk->next_try = now + 1000;
	memset(&so, 0, sizeof(so));
	if (sk->o.md5) {
		so.md5_key = (const uint8_t *)sk->o.md5;
		so.md5_len = strlen(sk->o.md5);
	}
	fd = sock_connect(NULL, &sk->o.connect, sk->o.connect_port, &so);
	if (fd < 0)
		return;
	sess_conf(sk, &conf);
	bgpio_init(&sk->sess[0], fd, true, &conf);
	sk->used[0] = true;
}

static void
sess_accept(struct sink *sk)
{
	struct bgpio_conf conf;
	struct addr peer;
	unsigned i;
	int fd;

	while ((fd = sock_accept(sk->lfd, &peer, NULL)) >= 0) {
		for (i = 0; i < SINK_MAX_SESS && sk->used[i]; i++)
			;
		if (i == SINK_MAX_SESS) {
			close(fd);
			continue;
		}
		sess_conf(sk, &conf);
		bgpio_init(&sk->sess[i], fd, false, &conf);
		sk->used[i] = true;
		bgpio_output(&sk->sess[i]);
	}
}

static uint64_t
total(const struct sink *sk)
{
	return sk->c.prefixes[AFI_IPV4] + sk->c.prefixes[AFI_IPV6];
}

static uint64_t
messages(const struct sink *sk)
{
	uint64_t m = sk->c.messages;
	unsigned i;

	for (i = 0; i < SINK_MAX_SESS; i++)
		if (sk->used[i])
			m += sk->sess[i].msgs_rx;
	return m;
}

static double
cpu_self(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 +
	    (double)ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
}

static void counters_line(const struct sink *sk, FILE *f,
    const struct sink_counters *c, uint64_t nmsg);

/*
 * The summary line: the counters frozen when --expect was reached (path
 * mode: when N prefixes were held), else the current ones.
 */
static void
counters_print(const struct sink *sk, FILE *f)
{
	if (sk->o.npath && sk->count_reached)
		counters_line(sk, f, &sk->at_count, sk->msgs_at_count);
	else if (!sk->o.npath && sk->reached)
		counters_line(sk, f, &sk->at_expect, sk->msgs_at_expect);
	else
		counters_line(sk, f, &sk->c, messages(sk));
}

/*
 * Path mode: the "sink-path:" line, matched prefixes and the first and
 * latest change of that count since the start or the latest SIGUSR2 (the
 * latest is when the N-th matching prefix arrived once it is reached).
 */
static void
path_print(const struct sink *sk, FILE *f)
{
	const struct sink_counters *c = sk->reached ? &sk->at_expect : &sk->c;
	double first = c->m_first ? (double)(c->m_first - 1) / 1000.0 : 0;
	double last = c->m_last ? (double)(c->m_last - 1) / 1000.0 : 0;

	fprintf(f, sk->o.json ? "{\"matched\": %llu, \"expect\": %llu, "
	    "\"first_s\": %.3f, \"last_s\": %.3f, \"span_s\": %.3f, "
	    "\"first_epoch\": %.3f, \"last_epoch\": %.3f, \"updates\": "
	    "%llu, \"prefixes\": %llu, \"sessions_down\": %llu, "
	    "\"cpu_s\": %.2f}\n" : "sink-path: matched %llu expect %llu "
	    "first_s %.3f last_s %.3f span_s %.3f first_epoch %.3f "
	    "last_epoch %.3f updates %llu prefixes %llu sessions_down %llu "
	    "cpu_s %.2f\n", (unsigned long long)c->matched,
	    (unsigned long long)sk->o.expect, first, last, last - first,
	    c->me_first, c->me_last, (unsigned long long)c->m_updates,
	    (unsigned long long)(c->prefixes[AFI_IPV4] +
	    c->prefixes[AFI_IPV6]), (unsigned long long)sk->downs,
	    cpu_self());
	fflush(f);
}

static void
counters_line(const struct sink *sk, FILE *f, const struct sink_counters *c,
    uint64_t nmsg)
{
	uint64_t npfx = c->prefixes[AFI_IPV4] + c->prefixes[AFI_IPV6];
	double cpu = cpu_self();
	double first = c->t_first ? (double)(c->t_first - 1) / 1000.0 : 0;
	double last = c->t_last ? (double)(c->t_last - 1) / 1000.0 : 0;
	if (sk->o.json)
		fprintf(f, "{\"prefixes\": %llu, \"ipv4\": %llu, \"ipv6\": "
		    "%llu, \"first_s\": %.3f, \"last_s\": %.3f, \"span_s\": "
		    "%.3f, \"first_epoch\": %.3f, \"last_epoch\": %.3f, "
		    "\"updates\": %llu, \"messages\": %llu, \"treat_as_"
		    "withdraw\": %llu, \"resets\": %llu, \"cpu_s\": %.2f}\n",
		    (unsigned long long)npfx,
		    (unsigned long long)c->prefixes[AFI_IPV4],
		    (unsigned long long)c->prefixes[AFI_IPV6], first, last,
		    last - first, c->e_first, c->e_last,
		    (unsigned long long)c->updates,
		    (unsigned long long)nmsg,
		    (unsigned long long)c->verdicts[WIRE_WITHDRAW],
		    (unsigned long long)c->verdicts[WIRE_RESET], cpu);
	else
		fprintf(f, "sink: prefixes %llu ipv4 %llu ipv6 %llu first_s "
		    "%.3f last_s %.3f span_s %.3f first_epoch %.3f last_epoch "
		    "%.3f updates %llu messages %llu treat_as_withdraw %llu "
		    "resets %llu cpu_s %.2f\n", (unsigned long long)npfx,
		    (unsigned long long)c->prefixes[AFI_IPV4],
		    (unsigned long long)c->prefixes[AFI_IPV6], first, last,
		    last - first, c->e_first, c->e_last,
		    (unsigned long long)c->updates,
		    (unsigned long long)nmsg,
		    (unsigned long long)c->verdicts[WIRE_WITHDRAW],
		    (unsigned long long)c->verdicts[WIRE_RESET], cpu);
	fflush(f);
}

/* --dump: "prefix|AS path|next hop" per announced prefix, in prefix order. */
static void
routes_dump(const struct sink *sk)
{
	struct ptree_iter it;
	const struct sink_route *r;
	struct prefix p;
	char pb[PREFIX_STRLEN], nb[ADDR_STRLEN], path[4096];
	uint8_t afi;

	for (afi = AFI_IPV4; afi <= AFI_IPV6; afi++) {
		ptree_iter_init(&it, &sk->tree[afi], NULL, NULL);
		while ((r = ptree_iter_next(&it, &p)) != NULL) {
			if (!r->sessions || !r->a)
				continue;
			aspath_print(blob_bytes(r->a->aspath), path,
			    sizeof(path));
			printf("%s|%s|%s\n", prefix_print(&p, pb, sizeof(pb)),
			    path, addr_print(attrs_nexthop(r->a), nb,
			    sizeof(nb)));
		}
	}
	fflush(stdout);
}

/*
 * SIGHUP: ask every Established session that negotiated route refresh to
 * send its routes again (RFC 2918 3), one request per unicast family, as
 * an operator's "soft in" would; a test of the sender's answer.
 */
static void
refresh_ask(struct sink *sk)
{
	struct wire_refresh rr;
	uint8_t buf[WIRE_HDR_LEN + WIRE_RR_BODY_LEN];
	struct wr w;
	unsigned i;
	uint16_t afi;

	for (i = 0; i < SINK_MAX_SESS; i++) {
		if (!sk->used[i] || sk->sess[i].state != BGPIO_ESTABLISHED ||
		    !sk->sess[i].nego.rr)
			continue;
		for (afi = AFI_IPV4; afi <= AFI_IPV6; afi++) {
			if (!(sk->sess[i].nego.caps.afs &
			    wire_af_bit(afi, SAFI_UNICAST)))
				continue;
			memset(&rr, 0, sizeof(rr));
			rr.afi = afi;
			rr.subtype = WIRE_RR_NORMAL;
			rr.safi = SAFI_UNICAST;
			wr_init(&w, buf, sizeof(buf));
			wire_refresh_encode(&w, &rr);
			if (wr_ok(&w))
				bgpio_queue(&sk->sess[i], buf, wr_len(&w));
		}
		fprintf(stderr, "crossroute: sink: session %u: ROUTE-REFRESH "
		    "sent\n", i);
	}
}

/*
 * Read the signalfd: 1 to stop (SIGTERM, SIGINT), 0 to go on (SIGUSR1
 * prints the counters, SIGUSR2 forgets the first/last change times so that
 * they count from the next change, e.g. a benchmark's release).
 */
static int
signal_handle(struct sink *sk)
{
	struct signalfd_siginfo si;

	if (read(sk->sigfd, &si, sizeof(si)) != sizeof(si))
		return 0;
	if (si.ssi_signo == SIGUSR1) {
		counters_print(sk, stderr);
		if (sk->o.npath)
			path_print(sk, stderr);
		return 0;
	}
	if (si.ssi_signo == SIGHUP) {
		refresh_ask(sk);
		return 0;
	}
	if (si.ssi_signo == SIGUSR2) {	/* mark: times count from now */
		sk->c.t_first = sk->c.t_last = 0;
		sk->c.e_first = sk->c.e_last = 0;
		sk->c.m_first = sk->c.m_last = 0;
		sk->c.me_first = sk->c.me_last = 0;
		sk->c.m_updates = 0;
		return 0;
	}
	return 1;
}

static void
sessions_poll(struct sink *sk, const struct pollfd *pf, const unsigned *map,
    size_t n)
{
	uint64_t now = bgpio_now_ms();
	struct bgpio *s;
	size_t k;

	for (k = 0; k < n; k++) {
		sk->cur = map[k];
		s = &sk->sess[map[k]];
		if (pf[k].revents & (POLLIN | POLLERR | POLLHUP))
			bgpio_input(s, update_cb, sk);
		if (s->state != BGPIO_CLOSED)
			bgpio_output(s);
		if (s->up_ms && !s->up_told) {
			s->up_told = true;
			fprintf(stderr, "crossroute: sink: session %u up (peer "
			    "AS %u)\n", map[k], wire_open_as(&s->rcvd));
		}
		bgpio_tick(s, now);
		if (s->state == BGPIO_CLOSED)
			sess_down(sk, map[k]);
	}
}

/*
 * Path mode, N prefixes held: print the summary line (and --dump the routes,
 * then "sink: dump end") now, go on for the path condition.
 */
static void
count_tell(struct sink *sk)
{
	sk->count_told = true;
	counters_print(sk, stdout);
	if (sk->o.dump) {
		routes_dump(sk);
		printf("sink: dump end\n");
		fflush(stdout);
	}
}

/* Returns 0 when --expect was reached or on SIGTERM, 1 on timeout. */
static int
sink_loop(struct sink *sk)
{
	struct pollfd pf[SINK_MAX_SESS + 2];
	unsigned map[SINK_MAX_SESS];
	size_t n, i;

	for (;;) {
		if (sk->o.connect.afi)
			sess_connect(sk);
		pf[0].fd = sk->lfd, pf[0].events = POLLIN;
		pf[1].fd = sk->sigfd, pf[1].events = POLLIN;
		for (n = 0, i = 0; i < SINK_MAX_SESS; i++) {
			if (!sk->used[i])
				continue;
			pf[2 + n].fd = sk->sess[i].fd;
			pf[2 + n].events = bgpio_events(&sk->sess[i]);
			map[n++] = (unsigned)i;
		}
		for (i = 0; i < n + 2; i++)
			pf[i].revents = 0;
		if (poll(pf, n + 2, 100) < 0 && errno != EINTR)
			return 1;
		if ((pf[1].revents & POLLIN) && signal_handle(sk))
			return sk->o.expect ? 1 : 0;
		if (pf[0].revents & POLLIN)
			sess_accept(sk);
		sessions_poll(sk, pf + 2, map, n);
		if (sk->count_reached && !sk->count_told)
			count_tell(sk);
		if (sk->reached)
			return 0;
		if (sk->o.timeout &&
		    bgpio_now_ms() - sk->t0 > sk->o.timeout * 1000ull) {
			fprintf(stderr, "crossroute: sink: timeout after %u s "
			    "with %llu of %llu prefixes\n", sk->o.timeout,
			    (unsigned long long)total(sk),
			    (unsigned long long)sk->o.expect);
			return 1;
		}
	}
}

static int
sink_setup(struct sink *sk)
{
	sigset_t set;
	uint8_t afi;

	for (afi = AFI_IPV4; afi <= AFI_IPV6; afi++)
		ptree_init(&sk->tree[afi], afi, sizeof(struct sink_route));
	sk->at = attr_table_new();
	wire_update_init(&sk->u);
	sk->t0 = bgpio_now_ms();
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGUSR1);
	sigaddset(&set, SIGUSR2);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGPIPE);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)
		return -1;
	sigdelset(&set, SIGPIPE);
	sk->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (sk->sigfd < 0)
		return -1;
	if (sk->o.connect.afi)
		return 0;
	sk->lfd = sock_listen(&sk->o.listen, sk->o.port);
	if (sk->lfd < 0)
		return -1;
	if (sk->o.md5 && sock_md5_set(sk->lfd, &sk->o.md5_peer,
	    (const uint8_t *)sk->o.md5, strlen(sk->o.md5)) < 0)
		return -1;
	return 0;
}

static void
sink_teardown(struct sink *sk)
{
	struct ptree_iter it;
	struct sink_route *r;
	unsigned i;
	uint8_t afi;

	for (i = 0; i < SINK_MAX_SESS; i++)
		if (sk->used[i])
			bgpio_fini(&sk->sess[i]);
	for (afi = AFI_IPV4; afi <= AFI_IPV6; afi++) {
		ptree_iter_init(&it, &sk->tree[afi], NULL, NULL);
		while ((r = ptree_iter_next(&it, NULL)) != NULL)
			attrs_unref(sk->at, r->a);
		ptree_fini(&sk->tree[afi]);
	}
	wire_update_fini(&sk->u);
	attr_table_free(sk->at);
	if (sk->lfd >= 0)
		close(sk->lfd);
	if (sk->sigfd >= 0)
		close(sk->sigfd);
}

int
sink_main(int argc, char **argv)
{
	struct sink *sk;
	int rc;

	sk = xcalloc(1, sizeof(*sk));
	sk->lfd = sk->sigfd = -1;
	if (opts_parse(&sk->o, argc, argv) < 0) {
		free(sk);
		return usage();
	}
	if (sink_setup(sk) < 0) {
		fprintf(stderr, "crossroute: sink: listen on port %u: %s\n",
		    sk->o.port, strerror(errno));
		rc = 1;
	} else {
		if (sk->lfd >= 0) {
			sock_local_addr(sk->lfd, NULL, &sk->o.port);
			fprintf(stderr, "crossroute: sink: listening on port "
			    "%u\n", sk->o.port);
		}
		rc = sink_loop(sk);
		if (!sk->o.npath || !sk->count_told)
			counters_print(sk, stdout);
		if (sk->o.npath)
			path_print(sk, stdout);
		if (sk->o.dump)
			routes_dump(sk);
	}
	sink_teardown(sk);
	free(sk);
	return rc;
}
