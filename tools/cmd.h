/*
 * Subcommands of the crossroute tool. Each lives in its own file
 * (tools/cmd_<name>.c) and receives argv with argv[0] = its own name.
 * Returns the process exit status: 0 success, 1 failure, 2 usage error.
 */
#ifndef XR_TOOLS_CMD_H
#define XR_TOOLS_CMD_H

int cmd_mrt(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_show(int argc, char **argv);

#endif
