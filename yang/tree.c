/*
 * Small read-only helpers over a validated libyang data tree, shared by the
 * converters in yang/load*.c: find a child by schema name, read a leaf as
 * text, number or boolean, collect leaf-lists, and report an error at a
 * node's data path. They never modify the tree.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/ly.h"

const struct lyd_node *
tree_child(const struct lyd_node *parent, const char *name)
{
	const struct lyd_node *n;

	if (parent == NULL)
		return NULL;
	for (n = lyd_child(parent); n != NULL; n = n->next)
		if (n->schema != NULL && !strcmp(n->schema->name, name))
			return n;
	return NULL;
}

const struct lyd_node *
tree_next(const struct lyd_node *n)
{
	const struct lyd_node *m;

	for (m = n->next; m != NULL; m = m->next)
		if (m->schema == n->schema)
			return m;
	return NULL;
}

const char *
tree_val(const struct lyd_node *n)
{
	return lyd_get_value(n);
}

const char *
tree_str(const struct lyd_node *parent, const char *name)
{
	const struct lyd_node *n = tree_child(parent, name);

	return n != NULL ? lyd_get_value(n) : NULL;
}

bool
tree_u32(const struct lyd_node *parent, const char *name, uint32_t *v)
{
	const char *s = tree_str(parent, name);

	if (s == NULL)
		return false;
	*v = (uint32_t)strtoul(s, NULL, 10);
	return true;
}

bool
tree_is_default(const struct lyd_node *parent, const char *name)
{
	const struct lyd_node *n = tree_child(parent, name);

	return n == NULL || (n->flags & LYD_DEFAULT) != 0;
}

bool
tree_bool(const struct lyd_node *parent, const char *name, bool dflt)
{
	const char *s = tree_str(parent, name);

	if (s == NULL)
		return dflt;
	return !strcmp(s, "true");
}

char *
tree_strdup(const struct lyd_node *parent, const char *name)
{
	const char *s = tree_str(parent, name);

	return s != NULL ? xstrdup(s) : NULL;
}

void
tree_err(struct cfgerr *err, const struct lyd_node *n, const char *leaf,
    const char *fmt, ...)
{
	const struct lyd_node *at = n;
	char *path, *msg;
	va_list ap;
	int r;

	if (leaf != NULL && tree_child(n, leaf) != NULL)
		at = tree_child(n, leaf);
	path = lyd_path(at, LYD_PATH_STD, NULL, 0);
	va_start(ap, fmt);
	r = vasprintf(&msg, fmt, ap);
	va_end(ap);
	cfgerr_add(err, path, "%s", r < 0 ? "(out of memory)" : msg);
	if (r >= 0)
		free(msg);
	free(path);
}

size_t
tree_count(const struct lyd_node *parent, const char *name)
{
	const struct lyd_node *n;
	size_t k = 0;

	for (n = tree_child(parent, name); n != NULL; n = tree_next(n))
		k++;
	return k;
}

void
tree_names(const struct lyd_node *parent, const char *name,
    struct config_names *out)
{
	const struct lyd_node *n;
	size_t k = tree_count(parent, name);

	out->n = 0;
	out->v = k ? xcalloc(k, sizeof(*out->v)) : NULL;
	for (n = tree_child(parent, name); n != NULL; n = tree_next(n))
		out->v[out->n++] = xstrdup(tree_val(n));
}

void
tree_prefixes(const struct lyd_node *parent, const char *name,
    struct prefix **v, size_t *n, struct cfgerr *err)
{
	const struct lyd_node *m;
	size_t k = tree_count(parent, name);

	*n = 0;
	*v = k ? xcalloc(k, sizeof(**v)) : NULL;
	for (m = tree_child(parent, name); m != NULL; m = tree_next(m)) {
		if (prefix_parse(tree_val(m), &(*v)[*n], false) != 0) {
			tree_err(err, m, NULL, "invalid prefix '%s'",
			    tree_val(m));
			continue;
		}
		(*n)++;
	}
}

void
tree_asns(const struct lyd_node *parent, const char *name, uint32_t **v,
    size_t *n)
{
	const struct lyd_node *m;
	size_t k = tree_count(parent, name);

	*n = 0;
	*v = k ? xcalloc(k, sizeof(**v)) : NULL;
	for (m = tree_child(parent, name); m != NULL; m = tree_next(m))
		(*v)[(*n)++] = (uint32_t)strtoul(tree_val(m), NULL, 10);
}

void
tree_apply_policy(const struct lyd_node *parent,
    struct config_apply_policy *ap)
{
	const struct lyd_node *a = tree_child(parent, "apply-policy");
	const char *s;

	tree_names(a, "import-policy", &ap->import_policy);
	tree_names(a, "export-policy", &ap->export_policy);
	s = tree_str(a, "default-import-policy");
	ap->default_import = (s != NULL && !strcmp(s, "accept-route")) ?
	    CONFIG_ACCEPT_ROUTE : CONFIG_REJECT_ROUTE;
	s = tree_str(a, "default-export-policy");
	ap->default_export = (s != NULL && !strcmp(s, "accept-route")) ?
	    CONFIG_ACCEPT_ROUTE : CONFIG_REJECT_ROUTE;
}

uint32_t
tree_dotted_quad(const struct lyd_node *parent, const char *name)
{
	const char *s = tree_str(parent, name);
	struct addr a;

	if (s == NULL || addr_parse(s, &a) != 0 || a.afi != AFI_IPV4)
		return 0;
	return addr_to_ipv4(&a);
}
