/*
 * Control socket server (see ctl.h): accepts unix stream clients, reads one
 * request line, then streams the answer in chunks driven by the event loop
 * (a zero-delay event per chunk, the write watermark when the client reads
 * slowly) and closes once everything is written. Owns its listener and
 * client connections; reads the daemon's peers and RIB. It changes only the
 * debug categories ("debug") and, on "reload", the configuration (through
 * daemon_reload_file(), bgpd/reload.c).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>

#include "bgpd/ctl.h"
#include "bgpd/daemon.h"
#include "lib/log.h"
#include "lib/xmalloc.h"

enum ctl_kind { CTL_NONE, CTL_NEIGHBORS, CTL_ROUTES, CTL_DEBUG, CTL_RELOAD,
    CTL_ERROR };

struct ctl_client {
	struct ctl *ctl;
	struct ctl_client *next;
	struct bufferevent *bev;
	struct event *ev_more;
	enum ctl_kind kind;
	bool json, first, done;
	bool has_within;
	struct prefix within;
	uint8_t afi;
	bool after_set;
	struct prefix after;
	size_t idx;
	char *debug;		/* "debug CATS": categories to switch on */
};

struct ctl {
	struct daemon *d;
	int fd;
	struct event *ev;
	char *path;
	struct ctl_client *clients;
};

static void client_more(struct ctl_client *c);

static void
client_free(struct ctl_client *c)
{
	struct ctl_client **pp;

	for (pp = &c->ctl->clients; *pp != c; pp = &(*pp)->next)
		;
	*pp = c->next;
	if (c->ev_more != NULL)
		event_free(c->ev_more);
	free(c->debug);
	bufferevent_free(c->bev);
	free(c);
}

static void
more_cb(evutil_socket_t fd, short what, void *arg)
{
	(void)fd;
	(void)what;
	client_more(arg);
}

static void
client_write_cb(struct bufferevent *bev, void *arg)
{
	struct ctl_client *c = arg;

	if (c->done) {
		if (evbuffer_get_length(bufferevent_get_output(bev)) == 0)
			client_free(c);
		return;
	}
	if (c->kind != CTL_NONE)
		client_more(c);
}

static void
client_event_cb(struct bufferevent *bev, short what, void *arg)
{
	(void)bev;
	if (what & (BEV_EVENT_EOF | BEV_EVENT_ERROR))
		client_free(arg);
}

