/*
 * The crossrouted context: one struct daemon created by main.c around its
 * event base, holding the configuration, the attribute table, the single
 * RIB (Adj-RIB-In per peer, Loc-RIB with ECMP), the compiled policies, the
 * peers with their sessions, the export groups, the listeners and the
 * control socket. No globals: everything hangs off this struct and is
 * passed down. The peer logic lives in bgpd/peer.c, export groups in
 * bgpd/export_group.c, the control socket in bgpd/ctl.c; this header is
 * their shared, internal contract. Only bgpd/ includes libevent.
 */
#ifndef XR_BGPD_DAEMON_H
#define XR_BGPD_DAEMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "bgpd/export.h"
#include "bgpd/intent.h"
#include "bgpd/session.h"
#include "policy/origin.h"
#include "policy/policy.h"
#include "rib/advmap.h"
#include "rib/ptree.h"
#include "rib/rib.h"
#include "yang/config.h"

struct event;
struct event_base;
struct ctl;

/* RFC 7606 rows as counted per peer: indexed by enum wire_verdict. */
#define PEER_VERDICTS 5
/* Attribute types 0..32 counted separately; others share the last slot. */
#define PEER_ROWS 34
/* A remote-caused log line per (peer, verdict) at most this often. */
#define PEER_LOG_INTERVAL_S 60
/* Prefixes per export or dump batch. */
#define DAEMON_BATCH 512

struct export_group;
struct aggregate;
struct gr;

/*
 * One change log entry: the prefix and its best path when the change was
 * drained (source RIB peer id and iBGP flag, the set with one reference;
 * a NULL set: no route). A later change of the prefix has a later entry.
 */
struct export_logent {
	struct prefix p;
	bool ibgp;
	uint32_t src;
	const struct attrs *a;
};

/* A changed prefix and the set of its best learned path (one reference;
 * NULL none), as fed to the aggregates. */
struct aggr_item {
	struct prefix p;
	const struct attrs *a;
};
struct rl_job;

/* RIB peer id of the routes originated here (aggregates): never a peer. */
#define DAEMON_LOCAL_PEER UINT32_MAX

/* Per address family state of a peer (index 0 IPv4, 1 IPv6). */
struct peer_af {
	size_t count;			/* paths in the RIB (max-prefix) */
	uint32_t max_prefix;		/* 0: no limit */
	uint8_t max_action;		/* enum config_maxpfx_action */
	uint32_t max_restart;		/* seconds */
	uint8_t warn_pct;		/* warn at this % of the limit, 0 off */
	bool warned, warned_pct;
};

struct peer {
	uint32_t id;			/* RIB peer id, 1-based index */
	struct daemon *d;
	struct session *s;
	char name[64];
	struct addr addr;
	uint32_t remote_as;
	bool ibgp;
	uint32_t side;			/* interconnect id, 0 plain */
	uint8_t link_id;
	uint32_t pol_link_id;		/* link id as policy link sets see it */
	bool drained;			/* link drained (SPEC 1.6) */
	enum config_profile profile;
	char region[CONFIG_REGION_MAX + 1];	/* "" none (SPEC 2.2 scope) */
	struct pol_chain imp, exp;	/* compiled chains */
	uint32_t policy_id;		/* export chain identity for groups */
	struct export_group *grp;
	struct addr nh4, nh6;		/* own next-hop-self while in a group */
	struct peer_af af[2];
	uint32_t afs_disabled;		/* WIRE_AF_* disabled (RFC 7606) */
	uint64_t verdicts[PEER_VERDICTS];
	/* RFC 7606 rows applied, by attribute type (0: NLRI / message). */
	uint64_t rows[PEER_ROWS];
	int64_t log_last[PEER_ROWS];
	uint64_t maxpfx_hits;
	uint64_t upd_in, upd_out, pfx_in, pfx_withdrawn;
	bool rib_added;
	bool removed;			/* de-configured by a reload: inert */
	/* Graceful restart helper (RFC 4724 4.2). */
	bool gr_enabled;
	uint16_t restart_time, stale_time;
	bool gr_stale;
	uint16_t gr_peer_time;
	uint32_t gr_afs;		/* WIRE_AF_* the peer keeps across restart */
	struct event *t_gr;
	/* Table dump after Established or ROUTE-REFRESH. */
	bool dumping;
	uint32_t dump_afis;		/* bit (1 << afi) still to walk */
	uint8_t dump_afi;
	bool dump_after_set;
	struct prefix dump_after;
	bool dump_eor;			/* End-of-RIB after the initial dump */
	uint32_t dump_eorr;		/* bit (1 << afi): EoRR after refresh */
	/* Cloud Router custom learned routes injected (bgpd/custom.c). */
	struct config_learned *custom;
	size_t ncustom;
	/* Moved to another group while up: what the old one had out. */
	struct prefix *held;
	size_t nheld;
};

