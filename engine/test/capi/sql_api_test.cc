// C API over real SQL: batch calls (bind_all, step_batch, query_batch), execute_many in
// autocommit and explicit transactions, generated keys, re-prepare after DDL, column
// metadata, open statements across COMMIT, interrupts, and two connections on one file
// (snapshot isolation, busy timeout, stale writers). Design: ENGINE.md §4.3-§4.6, §6.1,
// §9.5-§9.6, §11.
#include <chrono>
#include <cstring>
#include <string>
#include <vector>

#include "decentdb.h"
#include "harness/test.h"

namespace {

void PutU32(std::vector<uint8_t>* b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b->push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void PutI64(std::vector<uint8_t>* b, int64_t v) {
  for (int i = 0; i < 8; ++i) b->push_back(static_cast<uint8_t>(static_cast<uint64_t>(v) >> (8 * i)));
}
void PutInt(std::vector<uint8_t>* b, int64_t v) {
  b->push_back(DECENTDB_TYPE_INT64);
  PutI64(b, v);
}
void PutText(std::vector<uint8_t>* b, const std::string& s) {
  b->push_back(DECENTDB_TYPE_TEXT);
  PutU32(b, static_cast<uint32_t>(s.size()));
  b->insert(b->end(), s.begin(), s.end());
}
int64_t GetI64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v |= static_cast<uint64_t>(p[i]) << (8 * i);
  return static_cast<int64_t>(v);
}

struct Db {
  explicit Db(const std::string& path, const char* options = nullptr) {
    db = decentdb_open(path.c_str(), options);
  }
  ~Db() {
    if (db != nullptr) decentdb_close(db);
  }
  int Exec(const char* sql) { return decentdb_exec(db, sql); }
  std::string Error() const {
    return std::string(decentdb_last_error_sqlstate(db)) + " " + decentdb_last_error_message(db);
  }
  std::string State() const { return decentdb_last_error_sqlstate(db); }
  // The single INT64 value of a one-row query, or -999 on error.
  int64_t Scalar(const char* sql) {
    decentdb_stmt* st = nullptr;
    if (decentdb_prepare(db, sql, &st) != DECENTDB_OK) return -999;
    int64_t v = -999;
    if (decentdb_step(st) == DECENTDB_ROW) v = decentdb_column_int64(st, 0);
    decentdb_finalize(st);
    return v;
  }
  decentdb_db* db;
};

std::string Path(const char* name) { return ddbtest::TempDir() + "/" + name; }

TEST(SqlApi, PreparedInsertSelectRoundTripWithMetadata) {
  Db d(":memory:");
  ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name VARCHAR(20), price DECIMAL(8,2), at TIMESTAMP)"),
            DECENTDB_OK);
  decentdb_stmt* ins = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "INSERT INTO t (name, price, at) VALUES ($1, $2, $3)", &ins), DECENTDB_OK);
  EXPECT_EQ(decentdb_param_count(ins), 3);
  EXPECT_EQ(decentdb_column_count(ins), 0);
  for (int i = 0; i < 3; ++i) {
    std::string name = "n" + std::to_string(i);
    EXPECT_EQ(decentdb_reset(ins), DECENTDB_OK);
    EXPECT_EQ(decentdb_bind_text(ins, 1, name.c_str(), -1), DECENTDB_OK);
    EXPECT_EQ(decentdb_bind_text(ins, 2, "12.345", -1), DECENTDB_OK);
    EXPECT_EQ(decentdb_bind_int64(ins, 3, 1000 * i), DECENTDB_OK);
    EXPECT_EQ(decentdb_step(ins), DECENTDB_DONE);
    EXPECT_EQ(decentdb_rows_affected(ins), 1);
    EXPECT_EQ(decentdb_last_insert_rowid(d.db), i + 1);
  }
  // Unbound parameters are an error, not NULL.
  EXPECT_EQ(decentdb_reset(ins), DECENTDB_OK);
  EXPECT_EQ(decentdb_clear_bindings(ins), DECENTDB_OK);
  EXPECT_EQ(decentdb_step(ins), DECENTDB_ERR_SQL);
  EXPECT_TRUE(std::string(decentdb_last_error_message(d.db)).find("missing parameter $1") != std::string::npos);
  decentdb_finalize(ins);

  decentdb_stmt* sel = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "SELECT id, name, price, at, price * 2 AS twice FROM t WHERE id = $1", &sel),
            DECENTDB_OK);
  ASSERT_EQ(decentdb_column_count(sel), 5);
  EXPECT_EQ(std::string(decentdb_column_name(sel, 1)), "name");
  EXPECT_EQ(std::string(decentdb_column_decltype(sel, 1)), "VARCHAR(20)");
  EXPECT_EQ(std::string(decentdb_column_decltype(sel, 2)), "DECIMAL(8,2)");
  EXPECT_EQ(std::string(decentdb_column_decltype(sel, 3)), "TIMESTAMP");
  EXPECT_EQ(std::string(decentdb_column_name(sel, 4)), "twice");
  EXPECT_EQ(decentdb_bind_int64(sel, 1, 2), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_int64(sel, 0), 2);
  EXPECT_EQ(std::string(decentdb_column_text(sel, 1, nullptr)), "n1");
  EXPECT_EQ(std::string(decentdb_column_text(sel, 2, nullptr)), "12.35");  // rounded to (8,2)
  EXPECT_EQ(decentdb_column_int64(sel, 3), 1000);
  EXPECT_EQ(decentdb_step(sel), DECENTDB_DONE);
  decentdb_finalize(sel);
}

