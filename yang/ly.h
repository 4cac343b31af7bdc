/*
 * Internal to yang/: the libyang side of the schema and the small data-tree
 * helpers the converters (load*.c) share. Never included outside yang/.
 */
#ifndef XR_YANG_LY_H
#define XR_YANG_LY_H

#include <stdbool.h>
#include <stdint.h>

#include <libyang/libyang.h>

#include "yang/cfgerr.h"
#include "yang/config.h"

struct schema {
	struct ly_ctx *ctx;
	uint32_t logopts;	/* libyang log options to restore */
};

/* Store libyang messages instead of printing them, until schema_loud(). */
void schema_quiet(struct schema *s);
void schema_loud(struct schema *s);

/*
 * Move every error libyang stored in s's context into err, each with the
 * data path cut out of libyang's location text; fallback when none is
 * stored. Clears the stored errors.
 */
void schema_errs_take(struct schema *s, struct cfgerr *err, const char *fallback);

/* First child of parent whose schema name is name, or NULL. */
const struct lyd_node *tree_child(const struct lyd_node *parent,
    const char *name);
/* Number of children of parent (may be NULL) named name. */
size_t tree_count(const struct lyd_node *parent, const char *name);
/* Next sibling after n with the same schema node, or NULL. */
const struct lyd_node *tree_next(const struct lyd_node *n);
/* Canonical value of the leaf child name of parent, or NULL if absent. */
const char *tree_str(const struct lyd_node *parent, const char *name);
/* Canonical value of the terminal node n. */
const char *tree_val(const struct lyd_node *n);
/* Leaf child name as an unsigned number; false (v untouched) if absent. */
bool tree_u32(const struct lyd_node *parent, const char *name, uint32_t *v);
/* True when leaf child name is absent or only its YANG default. */
bool tree_is_default(const struct lyd_node *parent, const char *name);
/* Leaf child name as boolean; dflt if absent. */
bool tree_bool(const struct lyd_node *parent, const char *name, bool dflt);
/* Owned copy of the leaf value, or NULL when absent. */
char *tree_strdup(const struct lyd_node *parent, const char *name);
/* Add an error at the data path of n (or of its child leaf when leaf). */
void tree_err(struct cfgerr *err, const struct lyd_node *n, const char *leaf,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Collect a leaf-list child name into an owned array of strings. */
void tree_names(const struct lyd_node *parent, const char *name,
    struct config_names *out);
/*
 * Collect a leaf-list of prefixes into an owned array; errors name the
 * offending instance.
 */
void tree_prefixes(const struct lyd_node *parent, const char *name,
    struct prefix **v, size_t *n, struct cfgerr *err);
/* Collect a leaf-list of ASNs into an owned array. */
void tree_asns(const struct lyd_node *parent, const char *name,
    uint32_t **v, size_t *n);
/* Parse an apply-policy container below parent into ap. */
void tree_apply_policy(const struct lyd_node *parent,
    struct config_apply_policy *ap);
/* Parse "a.b.c.d" into a host-order u32; 0 when absent or bad. */
uint32_t tree_dotted_quad(const struct lyd_node *parent, const char *name);

/* Converters of the top-level containers, one file each. */
void load_bgp_tree(const struct lyd_node *bgp, struct config *c,
    struct cfgerr *err);
void load_policy_tree(const struct lyd_node *rp, struct config *c,
    struct cfgerr *err);
void load_gateways_tree(const struct lyd_node *gws, struct config *c,
    struct cfgerr *err);
void load_interconnects_tree(const struct lyd_node *ics, struct config *c,
    struct cfgerr *err);

#endif
