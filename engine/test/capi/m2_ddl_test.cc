// Prepared statements across the M2 DDL (ENGINE.md §6.1, §7.5): ALTER TABLE bumps the
// schema cookie, so a statement prepared before it re-prepares at its next step (new
// columns appear, renamed ones resolve or fail with ERR_SQL); savepoints restore the
// schema a statement sees.
#include <string>

#include "decentdb.h"
#include "harness/test.h"

namespace {

int Exec(decentdb_db* db, const char* sql) { return decentdb_exec(db, sql); }

int64_t ScalarInt(decentdb_db* db, const char* sql) {
  decentdb_stmt* st = nullptr;
  if (decentdb_prepare(db, sql, &st) != DECENTDB_OK) return -999;
  int64_t v = -998;
  if (decentdb_step(st) == DECENTDB_ROW) v = decentdb_column_int64(st, 0);
  decentdb_finalize(st);
  return v;
}

}  // namespace

TEST(M2Ddl, PreparedSelectSeesAddedColumnAfterReprepare) {
  decentdb_db* db = decentdb_open(":memory:", nullptr);
  ASSERT_TRUE(db != nullptr);
  ASSERT_EQ(Exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT); INSERT INTO t VALUES (1, 10)"), DECENTDB_OK);
  decentdb_stmt* st = nullptr;
  ASSERT_EQ(decentdb_prepare(db, "SELECT * FROM t", &st), DECENTDB_OK);
  EXPECT_EQ(decentdb_column_count(st), 2);
  ASSERT_EQ(decentdb_step(st), DECENTDB_ROW);
  ASSERT_EQ(decentdb_reset(st), DECENTDB_OK);
  ASSERT_EQ(Exec(db, "ALTER TABLE t ADD COLUMN b INT NOT NULL DEFAULT 7"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(st), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_count(st), 3);
  EXPECT_EQ(std::string(decentdb_column_name(st, 2)), std::string("b"));
  EXPECT_EQ(decentdb_column_int64(st, 2), 7);
  decentdb_finalize(st);
  decentdb_close(db);
}

TEST(M2Ddl, PreparedStatementOnRenamedColumnFailsCleanlyThenWorksAgain) {
  decentdb_db* db = decentdb_open(":memory:", nullptr);
  ASSERT_TRUE(db != nullptr);
  ASSERT_EQ(Exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, a INT); INSERT INTO t VALUES (1, 10)"), DECENTDB_OK);
  decentdb_stmt* st = nullptr;
  ASSERT_EQ(decentdb_prepare(db, "SELECT a FROM t", &st), DECENTDB_OK);
  ASSERT_EQ(Exec(db, "ALTER TABLE t RENAME COLUMN a TO c"), DECENTDB_OK);
  EXPECT_EQ(decentdb_step(st), DECENTDB_ERR_SQL);
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(db)), std::string("42703"));
  ASSERT_EQ(decentdb_reset(st), DECENTDB_OK);
  ASSERT_EQ(Exec(db, "ALTER TABLE t RENAME COLUMN c TO a"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(st), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_int64(st, 0), 10);
  decentdb_finalize(st);
  // A prepared INSERT follows a RENAME TO of its table only by name: the old name is gone.
  ASSERT_EQ(decentdb_prepare(db, "INSERT INTO t (id, a) VALUES (2, 20)", &st), DECENTDB_OK);
  ASSERT_EQ(Exec(db, "ALTER TABLE t RENAME TO u"), DECENTDB_OK);
  EXPECT_EQ(decentdb_step(st), DECENTDB_ERR_SQL);
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(db)), std::string("42P01"));
  decentdb_finalize(st);
  EXPECT_EQ(ScalarInt(db, "SELECT COUNT(*) FROM u"), 1);
  decentdb_close(db);
}

TEST(M2Ddl, RollbackToSavepointRestoresTheSchemaPreparedStatementsSee) {
  decentdb_db* db = decentdb_open(":memory:", nullptr);
  ASSERT_TRUE(db != nullptr);
  ASSERT_EQ(Exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1)"), DECENTDB_OK);
  decentdb_stmt* st = nullptr;
  ASSERT_EQ(decentdb_prepare(db, "SELECT * FROM t", &st), DECENTDB_OK);
  ASSERT_EQ(Exec(db, "BEGIN; SAVEPOINT s; ALTER TABLE t ADD COLUMN x INT DEFAULT 5"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(st), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_count(st), 2);
  ASSERT_EQ(decentdb_reset(st), DECENTDB_OK);
  ASSERT_EQ(Exec(db, "ROLLBACK TO s"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(st), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_count(st), 1);
  ASSERT_EQ(decentdb_reset(st), DECENTDB_OK);
  // A different DDL after the rollback reuses the cookie value; the statement must still
  // see the new shape, not a cached one.
  ASSERT_EQ(Exec(db, "ALTER TABLE t ADD COLUMN y TEXT DEFAULT 'y'"), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(st), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_count(st), 2);
  EXPECT_EQ(std::string(decentdb_column_name(st, 1)), std::string("y"));
  decentdb_finalize(st);
  ASSERT_EQ(Exec(db, "COMMIT"), DECENTDB_OK);
  EXPECT_EQ(ScalarInt(db, "SELECT COUNT(*) FROM decentdb_columns WHERE table_name = 't'"), 2);
  decentdb_close(db);
}
