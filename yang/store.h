/*
 * The configuration store: a sqlite3 database in WAL mode holding every
 * committed configuration as canonical JSON text with a monotonically
 * increasing id, the time, the author and a comment. The newest commit is
 * `running`; the previous `keep` (default 50) stay for rollback, older ones
 * are pruned in the same transaction. One commit is one transaction, so a
 * crash at any point leaves the old or the new configuration, never a mix;
 * each text also carries a 64-bit digest checked on every read.
 *
 * A file that is not ours (another application_id, a foreign schema, or
 * not a database at all) is refused with a clear error and never written.
 * This file (store.c) is the only one in the tree that calls sqlite3.
 */
#ifndef XR_YANG_STORE_H
#define XR_YANG_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "yang/cfgerr.h"

#define STORE_KEEP_DEFAULT 50
#define STORE_APPLICATION_ID 0x58524346	/* "XRCF" */
#define STORE_SCHEMA_VERSION 1
#define STORE_DEFAULT_PATH "/var/lib/crossroute/config.db"

struct store;

/* One commit. Strings are owned; config is NULL in history listings. */
struct store_rev {
	int64_t id;
	int64_t time;			/* seconds since the epoch */
	char *author;
	char *comment;
	char *config;			/* canonical JSON */
};

/*
 * Open the store at path; create and initialise it when it does not exist
 * and create is set. Returns an owned handle, or NULL with the reason in
 * err (missing file, not a database, a foreign or newer database,
 * corruption found by an integrity check).
 */
struct store *store_open(const char *path, bool create, struct cfgerr *err);

/* Close s and finalise its statements; store_close(NULL) is a no-op. */
void store_close(struct store *s);

/* Keep this many commits before running (>= 1). */
void store_set_keep(struct store *s, unsigned keep);

/*
 * Append config (canonical text, borrowed) as the new running
 * configuration in one transaction, pruning beyond keep. author and
 * comment may be NULL (stored as ""). On success returns 0 and the new id
 * in *id (may be NULL); on failure -1, nothing changed, reason in err.
 */
int store_commit(struct store *s, const char *config, const char *author,
    const char *comment, int64_t *id, struct cfgerr *err);

/*
 * Read commit id (0 = running) into *out (owned by the caller, release
 * with store_rev_fini()). Returns 0; 1 if there is no such commit (or the
 * store is empty); -1 on error or a failed digest check.
 */
int store_get(struct store *s, int64_t id, struct store_rev *out,
    struct cfgerr *err);

/*
 * List every kept commit, newest first, without config text. *v is owned
 * (store_revs_free()). Returns 0 or -1.
 */
int store_history(struct store *s, struct store_rev **v, size_t *n,
    struct cfgerr *err);

void store_rev_fini(struct store_rev *r);
void store_revs_free(struct store_rev *v, size_t n);

#endif
