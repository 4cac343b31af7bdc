/*
 * Log sink: stderr with a level tag, or syslog. Holds the process-wide log
 * settings (level, debug categories), the one piece of global state the
 * style guide allows, because every layer's callers share one destination.
 */
#include <stdio.h>
#include <string.h>
#include <syslog.h>

#include "lib/log.h"

static const char *log_prog = "crossroute";
static bool log_syslog;
static enum log_level log_level = LOG_LVL_INFO;
static unsigned log_cats;

static const char *const log_tags[] = { "error", "warning", "info", "debug" };
static const int log_prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };

void
log_init(const char *progname, bool use_syslog)
{
	log_prog = progname;
	log_syslog = use_syslog;
	if (use_syslog)
		openlog(progname, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

void
log_set_level(enum log_level lvl)
{
	log_level = lvl;
}

void
log_set_debug(unsigned cats)
{
	log_cats = cats;
}

bool
log_debug_on(unsigned cat)
{
	return (log_cats & cat) != 0;
}

int
log_debug_parse(const char *s, unsigned *cats)
{
	static const struct {
		const char *name;
		unsigned bit;
	} names[] = {
		{ "fsm", LOG_CAT_FSM }, { "packet", LOG_CAT_PACKET },
		{ "update", LOG_CAT_UPDATE }, { "rib", LOG_CAT_RIB },
		{ "policy", LOG_CAT_POLICY }, { "config", LOG_CAT_CONFIG },
		{ "all", ~0u }, { "none", 0 },
	};
	const char *p = s, *end;
	unsigned v = 0;
	size_t i, n;

	for (; *p != '\0'; p = *end ? end + 1 : end) {
		end = strchr(p, ',');
		if (end == NULL)
			end = p + strlen(p);
		n = (size_t)(end - p);
		for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i].name) == n &&
			    !strncmp(p, names[i].name, n))
				break;
		if (i == sizeof(names) / sizeof(names[0]))
			return -1;
		v |= names[i].bit;
	}
	*cats = v;
	return 0;
}

void
log_vmsg(enum log_level lvl, const char *fmt, va_list ap)
{
	if (lvl > log_level && lvl != LOG_LVL_DEBUG)
		return;
	if (log_syslog) {
		vsyslog(log_prio[lvl], fmt, ap);
		return;
	}
	fprintf(stderr, "%s: %s: ", log_prog, log_tags[lvl]);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
}

void
log_msg(enum log_level lvl, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	log_vmsg(lvl, fmt, ap);
	va_end(ap);
}

void
log_debug(unsigned cat, const char *fmt, ...)
{
	va_list ap;

	if (!log_debug_on(cat))
		return;
	va_start(ap, fmt);
	log_vmsg(LOG_LVL_DEBUG, fmt, ap);
	va_end(ap);
}
