/*
 * Text forms of BGP communities as used in configuration: standard
 * "ASN:value" and the RFC 1997 / IANA well-known names, large "A:B:C"
 * (RFC 8092), extended "rt:ASN:N", "rt:A.B.C.D:N", "soo:..." (RFC 4360,
 * RFC 5668), and the check of regular-expression members. Pure functions.
 */
#ifndef XR_YANG_COMM_H
#define XR_YANG_COMM_H

#include <stdbool.h>

#include "yang/config.h"

/*
 * Parse text as a community value of kind into out->val (out->text is not
 * touched). Returns 0, or -1 if text is not such a value.
 */
int comm_parse(enum config_comm_kind kind, const char *text,
    struct config_community *out);

/*
 * True if re compiles as a POSIX extended regular expression; with aspath,
 * '_' is first replaced by the boundary "(^| |$)" (SPEC.md 3.2).
 */
bool comm_regex_is_valid(const char *re, bool aspath);

/*
 * Return an owned copy of an AS-path regex with each '_' replaced by the
 * boundary expression, ready for regcomp(REG_EXTENDED).
 */
char *comm_aspath_regex(const char *re);

#endif