TEST(SqlApi, ReturningStreamsAfterAutocommitWrite) {
  Db d(":memory:");
  ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"), DECENTDB_OK);
  decentdb_stmt* st = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "INSERT INTO t (v) VALUES ('a'), ('b'), ('c') RETURNING id", &st), DECENTDB_OK);
  EXPECT_EQ(decentdb_column_count(st), 1);
  ASSERT_EQ(decentdb_step(st), DECENTDB_ROW);
  // The write committed inside the first step: another connection... here, a second
  // statement on the same connection sees all rows while RETURNING is still streaming.
  EXPECT_EQ(decentdb_rows_affected(st), 3);
  EXPECT_EQ(decentdb_in_transaction(d.db), 0);
  EXPECT_EQ(d.Scalar("SELECT COUNT(*) FROM t"), 3);
  EXPECT_EQ(decentdb_column_int64(st, 0), 1);
  ASSERT_EQ(decentdb_step(st), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_int64(st, 0), 2);
  ASSERT_EQ(decentdb_step(st), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_int64(st, 0), 3);
  EXPECT_EQ(decentdb_step(st), DECENTDB_DONE);
  decentdb_finalize(st);
}

TEST(SqlApi, StepBatchAndQueryBatchOverRealRows) {
  Db d(":memory:");
  ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INT)"), DECENTDB_OK);
  decentdb_stmt* ins = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "INSERT INTO t (v) VALUES ($1)", &ins), DECENTDB_OK);
  std::vector<uint8_t> params;
  for (int i = 0; i < 100; ++i) {
    PutU32(&params, 1);
    PutInt(&params, i * 10);
  }
  int64_t total = 0;
  int failed = 0;
  std::vector<int64_t> rowids(100, 0);
  ASSERT_EQ(decentdb_execute_many(ins, params.data(), params.size(), 100, &total, &failed, rowids.data()),
            DECENTDB_OK);
  EXPECT_EQ(total, 100);
  EXPECT_EQ(failed, -1);
  EXPECT_EQ(rowids[0], 1);
  EXPECT_EQ(rowids[99], 100);
  decentdb_finalize(ins);

  decentdb_stmt* sel = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "SELECT id, v FROM t ORDER BY id", &sel), DECENTDB_OK);
  uint8_t buf[18 * 7];  // 7 rows of two INT64 values (9 bytes each)
  int rows = 0, seen = 0, rc = 1;
  size_t used = 0;
  while (rc == 1) {
    rc = decentdb_step_batch(sel, buf, sizeof buf, 1000, &rows, &used);
    ASSERT_TRUE(rc == 0 || rc == 1);
    ASSERT_EQ(used, static_cast<size_t>(rows) * 18);
    for (int r = 0; r < rows; ++r) {
      EXPECT_EQ(buf[r * 18], DECENTDB_TYPE_INT64);
      EXPECT_EQ(GetI64(buf + r * 18 + 1), seen + 1);
      EXPECT_EQ(GetI64(buf + r * 18 + 10), seen * 10);
      ++seen;
    }
  }
  EXPECT_EQ(seen, 100);
  decentdb_finalize(sel);

  // query_batch: reset + bind_all + first batch in one call, repeatedly.
  ASSERT_EQ(decentdb_prepare(d.db, "SELECT v FROM t WHERE id = $1", &sel), DECENTDB_OK);
  for (int id : {5, 77, 100}) {
    std::vector<uint8_t> p;
    PutU32(&p, 1);
    PutInt(&p, id);
    uint8_t out[64];
    EXPECT_EQ(decentdb_query_batch(sel, p.data(), p.size(), out, sizeof out, 16, &rows, &used), DECENTDB_DONE);
    EXPECT_EQ(rows, 1);
    EXPECT_EQ(GetI64(out + 1), (id - 1) * 10);
  }
  // A parameter set of the wrong size is refused.
  std::vector<uint8_t> bad;
  PutU32(&bad, 2);
  PutInt(&bad, 1);
  PutInt(&bad, 2);
  uint8_t out[64];
  EXPECT_TRUE(decentdb_query_batch(sel, bad.data(), bad.size(), out, sizeof out, 16, &rows, &used) < 0);
  decentdb_finalize(sel);

  // DML through query_batch reports rows affected.
  ASSERT_EQ(decentdb_prepare(d.db, "UPDATE t SET v = -v WHERE id <= $1", &sel), DECENTDB_OK);
  std::vector<uint8_t> p;
  PutU32(&p, 1);
  PutInt(&p, 10);
  EXPECT_EQ(decentdb_query_batch(sel, p.data(), p.size(), out, sizeof out, 16, &rows, &used), DECENTDB_DONE);
  EXPECT_EQ(rows, 0);
  EXPECT_EQ(decentdb_rows_affected(sel), 10);
  decentdb_finalize(sel);
}

