// Tests for the POSIX VFS (vfs/os_vfs.cc): the shared VFS behaviours on real files,
// file identity through hard links and symlinks, canonical paths, and the one-process
// rule: a second handle, and a real second process, are refused the lock.
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "harness/test.h"
#include "vfs/vfs.h"
#include "vfs_conformance.h"

using namespace decentdb;

TEST(OsVfs, ReadsWritesSizesAndTruncates) {
  ddbtest::CheckReadWriteSizeTruncate(OsVfs(), ddbtest::TempDir() + "/a.ddb");
}

TEST(OsVfs, OpeningMissingFileIsIoErrorNamingPathAndReason) {
  std::string path = ddbtest::TempDir() + "/missing.ddb";
  ddbtest::CheckOpenMissingFails(OsVfs(), path);
  std::unique_ptr<File> f;
  Status s = OsVfs()->Open(path, OpenFlags{}, &f);
  EXPECT_TRUE(s.message().find("No such file or directory") != std::string::npos);
  // A missing directory fails the same way even with create.
  OpenFlags create;
  create.create = true;
  s = OsVfs()->Open(path + "/nested/x.ddb", create, &f);
  EXPECT_TRUE(s.Is(Code::kIo));
}

TEST(OsVfs, DeleteUnlinksNameButOpenHandleKeepsData) {
  ddbtest::CheckDeleteAndExists(OsVfs(), ddbtest::TempDir() + "/d.ddb");
}

TEST(OsVfs, ReadOnlyOpenRefusesWrites) {
  ddbtest::CheckReadOnlyOpen(OsVfs(), ddbtest::TempDir() + "/ro.ddb");
}

TEST(OsVfs, DeleteOnCloseLeavesNoFile) {
  ddbtest::CheckDeleteOnClose(OsVfs(), ddbtest::TempDir() + "/spill-1");
}

TEST(OsVfs, SecondHandleCannotTakeHeldLock) {
  ddbtest::CheckLockConflictsBetweenHandles(OsVfs(), ddbtest::TempDir() + "/locked.ddb");
}

TEST(OsVfs, ConcurrentReadersSeeConsistentPages) {
  ddbtest::CheckConcurrentReads(OsVfs(), ddbtest::TempDir() + "/pages.ddb");
}

TEST(OsVfs, HardLinkAndSymlinkShareIdentity) {
  std::string dir = ddbtest::TempDir();
  std::string path = dir + "/main.ddb";
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> f;
  ASSERT_OK(OsVfs()->Open(path, create, &f));
  ASSERT_EQ(::link(path.c_str(), (dir + "/hard.ddb").c_str()), 0);
  ASSERT_EQ(::symlink(path.c_str(), (dir + "/soft.ddb").c_str()), 0);
  ASSERT_OK(OsVfs()->Open(dir + "/other.ddb", create, &f));
  std::string id, id_hard, id_soft, id_other;
  ASSERT_OK(OsVfs()->FileIdentity(path, &id));
  ASSERT_OK(OsVfs()->FileIdentity(dir + "/hard.ddb", &id_hard));
  ASSERT_OK(OsVfs()->FileIdentity(dir + "/soft.ddb", &id_soft));
  ASSERT_OK(OsVfs()->FileIdentity(dir + "/./other.ddb", &id_other));
  EXPECT_EQ(id, id_hard);
  EXPECT_EQ(id, id_soft);
  EXPECT_NE(id, id_other);
}

TEST(OsVfs, LockIsSharedAcrossLinksToTheSameFile) {
  std::string dir = ddbtest::TempDir();
  std::string path = dir + "/main.ddb";
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> a, b;
  ASSERT_OK(OsVfs()->Open(path, create, &a));
  ASSERT_EQ(::symlink(path.c_str(), (dir + "/soft.ddb").c_str()), 0);
  ASSERT_OK(a->LockExclusive());
  ASSERT_OK(OsVfs()->Open(dir + "/soft.ddb", OpenFlags{}, &b));
  EXPECT_TRUE(b->LockExclusive().Is(Code::kBusy));
}

