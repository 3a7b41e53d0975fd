// Tests for vfs/fault_vfs.h: it behaves as a normal VFS while healthy; a crash at every
// I/O point keeps exactly the synced data (checked against a model); torn writes keep a
// prefix or whole sectors; lying fsync loses data; injected failures return errors and
// change nothing; counters and suffix filters count the right points.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <random>
#include <string>
#include <vector>

#include "harness/test.h"
#include "vfs/fault_vfs.h"
#include "vfs/vfs.h"
#include "vfs_conformance.h"

using namespace decentdb;

namespace {

std::unique_ptr<File> OpenOrDie(Vfs* vfs, const std::string& path) {
  OpenFlags create;
  create.create = true;
  std::unique_ptr<File> f;
  ASSERT_OK(vfs->Open(path, create, &f));
  return f;
}

std::string Durable(const FaultVfs& fv, const std::string& path) {
  std::string s;
  ASSERT_OK(fv.DurableContents(path, &s));
  return s;
}

void Overlay(std::string* image, uint64_t offset, const std::string& bytes) {
  if (offset + bytes.size() > image->size()) image->resize(offset + bytes.size());
  image->replace(offset, bytes.size(), bytes);
}

bool IsCrash(const Status& s) { return s.Is(Code::kIo) && s.message() == "simulated crash"; }

// A scripted workload over two files: random writes, with a sync of one file every few
// writes. Each step is one I/O point, so step i is point i+1.
struct Step {
  bool sync;
  int file;  // 0: main.ddb, 1: main.ddb.wal
  uint64_t offset;
  std::string bytes;
};

std::vector<Step> MakeScript(uint64_t seed, int steps) {
  std::mt19937_64 rng(seed);
  std::vector<Step> script;
  for (int i = 0; i < steps; ++i) {
    Step s;
    s.file = static_cast<int>(rng() % 2);
    s.sync = rng() % 4 == 0;
    s.offset = rng() % 3000;
    if (!s.sync) s.bytes.assign(1 + rng() % 1500, static_cast<char>('a' + i % 26));
    script.push_back(s);
  }
  return script;
}

const char* const kPaths[2] = {"/db/main.ddb", "/db/main.ddb.wal"};

}  // namespace

TEST(FaultVfs, BehavesLikeAVfsWhileHealthy) {
  FaultVfs fv(NewMemoryVfs());
  ddbtest::CheckReadWriteSizeTruncate(&fv, "/db/a.ddb");
  ddbtest::CheckOpenMissingFails(&fv, "/db/missing.ddb");
  ddbtest::CheckDeleteAndExists(&fv, "/db/d.ddb");
  ddbtest::CheckReadOnlyOpen(&fv, "/db/ro.ddb");
  ddbtest::CheckDeleteOnClose(&fv, "/db/spill");
  ddbtest::CheckLockConflictsBetweenHandles(&fv, "/db/locked.ddb");
  ddbtest::CheckConcurrentReads(&fv, "/db/pages.ddb");
  EXPECT_FALSE(fv.crashed());
}

TEST(FaultVfs, CrashAtEveryPointKeepsExactlySyncedData) {
  const std::vector<Step> script = MakeScript(ddbtest::TestSeed(), 60);
  for (uint64_t n = 1; n <= script.size() + 1; ++n) {
    FaultVfs fv(NewMemoryVfs(), n);
    std::unique_ptr<File> files[2] = {OpenOrDie(&fv, kPaths[0]), OpenOrDie(&fv, kPaths[1])};
    fv.CrashAt(FaultPoint{n});
    // The model: the volatile image of each file and what its last sync made durable.
    std::string volatile_img[2], durable_img[2];
    for (size_t i = 0; i < script.size(); ++i) {
      const Step& s = script[i];
      Status st = s.sync ? files[s.file]->Sync(SyncKind::kFull)
                         : files[s.file]->WriteAt(s.offset, s.bytes.data(), s.bytes.size());
      if (i + 1 == n) {
        ASSERT_TRUE(IsCrash(st));
        break;
      }
      ASSERT_OK(st);
      if (s.sync) {
        durable_img[s.file] = volatile_img[s.file];
      } else {
        Overlay(&volatile_img[s.file], s.offset, s.bytes);
      }
    }
    if (!fv.crashed()) fv.CrashNow();  // n beyond the script: power loss at the end
    for (int f = 0; f < 2; ++f) {
      if (Durable(fv, kPaths[f]) != durable_img[f]) {
        EXPECT_EQ(Durable(fv, kPaths[f]).size(), durable_img[f].size());
        EXPECT_TRUE(Durable(fv, kPaths[f]) == durable_img[f]);
        std::fprintf(stderr, "  crash point %llu, file %s\n",
                     static_cast<unsigned long long>(n), kPaths[f]);
        return;
      }
    }
    const uint64_t expected_ops = std::min<uint64_t>(n, script.size());
    EXPECT_EQ(fv.io_ops(), expected_ops);
  }
}