TEST(SqlApi, ExecuteManyIsAllOrNothingInAutocommitAndPerRowInATransaction) {
  Db d(":memory:");
  ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, k TEXT UNIQUE)"), DECENTDB_OK);
  decentdb_stmt* ins = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "INSERT INTO t (k) VALUES ($1)", &ins), DECENTDB_OK);
  std::vector<uint8_t> params;
  for (const char* k : {"a", "b", "a", "c"}) {
    PutU32(&params, 1);
    PutText(&params, k);
  }
  int64_t total = -1;
  int failed = -7;
  EXPECT_EQ(decentdb_execute_many(ins, params.data(), params.size(), 4, &total, &failed, nullptr),
            DECENTDB_ERR_CONSTRAINT);
  EXPECT_EQ(d.State(), "23505");
  EXPECT_EQ(failed, 2);
  EXPECT_EQ(total, 0);
  EXPECT_EQ(decentdb_in_transaction(d.db), 0);
  EXPECT_EQ(d.Scalar("SELECT COUNT(*) FROM t"), 0);

  // In an explicit transaction only the failing execution is undone.
  ASSERT_EQ(d.Exec("BEGIN"), DECENTDB_OK);
  EXPECT_EQ(decentdb_execute_many(ins, params.data(), params.size(), 4, &total, &failed, nullptr),
            DECENTDB_ERR_CONSTRAINT);
  EXPECT_EQ(failed, 2);
  EXPECT_EQ(total, 2);
  EXPECT_EQ(decentdb_in_transaction(d.db), 1);
  ASSERT_EQ(d.Exec("COMMIT"), DECENTDB_OK);
  EXPECT_EQ(d.Scalar("SELECT COUNT(*) FROM t"), 2);

  // RETURNING statements cannot be batched.
  decentdb_stmt* ret = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "INSERT INTO t (k) VALUES ($1) RETURNING id", &ret), DECENTDB_OK);
  EXPECT_EQ(decentdb_execute_many(ret, params.data(), params.size(), 4, &total, &failed, nullptr),
            DECENTDB_ERR_MISUSE);
  decentdb_finalize(ret);
  decentdb_finalize(ins);
}

