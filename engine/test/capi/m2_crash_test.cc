// Process death in the middle of savepoints and FK cascades (ENGINE.md §3.5, §4.5, §7.5):
// a child process runs the work on a real file and exits without closing, with the
// transaction open or just committed; the parent then opens the file and must find
// exactly the last committed state, with cascades applied all or nothing, and a sound
// file. A small cache makes the open transaction spill uncommitted pages to the WAL.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "decentdb.h"
#include "harness/test.h"

namespace {

const char kSchema[] =
    "CREATE TABLE p (id INTEGER PRIMARY KEY, pad TEXT);"
    "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INT REFERENCES p ON DELETE CASCADE, pad TEXT);"
    "CREATE TABLE g (id INTEGER PRIMARY KEY, c_id INT REFERENCES c ON DELETE SET NULL);";

int64_t Scalar(decentdb_db* db, const char* sql) {
  decentdb_stmt* st = nullptr;
  if (decentdb_prepare(db, sql, &st) != DECENTDB_OK) return -1;
  int64_t v = -2;
  if (decentdb_step(st) == DECENTDB_ROW) v = decentdb_column_int64(st, 0);
  decentdb_finalize(st);
  return v;
}

// Runs body in a forked process that dies with _exit (no close, no checkpoint).
int RunAndDie(const std::string& path, int (*body)(decentdb_db*)) {
  std::fflush(nullptr);
  pid_t pid = fork();
  if (pid == 0) {
    decentdb_db* db = decentdb_open(path.c_str(), "cache_size=64KB");
    if (db == nullptr) _exit(20);
    _exit(body(db));
  }
  int status = 0;
  if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -3;
  return WEXITSTATUS(status);
}

int Populate(decentdb_db* db) {
  if (decentdb_exec(db, kSchema) != DECENTDB_OK) return 1;
  // 200 parents, 5 children each, one grandchild per child; long pads fill many pages.
  if (decentdb_exec(db, "BEGIN") != DECENTDB_OK) return 2;
  for (int i = 1; i <= 200; ++i) {
    std::string sql = "INSERT INTO p VALUES (" + std::to_string(i) + ", '" + std::string(300, 'p') + "');";
    for (int k = 0; k < 5; ++k) {
      const int cid = i * 10 + k;
      sql += "INSERT INTO c VALUES (" + std::to_string(cid) + ", " + std::to_string(i) + ", '" +
             std::string(200, 'c') + "');";
      sql += "INSERT INTO g VALUES (" + std::to_string(cid) + ", " + std::to_string(cid) + ");";
    }
    if (decentdb_exec(db, sql.c_str()) != DECENTDB_OK) return 3;
  }
  if (decentdb_exec(db, "COMMIT") != DECENTDB_OK) return 4;
  return 0;
}

// Cascades and savepoints in an open transaction, then death before COMMIT.
int CascadeThenDie(decentdb_db* db) {
  if (decentdb_exec(db, "BEGIN; SAVEPOINT a; DELETE FROM p WHERE id <= 100") != DECENTDB_OK) return 1;
  if (Scalar(db, "SELECT COUNT(*) FROM c") != 500) return 2;
  if (decentdb_exec(db, "SAVEPOINT b; DELETE FROM p; ROLLBACK TO b; RELEASE a") != DECENTDB_OK) return 3;
  if (Scalar(db, "SELECT COUNT(*) FROM g WHERE c_id IS NULL") != 500) return 4;
  return 0;  // dies with the transaction open
}

// The same work committed, then death without close.
int CascadeCommitThenDie(decentdb_db* db) {
  if (decentdb_exec(db, "BEGIN; SAVEPOINT a; DELETE FROM p WHERE id <= 100; SAVEPOINT b; DELETE FROM p; "
                        "ROLLBACK TO b; RELEASE a; COMMIT") != DECENTDB_OK)
    return 1;
  return 0;
}

}  // namespace

TEST(M2Crash, CascadesInAnUncommittedTransactionVanishWithTheProcess) {
  const std::string path = ddbtest::TempDir() + "/m2crash1.ddb";
  ASSERT_EQ(RunAndDie(path, Populate), 0);
  ASSERT_EQ(RunAndDie(path, CascadeThenDie), 0);
  decentdb_db* db = decentdb_open(path.c_str(), nullptr);
  ASSERT_TRUE(db != nullptr);
  EXPECT_EQ(decentdb_integrity_check(db), DECENTDB_OK);
  EXPECT_EQ(Scalar(db, "SELECT COUNT(*) FROM p"), 200);
  EXPECT_EQ(Scalar(db, "SELECT COUNT(*) FROM c"), 1000);
  EXPECT_EQ(Scalar(db, "SELECT COUNT(*) FROM g WHERE c_id IS NULL"), 0);
  decentdb_close(db);
}

TEST(M2Crash, CommittedCascadesAndSavepointRollbacksSurviveTheProcess) {
  const std::string path = ddbtest::TempDir() + "/m2crash2.ddb";
  ASSERT_EQ(RunAndDie(path, Populate), 0);
  ASSERT_EQ(RunAndDie(path, CascadeCommitThenDie), 0);
  decentdb_db* db = decentdb_open(path.c_str(), nullptr);
  ASSERT_TRUE(db != nullptr);
  EXPECT_EQ(decentdb_integrity_check(db), DECENTDB_OK);
  EXPECT_EQ(Scalar(db, "SELECT COUNT(*) FROM p"), 100);
  EXPECT_EQ(Scalar(db, "SELECT MIN(id) FROM p"), 101);
  EXPECT_EQ(Scalar(db, "SELECT COUNT(*) FROM c"), 500);
  EXPECT_EQ(Scalar(db, "SELECT COUNT(*) FROM g"), 1000);
  EXPECT_EQ(Scalar(db, "SELECT COUNT(*) FROM g WHERE c_id IS NULL"), 500);
  decentdb_close(db);
}
