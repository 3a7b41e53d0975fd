// Model test for the B+trees (ENGINE.md §12): random inserts, updates, deletes, point reads
// and range scans on a table tree and an index tree, mirrored in a std::map. After every
// batch the whole tree is compared both ways, probed with random seeks, verified
// (btree.cc T1-T4, node.h N1-N4) and its page set matched against the page store's.
#include <map>
#include <random>
#include <string>
#include <vector>

#include "btree/btree.h"
#include "btree/mem_page_store.h"
#include "btree/model_workload.h"
#include "harness/test.h"

using namespace decentdb;
using namespace decentdb::testing;

TEST(BTreeModel, TableTreeMatchesStdMap) {
  MemPageStore store(4096);
  ModelRun<TableTraits> run(&store, ddbtest::TestSeed());
  ASSERT_OK(run.Create());
  uint64_t ops = 0;
  for (int batch = 0; batch < 100; ++batch) {
    ASSERT_OK(run.Batch(batch, 2000, &store));
    ops += 2000;
    ASSERT_OK(run.CheckAll(/*seeks=*/100));
    ASSERT_EQ(run.tree_pages(), store.live_pages());
    ASSERT_OK(store.Commit());
    if (batch % 10 == 0) ASSERT_OK(store.CheckClean());
  }
  ASSERT_EQ(store.violations(), 0u);
  ASSERT_OK(run.DropAndCheckEmpty(&store));
  std::printf("  table tree: %llu operations, max entries %zu\n",
              static_cast<unsigned long long>(ops), run.max_entries());
}

TEST(BTreeModel, IndexTreeMatchesStdMap) {
  MemPageStore store(4096);
  ModelRun<IndexTraits> run(&store, ddbtest::TestSeed() + 17);
  ASSERT_OK(run.Create());
  uint64_t ops = 0;
  for (int batch = 0; batch < 100; ++batch) {
    ASSERT_OK(run.Batch(batch, 2000, &store));
    ops += 2000;
    ASSERT_OK(run.CheckAll(/*seeks=*/100));
    ASSERT_EQ(run.tree_pages(), store.live_pages());
    ASSERT_OK(store.Commit());
    if (batch % 10 == 0) ASSERT_OK(store.CheckClean());
  }
  ASSERT_EQ(store.violations(), 0u);
  ASSERT_OK(run.DropAndCheckEmpty(&store));
  std::printf("  index tree: %llu operations, max entries %zu\n",
              static_cast<unsigned long long>(ops), run.max_entries());
}

TEST(BTreeModel, SmallPagesDeepTrees) {
  // 4 KiB pages with large keys give shallow trees; an index with long keys on the
  // smallest legal fan-out stresses interior splits and collapses.
  MemPageStore store(4096);
  ModelRun<IndexTraits> run(&store, ddbtest::TestSeed() + 99);
  run.set_long_keys(true);
  ASSERT_OK(run.Create());
  for (int batch = 0; batch < 30; ++batch) {
    ASSERT_OK(run.Batch(batch, 1000, &store));
    ASSERT_OK(run.CheckAll(50));
    ASSERT_EQ(run.tree_pages(), store.live_pages());
    ASSERT_OK(store.Commit());
  }
  ASSERT_GE(run.max_depth(), 4u);
  ASSERT_OK(run.DropAndCheckEmpty(&store));
}

TEST(BTreeModel, LargerPageSizes) {
  // 8 and 16 KiB pages change max_local, chain capacity and the u16 offsets' range.
  for (uint32_t page_size : {8192u, 16384u}) {
    MemPageStore table_store(page_size), index_store(page_size);
    ModelRun<TableTraits> table(&table_store, ddbtest::TestSeed() + page_size);
    ModelRun<IndexTraits> index(&index_store, ddbtest::TestSeed() + page_size + 1);
    ASSERT_OK(table.Create());
    ASSERT_OK(index.Create());
    for (int batch = 0; batch < 24; ++batch) {
      ASSERT_OK(table.Batch(batch, 1000, &table_store));
      ASSERT_OK(index.Batch(batch, 1000, &index_store));
      ASSERT_OK(table.CheckAll(20));
      ASSERT_OK(index.CheckAll(20));
      ASSERT_EQ(table.tree_pages(), table_store.live_pages());
      ASSERT_EQ(index.tree_pages(), index_store.live_pages());
    }
    ASSERT_EQ(table_store.violations() + index_store.violations(), 0u);
  }
}
