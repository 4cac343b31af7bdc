/*
 * Test driver for the blast and sink tools until `crossroute` dispatches
 * them: `blastctl blast ARGS...` runs `crossroute mrt blast ARGS...`,
 * `blastctl sink ARGS...` runs `crossroute sink ARGS...`.
 */
#include <stdio.h>
#include <string.h>

#include "tools/mrt_blast.h"
#include "tools/sink.h"

int
main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "blast") == 0)
		return mrt_blast_main(argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "sink") == 0)
		return sink_main(argc - 1, argv + 1);
	fprintf(stderr, "usage: blastctl blast|sink ARGS...\n");
	return 2;
}