TEST(FaultVfs, EveryCallFailsAfterCrash) {
  FaultVfs fv(NewMemoryVfs());
  auto f = OpenOrDie(&fv, "/db/x");
  ASSERT_OK(f->WriteAt(0, "abc", 3));
  fv.CrashAt(FaultPoint{1});
  EXPECT_TRUE(IsCrash(f->Sync(SyncKind::kData)));
  EXPECT_TRUE(fv.crashed());
  char buf[4];
  size_t got = 0;
  uint64_t size = 0;
  std::unique_ptr<File> g;
  bool exists = false;
  std::string id;
  EXPECT_TRUE(IsCrash(f->WriteAt(0, "z", 1)));
  EXPECT_TRUE(IsCrash(f->Sync(SyncKind::kFull)));
  EXPECT_TRUE(IsCrash(f->ReadAt(0, buf, 3, &got)));
  EXPECT_TRUE(IsCrash(f->Size(&size)));
  EXPECT_TRUE(IsCrash(f->Truncate(0)));
  EXPECT_TRUE(IsCrash(f->LockExclusive()));
  EXPECT_TRUE(IsCrash(fv.Open("/db/x", OpenFlags{}, &g)));
  EXPECT_TRUE(IsCrash(fv.Exists("/db/x", &exists)));
  EXPECT_TRUE(IsCrash(fv.FileIdentity("/db/x", &id)));
  EXPECT_TRUE(IsCrash(fv.Delete("/db/x")));
  EXPECT_TRUE(IsCrash(fv.SyncDirectoryOf("/db/x")));
  // The write before the crashing sync never became durable.
  EXPECT_EQ(Durable(fv, "/db/x"), "");
}

TEST(FaultVfs, TornWriteKeepsOnlyAPrefix) {
  FaultVfs fv(NewMemoryVfs());
  auto f = OpenOrDie(&fv, "/db/t");
  std::string old_page(4096, 'x'), new_page(4096, 'y');
  ASSERT_OK(f->WriteAt(0, old_page.data(), old_page.size()));
  ASSERT_OK(f->Sync(SyncKind::kFull));
  fv.CrashAt(FaultPoint{1, "", FaultOp::kWrite}, TearMode::kPrefix, 1000);
  EXPECT_TRUE(IsCrash(f->WriteAt(0, new_page.data(), new_page.size())));
  EXPECT_EQ(Durable(fv, "/db/t"), std::string(1000, 'y') + std::string(3096, 'x'));

  // A torn append extends the file only by the part that landed.
  FaultVfs fv2(NewMemoryVfs());
  auto g = OpenOrDie(&fv2, "/db/t");
  fv2.CrashAt(FaultPoint{1}, TearMode::kPrefix, 10);
  EXPECT_TRUE(IsCrash(g->WriteAt(100, new_page.data(), 50)));
  EXPECT_EQ(Durable(fv2, "/db/t"), std::string(100, '\0') + std::string(10, 'y'));
}

TEST(FaultVfs, SectorTearKeepsWholeOldOrNewSectors) {
  bool saw_mixed = false;
  for (uint64_t seed = 0; seed < 20; ++seed) {
    FaultVfs fv(NewMemoryVfs(), ddbtest::TestSeed() + seed);
    auto f = OpenOrDie(&fv, "/db/s");
    std::string old_data(8192, 'o'), new_data(8192, 'n');
    ASSERT_OK(f->WriteAt(0, old_data.data(), old_data.size()));
    ASSERT_OK(f->Sync(SyncKind::kFull));
    fv.CrashAt(FaultPoint{1}, TearMode::kSectors);
    EXPECT_TRUE(IsCrash(f->WriteAt(0, new_data.data(), new_data.size())));
    std::string img = Durable(fv, "/db/s");
    ASSERT_EQ(img.size(), 8192u);
    int new_sectors = 0;
    for (size_t s = 0; s < 16; ++s) {
      std::string sector = img.substr(s * 512, 512);
      bool all_old = sector == std::string(512, 'o'), all_new = sector == std::string(512, 'n');
      EXPECT_TRUE(all_old || all_new);
      new_sectors += all_new;
    }
    if (new_sectors > 0 && new_sectors < 16) saw_mixed = true;
  }
  EXPECT_TRUE(saw_mixed);
}

