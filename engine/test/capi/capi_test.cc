// Tests for the connection half of the C API (include/decentdb.h): open/close, per-
// connection and per-thread error reporting, misuse of NULL and closed handles, SQL entry
// points reporting SQL errors with an SQLSTATE, ":memory:" privacy, sharing of one engine per
// file, and a second process being refused a locked file with ERR_BUSY.
#include <sys/wait.h>
#include <unistd.h>

#include <cstring>
#include <string>
#include <thread>

#include "capi/handles.h"
#include "decentdb.h"
#include "harness/test.h"

namespace {

std::string Msg(decentdb_db* db) { return decentdb_last_error_message(db); }

bool Contains(const std::string& s, const char* part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST(Capi, OpenCloseReopenFile) {
  std::string path = ddbtest::TempDir() + "/a.ddb";
  decentdb_db* db = decentdb_open(path.c_str(), nullptr);
  ASSERT_TRUE(db != nullptr);
  EXPECT_EQ(decentdb_last_error_code(nullptr), 0);
  EXPECT_EQ(decentdb_last_error_code(db), 0);
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(db)), std::string("00000"));
  EXPECT_EQ(decentdb_in_transaction(db), 0);
  EXPECT_EQ(decentdb_integrity_check(db), DECENTDB_OK);
  int64_t left = -1;
  EXPECT_EQ(decentdb_checkpoint(db, DECENTDB_CHECKPOINT_TRUNCATE, &left), DECENTDB_OK);
  EXPECT_EQ(left, 0);
  EXPECT_EQ(decentdb_close(db), DECENTDB_OK);
  db = decentdb_open(path.c_str(), "create=false;busy_timeout_ms=100");
  ASSERT_TRUE(db != nullptr);
  EXPECT_EQ(decentdb_integrity_check(db), DECENTDB_OK);
  EXPECT_EQ(decentdb_close(db), DECENTDB_OK);
}

TEST(Capi, VersionIsStatic) {
  const char* v = decentdb_version();
  ASSERT_TRUE(v != nullptr);
  EXPECT_EQ(std::string(v), std::string("1.0.0"));
  EXPECT_TRUE(decentdb_version() == v);
}

TEST(Capi, MissingFileWithoutCreateIsIoError) {
  std::string path = ddbtest::TempDir() + "/missing.ddb";
  decentdb_db* db = decentdb_open(path.c_str(), "create=false");
  ASSERT_TRUE(db == nullptr);
  EXPECT_EQ(decentdb_last_error_code(nullptr), DECENTDB_ERR_IO);
  EXPECT_TRUE(Contains(decentdb_last_error_message(nullptr), "missing.ddb"));
  // The failed open is this thread's: another thread sees no error.
  int other = -100;
  std::thread t([&] { other = decentdb_last_error_code(nullptr); });
  t.join();
  EXPECT_EQ(other, 0);
  // A later successful open clears it.
  db = decentdb_open(":memory:", nullptr);
  ASSERT_TRUE(db != nullptr);
  EXPECT_EQ(decentdb_last_error_code(nullptr), 0);
  EXPECT_EQ(std::string(decentdb_last_error_message(nullptr)), std::string(""));
  EXPECT_EQ(decentdb_close(db), DECENTDB_OK);
}

