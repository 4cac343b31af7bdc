/*
 * The configuration store (yang/store.h) on sqlite3: the only file that
 * calls sqlite3. WAL journal with synchronous=FULL, one transaction per
 * commit (BEGIN IMMEDIATE ... COMMIT, ROLLBACK on any failure), statements
 * prepared once at open and reset after each use, every return code
 * checked. Ownership is established before anything is written: a file
 * whose application_id or schema table is not ours is never modified.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include <sqlite3.h>

#include "lib/xmalloc.h"
#include "yang/store.h"

enum {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_INSERT,
	ST_PRUNE,
	ST_GET_RUNNING,
	ST_GET_ID,
	ST_HISTORY,
	ST_COUNT
};

static const char *const store_sql[ST_COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_INSERT] = "INSERT INTO commits (time, author, comment, config, "
	    "digest) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_PRUNE] = "DELETE FROM commits WHERE id NOT IN "
	    "(SELECT id FROM commits ORDER BY id DESC LIMIT ?1)",
	[ST_GET_RUNNING] = "SELECT id, time, author, comment, config, digest "
	    "FROM commits ORDER BY id DESC LIMIT 1",
	[ST_GET_ID] = "SELECT id, time, author, comment, config, digest "
	    "FROM commits WHERE id = ?1",
	[ST_HISTORY] = "SELECT id, time, author, comment FROM commits "
	    "ORDER BY id DESC",
};

static const char store_init_sql[] =
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);"
    "CREATE TABLE commits (id INTEGER PRIMARY KEY AUTOINCREMENT,"
    " time INTEGER NOT NULL, author TEXT NOT NULL, comment TEXT NOT NULL,"
    " config TEXT NOT NULL, digest INTEGER NOT NULL);";

struct store {
	sqlite3 *db;
	char *path;
	unsigned keep;
	sqlite3_stmt *st[ST_COUNT];
};

/* Add an error naming the database file and sqlite's own reason. */
static void
db_err(struct store *s, struct cfgerr *err, const char *what)
{
	cfgerr_add(err, s->path, "%s: %s", what, sqlite3_errmsg(s->db));
}

/* FNV-1a, 64 bit: detects a torn or altered configuration text. */
static int64_t
digest(const char *p)
{
	uint64_t h = 14695981039346656037ull;

	for (; *p != '\0'; p++) {
		h ^= (unsigned char)*p;
		h *= 1099511628211ull;
	}
	return (int64_t)h;
}

/* Run a statement-less SQL text; returns 0 or -1 with err filled. */
static int
exec_sql(struct store *s, const char *sql, struct cfgerr *err)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	db_err(s, err, sql);
	return -1;
}

/*
 * Run a single-row integer query (a PRAGMA or count); returns 0 and *v,
 * or -1. SQLITE_NOTADB is how a non-database file shows itself.
 */
static int
query_int(struct store *s, const char *sql, int64_t *v, struct cfgerr *err)
{
	sqlite3_stmt *q;
	int r;

	r = sqlite3_prepare_v2(s->db, sql, -1, &q, NULL);
	if (r != SQLITE_OK) {
		db_err(s, err, (r & 0xff) == SQLITE_NOTADB ?
		    "not a crossroute configuration database" : sql);
		return -1;
	}
	r = sqlite3_step(q);
	if (r == SQLITE_ROW)
		*v = sqlite3_column_int64(q, 0);
	else if (r == SQLITE_DONE)
		*v = 0;
	else
		db_err(s, err, (r & 0xff) == SQLITE_NOTADB ?
		    "not a crossroute configuration database" : sql);
	if (sqlite3_finalize(q) != SQLITE_OK && r == SQLITE_ROW) {
		db_err(s, err, sql);
		return -1;
	}
	return (r == SQLITE_ROW || r == SQLITE_DONE) ? 0 : -1;
}

