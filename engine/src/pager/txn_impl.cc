// Read/write transaction implementation: snapshot reads, private copies, freelist trunks
// and the statement journal. Invariants (T1)-(T4): txn_impl.h. Design: ENGINE.md §2.6,
// §4.3-4.5.
#include "pager/txn_impl.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "util/coding.h"

namespace decentdb {

namespace {
Status ExpiredError() {
  return Status::Transaction("snapshot too old: the reader was expired by a checkpoint", "72000");
}

Status PageOutOfRange(uint32_t id, uint32_t page_count) {
  return Status::Corruption("page " + std::to_string(id) + ": beyond the page count " +
                            std::to_string(page_count));
}
}  // namespace

// ---------------------------------------------------------------- ReadTxnImpl

ReadTxnImpl::ReadTxnImpl(EngineImpl* engine, std::shared_ptr<PageMemo> memo)
    : engine_(engine), memo_(std::move(memo)) {
  Register();
}

ReadTxnImpl::~ReadTxnImpl() { Suspend(); }

void ReadTxnImpl::Register() {
  slot_.expired.store(false, std::memory_order_relaxed);
  slot_.warned = false;
  engine_->RegisterReader(&slot_, &header_);
  registered_ = true;
  snapshot_ = slot_.snapshot;
  if (memo_) memo_->Retarget(snapshot_);
}

void ReadTxnImpl::Suspend() {
  if (!registered_) return;
  engine_->EndRead(&slot_);
  registered_ = false;
  header_.page_count = 0;  // every Read is now out of range, until Restart
}

void ReadTxnImpl::Restart() {
  Suspend();
  Register();
}

Status ReadTxnImpl::Read(PageId id, PageRef* out) {
  if (id == kNoPage || id > header_.page_count) {
    if (!registered_) return Status::Misuse("read of a suspended read transaction");
    return PageOutOfRange(id, header_.page_count);
  }
  PageMemo* memo = memo_ && memo_->snapshot() == snapshot_ ? memo_.get() : nullptr;  // (M1)
  if (memo != nullptr) {
    PageSideData* side = nullptr;
    if (const ImagePtr* hit = memo->Find(id, &side)) {
      // An expired reader fails even on a memo hit, as it would on any other read.
      if (slot_.expired.load(std::memory_order_seq_cst)) return ExpiredError();
      *out = PageRef(hit->get(), *hit, side);
      return Status::OK();
    }
  }
  ImagePtr img;
  DDB_RETURN_IF_ERROR(engine_->LoadVersion(id, snapshot_, &img));
  // Tested after the access (ENGINE.md §3.8): a reader that sees the flag unset read its
  // page before any checkpoint overwrote it.
  if (slot_.expired.load(std::memory_order_seq_cst)) return ExpiredError();
  if (memo == nullptr && !memo_ && PageMemo::Memoizable(id, img.get())) {
    memo_ = std::make_shared<PageMemo>();
    memo_->Retarget(snapshot_);
    memo = memo_.get();
  }
  if (memo != nullptr) memo->Remember(id, img);
  const uint8_t* data = img.get();
  *out = PageRef(data, std::move(img));  // hands the pin over: no second count update
  return Status::OK();
}

HeaderFields ReadTxnImpl::header() const {
  HeaderFields f;
  f.schema_cookie = header_.schema_cookie;
  f.catalog_root = header_.catalog_root;
  return f;
}

// ---------------------------------------------------------------- WriteTxnImpl

WriteTxnImpl::WriteTxnImpl(EngineImpl* engine, uint64_t snapshot, const DbHeader& header,
                           ImagePtr page1)
    : engine_(engine), snapshot_(snapshot), page_size_(engine->page_size()),
      base_header_(header), header_(header) {
  dirty_[kHeaderPage].data = std::move(page1);  // (T1)
}

WriteTxnImpl::~WriteTxnImpl() {
  if (!done_) Rollback();
}

Status WriteTxnImpl::CheckUsable() const {
  if (done_) return Status::Misuse("write transaction already ended");
  return Status::OK();
}

void WriteTxnImpl::Journal(uint32_t id, Dirty* d) {
  if (marks_.empty()) return;  // autocommit statements skip the journal (§4.5)
  const int64_t idx = d->journal_epoch == journal_epoch_ ? d->journal_idx : -1;  // (T3)
  if (idx >= static_cast<int64_t>(marks_.back().start)) return;
  JournalEntry e{id, true, d->freed, idx, NewImage(page_size_)};
  std::memcpy(e.before.get(), d->data.get(), page_size_);
  journal_.push_back(std::move(e));
  d->journal_idx = static_cast<int64_t>(journal_.size() - 1);
  d->journal_epoch = journal_epoch_;
}

WriteTxnImpl::Dirty* WriteTxnImpl::AddDirty(uint32_t id, ImagePtr data, bool existed) {
  Dirty d;
  d.data = std::move(data);
  d.seq = next_seq_++;
  if (!marks_.empty()) {
    ImagePtr before;
    if (existed) {
      before = NewImage(page_size_);
      std::memcpy(before.get(), d.data.get(), page_size_);
    }
    journal_.push_back(JournalEntry{id, existed, false, -1, std::move(before)});
    d.journal_idx = static_cast<int64_t>(journal_.size() - 1);
    d.journal_epoch = journal_epoch_;
  }
  return &(dirty_[id] = std::move(d));
}

Status WriteTxnImpl::DirtyPage(uint32_t id, Dirty** out) {
  auto it = dirty_.find(id);
  if (it != dirty_.end()) {
    Journal(id, &it->second);
    *out = &it->second;
    return Status::OK();
  }
  auto sp = spilled_.find(id);
  if (sp != spilled_.end()) {
    // Back from the WAL; it existed in this transaction, so undo restores this image.
    ImagePtr img;
    DDB_RETURN_IF_ERROR(engine_->ReadSpilled(id, sp->second, &img));
    spilled_.erase(sp);  // (T5)
    *out = AddDirty(id, std::move(img), true);
    return Status::OK();
  }
  ImagePtr shared;
  DDB_RETURN_IF_ERROR(engine_->LoadVersion(id, snapshot_, &shared));
  ImagePtr copy = NewImage(page_size_);
  std::memcpy(copy.get(), shared.get(), page_size_);  // shared images stay immutable (C1)
  *out = AddDirty(id, std::move(copy), false);
  return Status::OK();
}

Status WriteTxnImpl::ZeroedPage(uint32_t id, Dirty** out) {
  Dirty* d;
  if (dirty_.count(id) || spilled_.count(id)) {
    DDB_RETURN_IF_ERROR(DirtyPage(id, &d));  // journals the current image
  } else {
    d = AddDirty(id, NewImage(page_size_), false);
  }
  std::memset(d->data.get(), 0, page_size_);
  d->freed = false;
  *out = d;
  return Status::OK();
}

void WriteTxnImpl::SetHeader(const DbHeader& h) {
  Dirty& p1 = dirty_[kHeaderPage];  // present from the start (T1)
  Journal(kHeaderPage, &p1);
  EncodeDbHeader(h, p1.data.get());
  header_ = h;
}

Status WriteTxnImpl::Read(PageId id, PageRef* out) {
  DDB_RETURN_IF_ERROR(CheckUsable());
  if (id == kNoPage || id > header_.page_count) return PageOutOfRange(id, header_.page_count);
  auto it = dirty_.find(id);
  if (it != dirty_.end()) {
    *out = PageRef(it->second.data.get(), it->second.data);
    return Status::OK();
  }
  ImagePtr img;
  auto sp = spilled_.find(id);
  if (sp != spilled_.end()) {
    DDB_RETURN_IF_ERROR(engine_->ReadSpilled(id, sp->second, &img));
  } else {
    DDB_RETURN_IF_ERROR(engine_->LoadVersion(id, snapshot_, &img));
  }
  const uint8_t* data = img.get();
  *out = PageRef(data, std::move(img));
  return Status::OK();
}

Status WriteTxnImpl::Write(PageId id, uint8_t** out_data) {
  DDB_RETURN_IF_ERROR(CheckUsable());
  if (id == kHeaderPage) return Status::Misuse("page 1 is written through set_header");
  if (id == kNoPage || id > header_.page_count) return PageOutOfRange(id, header_.page_count);
  Dirty* d;
  DDB_RETURN_IF_ERROR(DirtyPage(id, &d));
  *out_data = d->data.get();
  return Status::OK();
}

Status WriteTxnImpl::Allocate(PageId* out_id, uint8_t** out_data) {
  DDB_RETURN_IF_ERROR(CheckUsable());
  DbHeader h = header_;
  uint32_t id;
  if (h.freelist_head != kNoPage) {
    const uint32_t trunk_id = h.freelist_head;
    Dirty* t;
    DDB_RETURN_IF_ERROR(DirtyPage(trunk_id, &t));
    uint8_t* p = t->data.get();
    const uint32_t next = DecodeFixed32(p + 4);
    const uint32_t count = DecodeFixed32(p + 8);
    if (p[0] != kPageFreelistTrunk || count > TrunkCapacity(page_size_) ||
        next == kHeaderPage || next > h.page_count) {
      return Status::Corruption("page " + std::to_string(trunk_id) +
                                ": invalid freelist trunk");
    }
    if (count > 0) {
      id = DecodeFixed32(p + kTrunkHeaderSize + 4 * (count - 1));
      if (id <= kHeaderPage || id > h.page_count || id == trunk_id || h.freelist_count == 0) {
        return Status::Corruption("page " + std::to_string(trunk_id) +
                                  ": freelist trunk lists invalid page " + std::to_string(id));
      }
      EncodeFixed32(p + 8, count - 1);
      h.freelist_count--;
    } else {
      id = trunk_id;  // an empty head trunk is handed out itself (§2.6)
      h.freelist_head = next;
    }
  } else {
    if (h.page_count == UINT32_MAX) return Status::Io("database is full (2^32-1 pages)");
    id = ++h.page_count;
  }
  SetHeader(h);
  Dirty* d;
  DDB_RETURN_IF_ERROR(ZeroedPage(id, &d));
  *out_id = id;
  *out_data = d->data.get();
  return Status::OK();
}

Status WriteTxnImpl::Free(PageId id) {
  DDB_RETURN_IF_ERROR(CheckUsable());
  if (id <= kHeaderPage || id > header_.page_count) {
    return Status::Misuse("cannot free page " + std::to_string(id));
  }
  DbHeader h = header_;
  if (h.freelist_head != kNoPage) {
    Dirty* t;
    DDB_RETURN_IF_ERROR(DirtyPage(h.freelist_head, &t));
    uint8_t* p = t->data.get();
    const uint32_t count = DecodeFixed32(p + 8);
    if (p[0] != kPageFreelistTrunk || count > TrunkCapacity(page_size_)) {
      return Status::Corruption("page " + std::to_string(h.freelist_head) +
                                ": invalid freelist trunk");
    }
    if (count < TrunkCapacity(page_size_)) {
      EncodeFixed32(p + kTrunkHeaderSize + 4 * count, id);
      EncodeFixed32(p + 8, count + 1);
      h.freelist_count++;
      if (dirty_.count(id) || spilled_.count(id)) {
        Dirty* d;
        DDB_RETURN_IF_ERROR(DirtyPage(id, &d));  // journaled, and out of spilled_ (T5)
        d->freed = true;                          // (T4)
      }
      SetHeader(h);
      return Status::OK();
    }
  }
  // No head trunk, or it is full: the freed page becomes the new head trunk.
  Dirty* trunk;
  DDB_RETURN_IF_ERROR(ZeroedPage(id, &trunk));
  uint8_t* p = trunk->data.get();
  p[0] = kPageFreelistTrunk;
  EncodeFixed32(p + 4, h.freelist_head);
  EncodeFixed32(p + 8, 0);
  h.freelist_head = id;
  SetHeader(h);
  return Status::OK();
}

HeaderFields WriteTxnImpl::header() const {
  HeaderFields f;
  f.schema_cookie = header_.schema_cookie;
  f.catalog_root = header_.catalog_root;
  return f;
}

void WriteTxnImpl::set_header(const HeaderFields& fields) {
  if (done_) return;
  DbHeader h = header_;
  h.schema_cookie = fields.schema_cookie;
  h.catalog_root = fields.catalog_root;
  SetHeader(h);
}

uint64_t WriteTxnImpl::Mark() {
  uint64_t id = next_mark_++;
  marks_.push_back(MarkRec{id, journal_.size()});
  return id;
}

Status WriteTxnImpl::RollbackToMark(uint64_t mark) {
  DDB_RETURN_IF_ERROR(CheckUsable());
  auto m = std::find_if(marks_.begin(), marks_.end(),
                        [mark](const MarkRec& r) { return r.id == mark; });
  if (m == marks_.end()) return Status::Misuse("unknown statement mark");
  const size_t start = m->start;
  for (size_t i = journal_.size(); i > start; --i) {
    JournalEntry& e = journal_[i - 1];
    auto it = dirty_.find(e.id);
    spilled_.erase(e.id);  // the journal's image overrides a spilled frame (§4.5, T5)
    if (e.existed) {
      if (it == dirty_.end()) {  // spilled since: restore into a new private copy
        Dirty d;
        d.data = NewImage(page_size_);
        d.seq = next_seq_++;
        it = dirty_.emplace(e.id, std::move(d)).first;
      }
      std::memcpy(it->second.data.get(), e.before.get(), page_size_);  // same buffer (T2)
      it->second.freed = e.freed;
      it->second.journal_idx = e.prev_journal_idx;
      it->second.journal_epoch = journal_epoch_;
    } else if (it != dirty_.end()) {
      graveyard_.push_back(std::move(it->second.data));  // (T2)
      dirty_.erase(it);
    }
  }
  journal_.resize(start);
  marks_.erase(m + 1, marks_.end());  // the mark itself stays usable
  DbHeader h;
  Status s = DecodeDbHeader(dirty_[kHeaderPage].data.get(), page_size_, &h);
  if (!s.ok()) return Status::Internal("statement journal restored a bad header: " + s.message());
  header_ = h;
  return Status::OK();
}

void WriteTxnImpl::ReleaseMark(uint64_t mark) {
  auto m = std::find_if(marks_.begin(), marks_.end(),
                        [mark](const MarkRec& r) { return r.id == mark; });
  if (m == marks_.end()) return;
  marks_.erase(m, marks_.end());
  if (marks_.empty()) {
    // Entries recorded for released marks still serve an outer mark (a page unchanged
    // since the outer mark has the same before-image); with no mark left, drop them all.
    journal_.clear();
    ++journal_epoch_;  // every journal_idx now reads as -1 (T3)
  }
}

Status WriteTxnImpl::Commit() {
  DDB_RETURN_IF_ERROR(CheckUsable());
  std::vector<std::pair<uint32_t, ImagePtr>> pages;
  pages.reserve(dirty_.size());
  const bool header_changed =
      header_.schema_cookie != base_header_.schema_cookie ||
      header_.catalog_root != base_header_.catalog_root ||
      header_.freelist_head != base_header_.freelist_head ||
      header_.freelist_count != base_header_.freelist_count ||
      header_.page_count != base_header_.page_count;
  for (auto& kv : dirty_) {
    if (kv.first == kHeaderPage && !header_changed) continue;
    if (kv.second.freed || kv.first > header_.page_count) continue;  // (T4)
    pages.emplace_back(kv.first, kv.second.data);
  }
  std::vector<std::pair<uint32_t, uint64_t>> spilled;
  for (const auto& kv : spilled_) {
    if (kv.first <= header_.page_count) spilled.emplace_back(kv.first, kv.second);
  }
  Status s;
  if (!pages.empty() || !spilled.empty()) s = engine_->CommitPages(&pages, spilled, header_);
  End();
  return s;
}

void WriteTxnImpl::Rollback() {
  if (done_) return;
  End();
}

Status WriteTxnImpl::SpillPoint() {
  DDB_RETURN_IF_ERROR(CheckUsable());
  // No spilling while a statement mark is active: the journal holds before-images in
  // memory anyway, and a page first dirtied after the mark and then spilled could not be
  // undone in the log (recovery would replay its spilled frame at commit).
  if (!marks_.empty()) return Status::OK();
  const uint64_t limit = engine_->spill_threshold_pages();
  if (dirty_.size() <= limit) return Status::OK();
  // Spill the oldest private pages down to half the limit, so that spills come in large
  // sequential writes rather than one page per call.
  std::vector<std::pair<uint64_t, uint32_t>> order;  // (seq, page)
  order.reserve(dirty_.size());
  for (const auto& kv : dirty_) {
    if (kv.first == kHeaderPage || kv.second.freed) continue;  // (T1), (T4)
    order.emplace_back(kv.second.seq, kv.first);
  }
  std::sort(order.begin(), order.end());
  const size_t want = dirty_.size() - limit / 2;
  if (order.size() > want) order.resize(want);
  std::vector<std::pair<uint32_t, ImagePtr>> pages;
  pages.reserve(order.size());
  for (const auto& o : order) pages.emplace_back(o.second, dirty_[o.second].data);
  std::vector<uint64_t> offsets;
  DDB_RETURN_IF_ERROR(engine_->SpillPages(&pages, &offsets));
  for (size_t i = 0; i < pages.size(); ++i) {
    dirty_.erase(pages[i].first);
    spilled_[pages[i].first] = offsets[i];  // (T5)
  }
  return Status::OK();
}

void WriteTxnImpl::End() {
  done_ = true;
  spilled_.clear();
  engine_->DiscardSpill();  // after a commit this is a no-op (W6)
  dirty_.clear();
  journal_.clear();
  marks_.clear();
  graveyard_.clear();
  engine_->ReleaseWriter();
}

}  // namespace decentdb
