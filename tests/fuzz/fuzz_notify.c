/*
 * Fuzz target for bgpd/wire_notify.c. Input: a NOTIFICATION body. Checks
 * decode, the one-line description (size contract with small and large
 * buffers) and that encoding the decoded code, subcode and data gives them
 * back unchanged.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bgpd/wire_notify.h"
#include "lib/wr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t buf[WIRE_MAX_LEN];
	static char line[1024];
	struct wire_notify n, d;
	struct wire_err err;
	char small[16];
	size_t need;
	struct wr w;

	if (wire_notify_decode(data, size, &n, &err) != WIRE_OK) {
		if (size >= 2 || err.code != WIRE_ERR_HEADER)
			abort();
		return 0;
	}
	need = wire_notify_print(&n, line, sizeof(line));
	if (need < sizeof(line) && strlen(line) != need)
		abort();
	if (wire_notify_print(&n, small, sizeof(small)) != need ||
	    strlen(small) != (need < sizeof(small) ? need : sizeof(small) - 1))
		abort();
	if (n.has_shutdown && n.shutdown_len > WIRE_SHUTDOWN_MAX)
		abort();
	wr_init(&w, buf, sizeof(buf));
	wire_notify_encode(&w, &n);
	if (!wr_ok(&w))
		return 0;	/* more data than a NOTIFICATION can carry */
	if (wire_notify_decode(buf + WIRE_HDR_LEN, wr_len(&w) - WIRE_HDR_LEN,
	    &d, &err) != WIRE_OK || d.code != n.code ||
	    d.subcode != n.subcode || d.data_len != n.data_len ||
	    (n.data_len && memcmp(d.data, n.data, n.data_len) != 0) ||
	    d.shutdown_valid != n.shutdown_valid ||
	    d.has_max_prefix != n.has_max_prefix)
		abort();
	return 0;
}
