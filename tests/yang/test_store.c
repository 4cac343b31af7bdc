/*
 * Unit tests for yang/store.c: commits get increasing ids and keep author,
 * comment and text; history is pruned to `keep`; a garbage file, a foreign
 * sqlite database and a corrupted one are refused without being modified;
 * a tampered configuration text fails its digest; and killing a process at
 * random points while it commits (SIGKILL after 200 random delays) always
 * leaves a store that opens and holds one complete configuration.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "lib/xmalloc.h"
#include "tests/yang/yhelp.h"
#include "yang/store.h"

#define CRASH_ROUNDS 200

struct fixture {
	char dir[64];
	char db[96];
};

static int
setup(void **state)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	const char *tmp = getenv("TMPDIR");

	snprintf(f->dir, sizeof(f->dir), "%s/xrstoreXXXXXX",
	    tmp != NULL && strlen(tmp) < 40 ? tmp : "/tmp");
	if (mkdtemp(f->dir) == NULL)
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/config.db", f->dir);
	*state = f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

static struct store *
open_ok(const char *path)
{
	struct cfgerr err = { 0 };
	struct store *s = store_open(path, true, &err);

	yhelp_errs_dump(&err);
	assert_non_null(s);
	return s;
}

static int64_t
commit_ok(struct store *s, const char *text, const char *author)
{
	struct cfgerr err = { 0 };
	int64_t id = -1;

	assert_int_equal(store_commit(s, text, author, "c", &id, &err), 0);
	return id;
}

static void
test_store_commit_get_history(void **state)
{
	struct fixture *f = *state;
	struct cfgerr err = { 0 };
	struct store *s = open_ok(f->db);
	struct store_rev r, *h;
	size_t n;

	assert_int_equal(store_get(s, 0, &r, &err), 1);
	assert_int_equal(commit_ok(s, "{\"a\":1}", "alice"), 1);
	assert_int_equal(commit_ok(s, "{\"a\":2}", "bob"), 2);
	assert_int_equal(store_commit(s, "{\"a\":3}", NULL, NULL, NULL, &err),
	    0);
	assert_int_equal(store_get(s, 0, &r, &err), 0);
	assert_int_equal(r.id, 3);
	assert_string_equal(r.config, "{\"a\":3}");
	assert_string_equal(r.author, "");
	assert_true(r.time > 1700000000);
	store_rev_fini(&r);
	assert_int_equal(store_get(s, 2, &r, &err), 0);
	assert_string_equal(r.author, "bob");
	assert_string_equal(r.comment, "c");
	assert_string_equal(r.config, "{\"a\":2}");
	store_rev_fini(&r);
	assert_int_equal(store_get(s, 99, &r, &err), 1);
	assert_int_equal(store_history(s, &h, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(h[0].id, 3);
	assert_int_equal(h[2].id, 1);
	assert_null(h[0].config);
	store_revs_free(h, n);
	store_close(s);
	/* Persisted across a reopen. */
	s = open_ok(f->db);
	assert_int_equal(store_get(s, 0, &r, &err), 0);
	assert_int_equal(r.id, 3);
	store_rev_fini(&r);
	store_close(s);
	assert_int_equal(err.n, 0);
}

static void
test_store_prune_keeps_ids_monotonic(void **state)
{
	struct fixture *f = *state;
	struct cfgerr err = { 0 };
	struct store *s = open_ok(f->db);
	struct store_rev r, *h;
	size_t n;
	int i;

	store_set_keep(s, 2);
	for (i = 1; i <= 8; i++)
		assert_int_equal(commit_ok(s, "{}", "x"), i);
	assert_int_equal(store_history(s, &h, &n, &err), 0);
	assert_int_equal(n, 3);
	assert_int_equal(h[0].id, 8);
	assert_int_equal(h[2].id, 6);
	store_revs_free(h, n);
	assert_int_equal(store_get(s, 5, &r, &err), 1);
	store_close(s);
	/* Pruning never lets an id be reused. */
	s = open_ok(f->db);
	assert_int_equal(commit_ok(s, "{}", "x"), 9);
	store_close(s);
}