TEST(SqlApi, ExecuteManyCountsReportsEachExecution) {
  Db d(":memory:");
  ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, g INT)"), DECENTDB_OK);
  ASSERT_EQ(d.Exec("INSERT INTO t (g) VALUES (1), (2), (2), (3), (3), (3)"), DECENTDB_OK);
  decentdb_stmt* upd = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "UPDATE t SET g = g WHERE g = $1", &upd), DECENTDB_OK);
  std::vector<uint8_t> params;
  for (int g : {3, 9, 1, 2}) {
    PutU32(&params, 1);
    PutInt(&params, g);
  }
  std::vector<int64_t> counts(4, -7);
  int failed = 0;
  ASSERT_EQ(decentdb_execute_many_counts(upd, params.data(), params.size(), 4, counts.data(),
                                         &failed, nullptr),
            DECENTDB_OK);
  EXPECT_EQ(failed, -1);
  EXPECT_EQ(counts[0], 3);
  EXPECT_EQ(counts[1], 0);
  EXPECT_EQ(counts[2], 1);
  EXPECT_EQ(counts[3], 2);
  // A failing execution stops the batch; counts before it are kept.
  decentdb_stmt* ins = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "INSERT INTO t (id, g) VALUES ($1, 0)", &ins), DECENTDB_OK);
  std::vector<uint8_t> dup;
  for (int id : {100, 1, 101}) {
    PutU32(&dup, 1);
    PutInt(&dup, id);
  }
  std::vector<int64_t> c2(3, -7);
  EXPECT_TRUE(decentdb_execute_many_counts(ins, dup.data(), dup.size(), 3, c2.data(), &failed,
                                           nullptr) < 0);
  EXPECT_EQ(failed, 1);
  EXPECT_EQ(c2[0], 1);
  EXPECT_EQ(c2[2], -7);
  decentdb_finalize(ins);
  decentdb_finalize(upd);
}

TEST(SqlApi, PreparedStatementsReprepareAfterDdl) {
  Db d(":memory:");
  ASSERT_EQ(d.Exec("CREATE TABLE t (a INT, b TEXT); INSERT INTO t VALUES (1, 'x'), (2, 'y')"), DECENTDB_OK);
  decentdb_stmt* sel = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "SELECT b FROM t WHERE a = 2", &sel), DECENTDB_OK);
  const char* name = decentdb_column_name(sel, 0);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(std::string(decentdb_column_text(sel, 0, nullptr)), "y");
  ASSERT_EQ(decentdb_reset(sel), DECENTDB_OK);

  // An index changes the schema cookie; the statement re-prepares by itself.
  ASSERT_EQ(d.Exec("CREATE INDEX t_a ON t (a)"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(std::string(decentdb_column_text(sel, 0, nullptr)), "y");
  EXPECT_EQ(std::string(name), "b");  // still valid
  ASSERT_EQ(decentdb_reset(sel), DECENTDB_OK);

  // Recreated with other columns: the re-prepare fails with ERR_SQL.
  ASSERT_EQ(d.Exec("DROP TABLE t; CREATE TABLE t (a INT, c TEXT)"), DECENTDB_OK);
  EXPECT_EQ(decentdb_step(sel), DECENTDB_ERR_SQL);
  ASSERT_EQ(decentdb_reset(sel), DECENTDB_OK);
  ASSERT_EQ(d.Exec("DROP TABLE t; CREATE TABLE t (b TEXT, a INT); INSERT INTO t VALUES ('z', 2)"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(std::string(decentdb_column_text(sel, 0, nullptr)), "z");
  decentdb_finalize(sel);

  // SELECT * takes the new columns; the column version says so, and only then.
  decentdb_stmt* star = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "SELECT * FROM t", &star), DECENTDB_OK);
  decentdb_stmt* star_batch = nullptr;  // the same through query_batch
  ASSERT_EQ(decentdb_prepare(d.db, "SELECT * FROM t", &star_batch), DECENTDB_OK);
  const int64_t v1 = decentdb_column_version(star);
  EXPECT_EQ(decentdb_column_count(star), 2);
  ASSERT_EQ(d.Exec("CREATE INDEX t_b ON t (b)"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(star), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_version(star), v1);  // same columns after the re-prepare
  ASSERT_EQ(decentdb_reset(star), DECENTDB_OK);
  ASSERT_EQ(d.Exec("DROP TABLE t; CREATE TABLE t (b TEXT, a INT, n REAL); INSERT INTO t VALUES ('w', 3, 1.5)"),
            DECENTDB_OK);
  ASSERT_EQ(decentdb_step(star), DECENTDB_ROW);
  EXPECT_NE(decentdb_column_version(star), v1);
  EXPECT_EQ(decentdb_column_count(star), 3);
  EXPECT_EQ(std::string(decentdb_column_name(star, 2)), "n");
  // A column the handle did not have when it was prepared converts like any other.
  EXPECT_EQ(std::string(decentdb_column_text(star, 2, nullptr)), "1.5");
  EXPECT_EQ(std::string(decentdb_column_text(star, 1, nullptr)), "3");
  decentdb_finalize(star);
  {
    uint8_t out[64];
    int rows = 0;
    size_t used = 0;
    std::vector<uint8_t> none;
    PutU32(&none, 0);
    ASSERT_EQ(decentdb_query_batch(star_batch, none.data(), none.size(), out, sizeof out, 16, &rows, &used),
              DECENTDB_DONE);
    EXPECT_EQ(rows, 1);
    EXPECT_EQ(used, 6u + 9u + 9u);  // 'w', 3, 1.5: every column of the new table
    EXPECT_EQ(decentdb_column_count(star_batch), 3);
  }
  decentdb_finalize(star_batch);
  EXPECT_EQ(decentdb_column_version(nullptr), -1);

  // Same for DML.
  decentdb_stmt* ins = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "INSERT INTO t (a) VALUES (5)", &ins), DECENTDB_OK);
  ASSERT_EQ(d.Exec("CREATE UNIQUE INDEX t_ua ON t (a)"), DECENTDB_OK);
  EXPECT_EQ(decentdb_step(ins), DECENTDB_DONE);
  EXPECT_EQ(decentdb_reset(ins), DECENTDB_OK);
  EXPECT_EQ(decentdb_step(ins), DECENTDB_ERR_CONSTRAINT);  // the new unique index applies
  decentdb_finalize(ins);
}