static void
client_parse(struct ctl_client *c, char *line)
{
	char *tok, *save = NULL;

	for (tok = strtok_r(line, " \t", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t", &save)) {
		if (!strcmp(tok, "neighbors") && c->kind == CTL_NONE)
			c->kind = CTL_NEIGHBORS;
		else if (!strcmp(tok, "routes") && c->kind == CTL_NONE)
			c->kind = CTL_ROUTES;
		else if (!strcmp(tok, "debug") && c->kind == CTL_NONE)
			c->kind = CTL_DEBUG;
		else if (!strcmp(tok, "reload") && c->kind == CTL_NONE)
			c->kind = CTL_RELOAD;
		else if (c->kind == CTL_DEBUG && c->debug == NULL)
			c->debug = xstrdup(tok);
		else if (!strcmp(tok, "json"))
			c->json = true;
		else if (c->kind == CTL_ROUTES && !c->has_within &&
		    prefix_parse(tok, &c->within, false) == 0)
			c->has_within = true;
		else
			c->kind = CTL_ERROR;
	}
	if (c->kind == CTL_NONE)
		c->kind = CTL_ERROR;
	c->first = true;
	c->afi = c->has_within ? c->within.afi : AFI_IPV4;
}

/* "reload": re-read the configuration file, answer the outcome. */
static void
ctl_reload(struct daemon *d, struct evbuffer *out)
{
	char err[512];

	if (daemon_reload_file(d, err, sizeof(err)) == 0)
		evbuffer_add_printf(out, "reload: applied\n");
	else
		evbuffer_add_printf(out, "error: reload refused: %s\n", err);
}

/*
 * Switch debug categories at run time ("debug fsm,update", "debug none");
 * STYLE.md 8. Answers the new set; -1 on an unknown name.
 */
static int
ctl_debug(const char *arg, struct evbuffer *out)
{
	unsigned v;

	if (arg == NULL || log_debug_parse(arg, &v) != 0)
		return -1;
	log_set_debug(v);
	log_set_level(v != 0 ? LOG_LVL_DEBUG : LOG_LVL_INFO);
	evbuffer_add_printf(out, "debug categories: 0x%x\n", v);
	return 0;
}

static void
client_read_cb(struct bufferevent *bev, void *arg)
{
	struct ctl_client *c = arg;
	struct evbuffer *out = bufferevent_get_output(bev);
	char *line;

	if (c->kind != CTL_NONE)
		return;
	line = evbuffer_readln(bufferevent_get_input(bev), NULL,
	    EVBUFFER_EOL_ANY);
	if (line == NULL)
		return;
	client_parse(c, line);
	free(line);
	if (c->kind == CTL_DEBUG && ctl_debug(c->debug, out) != 0)
		c->kind = CTL_ERROR;
	if (c->kind == CTL_DEBUG) {
		c->done = true;
		return;
	}
	if (c->kind == CTL_RELOAD) {
		ctl_reload(c->ctl->d, out);
		c->done = true;
		return;
	}
	if (c->kind == CTL_ERROR) {
		evbuffer_add_printf(out, "%s", c->json ?
		    "{\"error\":\"bad request\"}\n" : "error: bad request\n");
		c->done = true;
		return;
	}
	if (c->json)
		evbuffer_add_printf(out, "{\"%s\":[", c->kind == CTL_ROUTES ?
		    "routes" : "neighbors");
	client_more(c);
}

/* One chunk of routes from the cursor; true when the walk is complete. */
static bool
routes_chunk(struct ctl_client *c, struct evbuffer *out)
{
	const struct daemon *d = c->ctl->d;
	const struct rib_entry *e;
	struct rib_iter it;
	struct prefix p;
	size_t n = 0;

	while (n < CTL_CHUNK) {
		rib_iter_init(&it, d->rib, c->afi,
		    c->has_within ? &c->within : NULL,
		    c->after_set ? &c->after : NULL);
		while (n < CTL_CHUNK && (e = rib_iter_next(&it, &p)) != NULL) {
			c->after = p;
			c->after_set = true;
			n++;
			if (rib_entry_best(e) == NULL &&
			    rib_entry_paths(e) == NULL)
				continue;
			ctl_show_route(out, &p, e, c->json, c->first);
			c->first = false;
		}
		if (n < CTL_CHUNK) {
			/* This family is done. */
			if (c->afi == AFI_IPV6 || c->has_within)
				return true;
			c->afi = AFI_IPV6;
			c->after_set = false;
		}
	}
	return false;
}

static bool
neighbors_chunk(struct ctl_client *c, struct evbuffer *out)
{
	const struct daemon *d = c->ctl->d;
	size_t n = 0;

	for (; c->idx < d->npeers && n < CTL_CHUNK; c->idx++, n++) {
		if (d->peers[c->idx]->removed)
			continue;
		ctl_show_neighbor(out, d, d->peers[c->idx], c->json, c->first);
		c->first = false;
	}
	return c->idx >= d->npeers;
}

/* Produce chunks while the client keeps up; resume at the next turn. */
static void
client_more(struct ctl_client *c)
{
	struct evbuffer *out = bufferevent_get_output(c->bev);
	bool end;

	if (c->done || evbuffer_get_length(out) >= CTL_HIWAT)
		return;
	if (c->kind == CTL_ROUTES)
		end = routes_chunk(c, out);
	else
		end = neighbors_chunk(c, out);
	if (!end) {
		if (c->ev_more == NULL)
			c->ev_more = event_new(c->ctl->d->eb, -1, 0, more_cb, c);
		if (c->ev_more != NULL)
			event_active(c->ev_more, EV_TIMEOUT, 0);
		return;
	}
	if (c->json)
		evbuffer_add_printf(out, "]}\n");
	c->done = true;
	if (evbuffer_get_length(out) == 0)
		client_free(c);
}

static void
ctl_accept_cb(evutil_socket_t lfd, short what, void *arg)
{
	struct ctl *ctl = arg;
	struct ctl_client *c;
	int fd;

	(void)what;
	while ((fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK |
	    SOCK_CLOEXEC)) >= 0) {
		c = xcalloc(1, sizeof(*c));
		c->ctl = ctl;
		c->bev = bufferevent_socket_new(ctl->d->eb, fd,
		    BEV_OPT_CLOSE_ON_FREE);
		if (c->bev == NULL) {
			close(fd);
			free(c);
			continue;
		}
		bufferevent_setcb(c->bev, client_read_cb, client_write_cb,
		    client_event_cb, c);
		bufferevent_setwatermark(c->bev, EV_WRITE, CTL_HIWAT / 4, 0);
		bufferevent_enable(c->bev, EV_READ | EV_WRITE);
		c->next = ctl->clients;
		ctl->clients = c;
	}
}

struct ctl *
ctl_new(struct daemon *d, const char *path)
{
	struct sockaddr_un sun;
	struct ctl *c;
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path)) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return NULL;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, path);
	unlink(path);
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0 ||
	    chmod(path, 0660) != 0 || listen(fd, 16) != 0)
		goto out_close;
	c = xcalloc(1, sizeof(*c));
	c->d = d;
	c->fd = fd;
	c->path = xstrdup(path);
	c->ev = event_new(d->eb, fd, EV_READ | EV_PERSIST, ctl_accept_cb, c);
	if (c->ev == NULL || event_add(c->ev, NULL) != 0) {
		ctl_free(c);
		return NULL;
	}
	return c;
out_close:
	close(fd);
	return NULL;
}

void
ctl_free(struct ctl *c)
{
	if (c == NULL)
		return;
	while (c->clients != NULL)
		client_free(c->clients);
	if (c->ev != NULL)
		event_free(c->ev);
	close(c->fd);
	unlink(c->path);
	free(c->path);
	free(c);
}
