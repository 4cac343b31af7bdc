/*
 * crossroute: the operator's command-line tool. This file only dispatches to
 * the subcommands declared in tools/cmd.h; each owns its parsing and output.
 */
#include <stdio.h>
#include <string.h>

#include "lib/log.h"
#include "tools/cmd.h"
#include "tools/sink.h"

struct subcmd {
	const char *name;
	int (*run)(int argc, char **argv);
	const char *help;
};

static const struct subcmd subcmds[] = {
	{ "mrt", cmd_mrt, "MRT route dumps (dump, replay, blast)" },
	{ "config", cmd_config, "validate, load and inspect configuration" },
	{ "show", cmd_show, "neighbors and routes of the running crossrouted" },
	{ "sink", sink_main, "count routes received over BGP sessions (test bed)" },
};

static int
usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: crossroute COMMAND [ARGS...]\n\ncommands:\n");
	for (i = 0; i < sizeof(subcmds) / sizeof(subcmds[0]); i++)
		fprintf(f, "  %-8s %s\n", subcmds[i].name, subcmds[i].help);
	return 2;
}

int
main(int argc, char **argv)
{
	size_t i;

	log_init("crossroute", false);
	if (argc < 2)
		return usage(stderr);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (i = 0; i < sizeof(subcmds) / sizeof(subcmds[0]); i++)
		if (!strcmp(argv[1], subcmds[i].name))
			return subcmds[i].run(argc - 1, argv + 1);
	fprintf(stderr, "crossroute: unknown command '%s'\n", argv[1]);
	return usage(stderr);
}
