/*
 * crossrouted: the BGP speaker daemon. Parses the command line, loads the
 * YANG JSON/XML configuration through yang/, creates the one event base,
 * builds the daemon context (bgpd/daemon.c) on it, writes the pid file,
 * and runs the loop until SIGTERM or SIGINT.
 * SIGINT, and SIGTERM towards neighbours without graceful restart, send
 * Cease/2 Administrative Shutdown with the RFC 9003 text "crossrouted
 * shutting down" (inside a Hard Reset where RFC 8538 N was negotiated), so
 * peers drop our routes at once. SIGTERM towards neighbours with graceful
 * restart configured closes their sessions without NOTIFICATION (RFC 4724
 * 4.1, bgpd/gr.c): they keep our routes stale for our restart time, and
 * with -p a marker PIDFILE.gr records the graceful stop. crossrouted
 * started with -R, or finding a marker younger than its restart time,
 * restarts gracefully: R bit in its OPENs, export deferred until
 * End-of-RIB from every graceful restart peer or -w seconds (default 360,
 * FRR's select-defer-time). Then everything is freed, exit 0.
 * SIGHUP re-reads the configuration file and applies it without resetting
 * sessions that do not need it (bgpd/reload.c); an invalid file is logged
 * with its path and the running configuration stays.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <event2/event.h>

#include "bgpd/ctl.h"
#include "bgpd/daemon.h"
#include "bgpd/gr.h"
#include "lib/log.h"

struct main_opts {
	const char *config;
	const char *pidfile;
	const char *ctl;
	bool foreground;
	bool restarting;	/* -R: restart gracefully (RFC 4724 4.1) */
	uint32_t defer_s;	/* -w: selection deferral, 0 default */
	unsigned debug;
	uint16_t port;
	char marker[512];	/* PIDFILE.gr, "" without -p */
};

static void
usage(void)
{
	fprintf(stderr, "usage: crossrouted -c CONFIG [-f] [-p PIDFILE] "
	    "[-s CTLSOCK] [-d CATEGORIES] [-l PORT] [-R] [-w SECONDS]\n"
	    "  -R: graceful restart (R bit, export deferred up to -w s, "
	    "default 360)\n"
	    "  CATEGORIES: comma list of fsm,packet,update,rib,policy,config,"
	    "all\n");
	exit(2);
}

static unsigned
debug_parse(const char *s)
{
	unsigned v;

	if (log_debug_parse(s, &v) != 0)
		usage();
	return v;
}

static void
opts_parse(int argc, char **argv, struct main_opts *o)
{
	int ch;
	long port;

	memset(o, 0, sizeof(*o));
	o->ctl = CTL_PATH_DEFAULT;
	o->port = SESSION_PORT;
	while ((ch = getopt(argc, argv, "c:fp:s:d:l:Rw:")) != -1) {
		switch (ch) {
		case 'c': o->config = optarg; break;
		case 'f': o->foreground = true; break;
		case 'p': o->pidfile = optarg; break;
		case 's': o->ctl = optarg; break;
		case 'd': o->debug = debug_parse(optarg); break;
		case 'l':
			port = strtol(optarg, NULL, 10);
			if (port <= 0 || port > 65535)
				usage();
			o->port = (uint16_t)port;
			break;
		case 'R': o->restarting = true; break;
		case 'w':
			port = strtol(optarg, NULL, 10);
			if (port <= 0 || port > 65535)
				usage();
			o->defer_s = (uint32_t)port;
			break;
		default: usage();
		}
	}
	if (o->config == NULL || optind != argc)
		usage();
	if (o->pidfile != NULL)
		snprintf(o->marker, sizeof(o->marker), "%s.gr", o->pidfile);
}

