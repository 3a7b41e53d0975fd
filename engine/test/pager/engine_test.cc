// Functional tests of the storage engine (pager/engine.h, engine_impl.h, txn_impl.h):
// creating and reopening, commit and rollback, the freelist, the statement journal,
// checkpoints, header/page corruption, poisoning, the writer lock and the registry.
// Design: ENGINE.md §2-§4.
#include <sys/wait.h>
#include <unistd.h>

#include <random>
#include <set>
#include <thread>
#include <vector>

#include "pager/page_format.h"
#include "pager/txn_impl.h"
#include "pager_test_util.h"
#include "vfs/fault_vfs.h"

using namespace decentdb;
using namespace pagertest;

namespace {

uint64_t ReadTxnOf(PageReader* r, PageId id) {
  PageRef ref;
  Status s = r->Read(id, &ref);
  if (!s.ok()) return UINT64_MAX - 1;
  return PageTxn(ref.data(), r->usable_size(), id);
}

}  // namespace

TEST(Engine, CreatesAndReopensADatabase) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::vector<PageId> ids;
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("a.db", MemOptions(vfs), true, false, &e));
    EXPECT_EQ(e->page_size(), 4096u);
    std::unique_ptr<ReadTxn> r;
    ASSERT_OK(e->BeginRead(&r));
    EXPECT_EQ(r->page_count(), 1u);
    r.reset();
    ids = AllocateFilled(e.get(), 5, 1);
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
    w->set_header(HeaderFields{7, ids[0]});
    ASSERT_OK(w->Commit());
    EXPECT_EQ(e->last_commit_lsn(), 3u);  // creation is commit 1 (page 1 is logged)
    EXPECT_EQ(Integrity(e.get()), "ok");
  }
  bool wal_exists = true;
  ASSERT_OK(vfs->Exists("a.db.wal", &wal_exists));
  EXPECT_FALSE(wal_exists);  // deleted at last close after a full reset (§2.1)
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("a.db", MemOptions(vfs), false, false, &e));
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  EXPECT_EQ(r->page_count(), 6u);
  EXPECT_EQ(r->header().schema_cookie, 7u);
  EXPECT_EQ(r->header().catalog_root, ids[0]);
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(r.get(), id), 1u);
  PageRef ref;
  EXPECT_TRUE(r->Read(7, &ref).Is(Code::kCorruption));
  EXPECT_TRUE(r->Read(0, &ref).Is(Code::kCorruption));
}

TEST(Engine, MissingFileWithoutCreateIsIo) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::shared_ptr<Engine> e;
  EXPECT_TRUE(Engine::Acquire("nope.db", MemOptions(vfs), false, false, &e).Is(Code::kIo));
}

TEST(Engine, RollbackAndDestroyDiscardWrites) {
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire(":memory:", EngineOptions(), true, false, &e));
  std::vector<PageId> ids = AllocateFilled(e.get(), 3, 1);
  {
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
    uint8_t* p;
    ASSERT_OK(w->Write(ids[1], &p));
    FillPage(p, w->usable_size(), ids[1], 2);
    EXPECT_EQ(ReadTxnOf(w.get(), ids[1]), 2u);  // own writes are visible
    w->Rollback();
  }
  {
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
    PageId id;
    uint8_t* p;
    ASSERT_OK(w->Allocate(&id, &p));
    // destroyed without commit: rolled back
  }
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  EXPECT_EQ(r->page_count(), 4u);
  EXPECT_EQ(ReadTxnOf(r.get(), ids[1]), 1u);
  EXPECT_EQ(e->last_commit_lsn(), 2u);
}

TEST(Engine, FreelistReusesPagesAndStaysConsistent) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  std::shared_ptr<Engine> e;
  EngineOptions o;
  o.page_size = 4096;
  ASSERT_OK(Engine::Acquire(":memory:", o, true, false, &e));
  std::set<PageId> live;
  uint64_t txn = 0;
  // Enough frees to need several trunks (capacity 1020 ids at 4 KiB).
  for (int round = 0; round < 12; ++round) {
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
    ++txn;
    const int allocs = static_cast<int>(rng() % 400);
    for (int i = 0; i < allocs; ++i) {
      PageId id;
      uint8_t* p;
      ASSERT_OK(w->Allocate(&id, &p));
      EXPECT_TRUE(live.insert(id).second);  // never handed out twice
      FillPage(p, w->usable_size(), id, txn);
    }
    std::vector<PageId> v(live.begin(), live.end());
    std::shuffle(v.begin(), v.end(), rng);
    const size_t frees = v.empty() ? 0 : rng() % (v.size() / 2 + 1);
    for (size_t i = 0; i < frees; ++i) {
      ASSERT_OK(w->Free(v[i]));
      live.erase(v[i]);
    }
    ASSERT_OK(w->Commit());
    ASSERT_EQ(Integrity(e.get()), "ok");
  }
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  auto* rt = static_cast<ReadTxnImpl*>(r.get());
  // (1) of §2.6: live + free + trunks + header account for every page.
  uint32_t trunks = 0;
  for (PageId t = rt->db_header().freelist_head; t != 0;) {
    PageRef ref;
    ASSERT_OK(r->Read(t, &ref));
    trunks++;
    t = DecodeFixed32(ref.data() + 4);
  }
  EXPECT_EQ(1 + live.size() + rt->db_header().freelist_count + trunks, r->page_count());
  for (PageId id : live) EXPECT_NE(ReadTxnOf(r.get(), id), UINT64_MAX);
}

