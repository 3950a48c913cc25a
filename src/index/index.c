/* The SQLite index of a desk: schema, bulk upserts through cached statements, listings, FTS5 search
 * and claim-id prefix resolution. The only file that talks to SQLite; see index.h for the API. */
#include "index/index.h"

#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cJSON.h>
#include <sqlite3.h>
#include <utf8proc.h>

#include "util/err.h"

#define CT_STR_(x) #x
#define CT_STR(x) CT_STR_(x)

/*
 * Schema. Every table can be rebuilt from the desk, so there are no foreign keys and no migrations:
 * a change bumps CT_INDEX_VERSION and the caller rebuilds.
 *
 * claims has an explicit INTEGER PRIMARY KEY (rid) because claims_fts is an external-content table
 * keyed by it: an implicit rowid may be renumbered by VACUUM, which would silently detach the
 * full-text index from its rows. The triggers keep claims_fts in step with every insert, delete
 * and upsert (ON CONFLICT DO UPDATE fires the UPDATE trigger; INSERT OR REPLACE would not fire the
 * DELETE trigger without recursive_triggers, so it is never used on claims).
 *
 * ftext is the claim text after ct_index_fold_text. Tokenizer: porter over unicode61 with
 * remove_diacritics 2 -- unicode61 folds case for all of Unicode and splits on Unicode punctuation;
 * remove_diacritics 2 makes "resume" find "résumé" (mode 2 also strips diacritics from characters
 * with several marks, which mode 1 misses); porter makes "mandate" find "mandates"/"mandated" (claims
 * are English news text). Dotted acronyms are folded by our code because unicode61 would split
 * "U.N." into "u" and "n", which never matches "UN".
 */
#define TRIGGERS_SQL \
	"CREATE TRIGGER IF NOT EXISTS claims_ai AFTER INSERT ON claims BEGIN" \
	" INSERT INTO claims_fts(rowid, ftext) VALUES (new.rid, new.ftext); END;" \
	"CREATE TRIGGER IF NOT EXISTS claims_ad AFTER DELETE ON claims BEGIN" \
	" INSERT INTO claims_fts(claims_fts, rowid, ftext) VALUES ('delete', old.rid, old.ftext); END;" \
	"CREATE TRIGGER IF NOT EXISTS claims_au AFTER UPDATE OF ftext ON claims" \
	" WHEN old.ftext IS NOT new.ftext BEGIN" \
	" INSERT INTO claims_fts(claims_fts, rowid, ftext) VALUES ('delete', old.rid, old.ftext);" \
	" INSERT INTO claims_fts(rowid, ftext) VALUES (new.rid, new.ftext); END;"

/*
 * Alignments (claimtrack match): derived from the claims like everything here. a < b are claim
 * ids, sa and sb their sources; signals is the JSON array of ct_comparison_json. independent is 0
 * when the two sources depend on each other (source_deps: source is a copy of on_source) or on
 * one same source. match_dirty lists the sources whose claims changed since the last match (every
 * put or remove of a source or claim adds it); meta "matched" is absent until a first match.
 */
#define ALIGN_SQL \
	"CREATE TABLE IF NOT EXISTS alignments(a TEXT NOT NULL, b TEXT NOT NULL, sa TEXT NOT NULL," \
	" sb TEXT NOT NULL, relation TEXT NOT NULL, score REAL NOT NULL, independent INTEGER NOT NULL DEFAULT 1," \
	" signals TEXT NOT NULL, PRIMARY KEY(a, b));" \
	"CREATE INDEX IF NOT EXISTS alignments_b ON alignments(b);" \
	"CREATE INDEX IF NOT EXISTS alignments_sa ON alignments(sa);" \
	"CREATE INDEX IF NOT EXISTS alignments_sb ON alignments(sb);" \
	"CREATE TABLE IF NOT EXISTS source_deps(source TEXT NOT NULL, on_source TEXT NOT NULL," \
	" PRIMARY KEY(source, on_source));" \
	"CREATE TABLE IF NOT EXISTS match_dirty(source TEXT PRIMARY KEY);"

static const char schema_sql[] =
	"CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS sources("
	" path TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, outlet TEXT, published TEXT, url TEXT,"
	" title TEXT, sha256 TEXT, version INTEGER, json TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS claims("
	" rid INTEGER PRIMARY KEY, path TEXT NOT NULL UNIQUE, id TEXT NOT NULL UNIQUE,"
	" source TEXT NOT NULL, sentence INTEGER, type TEXT, status TEXT, version INTEGER,"
	" checkworthy REAL, ftext TEXT NOT NULL, json TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS claims_source ON claims(source, sentence);"
	"CREATE VIRTUAL TABLE IF NOT EXISTS claims_fts USING fts5(ftext, content='claims',"
	" content_rowid='rid', tokenize='porter unicode61 remove_diacritics 2');"
	TRIGGERS_SQL
	"CREATE TABLE IF NOT EXISTS reviews("
	" path TEXT PRIMARY KEY, claim TEXT NOT NULL, reviewer_email TEXT, verdict TEXT, date TEXT,"
	" json TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS reviews_claim ON reviews(claim, date, reviewer_email);"
	"CREATE TABLE IF NOT EXISTS broken(path TEXT PRIMARY KEY, error TEXT NOT NULL);"
	ALIGN_SQL;

/*
 * Bulk loads. In SQLite 3.40 FTS5 flushes its pending terms to a new on-disk segment whenever a
 * statement opens a statement journal (xSavepoint), which every upsert here does: fed row by row
 * through the triggers, FTS5 writes one tiny segment per claim and spends its time merging them
 * (~20 us per claim, 2/3 of a bulk load). So a transaction that writes many claims (or starts with
 * ct_index_clear) drops the triggers and rebuilds the whole full-text index from the claims table
 * once, before COMMIT ('rebuild' takes ~0.4 s per 100k claims); DDL is transactional, so a rollback
 * restores the triggers. A search inside such a transaction catches up first.
 */
static const char untrigger_sql[] =
	"DROP TRIGGER IF EXISTS claims_ai; DROP TRIGGER IF EXISTS claims_ad; DROP TRIGGER IF EXISTS claims_au;";
static const char retrigger_sql[] =
	"INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');" TRIGGERS_SQL;
/* Claim writes in one transaction before deferring is considered, and the share of the claims
 * table (1/DEFER_SHARE) a batch must reach before one rebuild is cheaper than row updates: on 100k
 * claims, batches cost ~85 us per claim through the triggers against ~0.6 s + ~20 us per claim
 * with a rebuild, crossing near 8000 claims. */
#define DEFER_MIN 1000
#define DEFER_SHARE 10

/* Dropping and re-creating is much faster than DELETE, which would run the FTS trigger per row. */
static const char drop_sql[] =
	"DROP TABLE IF EXISTS claims_fts;"
	"DROP TABLE IF EXISTS claims;"
	"DROP TABLE IF EXISTS sources;"
	"DROP TABLE IF EXISTS reviews;"
	"DROP TABLE IF EXISTS broken;"
	"DROP TABLE IF EXISTS alignments;"
	"DROP TABLE IF EXISTS source_deps;"
	"DROP TABLE IF EXISTS match_dirty;"
	"DELETE FROM meta WHERE key = 'matched';";

/* Statements used by the put path and small lookups, prepared on first use and kept. */
enum {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_META_GET,
	ST_META_SET,
	ST_PUT_SOURCE,
	ST_PUT_CLAIM,
	ST_PUT_REVIEW,
	ST_PUT_BROKEN,
	ST_DEL_SOURCE,
	ST_DEL_CLAIM,
	ST_DEL_REVIEW,
	ST_DEL_BROKEN,
	ST_SOURCE_BY_ID,
	ST_CLAIM_BY_ID,
	ST_RESOLVE,
	ST_DIRTY,
	ST_ALIGN_PUT,
	ST_TERMS_PUT,
	ST__COUNT
};

static const char *const stmt_sql[ST__COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_META_GET] = "SELECT value FROM meta WHERE key = ?1",
	[ST_META_SET] = "INSERT INTO meta(key, value) VALUES (?1, ?2)"
		" ON CONFLICT(key) DO UPDATE SET value = excluded.value",
	[ST_PUT_SOURCE] = "INSERT INTO sources(path, id, outlet, published, url, title, sha256, version, json)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(path) DO UPDATE SET"
		" id = excluded.id, outlet = excluded.outlet, published = excluded.published,"
		" url = excluded.url, title = excluded.title, sha256 = excluded.sha256,"
		" version = excluded.version, json = excluded.json",
	[ST_PUT_CLAIM] = "INSERT INTO claims(path, id, source, sentence, type, status, version, checkworthy,"
		" ftext, json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT(path) DO UPDATE SET"
		" id = excluded.id, source = excluded.source, sentence = excluded.sentence,"
		" type = excluded.type, status = excluded.status, version = excluded.version,"
		" checkworthy = excluded.checkworthy, ftext = excluded.ftext, json = excluded.json",
	[ST_PUT_REVIEW] = "INSERT INTO reviews(path, claim, reviewer_email, verdict, date, json)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT(path) DO UPDATE SET"
		" claim = excluded.claim, reviewer_email = excluded.reviewer_email,"
		" verdict = excluded.verdict, date = excluded.date, json = excluded.json",
	[ST_PUT_BROKEN] = "INSERT INTO broken(path, error) VALUES (?1, ?2)"
		" ON CONFLICT(path) DO UPDATE SET error = excluded.error",
	[ST_DEL_SOURCE] = "DELETE FROM sources WHERE path = ?1",
	[ST_DEL_CLAIM] = "DELETE FROM claims WHERE path = ?1",
	[ST_DEL_REVIEW] = "DELETE FROM reviews WHERE path = ?1",
	[ST_DEL_BROKEN] = "DELETE FROM broken WHERE path = ?1",
	[ST_SOURCE_BY_ID] = "SELECT json, path FROM sources WHERE id = ?1",
	[ST_CLAIM_BY_ID] = "SELECT json, path FROM claims WHERE id = ?1",
	/* Range scan on the UNIQUE index of id; see ct_index_resolve_claim. */
	[ST_RESOLVE] = "SELECT id, path FROM claims WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 6",
	[ST_DIRTY] = "INSERT OR IGNORE INTO match_dirty(source) VALUES (?1)",
	[ST_ALIGN_PUT] = "INSERT OR REPLACE INTO alignments(a, b, sa, sb, relation, score, independent, signals)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7)",
	/* made by ct_index_terms_open before its first use */
	[ST_TERMS_PUT] = "INSERT OR REPLACE INTO match_terms(claim, terms) VALUES (?1, ?2)",
};

