// Tests of the read transactions' interior-page memo (pager/page_memo.h): what it keeps,
// and that a memo shared by successive readers (as a connection shares it) never serves
// a page of another snapshot: after a writer commits, across checkpoints and WAL resets,
// with two readers alive on different snapshots, and for an expired reader.
// Design: ENGINE.md §4.4, invariants (M1)-(M3).
#include <thread>
#include <vector>

#include "pager/page_memo.h"
#include "pager/txn_impl.h"
#include "pager_test_util.h"

using namespace decentdb;
using namespace pagertest;

namespace {

// Like FillPage, but typed as a table interior page, which the memo keeps (M2).
void FillInterior(uint8_t* p, uint32_t usable, uint32_t page, uint64_t txn) {
  FillPage(p, usable, page, txn);
  p[0] = kPageTableInterior;
}

// The txn an image written by FillInterior or FillPage carries, or UINT64_MAX.
uint64_t TxnOf(const uint8_t* p, uint32_t usable, uint32_t page) {
  std::vector<uint8_t> copy(p, p + usable);
  copy[0] = 0x06;
  return PageTxn(copy.data(), usable, page);
}

uint64_t ReadTxnOf(PageReader* r, PageId id) {
  PageRef ref;
  Status s = r->Read(id, &ref);
  if (!s.ok()) return UINT64_MAX - 1;
  return TxnOf(ref.data(), r->usable_size(), id);
}

// Writes every page of *ids for txn in one transaction (allocating n new pages into *ids
// when it is empty). Every fourth page is not an interior page.
void WriteAll(Engine* e, std::vector<PageId>* ids, uint64_t txn, size_t n = 0) {
  std::unique_ptr<WriteTxn> w;
  Status s = e->BeginWrite(1000, UINT64_MAX, &w);
  const bool allocate = ids->empty();
  for (size_t i = 0; s.ok() && i < (allocate ? n : ids->size()); ++i) {
    uint8_t* p;
    PageId id = allocate ? kNoPage : (*ids)[i];
    s = allocate ? w->Allocate(&id, &p) : w->Write(id, &p);
    if (!s.ok()) break;
    if (allocate) ids->push_back(id);
    if (i % 4 == 3) {
      FillPage(p, w->usable_size(), id, txn);  // every fourth page is not an interior page
    } else {
      FillInterior(p, w->usable_size(), id, txn);
    }
  }
  if (s.ok()) s = w->Commit();
  if (!s.ok()) ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
}

const ImagePtr* MemoFind(PageMemo* memo, PageId id) {
  PageSideData* side = nullptr;
  return memo->Find(id, &side);
}

}  // namespace

TEST(PageMemo, KeepsOnlyInteriorPagesOfItsSnapshot) {
  PageMemo m;
  PageSideData* side = nullptr;
  auto find = [&](PageId id) { return m.Find(id, &side); };
  ImagePtr interior = NewImage(4096), leaf = NewImage(4096), index_interior = NewImage(4096);
  interior.get()[0] = kPageTableInterior;
  leaf.get()[0] = kPageTableLeaf;
  index_interior.get()[0] = kPageIndexInterior;
  m.Retarget(7);
  m.Remember(5, interior);
  m.Remember(6, leaf);
  m.Remember(kHeaderPage, interior);  // page 1 is never kept
  m.Remember(8, index_interior);
  ASSERT_TRUE(find(5) != nullptr);
  EXPECT_EQ(find(5)->get(), interior.get());
  EXPECT_TRUE(find(6) == nullptr);
  EXPECT_TRUE(find(kHeaderPage) == nullptr);
  EXPECT_TRUE(find(8) != nullptr);
  // Side data belongs to the slot's page (M4): filled for page 5, it is gone once a page
  // sharing the slot replaces the entry (and the old page is no longer found).
  ASSERT_TRUE(find(5) != nullptr);
  side->assign({1, 2, 3});
  ASSERT_TRUE(find(5) != nullptr);
  EXPECT_EQ(side->size(), 3u);
  m.Remember(5 + PageMemo::kSlots, interior);
  EXPECT_TRUE(find(5) == nullptr);
  EXPECT_TRUE(find(5 + PageMemo::kSlots) != nullptr);
  EXPECT_TRUE(side->empty());
  side->assign({4});
  ASSERT_TRUE(find(8) != nullptr);
  side->assign({5});
  // Same snapshot: entries stay; another: all dropped, and the pins released (M2).
  m.Retarget(7);
  EXPECT_TRUE(find(8) != nullptr);
  ASSERT_TRUE(find(8) != nullptr);
  EXPECT_EQ(side->size(), 1u);  // kept while the snapshot is the same
  m.Retarget(8);
  EXPECT_EQ(m.snapshot(), 8u);
  EXPECT_TRUE(find(8) == nullptr);
  EXPECT_TRUE(find(5 + PageMemo::kSlots) == nullptr);
  EXPECT_EQ(interior.use_count(), 1);
  EXPECT_EQ(index_interior.use_count(), 1);
  m.Remember(8, index_interior);
  ASSERT_TRUE(find(8) != nullptr);
  EXPECT_TRUE(side->empty());  // the other snapshot's side data is gone too
}