TEST(Engine, IntegrityCheckReportsFreelistDamage) {
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire(":memory:", EngineOptions(), true, false, &e));
  std::vector<PageId> ids = AllocateFilled(e.get(), 4, 1);
  std::unique_ptr<WriteTxn> w;
  ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
  ASSERT_OK(w->Free(ids[0]));  // becomes the trunk
  ASSERT_OK(w->Free(ids[1]));
  ASSERT_OK(w->Free(ids[1]));  // a double free the trunk cannot see
  ASSERT_OK(w->Commit());
  std::string report = Integrity(e.get());
  EXPECT_TRUE(report.find("appears twice") != std::string::npos);
}

TEST(Engine, StatementJournalUndoesWritesAllocationsAndFrees) {
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire(":memory:", EngineOptions(), true, false, &e));
  std::vector<PageId> ids = AllocateFilled(e.get(), 4, 1);
  std::unique_ptr<WriteTxn> w;
  ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
  uint8_t* p0;
  ASSERT_OK(w->Write(ids[0], &p0));
  FillPage(p0, w->usable_size(), ids[0], 2);  // kept: before any mark
  uint64_t m1 = w->Mark();
  uint8_t* p;
  ASSERT_OK(w->Write(ids[0], &p));
  EXPECT_EQ(p, p0);
  FillPage(p, w->usable_size(), ids[0], 3);
  ASSERT_OK(w->Write(ids[1], &p));
  FillPage(p, w->usable_size(), ids[1], 3);
  uint64_t m2 = w->Mark();
  PageId nid;
  ASSERT_OK(w->Allocate(&nid, &p));
  ASSERT_OK(w->Free(ids[2]));
  w->set_header(HeaderFields{99, 0});
  EXPECT_EQ(w->page_count(), 6u);
  ASSERT_OK(w->RollbackToMark(m2));
  EXPECT_EQ(w->page_count(), 5u);
  EXPECT_EQ(w->header().schema_cookie, 0u);
  EXPECT_EQ(ReadTxnOf(w.get(), ids[1]), 3u);
  ASSERT_OK(w->RollbackToMark(m1));
  EXPECT_EQ(ReadTxnOf(w.get(), ids[0]), 2u);
  EXPECT_EQ(ReadTxnOf(w.get(), ids[1]), 1u);
  // The mark stays usable after a rollback to it.
  ASSERT_OK(w->Write(ids[3], &p));
  FillPage(p, w->usable_size(), ids[3], 4);
  ASSERT_OK(w->RollbackToMark(m1));
  EXPECT_EQ(ReadTxnOf(w.get(), ids[3]), 1u);
  // Released marks keep their changes.
  uint64_t m3 = w->Mark();
  ASSERT_OK(w->Write(ids[3], &p));
  FillPage(p, w->usable_size(), ids[3], 5);
  w->ReleaseMark(m3);
  w->ReleaseMark(m1);
  EXPECT_TRUE(w->RollbackToMark(m1).Is(Code::kMisuse));
  ASSERT_OK(w->Commit());
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  EXPECT_EQ(r->page_count(), 5u);
  EXPECT_EQ(ReadTxnOf(r.get(), ids[0]), 2u);
  EXPECT_EQ(ReadTxnOf(r.get(), ids[1]), 1u);
  EXPECT_EQ(ReadTxnOf(r.get(), ids[2]), 1u);
  EXPECT_EQ(ReadTxnOf(r.get(), ids[3]), 5u);
  r.reset();
  EXPECT_EQ(Integrity(e.get()), "ok");
}

