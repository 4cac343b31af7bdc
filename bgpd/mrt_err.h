/*
 * Error helpers shared by the MRT record decoders (bgpd/mrt_*.c): record the
 * reason and the offset inside the record body where the bounded reader
 * stopped. Internal to libmrt; not part of the bgpd/mrt.h interface.
 */
#ifndef XR_BGPD_MRT_ERR_H
#define XR_BGPD_MRT_ERR_H

#include "bgpd/mrt.h"
#include "lib/rd.h"

/* Fail the record: reason and the offset of r in a body of n bytes. */
static inline enum mrt_verdict
mrt_err_fail(struct mrt_err *err, size_t n, const struct rd *r,
    const char *reason)
{
	err->reason = reason;
	err->offset = n - rd_left(r);
	return MRT_ERR;
}

/* The record decoded, with a warning for the caller (err->reason set). */
static inline enum mrt_verdict
mrt_err_warn(struct mrt_err *err, size_t n, const struct rd *r,
    const char *reason)
{
	err->reason = reason;
	err->offset = n - rd_left(r);
	return MRT_OK;
}

#endif
