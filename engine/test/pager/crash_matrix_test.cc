// Crash matrix: a seeded workload of small and large transactions (the large ones
// exceed the cache and spill uncommitted frames to the WAL), explicit and automatic
// checkpoints, a long reader, statement rollbacks and rolled-back spilling transactions,
// replayed with a crash at every I/O point of fault_vfs (tearing the crashing write and
// dropping/keeping unsynced writes in rotation). Each durable image must reopen to exactly
// the last acknowledged commit, or the one in flight when its COMMIT frame became durable,
// and pass the integrity check. Design: ENGINE.md §3.3, §3.5, §3.6, §4.4, §12.
#include <cstdio>
#include <map>
#include <random>
#include <vector>

#include "pager/txn_impl.h"
#include "pager_test_util.h"
#include "vfs/fault_vfs.h"

using namespace decentdb;
using namespace pagertest;

namespace {

constexpr int kTxns = 100;
const char* kDb = "crash.db";

struct ModelState {
  uint32_t page_count = 1;
  uint32_t freelist_count = 0;
  std::map<PageId, uint64_t> live;  // page -> txn whose contents it holds
};

struct RunResult {
  int acked = 0;       // last transaction whose Commit() returned OK
  int in_flight = -1;  // the transaction whose Commit() failed, if any
  bool completed = false;
};

EngineOptions CrashOptions(std::shared_ptr<Vfs> vfs) {
  EngineOptions o;
  o.vfs = std::move(vfs);
  o.sync = SyncMode::kFull;
  o.cache_bytes = 64 * 4096;             // the minimum: large transactions exceed it
  o.checkpoint_threshold = 48 * 4096;    // several automatic checkpoints per run
  o.wal_size_limit = 96 * 4096;          // and some truncations at reset
  return o;
}

// Runs the workload; states, when given, receives the model after each commit
// (states[0] is the empty database). Stops at the first error.
RunResult RunWorkload(std::shared_ptr<Vfs> vfs, uint64_t seed, std::vector<ModelState>* states) {
  RunResult res;
  std::mt19937_64 rng(seed);
  ModelState model;
  if (states) states->assign(1, model);
  std::shared_ptr<Engine> e;
  if (!Engine::Acquire(kDb, CrashOptions(vfs), true, false, &e).ok()) return res;
  std::unique_ptr<ReadTxn> reader;
  for (int t = 1; t <= kTxns; ++t) {
    if (t % 15 == 3 && !reader) {
      if (!e->BeginRead(&reader).ok()) return res;
    }
    if (t % 15 == 11) reader.reset();
    if (t % 13 == 6) {
      // A large transaction that spills and is then rolled back: its frames stay in the
      // log past the last commit and must never be replayed.
      std::unique_ptr<WriteTxn> doomed;
      if (!e->BeginWrite(0, UINT64_MAX, &doomed).ok()) return res;
      for (int i = 0; i < 60; ++i) {
        PageId id;
        uint8_t* p;
        if (!doomed->Allocate(&id, &p).ok()) return res;
        FillPage(p, doomed->usable_size(), id, 5000 + t);
        if (!doomed->SpillPoint().ok()) return res;
      }
      doomed->Rollback();
    }
    std::unique_ptr<WriteTxn> w;
    if (!e->BeginWrite(0, UINT64_MAX, &w).ok()) return res;
    ModelState next = model;
    const bool large = t % 9 == 4;
    const int ops = large ? 100 : 1 + static_cast<int>(rng() % 4);
    Status s;
    for (int i = 0; i < ops && s.ok(); ++i) {
      const int kind = large ? (i % 3 == 0 ? 0 : 1) : static_cast<int>(rng() % 3);
      uint8_t* p = nullptr;
      if (kind == 0 || next.live.size() < 6) {
        PageId id;
        s = w->Allocate(&id, &p);
        if (!s.ok()) break;
        FillPage(p, w->usable_size(), id, t);
        next.live[id] = t;
      } else {
        auto it = next.live.begin();
        std::advance(it, rng() % next.live.size());
        PageId id = it->first;
        if (kind == 1) {
          s = w->Write(id, &p);
          if (!s.ok()) break;
          FillPage(p, w->usable_size(), id, t);
          it->second = t;
        } else {
          s = w->Free(id);
          next.live.erase(it);
        }
      }
      // Large transactions exceed half the cache, so they spill to the WAL (§4.4).
      if (s.ok()) s = w->SpillPoint();
    }
    if (s.ok() && t % 5 == 0) {
      // A failed statement: its writes are undone by the journal (§4.5).
      uint64_t m = w->Mark();
      uint8_t* p;
      PageId id;
      s = w->Allocate(&id, &p);
      if (s.ok()) FillPage(p, w->usable_size(), id, 1000 + t);
      if (s.ok()) s = w->Write(next.live.begin()->first, &p);
      if (s.ok()) FillPage(p, w->usable_size(), next.live.begin()->first, 2000 + t);
      if (s.ok()) s = w->RollbackToMark(m);
      w->ReleaseMark(m);
    }
    if (!s.ok()) return res;
    next.page_count = w->page_count();
    next.freelist_count = static_cast<WriteTxnImpl*>(w.get())->db_header().freelist_count;
    if (!w->Commit().ok()) {
      res.in_flight = t;
      if (states) states->push_back(next);
      return res;
    }
    res.acked = t;
    model = next;
    if (states) states->push_back(model);
    if (t % 8 == 7) {
      int64_t left;
      if (!e->Checkpoint(CheckpointMode::kPassive, &left).ok()) return res;
    }
  }
  reader.reset();
  res.completed = true;
  return res;  // the engine closes here: final checkpoint, WAL deletion
}

// Empty when the database holds exactly state; a description of the difference otherwise.
std::string Compare(Engine* e, const ModelState& state) {
  std::unique_ptr<ReadTxn> r;
  Status s = e->BeginRead(&r);
  if (!s.ok()) return s.ToString();
  if (r->page_count() != state.page_count) {
    return "page count " + std::to_string(r->page_count()) + " != " +
           std::to_string(state.page_count);
  }
  for (const auto& kv : state.live) {
    PageRef ref;
    s = r->Read(kv.first, &ref);
    if (!s.ok()) return s.ToString();
    uint64_t got = PageTxn(ref.data(), r->usable_size(), kv.first);
    if (got != kv.second) {
      return "page " + std::to_string(kv.first) + " holds txn " + std::to_string(got) +
             ", expected " + std::to_string(kv.second);
    }
  }
  return "";
}

}  // namespace