struct export_group {
	struct export_group *next;
	struct export_key key;
	const struct pol_chain *chain;
	struct peer **members;
	size_t n;
	uint64_t cur;			/* next change log position to read */
	bool resync;			/* walking the Loc-RIB instead */
	uint8_t rs_phase;		/* the walk's phase and cursor */
	bool rs_after_set;
	struct prefix rs_after;
	struct advmap adv[2];		/* prefixes announced to the group */
	uint64_t msgs, built, resyncs;
	struct export_sum *sum;		/* summarize per destination, or NULL */
	struct daemon *d;		/* for export_sum_route()'s requeue */
};

struct daemon_opts {
	uint16_t port;			/* listen and connect port (179) */
	bool listen;			/* open the BGP listeners */
	const char *ctl_path;		/* control socket; NULL none */
	const char *config_path;	/* re-read on reload; NULL none */
};

/* Export passes for received changes at most this often (ms). */
#define DAEMON_EXPORT_BATCH_MS 100

struct daemon {
	struct event_base *eb;
	struct daemon_opts opts;
	struct config *cfg;		/* owned */
	struct intent intent;
	struct attr_table *attrs;
	struct rib *rib;
	struct policy_db *pdb;
	uint32_t local_as, router_id;
	struct peer **peers;
	size_t npeers;
	struct export_group *groups;
	int lfd[2];
	struct event *lev[2];
	struct event *ev_export;
	struct event *ev_batch;		/* daemon_kick_input()'s wait */
	struct timeval export_last;	/* start of the last full pass */
	bool kick_full;			/* a full export pass is asked for */
	struct ctl *ctl;
	bool shutting_down;
	struct aggregate *agg;		/* NULL: no aggregates configured */
	struct gr *gr;			/* bgpd/gr.c: restarting, else NULL */
	struct origin_paths orig;	/* what we originate now (originate.c) */
	struct ptree suppressed[2];	/* summary-only contributors (if agg) */
	struct aggr_item *aggq;		/* changed prefixes to feed agg */
	size_t naggq, aggq_cap;
	/* The change log (export_log.c): log[i] is position log_base + i. */
	struct export_logent *log;
	size_t log_n, log_cap;
	uint64_t log_base;
	struct rl_job *reimport;	/* reload.c: sliced re-import */
};

/*
 * Build the daemon for configuration cfg (ownership taken) on base eb
 * (borrowed): compile policies, derive intent neighbours, create peers and
 * sessions, the RIB, listeners and the control socket. Returns the daemon,
 * or NULL with a reason in err (cfg freed then too).
 */
struct daemon *daemon_new(struct event_base *eb, struct config *cfg,
    const struct daemon_opts *o, char *err, size_t errlen);
/* Start every administratively up session. */
void daemon_start(struct daemon *d);
/*
 * Clean shutdown: Cease/2 with the RFC 9003 text to every peer past
 * Connect; the loop ends once queued messages are written.
 */
void daemon_shutdown(struct daemon *d, const char *text);
/* Free everything; every counter returns to zero. NULL is a no-op. */
void daemon_free(struct daemon *d);
/* Ask for a full export pass (RIB changes taken in, every group and
 * table dump moved on) at the next loop turn. */
void daemon_kick(struct daemon *d);
/* Ask only for the backlog already taken in to move on (a session's
 * output drained): new RIB changes wait for their batch. */
void daemon_resume(struct daemon *d);
/*
 * The same for changes that received UPDATEs made: while they keep
 * coming, at most one pass per DAEMON_EXPORT_BATCH_MS (the first change
 * after a quiet spell still goes out at the next turn). The links of an
 * interconnect announce the same prefixes at nearly the same time, so a
 * prefix changed by several of them within the window is exported once
 * instead of once per link; the delay is far below the 30 s eBGP
 * MinRouteAdvertisementInterval RFC 4271 10 suggests.
 */
void daemon_kick_input(struct daemon *d);
/* Put p's TCP MD5 key (if any) on the listeners. */
void daemon_md5_add(struct daemon *d, const struct peer *p);
/*
 * RFC 5082 on the shared listeners: SYNs from the GTSM peers with a TTL
 * below 255 are dropped (sock_gtsm_filter_set). Call after peers change.
 */
void daemon_gtsm_guard(struct daemon *d);
/*
 * bgpd/reload.c: apply configuration cfg (ownership taken) to the running
 * d. Everything is validated and compiled first; on error nothing changed,
 * the reason is in err and -1 returned. Else removed neighbours get
 * Cease/3, neighbours whose change needs it Cease/6 and a new session,
 * added ones start, and soft changes re-run import over the stored
 * Adj-RIB-In and export over the Loc-RIB (only changed results are sent),
 * both in slices across loop turns, after this returns.
 */
int daemon_reload(struct daemon *d, struct config *cfg, char *err,
    size_t errlen);
/* Free the reload state (a re-import in progress is abandoned). */
void daemon_reload_fini(struct daemon *d);
/*
 * bgpd/aggr.c: the global aggregates. daemon_aggr_init() builds the state
 * machine from d->cfg (nothing when none are configured), registers the
 * local RIB peer and installs ORIGINATE summaries; -1 on failure.
 * daemon_aggr_feed() feeds the n changed prefixes of v with their best
 * learned paths' sets (taken when the change was drained: no lookup) and
 * installs / withdraws summaries and (un)suppresses contributors (queued
 * for export); it drops v's references. daemon_aggr_fini() frees the state
 * (the RIB's local paths are left to rib_free()).
 * daemon_suppressed(): p must not be exported (summary-only contributor).
 */
