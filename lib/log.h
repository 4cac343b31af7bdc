/*
 * Logging (STYLE.md section 8): levels error/warning/info/debug, debug split
 * into categories switchable at run time, output to stderr or syslog. The only
 * file that prints; one event is one line. Codec, FSM, RIB and policy do not
 * log: their callers do.
 */
#ifndef XR_LOG_H
#define XR_LOG_H

#include <stdarg.h>
#include <stdbool.h>

enum log_level {
	LOG_LVL_ERROR,
	LOG_LVL_WARNING,
	LOG_LVL_INFO,
	LOG_LVL_DEBUG,
};

/* Debug categories, one bit each. */
enum log_cat {
	LOG_CAT_FSM = 1u << 0,
	LOG_CAT_PACKET = 1u << 1,
	LOG_CAT_UPDATE = 1u << 2,
	LOG_CAT_RIB = 1u << 3,
	LOG_CAT_POLICY = 1u << 4,
	LOG_CAT_CONFIG = 1u << 5,
};

/* Set the name printed in front of each line (borrowed; must stay valid). */
void log_init(const char *progname, bool use_syslog);
/* Messages above this level are dropped (default LOG_LVL_INFO). */
void log_set_level(enum log_level lvl);
/* Enable debug output for the given category bits (0 = none). */
void log_set_debug(unsigned cats);
bool log_debug_on(unsigned cat);
/*
 * Parse a comma list of debug category names (fsm, packet, update, rib,
 * policy, config, all, none) into LOG_CAT_* bits in *cats. Returns 0, or -1
 * on an unknown name (*cats unchanged).
 */
int log_debug_parse(const char *s, unsigned *cats);

void log_msg(enum log_level lvl, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void log_vmsg(enum log_level lvl, const char *fmt, va_list ap);
void log_debug(unsigned cat, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_LVL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LVL_WARNING, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)

#endif