TEST(CrashMatrix, EveryIoPointRecoversTheLastAcknowledgedCommit) {
  const uint64_t seed = ddbtest::TestSeed();
  std::vector<ModelState> states;
  uint64_t points = 0;
  uint64_t main_writes = 0;
  {
    auto probe = std::make_shared<FaultVfs>(NewMemoryVfs(), seed);
    RunResult r = RunWorkload(probe, seed, &states);
    ASSERT_TRUE(r.completed);
    ASSERT_EQ(r.acked, kTxns);
    points = probe->io_ops();
    main_writes = probe->OpCount(FaultOp::kWrite, kDb);
    std::unique_ptr<Vfs> after;
    ASSERT_OK(probe->NewVfsFromDurable(&after));
    std::shared_ptr<Vfs> shared(after.release());
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire(kDb, CrashOptions(shared), false, false, &e));
    ASSERT_EQ(Compare(e.get(), states[kTxns]), "");
  }
  std::printf("crash matrix: %llu I/O points (%llu main-file writes), %d transactions\n",
              static_cast<unsigned long long>(points),
              static_cast<unsigned long long>(main_writes), kTxns);
  ASSERT_GT(points, 800u);
  struct Scenario {
    FaultPoint at;
    TearMode tear;
    size_t tear_bytes;
    UnsyncedAtCrash policy;
  };
  std::vector<Scenario> scenarios;
  static const UnsyncedAtCrash kPolicies[] = {
      UnsyncedAtCrash::kDropAll, UnsyncedAtCrash::kRandomSectors,
      UnsyncedAtCrash::kKeepAll, UnsyncedAtCrash::kRandomWrites};
  // 1. Every I/O point (or a seeded sample of 2500 when there are more than 4000),
  //    rotating the fate of the crashing write and of unsynced writes. Prefix tears
  //    alternate between a few bytes (inside a header) and most of a page.
  std::vector<uint64_t> crash_points;
  if (points <= 4000) {
    for (uint64_t n = 1; n <= points; ++n) crash_points.push_back(n);
  } else {
    std::mt19937_64 pick(seed);
    for (int i = 0; i < 2500; ++i) crash_points.push_back(1 + pick() % points);
  }
  for (uint64_t n : crash_points) {
    const TearMode tear = n % 3 == 0 ? TearMode::kNone : n % 3 == 1 ? TearMode::kSectors
                                                                      : TearMode::kPrefix;
    const size_t tear_bytes = n % 2 ? 1 + (n * 31) % 200 : 1 + (n * 7919) % 4000;
    scenarios.push_back({FaultPoint(n), tear, tear_bytes, kPolicies[(n / 3) % 4]});
  }
  // 2. Every third main-file write torn inside the first 128 bytes: for checkpoint
  //    writes of page 1 this is a torn database header that recovery must rebuild from
  //    the WAL (the stride keeps the run short; it still hits several page-1 writes).
  for (uint64_t k = 1; k <= main_writes; k += 3) {
    scenarios.push_back({FaultPoint(k, kDb, FaultOp::kWrite), TearMode::kPrefix,
                         static_cast<size_t>(30 + k % 90), UnsyncedAtCrash::kDropAll});
  }
  int in_flight_durable = 0;
  int failures = 0;
  for (size_t i = 0; i < scenarios.size(); ++i) {
    const Scenario& sc = scenarios[i];
    auto fv = std::make_shared<FaultVfs>(NewMemoryVfs(), seed ^ ((i + 1) * 0x9E3779B97F4A7C15ull));
    fv->SetUnsyncedAtCrash(sc.policy);
    fv->CrashAt(sc.at, sc.tear, sc.tear_bytes);
    RunResult r = RunWorkload(fv, seed, nullptr);
    if (!fv->crashed()) fv->CrashNow();
    std::unique_ptr<Vfs> after;
    ASSERT_OK(fv->NewVfsFromDurable(&after));
    std::shared_ptr<Vfs> shared(after.release());
    std::shared_ptr<Engine> e;
    Status s = Engine::Acquire(kDb, CrashOptions(shared), true, false, &e);
    std::string why;
    if (!s.ok()) {
      why = "reopen: " + s.ToString();
    } else {
      why = Compare(e.get(), states[r.acked]);
      if (!why.empty() && r.in_flight > 0 && Compare(e.get(), states[r.in_flight]).empty()) {
        why.clear();
        in_flight_durable++;
      }
      if (why.empty()) {
        std::string report = Integrity(e.get());
        if (report != "ok") why = "integrity: " + report;
      }
    }
    if (!why.empty()) {
      ddbtest::ReportFailure(__FILE__, __LINE__,
                             "scenario " + std::to_string(i) + ": crash at point " +
                                 std::to_string(sc.at.n) + " of '" + sc.at.path_suffix +
                                 "' (acked " + std::to_string(r.acked) + ", in flight " +
                                 std::to_string(r.in_flight) + "): " + why);
      if (++failures >= 5) return;
    }
  }
  std::printf("crash matrix: %zu crashes checked, %d recovered the in-flight commit\n",
              scenarios.size(), in_flight_durable);
}