TEST(Capi, NullPathAndNullHandlesAreMisuse) {
  EXPECT_TRUE(decentdb_open(nullptr, nullptr) == nullptr);
  EXPECT_EQ(decentdb_last_error_code(nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_TRUE(decentdb_open("", nullptr) == nullptr);
  EXPECT_EQ(decentdb_last_error_code(nullptr), DECENTDB_ERR_MISUSE);

  decentdb_stmt* stmt = reinterpret_cast<decentdb_stmt*>(0x1);
  EXPECT_EQ(decentdb_close(nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_prepare(nullptr, "SELECT 1", &stmt), DECENTDB_ERR_MISUSE);
  EXPECT_TRUE(stmt == nullptr);
  EXPECT_EQ(decentdb_exec(nullptr, "SELECT 1"), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_checkpoint(nullptr, 0, nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_integrity_check(nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_in_transaction(nullptr), 0);
  EXPECT_EQ(decentdb_last_insert_rowid(nullptr), 0);
  decentdb_interrupt(nullptr);
  EXPECT_EQ(decentdb_step(nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_bind_int64(nullptr, 1, 5), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_column_count(nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_TRUE(decentdb_column_text(nullptr, 0, nullptr) == nullptr);
  EXPECT_EQ(decentdb_reset(nullptr), DECENTDB_ERR_MISUSE);
  decentdb_finalize(nullptr);
}

TEST(Capi, UseAfterCloseAndDoubleCloseAreMisuse) {
  decentdb_db* db = decentdb_open(":memory:", nullptr);
  ASSERT_TRUE(db != nullptr);
  ASSERT_EQ(decentdb_close(db), DECENTDB_OK);
  // The shell stays readable after close (H1): every call reports misuse.
  EXPECT_EQ(decentdb_close(db), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_last_error_code(db), DECENTDB_ERR_MISUSE);
  EXPECT_TRUE(Contains(Msg(db), "closed"));
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(db)).size(), 5u);
  EXPECT_EQ(decentdb_checkpoint(db, 0, nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_integrity_check(db), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_exec(db, "SELECT 1"), DECENTDB_ERR_MISUSE);
  decentdb_stmt* stmt = nullptr;
  EXPECT_EQ(decentdb_prepare(db, "SELECT 1", &stmt), DECENTDB_ERR_MISUSE);
  EXPECT_TRUE(stmt == nullptr);
  EXPECT_EQ(decentdb_in_transaction(db), 0);
  decentdb_interrupt(db);
}

TEST(Capi, SqlErrorsAreReportedOnTheConnection) {
  decentdb_db* db = decentdb_open(":memory:", nullptr);
  ASSERT_TRUE(db != nullptr);
  decentdb_stmt* stmt = nullptr;
  // Not SQL in any version of the engine (before the SQL layer: 0A000; after: a syntax error).
  EXPECT_EQ(decentdb_prepare(db, "THIS IS NOT SQL", &stmt), DECENTDB_ERR_SQL);
  EXPECT_TRUE(stmt == nullptr);
  EXPECT_EQ(decentdb_last_error_code(db), DECENTDB_ERR_SQL);
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(db)).size(), 5u);
  EXPECT_NE(std::string(decentdb_last_error_sqlstate(db)), std::string("00000"));
  EXPECT_FALSE(Msg(db).empty());
  EXPECT_EQ(decentdb_exec(db, "THIS IS NOT SQL EITHER"), DECENTDB_ERR_SQL);
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(db)).size(), 5u);
  // A successful call clears the error.
  EXPECT_EQ(decentdb_integrity_check(db), DECENTDB_OK);
  EXPECT_EQ(decentdb_last_error_code(db), 0);
  EXPECT_EQ(Msg(db), std::string(""));
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(db)), std::string("00000"));
  // Argument misuse on a live connection is recorded on it.
  EXPECT_EQ(decentdb_prepare(db, nullptr, &stmt), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_last_error_code(db), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_prepare(db, "SELECT 1", nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_checkpoint(db, 7, nullptr), DECENTDB_ERR_MISUSE);
  EXPECT_TRUE(Contains(Msg(db), "checkpoint mode"));
  EXPECT_EQ(decentdb_close(db), DECENTDB_OK);
}

TEST(Capi, ErrorsArePerConnection) {
  decentdb_db* a = decentdb_open(":memory:", nullptr);
  decentdb_db* b = decentdb_open(":memory:", nullptr);
  ASSERT_TRUE(a != nullptr && b != nullptr);
  EXPECT_EQ(decentdb_exec(a, "THIS IS NOT SQL"), DECENTDB_ERR_SQL);
  EXPECT_EQ(decentdb_last_error_code(a), DECENTDB_ERR_SQL);
  EXPECT_EQ(decentdb_last_error_code(b), 0);
  EXPECT_EQ(decentdb_close(a), DECENTDB_OK);
  EXPECT_EQ(decentdb_close(b), DECENTDB_OK);
}

TEST(Capi, MemoryDatabasesArePrivateAndFilesAreShared) {
  decentdb_db* m1 = decentdb_open(":memory:", nullptr);
  decentdb_db* m2 = decentdb_open(":memory:", nullptr);
  ASSERT_TRUE(m1 != nullptr && m2 != nullptr);
  EXPECT_TRUE(m1->conn->engine() != m2->conn->engine());

  std::string path = ddbtest::TempDir() + "/shared.ddb";
  decentdb_db* f1 = decentdb_open(path.c_str(), nullptr);
  decentdb_db* f2 = decentdb_open(path.c_str(), "read_only=true");
  ASSERT_TRUE(f1 != nullptr && f2 != nullptr);
  EXPECT_TRUE(f1->conn->engine() == f2->conn->engine());
  EXPECT_TRUE(f1->conn->options().read_only == false);
  EXPECT_TRUE(f2->conn->options().read_only == true);

  // A write committed on one private database is not seen by the other.
  uint32_t before = 0;
  {
    std::unique_ptr<decentdb::ReadTxn> r;
    ASSERT_OK(m2->conn->engine()->BeginRead(&r));
    before = r->page_count();
  }
  {
    std::unique_ptr<decentdb::WriteTxn> w;
    ASSERT_OK(m1->conn->engine()->BeginWrite(1000, UINT64_MAX, &w));
    decentdb::PageId id = 0;
    uint8_t* data = nullptr;
    ASSERT_OK(w->Allocate(&id, &data));
    std::memset(data, 0xAB, 16);
    ASSERT_OK(w->Commit());
  }
  {
    std::unique_ptr<decentdb::ReadTxn> r1, r2;
    ASSERT_OK(m1->conn->engine()->BeginRead(&r1));
    ASSERT_OK(m2->conn->engine()->BeginRead(&r2));
    EXPECT_EQ(r1->page_count(), before + 1);
    EXPECT_EQ(r2->page_count(), before);
  }
  for (decentdb_db* db : {m1, m2, f1, f2}) EXPECT_EQ(decentdb_close(db), DECENTDB_OK);
}

namespace {

// Forks a child that waits for one byte on a pipe, then runs body and exits with its
// result. The child is forked before the parent opens anything, so it shares no engine
// registry or file descriptors with the parent: it is a truly separate process.
struct Child {
  pid_t pid = -1;
  int fd = -1;
};

Child StartChild(int (*body)(const std::string&), const std::string& path) {
  int fds[2];
  Child c;
  if (pipe(fds) != 0) return c;
  std::fflush(nullptr);
  c.pid = fork();
  if (c.pid == 0) {
    close(fds[1]);
    char b;
    _exit(read(fds[0], &b, 1) == 1 ? body(path) : 30);
  }
  close(fds[0]);
  c.fd = fds[1];
  return c;
}

int FinishChild(Child c) {
  if (c.pid < 0) return -1;
  if (write(c.fd, "g", 1) != 1) return -2;
  close(c.fd);
  int status = 0;
  if (waitpid(c.pid, &status, 0) != c.pid || !WIFEXITED(status)) return -3;
  return WEXITSTATUS(status);
}

int ExpectBusy(const std::string& path) {
  decentdb_db* other = decentdb_open(path.c_str(), nullptr);
  if (other != nullptr) return 10;
  if (decentdb_last_error_code(nullptr) != DECENTDB_ERR_BUSY) return 11;
  if (std::strcmp(decentdb_last_error_sqlstate(nullptr), "55P03") != 0) return 12;
  std::string m = decentdb_last_error_message(nullptr);
  std::fprintf(stderr, "  second process saw: %s\n", m.c_str());
  if (m.find("locked") == std::string::npos || m.find("locked.ddb") == std::string::npos) return 13;
  return 0;
}

int ExpectOpens(const std::string& path) {
  decentdb_db* other = decentdb_open(path.c_str(), nullptr);
  if (other == nullptr) {
    std::fprintf(stderr, "  second process failed: %s\n", decentdb_last_error_message(nullptr));
    return 20;
  }
  return decentdb_close(other) == DECENTDB_OK ? 0 : 21;
}

}  // namespace

TEST(Capi, SecondProcessGetsBusyOnLockedFile) {
  std::string path = ddbtest::TempDir() + "/locked.ddb";
  Child busy = StartChild(ExpectBusy, path);
  ASSERT_TRUE(busy.pid > 0);
  decentdb_db* db = decentdb_open(path.c_str(), nullptr);
  ASSERT_TRUE(db != nullptr);
  EXPECT_EQ(FinishChild(busy), 0);
  // The last close releases the lock at once: another process may then open the file.
  Child opens = StartChild(ExpectOpens, path);
  ASSERT_TRUE(opens.pid > 0);
  EXPECT_EQ(decentdb_close(db), DECENTDB_OK);
  EXPECT_EQ(FinishChild(opens), 0);
}

TEST(Capi, InterruptFromAnotherThreadIsSafe) {
  decentdb_db* db = decentdb_open(":memory:", nullptr);
  ASSERT_TRUE(db != nullptr);
  std::thread t([db] {
    for (int i = 0; i < 1000; ++i) decentdb_interrupt(db);
  });
  t.join();
  EXPECT_TRUE(db->interrupt.load());
  EXPECT_TRUE(db->conn->interrupt_requested());
  db->conn->ClearInterrupt();
  EXPECT_FALSE(db->conn->interrupt_requested());
  EXPECT_EQ(decentdb_close(db), DECENTDB_OK);
  decentdb_interrupt(db);  // closed: ignored
}

TEST(Capi, ManyOpenCloseCyclesReuseShellsSafely) {
  // More cycles than the quarantine, so shells are recycled (H2); stale handles of the
  // most recent closes still read as closed.
  decentdb_db* stale = nullptr;
  for (int i = 0; i < 300; ++i) {
    decentdb_db* db = decentdb_open(":memory:", nullptr);
    ASSERT_TRUE(db != nullptr);
    ASSERT_EQ(decentdb_close(db), DECENTDB_OK);
    stale = db;
  }
  EXPECT_EQ(decentdb_close(stale), DECENTDB_ERR_MISUSE);
}
