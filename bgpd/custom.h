/*
 * Cloud Router custom learned routes (SPEC.md 2.5) on router B: every link
 * session of an interconnect with custom-learned-routes holds each route
 * as if its peer had announced it, while the session is Established (see
 * custom.c). The routes injected on a session are remembered on its peer.
 */
#ifndef XR_BGPD_CUSTOM_H
#define XR_BGPD_CUSTOM_H

#include <stdint.h>

struct daemon;
struct peer;

/* Path id of a custom learned route among the peer's paths. */
#define CUSTOM_PATH_ID UINT32_MAX

/*
 * Bring p's custom learned routes in line with the configuration: add the
 * missing ones (p Established, the speaker is the interconnect's router B,
 * the prefix of p's address family), change those whose priority changed,
 * withdraw those no longer configured. Returns the number changed.
 */
size_t daemon_custom_apply(struct daemon *d, struct peer *p);
/* daemon_custom_apply() for every configured peer (after a reload). */
void daemon_custom_reload(struct daemon *d);
/* p's session went down (its paths went with it) or p is freed. */
void daemon_custom_forget(struct peer *p);

#endif
