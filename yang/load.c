/*
 * From text to struct config (yang/load.h): libyang parses and validates
 * the whole tree (types, leafrefs, must, mandatory, ordering), the
 * converters in load_bgp.c, load_policy.c and load_intent.c copy it into
 * plain structs, and validate_config() adds the checks YANG cannot express.
 * Nothing is returned unless every step succeeded.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "yang/ly.h"
#include "yang/load.h"
#include "yang/validate.h"

static const uint32_t load_parse_opts = LYD_PARSE_STRICT | LYD_PARSE_NO_STATE;
static const uint32_t load_valid_opts = LYD_VALIDATE_NO_STATE;

static LYD_FORMAT
format_of(enum load_format fmt, const char *path)
{
	size_t n;

	if (fmt == LOAD_XML)
		return LYD_XML;
	if (fmt == LOAD_JSON || path == NULL)
		return LYD_JSON;
	n = strlen(path);
	if (n >= 4 && !strcmp(path + n - 4, ".xml"))
		return LYD_XML;
	return LYD_JSON;
}

/* Dispatch each top-level node to its converter. */
static struct config *
tree_convert(const struct lyd_node *tree, struct cfgerr *err)
{
	struct config *c = config_new();
	const struct lyd_node *n;

	for (n = tree; n != NULL; n = n->next) {
		const char *nm = n->schema->name;

		if (!strcmp(nm, "bgp"))
			load_bgp_tree(n, c, err);
		else if (!strcmp(nm, "routing-policy"))
			load_policy_tree(n, c, err);
		else if (!strcmp(nm, "gateways"))
			load_gateways_tree(n, c, err);
		else if (!strcmp(nm, "interconnects"))
			load_interconnects_tree(n, c, err);
	}
	return c;
}

/* Convert, validate and print a parsed tree; consumes nothing. */
static int
tree_finish(const struct lyd_node *tree, struct config **out, char **canon,
    struct cfgerr *err)
{
	size_t before = err->n;
	struct config *c;
	char *txt = NULL;

	c = tree_convert(tree, err);
	if (err->n == before)
		validate_config(c, err);
	if (err->n != before)
		goto out_free;
	if (canon != NULL) {
		if (tree == NULL)
			txt = xstrdup("{}\n");
		else if (lyd_print_mem(&txt, tree, LYD_JSON,
		    LYD_PRINT_WITHSIBLINGS) != LY_SUCCESS)
			txt = NULL;
		if (txt == NULL) {
			cfgerr_add(err, NULL, "cannot print configuration");
			goto out_free;
		}
		*canon = txt;
	}
	*out = c;
	return 0;
out_free:
	config_free(c);
	return -1;
}

static int
parse_done(struct schema *s, LY_ERR r, struct lyd_node *tree,
    struct config **out, char **canon, struct cfgerr *err)
{
	int ret;

	if (r != LY_SUCCESS) {
		schema_errs_take(s, err, "invalid configuration");
		schema_loud(s);
		lyd_free_all(tree);
		return -1;
	}
	schema_loud(s);
	ret = tree_finish(tree != NULL ? lyd_first_sibling(tree) : NULL, out,
	    canon, err);
	lyd_free_all(tree);
	return ret;
}

/*
 * libyang 2.1.30 accepts JSON cut right after a member name ('{"a:b": ')
 * as an empty tree, which would replace a configuration by nothing. Refuse
 * text whose brackets do not balance, or with anything after the top-level
 * object; strings and their escapes are skipped.
 */
static bool
json_is_complete(const char *p)
{
	bool in_str = false, seen = false;
	long depth = 0;

	for (; *p != '\0'; p++) {
		if (in_str) {
			if (*p == '\\' && p[1] != '\0')
				p++;
			else if (*p == '"')
				in_str = false;
			continue;
		}
		if (*p == '{' || *p == '[') {
			if (depth == 0 && seen)
				return false;
			depth++;
			seen = true;
		} else if (*p == '}' || *p == ']') {
			if (--depth < 0)
				return false;
		} else if (*p == '"')
			in_str = true;
		else if (depth == 0 && !isspace((unsigned char)*p))
			return false;
	}
	return !in_str && depth == 0 && seen;
}

/* Read a whole file; returns owned text or NULL. */
static char *
file_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, r;

	if (f == NULL)
		return NULL;
	do {
		if (cap - n < 4096) {
			cap = cap ? cap * 2 : 65536;
			buf = xrealloc(buf, cap + 1);
		}
		r = fread(buf + n, 1, cap - n, f);
		n += r;
	} while (r > 0 && n <= LOAD_MAX_SIZE);
	if (ferror(f) || n > LOAD_MAX_SIZE) {
		free(buf);
		buf = NULL;
	} else
		buf[n] = '\0';
	fclose(f);
	return buf;
}

int
load_file(struct schema *s, const char *path, struct config **out,
    char **canon, struct cfgerr *err)
{
	char *text = file_read(path);
	int ret;

	*out = NULL;
	if (canon != NULL)
		*canon = NULL;
	if (text == NULL) {
		cfgerr_add(err, path, "cannot read file (missing, unreadable or over %d bytes)",
		    LOAD_MAX_SIZE);
		return -1;
	}
	ret = load_text(s, text, format_of(LOAD_AUTO, path) == LYD_XML ?
	    LOAD_XML : LOAD_JSON, out, canon, err);
	free(text);
	return ret;
}

int
load_text(struct schema *s, const char *text, enum load_format fmt,
    struct config **out, char **canon, struct cfgerr *err)
{
	struct lyd_node *tree = NULL;
	LYD_FORMAT lf = format_of(fmt, NULL);
	LY_ERR r;

	*out = NULL;
	if (canon != NULL)
		*canon = NULL;
	if (lf == LYD_JSON && !json_is_complete(text)) {
		cfgerr_add(err, NULL, "JSON text is truncated or not one object");
		return -1;
	}
	schema_quiet(s);
	r = lyd_parse_data_mem(s->ctx, text, lf, load_parse_opts,
	    load_valid_opts, &tree);
	return parse_done(s, r, tree, out, canon, err);
}

char *
load_print(struct schema *s, const char *canon, enum load_format fmt,
    bool with_defaults, struct cfgerr *err)
{
	struct lyd_node *tree = NULL;
	char *txt = NULL;
	uint32_t opts = LYD_PRINT_WITHSIBLINGS;

	if (with_defaults)
		opts |= LYD_PRINT_WD_ALL;
	schema_quiet(s);
	if (lyd_parse_data_mem(s->ctx, canon, LYD_JSON, load_parse_opts,
	    load_valid_opts, &tree) != LY_SUCCESS) {
		schema_errs_take(s, err, "stored configuration does not parse");
		schema_loud(s);
		lyd_free_all(tree);
		return NULL;
	}
	schema_loud(s);
	if (tree == NULL)
		return xstrdup(fmt == LOAD_XML ? "" : "{}\n");
	if (lyd_print_mem(&txt, lyd_first_sibling(tree),
	    fmt == LOAD_XML ? LYD_XML : LYD_JSON, opts) != LY_SUCCESS) {
		cfgerr_add(err, NULL, "cannot print configuration");
		txt = NULL;
	}
	lyd_free_all(tree);
	return txt;
}
