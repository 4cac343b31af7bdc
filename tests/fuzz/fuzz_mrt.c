/*
 * libFuzzer target over the in-memory MRT path: the input is a sequence of
 * MRT records (header + body); each is framed with mrt_hdr_decode() and fed
 * to the record decoders and the `mrt dump` printer (output discarded),
 * exactly as `crossroute mrt dump --summary` does after file input, so
 * every UPDATE goes through the UPDATE codec and every RIB entry through
 * the attribute codec before it is formatted. Build (from the top of the
 * tree): clang -g -O1 -fsanitize=fuzzer,address,undefined -I.
 * tests/fuzz/fuzz_mrt.c, the bgpd/mrt_ sources except mrt_file.c, the
 * bgpd/wire_ sources, tools/mrt_print.c and the lib/ sources, -lz -lbz2.
 */
/* fuzz-sources: tools/mrt_print.c */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "bgpd/mrt.h"
#include "tools/mrt_print.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mrt_out out;
	struct mrt_print pr;
	struct mrt_hdr h;
	struct mrt_err err;
	size_t hl;

	mrt_out_init(&out, -1);
	mrt_print_init(&pr, &out);
	while (mrt_hdr_decode(data, size, &h, &err) == MRT_OK) {
		hl = mrt_hdr_len(&h);
		if (h.len > size - hl)
			break;
		mrt_print_record(&pr, &h, data + hl, &err);
		data += hl + h.len;
		size -= hl + h.len;
	}
	mrt_print_fini(&pr);
	mrt_out_fini(&out);
	return 0;
}
