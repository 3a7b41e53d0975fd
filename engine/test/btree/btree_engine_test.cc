// The B+tree model workload (model_workload.h) run through the real pager: write
// transactions on a database file, commits and rollbacks, then closing the engine and
// reopening the file, comparing both trees against their std::map models each time.
// Design: ENGINE.md §5 (trees) on top of §3-§4 (WAL, transactions).
#include <memory>
#include <string>

#include "btree/btree.h"
#include "btree/model_workload.h"
#include "harness/test.h"
#include "pager/engine.h"

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