/* One line for the operator from quick_check's multi-line report. */
static void
corrupt_report(struct store *s, struct cfgerr *err, const char *t)
{
	char *line = xstrdup(t != NULL ? t : "?");
	char *p;

	for (p = line; *p != '\0'; p++)
		if (*p == '\n')
			*p = ' ';
	cfgerr_add(err, s->path, "database is corrupted: %s", line);
	free(line);
}

/* PRAGMA quick_check: page and index consistency, O(size). */
static int
integrity_check(struct store *s, struct cfgerr *err)
{
	sqlite3_stmt *q;
	const unsigned char *t;
	int r, ok = 0;

	if (sqlite3_prepare_v2(s->db, "PRAGMA quick_check", -1, &q,
	    NULL) != SQLITE_OK) {
		db_err(s, err, "integrity check");
		return -1;
	}
	r = sqlite3_step(q);
	if (r == SQLITE_ROW) {
		t = sqlite3_column_text(q, 0);
		ok = t != NULL && !strcmp((const char *)t, "ok");
		if (!ok)
			corrupt_report(s, err, (const char *)t);
	} else
		db_err(s, err, "database is corrupted");
	sqlite3_finalize(q);
	return ok ? 0 : -1;
}

/* Switch to (or confirm) the WAL journal; sqlite answers the mode in use. */
static int
wal_enable(struct store *s, struct cfgerr *err)
{
	const unsigned char *t;
	sqlite3_stmt *q;
	int ok = 0;

	if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &q,
	    NULL) != SQLITE_OK) {
		db_err(s, err, "cannot select the WAL journal");
		return -1;
	}
	if (sqlite3_step(q) == SQLITE_ROW) {
		t = sqlite3_column_text(q, 0);
		ok = t != NULL && !strcmp((const char *)t, "wal");
	}
	if (!ok)
		db_err(s, err, "cannot select the WAL journal");
	sqlite3_finalize(q);
	return ok ? 0 : -1;
}

/* The file is ours: check the schema version it was written with. */
static int
version_check(struct store *s, struct cfgerr *err)
{
	int64_t v;

	if (query_int(s, "SELECT CAST(value AS INTEGER) FROM meta "
	    "WHERE key = 'schema-version'", &v, err) != 0)
		return -1;
	if (v == STORE_SCHEMA_VERSION)
		return 0;
	if (v > STORE_SCHEMA_VERSION)
		cfgerr_add(err, s->path,
		    "configuration database has schema version %lld, newer than this crossroute (%d)",
		    (long long)v, STORE_SCHEMA_VERSION);
	else
		cfgerr_add(err, s->path,
		    "configuration database has no valid schema version");
	return -1;
}

