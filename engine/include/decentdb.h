/*
 * DecentDB C API: the only public header of the engine. A decentdb_db is a connection to
 * a database file (connections to the same file in one process share one engine); a
 * decentdb_stmt is a prepared statement on a connection. Design: ENGINE.md §10-§11.
 *
 * Conventions: strings are UTF-8; parameters are numbered from 1 ($1 is 1), columns from
 * 0; functions return DECENTDB_OK (0) or a negative DECENTDB_ERR_* code, whose details
 * come from decentdb_last_error_message / decentdb_last_error_sqlstate on the connection.
 * A connection and its statements are used by one thread at a time (they may move between
 * threads between calls); different connections are fully concurrent.
 */
#ifndef DECENTDB_H
#define DECENTDB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(_WIN32)
#define DECENTDB_API
#else
#define DECENTDB_API __attribute__((visibility("default")))
#endif

/* Opaque connection handle. */
typedef struct decentdb_db decentdb_db;
/* Opaque prepared statement handle. */
typedef struct decentdb_stmt decentdb_stmt;

/* Result codes. */
#define DECENTDB_OK 0
#define DECENTDB_ERR_IO (-1)
#define DECENTDB_ERR_CORRUPTION (-2)
#define DECENTDB_ERR_CONSTRAINT (-3)
#define DECENTDB_ERR_TRANSACTION (-4)
#define DECENTDB_ERR_SQL (-5)
#define DECENTDB_ERR_INTERNAL (-6)
#define DECENTDB_ERR_BUSY (-7)
#define DECENTDB_ERR_MISUSE (-8)

/* decentdb_step results. */
#define DECENTDB_DONE 0
#define DECENTDB_ROW 1
/* decentdb_step_batch / decentdb_query_batch: the next row does not fit an empty buffer. */
#define DECENTDB_ROW_TOO_BIG 2

/* Value type codes (column types and the tags of the buffer encoding). */
#define DECENTDB_TYPE_NULL 0
#define DECENTDB_TYPE_INT64 1
#define DECENTDB_TYPE_FLOAT64 2
#define DECENTDB_TYPE_TEXT 3
#define DECENTDB_TYPE_BLOB 4
#define DECENTDB_TYPE_BOOL 5

/* Checkpoint modes. */
#define DECENTDB_CHECKPOINT_PASSIVE 0
#define DECENTDB_CHECKPOINT_FULL 1
#define DECENTDB_CHECKPOINT_TRUNCATE 2

/* ---- Connections ---------------------------------------------------------------- */

/*
 * Opens a connection to the database file at path (":memory:" for a private in-memory
 * database). options is NULL or "key=value;key=value" with case-insensitive keys:
 * cache_size (default 32MB; a bare number is pages, or KB/MB/GB), fsync (on|off|normal),
 * page_size (4096|8192|16384, at creation only), checkpoint_threshold, wal_size_limit,
 * reader_warn_ms, reader_timeout_ms, temp_dir, busy_timeout_ms (default 5000),
 * read_only (true|false), create (true|false). An unknown key is an error.
 * Returns NULL on failure; decentdb_last_error_code(NULL) and
 * decentdb_last_error_message(NULL) then describe this thread's failed open.
 * The returned connection is owned by the caller and released by decentdb_close.
 */
DECENTDB_API decentdb_db* decentdb_open(const char* path, const char* options);

/*
 * Closes the connection: rolls back an open transaction and releases the engine
 * reference (the last connection to a file checkpoints it and unlocks it). Statements
 * still open become orphans: every call on them but decentdb_finalize returns
 * DECENTDB_ERR_MISUSE. Returns DECENTDB_ERR_MISUSE for a NULL or closed handle.
 */
DECENTDB_API int decentdb_close(decentdb_db* db);

/* The code of the last failed call on db (0 after a successful call). db == NULL: this
 * thread's last failed decentdb_open. */
DECENTDB_API int decentdb_last_error_code(decentdb_db* db);

/* The message of the last failed call on db, "" if none. Owned by the connection; valid
 * until the next call on that connection or any of its statements. db == NULL: this
 * thread's last failed decentdb_open (valid until this thread's next open). */
DECENTDB_API const char* decentdb_last_error_message(decentdb_db* db);

/* The five-character SQLSTATE of the last failed call on db ("00000" if none). Owned as
 * decentdb_last_error_message. */
DECENTDB_API const char* decentdb_last_error_sqlstate(decentdb_db* db);