// An autocommit execution reuses a plan compiled against committed state when the
// snapshot's schema cookie is the same; a plan compiled inside a transaction whose DDL
// was rolled back must not be reused when committed DDL brings that cookie back.
TEST(SqlApi, RolledBackDdlCookieDoesNotReuseItsPlan) {
  Db d(":memory:");
  ASSERT_EQ(d.Exec("CREATE TABLE t (a INT); INSERT INTO t VALUES (1)"), DECENTDB_OK);
  decentdb_stmt* sel = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "SELECT * FROM t", &sel), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_count(sel), 1);
  ASSERT_EQ(decentdb_reset(sel), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);  // the same plan again
  EXPECT_EQ(decentdb_column_int64(sel, 0), 1);
  ASSERT_EQ(decentdb_reset(sel), DECENTDB_OK);

  ASSERT_EQ(d.Exec("BEGIN; ALTER TABLE t ADD COLUMN b INT"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_count(sel), 2);
  EXPECT_EQ(std::string(decentdb_column_name(sel, 1)), "b");
  ASSERT_EQ(decentdb_reset(sel), DECENTDB_OK);
  ASSERT_EQ(d.Exec("ROLLBACK"), DECENTDB_OK);

  ASSERT_EQ(d.Exec("ALTER TABLE t ADD COLUMN c TEXT DEFAULT 'x'"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_count(sel), 2);
  EXPECT_EQ(std::string(decentdb_column_name(sel, 1)), "c");
  EXPECT_EQ(std::string(decentdb_column_text(sel, 1, nullptr)), "x");
  ASSERT_EQ(decentdb_reset(sel), DECENTDB_OK);

  // Committed DDL from another statement is seen by the next autocommit execution.
  ASSERT_EQ(d.Exec("ALTER TABLE t ADD COLUMN d INT DEFAULT 4"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_count(sel), 3);
  EXPECT_EQ(decentdb_column_int64(sel, 2), 4);
  decentdb_finalize(sel);
}

TEST(SqlApi, TransactionsAcrossStatementsAndClose) {
  std::string path = Path("txn.ddb");
  {
    Db d(path);
    ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INT)"), DECENTDB_OK);
    ASSERT_EQ(d.Exec("BEGIN; INSERT INTO t VALUES (1, 1), (2, 2)"), DECENTDB_OK);
    EXPECT_EQ(decentdb_in_transaction(d.db), 1);
    // An open cursor reading the transaction's writes is cut off by COMMIT.
    decentdb_stmt* sel = nullptr;
    ASSERT_EQ(decentdb_prepare(d.db, "SELECT id FROM t ORDER BY id", &sel), DECENTDB_OK);
    ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
    ASSERT_EQ(d.Exec("COMMIT"), DECENTDB_OK);
    EXPECT_EQ(decentdb_step(sel), DECENTDB_ERR_MISUSE);
    EXPECT_EQ(decentdb_reset(sel), DECENTDB_OK);
    int n = 0;
    while (decentdb_step(sel) == DECENTDB_ROW) ++n;
    EXPECT_EQ(n, 2);
    decentdb_finalize(sel);
    // A DROP in the transaction cuts off cursors reading it too (their pages are freed).
    ASSERT_EQ(d.Exec("BEGIN; CREATE TABLE gone (a INT); INSERT INTO gone VALUES (1), (2)"), DECENTDB_OK);
    ASSERT_EQ(decentdb_prepare(d.db, "SELECT a FROM gone", &sel), DECENTDB_OK);
    ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
    ASSERT_EQ(d.Exec("DROP TABLE gone"), DECENTDB_OK);
    EXPECT_EQ(decentdb_step(sel), DECENTDB_ERR_MISUSE);
    decentdb_finalize(sel);
    ASSERT_EQ(d.Exec("ROLLBACK"), DECENTDB_OK);
    // Closing with an open transaction rolls it back.
    ASSERT_EQ(d.Exec("BEGIN; DELETE FROM t"), DECENTDB_OK);
  }
  Db again(path);
  EXPECT_EQ(again.Scalar("SELECT COUNT(*) FROM t"), 2);
}

// The accessors read the current row straight from the statement (Statement::current_row);
// a row cut off by the end of its transaction must read as NULL, never as stale memory.
TEST(SqlApi, AccessorsOfACutOffRowReadNull) {
  Db d(":memory:");
  ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"), DECENTDB_OK);
  ASSERT_EQ(d.Exec("BEGIN; INSERT INTO t VALUES (7, 'seven')"), DECENTDB_OK);
  decentdb_stmt* sel = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "SELECT id, v FROM t", &sel), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_int64(sel, 0), 7);
  EXPECT_EQ(std::string(decentdb_column_text(sel, 1, nullptr)), "seven");
  EXPECT_EQ(decentdb_column_int64(sel, 2), 0);  // out of range
  EXPECT_EQ(d.State(), "HY000");
  ASSERT_EQ(d.Exec("COMMIT"), DECENTDB_OK);
  EXPECT_EQ(decentdb_column_type(sel, 0), DECENTDB_TYPE_NULL);
  EXPECT_EQ(decentdb_column_int64(sel, 0), 0);
  EXPECT_EQ(decentdb_column_is_null(sel, 1), 1);
  EXPECT_TRUE(decentdb_column_text(sel, 1, nullptr) == nullptr);
  EXPECT_EQ(decentdb_step(sel), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_column_int64(sel, 0), 0);
  EXPECT_EQ(d.State(), "HY000");  // no current row
  ASSERT_EQ(decentdb_reset(sel), DECENTDB_OK);
  EXPECT_EQ(decentdb_column_type(sel, 0), DECENTDB_ERR_MISUSE);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_int64(sel, 0), 7);
  EXPECT_EQ(decentdb_step(sel), DECENTDB_DONE);
  EXPECT_EQ(decentdb_column_int64(sel, 0), 0);
  decentdb_finalize(sel);

  // RETURNING rows have no row array: the accessors and step_batch read them through
  // Column, with the same results.
  ASSERT_EQ(decentdb_prepare(d.db, "INSERT INTO t VALUES (8, 'eight'), (9, NULL) RETURNING id, v", &sel),
            DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_int64(sel, 0), 8);
  EXPECT_EQ(std::string(decentdb_column_text(sel, 1, nullptr)), "eight");
  uint8_t out[64];
  int rows = 0;
  size_t used = 0;
  ASSERT_EQ(decentdb_step_batch(sel, out, sizeof out, 8, &rows, &used), DECENTDB_DONE);
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(used, 9u + 1u);
  EXPECT_EQ(GetI64(out + 1), 9);
  EXPECT_EQ(out[9], DECENTDB_TYPE_NULL);
  decentdb_finalize(sel);
}

