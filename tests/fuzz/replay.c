/*
 * Replays a fuzz target's seed corpus (tests/fuzz/corpus/NAME) and saved
 * crashers (tests/fuzz/regress/NAME) once each under make check, so every
 * input that once broke a decoder stays a regression test in the ordinary
 * and sanitizer builds. Linked with one tests/fuzz/fuzz_NAME.c; FUZZ_NAME
 * is set at compile time. Prints TAP; a crash or abort fails the test.
 */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef FUZZ_NAME
#error "FUZZ_NAME must name the target"
#endif

#define REPLAY_MAX_FILES 4096

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
replay_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the regular files of dir to list; returns -1 if dir is missing. */
static int
replay_list(const char *dir, char **list, size_t *n)
{
	struct dirent *e;
	DIR *d = opendir(dir);
	size_t len;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL && *n < REPLAY_MAX_FILES) {
		if (e->d_name[0] == '.')
			continue;
		len = strlen(dir) + strlen(e->d_name) + 2;
		list[*n] = malloc(len);
		if (list[*n] == NULL)
			abort();
		snprintf(list[*n], len, "%s/%s", dir, e->d_name);
		(*n)++;
	}
	closedir(d);
	return 0;
}

/* Run the target once on a file's bytes, in an exact-size buffer. */
static int
replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0) {
		if (f)
			fclose(f);
		return -1;
	}
	buf = malloc(n > 0 ? (size_t)n : 1);
	if (buf == NULL || fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	LLVMFuzzerTestOneInput(buf, (size_t)n);
	free(buf);
	return 0;
}

int
main(void)
{
	static char *list[REPLAY_MAX_FILES];
	const char *top = getenv("XR_SRCDIR");
	char dir[1024];
	size_t n = 0, i;
	int fails = 0;

	snprintf(dir, sizeof(dir), "%s/tests/fuzz/corpus/%s", top ? top : ".",
	    FUZZ_NAME);
	if (replay_list(dir, list, &n) < 0 || n == 0) {
		printf("1..1\nnot ok 1 - no seed corpus in %s\n", dir);
		return 1;
	}
	snprintf(dir, sizeof(dir), "%s/tests/fuzz/regress/%s", top ? top : ".",
	    FUZZ_NAME);
	replay_list(dir, list, &n);	/* optional */
	qsort(list, n, sizeof(list[0]), replay_cmp);
	printf("1..%zu\n", n);
	for (i = 0; i < n; i++) {
		if (replay_file(list[i]) < 0) {
			printf("not ok %zu - %s unreadable\n", i + 1, list[i]);
			fails++;
		} else {
			printf("ok %zu - %s\n", i + 1,
			    strstr(list[i], "tests/"));
		}
		fflush(stdout);
		free(list[i]);
	}
	return fails ? 1 : 0;
}