/* ---- Statements ----------------------------------------------------------------- */

/* Compiles one SQL statement; $1..$N are its parameters. On success *out receives a
 * statement owned by the caller, released by decentdb_finalize. */
DECENTDB_API int decentdb_prepare(decentdb_db* db, const char* sql, decentdb_stmt** out);

/* Binding copies its input; the value is used by the next execution. */
DECENTDB_API int decentdb_bind_null(decentdb_stmt* stmt, int index);
DECENTDB_API int decentdb_bind_int64(decentdb_stmt* stmt, int index, int64_t value);
DECENTDB_API int decentdb_bind_float64(decentdb_stmt* stmt, int index, double value);
DECENTDB_API int decentdb_bind_text(decentdb_stmt* stmt, int index, const char* utf8, int byte_len);
DECENTDB_API int decentdb_bind_blob(decentdb_stmt* stmt, int index, const uint8_t* data, int byte_len);
DECENTDB_API int decentdb_bind_bool(decentdb_stmt* stmt, int index, int value);

/* Runs the statement to its next row: DECENTDB_ROW (1), DECENTDB_DONE (0), or an error. */
DECENTDB_API int decentdb_step(decentdb_stmt* stmt);

DECENTDB_API int decentdb_column_count(decentdb_stmt* stmt);
/* Owned by the statement; valid until decentdb_finalize. */
DECENTDB_API const char* decentdb_column_name(decentdb_stmt* stmt, int column);
/* Type code of the current row's value in column. */
DECENTDB_API int decentdb_column_type(decentdb_stmt* stmt, int column);
DECENTDB_API int decentdb_column_is_null(decentdb_stmt* stmt, int column);
DECENTDB_API int64_t decentdb_column_int64(decentdb_stmt* stmt, int column);
DECENTDB_API double decentdb_column_float64(decentdb_stmt* stmt, int column);
/* Owned by the statement; valid until the next step, step_batch, reset or finalize, or
 * the next converting accessor on the same column. NUL-terminated; *out_len (if not
 * NULL) receives the length in bytes without the NUL. */
DECENTDB_API const char* decentdb_column_text(decentdb_stmt* stmt, int column, int* out_len);
/* Owned as decentdb_column_text. */
DECENTDB_API const uint8_t* decentdb_column_blob(decentdb_stmt* stmt, int column, int* out_len);

/* Rows inserted, updated or deleted by the last execution of stmt. */
DECENTDB_API int64_t decentdb_rows_affected(decentdb_stmt* stmt);

/* Releases the statement. NULL is a no-op; so is an already finalized statement whose
 * memory the caller still owns. */
DECENTDB_API void decentdb_finalize(decentdb_stmt* stmt);

/* ---- Extensions for bindings (ENGINE.md §11.2) -------------------------------------- */

/* Number of parameters ($N with the largest N). */
DECENTDB_API int decentdb_param_count(decentdb_stmt* stmt);

/* Declared type of a result column that comes straight from a table column or a CAST
 * (e.g. "TIMESTAMP", "DECIMAL(10,2)"), or NULL. Owned by the statement; valid until
 * decentdb_finalize. */
DECENTDB_API const char* decentdb_column_decltype(decentdb_stmt* stmt, int column);

/*
 * Binds all parameters from one buffer: u32 count, then count values for $1..$count,
 * each a u8 type tag and its payload (little-endian, unaligned): NULL nothing; INT64 i64;
 * FLOAT64 f64; TEXT u32 length + UTF-8 bytes; BLOB u32 length + bytes; BOOL u8.
 * count must equal decentdb_param_count. The buffer is read during the call only.
 */
DECENTDB_API int decentdb_bind_all(decentdb_stmt* stmt, const uint8_t* buf, size_t len);

/*
 * Writes up to max_rows rows into the caller's buffer buf of cap bytes, each row being
 * column_count consecutive values in the encoding of decentdb_bind_all, stopping before
 * a row that does not fit. *out_rows receives the number of rows written, *out_used the
 * bytes used. Returns 1 if more rows may follow, 0 when done, DECENTDB_ROW_TOO_BIG (2)
 * when the next row does not fit an empty buffer (then *out_used is that row's size and
 * the statement stays positioned on it), or an error.
 */
DECENTDB_API int decentdb_step_batch(decentdb_stmt* stmt, uint8_t* buf, size_t cap, int max_rows,
                                     int* out_rows, size_t* out_used);

