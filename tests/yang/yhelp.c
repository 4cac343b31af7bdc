/* Shared helpers of the yang/ tests (tests/yang/yhelp.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/xmalloc.h"
#include "tests/yang/yhelp.h"

char *
yhelp_path(const char *rel)
{
	const char *src = getenv("XR_SRCDIR");
	char *p;

	assert_non_null(src);
	assert_true(asprintf(&p, "%s/%s", src, rel) > 0);
	return p;
}

struct schema *
yhelp_schema(void)
{
	struct cfgerr err = { 0 };
	char *dir = yhelp_path("yang");
	struct schema *s = schema_new(dir, &err);

	yhelp_errs_dump(&err);
	assert_non_null(s);
	free(dir);
	cfgerr_fini(&err);
	return s;
}

int
yhelp_setup(void **state)
{
	*state = yhelp_schema();
	return 0;
}

int
yhelp_teardown(void **state)
{
	schema_free(*state);
	return 0;
}

char *
yhelp_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	assert_true(n >= 0);
	rewind(f);
	buf = xmalloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

char *
yhelp_edit(const char *text, const char *from, const char *to)
{
	const char *at = strstr(text, from);
	size_t pre, n;
	char *out;

	assert_non_null(at);
	pre = (size_t)(at - text);
	n = strlen(text) - strlen(from) + strlen(to);
	out = xmalloc(n + 1);
	memcpy(out, text, pre);
	strcpy(out + pre, to);
	strcat(out, at + strlen(from));
	return out;
}

void
yhelp_errs_dump(const struct cfgerr *err)
{
	size_t i;

	for (i = 0; i < err->n; i++)
		printf("# %s: %s\n", err->v[i].path, err->v[i].msg);
}

struct config *
yhelp_load(struct schema *s, const char *rel)
{
	struct cfgerr err = { 0 };
	struct config *c = NULL;
	char *p = yhelp_path(rel);

	if (load_file(s, p, &c, NULL, &err) != 0)
		yhelp_errs_dump(&err);
	assert_non_null(c);
	assert_int_equal(err.n, 0);
	free(p);
	return c;
}

struct config *
yhelp_load_edit(struct schema *s, const char *rel, const char *from,
    const char *to, struct cfgerr *err)
{
	char *p = yhelp_path(rel);
	char *text = yhelp_read(p);
	char *edited = yhelp_edit(text, from, to);
	struct config *c = NULL;

	load_text(s, edited, LOAD_JSON, &c, NULL, err);
	free(edited);
	free(text);
	free(p);
	return c;
}