static void
test_store_missing_without_create(void **state)
{
	struct fixture *f = *state;
	struct cfgerr err = { 0 };

	assert_null(store_open(f->db, false, &err));
	assert_non_null(cfgerr_lookup(&err, f->db, "no configuration store"));
	cfgerr_fini(&err);
	assert_int_equal(access(f->db, F_OK), -1);
}

static void
file_write(const char *path, const void *buf, size_t n)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(buf, 1, n, fp), n);
	assert_int_equal(fclose(fp), 0);
}

/* Read the whole file into *buf; returns its size. */
static size_t
file_slurp(const char *path, char **buf)
{
	struct stat sb;
	FILE *fp;

	assert_int_equal(stat(path, &sb), 0);
	*buf = xmalloc((size_t)sb.st_size + 1);
	fp = fopen(path, "rb");
	assert_non_null(fp);
	assert_int_equal(fread(*buf, 1, (size_t)sb.st_size, fp),
	    (size_t)sb.st_size);
	fclose(fp);
	return (size_t)sb.st_size;
}

/* store_open must fail with text in its error and leave path as it was. */
static void
refused_unchanged(const char *path, const char *text)
{
	struct cfgerr err = { 0 };
	char *before, *after;
	size_t nb, na;

	nb = file_slurp(path, &before);
	assert_null(store_open(path, true, &err));
	yhelp_errs_dump(&err);
	assert_non_null(cfgerr_lookup(&err, path, text));
	cfgerr_fini(&err);
	na = file_slurp(path, &after);
	assert_int_equal(na, nb);
	assert_memory_equal(before, after, nb);
	free(before);
	free(after);
}

static void
test_store_refuses_garbage(void **state)
{
	struct fixture *f = *state;
	char junk[8192];
	size_t i;

	for (i = 0; i < sizeof(junk); i++)
		junk[i] = (char)(i * 7 + 3);
	file_write(f->db, junk, sizeof(junk));
	refused_unchanged(f->db, "not a crossroute configuration database");
	file_write(f->db, "hello, world\n", 13);
	refused_unchanged(f->db, "not a crossroute configuration database");
}

/* Create a store with one commit and close it (checkpointing the WAL). */
static void
store_make(const char *path, const char *text)
{
	struct store *s = open_ok(path);

	commit_ok(s, text, "t");
	store_close(s);
}

/* Overwrite n bytes at off in the file. */
static void
file_patch(const char *path, long off, const void *bytes, size_t n)
{
	int fd = open(path, O_WRONLY);

	assert_true(fd >= 0);
	assert_int_equal(pwrite(fd, bytes, n, off), (ssize_t)n);
	assert_int_equal(close(fd), 0);
}

static void
test_store_refuses_foreign_database(void **state)
{
	static const uint8_t other[4] = { 0x12, 0x34, 0x56, 0x78 };
	static const uint8_t none[4] = { 0, 0, 0, 0 };
	struct fixture *f = *state;

	/* The application_id lives at offset 68 of the sqlite header. */
	store_make(f->db, "{}");
	file_patch(f->db, 68, other, 4);
	refused_unchanged(f->db, "application_id 0x12345678");
	file_patch(f->db, 68, none, 4);
	refused_unchanged(f->db, "belongs to another application");
}

static void
test_store_refuses_corruption(void **state)
{
	struct fixture *f = *state;
	struct cfgerr err = { 0 };
	struct store *s;
	struct store_rev r;
	char *buf, *at, junk[512];
	size_t n;

	store_make(f->db, "{\"marker\":\"abcdefgh\"}");
	/* Same length, different text: only the digest can tell. */
	n = file_slurp(f->db, &buf);
	at = memmem(buf, n, "abcdefgh", 8);
	assert_non_null(at);
	file_patch(f->db, at - buf, "abcdefgX", 8);
	free(buf);
	s = open_ok(f->db);
	assert_int_equal(store_get(s, 0, &r, &err), -1);
	assert_non_null(cfgerr_lookup(&err, f->db, "digest"));
	cfgerr_fini(&err);
	store_close(s);
	/* Smash the b-tree pages: refused at open by the integrity check. */
	memset(junk, 0xA5, sizeof(junk));
	n = file_slurp(f->db, &buf);
	free(buf);
	assert_true(n >= 4096 * 2);
	file_patch(f->db, 4096, junk, sizeof(junk));
	file_patch(f->db, 4096 * 2, junk, sizeof(junk));
	refused_unchanged(f->db, "");
	/* Truncated to half a page. */
	assert_int_equal(truncate(f->db, 2048), 0);
	refused_unchanged(f->db, "");
}