/* Create our tables and mark the file ours, in one transaction. */
static int
schema_init(struct store *s, struct cfgerr *err)
{
	int64_t app, tables;

	if (exec_sql(s, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	/* Another process may have claimed it since we looked. */
	if (query_int(s, "PRAGMA application_id", &app, err) != 0 ||
	    query_int(s, "SELECT count(*) FROM sqlite_master", &tables,
	    err) != 0)
		goto out_rollback;
	if (app == STORE_APPLICATION_ID)
		return exec_sql(s, "COMMIT", err);
	if (app != 0 || tables != 0) {
		cfgerr_add(err, s->path, "not a crossroute configuration database (it belongs to another application)");
		goto out_rollback;
	}
	if (exec_sql(s, store_init_sql, err) != 0 ||
	    exec_sql(s, "INSERT INTO meta VALUES ('schema-version', '1');"
	    "PRAGMA application_id = 1481786182;"
	    "PRAGMA user_version = 1", err) != 0 ||
	    exec_sql(s, "COMMIT", err) != 0)
		goto out_rollback;
	return 0;
out_rollback:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/*
 * Decide whether the file is ours before writing anything: our
 * application_id, or an empty database we may initialise.
 */
static int
store_claim(struct store *s, struct cfgerr *err)
{
	int64_t app, tables;

	if (query_int(s, "PRAGMA application_id", &app, err) != 0)
		return -1;
	if (app != STORE_APPLICATION_ID && app != 0) {
		cfgerr_add(err, s->path,
		    "not a crossroute configuration database (application_id 0x%08llx)",
		    (unsigned long long)(uint32_t)app);
		return -1;
	}
	if (app == 0) {
		if (query_int(s, "SELECT count(*) FROM sqlite_master",
		    &tables, err) != 0)
			return -1;
		if (tables != 0) {
			cfgerr_add(err, s->path, "not a crossroute configuration database (it belongs to another application)");
			return -1;
		}
	}
	if (integrity_check(s, err) != 0)
		return -1;
	if (wal_enable(s, err) != 0 ||
	    exec_sql(s, "PRAGMA synchronous = FULL", err) != 0)
		return -1;
	if (app == 0 && schema_init(s, err) != 0)
		return -1;
	return version_check(s, err);
}

static int
statements_prepare(struct store *s, struct cfgerr *err)
{
	size_t i;

	for (i = 0; i < ST_COUNT; i++)
		if (sqlite3_prepare_v3(s->db, store_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &s->st[i], NULL) != SQLITE_OK) {
			db_err(s, err, store_sql[i]);
			return -1;
		}
	return 0;
}

struct store *
store_open(const char *path, bool create, struct cfgerr *err)
{
	struct store *s;
	struct stat sb;
	int flags = SQLITE_OPEN_READWRITE;

	if (stat(path, &sb) != 0 && !create) {
		cfgerr_add(err, path, "no configuration store here (crossroute config load creates it)");
		return NULL;
	}
	if (create)
		flags |= SQLITE_OPEN_CREATE;
	s = xcalloc(1, sizeof(*s));
	s->path = xstrdup(path);
	s->keep = STORE_KEEP_DEFAULT;
	if (sqlite3_open_v2(path, &s->db, flags, NULL) != SQLITE_OK) {
		if (s->db == NULL)
			cfgerr_add(err, path, "cannot open: out of memory");
		else
			cfgerr_add(err, path, "cannot open: %s (%s)",
			    sqlite3_errmsg(s->db),
			    strerror(sqlite3_system_errno(s->db)));
		goto out_close;
	}
	if (sqlite3_extended_result_codes(s->db, 1) != SQLITE_OK ||
	    sqlite3_busy_timeout(s->db, 5000) != SQLITE_OK) {
		db_err(s, err, "cannot configure the connection");
		goto out_close;
	}
	if (store_claim(s, err) != 0 || statements_prepare(s, err) != 0)
		goto out_close;
	return s;
out_close:
	store_close(s);
	return NULL;
}

void
store_close(struct store *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < ST_COUNT; i++)
		sqlite3_finalize(s->st[i]);
	/* Close fails only with unfinalised statements; all are. */
	sqlite3_close(s->db);
	free(s->path);
	free(s);
}

void
store_set_keep(struct store *s, unsigned keep)
{
	s->keep = keep ? keep : 1;
}

/* Step a write statement to completion and reset it; 0 or -1. */
static int
step_done(struct store *s, sqlite3_stmt *q, struct cfgerr *err,
    const char *what)
{
	int r = sqlite3_step(q);

	sqlite3_reset(q);
	if (sqlite3_clear_bindings(q) != SQLITE_OK || r != SQLITE_DONE) {
		db_err(s, err, what);
		return -1;
	}
	return 0;
}

static int
insert_bind(struct store *s, const char *config, const char *author,
    const char *comment, struct cfgerr *err)
{
	sqlite3_stmt *q = s->st[ST_INSERT];

	if (sqlite3_bind_int64(q, 1, (int64_t)time(NULL)) != SQLITE_OK ||
	    sqlite3_bind_text(q, 2, author ? author : "", -1,
	    SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_bind_text(q, 3, comment ? comment : "", -1,
	    SQLITE_TRANSIENT) != SQLITE_OK ||
	    sqlite3_bind_text(q, 4, config, -1, SQLITE_STATIC) != SQLITE_OK ||
	    sqlite3_bind_int64(q, 5, digest(config)) != SQLITE_OK) {
		db_err(s, err, "cannot bind commit values");
		sqlite3_clear_bindings(q);
		return -1;
	}
	return 0;
}

int
store_commit(struct store *s, const char *config, const char *author,
    const char *comment, int64_t *id, struct cfgerr *err)
{
	int64_t newid;

	if (step_done(s, s->st[ST_BEGIN], err, "cannot begin commit") != 0)
		return -1;
	if (insert_bind(s, config, author, comment, err) != 0 ||
	    step_done(s, s->st[ST_INSERT], err, "cannot store commit") != 0)
		goto out_rollback;
	newid = sqlite3_last_insert_rowid(s->db);
	if (sqlite3_bind_int64(s->st[ST_PRUNE], 1,
	    (int64_t)s->keep + 1) != SQLITE_OK) {
		db_err(s, err, "cannot bind prune limit");
		goto out_rollback;
	}
	if (step_done(s, s->st[ST_PRUNE], err, "cannot prune history") != 0 ||
	    step_done(s, s->st[ST_COMMIT], err, "cannot commit") != 0)
		goto out_rollback;
	if (id != NULL)
		*id = newid;
	return 0;
out_rollback:
	/* After a failed COMMIT sqlite may already have rolled back. */
	if (!sqlite3_get_autocommit(s->db))
		step_done(s, s->st[ST_ROLLBACK], err, "cannot roll back");
	return -1;
}

static char *
col_dup(sqlite3_stmt *q, int col)
{
	const unsigned char *t = sqlite3_column_text(q, col);

	return xstrdup(t != NULL ? (const char *)t : "");
}

int
store_get(struct store *s, int64_t id, struct store_rev *out,
    struct cfgerr *err)
{
	sqlite3_stmt *q = s->st[id == 0 ? ST_GET_RUNNING : ST_GET_ID];
	int r, ret = -1;

	memset(out, 0, sizeof(*out));
	if (id != 0 && sqlite3_bind_int64(q, 1, id) != SQLITE_OK) {
		db_err(s, err, "cannot bind commit id");
		return -1;
	}
	r = sqlite3_step(q);
	if (r == SQLITE_DONE)
		ret = 1;
	else if (r != SQLITE_ROW)
		db_err(s, err, "cannot read commit");
	else {
		out->id = sqlite3_column_int64(q, 0);
		out->time = sqlite3_column_int64(q, 1);
		out->author = col_dup(q, 2);
		out->comment = col_dup(q, 3);
		out->config = col_dup(q, 4);
		ret = 0;
		if (digest(out->config) != sqlite3_column_int64(q, 5)) {
			cfgerr_add(err, s->path, "commit %lld fails its digest check: the database is corrupted",
			    (long long)out->id);
			store_rev_fini(out);
			ret = -1;
		}
	}
	sqlite3_reset(q);
	sqlite3_clear_bindings(q);
	return ret;
}

int
store_history(struct store *s, struct store_rev **v, size_t *n,
    struct cfgerr *err)
{
	sqlite3_stmt *q = s->st[ST_HISTORY];
	struct store_rev *r;
	int rc;

	*v = NULL;
	*n = 0;
	while ((rc = sqlite3_step(q)) == SQLITE_ROW) {
		*v = xrealloc(*v, (*n + 1) * sizeof(**v));
		r = &(*v)[(*n)++];
		r->id = sqlite3_column_int64(q, 0);
		r->time = sqlite3_column_int64(q, 1);
		r->author = col_dup(q, 2);
		r->comment = col_dup(q, 3);
		r->config = NULL;
	}
	sqlite3_reset(q);
	if (rc != SQLITE_DONE) {
		db_err(s, err, "cannot read history");
		store_revs_free(*v, *n);
		*v = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}

void
store_rev_fini(struct store_rev *r)
{
	free(r->author);
	free(r->comment);
	free(r->config);
	memset(r, 0, sizeof(*r));
}

void
store_revs_free(struct store_rev *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		store_rev_fini(&v[i]);
	free(v);
}
