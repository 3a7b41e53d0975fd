// Read and write transactions over EngineImpl. A ReadTxn is a registered snapshot; the
// WriteTxn holds the writer lock and private page copies, the freelist operations
// (Allocate/Free, ENGINE.md §2.6) and the in-memory statement journal (Mark/RollbackToMark,
// §4.5). Design: ENGINE.md §3.4, §4.3-4.5.
//
//  (T1) The working header lives in the private copy of page 1, loaded when the
//       transaction starts; header_ is always its decoded form.
//  (T2) Private buffers are never freed before the transaction ends (a page undone by
//       RollbackToMark moves to graveyard_), so every pointer handed out stays valid (P3).
//  (T3) While a mark is active, a page is journaled at most once per innermost mark:
//       journal_idx >= marks_.back().start means its before-image is already recorded.
//       A journal_idx counts only while its journal_epoch equals journal_epoch_: clearing
//       the journal bumps the epoch instead of visiting every dirty page, which would make
//       each statement of a long transaction cost O(pages dirtied so far).
//  (T4) Pages flagged freed, and pages above the final page count, are not logged.
//  (T5) A page is in at most one of dirty_ (private copy) and spilled_ (uncommitted WAL
//       frame written at a SpillPoint); whichever holds it has its current contents.
//  (T6) Spilling happens only at a SpillPoint with no mark active, so every page a
//       RollbackToMark drops (first dirtied after the mark) was never spilled, and the
//       log never holds a frame the transaction's final state disowns (a spilled page
//       freed later only leaves an image of a free page, which nothing reads).
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "pager/engine_impl.h"
#include "pager/page_memo.h"

namespace decentdb {

class ReadTxnImpl final : public ReadTxn {
 public:
  // Registers the reader at the latest commit. memo may be null: the transaction then
  // makes its own on its first interior page.
  ReadTxnImpl(EngineImpl* engine, std::shared_ptr<PageMemo> memo);
  ~ReadTxnImpl() override;

  uint32_t page_size() const override { return engine_->page_size(); }
  uint32_t page_count() const override { return header_.page_count; }
  Status Read(PageId id, PageRef* out) override;
  uint64_t snapshot_lsn() const override { return snapshot_; }
  HeaderFields header() const override;
  const DbHeader& db_header() const { return header_; }
  void Suspend() override;
  void Restart() override;

 private:
  // Registers slot_ at the latest commit and points the memo at that snapshot.
  void Register();

  EngineImpl* const engine_;
  ReaderSlot slot_;      // registered while registered_ (from construction to Suspend)
  bool registered_ = false;
  uint64_t snapshot_;    // slot_.snapshot
  DbHeader header_;      // the header of that commit
  // Interior pages as of snapshot_, used while memo_->snapshot() == snapshot_ (M1): a
  // later reader on the same memo may have retargeted it.
  std::shared_ptr<PageMemo> memo_;
};

class WriteTxnImpl final : public WriteTxn {
 public:
  // REQUIRES: the caller holds engine's writer lock, which this object now owns.
  WriteTxnImpl(EngineImpl* engine, uint64_t snapshot, const DbHeader& header, ImagePtr page1);
  ~WriteTxnImpl() override;

  uint32_t page_size() const override { return page_size_; }
  uint32_t page_count() const override { return header_.page_count; }
  Status Read(PageId id, PageRef* out) override;
  Status Write(PageId id, uint8_t** out_data) override;
  Status Allocate(PageId* out_id, uint8_t** out_data) override;
  Status Free(PageId id) override;
  Status SpillPoint() override;

  uint64_t snapshot_lsn() const override { return snapshot_; }
  HeaderFields header() const override;
  void set_header(const HeaderFields& fields) override;

  uint64_t Mark() override;
  Status RollbackToMark(uint64_t mark) override;
  void ReleaseMark(uint64_t mark) override;

  Status Commit() override;
  void Rollback() override;

  const DbHeader& db_header() const { return header_; }
  size_t dirty_pages() const { return dirty_.size(); }
  size_t spilled_pages() const { return spilled_.size(); }

 private:
  struct Dirty {
    ImagePtr data;
    bool freed = false;        // (T4)
    int64_t journal_idx = -1;  // (T3)
    uint64_t journal_epoch = 0;  // (T3)
    uint64_t seq = 0;          // order of first dirtying: the oldest spill first (§4.4)
  };
  struct JournalEntry {
    uint32_t id;
    bool existed;  // false: the page was first dirtied after the mark; undo drops it
    bool freed;
    int64_t prev_journal_idx;
    ImagePtr before;
  };
  struct MarkRec {
    uint64_t id;
    size_t start;
  };

  Status CheckUsable() const;
  // The private copy of id, created from the snapshot image if needed; journaled (T3).
  Status DirtyPage(uint32_t id, Dirty** out);
  // A private zero-filled page id that is not read first (a page taken from the freelist
  // or added at the end has no format).
  Status ZeroedPage(uint32_t id, Dirty** out);
  // Inserts a new private copy (T5: the caller removed id from spilled_).
  Dirty* AddDirty(uint32_t id, ImagePtr data, bool existed);
  void Journal(uint32_t id, Dirty* d);
  void SetHeader(const DbHeader& h);  // (T1)
  void End();

  EngineImpl* const engine_;
  const uint64_t snapshot_;
  const uint32_t page_size_;
  const DbHeader base_header_;
  DbHeader header_;  // (T1)
  bool done_ = false;
  std::unordered_map<uint32_t, Dirty> dirty_;       // (T5)
  std::unordered_map<uint32_t, uint64_t> spilled_;  // (T5): page -> frame offset
  uint64_t next_seq_ = 0;
  std::vector<ImagePtr> graveyard_;  // (T2)
  std::vector<JournalEntry> journal_;
  uint64_t journal_epoch_ = 1;  // (T3)
  std::vector<MarkRec> marks_;
  uint64_t next_mark_ = 1;
};

}  // namespace decentdb
