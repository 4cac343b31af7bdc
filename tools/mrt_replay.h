/*
 * `crossroute mrt replay`: load MRT RIB dumps and update streams through
 * the RIB offline (bgpd/replay.h), optionally with the import policies of a
 * configuration file, and print the resulting Loc-RIB (tools/replay_print.h).
 */
#ifndef XR_TOOLS_MRT_REPLAY_H
#define XR_TOOLS_MRT_REPLAY_H

/*
 * Run the subcommand; argv[0] is "replay", the options and files follow:
 *   [--policy CONFIG] [--import NAME]... [--default-import accept|reject]
 *   [--profile generic|dx|cloud-router] [--local-as N] [--router-id A]
 *   [--max-paths N] [--json] [--stats] FILE...
 * Returns 0, 1 when an input or the configuration had errors (the Loc-RIB
 * of what could be read is still printed), or 2 on a usage error.
 */
int mrt_replay_main(int argc, char **argv);

#endif
