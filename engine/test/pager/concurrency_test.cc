// Concurrency: one writer moving amounts between counter pages (the sum stays zero) and
// rewriting filler pages, >= 4 reader threads checking the sum and repeatable reads in
// their snapshots, and a checkpointer thread, all on one engine with a small cache so
// that eviction runs under pins. Meant to be run under TSan too (-DDDB_TSAN=ON).
// Design: ENGINE.md §3.4 (snapshots), §3.6 (checkpoint vs readers), §4.4 (cache).
#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "pager_test_util.h"

using namespace decentdb;
using namespace pagertest;

namespace {

constexpr int kCounters = 16;
constexpr int kFillers = 160;

int64_t CounterOf(const uint8_t* p) { return static_cast<int64_t>(DecodeFixed64(p + 16)); }

}  // namespace

TEST(Concurrency, ReadersSeeConsistentSnapshotsWhileWriterAndCheckpointsRun) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  EngineOptions o = MemOptions(vfs);
  o.cache_bytes = 64 * 4096;
  o.checkpoint_threshold = 64 * 4096;
  o.sync = SyncMode::kNormal;
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("conc.db", o, true, false, &e));
  std::vector<PageId> counters, fillers;
  {
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(0, UINT64_MAX, &w));
    for (int i = 0; i < kCounters + kFillers; ++i) {
      PageId id;
      uint8_t* p;
      ASSERT_OK(w->Allocate(&id, &p));
      std::memset(p, 0, w->usable_size());
      p[0] = 0x06;
      (i < kCounters ? counters : fillers).push_back(id);
    }
    ASSERT_OK(w->Commit());
  }
  std::atomic<bool> stop{false};
  std::atomic<int> errors{0};
  std::atomic<uint64_t> reads{0}, commits{0}, checkpoints{0};
  auto fail = [&](const std::string& what) {
    if (errors.fetch_add(1) < 5) ddbtest::ReportFailure(__FILE__, __LINE__, what);
  };

  std::thread writer([&] {
    std::mt19937_64 rng(ddbtest::TestSeed());
    while (!stop.load()) {
      std::unique_ptr<WriteTxn> w;
      Status s = e->BeginWrite(5000, UINT64_MAX, &w);
      if (!s.ok()) { fail("writer: " + s.ToString()); return; }
      PageId a = counters[rng() % kCounters], b = counters[rng() % kCounters];
      int64_t amount = static_cast<int64_t>(rng() % 1000);
      uint8_t *pa, *pb;
      s = w->Write(a, &pa);
      if (s.ok()) {
        EncodeFixed64(pa + 16, static_cast<uint64_t>(CounterOf(pa) - amount));
        s = w->Write(b, &pb);
      }
      if (s.ok()) EncodeFixed64(pb + 16, static_cast<uint64_t>(CounterOf(pb) + amount));
      // Every 25th transaction rewrites every filler page and spills (§4.4) while
      // readers run.
      const bool large = commits.load() % 25 == 24;
      for (int i = 0; s.ok() && i < (large ? kFillers : 4); ++i) {
        PageId f = large ? fillers[i] : fillers[rng() % kFillers];
        uint8_t* pf;
        s = w->Write(f, &pf);
        if (s.ok()) EncodeFixed64(pf + 24, commits.load() + 1);
        if (s.ok() && large) s = w->SpillPoint();
      }
      if (s.ok()) s = w->Commit();
      if (!s.ok()) { fail("writer: " + s.ToString()); return; }
      commits++;
    }
  });

  std::thread checkpointer([&] {
    while (!stop.load()) {
      int64_t left;
      Status s = e->Checkpoint(CheckpointMode::kPassive, &left);
      if (!s.ok()) { fail("checkpoint: " + s.ToString()); return; }
      checkpoints++;
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  });

  std::vector<std::thread> readers;
  for (int r = 0; r < 4; ++r) {
    readers.emplace_back([&, r] {
      std::mt19937_64 rng(ddbtest::TestSeed() + r);
      while (!stop.load()) {
        std::unique_ptr<ReadTxn> txn;
        Status s = e->BeginRead(&txn);
        if (!s.ok()) { fail("reader: " + s.ToString()); return; }
        // Reader 0 keeps its snapshot long, across many commits and checkpoints.
        const int passes = r == 0 ? 30 : 2;
        int64_t first_values[kCounters];
        for (int pass = 0; pass < passes && !stop.load(); ++pass) {
          int64_t sum = 0;
          std::vector<PageRef> pins;
          for (int i = 0; i < kCounters; ++i) {
            PageRef ref;
            s = txn->Read(counters[i], &ref);
            if (!s.ok()) { fail("reader read: " + s.ToString()); return; }
            int64_t v = CounterOf(ref.data());
            sum += v;
            if (pass == 0) first_values[i] = v;
            else if (first_values[i] != v) fail("non-repeatable read of a counter page");
            pins.push_back(ref);  // hold pins while the cache evicts
          }
          for (int i = 0; i < 8; ++i) {
            PageRef ref;
            s = txn->Read(fillers[rng() % kFillers], &ref);
            if (!s.ok()) { fail("reader filler: " + s.ToString()); return; }
            if (ref.data()[0] != 0x06) fail("filler page lost its type byte");
          }
          if (sum != 0) fail("counter sum " + std::to_string(sum) + " != 0");
          reads++;
          if (r == 0) std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
      }
    });
  }

  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  stop.store(true);
  writer.join();
  checkpointer.join();
  for (auto& t : readers) t.join();
  std::printf("concurrency: %llu commits, %llu reader passes, %llu checkpoints, %llu resets\n",
              static_cast<unsigned long long>(commits.load()),
              static_cast<unsigned long long>(reads.load()),
              static_cast<unsigned long long>(checkpoints.load()),
              static_cast<unsigned long long>(Impl(e)->stats().wal_resets));
  EXPECT_EQ(errors.load(), 0);
  EXPECT_GT(commits.load(), 10u);
  EXPECT_GT(reads.load(), 10u);
  EXPECT_EQ(Integrity(e.get()), "ok");
}

TEST(Concurrency, ConcurrentOpensAndClosesShareOneEngine) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  EngineOptions o = MemOptions(vfs);
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire("reg.db", o, true, false, &e));
  }
  std::atomic<int> errors{0};
  std::atomic<int> commits{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 40; ++i) {
        std::shared_ptr<Engine> e;
        Status s = Engine::Acquire("reg.db", o, false, false, &e);
        if (!s.ok()) {
          errors++;
          ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
          return;
        }
        std::unique_ptr<WriteTxn> w;
        s = e->BeginWrite(5000, UINT64_MAX, &w);
        PageId id;
        uint8_t* p;
        if (s.ok()) s = w->Allocate(&id, &p);
        if (s.ok()) {
          FillPage(p, w->usable_size(), id, 1);
          s = w->Commit();
        }
        if (!s.ok()) {
          errors++;
          ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
          return;
        }
        commits++;
        // While this handle is open, every other open of the file shares its engine (R1).
        std::shared_ptr<Engine> again;
        s = Engine::Acquire("reg.db", o, false, false, &again);
        if (!s.ok() || again.get() != e.get()) {
          errors++;
          ddbtest::ReportFailure(__FILE__, __LINE__, "second open got another engine");
          return;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("reg.db", o, false, false, &e));
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  // Every commit landed, whichever engine instance (one at a time) took it.
  EXPECT_EQ(r->page_count(), 1u + static_cast<uint32_t>(commits.load()));
  r.reset();
  EXPECT_EQ(Integrity(e.get()), "ok");
}