TEST(FaultVfs, LyingSyncLosesDataAtCrash) {
  FaultVfs fv(NewMemoryVfs());
  auto db = OpenOrDie(&fv, "/db/main.ddb");
  auto wal = OpenOrDie(&fv, "/db/main.ddb.wal");
  fv.SetLyingSync(true, ".wal");
  ASSERT_OK(db->WriteAt(0, "main", 4));
  ASSERT_OK(wal->WriteAt(0, "frame", 5));
  ASSERT_OK(db->Sync(SyncKind::kFull));
  ASSERT_OK(wal->Sync(SyncKind::kFull));  // reports success ...
  // ... and reads still see the data, as they would from the page cache.
  EXPECT_EQ(ddbtest::ReadAll(wal.get()), "frame");
  fv.CrashNow();
  EXPECT_EQ(Durable(fv, "/db/main.ddb"), "main");
  EXPECT_EQ(Durable(fv, "/db/main.ddb.wal"), "");  // ... but nothing was made durable
  EXPECT_EQ(fv.io_ops(), 4u);
}

TEST(FaultVfs, InjectedWriteFailureReturnsErrorAndChangesNothing) {
  FaultVfs fv(NewMemoryVfs());
  auto f = OpenOrDie(&fv, "/db/e");
  fv.FailAt(FaultPoint{2, "", FaultOp::kWrite}, InjectedError::kNoSpace);
  ASSERT_OK(f->WriteAt(0, "aaaa", 4));
  Status s = f->WriteAt(0, "bb", 2);
  ASSERT_TRUE(s.Is(Code::kIo));
  EXPECT_TRUE(s.message().find("No space left on device") != std::string::npos);
  EXPECT_TRUE(s.message().find("/db/e") != std::string::npos);
  EXPECT_FALSE(fv.crashed());
  EXPECT_EQ(ddbtest::ReadAll(f.get()), "aaaa");
  ASSERT_OK(f->WriteAt(0, "cc", 2));  // only one point was armed to fail
  ASSERT_OK(f->Sync(SyncKind::kFull));
  EXPECT_EQ(Durable(fv, "/db/e"), "ccaa");
  EXPECT_EQ(fv.injected_failures(), 1u);
}

TEST(FaultVfs, InjectedSyncFailureLeavesDataVolatile) {
  FaultVfs fv(NewMemoryVfs());
  auto f = OpenOrDie(&fv, "/db/e");
  fv.FailAt(FaultPoint{1, "", FaultOp::kSync});
  ASSERT_OK(f->WriteAt(0, "data", 4));
  Status s = f->Sync(SyncKind::kFull);
  ASSERT_TRUE(s.Is(Code::kIo));
  EXPECT_EQ(s.message(), "injected I/O error: /db/e");
  EXPECT_EQ(Durable(fv, "/db/e"), "");
  fv.CrashNow();
  EXPECT_EQ(Durable(fv, "/db/e"), "");
}

TEST(FaultVfs, StickyFailureFailsEveryLaterMatchingPoint) {
  FaultVfs fv(NewMemoryVfs());
  auto f = OpenOrDie(&fv, "/db/e");
  fv.FailAt(FaultPoint{2}, InjectedError::kNoSpace, UINT64_MAX);
  ASSERT_OK(f->WriteAt(0, "a", 1));
  for (int i = 0; i < 5; ++i) {
    EXPECT_TRUE(f->WriteAt(1, "b", 1).Is(Code::kIo));
    EXPECT_TRUE(f->Sync(SyncKind::kFull).Is(Code::kIo));
  }
  EXPECT_EQ(fv.injected_failures(), 10u);
  fv.DisarmAll();
  ASSERT_OK(f->Sync(SyncKind::kFull));
  EXPECT_EQ(Durable(fv, "/db/e"), "a");
}

TEST(FaultVfs, CountsPointsByKindAndSuffix) {
  FaultVfs fv(NewMemoryVfs());
  auto db = OpenOrDie(&fv, "/db/main.ddb");
  auto wal = OpenOrDie(&fv, "/db/main.ddb.wal");
  for (int i = 0; i < 3; ++i) ASSERT_OK(wal->WriteAt(i * 10, "frame", 5));
  ASSERT_OK(wal->Sync(SyncKind::kData));
  ASSERT_OK(db->WriteAt(0, "page", 4));
  ASSERT_OK(db->Sync(SyncKind::kFull));
  ASSERT_OK(db->Truncate(2));  // not an I/O point
  EXPECT_EQ(fv.io_ops(), 6u);
  EXPECT_EQ(fv.OpCount(FaultOp::kAny), 6u);
  EXPECT_EQ(fv.OpCount(FaultOp::kWrite), 4u);
  EXPECT_EQ(fv.OpCount(FaultOp::kSync), 2u);
  EXPECT_EQ(fv.OpCount(FaultOp::kWrite, ".wal"), 3u);
  EXPECT_EQ(fv.OpCount(FaultOp::kAny, ".wal"), 4u);
  EXPECT_EQ(fv.OpCount(FaultOp::kSync, ".ddb"), 1u);
  EXPECT_EQ(fv.OpCount(FaultOp::kAny, ".journal"), 0u);
}

