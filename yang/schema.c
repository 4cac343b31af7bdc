/*
 * The libyang context of crossroute (yang/schema.h): module search
 * directory, module loading, and the translation of libyang's stored errors
 * into cfgerr items that name the data path. The only place that creates a
 * context.
 */
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/ly.h"
#include "yang/schema.h"

#ifndef XR_YANG_SRCDIR
#define XR_YANG_SRCDIR XR_YANG_DIR
#endif
#ifndef XR_YANG_DIR
#define XR_YANG_DIR "/usr/local/share/crossroute/yang"
#endif

static const char *const schema_modules[] = {
	"crossroute-types",
	"crossroute-routing-policy",
	"crossroute-bgp",
	"crossroute-interconnect",
};

const char *
schema_dir(void)
{
	const char *d = getenv("XR_YANG_DIR");
	struct stat st;

	if (d != NULL && *d != '\0')
		return d;
	/* Uninstalled build: fall back to the source tree's modules. */
	if (stat(XR_YANG_DIR, &st) != 0 && stat(XR_YANG_SRCDIR, &st) == 0)
		return XR_YANG_SRCDIR;
	return XR_YANG_DIR;
}

/*
 * libyang's per-thread ly_temp_log_options() is reset to NULL by its own
 * type plugins in the middle of a parse (2.1.30), so the process-wide
 * options are switched instead and restored afterwards.
 */
void
schema_quiet(struct schema *s)
{
	s->logopts = ly_log_options(LY_LOSTORE);
}

void
schema_loud(struct schema *s)
{
	ly_log_options(s->logopts);
}

static char *
strdup_n(const char *p, size_t n)
{
	char *s = xmalloc(n + 1);

	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

/*
 * libyang reports where as 'Data location "/a/b", line number 3.' or
 * 'Schema location "/a".'; keep the quoted data path (else schema path)
 * and the line number, if any, for the message.
 */
static char *
errpath_cut(const char *where, long *line)
{
	const char *p, *q;

	*line = 0;
	if (where == NULL)
		return xstrdup("");
	p = strstr(where, "ine number ");	/* "Line" or "line" */
	if (p != NULL)
		*line = strtol(p + strlen("ine number "), NULL, 10);
	p = strstr(where, "ata location \"");
	if (p == NULL)
		p = strstr(where, "chema location \"");
	if (p == NULL)
		return xstrdup("");
	p = strchr(p, '"') + 1;
	q = strchr(p, '"');
	if (q == NULL)
		return xstrdup(p);
	return strdup_n(p, (size_t)(q - p));
}

void
schema_errs_take(struct schema *s, struct cfgerr *err, const char *fallback)
{
	const struct ly_err_item *e;
	size_t before = err->n;
	char *path;
	long line;

	for (e = ly_err_first(s->ctx); e != NULL; e = e->next) {
		if (e->level != LY_LLERR)
			continue;
		path = errpath_cut(e->path, &line);
		if (line > 0)
			cfgerr_add(err, path, "%s (line %ld)", e->msg, line);
		else
			cfgerr_add(err, path, "%s", e->msg);
		free(path);
	}
	ly_err_clean(s->ctx, NULL);
	if (err->n == before)
		cfgerr_add(err, NULL, "%s", fallback);
}

struct schema *
schema_new(const char *dir, struct cfgerr *err)
{
	struct schema *s = xcalloc(1, sizeof(*s));
	size_t i;

	if (dir == NULL)
		dir = schema_dir();
	schema_quiet(s);
	if (ly_ctx_new(dir, LY_CTX_DISABLE_SEARCHDIR_CWD, &s->ctx) != LY_SUCCESS) {
		schema_loud(s);
		cfgerr_add(err, dir, "cannot open the YANG module directory");
		free(s);
		return NULL;
	}
	for (i = 0; i < sizeof(schema_modules) / sizeof(schema_modules[0]); i++) {
		if (ly_ctx_load_module(s->ctx, schema_modules[i], NULL,
		    NULL) != NULL)
			continue;
		schema_errs_take(s, err, "module not loadable");
		cfgerr_add(err, dir, "cannot load YANG module %s",
		    schema_modules[i]);
		schema_loud(s);
		schema_free(s);
		return NULL;
	}
	schema_loud(s);
	return s;
}

void
schema_free(struct schema *s)
{
	if (s == NULL)
		return;
	ly_ctx_destroy(s->ctx);
	free(s);
}