TEST(SqlApi, TwoConnectionsSnapshotIsolationAndBusyTimeout) {
  std::string path = Path("two.ddb");
  Db a(path);
  Db b(path, "busy_timeout_ms=50");
  ASSERT_TRUE(a.db != nullptr && b.db != nullptr);
  ASSERT_EQ(a.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INT); INSERT INTO t VALUES (1, 10)"), DECENTDB_OK);

  // b's transaction keeps its snapshot while a commits.
  ASSERT_EQ(b.Exec("BEGIN"), DECENTDB_OK);
  EXPECT_EQ(b.Scalar("SELECT v FROM t WHERE id = 1"), 10);
  ASSERT_EQ(a.Exec("UPDATE t SET v = 11 WHERE id = 1"), DECENTDB_OK);
  EXPECT_EQ(b.Scalar("SELECT v FROM t WHERE id = 1"), 10);
  EXPECT_EQ(a.Scalar("SELECT v FROM t WHERE id = 1"), 11);
  // A write from the stale snapshot is refused, and the lock was not kept.
  EXPECT_EQ(b.Exec("UPDATE t SET v = 99"), DECENTDB_ERR_TRANSACTION);
  EXPECT_EQ(b.State(), "40001");
  EXPECT_EQ(a.Exec("UPDATE t SET v = 12"), DECENTDB_OK);
  ASSERT_EQ(b.Exec("ROLLBACK"), DECENTDB_OK);
  EXPECT_EQ(b.Scalar("SELECT v FROM t WHERE id = 1"), 12);

  // While a holds the writer lock, b's write times out with ERR_BUSY and changes nothing.
  ASSERT_EQ(a.Exec("BEGIN IMMEDIATE"), DECENTDB_OK);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(b.Exec("INSERT INTO t VALUES (2, 20)"), DECENTDB_ERR_BUSY);
  auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  EXPECT_GE(waited.count(), 40);
  EXPECT_EQ(b.State(), "55P03");
  // Readers are not blocked by the writer.
  EXPECT_EQ(b.Scalar("SELECT COUNT(*) FROM t"), 1);
  ASSERT_EQ(a.Exec("INSERT INTO t VALUES (3, 30); COMMIT"), DECENTDB_OK);
  EXPECT_EQ(b.Exec("INSERT INTO t VALUES (2, 20)"), DECENTDB_OK);
  EXPECT_EQ(a.Scalar("SELECT COUNT(*) FROM t"), 3);
}