static void
test_store_initialises_empty_file(void **state)
{
	struct fixture *f = *state;
	struct store *s;

	file_write(f->db, "", 0);
	s = open_ok(f->db);
	assert_int_equal(commit_ok(s, "{}", "x"), 1);
	store_close(s);
}

/*
 * Generation g of the crash-test configuration: 1 + g % 7 neighbours whose
 * descriptions all say "gen-g", and a prefix set of 50 + g % 150 entries
 * whose second octet is g % 200, so a mix of two generations is visible.
 * Large enough (up to ~20 kB) to span several database pages.
 */
static char *
crash_config(unsigned g)
{
	size_t cap = 65536, len = 0;
	char *b = xmalloc(cap);
	unsigned i, nn = 1 + g % 7, np = 50 + g % 150;

	len += (size_t)snprintf(b + len, cap - len,
	    "{\"crossroute-routing-policy:routing-policy\":{\"defined-sets\":"
	    "{\"prefix-sets\":{\"prefix-set\":[{\"name\":\"p\",\"prefixes\":"
	    "{\"prefix\":[");
	for (i = 0; i < np; i++)
		len += (size_t)snprintf(b + len, cap - len,
		    "%s{\"ip-prefix\":\"10.%u.%u.0/24\",\"mask-length-lower\":24,"
		    "\"mask-length-upper\":24}", i ? "," : "", g % 200, i);
	len += (size_t)snprintf(b + len, cap - len,
	    "]}}]}}},\"crossroute-bgp:bgp\":{\"global\":{\"as\":65000,"
	    "\"router-id\":\"10.0.0.1\"},\"neighbors\":{\"neighbor\":[");
	for (i = 0; i < nn; i++)
		len += (size_t)snprintf(b + len, cap - len,
		    "%s{\"neighbor-address\":\"192.0.2.%u\",\"peer-as\":%u,"
		    "\"description\":\"gen-%u\"}", i ? "," : "", i + 1,
		    65001 + i, g);
	snprintf(b + len, cap - len, "]}}}");
	return b;
}

static void
crash_child(const char *db, int wfd, unsigned start)
{
	struct cfgerr err = { 0 };
	struct store *s = store_open(db, true, &err);
	unsigned g;
	int64_t id;
	char *text;

	if (s == NULL)
		_exit(3);
	store_set_keep(s, 5);
	for (g = start;; g++) {
		text = crash_config(g);
		if (store_commit(s, text, "crash", "loop", &id, &err) != 0)
			_exit(4);
		free(text);
		if (write(wfd, &id, sizeof(id)) != sizeof(id))
			_exit(5);
	}
}

/* The running configuration is one whole generation. */
static void
crash_verify(struct schema *sch, const char *db, int64_t acked)
{
	const struct config_prefix_set *ps;
	struct cfgerr err = { 0 };
	struct store_rev r;
	struct config *c;
	struct store *s;
	unsigned g, i;
	int rc;

	/* Killed before sqlite created the file: nothing may have been acked. */
	if (access(db, F_OK) != 0) {
		assert_int_equal(acked, 0);
		return;
	}
	s = store_open(db, false, &err);
	yhelp_errs_dump(&err);
	assert_non_null(s);
	rc = store_get(s, 0, &r, &err);
	yhelp_errs_dump(&err);
	assert_true(rc == 0 || (rc == 1 && acked == 0));
	store_close(s);
	if (rc == 1)
		return;
	/* Every acknowledged commit is durable. */
	assert_true(r.id >= acked);
	assert_int_equal(load_text(sch, r.config, LOAD_JSON, &c, NULL, &err),
	    0);
	assert_int_equal(sscanf(c->bgp.neighbors[0].description, "gen-%u",
	    &g), 1);
	assert_int_equal(c->bgp.n_neighbors, 1 + g % 7);
	for (i = 0; i < c->bgp.n_neighbors; i++)
		assert_string_equal(c->bgp.neighbors[i].description,
		    c->bgp.neighbors[0].description);
	ps = config_prefix_set_lookup(c, "p");
	assert_non_null(ps);
	assert_int_equal(ps->n, 50 + g % 150);
	for (i = 0; i < ps->n; i++)
		assert_int_equal(ps->v[i].prefix.a[1], g % 200);
	config_free(c);
	store_rev_fini(&r);
}

