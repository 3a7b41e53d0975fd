// decentdb_set_read_only: a read-write connection switched to read-only has every write
// refused by the engine (25006) and can switch back; switching inside a transaction is 25001;
// a connection opened read_only=true cannot become writable; bad handles are misuse.
#include <string>

#include "decentdb.h"
#include "harness/test.h"

TEST(ReadOnly, SwitchingRefusesWritesAndSwitchesBack) {
  std::string path = ddbtest::TempDir() + "/ro.ddb";
  decentdb_db* db = decentdb_open(path.c_str(), "fsync=off");
  ASSERT_TRUE(db != nullptr);
  ASSERT_EQ(decentdb_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)"), DECENTDB_OK);
  ASSERT_EQ(decentdb_set_read_only(db, 1), DECENTDB_OK);
  EXPECT_EQ(decentdb_exec(db, "INSERT INTO t (v) VALUES ('x')"), DECENTDB_ERR_TRANSACTION);
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(db)), "25006");
  EXPECT_EQ(decentdb_exec(db, "CREATE TABLE u (id INTEGER)"), DECENTDB_ERR_TRANSACTION);
  decentdb_stmt* st = nullptr;
  ASSERT_EQ(decentdb_prepare(db, "SELECT COUNT(*) FROM t", &st), DECENTDB_OK);
  EXPECT_EQ(decentdb_step(st), DECENTDB_ROW);  // reads still work
  EXPECT_EQ(decentdb_column_int64(st, 0), 0);
  decentdb_finalize(st);
  ASSERT_EQ(decentdb_set_read_only(db, 0), DECENTDB_OK);
  EXPECT_EQ(decentdb_exec(db, "INSERT INTO t (v) VALUES ('x')"), DECENTDB_OK);

  ASSERT_EQ(decentdb_exec(db, "BEGIN"), DECENTDB_OK);
  EXPECT_EQ(decentdb_set_read_only(db, 1), DECENTDB_ERR_TRANSACTION);
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(db)), "25001");
  ASSERT_EQ(decentdb_exec(db, "ROLLBACK"), DECENTDB_OK);
  EXPECT_EQ(decentdb_close(db), DECENTDB_OK);
  EXPECT_EQ(decentdb_set_read_only(db, 1), DECENTDB_ERR_MISUSE);  // closed handle
  EXPECT_EQ(decentdb_set_read_only(nullptr, 1), DECENTDB_ERR_MISUSE);
}

TEST(ReadOnly, OpenedReadOnlyStaysReadOnly) {
  std::string path = ddbtest::TempDir() + "/ro2.ddb";
  decentdb_db* w = decentdb_open(path.c_str(), "fsync=off");
  ASSERT_TRUE(w != nullptr);
  ASSERT_EQ(decentdb_exec(w, "CREATE TABLE t (id INTEGER PRIMARY KEY)"), DECENTDB_OK);
  decentdb_db* r = decentdb_open(path.c_str(), "read_only=true");
  ASSERT_TRUE(r != nullptr);
  EXPECT_EQ(decentdb_set_read_only(r, 0), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_exec(r, "INSERT INTO t (id) VALUES (1)"), DECENTDB_ERR_TRANSACTION);
  EXPECT_EQ(decentdb_set_read_only(r, 1), DECENTDB_OK);
  decentdb_close(r);
  decentdb_close(w);
}
