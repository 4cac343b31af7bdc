/*
 * The error list of yang/cfgerr.h: append, search, free. Owns the copied
 * strings; knows nothing of where the errors come from.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/cfgerr.h"

void
cfgerr_add(struct cfgerr *e, const char *path, const char *fmt, ...)
{
	struct cfgerr_item *it;
	va_list ap;
	char *msg;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&msg, fmt, ap);
	va_end(ap);
	if (n < 0)
		msg = xstrdup("(error text lost: out of memory)");
	e->v = xrealloc(e->v, (e->n + 1) * sizeof(*e->v));
	it = &e->v[e->n++];
	it->path = xstrdup(path != NULL ? path : "");
	it->msg = msg;
}

void
cfgerr_fini(struct cfgerr *e)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		free(e->v[i].path);
		free(e->v[i].msg);
	}
	free(e->v);
	e->v = NULL;
	e->n = 0;
}

const struct cfgerr_item *
cfgerr_lookup(const struct cfgerr *e, const char *suffix, const char *text)
{
	size_t i, pl, sl;

	for (i = 0; i < e->n; i++) {
		const struct cfgerr_item *it = &e->v[i];

		if (suffix != NULL) {
			pl = strlen(it->path);
			sl = strlen(suffix);
			if (sl > pl || strcmp(it->path + pl - sl, suffix))
				continue;
		}
		if (text != NULL && strstr(it->msg, text) == NULL)
			continue;
		return it;
	}
	return NULL;
}