int daemon_aggr_init(struct daemon *d);
void daemon_aggr_feed(struct daemon *d, struct aggr_item *v, size_t n);
/* The set of the best learned path (not a summary) among the paths from
 * pa on (an entry's list), or NULL. */
const struct attrs *daemon_aggr_learned(const struct path *pa);
void daemon_aggr_fini(struct daemon *d);
/* Rebuild from the (new) d->cfg and feed the whole Loc-RIB (reload). */
void daemon_aggr_reload(struct daemon *d);
bool daemon_suppressed(const struct daemon *d, const struct prefix *p);
/*
 * Load and validate the configuration file at path through yang/; every
 * error is logged with the path. Returns the owned config or NULL.
 */
struct config *daemon_config_read(const char *path);
/*
 * Reload from d->opts.config_path (SIGHUP, control socket "reload"):
 * daemon_config_read() then daemon_reload(); the outcome is logged with
 * the path. Returns 0 when applied, else -1 with the reason in err.
 */
int daemon_reload_file(struct daemon *d, char *err, size_t errlen);
/* The peer with RIB id id, or NULL. */
struct peer *daemon_peer(const struct daemon *d, uint32_t id);

/*
 * bgpd/peer.c: peer objects and their session callbacks. peer_new()
 * creates peer id (1-based) of d for neighbour nb (borrowed, copied), with
 * the interconnect facts of ip (borrowed, may be NULL for a plain
 * neighbour; its policy pointer must outlive the peer): compiled chains,
 * prefix limits and a session in Idle. Returns the owned peer, or NULL with
 * the reason in err. peer_free() frees the session, timers and prefix sets
 * without callbacks (leave the export group first); NULL is a no-op.
 */
struct peer *peer_new(struct daemon *d, uint32_t id,
    const struct config_neighbor *nb, const struct intent_peer *ip,
    char *err, size_t errlen);
void peer_free(struct peer *p);
/*
 * Reload (bgpd/reload.c): peer_reconf() gives p the soft settings of nb
 * and ip (prefix limits, profile, graceful restart, link facts) and the
 * chains imp and exp (moved in: the caller's structs are left to be
 * forgotten), releasing the old chains; the session is untouched.
 * peer_session_renew() replaces p's session (stopped first by the caller)
 * by a new Idle one with nb's settings.
 */
void peer_reconf(struct peer *p, const struct config_neighbor *nb,
    const struct intent_peer *ip, struct pol_chain *imp, struct pol_chain *exp);
void peer_session_renew(struct peer *p, const struct config_neighbor *nb);
/* Index of address family afi in peer.af (0 IPv4, 1 IPv6). */
int peer_af_index(uint8_t afi);
/* Paths received from p and kept, family index i (max-prefix counts). */
size_t peer_af_count(const struct peer *p, int i);

/*
 * bgpd/export_group.c: export groups, pending queues, table dumps.
 * export_group_join(): p just became Established; it joins (or founds) the
 * group of its export key and gets a full table dump ending in End-of-RIB.
 * export_group_leave(): p left Established; an empty group is freed.
 */
void export_group_join(struct daemon *d, struct peer *p);
void export_group_leave(struct daemon *d, struct peer *p);
/*
 * bgpd/export_move.c: export_group_move(): a reload gave p (possibly up)
 * another export key: leave, join (a full dump), and remember what the
 * old group had out. export_move_sweep(): at the end of p's dump of afi,
 * withdraw what it still holds from the old group and the new one does
 * not advertise. export_move_forget(): drop that memory (session down).
 */
void export_group_move(struct daemon *d, struct peer *p);
struct wire_nego;
void export_move_sweep(struct peer *p, const struct wire_nego *ng,
    uint8_t afi);
void export_move_forget(struct peer *p);
/*
 * bgpd/export_log.c: move the RIB's queued changes to the change log
 * (feeding the aggregates on the way) and compact the log.
 * export_log_add(): append p for every group (a change the RIB did not
 * queue, e.g. a suppression).
 */
void export_group_collect(struct daemon *d);
void export_log_add(struct daemon *d, const struct prefix *p);
/* Produce UPDATEs for every group and dump while sockets take them;
 * with collect, take the RIB's queued changes in first (else only the
 * backlog already in the log moves on). */
void export_group_run(struct daemon *d, bool collect);
/* Start a table dump to p for the families in afis (bits 1 << afi). */
void export_group_dump(struct daemon *d, struct peer *p, uint32_t afis,
    bool eorr);
void export_group_free_all(struct daemon *d);
/*
 * The export chains changed: every group re-walks the whole Loc-RIB, in
 * batches across loop turns (only changed results are sent).
 */
void export_group_requeue(struct daemon *d);

#endif
