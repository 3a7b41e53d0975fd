// The B+tree model workload (model_workload.h) run through the real pager: write
// transactions on a database file, commits and rollbacks, then closing the engine and
// reopening the file, comparing both trees against their std::map models each time.
// Design: ENGINE.md §5 (trees) on top of §3-§4 (WAL, transactions).
#include <iterator>
#include <map>
#include <memory>
#include <random>
#include <string>

#include "btree/btree.h"
#include "btree/model_workload.h"
#include "harness/test.h"
#include "pager/engine.h"
#include "pager/page_memo.h"

using namespace decentdb;
using namespace decentdb::testing;

namespace {

EngineOptions FileOptions() {
  EngineOptions o;
  o.sync = SyncMode::kOff;  // durability is the pager's tests' concern; keep this one quick
  o.cache_bytes = 8ull << 20;
  o.checkpoint_threshold = 4ull << 20;  // several checkpoints during the run
  return o;
}

struct Runs {
  ModelRun<TableTraits> table;
  ModelRun<IndexTraits> index;
};

Status CheckWithReader(Engine* e, Runs* runs) {
  std::unique_ptr<ReadTxn> r;
  DDB_RETURN_IF_ERROR(e->BeginRead(&r));
  DDB_RETURN_IF_ERROR(runs->table.CheckAll(r.get(), 50));
  DDB_RETURN_IF_ERROR(runs->index.CheckAll(r.get(), 50));
  std::string report;
  DDB_RETURN_IF_ERROR(e->IntegrityCheck(&report));
  if (report != "ok") return Status::Corruption("integrity check: " + report);
  return Status::OK();
}

}  // namespace

TEST(BTreeEngine, ModelWorkloadSurvivesCommitsRollbacksAndReopen) {
  const std::string path = ddbtest::TempDir() + "/model.db";
  const uint64_t seed = ddbtest::TestSeed();
  Runs runs{ModelRun<TableTraits>(nullptr, seed + 1), ModelRun<IndexTraits>(nullptr, seed + 2)};
  uint64_t ops = 0;
  int batch = 0;
  // 4 sessions x 25 transactions x 2,000 operations: 200,000 operations, each session
  // checked against the model after the reopen (issue acceptance: >= 200,000 then reopen).
  for (int session = 0; session < 4; ++session) {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire(path, FileOptions(), true, false, &e));
    if (session == 0) {
      std::unique_ptr<WriteTxn> w;
      ASSERT_OK(e->BeginWrite(1000, UINT64_MAX, &w));
      PageId a, b;
      ASSERT_OK(BTree::Create(w.get(), TreeKind::kTable, &a));
      ASSERT_OK(BTree::Create(w.get(), TreeKind::kIndex, &b));
      ASSERT_OK(w->Commit());
      runs.table.set_root(a);
      runs.index.set_root(b);
    } else {
      // Everything committed before the close must be back, byte for byte.
      ASSERT_OK(CheckWithReader(e.get(), &runs));
    }
    for (int txn = 0; txn < 25; ++txn, ++batch) {
      std::unique_ptr<WriteTxn> w;
      ASSERT_OK(e->BeginWrite(1000, UINT64_MAX, &w));
      const bool rollback = txn % 5 == 4;
      Runs saved = runs;
      ASSERT_OK(runs.table.Batch(batch, 1000, w.get()));
      ASSERT_OK(runs.index.Batch(batch, 1000, w.get()));
      ops += 2000;
      if (txn % 4 == 0) {
        // The writer sees its own uncommitted state.
        ASSERT_OK(runs.table.CheckAll(w.get(), 20));
        ASSERT_OK(runs.index.CheckAll(w.get(), 20));
      }
      if (rollback) {
        w->Rollback();
        runs = saved;
      } else {
        ASSERT_OK(w->Commit());
      }
      if (txn % 4 == 3) ASSERT_OK(CheckWithReader(e.get(), &runs));
    }
    ASSERT_OK(CheckWithReader(e.get(), &runs));
  }
  {
    std::shared_ptr<Engine> e;
    ASSERT_OK(Engine::Acquire(path, FileOptions(), false, false, &e));
    ASSERT_OK(CheckWithReader(e.get(), &runs));
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(1000, UINT64_MAX, &w));
    ASSERT_OK(runs.table.DropAndCheckEmpty(w.get()));
    ASSERT_OK(runs.index.DropAndCheckEmpty(w.get()));
    ASSERT_OK(w->Commit());
    std::string report;
    ASSERT_OK(e->IntegrityCheck(&report));
    EXPECT_TRUE(report == "ok");
  }
  EXPECT_GE(ops, 200000u);
  std::printf("  %llu operations through the pager, 5 opens\n", static_cast<unsigned long long>(ops));
}