struct ct_index {
	sqlite3 *db;
	sqlite3_stmt *st[ST__COUNT];
	ct_buf path;   /* file name, for messages */
	ct_buf text;   /* folded claim text of the current put */
	ct_buf err;    /* broken-record message of the current put */
	long tx_claims;     /* claim rows written in the current transaction */
	long defer_at;      /* tx_claims at which FTS maintenance is deferred; 0: not yet computed */
	int fts_deferred;   /* triggers dropped in this transaction; rebuild before commit */
	int checked;        /* the file passed quick_check, or matched its stamp, at open */
};

enum rec_kind { REC_NONE, REC_SOURCE, REC_CLAIM, REC_REVIEW };

/* A record path split into the parts the tables check against the blob. */
struct rec_path {
	enum rec_kind kind;
	const char *dir;   /* claims: source id; reviews: claim id */
	size_t dir_len;
	const char *stem;  /* file name without .json */
	size_t stem_len;
};

/* Maps an SQLite failure to a CT_E* code and records "<what>: <sqlite message>". */
static int ix_fail(ct_index *ix, int rc, const char *what)
{
	const char *msg = ix && ix->db ? sqlite3_errmsg(ix->db) : sqlite3_errstr(rc);
	const char *file = ix ? ix->path.ptr : "";
	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return ct_error_set(CT_ENOMEM, "out of memory in the index: %s", what);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ct_error_set(CT_EDESK, "index is locked by another process: '%s'", file);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		if (ix)
			ix->checked = 0;   /* no stamp: the next open runs quick_check */
		return ct_error_set(CT_EDESK, "index is corrupt: '%s'", file);
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return ct_error_set(CT_EIO, "cannot %s (%s): '%s'", what, msg, file);
	default:
		return ct_error_set(CT_ERROR, "cannot %s (%s): '%s'", what, msg, file);
	}
}

static int ix_stmt(ct_index *ix, int which, sqlite3_stmt **out)
{
	int rc;
	if (!ix->st[which]) {
		rc = sqlite3_prepare_v3(ix->db, stmt_sql[which], -1, SQLITE_PREPARE_PERSISTENT,
		                        &ix->st[which], NULL);
		if (rc != SQLITE_OK)
			return ix_fail(ix, rc, "prepare an index statement");
	}
	*out = ix->st[which];
	return 0;
}

/* Steps a statement that returns no rows, then resets it for the next use. */
static int ix_run(ct_index *ix, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st), err = 0;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		err = ix_fail(ix, rc, what);
	sqlite3_reset(st);
	return err;
}

static int ix_bind_fail(ct_index *ix, sqlite3_stmt *st, int rc)
{
	sqlite3_reset(st);
	return ix_fail(ix, rc, "bind an index parameter");
}