TEST(SqlApi, InterruptFailsTheRunningStep) {
  Db d(":memory:");
  ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INT)"), DECENTDB_OK);
  decentdb_stmt* ins = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "INSERT INTO t (v) VALUES ($1)", &ins), DECENTDB_OK);
  std::vector<uint8_t> params;
  for (int i = 0; i < 5000; ++i) {
    PutU32(&params, 1);
    PutInt(&params, i);
  }
  int64_t total = 0;
  int failed = 0;
  ASSERT_EQ(decentdb_execute_many(ins, params.data(), params.size(), 5000, &total, &failed, nullptr), DECENTDB_OK);
  decentdb_finalize(ins);

  // A request made while nothing runs does not hit the next statement.
  decentdb_interrupt(d.db);
  EXPECT_EQ(d.Scalar("SELECT COUNT(*) FROM t"), 5000);

  decentdb_stmt* sel = nullptr;
  ASSERT_EQ(decentdb_prepare(d.db, "SELECT v FROM t", &sel), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(sel), DECENTDB_ROW);
  decentdb_interrupt(d.db);
  int rc = DECENTDB_ROW, steps = 0;
  while (rc == DECENTDB_ROW && steps < 5000) {
    rc = decentdb_step(sel);
    ++steps;
  }
  EXPECT_EQ(rc, DECENTDB_ERR_TRANSACTION);
  EXPECT_EQ(d.State(), "57014");
  EXPECT_LE(steps, 1001);
  decentdb_finalize(sel);
  // The connection stays usable.
  EXPECT_EQ(d.Scalar("SELECT COUNT(*) FROM t"), 5000);
}

TEST(SqlApi, ScriptsStopAtTheFirstError) {
  Db d(":memory:");
  EXPECT_EQ(d.Exec("CREATE TABLE t (a INT); INSERT INTO t VALUES (1); INSERT INTO nope VALUES (1); "
                   "INSERT INTO t VALUES (2)"),
            DECENTDB_ERR_SQL);
  EXPECT_EQ(d.State(), "42P01");
  EXPECT_EQ(d.Scalar("SELECT COUNT(*) FROM t"), 1);
  EXPECT_EQ(d.Exec("SELECT * FROM t WHERE"), DECENTDB_ERR_SQL);
  EXPECT_EQ(d.State(), "42601");
  EXPECT_EQ(d.Exec("ALTER TABLE t DROP COLUMN a"), DECENTDB_ERR_SQL);
  EXPECT_EQ(d.State(), "0A000");
}

}  // namespace
