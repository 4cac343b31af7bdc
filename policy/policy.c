/*
 * Statement flow and chains (SPEC 3.1), and the ownership bookkeeping of a
 * compiled struct policy_db. Evaluation follows OpenConfig / RFC 9067: the
 * statements of a policy run in user order, a statement whose conditions all
 * hold applies its actions, accept-route / reject-route end the chain, no
 * result falls through to the next statement and then to the next policy of
 * the chain, and falling off the chain yields the attach point's default.
 */
#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "lib/xmalloc.h"
#include "policy/action.h"
#include "policy/match.h"
#include "policy/policy.h"

enum pol_verdict
policy_eval(const struct policy *pol, const struct route *in,
    struct attr_builder *out, struct match_ctx *x)
{
	const struct pol_stmt *st;
	size_t i;

	for (i = 0; i < pol->nstmts; i++) {
		st = &pol->stmts[i];
		if (!match_stmt(st, in, out, x))
			continue;
		action_apply(&st->act, in, out);
		if ((st->act.flags & POL_A_SUMMARIZE) && x->tr != NULL &&
		    x->depth == 0 && x->tr->n < POL_TRACE_MAX)
			x->tr->sum[x->tr->n++] = &st->act;
		if (st->act.result != POL_NEXT)
			return (enum pol_verdict)st->act.result;
	}
	return POL_NEXT;
}

enum pol_verdict
policy_apply(const struct policy *pol, const struct route *in,
    struct attr_builder *out)
{
	struct match_ctx x = { 0, NULL, false, NULL };

	return policy_eval(pol, in, out, &x);
}

enum pol_verdict
policy_chain_trace(const struct pol_chain *c, const struct route *in,
    struct attr_builder *out, struct pol_trace *tr)
{
	struct match_ctx x = { 0, NULL, false, tr };
	enum pol_verdict v;
	size_t i;

	assert(c->dflt == POL_ACCEPT || c->dflt == POL_REJECT);
	if (tr != NULL)
		tr->n = 0;
	for (i = 0; i < c->n; i++) {
		v = policy_eval(c->v[i], in, out, &x);
		if (v != POL_NEXT)
			return v;
	}
	return (enum pol_verdict)c->dflt;
}

enum pol_verdict
policy_chain_apply(const struct pol_chain *c, const struct route *in,
    struct attr_builder *out)
{
	return policy_chain_trace(c, in, out, NULL);
}

/* POL_DEP_* of the conditions of pol and of the policies it calls. */
static uint32_t
policy_deps(const struct policy *pol, unsigned depth)
{
	const struct pol_cond *c;
	uint32_t m = 0;
	size_t i, j;

	for (i = 0; i < pol->nstmts; i++)
		for (j = 0; j < pol->stmts[i].nconds; j++) {
			c = &pol->stmts[i].conds[j];
			if (c->type == POL_C_NEIGHBOR_SET)
				m |= POL_DEP_NEIGHBOR;
			else if (c->type == POL_C_LINK_SET)
				m |= POL_DEP_LINK;
			else if (c->type == POL_C_CALL && c->call != NULL &&
			    depth < POL_CALL_DEPTH)
				m |= policy_deps(c->call, depth + 1);
		}
	return m;
}

uint32_t
policy_chain_deps(const struct pol_chain *c)
{
	uint32_t m = 0;
	size_t i, j;

	for (i = 0; i < c->n; i++) {
		m |= policy_deps(c->v[i], 0);
		for (j = 0; j < c->v[i]->nstmts; j++)
			if (c->v[i]->stmts[j].act.flags & POL_A_SUMMARIZE)
				m |= POL_DEP_SUMMARIZE;
	}
	return m;
}

struct policy_db *
policy_db_new(void)
{
	return xcalloc(1, sizeof(struct policy_db));
}

static void
policy_free(struct policy *p)
{
	size_t i;

	for (i = 0; i < p->nstmts; i++) {
		free(p->stmts[i].name);
		free(p->stmts[i].conds);
	}
	free(p->stmts);
	free(p->name);
	free(p);
}

