// Tests for the in-memory VFS (vfs/memory_vfs.cc): the shared VFS behaviours, privacy of
// each instance, per-instance lock conflicts, and identity of names within an instance.
#include "harness/test.h"
#include "vfs/vfs.h"
#include "vfs_conformance.h"

using namespace decentdb;

TEST(MemoryVfs, ReadsWritesSizesAndTruncates) {
  auto vfs = NewMemoryVfs();
  ddbtest::CheckReadWriteSizeTruncate(vfs.get(), "/db/a.ddb");
}

TEST(MemoryVfs, OpeningMissingFileIsIoErrorNamingPath) {
  auto vfs = NewMemoryVfs();
  ddbtest::CheckOpenMissingFails(vfs.get(), "/db/missing.ddb");
}

TEST(MemoryVfs, DeleteUnlinksNameButOpenHandleKeepsData) {
  auto vfs = NewMemoryVfs();
  ddbtest::CheckDeleteAndExists(vfs.get(), "/db/d.ddb");
}

TEST(MemoryVfs, ReadOnlyOpenRefusesWrites) {
  auto vfs = NewMemoryVfs();
  ddbtest::CheckReadOnlyOpen(vfs.get(), "/db/ro.ddb");
}

TEST(MemoryVfs, DeleteOnCloseRemovesFile) {
  auto vfs = NewMemoryVfs();
  ddbtest::CheckDeleteOnClose(vfs.get(), "/tmp/spill-1");
}

TEST(MemoryVfs, SecondHandleCannotTakeHeldLock) {
  auto vfs = NewMemoryVfs();
  ddbtest::CheckLockConflictsBetweenHandles(vfs.get(), "/db/locked.ddb");
}

TEST(MemoryVfs, ConcurrentReadersSeeConsistentPages) {
  auto vfs = NewMemoryVfs();
  ddbtest::CheckConcurrentReads(vfs.get(), "/db/pages.ddb");
}

TEST(MemoryVfs, InstancesArePrivate) {
  auto a = NewMemoryVfs();
  auto b = NewMemoryVfs();
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> fa, fb;
  ASSERT_OK(a->Open(":memory:", create, &fa));
  ASSERT_OK(fa->WriteAt(0, "x", 1));
  ASSERT_OK(fa->LockExclusive());
  bool exists = true;
  ASSERT_OK(b->Exists(":memory:", &exists));
  EXPECT_FALSE(exists);
  // The same name in another instance is another file with its own lock.
  ASSERT_OK(b->Open(":memory:", create, &fb));
  ASSERT_OK(fb->LockExclusive());
  uint64_t size = 1;
  ASSERT_OK(fb->Size(&size));
  EXPECT_EQ(size, 0u);
}

TEST(MemoryVfs, IdentityIsStablePerFileAndDistinctAcrossFiles) {
  auto vfs = NewMemoryVfs();
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> f1, f2;
  ASSERT_OK(vfs->Open("a", create, &f1));
  ASSERT_OK(vfs->Open("b", create, &f2));
  std::string id_a, id_a2, id_b;
  ASSERT_OK(vfs->FileIdentity("a", &id_a));
  ASSERT_OK(vfs->FileIdentity("a", &id_a2));
  ASSERT_OK(vfs->FileIdentity("b", &id_b));
  EXPECT_EQ(id_a, id_a2);
  EXPECT_NE(id_a, id_b);
  ASSERT_OK(vfs->SyncDirectoryOf("a"));
  EXPECT_EQ(vfs->CanonicalPath("a"), "a");
}