TEST(Engine, SnapshotSurvivesCommitsAndCheckpoints) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("s.db", MemOptions(vfs), true, false, &e));
  std::vector<PageId> ids = AllocateFilled(e.get(), 8, 1);
  std::unique_ptr<ReadTxn> old_reader;
  ASSERT_OK(e->BeginRead(&old_reader));
  for (uint64_t t = 2; t <= 5; ++t) {
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
    for (PageId id : ids) {
      uint8_t* p;
      ASSERT_OK(w->Write(id, &p));
      FillPage(p, w->usable_size(), id, t);
    }
    PageId nid;
    uint8_t* p;
    ASSERT_OK(w->Allocate(&nid, &p));
    FillPage(p, w->usable_size(), nid, t);
    ASSERT_OK(w->Commit());
    int64_t left = -1;
    ASSERT_OK(e->Checkpoint(CheckpointMode::kPassive, &left));
    EXPECT_GT(left, 0);  // the old reader keeps the WAL from being reset (E2)
  }
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(old_reader.get(), id), 1u);
  EXPECT_EQ(old_reader->page_count(), 9u);
  std::unique_ptr<ReadTxn> mid;
  ASSERT_OK(e->BeginRead(&mid));
  old_reader.reset();
  int64_t left = -1;
  ASSERT_OK(e->Checkpoint(CheckpointMode::kPassive, &left));
  EXPECT_EQ(left, 0);
  EXPECT_EQ(Impl(e)->stats().wal_frame_bytes, 0u);  // reset: C == last commit (E4)
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(mid.get(), id), 5u);
  EXPECT_EQ(mid->page_count(), 13u);
  EXPECT_EQ(Integrity(e.get()), "ok");
}

TEST(Engine, AutoCheckpointRunsPastTheThreshold) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  EngineOptions o = MemOptions(vfs);
  o.checkpoint_threshold = 20 * 4096;
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("auto.db", o, true, false, &e));
  for (int t = 1; t <= 30; ++t) AllocateFilled(e.get(), 3, t);
  EngineStats st = Impl(e)->stats();
  EXPECT_GT(st.wal_resets, 2u);
  EXPECT_LE(st.wal_frame_bytes, 24u * (4096 + 32));
  EXPECT_EQ(Integrity(e.get()), "ok");
}

TEST(Engine, EveryHeaderBitFlipIsCorruptionNamingPage1) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("h.db", MemOptions(vfs), true, false, &e));
    AllocateFilled(e.get(), 2, 1);
  }
  std::unique_ptr<File> f;
  ASSERT_OK(vfs->Open("h.db", OpenFlags(), &f));
  for (uint32_t bit = 0; bit < kDbHeaderSize * 8; ++bit) {
    uint8_t b;
    size_t got;
    ASSERT_OK(f->ReadAt(bit / 8, &b, 1, &got));
    uint8_t flipped = b ^ static_cast<uint8_t>(1u << (bit % 8));
    ASSERT_OK(f->WriteAt(bit / 8, &flipped, 1));
    std::shared_ptr<Engine> e;
    Status s = Engine::Acquire("h.db", MemOptions(vfs), false, false, &e);
    EXPECT_TRUE(s.Is(Code::kCorruption));
    EXPECT_TRUE(s.message().find("page 1") != std::string::npos);
    ASSERT_OK(f->WriteAt(bit / 8, &b, 1));
  }
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("h.db", MemOptions(vfs), false, false, &e));
}

TEST(Engine, PageBitFlipIsCorruptionNamingThePage) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::vector<PageId> ids;
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("p.db", MemOptions(vfs), true, false, &e));
    ids = AllocateFilled(e.get(), 6, 1);
  }
  std::unique_ptr<File> f;
  ASSERT_OK(vfs->Open("p.db", OpenFlags(), &f));
  for (int round = 0; round < 20; ++round) {
    const PageId victim = ids[rng() % ids.size()];
    const uint64_t off = (victim - 1) * 4096ull + rng() % 4096;
    uint8_t b;
    size_t got;
    ASSERT_OK(f->ReadAt(off, &b, 1, &got));
    uint8_t flipped = b ^ static_cast<uint8_t>(1u << (rng() % 8));
    ASSERT_OK(f->WriteAt(off, &flipped, 1));
    {
      std::shared_ptr<Engine> e;
      ASSERT_OK(Engine::Acquire("p.db", MemOptions(vfs), false, false, &e));
      std::unique_ptr<ReadTxn> r;
      ASSERT_OK(e->BeginRead(&r));
      PageRef ref;
      Status s = r->Read(victim, &ref);
      EXPECT_TRUE(s.Is(Code::kCorruption));
      EXPECT_TRUE(s.message().find("page " + std::to_string(victim) + ":") != std::string::npos);
      r.reset();
      std::string report = Integrity(e.get());
      EXPECT_TRUE(report.find("page " + std::to_string(victim) + ":") != std::string::npos);
      // Corruption makes the engine refuse writes (ENGINE.md §10).
      std::unique_ptr<WriteTxn> w;
      EXPECT_TRUE(e->BeginWrite(0, UINT64_MAX, &w).Is(Code::kCorruption));
    }
    ASSERT_OK(f->WriteAt(off, &b, 1));
  }
}

