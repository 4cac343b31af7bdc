/*
 * `crossroute sink`: a passive BGP speaker that accepts sessions, decodes
 * every UPDATE with the engine's codec (RFC 7606 verdicts honoured), counts
 * the distinct prefixes currently announced per address family, and reports
 * when the last one arrived. The receiving end of the test bed
 * (bench/gw/, tests/tools/).
 */
#ifndef XR_TOOLS_SINK_H
#define XR_TOOLS_SINK_H

/*
 * The command: argv[0] = "sink". With --expect-path-prefix P, --expect N
 * means N held prefixes whose AS path starts with P (the summary line is
 * printed when N prefixes are held, a "sink-path:" line at the end).
 * Returns 0 when --expect was reached (or,
 * without it, on SIGTERM/SIGINT), 1 on timeout or a setup error, 2 on usage
 * errors.
 */
int sink_main(int argc, char **argv);

#endif