TEST(FaultVfs, SuffixFilteredCrashHitsOnlyMatchingFile) {
  FaultVfs fv(NewMemoryVfs());
  auto db = OpenOrDie(&fv, "/db/main.ddb");
  auto wal = OpenOrDie(&fv, "/db/main.ddb.wal");
  fv.CrashAt(FaultPoint{2, ".wal", FaultOp::kWrite});
  ASSERT_OK(db->WriteAt(0, "p1", 2));
  ASSERT_OK(wal->WriteAt(0, "f1", 2));
  ASSERT_OK(db->WriteAt(2, "p2", 2));
  ASSERT_OK(wal->Sync(SyncKind::kFull));
  ASSERT_OK(db->Sync(SyncKind::kFull));
  EXPECT_TRUE(IsCrash(wal->WriteAt(2, "f2", 2)));
  EXPECT_EQ(Durable(fv, "/db/main.ddb"), "p1p2");
  EXPECT_EQ(Durable(fv, "/db/main.ddb.wal"), "f1");
}

TEST(FaultVfs, FaultPointsCountFromArming) {
  FaultVfs fv(NewMemoryVfs());
  auto f = OpenOrDie(&fv, "/db/x");
  ASSERT_OK(f->WriteAt(0, "setup", 5));
  ASSERT_OK(f->Sync(SyncKind::kFull));
  fv.CrashAt(FaultPoint{2});
  ASSERT_OK(f->WriteAt(0, "S", 1));
  EXPECT_TRUE(IsCrash(f->Sync(SyncKind::kFull)));
  EXPECT_EQ(fv.io_ops(), 4u);
  EXPECT_EQ(Durable(fv, "/db/x"), "setup");
}

TEST(FaultVfs, UnsyncedTruncateIsLostAtCrash) {
  FaultVfs fv(NewMemoryVfs());
  auto f = OpenOrDie(&fv, "/db/x");
  ASSERT_OK(f->WriteAt(0, "0123456789", 10));
  ASSERT_OK(f->Sync(SyncKind::kFull));
  ASSERT_OK(f->Truncate(4));
  ASSERT_OK(f->Sync(SyncKind::kFull));
  ASSERT_OK(f->Truncate(2));
  fv.CrashNow();
  EXPECT_EQ(Durable(fv, "/db/x"), "0123");
}

TEST(FaultVfs, KeepAllModelsAProcessCrash) {
  FaultVfs fv(NewMemoryVfs());
  fv.SetUnsyncedAtCrash(UnsyncedAtCrash::kKeepAll);
  auto f = OpenOrDie(&fv, "/db/x");
  ASSERT_OK(f->WriteAt(0, "abc", 3));
  ASSERT_OK(f->WriteAt(1, "Z", 1));
  fv.CrashNow();
  EXPECT_EQ(Durable(fv, "/db/x"), "aZc");
}

TEST(FaultVfs, RandomUnsyncedSubsetIsSeededAndPlausible) {
  auto run = [](uint64_t seed, UnsyncedAtCrash policy) {
    FaultVfs fv(NewMemoryVfs(), seed);
    fv.SetUnsyncedAtCrash(policy);
    auto f = OpenOrDie(&fv, "/db/x");
    EXPECT_OK(f->WriteAt(0, std::string(2048, 'a').data(), 2048));
    EXPECT_OK(f->Sync(SyncKind::kFull));
    for (int i = 0; i < 8; ++i) {
      std::string block(512, static_cast<char>('b' + i));
      EXPECT_OK(f->WriteAt((i % 4) * 512, block.data(), block.size()));
    }
    fv.CrashNow();
    return Durable(fv, "/db/x");
  };
  for (UnsyncedAtCrash policy : {UnsyncedAtCrash::kRandomWrites, UnsyncedAtCrash::kRandomSectors}) {
    std::vector<std::string> seen;
    for (uint64_t seed = 0; seed < 16; ++seed) {
      std::string img = run(ddbtest::TestSeed() + seed, policy);
      EXPECT_EQ(img, run(ddbtest::TestSeed() + seed, policy));  // replayable from the seed
      ASSERT_EQ(img.size(), 2048u);
      // Block k holds the synced 'a's or one of the two writes aimed at it.
      for (int k = 0; k < 4; ++k) {
        char c = img[k * 512];
        EXPECT_TRUE(img.substr(k * 512, 512) == std::string(512, c));
        EXPECT_TRUE(c == 'a' || c == 'b' + k || c == 'b' + k + 4);
      }
      seen.push_back(img);
    }
    std::sort(seen.begin(), seen.end());
    EXPECT_GT(std::unique(seen.begin(), seen.end()) - seen.begin(), 1);
  }
}