TEST(Engine, FailedWalWritePoisonsUntilReopen) {
  auto mem = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  auto fault = std::make_shared<FaultVfs>(mem.get());
  std::vector<PageId> ids;
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("x.db", MemOptions(fault), true, false, &e));
    ids = AllocateFilled(e.get(), 2, 1);
    fault->FailAt(FaultPoint(1, ".wal", FaultOp::kSync));
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
    uint8_t* p;
    ASSERT_OK(w->Write(ids[0], &p));
    FillPage(p, w->usable_size(), ids[0], 2);
    EXPECT_TRUE(w->Commit().Is(Code::kIo));
    fault->DisarmAll();
    // Sticky (E5): writes refused, committed data still readable.
    EXPECT_TRUE(e->BeginWrite(0, UINT64_MAX, &w).Is(Code::kIo));
    std::unique_ptr<ReadTxn> r;
    ASSERT_OK(e->BeginRead(&r));
    EXPECT_EQ(ReadTxnOf(r.get(), ids[0]), 1u);
  }
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("x.db", MemOptions(fault), false, false, &e));
  std::unique_ptr<WriteTxn> w;
  ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
  w->Rollback();
  EXPECT_EQ(Integrity(e.get()), "ok");
}

TEST(Engine, BusyWriterTimesOutAndStaleWriterGets40001) {
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire(":memory:", EngineOptions(), true, false, &e));
  AllocateFilled(e.get(), 1, 1);
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  const uint64_t snap = r->snapshot_lsn();
  std::unique_ptr<WriteTxn> w1;
  ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w1));
  std::unique_ptr<WriteTxn> w2;
  auto t0 = std::chrono::steady_clock::now();
  Status s = e->BeginWrite(50, UINT64_MAX, &w2);
  EXPECT_TRUE(s.Is(Code::kBusy));
  EXPECT_EQ(std::string(s.sqlstate()), "55P03");
  EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - t0).count(), 45);
  PageId id;
  uint8_t* p;
  ASSERT_OK(w1->Allocate(&id, &p));
  ASSERT_OK(w1->Commit());
  s = e->BeginWrite(0, snap, &w2);
  EXPECT_TRUE(s.Is(Code::kTransaction));
  EXPECT_EQ(std::string(s.sqlstate()), "40001");
  ASSERT_OK(e->BeginWrite(0, e->last_commit_lsn(), &w2));  // current snapshot: fine
}

TEST(Engine, WriterLockIsGrantedInArrivalOrder) {
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire(":memory:", EngineOptions(), true, false, &e));
  std::unique_ptr<WriteTxn> w;
  ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
  std::mutex mu;
  std::vector<int> order;
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&, i] {
      std::unique_ptr<WriteTxn> mine;
      Status s = e->BeginWrite(5000, UINT64_MAX, &mine);
      std::lock_guard<std::mutex> g(mu);
      if (s.ok()) order.push_back(i);
    });
    // Let thread i queue before thread i+1.
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  w->Rollback();
  for (auto& t : threads) t.join();
  ASSERT_EQ(order.size(), 4u);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(order[i], i);
}

TEST(Engine, RegistrySharesOneEngineAcrossSymlinks) {
  std::string dir = ddbtest::TempDir();
  std::string real = dir + "/real.db";
  std::string link = dir + "/link.db";
  std::shared_ptr<Engine> a;
  ASSERT_OK(Engine::Acquire(real, EngineOptions(), true, false, &a));
  ASSERT_TRUE(symlink(real.c_str(), link.c_str()) == 0);
  std::shared_ptr<Engine> b;
  ASSERT_OK(Engine::Acquire(link, EngineOptions(), true, false, &b));
  EXPECT_TRUE(a.get() == b.get());
  AllocateFilled(a.get(), 2, 1);
  EXPECT_EQ(b->last_commit_lsn(), 2u);
  a.reset();
  EXPECT_EQ(b->last_commit_lsn(), 2u);  // still open through b
  b.reset();
  bool wal = true;
  ASSERT_OK(OsVfs()->Exists(real + ".wal", &wal));
  EXPECT_FALSE(wal);
  // Reopened through the link, the data is there.
  ASSERT_OK(Engine::Acquire(link, EngineOptions(), false, false, &b));
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(b->BeginRead(&r));
  EXPECT_EQ(r->page_count(), 3u);
}

