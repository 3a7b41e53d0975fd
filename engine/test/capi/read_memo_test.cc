// Prepared point lookups through the C API while another connection changes the tree
// under them: the connection's interior-page memo (pager/page_memo.h) and the reused
// statement state must never show a row of another snapshot. Covers commits that split
// and grow the tree, checkpoints and WAL resets, DDL that drops and recreates the table
// (the freed pages are reused), explicit transactions keeping their snapshot, and
// two statements of one connection open on different snapshots.
// Design: ENGINE.md §4.4, §4.6, §6.1, §9.6.
#include <string>

#include "decentdb.h"
#include "harness/test.h"

namespace {

struct Db {
  explicit Db(const std::string& path) { db = decentdb_open(path.c_str(), nullptr); }
  ~Db() {
    if (db != nullptr) decentdb_close(db);
  }
  int Exec(const std::string& sql) { return decentdb_exec(db, sql.c_str()); }
  decentdb_db* db;
};

// The v of row id through the prepared lookup st, or -1 if there is no row, -2 on error.
int64_t Lookup(decentdb_stmt* st, int64_t id) {
  if (decentdb_reset(st) != DECENTDB_OK) return -2;
  if (decentdb_bind_int64(st, 1, id) != DECENTDB_OK) return -2;
  int rc = decentdb_step(st);
  if (rc == DECENTDB_DONE) return -1;
  if (rc != DECENTDB_ROW) return -2;
  int64_t v = decentdb_column_int64(st, 0);
  return decentdb_step(st) == DECENTDB_DONE ? v : -2;
}

// Inserts ids [from, to] with v = id * mult in one statement.
std::string InsertRange(int64_t from, int64_t to, int64_t mult) {
  std::string sql = "INSERT INTO t (id, v, pad) VALUES ";
  for (int64_t id = from; id <= to; ++id) {
    if (id != from) sql += ", ";
    sql += "(" + std::to_string(id) + ", " + std::to_string(id * mult) + ", '" +
           std::string(60, 'p') + "')";
  }
  return sql;
}

}  // namespace

TEST(ReadMemo, PreparedLookupsFollowOtherConnectionsCommitsCheckpointsAndDdl) {
  const std::string path = ddbtest::TempDir() + "/memo.ddb";
  Db a(path);
  Db b(path);
  ASSERT_TRUE(a.db != nullptr && b.db != nullptr);
  ASSERT_EQ(b.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INT, pad TEXT)"), DECENTDB_OK);
  ASSERT_EQ(b.Exec(InsertRange(1, 3000, 1)), DECENTDB_OK);  // a tree with interior pages
  decentdb_stmt* get = nullptr;
  ASSERT_EQ(decentdb_prepare(a.db, "SELECT v FROM t WHERE id = $1", &get), DECENTDB_OK);
  for (int64_t id = 1; id <= 3000; id += 7) ASSERT_EQ(Lookup(get, id), id);

  // b rewrites every row and appends enough to split interior pages.
  ASSERT_EQ(b.Exec("UPDATE t SET v = v * 2"), DECENTDB_OK);
  ASSERT_EQ(b.Exec(InsertRange(3001, 9000, 2)), DECENTDB_OK);
  for (int64_t id = 1; id <= 9000; id += 11) ASSERT_EQ(Lookup(get, id), 2 * id);
  EXPECT_EQ(Lookup(get, 9001), -1);

  // A checkpoint that resets the WAL moves pages to the main file; nothing changes for a.
  int64_t left = -1;
  ASSERT_EQ(decentdb_checkpoint(b.db, 2, &left), DECENTDB_OK);
  EXPECT_EQ(left, 0);
  for (int64_t id = 1; id <= 9000; id += 13) ASSERT_EQ(Lookup(get, id), 2 * id);
  // Deletes that empty and free leaves, then a checkpoint.
  ASSERT_EQ(b.Exec("DELETE FROM t WHERE id > 1000 AND id <= 8000"), DECENTDB_OK);
  ASSERT_EQ(decentdb_checkpoint(b.db, 0, &left), DECENTDB_OK);
  EXPECT_EQ(Lookup(get, 1000), 2000);
  EXPECT_EQ(Lookup(get, 1001), -1);
  EXPECT_EQ(Lookup(get, 5000), -1);
  EXPECT_EQ(Lookup(get, 8001), 16002);

  // DDL: the table is dropped and recreated with other rows (its pages are reused);
  // the statement re-prepares and must see only the new rows.
  ASSERT_EQ(b.Exec("DROP TABLE t"), DECENTDB_OK);
  ASSERT_EQ(b.Exec("CREATE TABLE filler (id INTEGER PRIMARY KEY, v INT, pad TEXT)"), DECENTDB_OK);
  ASSERT_EQ(b.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v INT, pad TEXT)"), DECENTDB_OK);
  ASSERT_EQ(b.Exec(InsertRange(1, 4000, 3)), DECENTDB_OK);
  for (int64_t id = 1; id <= 4000; id += 9) ASSERT_EQ(Lookup(get, id), 3 * id);
  EXPECT_EQ(Lookup(get, 8001), -1);

  // An explicit transaction keeps its snapshot while b commits; after it, the new state.
  ASSERT_EQ(a.Exec("BEGIN"), DECENTDB_OK);
  EXPECT_EQ(Lookup(get, 10), 30);
  ASSERT_EQ(b.Exec("UPDATE t SET v = -v"), DECENTDB_OK);
  ASSERT_EQ(b.Exec(InsertRange(4001, 6000, 5)), DECENTDB_OK);
  EXPECT_EQ(Lookup(get, 10), 30);
  EXPECT_EQ(Lookup(get, 5000), -1);
  ASSERT_EQ(a.Exec("COMMIT"), DECENTDB_OK);
  EXPECT_EQ(Lookup(get, 10), -30);
  EXPECT_EQ(Lookup(get, 5000), 25000);

  // Two statements of a, open on different snapshots, alternate lookups.
  decentdb_stmt* scan = nullptr;
  ASSERT_EQ(decentdb_prepare(a.db, "SELECT v FROM t WHERE id >= 1 ORDER BY id", &scan), DECENTDB_OK);
  ASSERT_EQ(decentdb_step(scan), DECENTDB_ROW);  // snapshot before b's next commit
  EXPECT_EQ(decentdb_column_int64(scan, 0), -3);
  ASSERT_EQ(b.Exec("UPDATE t SET v = 7 WHERE id <= 4000"), DECENTDB_OK);
  EXPECT_EQ(Lookup(get, 2), 7);
  int64_t id = 1;
  int rc;
  while ((rc = decentdb_step(scan)) == DECENTDB_ROW) {
    ++id;
    int64_t want = id <= 4000 ? -3 * id : 5 * id;
    ASSERT_EQ(decentdb_column_int64(scan, 0), want);
    if (id % 500 == 0) ASSERT_EQ(Lookup(get, id), id <= 4000 ? 7 : 5 * id);
  }
  EXPECT_EQ(rc, DECENTDB_DONE);
  EXPECT_EQ(id, 6000);
  decentdb_finalize(scan);
  decentdb_finalize(get);
}