TEST(FaultVfs, DurableVfsHoldsExactlyTheDurableFiles) {
  FaultVfs fv(NewMemoryVfs());
  auto a = OpenOrDie(&fv, "/db/a");
  auto b = OpenOrDie(&fv, "/db/b");
  auto c = OpenOrDie(&fv, "/db/c");
  OpenFlags spill;
  spill.create = true;
  spill.delete_on_close = true;
  std::unique_ptr<File> tmp;
  ASSERT_OK(fv.Open("/tmp/spill", spill, &tmp));
  ASSERT_OK(a->WriteAt(0, "kept", 4));
  ASSERT_OK(a->Sync(SyncKind::kFull));
  ASSERT_OK(a->WriteAt(4, "-lost", 5));
  ASSERT_OK(tmp->WriteAt(0, "scratch", 7));
  ASSERT_OK(tmp->Sync(SyncKind::kFull));
  ASSERT_OK(fv.Delete("/db/c"));
  fv.CrashNow();

  std::unique_ptr<Vfs> after;
  ASSERT_OK(fv.NewVfsFromDurable(&after));
  std::unique_ptr<File> f;
  ASSERT_OK(after->Open("/db/a", OpenFlags{}, &f));
  EXPECT_EQ(ddbtest::ReadAll(f.get()), "kept");
  ASSERT_OK(after->Open("/db/b", OpenFlags{}, &f));
  EXPECT_EQ(ddbtest::ReadAll(f.get()), "");
  bool exists = true;
  ASSERT_OK(after->Exists("/db/c", &exists));
  EXPECT_FALSE(exists);
  ASSERT_OK(after->Exists("/tmp/spill", &exists));
  EXPECT_FALSE(exists);
  // The reopened VFS is an ordinary, writable one.
  ASSERT_OK(after->Open("/db/a", OpenFlags{}, &f));
  ASSERT_OK(f->WriteAt(4, "!", 1));
  EXPECT_EQ(ddbtest::ReadAll(f.get()), "kept!");
}

TEST(FaultVfs, PreexistingBaseContentStartsDurable) {
  auto base = NewMemoryVfs();
  {
    auto f = OpenOrDie(base.get(), "/db/old");
    ASSERT_OK(f->WriteAt(0, "before", 6));
  }
  FaultVfs fv(base.get());
  std::unique_ptr<File> f;
  ASSERT_OK(fv.Open("/db/old", OpenFlags{}, &f));
  ASSERT_OK(f->WriteAt(0, "AFTER!", 6));
  fv.CrashNow();
  EXPECT_EQ(Durable(fv, "/db/old"), "before");
}

TEST(FaultVfs, WrapsTheOsVfs) {
  std::string dir = ddbtest::TempDir();
  FaultVfs fv(OsVfs());
  auto f = OpenOrDie(&fv, dir + "/main.ddb");
  ASSERT_OK(f->LockExclusive());
  ASSERT_OK(f->WriteAt(0, "synced", 6));
  ASSERT_OK(f->Sync(SyncKind::kFull));
  fv.CrashAt(FaultPoint{1}, TearMode::kPrefix, 3);
  EXPECT_TRUE(IsCrash(f->WriteAt(6, "+torn", 5)));
  f.reset();

  // The durable images can be reopened from memory, or written back over the real files.
  std::unique_ptr<Vfs> after;
  ASSERT_OK(fv.NewVfsFromDurable(&after));
  std::unique_ptr<File> g;
  ASSERT_OK(after->Open(dir + "/main.ddb", OpenFlags{}, &g));
  EXPECT_EQ(ddbtest::ReadAll(g.get()), "synced+to");
  ASSERT_OK(fv.CopyDurableTo(OsVfs()));
  ASSERT_OK(OsVfs()->Open(dir + "/main.ddb", OpenFlags{}, &g));
  EXPECT_EQ(ddbtest::ReadAll(g.get()), "synced+to");
}