TEST(Engine, SecondOwnerOfTheFileIsRefusedWithBusy) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::unique_ptr<EngineImpl> first;
  ASSERT_OK(EngineImpl::Open("l.db", vfs.get(), MemOptions(vfs), true, false, &first));
  // Another engine on the same file stands in for another process (the memory VFS's
  // locks conflict between handles).
  std::unique_ptr<EngineImpl> second;
  Status s = EngineImpl::Open("l.db", vfs.get(), MemOptions(vfs), true, false, &second);
  EXPECT_TRUE(s.Is(Code::kBusy));
  EXPECT_EQ(std::string(s.sqlstate()), "55P03");
}

TEST(Engine, MemoryDatabasesArePrivate) {
  std::shared_ptr<Engine> a, b;
  ASSERT_OK(Engine::Acquire(":memory:", EngineOptions(), true, false, &a));
  ASSERT_OK(Engine::Acquire(":memory:", EngineOptions(), true, false, &b));
  EXPECT_TRUE(a.get() != b.get());
  AllocateFilled(a.get(), 3, 1);
  EXPECT_EQ(a->last_commit_lsn(), 2u);
  EXPECT_EQ(b->last_commit_lsn(), 1u);
}

TEST(Engine, PageSizeIsChosenAtCreation) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  EngineOptions o = MemOptions(vfs);
  o.page_size = 16384;
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("big.db", o, true, false, &e));
    EXPECT_EQ(e->page_size(), 16384u);
    AllocateFilled(e.get(), 2, 1);
  }
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("big.db", MemOptions(vfs), false, false, &e));
  EXPECT_EQ(e->page_size(), 16384u);
  EXPECT_EQ(Integrity(e.get()), "ok");
  EngineOptions given = MemOptions(vfs);
  given.page_size = 4096;
  given.page_size_given = true;
  std::shared_ptr<Engine> other;
  e.reset();
  EXPECT_TRUE(Engine::Acquire("big.db", given, false, false, &other).Is(Code::kMisuse));
  o.page_size = 1000;
  std::shared_ptr<Engine> bad;
  EXPECT_TRUE(Engine::Acquire("bad.db", o, true, false, &bad).Is(Code::kMisuse));
}

TEST(Engine, OldReaderBlockingAnOversizedWalExpires) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  EngineOptions o = MemOptions(vfs);
  o.checkpoint_threshold = 8 * 4096;
  o.reader_timeout_ms = 1;
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("exp.db", o, true, false, &e));
  std::vector<PageId> ids = AllocateFilled(e.get(), 4, 1);
  std::unique_ptr<ReadTxn> old_reader;
  ASSERT_OK(e->BeginRead(&old_reader));
  EXPECT_EQ(ReadTxnOf(old_reader.get(), ids[0]), 1u);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  for (uint64_t t = 2; t <= 6; ++t) {
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
    for (PageId id : ids) {
      uint8_t* p;
      ASSERT_OK(w->Write(id, &p));
      FillPage(p, w->usable_size(), id, t);
    }
    ASSERT_OK(w->Commit());
  }
  // The reader was older than reader_timeout_ms and blocked a checkpoint of a WAL over
  // its threshold: it is expired, the WAL was reset, and its next read fails loudly
  // instead of seeing pages newer than its snapshot (§3.8).
  EXPECT_EQ(Impl(e)->stats().wal_frame_bytes < 8u * 4096, true);
  PageRef ref;
  Status s = old_reader->Read(ids[0], &ref);
  EXPECT_TRUE(s.Is(Code::kTransaction));
  EXPECT_EQ(std::string(s.sqlstate()), "72000");
  std::unique_ptr<ReadTxn> fresh;
  ASSERT_OK(e->BeginRead(&fresh));
  EXPECT_EQ(ReadTxnOf(fresh.get(), ids[0]), 6u);
}