TEST(BTreeEngine, SeeksThroughDecodedInteriorPagesAgreeWithAModel) {
  // A reader's memo serves interior pages again and again, and table interiors are then
  // searched in their decoded form (btree.cc, PageRef::side_data). Sparse rowids, three
  // levels, keys below, between, on and above the stored ones, each seek followed by a
  // step (the cursor's path must be the one the undecoded search gives), skips of whole
  // leaves, and a second snapshot after more writes on the same connection memo.
  EngineOptions o;
  o.sync = SyncMode::kOff;
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire(":memory:", o, true, false, &e));
  std::mt19937_64 rng(20261127);
  std::map<int64_t, std::string> model;
  PageId root = kNoPage;
  auto write = [&](int rows) {
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(1000, UINT64_MAX, &w));
    if (root == kNoPage) ASSERT_OK(BTree::Create(w.get(), TreeKind::kTable, &root));
    BTree t(w.get(), root, TreeKind::kTable);
    for (int i = 0; i < rows; ++i) {
      int64_t k = static_cast<int64_t>(rng() % 4000000) - 2000000;
      std::string v(20 + rng() % 100, static_cast<char>('a' + k % 26 + (k < 0 ? 26 : 0)));
      if (model.count(k)) continue;
      ASSERT_OK(t.Insert(TreeKey::Rowid(k), v));
      model[k] = v;
    }
    ASSERT_OK(w->Commit());
  };
  auto memo = std::make_shared<PageMemo>();
  auto check = [&](int seeks) {
    std::unique_ptr<ReadTxn> r;
    ASSERT_OK(e->BeginRead(memo, &r));
    BTreeCursor c(r.get(), root, TreeKind::kTable);
    TreeStats stats;
    BTree t(static_cast<PageReader*>(r.get()), root, TreeKind::kTable);
    ASSERT_OK(t.Verify(&stats));
    ASSERT_GE(stats.depth, 3u);
    const int64_t lo = model.begin()->first, hi = model.rbegin()->first;
    for (int i = 0; i < seeks; ++i) {
      int64_t k;
      switch (i % 3) {
        case 0: k = lo - 5 + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 10)); break;
        case 1: {  // a stored key
          auto it = model.lower_bound(lo + static_cast<int64_t>(rng() % static_cast<uint64_t>(hi - lo + 1)));
          k = it == model.end() ? hi : it->first;
          break;
        }
        default: k = (i % 2 ? lo : hi) + static_cast<int64_t>(rng() % 7) - 3;  // the ends
      }
      auto want = model.lower_bound(k);
      ASSERT_OK(c.SeekGE(TreeKey::Rowid(k)));
      ASSERT_EQ(c.Valid(), want != model.end());
      if (!c.Valid()) continue;
      ASSERT_EQ(c.rowid(), want->first);
      std::string_view v;
      ASSERT_OK(c.Value(&v));
      ASSERT_EQ(std::string(v), want->second);
      ASSERT_OK(i % 2 ? c.Next() : c.Prev());
      auto step = want;
      bool has = i % 2 ? ++step != model.end() : step != model.begin();
      if (!(i % 2) && has) --step;
      ASSERT_EQ(c.Valid(), has);
      if (has) ASSERT_EQ(c.rowid(), step->first);
      ASSERT_OK(c.SeekLE(TreeKey::Rowid(k)));
      auto le = model.upper_bound(k);
      ASSERT_EQ(c.Valid(), le != model.begin());
      if (c.Valid()) ASSERT_EQ(c.rowid(), std::prev(le)->first);
      if (i % 10 == 0 && c.Valid()) {
        // Skip over m entries either way, as m Next/Prev calls would (whole leaves at once).
        const bool fwd = i % 20 == 0;
        const int64_t m = static_cast<int64_t>(rng() % (i % 30 == 0 ? 5000 : 300));
        auto at = std::prev(le);
        int64_t want_moved = 0;
        while (want_moved < m && (fwd ? std::next(at) != model.end() : at != model.begin())) {
          at = fwd ? std::next(at) : std::prev(at);
          ++want_moved;
        }
        const bool falls_off = want_moved < m;
        int64_t moved = -1;
        ASSERT_OK(c.Skip(m, fwd, &moved));
        ASSERT_EQ(moved, want_moved);
        ASSERT_EQ(c.Valid(), !falls_off);
        if (!falls_off) ASSERT_EQ(c.rowid(), at->first);
      }
    }
  };
  write(40000);
  check(30000);
  write(5000);  // new snapshot: the memo's pages and their decoded forms are dropped
  check(30000);
}