TEST(PageMemo, SharedMemoFollowsCommitsCheckpointsAndResets) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("memo.db", MemOptions(vfs), true, false, &e));
  std::vector<PageId> ids;
  WriteAll(e.get(), &ids, 1, 12);
  ASSERT_EQ(ids.size(), 12u);
  auto memo = std::make_shared<PageMemo>();

  std::unique_ptr<ReadTxn> r1;
  ASSERT_OK(e->BeginRead(memo, &r1));
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(r1.get(), id), 1u);
  EXPECT_TRUE(MemoFind(memo.get(), ids[0]) != nullptr);  // interior pages are kept
  EXPECT_TRUE(MemoFind(memo.get(), ids[3]) == nullptr);  // the others are not
  const uint64_t snap1 = r1->snapshot_lsn();
  EXPECT_EQ(memo->snapshot(), snap1);

  // A writer commits new images of every page; r1 keeps its snapshot (the WAL is kept).
  WriteAll(e.get(), &ids, 2);
  int64_t left = -1;
  ASSERT_OK(e->Checkpoint(CheckpointMode::kPassive, &left));
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(r1.get(), id), 1u);

  // A new reader on the same memo retargets it: it must see txn 2, never r1's images...
  std::unique_ptr<ReadTxn> r2;
  ASSERT_OK(e->BeginRead(memo, &r2));
  EXPECT_NE(r2->snapshot_lsn(), snap1);
  EXPECT_TRUE(MemoFind(memo.get(), ids[0]) == nullptr);
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(r2.get(), id), 2u);
  // ...and r1, alive on the older snapshot, must not take r2's images from the memo.
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(r1.get(), id), 1u);
  r1.reset();

  // A reader at the same snapshot as r2 keeps the memo's entries and reads the same.
  r2.reset();
  std::unique_ptr<ReadTxn> r3;
  ASSERT_OK(e->BeginRead(memo, &r3));
  EXPECT_TRUE(MemoFind(memo.get(), ids[0]) != nullptr);
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(r3.get(), id), 2u);
  r3.reset();

  // A checkpoint that moves everything to the main file and resets the WAL changes no
  // snapshot: the memo's images are still those of that snapshot.
  ASSERT_OK(e->Checkpoint(CheckpointMode::kTruncate, &left));
  EXPECT_EQ(left, 0);
  EXPECT_EQ(Impl(e)->stats().wal_frame_bytes, 0u);
  std::unique_ptr<ReadTxn> r4;
  ASSERT_OK(e->BeginRead(memo, &r4));
  EXPECT_TRUE(MemoFind(memo.get(), ids[0]) != nullptr);
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(r4.get(), id), 2u);
  r4.reset();

  // Commits after the reset keep counting lsns up: the memo is dropped, not reused.
  WriteAll(e.get(), &ids, 3);
  ASSERT_OK(e->Checkpoint(CheckpointMode::kTruncate, &left));
  WriteAll(e.get(), &ids, 4);
  std::unique_ptr<ReadTxn> r5;
  ASSERT_OK(e->BeginRead(memo, &r5));
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(r5.get(), id), 4u);
  EXPECT_EQ(Integrity(e.get()), "ok");
}

TEST(PageMemo, ReadersWithoutASharedMemoUseTheirOwn) {
  // A plain BeginRead makes a private memo: re-reads after commits by others still see
  // the reader's snapshot, and a new reader sees the new state.
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("own.db", MemOptions(vfs), true, false, &e));
  std::vector<PageId> ids;
  WriteAll(e.get(), &ids, 1, 8);
  ASSERT_EQ(ids.size(), 8u);
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  for (int round = 0; round < 3; ++round) {
    for (PageId id : ids) EXPECT_EQ(ReadTxnOf(r.get(), id), 1u);
    WriteAll(e.get(), &ids, 2 + round);
  }
  std::unique_ptr<ReadTxn> fresh;
  ASSERT_OK(e->BeginRead(&fresh));
  for (PageId id : ids) EXPECT_EQ(ReadTxnOf(fresh.get(), id), 4u);
}

TEST(PageMemo, ExpiredReaderFailsEvenOnAMemoizedPage) {
  auto vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  EngineOptions o = MemOptions(vfs);
  o.checkpoint_threshold = 8 * 4096;
  o.reader_timeout_ms = 1;
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("exp.db", o, true, false, &e));
  std::vector<PageId> ids;
  WriteAll(e.get(), &ids, 1, 3);
  ASSERT_EQ(ids.size(), 3u);
  auto memo = std::make_shared<PageMemo>();
  std::unique_ptr<ReadTxn> old_reader;
  ASSERT_OK(e->BeginRead(memo, &old_reader));
  EXPECT_EQ(ReadTxnOf(old_reader.get(), ids[0]), 1u);
  ASSERT_TRUE(MemoFind(memo.get(), ids[0]) != nullptr);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  for (uint64_t t = 2; t <= 6; ++t) WriteAll(e.get(), &ids, t);
  // The auto-checkpoint expired the old reader (§3.8): its memoized page fails too.
  PageRef ref;
  Status s = old_reader->Read(ids[0], &ref);
  EXPECT_TRUE(s.Is(Code::kTransaction));
  EXPECT_EQ(std::string(s.sqlstate()), "72000");
}
