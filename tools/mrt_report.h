/*
 * One-line MRT problem reports on stderr for the crossroute tools: the
 * program prefix, the file, the byte offset in the (decompressed) stream and,
 * when the record header was read, its type and subtype.
 */
#ifndef XR_TOOLS_MRT_REPORT_H
#define XR_TOOLS_MRT_REPORT_H

#include <stdint.h>

#include "bgpd/mrt.h"
#include "bgpd/mrt_file.h"

/*
 * Print "PROG: PATH: SEV: offset OFF: TYPE(n)/SUBTYPE(m): WHAT" (without the
 * type part when h is NULL). All arguments are borrowed.
 */
void mrt_report(const char *prog, const char *path, const char *sev,
    uint64_t off, const struct mrt_hdr *h, const char *what);
/* Report a file-level error e (framing, truncation, decompression). */
void mrt_report_file(const char *prog, const char *path,
    const struct mrt_file_err *e);

#endif