TEST(Engine, TornMainHeaderIsRecoveredFromTheWal) {
  auto mem = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  auto fault = std::make_shared<FaultVfs>(mem.get());
  std::vector<PageId> ids;
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("torn.db", MemOptions(fault), true, false, &e));
    ids = AllocateFilled(e.get(), 3, 1);  // page 1 (page count) is in the WAL
    fault->CrashNow();                    // before any checkpoint copied it
  }
  std::unique_ptr<Vfs> after;
  ASSERT_OK(fault->NewVfsFromDurable(&after));
  {
    // A checkpoint's write of page 1 torn after 60 bytes.
    std::unique_ptr<File> f;
    ASSERT_OK(after->Open("torn.db", OpenFlags(), &f));
    uint8_t junk[60];
    std::memset(junk, 0xA5, sizeof junk);
    ASSERT_OK(f->WriteAt(0, junk, sizeof junk));
  }
  std::shared_ptr<Vfs> shared(after.release());
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("torn.db", MemOptions(shared), false, false, &e));
    std::unique_ptr<ReadTxn> r;
    ASSERT_OK(e->BeginRead(&r));
    EXPECT_EQ(r->page_count(), 4u);
    for (PageId id : ids) EXPECT_EQ(ReadTxnOf(r.get(), id), 1u);
    r.reset();
    EXPECT_EQ(Integrity(e.get()), "ok");
  }
  // Without the WAL copy the damaged header is reported.
  std::unique_ptr<File> f;
  ASSERT_OK(shared->Open("torn.db", OpenFlags(), &f));
  uint8_t junk[60];
  std::memset(junk, 0x5A, sizeof junk);
  ASSERT_OK(f->WriteAt(0, junk, sizeof junk));
  std::shared_ptr<Engine> e;
  Status s = Engine::Acquire("torn.db", MemOptions(shared), false, false, &e);
  EXPECT_TRUE(s.Is(Code::kCorruption));
  EXPECT_TRUE(s.message().find("page 1") != std::string::npos);
}

TEST(Engine, AnotherProcessIsRefusedByTheOsLock) {
  std::string path = ddbtest::TempDir() + "/locked.db";
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire(path, EngineOptions(), true, false, &e));
  pid_t pid = fork();
  ASSERT_TRUE(pid >= 0);
  if (pid == 0) {
    // The child has its own descriptors, like any other process (§1: flock LOCK_EX|LOCK_NB).
    std::unique_ptr<EngineImpl> other;
    Status s = EngineImpl::Open(path, OsVfs(), EngineOptions(), false, false, &other);
    _exit(s.Is(Code::kBusy) && std::string(s.sqlstate()) == "55P03" ? 0 : 1);
  }
  int status = 0;
  ASSERT_TRUE(waitpid(pid, &status, 0) == pid);
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

TEST(Engine, LogsIgnoredOptionsAndLongReaders) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::vector<std::string> logged;
  std::mutex mu;
  EngineOptions o = MemOptions(vfs);
  o.reader_warn_ms = 1;
  o.log = [&](const std::string& m) {
    std::lock_guard<std::mutex> g(mu);
    logged.push_back(m);
  };
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("log.db", o, true, false, &e));
  EngineOptions other = o;
  other.cache_bytes = 1 << 20;
  std::shared_ptr<Engine> e2;
  ASSERT_OK(Engine::Acquire("log.db", other, true, false, &e2));
  ASSERT_EQ(logged.size(), 1u);
  EXPECT_TRUE(logged[0].find("cache_size") != std::string::npos);
  std::vector<PageId> ids = AllocateFilled(e.get(), 1, 1);
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  AllocateFilled(e.get(), 1, 2);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  int64_t left;
  ASSERT_OK(e->Checkpoint(CheckpointMode::kPassive, &left));
  ASSERT_OK(e->Checkpoint(CheckpointMode::kPassive, &left));
  ASSERT_EQ(logged.size(), 2u);  // warned once per reader
  EXPECT_TRUE(logged[1].find("keeps the WAL from being reset") != std::string::npos);
}

