// Connection options that steer execution (ENGINE.md §9.3, §9.8, §11): max_query_memory
// bounds a query's hash tables, sort_buffer_size decides when a sort spills, and
// temp_dir is where its runs go. Each is checked through its effect on a query.
#include <string>

#include "decentdb.h"
#include "harness/test.h"

namespace {

// A 20,000-row table whose names are all distinct and not in key order.
decentdb_db* OpenFilled(const std::string& options) {
  decentdb_db* db = decentdb_open(":memory:", options.c_str());
  if (db == nullptr) return nullptr;
  if (decentdb_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)") != DECENTDB_OK) return db;
  decentdb_exec(db, "BEGIN");
  decentdb_stmt* ins = nullptr;
  decentdb_prepare(db, "INSERT INTO t (name) VALUES ($1)", &ins);
  for (int i = 0; i < 20000; ++i) {
    std::string name = "name-" + std::to_string((i * 7919) % 20000) + "-padding-to-make-rows-wider";
    decentdb_reset(ins);
    decentdb_bind_text(ins, 1, name.c_str(), -1);
    decentdb_step(ins);
  }
  decentdb_finalize(ins);
  decentdb_exec(db, "COMMIT");
  return db;
}

// Steps sql to the end: the number of rows, or the negative error code.
int64_t RunToEnd(decentdb_db* db, const char* sql) {
  decentdb_stmt* st = nullptr;
  int rc = decentdb_prepare(db, sql, &st);
  if (rc != DECENTDB_OK) return rc;
  int64_t rows = 0;
  while ((rc = decentdb_step(st)) == DECENTDB_ROW) ++rows;
  decentdb_finalize(st);
  return rc == DECENTDB_DONE ? rows : rc;
}

const char* kGroup = "SELECT name, COUNT(*) FROM t GROUP BY name";
const char* kSort = "SELECT id, name FROM t ORDER BY name";

}  // namespace

TEST(ExecOptions, MaxQueryMemoryBoundsAGroupBy) {
  decentdb_db* small = OpenFilled("max_query_memory=64KB");
  ASSERT_TRUE(small != nullptr);
  EXPECT_EQ(RunToEnd(small, "SELECT COUNT(*) FROM t"), 1);
  EXPECT_EQ(RunToEnd(small, kGroup), DECENTDB_ERR_INTERNAL);
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(small)), "53200");
  decentdb_close(small);
  decentdb_db* normal = OpenFilled("");
  ASSERT_TRUE(normal != nullptr);
  EXPECT_EQ(RunToEnd(normal, kGroup), 20000);
  decentdb_close(normal);
}

TEST(ExecOptions, SortBufferSizeAndTempDirDecideWhereASortSpills) {
  const std::string missing = ddbtest::TempDir() + "/no-such-dir/below";
  decentdb_db* db = OpenFilled("sort_buffer_size=64KB;temp_dir=" + missing);
  ASSERT_TRUE(db != nullptr);
  // The sort outgrows 64 KB and must write a run into a directory that does not exist.
  EXPECT_EQ(RunToEnd(db, kSort), DECENTDB_ERR_IO);
  decentdb_close(db);
  // Where the directory exists, the spilled sort returns every row in order.
  db = OpenFilled("sort_buffer_size=64KB;temp_dir=" + ddbtest::TempDir());
  ASSERT_TRUE(db != nullptr);
  decentdb_stmt* st = nullptr;
  ASSERT_EQ(decentdb_prepare(db, kSort, &st), DECENTDB_OK);
  std::string prev;
  int64_t rows = 0;
  int rc;
  while ((rc = decentdb_step(st)) == DECENTDB_ROW) {
    int len = 0;
    const char* name = decentdb_column_text(st, 1, &len);
    std::string cur(name, static_cast<size_t>(len));
    EXPECT_TRUE(prev <= cur);
    prev = cur;
    ++rows;
  }
  EXPECT_EQ(rc, DECENTDB_DONE);
  EXPECT_EQ(rows, 20000);
  decentdb_finalize(st);
  decentdb_close(db);
}
