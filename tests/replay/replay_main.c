/*
 * Test driver for `crossroute mrt replay`: runs mrt_replay_main() with the
 * same arguments, so the replay tests do not depend on the dispatch in
 * tools/cmd_mrt.c. Nothing else lives here.
 */
#include "tools/mrt_replay.h"

int
main(int argc, char **argv)
{
	return mrt_replay_main(argc, argv);
}