namespace {

// Exit codes of the child in the two-process test.
constexpr int kChildBusy = 10, kChildLocked = 11, kChildOpenFailed = 12, kChildOtherError = 13;

int LockFromChildProcess(const std::string& path) {
  pid_t pid = ::fork();
  if (pid == 0) {
    // The child only makes system calls through the VFS and leaves with _exit, so it
    // never runs the parent's harness or static destructors.
    std::unique_ptr<File> f;
    if (!OsVfs()->Open(path, OpenFlags{}, &f).ok()) ::_exit(kChildOpenFailed);
    Status s = f->LockExclusive();
    if (s.ok()) ::_exit(kChildLocked);
    bool busy_message =
        s.message() == "database file is locked by another process: " + path;
    ::_exit(s.Is(Code::kBusy) && busy_message ? kChildBusy : kChildOtherError);
  }
  if (pid < 0) return -1;
  int wstatus = 0;
  if (::waitpid(pid, &wstatus, 0) != pid || !WIFEXITED(wstatus)) return -1;
  return WEXITSTATUS(wstatus);
}

}  // namespace

TEST(OsVfs, SecondProcessIsRefusedTheLock) {
  std::string path = ddbtest::TempDir() + "/shared.ddb";
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> f;
  ASSERT_OK(OsVfs()->Open(path, create, &f));
  ASSERT_OK(f->LockExclusive());
  EXPECT_EQ(LockFromChildProcess(path), kChildBusy);
  // Once released, another process may take it.
  ASSERT_OK(f->Unlock());
  EXPECT_EQ(LockFromChildProcess(path), kChildLocked);
  // The child's lock died with it, so the parent can lock again.
  ASSERT_OK(f->LockExclusive());
  f.reset();
  EXPECT_EQ(LockFromChildProcess(path), kChildLocked);
}

TEST(OsVfs, DescriptorsAreCloseOnExec) {
  std::string path = ddbtest::TempDir() + "/cloexec.ddb";
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> f;
  ASSERT_OK(OsVfs()->Open(path, create, &f));
  char real[PATH_MAX];
  ASSERT_TRUE(::realpath(path.c_str(), real) != nullptr);
  // Find our descriptor by the path the kernel reports for it.
  int found = 0;
  for (int fd = 3; fd < 256; ++fd) {
    std::string link = "/proc/self/fd/" + std::to_string(fd);
    char target[4096];
    ssize_t len = ::readlink(link.c_str(), target, sizeof(target) - 1);
    if (len <= 0) continue;
    target[len] = '\0';
    if (std::string(target) != real) continue;
    ++found;
    EXPECT_TRUE((::fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0);
  }
  EXPECT_EQ(found, 1);
}

TEST(OsVfs, CanonicalPathResolvesDirectoryAndKeepsName) {
  std::string dir = ddbtest::TempDir();
  char real[PATH_MAX];
  ASSERT_TRUE(::realpath(dir.c_str(), real) != nullptr);
  std::string real_dir = real;
  ASSERT_EQ(::mkdir((dir + "/sub").c_str(), 0755), 0);
  ASSERT_EQ(::symlink((dir + "/sub").c_str(), (dir + "/alias").c_str()), 0);
  EXPECT_EQ(OsVfs()->CanonicalPath(dir + "/sub/../sub/./x.ddb"), real_dir + "/sub/x.ddb");
  EXPECT_EQ(OsVfs()->CanonicalPath(dir + "/alias/x.ddb"), real_dir + "/sub/x.ddb");
  char cwd[PATH_MAX];
  ASSERT_TRUE(::getcwd(cwd, sizeof(cwd)) != nullptr);
  std::string rel = OsVfs()->CanonicalPath("rel.ddb");
  EXPECT_EQ(rel[0], '/');
  EXPECT_TRUE(rel.size() > 8 && rel.compare(rel.size() - 8, 8, "/rel.ddb") == 0);
}

TEST(OsVfs, SyncDirectoryOfNewFileSucceeds) {
  std::string dir = ddbtest::TempDir();
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> f;
  ASSERT_OK(OsVfs()->Open(dir + "/new.ddb", create, &f));
  ASSERT_OK(OsVfs()->SyncDirectoryOf(dir + "/new.ddb"));
  EXPECT_TRUE(OsVfs()->SyncDirectoryOf(dir + "/nope/new.ddb").Is(Code::kIo));
}