void
policy_db_free(struct policy_db *db)
{
	size_t i;

	if (db == NULL)
		return;
	for (i = 0; i < db->npols; i++)
		policy_free(db->pols[i]);
	for (i = 0; i < db->npsets; i++)
		pset_free(db->psets[i]);
	for (i = 0; i < db->ncsets; i++)
		cset_free(db->csets[i]);
	for (i = 0; i < db->nasets; i++)
		aset_free(db->asets[i]);
	for (i = 0; i < db->nidsets; i++)
		policy_idset_free(db->idsets[i]);
	for (i = 0; i < db->nu32s; i++)
		free(db->u32s[i]);
	free(db->pols);
	free(db->psets);
	free(db->csets);
	free(db->asets);
	free(db->idsets);
	free(db->u32s);
	free(db);
}

const struct policy *
policy_db_lookup(const struct policy_db *db, const char *name)
{
	size_t i;

	for (i = 0; i < db->npols; i++)
		if (strcmp(db->pols[i]->name, name) == 0)
			return db->pols[i];
	return NULL;
}

struct pset *
policy_db_take_pset(struct policy_db *db, struct pset *s)
{
	db->psets = xrealloc(db->psets, (db->npsets + 1) * sizeof(s));
	return db->psets[db->npsets++] = s;
}

struct cset *
policy_db_take_cset(struct policy_db *db, struct cset *s)
{
	db->csets = xrealloc(db->csets, (db->ncsets + 1) * sizeof(s));
	return db->csets[db->ncsets++] = s;
}

struct aset *
policy_db_take_aset(struct policy_db *db, struct aset *s)
{
	db->asets = xrealloc(db->asets, (db->nasets + 1) * sizeof(s));
	return db->asets[db->nasets++] = s;
}

struct pol_idset *
policy_db_take_idset(struct policy_db *db, struct pol_idset *s)
{
	db->idsets = xrealloc(db->idsets, (db->nidsets + 1) * sizeof(s));
	return db->idsets[db->nidsets++] = s;
}

uint32_t *
policy_db_take_u32s(struct policy_db *db, uint32_t *v)
{
	db->u32s = xrealloc(db->u32s, (db->nu32s + 1) * sizeof(v));
	return db->u32s[db->nu32s++] = v;
}

struct policy *
policy_db_add_policy(struct policy_db *db, const char *name)
{
	struct policy *p = xcalloc(1, sizeof(*p));

	p->name = xstrdup(name);
	db->pols = xrealloc(db->pols, (db->npols + 1) * sizeof(p));
	return db->pols[db->npols++] = p;
}

struct pol_stmt *
policy_add_stmt(struct policy *pol, const char *name)
{
	struct pol_stmt *st;

	pol->stmts = xrealloc(pol->stmts, (pol->nstmts + 1) *
	    sizeof(*pol->stmts));
	st = &pol->stmts[pol->nstmts++];
	memset(st, 0, sizeof(*st));
	st->name = xstrdup(name);
	st->act.result = POL_NEXT;
	return st;
}

struct pol_cond *
policy_add_cond(struct pol_stmt *st, enum pol_cond_type t)
{
	struct pol_cond *c;

	st->conds = xrealloc(st->conds, (st->nconds + 1) * sizeof(*c));
	c = &st->conds[st->nconds++];
	memset(c, 0, sizeof(*c));
	c->type = (uint8_t)t;
	return c;
}

struct pol_idset *
policy_idset_new(void)
{
	return xcalloc(1, sizeof(struct pol_idset));
}

void
policy_idset_free(struct pol_idset *s)
{
	if (s == NULL)
		return;
	free(s->w);
	free(s);
}

void
policy_idset_add(struct pol_idset *s, uint32_t id)
{
	size_t words = s->nbits / 64, need = (size_t)id / 64 + 1;

	if (need > words) {
		s->w = xrealloc(s->w, need * sizeof(*s->w));
		memset(s->w + words, 0, (need - words) * sizeof(*s->w));
		s->nbits = need * 64;
	}
	s->w[id / 64] |= 1ull << (id % 64);
}

bool
policy_idset_has(const struct pol_idset *s, uint32_t id)
{
	return id < s->nbits && (s->w[id / 64] >> (id % 64)) & 1u;
}
