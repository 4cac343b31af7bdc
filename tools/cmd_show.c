/*
 * crossroute show: ask the running crossrouted over its control socket
 * (bgpd/ctl.h) for neighbours or routes and copy the answer to stdout as it
 * arrives (text, or JSON with --json). The daemon does the formatting; this
 * file only builds the request line and streams the reply, so a million
 * routes never sit in this process's memory.
 *   crossroute show [-s SOCKET] neighbors|routes [PREFIX] [--json]
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "lib/prefix.h"
#include "tools/cmd.h"

#define SHOW_SOCK_DEFAULT "/run/crossroute/crossrouted.sock"

int cmd_show(int argc, char **argv);

static int
show_usage(void)
{
	fprintf(stderr, "usage: crossroute show [-s SOCKET] "
	    "neighbors|routes [PREFIX] [--json]\n");
	return 2;
}

static int
show_connect(const char *path)
{
	struct sockaddr_un sun;
	int fd;

	if (strlen(path) >= sizeof(sun.sun_path))
		return -1;
	fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	strcpy(sun.sun_path, path);
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

static int
show_stream(int fd)
{
	char buf[65536];
	ssize_t n;

	while ((n = read(fd, buf, sizeof(buf))) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (fwrite(buf, 1, (size_t)n, stdout) != (size_t)n)
			return -1;
	}
	return fflush(stdout) == 0 ? 0 : -1;
}

int
cmd_show(int argc, char **argv)
{
	const char *sock = SHOW_SOCK_DEFAULT, *what = NULL, *pfx = NULL;
	char req[128];
	struct prefix p;
	bool json = false;
	int i, fd, rc;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-s") && i + 1 < argc)
			sock = argv[++i];
		else if (!strcmp(argv[i], "--json") || !strcmp(argv[i], "json"))
			json = true;
		else if (what == NULL && (!strcmp(argv[i], "neighbors") ||
		    !strcmp(argv[i], "routes")))
			what = argv[i];
		else if (what != NULL && !strcmp(what, "routes") &&
		    pfx == NULL && prefix_parse(argv[i], &p, false) == 0)
			pfx = argv[i];
		else
			return show_usage();
	}
	if (what == NULL)
		return show_usage();
	snprintf(req, sizeof(req), "%s%s%s%s\n", what, json ? " json" : "",
	    pfx ? " " : "", pfx ? pfx : "");
	fd = show_connect(sock);
	if (fd < 0) {
		fprintf(stderr, "crossroute show: %s: %s\n", sock,
		    strerror(errno));
		return 1;
	}
	rc = write(fd, req, strlen(req)) == (ssize_t)strlen(req) ?
	    show_stream(fd) : -1;
	close(fd);
	if (rc != 0) {
		fprintf(stderr, "crossroute show: %s\n", strerror(errno));
		return 1;
	}
	return 0;
}