static int ix_exec(ct_index *ix, const char *sql, const char *what)
{
	int rc = sqlite3_exec(ix->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? 0 : ix_fail(ix, rc, what);
}

/* Runs a one-column, one-row query with no parameters into *out (as int64). */
static int ix_query_int(ct_index *ix, const char *sql, sqlite3_int64 *out, const char *what)
{
	sqlite3_stmt *st = NULL;
	int rc, err = 0;
	rc = sqlite3_prepare_v2(ix->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		err = ix_fail(ix, rc, what);
		goto cleanup;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	else
		err = ix_fail(ix, rc, what);
cleanup:
	sqlite3_finalize(st);
	return err;
}

/* quick_check returns the single row "ok", or rows describing the damage. */
static int ix_quick_check(ct_index *ix)
{
	sqlite3_stmt *st = NULL;
	int rc, err = 0;
	rc = sqlite3_prepare_v2(ix->db, "PRAGMA quick_check", -1, &st, NULL);
	if (rc != SQLITE_OK) {
		err = ix_fail(ix, rc, "check the index");
		goto cleanup;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const unsigned char *v = sqlite3_column_text(st, 0);
		if (!v || strcmp((const char *)v, "ok") != 0)
			err = ct_error_set(CT_EDESK, "index is corrupt: '%s'", ix->path.ptr);
	} else if ((rc & 0xff) == SQLITE_NOMEM || (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_IOERR) {
		err = ix_fail(ix, rc, "check the index");
	} else {
		err = ct_error_set(CT_EDESK, "index is corrupt: '%s'", ix->path.ptr);
	}
cleanup:
	sqlite3_finalize(st);
	return err;
}

/* The stamp of the index file (<index>.checked): device, inode, size and mtime as they were when
 * the file last passed PRAGMA quick_check or a claimtrack process closed it after its own writes.
 * quick_check reads every page (seconds on a desk of a million claims); it runs at open only when
 * the file no longer matches its stamp: changed by something other than claimtrack through SQLite
 * (a copy, a truncation, garbage written into it), or left by a process that died. A change that
 * keeps size and mtime (a bit flipped on the disk) is caught by `claimtrack validate`, which always
 * runs quick_check, or fails the query that reads the damaged page ("index is corrupt"). */
static void stamp_of(const struct stat *st, char *out, size_t n)
{
	snprintf(out, n, "%llu %llu %lld %lld.%09ld\n", (unsigned long long)st->st_dev, (unsigned long long)st->st_ino,
		 (long long)st->st_size, (long long)st->st_mtim.tv_sec, (long)st->st_mtim.tv_nsec);
}

static int stamp_matches(const ct_index *ix)
{
	char want[160], have[160];
	struct stat st;
	ct_buf name = CT_BUF_INIT;
	FILE *f;
	int ok = 0;
	if (stat(ix->path.ptr, &st) < 0 || ct_buf_printf(&name, "%s.checked", ix->path.ptr) < 0)
		goto done;
	stamp_of(&st, want, sizeof(want));
	if ((f = fopen(name.ptr, "r")) != NULL) {
		ok = fgets(have, sizeof(have), f) && !strcmp(have, want);
		fclose(f);
	}
done:
	ct_buf_release(&name);
	return ok;
}

/* Best effort: without a stamp the next open runs quick_check. */
static void stamp_write(const char *path)
{
	char line[160];
	struct stat st;
	ct_buf name = CT_BUF_INIT, tmp = CT_BUF_INIT;
	FILE *f;
	struct timespec ts[2];
	if (stat(path, &st) < 0 || ct_buf_printf(&name, "%s.checked", path) < 0 ||
	    ct_buf_printf(&tmp, "%s.checked.%ld", path, (long)getpid()) < 0)
		goto done;
	/* File times tick coarsely (a few ms): a write right after this one could leave the mtime as
	 * it is. The stamped mtime is set one second back, so any later write (which sets it to the
	 * present) no longer matches. */
	ts[0].tv_sec = 0;
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1] = st.st_mtim;
	ts[1].tv_sec -= 1;
	if (utimensat(AT_FDCWD, path, ts, 0) < 0 || stat(path, &st) < 0)
		goto done;
	stamp_of(&st, line, sizeof(line));
	if ((f = fopen(tmp.ptr, "w")) != NULL) {
		int bad = fputs(line, f) < 0;
		if (fclose(f) != 0 || bad || rename(tmp.ptr, name.ptr) < 0)
			unlink(tmp.ptr);
	}
done:
	ct_buf_release(&name);
	ct_buf_release(&tmp);
}

int ct_index_open(ct_index **out, const char *path)
{
	ct_index *ix = NULL;
	sqlite3_int64 tables = 0, version = 0;
	int rc, err = 0;

	*out = NULL;
	ix = calloc(1, sizeof(*ix));
	if (!ix)
		return ct_error_set(CT_ENOMEM, "out of memory opening the index");
	ct_buf_init(&ix->path);
	ct_buf_init(&ix->text);
	ct_buf_init(&ix->err);
	if (ct_buf_puts(&ix->path, path) < 0) {
		err = ct_error_set(CT_ENOMEM, "out of memory opening the index");
		goto cleanup;
	}
	/* NOMUTEX: a ct_index is used by one thread at a time; saves a lock per SQLite call. */
	rc = sqlite3_open_v2(path, &ix->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                     NULL);
	if (rc != SQLITE_OK) {
		err = ix_fail(ix, rc, "open the index");
		goto cleanup;
	}
	sqlite3_extended_result_codes(ix->db, 1);
	/* Another claimtrack process may hold the write lock for a moment (one review commit). */
	sqlite3_busy_timeout(ix->db, 5000);

	/* Reading the schema makes SQLite read the header: garbage fails here with SQLITE_NOTADB. */
	err = ix_query_int(ix, "SELECT count(*) FROM sqlite_schema", &tables, "read the index");
	if (!err)
		err = ix_query_int(ix, "PRAGMA user_version", &version, "read the index");
	if (err)
		goto cleanup;
	if (version != CT_INDEX_VERSION && (version != 0 || tables != 0)) {
		err = ct_error_set(CT_EDESK, "index has an old format: '%s'", path);
		goto cleanup;
	}
	if (tables != 0 && !stamp_matches(ix)) {
		if ((err = ix_quick_check(ix)) < 0)
			goto cleanup;
		stamp_write(path);
	}
	ix->checked = 1;

	/* The rollback journal loads ~25% faster than WAL (PERF-NOTES); a cache needs no more than
	 * synchronous=NORMAL, since a damaged index is detected and rebuilt. Debian builds SQLite with
	 * SECURE_DELETE (zeroing every freed page: 10x slower clear, slower FTS merges) and with
	 * temporary files on disk, where every upsert's statement journal spilled (1.2M pwrites per
	 * 100k claims): a cache needs neither. */
	err = ix_exec(ix, "PRAGMA journal_mode=DELETE; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=OFF;"
	              " PRAGMA secure_delete=OFF; PRAGMA temp_store=MEMORY", "configure the index");
	if (err)
		goto cleanup;
	if (tables == 0) {
		/* IF NOT EXISTS everywhere: a second process creating the schema at the same time waits
		 * for the lock, then finds nothing left to do. */
		err = ix_exec(ix, "BEGIN IMMEDIATE", "create the index");
		if (!err)
			err = ix_exec(ix, schema_sql, "create the index");
		if (!err)
			err = ix_exec(ix, "PRAGMA user_version=" CT_STR(CT_INDEX_VERSION), "create the index");
		if (!err)
			err = ix_exec(ix, "COMMIT", "create the index");
		if (err)
			goto cleanup;
	}
	*out = ix;
	ix = NULL;
cleanup:
	ct_index_free(ix);
	return err;
}

void ct_index_free(ct_index *ix)
{
	int i;
	if (!ix)
		return;
	for (i = 0; i < ST__COUNT; i++)
		sqlite3_finalize(ix->st[i]);
	if (ix->db) {
		if (!sqlite3_get_autocommit(ix->db))
			sqlite3_exec(ix->db, "ROLLBACK", NULL, NULL, NULL);
		if (sqlite3_close_v2(ix->db) == SQLITE_OK && ix->checked)
			stamp_write(ix->path.ptr);
	}
	ct_buf_release(&ix->path);
	ct_buf_release(&ix->text);
	ct_buf_release(&ix->err);
	free(ix);
}

static int ix_simple(ct_index *ix, int which, const char *what)
{
	sqlite3_stmt *st = NULL;
	int err = ix_stmt(ix, which, &st);
	return err ? err : ix_run(ix, st, what);
}

static void ix_tx_reset(ct_index *ix)
{
	ix->tx_claims = 0;
	ix->defer_at = 0;
	ix->fts_deferred = 0;
}

/* Stops row-by-row FTS maintenance for the rest of the transaction (see untrigger_sql); only
 * inside a caller's transaction, whose commit puts the triggers back. */
static int fts_defer(ct_index *ix)
{
	int err;
	if (ix->fts_deferred)
		return 0;
	if ((err = ix_exec(ix, untrigger_sql, "defer full-text indexing")) < 0)
		return err;
	ix->fts_deferred = 1;
	return 0;
}

/* Rebuilds the full-text index and restores the triggers after fts_defer. */
static int fts_catch_up(ct_index *ix)
{
	int err;
	if (!ix->fts_deferred)
		return 0;
	if ((err = ix_exec(ix, retrigger_sql, "rebuild the full-text index")) < 0)
		return err;
	ix->fts_deferred = 0;
	return 0;
}

/* Counts a claim row written; defers FTS maintenance once the batch is large enough that one
 * rebuild is cheaper than updating the index row by row. */
static int fts_note_claim_write(ct_index *ix)
{
	sqlite3_int64 total = 0;
	int err;
	if (ix->fts_deferred || ++ix->tx_claims < DEFER_MIN)
		return 0;
	if (!ix->defer_at) {
		if ((err = ix_query_int(ix, "SELECT count(*) FROM claims", &total, "count claims")) < 0)
			return err;
		ix->defer_at = total / DEFER_SHARE > DEFER_MIN ? (long)(total / DEFER_SHARE) : DEFER_MIN;
	}
	return ix->tx_claims >= ix->defer_at ? fts_defer(ix) : 0;
}

int ct_index_begin(ct_index *ix)
{
	ix_tx_reset(ix);
	return ix_simple(ix, ST_BEGIN, "start an index transaction");
}

int ct_index_flush(ct_index *ix)
{
	return fts_catch_up(ix);
}

int ct_index_commit(ct_index *ix)
{
	int err;
	if ((err = fts_catch_up(ix)) < 0)
		return err;
	if ((err = ix_simple(ix, ST_COMMIT, "commit the index")) < 0)
		return err;
	ix_tx_reset(ix);
	return 0;
}

void ct_index_rollback(ct_index *ix)
{
	if (!ix)
		return;
	/* SQLite may already have rolled back by itself (after SQLITE_FULL, for instance). */
	if (!sqlite3_get_autocommit(ix->db))
		(void)ix_simple(ix, ST_ROLLBACK, "roll back the index");
	ix_tx_reset(ix);
}

/* Copies column col of the current row into out (replacing it). */
static int ix_column_buf(sqlite3_stmt *st, int col, ct_buf *out)
{
	const void *p = sqlite3_column_blob(st, col);
	int n = sqlite3_column_bytes(st, col);
	ct_buf_clear(out);
	if (n > 0 && ct_buf_put(out, p, (size_t)n) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory reading the index");
	return ct_buf_oom(out) ? ct_error_set(CT_ENOMEM, "out of memory reading the index") : 0;
}

int ct_index_meta_get(ct_index *ix, const char *key, ct_buf *out)
{
	sqlite3_stmt *st = NULL;
	int rc, err;
	if ((err = ix_stmt(ix, ST_META_GET, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC)) != SQLITE_OK)
		return ix_bind_fail(ix, st, rc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		err = ix_column_buf(st, 0, out);
	else if (rc == SQLITE_DONE)
		err = ct_error_set(CT_ENOTFOUND, "no index metadata: '%s'", key);
	else
		err = ix_fail(ix, rc, "read index metadata");
	sqlite3_reset(st);
	return err;
}

int ct_index_meta_set(ct_index *ix, const char *key, const char *value)
{
	sqlite3_stmt *st = NULL;
	int rc, err;
	if ((err = ix_stmt(ix, ST_META_SET, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC)) != SQLITE_OK)
		return ix_bind_fail(ix, st, rc);
	return ix_run(ix, st, "write index metadata");
}

int ct_index_clear(ct_index *ix)
{
	int err, was_deferred, in_tx = !sqlite3_get_autocommit(ix->db);
	/* A savepoint makes the drop and re-create atomic inside or outside a transaction. */
	if ((err = ix_exec(ix, "SAVEPOINT ct_clear", "clear the index")) < 0)
		return err;
	was_deferred = ix->fts_deferred;
	err = ix_exec(ix, drop_sql, "clear the index");
	if (!err)
		err = ix_exec(ix, schema_sql, "clear the index");
	/* A clear inside a transaction is the start of a rebuild: index the text once at commit. */
	ix->fts_deferred = 0;
	if (!err && in_tx)
		err = fts_defer(ix);
	if (err) {
		sqlite3_exec(ix->db, "ROLLBACK TO ct_clear", NULL, NULL, NULL);
		sqlite3_exec(ix->db, "RELEASE ct_clear", NULL, NULL, NULL);
		ix->fts_deferred = was_deferred;
		return err;
	}
	return ix_exec(ix, "RELEASE ct_clear", "clear the index");
}

int ct_index_check(ct_index *ix)
{
	int rc, err;
	if ((err = fts_catch_up(ix)) < 0 || (err = ix_quick_check(ix)) < 0)
		return err;
	/* With an external-content table this compares the index with the claims rows themselves. */
	rc = sqlite3_exec(ix->db, "INSERT INTO claims_fts(claims_fts, rank) VALUES ('integrity-check', 1)",
	                  NULL, NULL, NULL);
	if ((rc & 0xff) == SQLITE_CORRUPT)
		return ct_error_set(CT_EDESK, "index is corrupt: '%s'", ix->path.ptr);
	return rc == SQLITE_OK ? 0 : ix_fail(ix, rc, "check the index");
}

/* ---- records ---------------------------------------------------------------------------- */

static int is_lower_hex(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

/* Classifies a desk path by its shape; anything unexpected is REC_NONE (not a record). */
static void parse_rec_path(const char *path, struct rec_path *rp)
{
	const char *comp[5];
	size_t len[5], n = 0, plen = strlen(path);
	const char *p = path, *end = path + plen, *slash;

	memset(rp, 0, sizeof(*rp));
	while (p <= end) {
		slash = memchr(p, '/', (size_t)(end - p));
		if (!slash)
			slash = end;
		if (n == 5 || slash == p)
			return;
		comp[n] = p;
		len[n] = (size_t)(slash - p);
		n++;
		p = slash + 1;
	}
	if (n < 3 || len[n - 1] <= 5 || memcmp(comp[n - 1] + len[n - 1] - 5, ".json", 5) != 0 || len[1] != 2)
		return;
	if (n == 3 && len[0] == 7 && memcmp(comp[0], "sources", 7) == 0) {
		rp->kind = REC_SOURCE;
	} else if (n == 4 && len[0] == 6 && memcmp(comp[0], "claims", 6) == 0) {
		rp->kind = REC_CLAIM;
	} else if (n == 4 && len[0] == 7 && memcmp(comp[0], "reviews", 7) == 0) {
		rp->kind = REC_REVIEW;
	} else {
		return;
	}
	rp->stem = comp[n - 1];
	rp->stem_len = len[n - 1] - 5;
	if (n == 4) {
		rp->dir = comp[2];
		rp->dir_len = len[2];
	}
}

static int same(const char *s, const char *p, size_t n)
{
	return strlen(s) == n && memcmp(s, p, n) == 0;
}

static const char *json_str(const cJSON *root, const char *name)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, name);
	return cJSON_IsString(it) ? it->valuestring : NULL;
}

static int bind_str(sqlite3_stmt *st, int i, const cJSON *root, const char *name)
{
	const char *s = json_str(root, name);
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_STATIC) : sqlite3_bind_null(st, i);
}

/* Integers in JSON are doubles in cJSON: store only exact ones in range. */
static int bind_int(sqlite3_stmt *st, int i, const cJSON *root, const char *name)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, name);
	double v;
	if (!cJSON_IsNumber(it))
		return sqlite3_bind_null(st, i);
	v = it->valuedouble;
	if (!isfinite(v) || v != floor(v) || fabs(v) > 9007199254740992.0)
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_int64(st, i, (sqlite3_int64)v);
}