/* decentdb_reset + decentdb_bind_all(params) + decentdb_step_batch in one call. For DML
 * without RETURNING it executes the statement and returns 0 with no rows. */
DECENTDB_API int decentdb_query_batch(decentdb_stmt* stmt, const uint8_t* params, size_t params_len,
                                      uint8_t* buf, size_t cap, int max_rows,
                                      int* out_rows, size_t* out_used);

/*
 * Executes stmt once for each of row_count parameter sets stored back to back in buf
 * (each in the encoding of decentdb_bind_all). In autocommit mode all executions form one
 * transaction; inside an explicit transaction only a failing execution is undone.
 * *out_total_affected receives the sum of affected rows, *out_failed_row the 0-based index
 * of the failing execution or -1; out_rowids (may be NULL, else row_count entries)
 * receives each execution's last inserted rowid. Statements with RETURNING are
 * DECENTDB_ERR_MISUSE.
 */
DECENTDB_API int decentdb_execute_many(decentdb_stmt* stmt, const uint8_t* buf, size_t len, int row_count,
                                       int64_t* out_total_affected, int* out_failed_row,
                                       int64_t* out_rowids);

/*
 * decentdb_execute_many, reporting each execution's affected-row count in out_counts
 * (row_count entries; may be NULL) instead of the sum. Entries past a failing execution are
 * left as they were.
 */
DECENTDB_API int decentdb_execute_many_counts(decentdb_stmt* stmt, const uint8_t* buf, size_t len,
                                              int row_count, int64_t* out_counts,
                                              int* out_failed_row, int64_t* out_rowids);

/*
 * A number that changes whenever the statement was re-prepared after a schema change with
 * other result columns (count, names or declared types; e.g. SELECT * after ALTER TABLE or
 * DROP + CREATE). Callers that cache column metadata compare it after an execution. -1 for
 * an invalid handle.
 */
DECENTDB_API int64_t decentdb_column_version(decentdb_stmt* stmt);

/* Ends the current execution and releases its snapshot; keeps the bindings. */
DECENTDB_API int decentdb_reset(decentdb_stmt* stmt);
/* Sets every parameter back to NULL. */
DECENTDB_API int decentdb_clear_bindings(decentdb_stmt* stmt);

/* Runs a script of ';'-separated statements, discarding rows; stops at the first error. */
DECENTDB_API int decentdb_exec(decentdb_db* db, const char* sql_script);

/* Rowid of the last row inserted through this connection (0 if none). */
DECENTDB_API int64_t decentdb_last_insert_rowid(decentdb_db* db);
/* 1 inside an explicit transaction, 0 otherwise (or on a bad handle). */
DECENTDB_API int decentdb_in_transaction(decentdb_db* db);

/* Switches the connection between read-only (1: every write is refused with
 * DECENTDB_ERR_TRANSACTION, SQLSTATE 25006) and read-write (0). Not allowed inside a
 * transaction (DECENTDB_ERR_TRANSACTION, 25001); a connection opened with read_only=true
 * cannot become read-write (DECENTDB_ERR_MISUSE). */
DECENTDB_API int decentdb_set_read_only(decentdb_db* db, int read_only);

/* Copies committed WAL pages into the database file. mode DECENTDB_CHECKPOINT_PASSIVE
 * copies what no reader still needs and never waits for readers; FULL first waits (up to
 * 5 s, blocking writers) for readers on older snapshots to finish, so that everything is
 * copied and the WAL reset; TRUNCATE does what FULL does and also truncates the WAL file
 * to its header. Returns DECENTDB_OK even when readers prevented the WAL reset;
 * *out_frames_left (may be NULL) receives the number of WAL frames still needed by
 * readers. */
DECENTDB_API int decentdb_checkpoint(decentdb_db* db, int mode, int64_t* out_frames_left);

/* Asks the running statement of db to stop with DECENTDB_ERR_TRANSACTION (57014). Callable
 * from any thread while db is open. */
DECENTDB_API void decentdb_interrupt(decentdb_db* db);

/* Checks the database's invariants and checksums. Returns DECENTDB_OK when everything is
 * in order; otherwise DECENTDB_ERR_CORRUPTION with the problems in the error message. */
DECENTDB_API int decentdb_integrity_check(decentdb_db* db);

/* The engine's version, e.g. "1.0.0". Static storage; valid forever. */
DECENTDB_API const char* decentdb_version(void);

#ifdef __cplusplus
}
#endif

#endif /* DECENTDB_H */
