/* Placeholder until the config subcommand lands; replaced by its work stream. */
#include <stdio.h>

#include "tools/cmd.h"

int
cmd_config(int argc, char **argv)
{
	(void)argc;
	fprintf(stderr, "crossroute: '%s' is not built yet\n", argv[0]);
	return 1;
}