static int bind_real(sqlite3_stmt *st, int i, const cJSON *root, const char *name)
{
	const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, name);
	if (!cJSON_IsNumber(it) || !isfinite(it->valuedouble))
		return sqlite3_bind_null(st, i);
	return sqlite3_bind_double(st, i, it->valuedouble);
}

/* Records why a blob is unusable; returns 1 (meaning "store as broken"), or CT_ENOMEM. */
static int broken_msg(ct_index *ix, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int broken_msg(ct_index *ix, const char *fmt, ...)
{
	va_list ap;
	int r;
	ct_buf_clear(&ix->err);
	va_start(ap, fmt);
	r = ct_buf_vprintf(&ix->err, fmt, ap);
	va_end(ap);
	return r < 0 ? ct_error_set(CT_ENOMEM, "out of memory indexing a record") : 1;
}

/* Steps an upsert; a UNIQUE failure (the id, since path conflicts are upserts) makes the record
 * broken, naming the path that already holds the id. */
static int put_step(ct_index *ix, sqlite3_stmt *st, int by_id, const char *what, const char *id)
{
	ct_buf other = CT_BUF_INIT;
	int rc = sqlite3_step(st), err = 0;
	if (rc == SQLITE_CONSTRAINT_UNIQUE) {
		sqlite3_reset(st);
		if (ct_index_get(ix, by_id == ST_SOURCE_BY_ID ? "source" : "claim", id, NULL, &other) == 0)
			err = broken_msg(ix, "duplicate %s id '%.64s' (also at %s)", what, id, other.ptr);
		else
			err = broken_msg(ix, "duplicate %s id '%.64s'", what, id);
		ct_buf_release(&other);
		ct_error_clear();
		return err;
	}
	if (rc != SQLITE_DONE)
		err = ix_fail(ix, rc, "write the index");
	sqlite3_reset(st);
	return err;
}

static int put_source(ct_index *ix, const struct rec_path *rp, const cJSON *root, const char *path,
                      const char *json, size_t len)
{
	sqlite3_stmt *st = NULL;
	const char *id = json_str(root, "id");
	int rc, err;
	if (!id || !*id)
		return broken_msg(ix, "missing or invalid field 'id'");
	if (!same(id, rp->stem, rp->stem_len))
		return broken_msg(ix, "source id '%.64s' does not match the path", id);
	if ((err = ix_stmt(ix, ST_PUT_SOURCE, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = bind_str(st, 3, root, "outlet")) != SQLITE_OK ||
	    (rc = bind_str(st, 4, root, "published")) != SQLITE_OK ||
	    (rc = bind_str(st, 5, root, "url")) != SQLITE_OK ||
	    (rc = bind_str(st, 6, root, "title")) != SQLITE_OK ||
	    (rc = bind_str(st, 7, root, "sha256")) != SQLITE_OK ||
	    (rc = bind_int(st, 8, root, "version")) != SQLITE_OK ||
	    (rc = sqlite3_bind_text64(st, 9, json, len, SQLITE_STATIC, SQLITE_UTF8)) != SQLITE_OK)
		return ix_bind_fail(ix, st, rc);
	return put_step(ix, st, ST_SOURCE_BY_ID, "source", id);
}

static int put_claim(ct_index *ix, const struct rec_path *rp, const cJSON *root, const char *path,
                     const char *json, size_t len)
{
	sqlite3_stmt *st = NULL;
	const char *id = json_str(root, "id"), *source = json_str(root, "source");
	const char *text = json_str(root, "text");
	int rc, err;
	if (!id || strlen(id) != 16 || !is_lower_hex(id, 16))
		return broken_msg(ix, "missing or invalid field 'id'");
	if (!same(id, rp->stem, rp->stem_len))
		return broken_msg(ix, "claim id '%s' does not match the path", id);
	if (!source || !*source)
		return broken_msg(ix, "missing or invalid field 'source'");
	if (!same(source, rp->dir, rp->dir_len))
		return broken_msg(ix, "claim source '%.64s' does not match the path", source);
	ct_buf_clear(&ix->text);
	if (text && ct_index_fold_text(&ix->text, text, strlen(text)) < 0)
		return CT_ENOMEM;
	if ((err = ix_stmt(ix, ST_PUT_CLAIM, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 2, id, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 3, source, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = bind_int(st, 4, root, "sentence")) != SQLITE_OK ||
	    (rc = bind_str(st, 5, root, "type")) != SQLITE_OK ||
	    (rc = bind_str(st, 6, root, "status")) != SQLITE_OK ||
	    (rc = bind_int(st, 7, root, "version")) != SQLITE_OK ||
	    (rc = bind_real(st, 8, root, "checkworthy")) != SQLITE_OK ||
	    (rc = sqlite3_bind_text64(st, 9, ix->text.ptr, ix->text.len, SQLITE_STATIC, SQLITE_UTF8)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text64(st, 10, json, len, SQLITE_STATIC, SQLITE_UTF8)) != SQLITE_OK)
		return ix_bind_fail(ix, st, rc);
	return put_step(ix, st, ST_CLAIM_BY_ID, "claim", id);
}

static int put_review(ct_index *ix, const struct rec_path *rp, const cJSON *root, const char *path,
                      const char *json, size_t len)
{
	sqlite3_stmt *st = NULL;
	const char *claim = json_str(root, "claim");
	const cJSON *reviewer = cJSON_GetObjectItemCaseSensitive(root, "reviewer");
	int rc, err;
	if (!claim || strlen(claim) != 16 || !is_lower_hex(claim, 16))
		return broken_msg(ix, "missing or invalid field 'claim'");
	if (!same(claim, rp->dir, rp->dir_len))
		return broken_msg(ix, "review claim '%s' does not match the path", claim);
	if ((err = ix_stmt(ix, ST_PUT_REVIEW, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 2, claim, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = bind_str(st, 3, reviewer, "email")) != SQLITE_OK ||
	    (rc = bind_str(st, 4, root, "verdict")) != SQLITE_OK ||
	    (rc = bind_str(st, 5, root, "date")) != SQLITE_OK ||
	    (rc = sqlite3_bind_text64(st, 6, json, len, SQLITE_STATIC, SQLITE_UTF8)) != SQLITE_OK)
		return ix_bind_fail(ix, st, rc);
	return put_step(ix, st, 0, "review", claim);
}

static int del_path(ct_index *ix, int which, const char *path)
{
	sqlite3_stmt *st = NULL;
	int rc, err;
	if ((err = ix_stmt(ix, which, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC)) != SQLITE_OK)
		return ix_bind_fail(ix, st, rc);
	return ix_run(ix, st, "delete from the index");
}

/* Notes that the claims of the source of a source or claim record changed (match_dirty). */
static int mark_dirty(ct_index *ix, const struct rec_path *rp)
{
	sqlite3_stmt *st = NULL;
	const char *id = rp->kind == REC_SOURCE ? rp->stem : rp->dir;
	size_t n = rp->kind == REC_SOURCE ? rp->stem_len : rp->dir_len;
	int rc, err;
	if (rp->kind != REC_SOURCE && rp->kind != REC_CLAIM)
		return 0;
	if ((err = ix_stmt(ix, ST_DIRTY, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, id, (int)n, SQLITE_STATIC)) != SQLITE_OK)
		return ix_bind_fail(ix, st, rc);
	return ix_run(ix, st, "write the index");
}

static int del_stmt_for(enum rec_kind kind)
{
	return kind == REC_SOURCE ? ST_DEL_SOURCE : kind == REC_CLAIM ? ST_DEL_CLAIM : ST_DEL_REVIEW;
}

/* Parses and stores one record; returns 1 (with ix->err set) when it must go to broken. */
static int put_record(ct_index *ix, const struct rec_path *rp, const char *path, const char *json,
                      size_t len)
{
	cJSON *root = NULL;
	const char *end = NULL;
	size_t off;
	int err;

	root = cJSON_ParseWithLengthOpts(json, len, &end, 0);
	if (!root) {
		off = end && end >= json && end <= json + len ? (size_t)(end - json) : 0;
		err = broken_msg(ix, "invalid JSON near byte %zu", off);
		goto cleanup;
	}
	/* cJSON stops after the value; anything but white space after it makes the blob invalid. */
	for (off = (size_t)(end - json); off < len; off++) {
		if (!strchr(" \t\r\n", json[off]) || json[off] == '\0') {
			err = broken_msg(ix, "invalid JSON near byte %zu", off);
			goto cleanup;
		}
	}
	if (!cJSON_IsObject(root)) {
		err = broken_msg(ix, "not a JSON object");
		goto cleanup;
	}
	switch (rp->kind) {
	case REC_SOURCE:
		err = put_source(ix, rp, root, path, json, len);
		break;
	case REC_CLAIM:
		err = put_claim(ix, rp, root, path, json, len);
		break;
	default:
		err = put_review(ix, rp, root, path, json, len);
		break;
	}
cleanup:
	cJSON_Delete(root);
	return err;
}

int ct_index_put(ct_index *ix, const char *path, const char *json, size_t len)
{
	struct rec_path rp;
	sqlite3_stmt *st = NULL;
	int own_tx, rc, err;

	parse_rec_path(path, &rp);
	if (rp.kind == REC_NONE)
		return 0;
	own_tx = sqlite3_get_autocommit(ix->db);
	if (own_tx && (err = ct_index_begin(ix)) < 0)
		return err;
	if (!own_tx && rp.kind == REC_CLAIM && (err = fts_note_claim_write(ix)) < 0)
		goto cleanup;

	if ((err = mark_dirty(ix, &rp)) < 0)
		goto cleanup;
	err = put_record(ix, &rp, path, json, len);
	if (err == 0) {
		err = del_path(ix, ST_DEL_BROKEN, path);
	} else if (err == 1) {
		/* The path may have held a good record before this version of it. */
		err = del_path(ix, del_stmt_for(rp.kind), path);
		if (!err && !(err = ix_stmt(ix, ST_PUT_BROKEN, &st))) {
			if ((rc = sqlite3_bind_text(st, 1, path, -1, SQLITE_STATIC)) != SQLITE_OK ||
			    (rc = sqlite3_bind_text64(st, 2, ix->err.ptr, ix->err.len, SQLITE_STATIC,
			                              SQLITE_UTF8)) != SQLITE_OK)
				err = ix_bind_fail(ix, st, rc);
			else
				err = ix_run(ix, st, "write the index");
		}
	}
cleanup:
	if (own_tx) {
		if (!err)
			err = ct_index_commit(ix);
		if (err)
			ct_index_rollback(ix);
	}
	return err;
}

int ct_index_remove(ct_index *ix, const char *path)
{
	struct rec_path rp;
	int own_tx, err;

	parse_rec_path(path, &rp);
	if (rp.kind == REC_NONE)
		return 0;
	own_tx = sqlite3_get_autocommit(ix->db);
	if (own_tx && (err = ct_index_begin(ix)) < 0)
		return err;
	if (!own_tx && rp.kind == REC_CLAIM && (err = fts_note_claim_write(ix)) < 0)
		goto cleanup;
	err = mark_dirty(ix, &rp);
	if (!err)
		err = del_path(ix, del_stmt_for(rp.kind), path);
	if (!err)
		err = del_path(ix, ST_DEL_BROKEN, path);
cleanup:
	if (own_tx) {
		if (!err)
			err = ct_index_commit(ix);
		if (err)
			ct_index_rollback(ix);
	}
	return err;
}

/* ---- queries ----------------------------------------------------------------------------- */

/* Steps st (a per-call statement) to the end, calling cb with columns 0 and 1 of each row. */
static int ix_each(ct_index *ix, sqlite3_stmt *st, ct_index_row_cb cb, void *payload)
{
	int rc, r;
	for (;;) {
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			return 0;
		if (rc != SQLITE_ROW)
			return ix_fail(ix, rc, "read the index");
		r = cb((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
		       payload);
		if (r)
			return r;
	}
}

/* Prepares sql, binds the text parameter (if any) as ?1, and runs ix_each. */
static int ix_list(ct_index *ix, const char *sql, const char *arg, ct_index_row_cb cb, void *payload)
{
	sqlite3_stmt *st = NULL;
	int rc, err;
	rc = sqlite3_prepare_v2(ix->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		err = ix_fail(ix, rc, "query the index");
		goto cleanup;
	}
	if (arg && (rc = sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC)) != SQLITE_OK) {
		err = ix_fail(ix, rc, "query the index");
		goto cleanup;
	}
	err = ix_each(ix, st, cb, payload);
cleanup:
	sqlite3_finalize(st);
	return err;
}

int ct_index_sources(ct_index *ix, ct_index_row_cb cb, void *payload)
{
	return ix_list(ix, "SELECT path, json FROM sources ORDER BY id", NULL, cb, payload);
}

int ct_index_reviews(ct_index *ix, const char *claim_id, ct_index_row_cb cb, void *payload)
{
	if (!claim_id)
		return ix_list(ix, "SELECT path, json FROM reviews ORDER BY claim, date, reviewer_email, path",
			       NULL, cb, payload);
	return ix_list(ix, "SELECT path, json FROM reviews WHERE claim = ?1"
	               " ORDER BY date, reviewer_email, path", claim_id, cb, payload);
}

int ct_index_broken(ct_index *ix, ct_index_row_cb cb, void *payload)
{
	return ix_list(ix, "SELECT path, error FROM broken ORDER BY path", NULL, cb, payload);
}

static int ascii_alpha(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Word characters for acronym boundaries: ASCII alphanumerics and any non-ASCII byte. */
static int word_byte(unsigned char c)
{
	return ascii_alpha(c) || (c >= '0' && c <= '9') || c >= 0x80;
}

int ct_index_fold_text(ct_buf *out, const char *text, size_t len)
{
	const unsigned char *s = (const unsigned char *)text;
	size_t i = 0, j, letters;

	while (i < len) {
		/* A dotted acronym: single letters each followed by '.', at least two, the last dot
		 * optional ("U.N.", "U.S.A.", "U.S"), standing alone as a word. */
		if (ascii_alpha(s[i]) && (i == 0 || !word_byte(s[i - 1]))) {
			j = i;
			letters = 0;
			while (j < len && ascii_alpha(s[j]) && (j + 1 == len || !word_byte(s[j + 1]))) {
				letters++;
				j++;
				if (j < len && s[j] == '.')
					j++;
				else
					break;
			}
			/* Every letter but possibly the last must have been followed by a dot. */
			if (letters >= 2 && (j == len || !word_byte(s[j]))) {
				for (; i < j; i++)
					if (ascii_alpha(s[i]))
						ct_buf_putc(out, (char)s[i]);
				continue;
			}
		}
		ct_buf_putc(out, (char)s[i]);
		i++;
	}
	return ct_buf_oom(out) ? ct_error_set(CT_ENOMEM, "out of memory folding text") : 0;
}

/* Does word[0..n) contain a character unicode61 indexes (categories L*, N*, Co)? Otherwise the
 * tokenizer would drop it whole and the quoted word would be an empty phrase. */
static int has_token_char(const char *word, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)word;
	utf8proc_int32_t cp;
	utf8proc_ssize_t k;
	size_t i = 0;
	utf8proc_category_t cat;

	while (i < n) {
		k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) {
			i++;
			continue;
		}
		cat = utf8proc_category(cp);
		if ((cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO) ||
		    (cat >= UTF8PROC_CATEGORY_ND && cat <= UTF8PROC_CATEGORY_NO) || cat == UTF8PROC_CATEGORY_CO)
			return 1;
		i += (size_t)k;
	}
	return 0;
}

/* Turns user text into an FTS5 query that is only a list of quoted strings (implicit AND), so no
 * operator, column filter, prefix star or NEAR can be expressed. Returns the number of words. */
static int build_match(ct_buf *out, const char *search)
{
	ct_buf folded = CT_BUF_INIT;
	size_t i = 0, start, k;
	int words = 0;

	if (ct_index_fold_text(&folded, search, strlen(search)) < 0) {
		words = CT_ENOMEM;
		goto cleanup;
	}
	while (i < folded.len) {
		while (i < folded.len && strchr(" \t\r\n\f\v", folded.ptr[i]))
			i++;
		start = i;
		while (i < folded.len && !strchr(" \t\r\n\f\v", folded.ptr[i]))
			i++;
		if (i == start || !has_token_char(folded.ptr + start, i - start))
			continue;
		if (words++)
			ct_buf_putc(out, ' ');
		ct_buf_putc(out, '"');
		for (k = start; k < i; k++) {
			if (folded.ptr[k] == '"')
				ct_buf_putc(out, '"');
			ct_buf_putc(out, folded.ptr[k]);
		}
		ct_buf_putc(out, '"');
	}
	if (ct_buf_oom(out))
		words = ct_error_set(CT_ENOMEM, "out of memory building a search");
cleanup:
	ct_buf_release(&folded);
	return words;
}

int ct_index_claims(ct_index *ix, const struct ct_claim_filter *f, ct_index_row_cb cb, void *payload)
{
	ct_buf sql = CT_BUF_INIT, match = CT_BUF_INIT;
	sqlite3_stmt *st = NULL;
	int rc, err = 0, n;

	/* The SQL is assembled from constant fragments only; every value is a bound parameter. */
	if (f->search) {
		n = build_match(&match, f->search);
		if (n < 0) {
			err = n;
			goto cleanup;
		}
		if (n == 0) {
			err = ct_error_set(CT_EINPUT, "search has no words: '%.80s'", f->search);
			goto cleanup;
		}
		if ((err = fts_catch_up(ix)) < 0)
			goto cleanup;
		ct_buf_puts(&sql, "SELECT c.path, c.json FROM claims_fts JOIN claims AS c"
		            " ON c.rid = claims_fts.rowid WHERE claims_fts MATCH ?1");
	} else {
		ct_buf_puts(&sql, "SELECT c.path, c.json FROM claims AS c WHERE 1");
	}
	if (f->source)
		ct_buf_puts(&sql, " AND c.source = ?2");
	if (f->status)
		ct_buf_puts(&sql, " AND c.status = ?3");
	if (f->type)
		ct_buf_puts(&sql, " AND c.type = ?4");
	ct_buf_puts(&sql, " ORDER BY ");
	if (f->search)
		ct_buf_puts(&sql, "claims_fts.rank, ");
	ct_buf_puts(&sql, "c.source, c.sentence, c.version, c.id LIMIT ?5");
	if (ct_buf_oom(&sql)) {
		err = ct_error_set(CT_ENOMEM, "out of memory building a query");
		goto cleanup;
	}
	rc = sqlite3_prepare_v2(ix->db, sql.ptr, (int)sql.len, &st, NULL);
	if (rc != SQLITE_OK) {
		err = ix_fail(ix, rc, "query claims");
		goto cleanup;
	}
	if ((f->search && (rc = sqlite3_bind_text(st, 1, match.ptr, (int)match.len, SQLITE_STATIC)) != SQLITE_OK) ||
	    (f->source && (rc = sqlite3_bind_text(st, 2, f->source, -1, SQLITE_STATIC)) != SQLITE_OK) ||
	    (f->status && (rc = sqlite3_bind_text(st, 3, f->status, -1, SQLITE_STATIC)) != SQLITE_OK) ||
	    (f->type && (rc = sqlite3_bind_text(st, 4, f->type, -1, SQLITE_STATIC)) != SQLITE_OK) ||
	    (rc = sqlite3_bind_int64(st, 5, f->limit > 0 ? (sqlite3_int64)f->limit : -1)) != SQLITE_OK) {
		err = ix_fail(ix, rc, "query claims");
		goto cleanup;
	}
	err = ix_each(ix, st, cb, payload);
cleanup:
	sqlite3_finalize(st);
	ct_buf_release(&sql);
	ct_buf_release(&match);
	return err;
}

int ct_index_resolve_claim(ct_index *ix, const char *prefix, ct_buf *out_id, ct_buf *out_path)
{
	char lo[17], hi[18];
	size_t n = strlen(prefix), i;
	sqlite3_stmt *st = NULL;
	ct_buf msg = CT_BUF_INIT;
	int rc, err = 0, found = 0;

	if (n < 4 || n > 16)
		return ct_error_set(CT_EINPUT, "claim id must be 4 to 16 hex digits: '%.40s'", prefix);
	for (i = 0; i < n; i++) {
		char c = prefix[i];
		if (c >= 'A' && c <= 'F')
			c = (char)(c - 'A' + 'a');
		if (!is_lower_hex(&c, 1))
			return ct_error_set(CT_EINPUT, "claim id must be 4 to 16 hex digits: '%.40s'", prefix);
		lo[i] = hi[i] = c;
	}
	lo[n] = '\0';
	/* Stored ids are exactly 16 of [0-9a-f] (put enforces it), and 'g' sorts after 'f', so
	 * [prefix, prefix "g") holds exactly the ids starting with prefix: an index range scan. */
	hi[n] = 'g';
	hi[n + 1] = '\0';

	if ((err = ix_stmt(ix, ST_RESOLVE, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC)) != SQLITE_OK)
		return ix_bind_fail(ix, st, rc);
	ct_buf_printf(&msg, "claim id '%s' is ambiguous:", lo);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		found++;
		if (found == 1) {
			if ((err = ix_column_buf(st, 0, out_id)) < 0 || (err = ix_column_buf(st, 1, out_path)) < 0)
				goto cleanup;
		}
		if (found <= 5)
			ct_buf_printf(&msg, "%s %s", found > 1 ? "," : "", (const char *)sqlite3_column_text(st, 0));
		else
			ct_buf_puts(&msg, ", ...");
	}
	if (rc != SQLITE_DONE) {
		err = ix_fail(ix, rc, "look up a claim id");
		goto cleanup;
	}
	if (ct_buf_oom(&msg)) {
		err = ct_error_set(CT_ENOMEM, "out of memory looking up a claim id");
	} else if (found == 0) {
		err = ct_error_set(CT_ENOTFOUND, "no claim with id: '%s'", lo);
	} else if (found > 1) {
		err = ct_error_set(CT_EAMBIGUOUS, "%s", msg.ptr);
	}
cleanup:
	if (err) {
		ct_buf_clear(out_id);
		ct_buf_clear(out_path);
	}
	sqlite3_reset(st);
	ct_buf_release(&msg);
	return err;
}

int ct_index_get(ct_index *ix, const char *kind, const char *id, ct_buf *out_json, ct_buf *out_path)
{
	sqlite3_stmt *st = NULL;
	int which, rc, err = 0;

	if (strcmp(kind, "source") == 0)
		which = ST_SOURCE_BY_ID;
	else if (strcmp(kind, "claim") == 0)
		which = ST_CLAIM_BY_ID;
	else
		return ct_error_set(CT_EINPUT, "unknown record kind: '%s'", kind);
	if ((err = ix_stmt(ix, which, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC)) != SQLITE_OK)
		return ix_bind_fail(ix, st, rc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (out_json && (err = ix_column_buf(st, 0, out_json)) < 0)
			goto cleanup;
		if (out_path && (err = ix_column_buf(st, 1, out_path)) < 0)
			goto cleanup;
	} else if (rc == SQLITE_DONE) {
		err = ct_error_set(CT_ENOTFOUND, "no %s with id: '%.64s'", kind, id);
	} else {
		err = ix_fail(ix, rc, "read the index");
	}
cleanup:
	sqlite3_reset(st);
	return err;
}

long ct_index_count(ct_index *ix, const char *kind)
{
	const char *sql;
	sqlite3_int64 n = 0;
	int err;

	if (strcmp(kind, "source") == 0)
		sql = "SELECT count(*) FROM sources";
	else if (strcmp(kind, "claim") == 0)
		sql = "SELECT count(*) FROM claims";
	else if (strcmp(kind, "review") == 0)
		sql = "SELECT count(*) FROM reviews";
	else if (strcmp(kind, "broken") == 0)
		sql = "SELECT count(*) FROM broken";
	else
		return ct_error_set(CT_EINPUT, "unknown record kind: '%s'", kind);
	if ((err = ix_query_int(ix, sql, &n, "count index rows")) < 0)
		return err;
	return (long)n;
}

/* ---- alignments ---------------------------------------------------------------------------- */

/* Runs sql (no rows expected) with up to two text parameters. */
static int ix_run_sql(ct_index *ix, const char *sql, const char *p1, const char *p2, const char *what)
{
	sqlite3_stmt *st = NULL;
	int rc, err = 0;
	rc = sqlite3_prepare_v2(ix->db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK)
		return ix_fail(ix, rc, what);
	if ((p1 && (rc = sqlite3_bind_text(st, 1, p1, -1, SQLITE_STATIC)) != SQLITE_OK) ||
	    (p2 && (rc = sqlite3_bind_text(st, 2, p2, -1, SQLITE_STATIC)) != SQLITE_OK))
		err = ix_fail(ix, rc, what);
	else if ((rc = sqlite3_step(st)) != SQLITE_DONE && rc != SQLITE_ROW)
		err = ix_fail(ix, rc, what);
	sqlite3_finalize(st);
	return err;
}

int ct_index_match_pending(ct_index *ix, int *all, ct_index_row_cb cb, void *payload)
{
	ct_buf v = CT_BUF_INIT;
	int err = ct_index_meta_get(ix, "matched", &v);
	ct_buf_release(&v);
	*all = err == CT_ENOTFOUND;
	if (err == CT_ENOTFOUND) {
		ct_error_clear();
		return 0;
	}
	if (err < 0)
		return err;
	return ix_list(ix, "SELECT source, NULL FROM match_dirty ORDER BY source", NULL, cb, payload);
}

#define TERMS_SQL \
	"CREATE TABLE IF NOT EXISTS match_terms(claim TEXT PRIMARY KEY, terms BLOB NOT NULL) WITHOUT ROWID;"

int ct_index_terms_open(ct_index *ix, const char *fingerprint, char *const *changed, size_t nchanged)
{
	ct_buf v = CT_BUF_INIT;
	size_t i;
	int err = ix_exec(ix, TERMS_SQL, "keep the matcher's terms");
	if (!err) {
		err = ct_index_meta_get(ix, "match_terms", &v);
		if (err == CT_ENOTFOUND) {
			ct_error_clear();
			err = 0;
		}
	}
	if (!err && (!v.len || strcmp(v.ptr, fingerprint))) {
		err = ix_exec(ix, "DELETE FROM match_terms", "keep the matcher's terms");
		if (!err)
			err = ct_index_meta_set(ix, "match_terms", fingerprint);
	}
	/* the claims a changed source has now (a claim it no longer has is never read again, and
	 * one that comes back is the source's again) */
	for (i = 0; i < nchanged && !err; i++)
		err = ix_run_sql(ix, "DELETE FROM match_terms WHERE claim IN (SELECT id FROM claims WHERE source = ?1)",
				 changed[i], NULL, "keep the matcher's terms");
	if (!err && !changed)   /* every source: the terms of claims gone are dropped too */
		err = ix_exec(ix, "DELETE FROM match_terms WHERE claim NOT IN (SELECT id FROM claims)",
			      "keep the matcher's terms");
	ct_buf_release(&v);
	return err;
}

int ct_index_terms_put(ct_index *ix, const char *claim, const void *terms, size_t len)
{
	sqlite3_stmt *st = NULL;
	int rc, err = 0;
	if (len > INT_MAX)
		return ct_error_set(CT_EINPUT, "too many terms for one claim: %zu bytes", len);
	if ((err = ix_stmt(ix, ST_TERMS_PUT, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, claim, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_blob(st, 2, len ? terms : "", (int)len, SQLITE_STATIC)) != SQLITE_OK ||
	    ((rc = sqlite3_step(st)) != SQLITE_DONE))
		err = ix_fail(ix, rc, "keep the matcher's terms");
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return err;
}

int ct_index_match_claims(ct_index *ix, ct_index_match_cb cb, void *payload)
{
	sqlite3_stmt *st = NULL;
	sqlite3_int64 terms;
	int rc, err = 0;
	/* the terms kept, when the table is there (ct_index_terms_open) */
	if ((err = ix_query_int(ix, "SELECT count(*) FROM sqlite_schema WHERE name = 'match_terms'", &terms,
				"read claims to match")) < 0)
		return err;
	rc = sqlite3_prepare_v2(ix->db, terms ?
		"SELECT c.id, c.source, c.sentence, json_extract(c.json, '$.text'), substr(s.published, 1, 10), t.terms"
		" FROM claims c LEFT JOIN sources s ON s.id = c.source LEFT JOIN match_terms t ON t.claim = c.id"
		" WHERE c.status IS NULL OR c.status = 'active' ORDER BY c.source, c.sentence, c.id" :
		"SELECT c.id, c.source, c.sentence, json_extract(c.json, '$.text'), substr(s.published, 1, 10), NULL"
		" FROM claims c LEFT JOIN sources s ON s.id = c.source"
		" WHERE c.status IS NULL OR c.status = 'active' ORDER BY c.source, c.sentence, c.id", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return ix_fail(ix, rc, "read claims to match");
	for (;;) {
		struct ct_match_row row;
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW) {
			err = ix_fail(ix, rc, "read claims to match");
			break;
		}
		row.id = (const char *)sqlite3_column_text(st, 0);
		row.source = (const char *)sqlite3_column_text(st, 1);
		row.sentence = sqlite3_column_type(st, 2) == SQLITE_NULL ? -1 : (long)sqlite3_column_int64(st, 2);
		row.text = (const char *)sqlite3_column_text(st, 3);
		row.published = (const char *)sqlite3_column_text(st, 4);
		row.terms = sqlite3_column_type(st, 5) == SQLITE_BLOB ? sqlite3_column_blob(st, 5) : NULL;
		row.terms_len = row.terms ? (size_t)sqlite3_column_bytes(st, 5) : 0;
		if (!row.terms && sqlite3_column_type(st, 5) == SQLITE_BLOB)
			row.terms = "";   /* an empty blob: a claim without terms */
		if (!row.id || !row.source || !row.text || sqlite3_column_type(st, 3) != SQLITE_TEXT)
			continue;   /* a claim without text has nothing to match */
		if ((err = cb(&row, payload)) != 0)
			break;
	}
	sqlite3_finalize(st);
	return err;
}

int ct_index_align_clear(ct_index *ix, const char *source)
{
	if (!source)
		return ix_run_sql(ix, "DELETE FROM alignments", NULL, NULL, "clear alignments");
	return ix_run_sql(ix, "DELETE FROM alignments WHERE sa = ?1 OR sb = ?1", source, NULL, "clear alignments");
}

int ct_index_align_bulk(ct_index *ix, int on)
{
	int err;
	if (on)
		return ix_exec(ix, "DROP INDEX IF EXISTS alignments_b; DROP INDEX IF EXISTS alignments_sa;"
			       " DROP INDEX IF EXISTS alignments_sb;", "write alignments");
	/* the indexes built again in one go: with a 64 MiB page cache and a second sorting thread
	 * (8.2 -> 6.5 s for 1.2 million alignments), set back to the defaults after; the caller has
	 * freed the matcher's pairs by now, so the cache does not add to the run's peak */
	err = ix_exec(ix, "PRAGMA cache_size=-65536; PRAGMA threads=2", "write alignments");
	if (!err)
		err = ix_exec(ix, ALIGN_SQL, "write alignments");
	if (!err)
		err = ix_exec(ix, "PRAGMA cache_size=-2000; PRAGMA threads=0", "write alignments");
	return err;
}

int ct_index_align_put(ct_index *ix, const char *a, const char *b, const char *sa, const char *sb,
		       const char *relation, double score, const char *signals)
{
	sqlite3_stmt *st = NULL;
	int rc, err;
	if ((err = ix_stmt(ix, ST_ALIGN_PUT, &st)) < 0)
		return err;
	if ((rc = sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 3, sa, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 4, sb, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 5, relation, -1, SQLITE_STATIC)) != SQLITE_OK ||
	    (rc = sqlite3_bind_double(st, 6, score)) != SQLITE_OK ||
	    (rc = sqlite3_bind_text(st, 7, signals, -1, SQLITE_STATIC)) != SQLITE_OK)
		return ix_bind_fail(ix, st, rc);
	return ix_run(ix, st, "write an alignment");
}

static int match_links(ct_index *ix, double min_score, const char *source, ct_index_link_cb cb, void *payload)
{
	sqlite3_stmt *st = NULL;
	int rc, err = 0;
	/* no join with claims: the caller knows the claims' positions, and a lookup per alignment in
	 * the claims table reads most of its pages at random */
	rc = sqlite3_prepare_v2(ix->db, source ?
		"SELECT a, sa, b, sb FROM alignments WHERE (sa = ?2 OR sb = ?2)"
		" AND relation IN ('corroborates', 'contradicts') AND score >= ?1" :
		"SELECT a, sa, b, sb FROM alignments"
		" WHERE relation IN ('corroborates', 'contradicts') AND score >= ?1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return ix_fail(ix, rc, "read alignments");
	if ((rc = sqlite3_bind_double(st, 1, min_score)) != SQLITE_OK ||
	    (source && (rc = sqlite3_bind_text(st, 2, source, -1, SQLITE_STATIC)) != SQLITE_OK)) {
		sqlite3_finalize(st);
		return ix_fail(ix, rc, "read alignments");
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((err = cb((const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
			      (const char *)sqlite3_column_text(st, 2), (const char *)sqlite3_column_text(st, 3),
			      payload)) != 0)
			break;
	if (!err && rc != SQLITE_DONE)
		err = ix_fail(ix, rc, "read alignments");
	sqlite3_finalize(st);
	return err;
}

int ct_index_match_links(ct_index *ix, double min_score, ct_index_link_cb cb, void *payload)
{
	return match_links(ix, min_score, NULL, cb, payload);
}

int ct_index_match_links_of(ct_index *ix, double min_score, const char *source, ct_index_link_cb cb,
			    void *payload)
{
	return match_links(ix, min_score, source, cb, payload);
}

int ct_index_deps_take(ct_index *ix, const char *source, ct_index_row_cb cb, void *payload)
{
	int err = ix_list(ix, "SELECT source, on_source FROM source_deps WHERE source = ?1 OR on_source = ?1"
			  " ORDER BY source, on_source", source, cb, payload);
	if (!err)
		err = ix_run_sql(ix, "DELETE FROM source_deps WHERE source = ?1 OR on_source = ?1", source, NULL,
				 "clear source dependence");
	return err;
}

int ct_index_deps_clear(ct_index *ix)
{
	return ix_run_sql(ix, "DELETE FROM source_deps", NULL, NULL, "clear source dependence");
}

int ct_index_dep_put(ct_index *ix, const char *source, const char *on)
{
	return ix_run_sql(ix, "INSERT OR IGNORE INTO source_deps(source, on_source) VALUES (?1, ?2)", source, on,
			  "write source dependence");
}

#define MARK_INDEPENDENT \
	"UPDATE alignments SET independent = NOT EXISTS (SELECT 1 FROM source_deps d WHERE" \
	" (d.source = alignments.sa AND d.on_source = alignments.sb) OR" \
	" (d.source = alignments.sb AND d.on_source = alignments.sa) OR" \
	" (d.source = alignments.sa AND d.on_source IN" \
	"  (SELECT on_source FROM source_deps e WHERE e.source = alignments.sb)))"

static int match_finish(ct_index *ix)
{
	int err = ix_run_sql(ix, "DELETE FROM match_dirty", NULL, NULL, "write the index");
	if (!err)
		err = ct_index_meta_set(ix, "matched", "1");
	return err;
}

int ct_index_match_done_of(ct_index *ix, char *const *sources, size_t n)
{
	size_t i;
	int err = ix_exec(ix, "CREATE TEMP TABLE IF NOT EXISTS match_touched(source TEXT PRIMARY KEY);"
			  " DELETE FROM match_touched;", "mark independent alignments");
	for (i = 0; i < n && !err; i++)
		err = ix_run_sql(ix, "INSERT OR IGNORE INTO match_touched(source) VALUES (?1)", sources[i], NULL,
				 "mark independent alignments");
	/* two lookups through the sa and sb indexes, not a scan of every alignment */
	if (!err)
		err = ix_run_sql(ix, MARK_INDEPENDENT " WHERE sa IN (SELECT source FROM match_touched)"
				 " OR sb IN (SELECT source FROM match_touched)", NULL, NULL, "mark independent alignments");
	if (!err)
		err = ix_exec(ix, "DELETE FROM match_touched;", "mark independent alignments");
	return err ? err : match_finish(ix);
}

int ct_index_match_done(ct_index *ix)
{
	int err = ix_run_sql(ix, MARK_INDEPENDENT, NULL, NULL, "mark independent alignments");
	if (err)
		return err;
	return match_finish(ix);
}

int ct_index_source_deps(ct_index *ix, const char *source, ct_index_row_cb cb, void *payload)
{
	return ix_list(ix, "SELECT on_source, NULL FROM source_deps WHERE source = ?1 ORDER BY on_source", source,
		       cb, payload);
}

/* The JSON object of one alignment row (a, b, sa, sb, relation, score, independent, signals). */
static char *align_json(sqlite3_stmt *st)
{
	cJSON *o = cJSON_CreateObject(), *arr, *sig;
	const char *signals = (const char *)sqlite3_column_text(st, 7);
	char *text = NULL;
	int i;
	if (!o)
		return NULL;
	if (!(arr = cJSON_AddArrayToObject(o, "claims")))
		goto done;
	for (i = 0; i < 2; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString((const char *)sqlite3_column_text(st, i)));
	if (!(arr = cJSON_AddArrayToObject(o, "sources")))
		goto done;
	for (i = 2; i < 4; i++)
		cJSON_AddItemToArray(arr, cJSON_CreateString((const char *)sqlite3_column_text(st, i)));
	if (!cJSON_AddStringToObject(o, "relation", (const char *)sqlite3_column_text(st, 4)) ||
	    !cJSON_AddNumberToObject(o, "score", sqlite3_column_double(st, 5)))
		goto done;
	sig = signals ? cJSON_Parse(signals) : NULL;
	if (!cJSON_IsArray(sig)) {
		cJSON_Delete(sig);
		sig = cJSON_CreateArray();
	}
	if (!sig)
		goto done;
	cJSON_AddItemToObject(o, "signals", sig);
	if (!cJSON_AddBoolToObject(o, "independent", sqlite3_column_int(st, 6) != 0))
		goto done;
	text = cJSON_PrintUnformatted(o);
done:
	cJSON_Delete(o);
	return text;
}

int ct_index_align_count(ct_index *ix, const struct ct_align_filter *f, long *out)
{
	sqlite3_stmt *st = NULL;
	const char *sql = "SELECT count(*) FROM alignments", *arg = NULL;
	int rc, err = 0;
	if (f && f->claim) {
		sql = "SELECT (SELECT count(*) FROM alignments WHERE a = ?1) + (SELECT count(*) FROM alignments WHERE b = ?1)";
		arg = f->claim;
	} else if (f && f->source) {
		sql = "SELECT (SELECT count(*) FROM alignments WHERE sa = ?1)"
		      " + (SELECT count(*) FROM alignments WHERE sb = ?1 AND sa <> ?1)";
		arg = f->source;
	}
	*out = 0;
	if ((rc = sqlite3_prepare_v2(ix->db, sql, -1, &st, NULL)) != SQLITE_OK)
		return ix_fail(ix, rc, "count alignments");
	if (arg && (rc = sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC)) != SQLITE_OK)
		err = ix_fail(ix, rc, "count alignments");
	else if ((rc = sqlite3_step(st)) != SQLITE_ROW)
		err = ix_fail(ix, rc, "count alignments");
	else
		*out = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return err;
}

int ct_index_alignments(ct_index *ix, const struct ct_align_filter *f, ct_index_row_cb cb, void *payload)
{
	static const char cols[] = "SELECT a, b, sa, sb, relation, score, independent, signals FROM alignments";
	sqlite3_stmt *st = NULL;
	const char *arg = NULL;
	ct_buf sql = CT_BUF_INIT;
	int rc, err = 0, r;
	if (f && f->claim) {
		ct_buf_printf(&sql, "%s WHERE a = ?1 UNION ALL %s WHERE b = ?1", cols, cols);
		arg = f->claim;
	} else if (f && f->source) {
		ct_buf_printf(&sql, "%s WHERE sa = ?1 UNION ALL %s WHERE sb = ?1 AND sa <> ?1", cols, cols);
		arg = f->source;
	} else {
		ct_buf_puts(&sql, cols);
	}
	ct_buf_puts(&sql, " ORDER BY 6 DESC, 1, 2");
	if (ct_buf_oom(&sql) < 0)
		return ct_error_set(CT_ENOMEM, "out of memory reading alignments");
	rc = sqlite3_prepare_v2(ix->db, sql.ptr, -1, &st, NULL);
	ct_buf_release(&sql);
	if (rc != SQLITE_OK)
		return ix_fail(ix, rc, "read alignments");
	if (arg && (rc = sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC)) != SQLITE_OK) {
		sqlite3_finalize(st);
		return ix_fail(ix, rc, "read alignments");
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *json = align_json(st);
		if (!json) {
			err = ct_error_set(CT_ENOMEM, "out of memory reading alignments");
			break;
		}
		r = cb(NULL, json, payload);
		cJSON_free(json);
		if (r) {
			err = r;
			break;
		}
	}
	if (!err && rc != SQLITE_DONE)
		err = ix_fail(ix, rc, "read alignments");
	sqlite3_finalize(st);
	return err;
}

/* Appends id to the list ids[0..*n) unless it is there (a few dozen sources at most per claim). */
static int add_unique(char ***ids, size_t *n, size_t *cap, const char *id)
{
	size_t i;
	for (i = 0; i < *n; i++)
		if (!strcmp((*ids)[i], id))
			return 0;
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		char **p = realloc(*ids, ncap * sizeof(*p));
		if (!p)
			return CT_ENOMEM;
		*ids = p;
		*cap = ncap;
	}
	if (!((*ids)[*n] = strdup(id)))
		return CT_ENOMEM;
	(*n)++;
	return 0;
}

/* The source a source is a copy of (the first by id), or the source itself: its root. */
static int dep_root(ct_index *ix, const char *source, ct_buf *out)
{
	sqlite3_stmt *st = NULL;
	int rc, err = 0;
	ct_buf_clear(out);
	rc = sqlite3_prepare_v2(ix->db, "SELECT on_source FROM source_deps WHERE source = ?1 ORDER BY on_source LIMIT 1",
				-1, &st, NULL);
	if (rc != SQLITE_OK)
		return ix_fail(ix, rc, "read source dependence");
	if ((rc = sqlite3_bind_text(st, 1, source, -1, SQLITE_STATIC)) != SQLITE_OK)
		err = ix_fail(ix, rc, "read source dependence");
	else if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		ct_buf_puts(out, (const char *)sqlite3_column_text(st, 0));
	else if (rc == SQLITE_DONE)
		ct_buf_puts(out, source);
	else
		err = ix_fail(ix, rc, "read source dependence");
	sqlite3_finalize(st);
	if (!err && ct_buf_oom(out) < 0)
		err = ct_error_set(CT_ENOMEM, "out of memory");
	return err;
}

int ct_index_claim_support(ct_index *ix, const char *claim, int *corroborating, int *independent, int *contradicting)
{
	sqlite3_stmt *st = NULL;
	char **corr = NULL, **roots = NULL;
	size_t ncorr = 0, ccap = 0, nroots = 0, rcap = 0, i;
	ct_buf own = CT_BUF_INIT, root = CT_BUF_INIT, home = CT_BUF_INIT;
	int rc, err = 0, contra = 0;
	*corroborating = *independent = *contradicting = 0;
	rc = sqlite3_prepare_v2(ix->db,
		"SELECT CASE WHEN a = ?1 THEN sb ELSE sa END, CASE WHEN a = ?1 THEN sa ELSE sb END, relation"
		" FROM alignments WHERE (a = ?1 OR b = ?1) AND relation IN ('corroborates', 'contradicts')"
		" ORDER BY 1", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return ix_fail(ix, rc, "read alignments");
	if ((rc = sqlite3_bind_text(st, 1, claim, -1, SQLITE_STATIC)) != SQLITE_OK) {
		sqlite3_finalize(st);
		return ix_fail(ix, rc, "read alignments");
	}
	{
		char **contr = NULL;
		size_t ncontr = 0, kcap = 0;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *other = (const char *)sqlite3_column_text(st, 0);
			const char *rel = (const char *)sqlite3_column_text(st, 2);
			if (!home.len)
				ct_buf_puts(&home, (const char *)sqlite3_column_text(st, 1));
			if (!strcmp(rel, "corroborates"))
				err = add_unique(&corr, &ncorr, &ccap, other);
			else
				err = add_unique(&contr, &ncontr, &kcap, other);
			if (err) {
				err = ct_error_set(CT_ENOMEM, "out of memory");
				break;
			}
		}
		if (!err && rc != SQLITE_DONE)
			err = ix_fail(ix, rc, "read alignments");
		contra = (int)ncontr;
		for (i = 0; i < ncontr; i++)
			free(contr[i]);
		free(contr);
	}
	sqlite3_finalize(st);
	/* Independent: distinct roots (a copy counts as what it copies) other than the claim's own. */
	if (!err && ncorr && !(err = dep_root(ix, home.ptr, &own))) {
		for (i = 0; i < ncorr && !err; i++) {
			if ((err = dep_root(ix, corr[i], &root)) < 0)
				break;
			if (strcmp(root.ptr, own.ptr) && add_unique(&roots, &nroots, &rcap, root.ptr))
				err = ct_error_set(CT_ENOMEM, "out of memory");
		}
	}
	if (!err) {
		*corroborating = (int)ncorr;
		*independent = (int)nroots;
		*contradicting = contra;
	}
	for (i = 0; i < ncorr; i++)
		free(corr[i]);
	free(corr);
	for (i = 0; i < nroots; i++)
		free(roots[i]);
	free(roots);
	ct_buf_release(&own);
	ct_buf_release(&root);
	ct_buf_release(&home);
	return err;
}