TEST(Engine, LargeTransactionsSpillToTheWalAtSpillPoints) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  EngineOptions o = MemOptions(vfs);
  o.cache_bytes = 64 * 4096;  // spill beyond 32 private pages
  std::vector<PageId> ids;
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("spill.db", o, true, false, &e));
    ids = AllocateFilled(e.get(), 50, 1);
    // A rolled-back spilling transaction leaves only stale frames behind.
    {
      std::unique_ptr<WriteTxn> w;
      ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
      for (int i = 0; i < 300; ++i) {
        PageId id;
        uint8_t* p;
        ASSERT_OK(w->Allocate(&id, &p));
        FillPage(p, w->usable_size(), id, 99);
        ASSERT_OK(w->SpillPoint());
      }
      EXPECT_GT(static_cast<WriteTxnImpl*>(w.get())->spilled_pages(), 200u);
      w->Rollback();
    }
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
    auto* wt = static_cast<WriteTxnImpl*>(w.get());
    for (int i = 0; i < 400; ++i) {
      PageId id;
      uint8_t* p;
      ASSERT_OK(w->Allocate(&id, &p));
      FillPage(p, w->usable_size(), id, 2);
      ids.push_back(id);
      ASSERT_OK(w->SpillPoint());
      EXPECT_LE(wt->dirty_pages(), 33u);  // bounded (§4.4)
    }
    EXPECT_GT(wt->spilled_pages(), 300u);
    // Spilled pages read back, rewrite and free like private ones.
    EXPECT_EQ(ReadTxnOf(w.get(), ids[60]), 2u);
    uint8_t* p;
    ASSERT_OK(w->Write(ids[60], &p));
    EXPECT_EQ(PageTxn(p, w->usable_size(), ids[60]), 2u);
    FillPage(p, w->usable_size(), ids[60], 3);
    ASSERT_OK(w->Free(ids[70]));
    // Under a mark nothing spills, and undo restores a page that came back from the WAL.
    uint64_t m = w->Mark();
    ASSERT_OK(w->Write(ids[80], &p));
    FillPage(p, w->usable_size(), ids[80], 4);
    ASSERT_OK(w->SpillPoint());
    ASSERT_OK(w->RollbackToMark(m));
    w->ReleaseMark(m);
    EXPECT_EQ(ReadTxnOf(w.get(), ids[80]), 2u);
    ASSERT_OK(w->Commit());
    std::unique_ptr<ReadTxn> r;
    ASSERT_OK(e->BeginRead(&r));
    EXPECT_EQ(r->page_count(), 451u);
    EXPECT_EQ(ReadTxnOf(r.get(), ids[60]), 3u);
    EXPECT_EQ(ReadTxnOf(r.get(), ids[80]), 2u);
    EXPECT_EQ(ReadTxnOf(r.get(), ids[400]), 2u);
    EXPECT_EQ(ReadTxnOf(r.get(), ids[10]), 1u);
    r.reset();
    EXPECT_EQ(Integrity(e.get()), "ok");
  }
  // And after closing (checkpoint) and reopening.
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("spill.db", o, false, false, &e));
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  EXPECT_EQ(ReadTxnOf(r.get(), ids[60]), 3u);
  EXPECT_EQ(ReadTxnOf(r.get(), ids[80]), 2u);
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i == 60 || i == 70) continue;
    EXPECT_EQ(ReadTxnOf(r.get(), ids[i]), i < 50 ? 1u : 2u);
  }
  r.reset();
  EXPECT_EQ(Integrity(e.get()), "ok");
}

TEST(Engine, SpilledTransactionRecoversFromTheLogAfterACrash) {
  auto mem = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  auto fault = std::make_shared<FaultVfs>(mem.get());
  EngineOptions o = MemOptions(fault);
  o.cache_bytes = 64 * 4096;
  std::vector<PageId> ids;
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("sc.db", o, true, false, &e));
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
    for (int i = 0; i < 200; ++i) {
      PageId id;
      uint8_t* p;
      ASSERT_OK(w->Allocate(&id, &p));
      FillPage(p, w->usable_size(), id, 1);
      ids.push_back(id);
      ASSERT_OK(w->SpillPoint());
    }
    uint8_t* p;
    ASSERT_OK(w->Write(ids[5], &p));  // back from the WAL, then spilled again later
    FillPage(p, w->usable_size(), ids[5], 2);
    for (int i = 0; i < 40; ++i) {
      ASSERT_OK(w->Write(ids[100 + i], &p));
      FillPage(p, w->usable_size(), ids[100 + i], 2);
      ASSERT_OK(w->SpillPoint());
    }
    ASSERT_OK(w->Commit());
    fault->CrashNow();  // the commit is durable; nothing was checkpointed
  }
  std::unique_ptr<Vfs> after;
  ASSERT_OK(fault->NewVfsFromDurable(&after));
  std::shared_ptr<Vfs> shared(after.release());
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("sc.db", MemOptions(shared), false, false, &e));
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  for (int i = 0; i < 200; ++i) {
    const uint64_t want = (i == 5 || (i >= 100 && i < 140)) ? 2 : 1;
    EXPECT_EQ(ReadTxnOf(r.get(), ids[i]), want);
  }
  r.reset();
  EXPECT_EQ(Integrity(e.get()), "ok");
}

