/*
 * Real UPDATE messages (tests/data/updates/, extracted from the BGP4MP
 * records of the shared MRT corpus) through bgpd/wire_update.c: every one
 * decodes cleanly; those the sender wrote with canonical flags and order
 * re-encode byte for byte; the others re-encode to a message that decodes
 * to the same values and re-encodes identically. Every message is also
 * truncated at every offset. Fuzzer findings in tests/data/crashers/ are
 * replayed under several session variants.
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "bgpd/wire_update.h"

#define MSG_MAX 4096

struct msg {
	char src[64];
	bool as4;
	bool addpath;
	bool ibgp;
	uint8_t b[MSG_MAX];
	size_t n;
};

/* Open a file under tests/data of the source tree; fail if missing. */
static FILE *
data_open(const char *rel)
{
	const char *top = getenv("XR_SRCDIR");
	char path[1024];
	FILE *f;

	snprintf(path, sizeof(path), "%s/tests/data/%s", top ? top : "..",
	    rel);
	f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s (is XR_SRCDIR set?)", path);
	return f;
}

/* Read the next "<src> <as4|as2> <hex>" line; false at the end. */
static bool
msg_next(FILE *f, struct msg *m)
{
	static char line[2 * MSG_MAX + 128];
	char mode[8], *hex;
	unsigned v;
	int k;

	while (fgets(line, sizeof(line), f) != NULL) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		hex = line;
		assert_int_equal(sscanf(line, "%63s %7s %n", m->src, mode, &k),
		    2);
		m->as4 = strncmp(mode, "as4", 3) == 0;
		m->addpath = strstr(mode, "ap") != NULL;
		m->ibgp = mode[strlen(mode) - 1] == 'i';
		hex += k;
		for (m->n = 0; sscanf(hex, "%2x", &v) == 1; hex += 2)
			m->b[m->n++] = (uint8_t)v;
		assert_true(m->n >= 23);
		return true;
	}
	return false;
}

static struct wire_caps
caps_for(bool as4, bool addpath, bool ibgp)
{
	struct wire_caps c;

	memset(&c, 0, sizeof(c));
	c.as4 = as4;
	c.ibgp = ibgp;
	c.afs = WIRE_AF_IPV4_UNICAST | WIRE_AF_IPV6_UNICAST |
	    WIRE_AF_IPV4_MULTICAST | WIRE_AF_IPV6_MULTICAST;
	c.addpath_rx = c.addpath_tx = addpath ? c.afs : 0;
	return c;
}

static void
decode_ok(const struct msg *m, const uint8_t *b, size_t n,
    const struct wire_caps *c, struct wire_update *u)
{
	struct wire_err err;

	if (wire_update_decode(b + 19, n - 19, c, u, &err) != WIRE_OK)
		fail_msg("%s: %s (type %u at %zu)", m->src, err.reason,
		    err.attr_type, err.offset);
}

/* Every prefix of the lists and every attribute value are the same. */
static void
assert_same(const struct wire_update *a, const struct wire_update *b)
{
	size_t i;

	assert_int_equal(a->nlri.n, b->nlri.n);
	assert_int_equal(a->withdrawn.n, b->withdrawn.n);
	assert_int_equal(a->reach.nlri.n, b->reach.nlri.n);
	assert_int_equal(a->unreach.nlri.n, b->unreach.nlri.n);
	for (i = 0; i < a->nlri.n; i++)
		assert_true(prefix_eq(&a->nlri.v[i].pfx, &b->nlri.v[i].pfx));
	for (i = 0; i < a->reach.nlri.n; i++)
		assert_true(prefix_eq(&a->reach.nlri.v[i].pfx,
		    &b->reach.nlri.v[i].pfx));
	assert_true(addr_eq(&a->reach.nh, &b->reach.nh));
	assert_true(attr_builder_eq(&a->attrs, &b->attrs));
}

/* Cut the body at every offset; the decoder must stay in bounds. */
static void
sweep(const struct msg *m, const struct wire_caps *c, struct wire_update *u)
{
	struct wire_err err;
	uint8_t *copy;
	size_t t;

	for (t = 0; t < m->n - 19; t++) {
		/* An exact-size heap copy lets ASan see any overread. */
		copy = malloc(t ? t : 1);
		memcpy(copy, m->b + 19, t);
		if (wire_update_decode(copy, t, c, u, &err) != WIRE_OK)
			assert_non_null(err.reason);
		free(copy);
	}
}

static void
test_canonical_byte_identical(void **state)
{
	FILE *f = data_open("updates/canonical.txt");
	struct wire_update u;
	struct wire_caps c;
	static struct msg m;
	uint8_t out[MSG_MAX];
	size_t n, count = 0;

	(void)state;
	wire_update_init(&u);
	while (msg_next(f, &m)) {
		c = caps_for(m.as4, m.addpath, m.ibgp);
		decode_ok(&m, m.b, m.n, &c, &u);
		n = wire_update_encode(&u, &c, out, sizeof(out));
		if (n != m.n || memcmp(out, m.b, n) != 0)
			fail_msg("%s: re-encoding differs (%zu vs %zu bytes)",
			    m.src, n, m.n);
		sweep(&m, &c, &u);
		count++;
	}
	fclose(f);
	assert_true(count >= 10);
	wire_update_fini(&u);
}

static void
test_other_round_trip(void **state)
{
	FILE *f = data_open("updates/other.txt");
	struct wire_update u, v;
	struct wire_caps c;
	static struct msg m;
	uint8_t out[MSG_MAX], again[MSG_MAX];
	size_t n, n2, count = 0;

	(void)state;
	wire_update_init(&u);
	wire_update_init(&v);
	while (msg_next(f, &m)) {
		c = caps_for(m.as4, m.addpath, m.ibgp);
		decode_ok(&m, m.b, m.n, &c, &u);
		n = wire_update_encode(&u, &c, out, sizeof(out));
		assert_true(n > 0);
		decode_ok(&m, out, n, &c, &v);
		assert_same(&u, &v);
		n2 = wire_update_encode(&v, &c, again, sizeof(again));
		assert_int_equal(n2, n);
		assert_memory_equal(again, out, n);
		sweep(&m, &c, &u);
		count++;
	}
	fclose(f);
	assert_true(count >= 10);
	wire_update_fini(&u);
	wire_update_fini(&v);
}

/* Replay fuzzer findings: no crash, no leak, under each session kind. */
static void
test_crashers(void **state)
{
	const char *top = getenv("XR_SRCDIR");
	char dir[1024], path[1300];
	static uint8_t buf[70000];
	struct wire_update u;
	struct wire_err err;
	struct wire_caps c;
	struct dirent *e;
	size_t n, files = 0;
	unsigned variant;
	DIR *d;
	FILE *f;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/tests/data/crashers", top ? top : "..");
	d = opendir(dir);
	if (d == NULL)
		fail_msg("cannot open %s", dir);
	wire_update_init(&u);
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, "update-", 7) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		f = fopen(path, "rb");
		assert_non_null(f);
		n = fread(buf, 1, sizeof(buf), f);
		fclose(f);
		for (variant = 0; variant < 8; variant++) {
			c = caps_for(variant & 1, variant & 4, variant & 2);
			c.peer_as = variant & 2 ? 0 : 65001;
			if (wire_update_decode(buf, n, &c, &u, &err) != WIRE_OK)
				assert_non_null(err.reason);
		}
		files++;
	}
	closedir(d);
	wire_update_fini(&u);
	assert_true(files >= 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_canonical_byte_identical),
		cmocka_unit_test(test_other_round_trip),
		cmocka_unit_test(test_crashers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