/* Create the directory holding the control socket if it is missing. */
static void
ctl_dir_make(const char *path)
{
	char dir[256];
	char *slash;

	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash == NULL || slash == dir)
		return;
	*slash = '\0';
	if (mkdir(dir, 0750) != 0 && errno != EEXIST)
		log_warn("cannot create %s: %s", dir, strerror(errno));
}

static int
pidfile_write(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	fprintf(f, "%ld\n", (long)getpid());
	return fclose(f);
}

struct main_ctx {
	struct daemon *d;
	const struct main_opts *o;
};

static void
signal_cb(evutil_socket_t sig, short what, void *arg)
{
	struct main_ctx *m = arg;

	(void)what;
	log_info("signal %d: shutting down", (int)sig);
	if (sig == SIGTERM && gr_stop(m->d) > 0 && m->o->marker[0] != '\0')
		gr_marker_write(m->o->marker);
	daemon_shutdown(m->d, "crossrouted shutting down");
}

static void
sighup_cb(evutil_socket_t sig, short what, void *arg)
{
	struct daemon *d = arg;
	char err[512];

	(void)sig;
	(void)what;
	log_info("SIGHUP: reloading %s", d->opts.config_path);
	daemon_reload_file(d, err, sizeof(err));
}

static int
run(struct event_base *eb, struct daemon *d, const struct main_opts *o)
{
	struct main_ctx m = { d, o };
	struct event *ev_term = evsignal_new(eb, SIGTERM, signal_cb, &m);
	struct event *ev_int = evsignal_new(eb, SIGINT, signal_cb, &m);
	struct event *ev_hup = evsignal_new(eb, SIGHUP, sighup_cb, d);
	int rc = 0;

	if (ev_term == NULL || ev_int == NULL || ev_hup == NULL ||
	    event_add(ev_term, NULL) || event_add(ev_int, NULL) ||
	    event_add(ev_hup, NULL)) {
		log_error("cannot install signal handlers");
		rc = 1;
	} else {
		daemon_start(d);
		if (event_base_dispatch(eb) < 0)
			rc = 1;
	}
	if (ev_term != NULL)
		event_free(ev_term);
	if (ev_int != NULL)
		event_free(ev_int);
	if (ev_hup != NULL)
		event_free(ev_hup);
	return rc;
}

int
main(int argc, char **argv)
{
	struct main_opts o;
	struct daemon_opts dopts;
	struct event_base *eb;
	struct config *cfg;
	struct daemon *d;
	char err[512];
	int rc;

	opts_parse(argc, argv, &o);
	log_init("crossrouted", !o.foreground);
	log_set_debug(o.debug);
	if (o.debug != 0)
		log_set_level(LOG_LVL_DEBUG);
	signal(SIGPIPE, SIG_IGN);
	cfg = daemon_config_read(o.config);
	if (cfg == NULL)
		return 1;
	if (!o.foreground && daemon(0, 0) != 0) {
		log_error("daemon: %s", strerror(errno));
		return 1;
	}
	eb = event_base_new();
	if (eb == NULL) {
		log_error("event_base_new failed");
		return 1;
	}
	ctl_dir_make(o.ctl);
	dopts = (struct daemon_opts){ .port = o.port, .listen = true,
	    .ctl_path = o.ctl, .config_path = o.config };
	d = daemon_new(eb, cfg, &dopts, err, sizeof(err));
	if (d == NULL) {
		log_error("%s", err);
		event_base_free(eb);
		return 1;
	}
	if (o.pidfile != NULL && pidfile_write(o.pidfile) != 0)
		log_error("pid file %s: %s", o.pidfile, strerror(errno));
	if (o.marker[0] != '\0' && gr_marker_take(d, o.marker))
		o.restarting = true;
	if (o.restarting)
		d->gr = gr_new(d, o.defer_s);
	rc = run(eb, d, &o);
	gr_free(d->gr);
	d->gr = NULL;
	daemon_free(d);
	event_base_free(eb);
	if (o.pidfile != NULL)
		unlink(o.pidfile);
	return rc;
}