static uint32_t
rnd_next(uint32_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 17;
	*x ^= *x << 5;
	return *x;
}

/* Busy-wait us microseconds: a kill point, not a synchronisation. */
static void
spin_us(unsigned us)
{
	struct timespec t0, t;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	do
		clock_gettime(CLOCK_MONOTONIC, &t);
	while ((t.tv_sec - t0.tv_sec) * 1000000L +
	    (t.tv_nsec - t0.tv_nsec) / 1000 < (long)us);
}

/* Fork a committing child, let it ack k commits, kill it us later. */
static int64_t
crash_round(const char *db, unsigned round, unsigned k, unsigned us)
{
	int fds[2], status;
	int64_t id, acked = 0;
	unsigned i;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		crash_child(db, fds[1], round * 1000);
	}
	close(fds[1]);
	for (i = 0; i < k; i++) {
		assert_int_equal(read(fds[0], &id, sizeof(id)), sizeof(id));
		acked = id;
	}
	spin_us(us);
	assert_int_equal(kill(pid, SIGKILL), 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	/* The child never failed on its own. */
	assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
	while (read(fds[0], &id, sizeof(id)) == sizeof(id))
		acked = id;
	close(fds[0]);
	return acked;
}

static void
test_store_crash_safety(void **state)
{
	struct fixture *f = *state;
	struct schema *sch = yhelp_schema();
	uint32_t seed = 0x5eed1234u;
	int64_t acked, max_acked = 0, reads = 0;
	unsigned round, k;

	printf("# seed %#x, %d rounds\n", seed, CRASH_ROUNDS);
	for (round = 0; round < CRASH_ROUNDS; round++) {
		k = rnd_next(&seed) % 4;
		reads += k;
		acked = crash_round(f->db, round, k, rnd_next(&seed) % 3000);
		if (acked > max_acked)
			max_acked = acked;
		crash_verify(sch, f->db, max_acked);
	}
	printf("# %lld commits acknowledged before the last kill\n",
	    (long long)max_acked);
	/* Ids only grow, so every acknowledged commit got its own id. */
	assert_true(reads > 0);
	assert_true(max_acked >= reads);
	schema_free(sch);
}

/* Two processes committing at once serialise; no commit is lost. */
static void
test_store_concurrent_writers(void **state)
{
	struct fixture *f = *state;
	struct cfgerr err = { 0 };
	struct store *s = open_ok(f->db);
	struct store_rev *h;
	pid_t pid[2];
	int i, j, status;
	size_t n;

	store_close(s);
	for (i = 0; i < 2; i++) {
		pid[i] = fork();
		assert_true(pid[i] >= 0);
		if (pid[i] != 0)
			continue;
		s = store_open(f->db, false, &err);
		if (s == NULL)
			_exit(3);
		store_set_keep(s, 1000);
		for (j = 0; j < 50; j++)
			if (store_commit(s, "{}", i ? "b" : "a", "w", NULL,
			    &err) != 0)
				_exit(4);
		store_close(s);
		_exit(0);
	}
	for (i = 0; i < 2; i++) {
		assert_int_equal(waitpid(pid[i], &status, 0), pid[i]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	s = open_ok(f->db);
	store_set_keep(s, 1000);
	assert_int_equal(store_history(s, &h, &n, &err), 0);
	assert_int_equal(n, 100);
	assert_int_equal(h[0].id, 100);
	assert_int_equal(h[99].id, 1);
	store_revs_free(h, n);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_store_commit_get_history,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_prune_keeps_ids_monotonic, setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_missing_without_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_refuses_garbage,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_refuses_foreign_database, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_refuses_corruption,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_store_initialises_empty_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_concurrent_writers,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_store_crash_safety,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
