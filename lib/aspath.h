/*
 * AS_PATH values in the normalised 4-octet segment encoding of lib/attr.h:
 * iteration, the decision-process length (RFC 4271 9.1.2.2 a: AS_SET counts 1,
 * confederation segments count 0, RFC 5065 5.3), first/origin AS, loop checks,
 * prepending, text form. Pure functions over struct bytes views.
 */
#ifndef XR_ASPATH_H
#define XR_ASPATH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lib/attr.h"

enum aspath_seg_type {
	ASPATH_SET = 1,
	ASPATH_SEQUENCE = 2,
	ASPATH_CONFED_SEQUENCE = 3,
	ASPATH_CONFED_SET = 4,
};

#define AS_TRANS 23456

struct aspath_seg {
	uint8_t type;		/* enum aspath_seg_type */
	uint8_t count;		/* number of ASNs */
	const uint8_t *asns;	/* count x u32 network order */
};

struct aspath_iter {
	const uint8_t *p;
	size_t left;
};

void aspath_iter_init(struct aspath_iter *it, struct bytes path);
/* Next segment; false at the end (or on a malformed tail, never past it). */
bool aspath_iter_next(struct aspath_iter *it, struct aspath_seg *seg);
/* The i-th ASN of seg (i < seg->count). */
uint32_t aspath_seg_as(const struct aspath_seg *seg, unsigned i);

/* RFC 4271 9.1.2.2 (a) path length. */
unsigned aspath_length(struct bytes path);
/* Leftmost AS of the first AS_SEQUENCE, 0 if none (neighbour AS for MED). */
uint32_t aspath_first_as(struct bytes path);
/* Rightmost AS of the last AS_SEQUENCE, 0 if the path ends in a set or is empty. */
uint32_t aspath_origin_as(struct bytes path);
/* True if as appears anywhere in the path (loop detection, RFC 4271 9.1.2). */
bool aspath_has_as(struct bytes path, uint32_t as);
/* True if the encoding is well formed (segment types 1-4, counts > 0, exact fit). */
bool aspath_is_valid(struct bytes path);

/*
 * Prepend as n times to the leftmost AS_SEQUENCE (a new one when the path
 * starts with another segment type or the sequence would exceed 255),
 * writing the result into storage of b; returns the new view.
 */
struct bytes aspath_prepend(struct attr_builder *b, struct bytes path,
    uint32_t as, unsigned n);

/*
 * Text form as bgpdump prints it: sequences space separated, AS_SET as
 * "{a,b}", AS_CONFED_SEQUENCE as "(a b)", AS_CONFED_SET as "[a,b]".
 * Returns the length it needed (like snprintf); buf is always terminated.
 */
size_t aspath_print(struct bytes path, char *buf, size_t size);

#endif
