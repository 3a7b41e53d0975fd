// Behaviours every Vfs must share, written once and run against the OS and memory VFSs
// (and against fault_vfs while it is healthy): read/write/size/truncate, open errors,
// delete/exists, read-only and delete-on-close opens, lock conflicts between handles,
// and concurrent readers. Each function asserts through the harness.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "harness/test.h"
#include "vfs/vfs.h"

namespace ddbtest {

inline std::string ReadAll(decentdb::File* f) {
  uint64_t size = 0;
  ASSERT_OK(f->Size(&size));
  std::string s(size, '\0');
  size_t got = 0;
  ASSERT_OK(f->ReadAt(0, &s[0], s.size(), &got));
  ASSERT_EQ(got, s.size());
  return s;
}

inline void CheckReadWriteSizeTruncate(decentdb::Vfs* vfs, const std::string& path) {
  using namespace decentdb;
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> f;
  ASSERT_OK(vfs->Open(path, create, &f));
  uint64_t size = 99;
  ASSERT_OK(f->Size(&size));
  EXPECT_EQ(size, 0u);

  ASSERT_OK(f->WriteAt(0, "hello", 5));
  // A write past the end leaves a zero-filled hole.
  ASSERT_OK(f->WriteAt(10, "world", 5));
  ASSERT_OK(f->Size(&size));
  EXPECT_EQ(size, 15u);
  EXPECT_EQ(ReadAll(f.get()), std::string("hello\0\0\0\0\0world", 15));

  // Reads stop short only at end of file.
  char buf[16];
  size_t got = 0;
  ASSERT_OK(f->ReadAt(12, buf, sizeof(buf), &got));
  EXPECT_EQ(got, 3u);
  EXPECT_EQ(std::string(buf, got), "rld");
  ASSERT_OK(f->ReadAt(100, buf, sizeof(buf), &got));
  EXPECT_EQ(got, 0u);

  ASSERT_OK(f->WriteAt(3, "LO", 2));
  ASSERT_OK(f->Sync(SyncKind::kFull));
  ASSERT_OK(f->Sync(SyncKind::kData));
  ASSERT_OK(f->Truncate(4));
  ASSERT_OK(f->Size(&size));
  EXPECT_EQ(size, 4u);
  EXPECT_EQ(ReadAll(f.get()), "helL");
  ASSERT_OK(f->Truncate(6));
  EXPECT_EQ(ReadAll(f.get()), std::string("helL\0\0", 6));

  // A second handle sees the same bytes.
  std::unique_ptr<File> g;
  ASSERT_OK(vfs->Open(path, OpenFlags{}, &g));
  EXPECT_EQ(ReadAll(g.get()), std::string("helL\0\0", 6));
  ASSERT_OK(g->WriteAt(0, "J", 1));
  EXPECT_EQ(ReadAll(f.get()), std::string("JelL\0\0", 6));
}

inline void CheckOpenMissingFails(decentdb::Vfs* vfs, const std::string& path) {
  using namespace decentdb;
  std::unique_ptr<File> f;
  Status s = vfs->Open(path, OpenFlags{}, &f);
  ASSERT_TRUE(s.Is(Code::kIo));
  EXPECT_TRUE(s.message().find(path) != std::string::npos);
  bool exists = true;
  ASSERT_OK(vfs->Exists(path, &exists));
  EXPECT_FALSE(exists);
  std::string id;
  EXPECT_TRUE(vfs->FileIdentity(path, &id).Is(Code::kIo));
  EXPECT_TRUE(vfs->Delete(path).Is(Code::kIo));
}

inline void CheckDeleteAndExists(decentdb::Vfs* vfs, const std::string& path) {
  using namespace decentdb;
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> f;
  ASSERT_OK(vfs->Open(path, create, &f));
  ASSERT_OK(f->WriteAt(0, "abc", 3));
  bool exists = false;
  ASSERT_OK(vfs->Exists(path, &exists));
  EXPECT_TRUE(exists);
  ASSERT_OK(vfs->Delete(path));
  ASSERT_OK(vfs->Exists(path, &exists));
  EXPECT_FALSE(exists);
  // The open handle keeps working on the unlinked data.
  EXPECT_EQ(ReadAll(f.get()), "abc");
  // Re-creating the name gives a new, empty file.
  std::unique_ptr<File> g;
  ASSERT_OK(vfs->Open(path, create, &g));
  uint64_t size = 1;
  ASSERT_OK(g->Size(&size));
  EXPECT_EQ(size, 0u);
}

inline void CheckReadOnlyOpen(decentdb::Vfs* vfs, const std::string& path) {
  using namespace decentdb;
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> f;
  ASSERT_OK(vfs->Open(path, create, &f));
  ASSERT_OK(f->WriteAt(0, "data", 4));
  f.reset();
  OpenFlags ro;
  ro.read_only = true;
  ASSERT_OK(vfs->Open(path, ro, &f));
  EXPECT_EQ(ReadAll(f.get()), "data");
  EXPECT_TRUE(f->WriteAt(0, "x", 1).Is(Code::kIo));
  EXPECT_TRUE(f->Truncate(0).Is(Code::kIo));
  EXPECT_EQ(ReadAll(f.get()), "data");
}

inline void CheckDeleteOnClose(decentdb::Vfs* vfs, const std::string& path) {
  using namespace decentdb;
  OpenFlags flags;
  flags.create = true;
  flags.delete_on_close = true;
  std::unique_ptr<File> f;
  ASSERT_OK(vfs->Open(path, flags, &f));
  ASSERT_OK(f->WriteAt(0, "spill", 5));
  EXPECT_EQ(ReadAll(f.get()), "spill");
  f.reset();
  bool exists = true;
  ASSERT_OK(vfs->Exists(path, &exists));
  EXPECT_FALSE(exists);
}

inline void CheckLockConflictsBetweenHandles(decentdb::Vfs* vfs, const std::string& path) {
  using namespace decentdb;
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> a, b;
  ASSERT_OK(vfs->Open(path, create, &a));
  ASSERT_OK(vfs->Open(path, create, &b));
  ASSERT_OK(a->LockExclusive());
  ASSERT_OK(a->LockExclusive());  // re-locking by the holder is harmless
  Status s = b->LockExclusive();
  ASSERT_TRUE(s.Is(Code::kBusy));
  EXPECT_EQ(std::string(s.sqlstate()), "55P03");
  EXPECT_TRUE(s.message().find("database file is locked by another process") != std::string::npos);
  EXPECT_TRUE(s.message().find(path) != std::string::npos);
  ASSERT_OK(a->Unlock());
  ASSERT_OK(b->LockExclusive());
  EXPECT_TRUE(a->LockExclusive().Is(Code::kBusy));
  // Closing the holder releases the lock.
  b.reset();
  ASSERT_OK(a->LockExclusive());
}

inline void CheckConcurrentReads(decentdb::Vfs* vfs, const std::string& path) {
  using namespace decentdb;
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> f;
  ASSERT_OK(vfs->Open(path, create, &f));
  const size_t kPage = 4096, kPages = 64;
  std::vector<uint8_t> page(kPage);
  for (size_t p = 0; p < kPages; ++p) {
    std::memset(page.data(), static_cast<int>(p), kPage);
    ASSERT_OK(f->WriteAt(p * kPage, page.data(), kPage));
  }
  std::vector<int> bad(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      std::vector<uint8_t> buf(kPage);
      for (size_t i = 0; i < 2000; ++i) {
        size_t p = (i * 7 + t) % kPages;
        size_t got = 0;
        if (!f->ReadAt(p * kPage, buf.data(), kPage, &got).ok() || got != kPage ||
            buf[0] != p || buf[kPage - 1] != p) {
          ++bad[t];
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int b : bad) EXPECT_EQ(b, 0);
}

}  // namespace ddbtest