TEST(Engine, SyncModesDecideWhetherCommitsSync) {
  for (SyncMode mode : {SyncMode::kFull, SyncMode::kNormal, SyncMode::kOff}) {
    auto mem = std::shared_ptr<Vfs>(NewMemoryVfs().release());
    auto fault = std::make_shared<FaultVfs>(mem.get());
    EngineOptions o = MemOptions(fault);
    o.sync = mode;
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("sync.db", o, true, false, &e));
    const uint64_t before = fault->OpCount(FaultOp::kSync, ".wal");
    for (int t = 1; t <= 5; ++t) AllocateFilled(e.get(), 1, t);
    const uint64_t syncs = fault->OpCount(FaultOp::kSync, ".wal") - before;
    // One sync per commit (the commit point, §3.3), none with sync=off.
    EXPECT_EQ(syncs, mode == SyncMode::kOff ? 0u : 5u);
  }
}

TEST(Engine, TruncateCheckpointShrinksTheWal) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("trunc.db", MemOptions(vfs), true, false, &e));
  for (int t = 1; t <= 10; ++t) AllocateFilled(e.get(), 4, t);
  std::unique_ptr<File> f;
  ASSERT_OK(vfs->Open("trunc.db.wal", OpenFlags(), &f));
  uint64_t size = 0;
  ASSERT_OK(f->Size(&size));
  EXPECT_GT(size, 40u * 4096);
  int64_t left = -1;
  ASSERT_OK(e->Checkpoint(CheckpointMode::kPassive, &left));
  EXPECT_EQ(left, 0);
  ASSERT_OK(f->Size(&size));
  EXPECT_GT(size, 40u * 4096);  // below wal_size_limit the space is reused (§3.6)
  AllocateFilled(e.get(), 1, 11);
  ASSERT_OK(e->Checkpoint(CheckpointMode::kTruncate, &left));
  ASSERT_OK(f->Size(&size));
  EXPECT_EQ(size, 40u);
  EXPECT_EQ(Integrity(e.get()), "ok");
}

// PASSIVE leaves what an older reader needs; FULL waits for that reader to finish and
// then copies everything and resets the log; new readers do not delay it.
TEST(Engine, FullCheckpointWaitsForOlderReaders) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("full.db", MemOptions(vfs), true, false, &e));
  std::vector<PageId> ids = AllocateFilled(e.get(), 6, 1);
  std::unique_ptr<ReadTxn> old_reader;
  ASSERT_OK(e->BeginRead(&old_reader));
  AllocateFilled(e.get(), 3, 2);
  int64_t left = -1;
  ASSERT_OK(e->Checkpoint(CheckpointMode::kPassive, &left));
  EXPECT_GT(left, 0);
  std::unique_ptr<ReadTxn> new_reader;  // at the last commit: needs nothing from the log
  ASSERT_OK(e->BeginRead(&new_reader));
  std::thread finisher([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    for (PageId id : ids) EXPECT_EQ(ReadTxnOf(old_reader.get(), id), 1u);
    old_reader.reset();
  });
  const auto t0 = std::chrono::steady_clock::now();
  ASSERT_OK(e->Checkpoint(CheckpointMode::kFull, &left));
  const auto waited = std::chrono::steady_clock::now() - t0;
  finisher.join();
  EXPECT_EQ(left, 0);
  EXPECT_EQ(Impl(e)->stats().wal_frame_bytes, 0u);  // reset (E4)
  EXPECT_GE(std::chrono::duration_cast<std::chrono::milliseconds>(waited).count(), 90);
  EXPECT_EQ(new_reader->page_count(), 10u);
  EXPECT_EQ(Integrity(e.get()), "ok");
}

// A suspended read holds back no checkpoint and refuses reads; Restart moves it to the
// latest commit (what a prepared statement does between executions).
TEST(Engine, SuspendedReadRefusesReadsAndRestartsAtTheLatestCommit) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("susp.db", MemOptions(vfs), true, false, &e));
  std::vector<PageId> ids = AllocateFilled(e.get(), 3, 1);
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  EXPECT_EQ(ReadTxnOf(r.get(), ids[0]), 1u);
  r->Suspend();
  r->Suspend();  // idempotent
  PageRef ref;
  EXPECT_TRUE(r->Read(ids[0], &ref).Is(Code::kMisuse));
  AllocateFilled(e.get(), 2, 2);
  int64_t left = -1;
  ASSERT_OK(e->Checkpoint(CheckpointMode::kPassive, &left));
  EXPECT_EQ(left, 0);  // the suspended reader held nothing back
  r->Restart();
  EXPECT_EQ(r->page_count(), 6u);
  EXPECT_EQ(ReadTxnOf(r.get(), ids[0]), 1u);
  EXPECT_EQ(r->snapshot_lsn(), e->last_commit_lsn());
}
