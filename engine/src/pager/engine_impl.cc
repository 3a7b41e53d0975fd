// Storage engine core: open and recovery (§3.5), snapshot page resolution (§3.4), the
// commit protocol (§3.3), checkpoints with reader protection (§3.6-3.8), the reader
// registry (§4.4) and the storage-level integrity check (§2.6). Invariants (E1)-(E6):
// engine_impl.h. Design: ENGINE.md §2-§4.
#include "pager/engine_impl.h"

#include <algorithm>
#include <cstring>
#include <shared_mutex>
#include <thread>
#include <time.h>
#include <vector>

#include "pager/txn_impl.h"
#include "util/coding.h"

namespace decentdb {

namespace {

// Reader ages only matter at the scale of reader_warn_ms / reader_timeout_ms (seconds),
// and every read transaction stamps its start: a coarse clock costs a third of a precise
// one where the OS has it. Linux's coarse clock counts from the same origin as
// steady_clock (CLOCK_MONOTONIC), only in ticks.
std::chrono::steady_clock::time_point ReaderClock() {
#if defined(__linux__) && defined(CLOCK_MONOTONIC_COARSE)
  timespec ts;
  if (clock_gettime(CLOCK_MONOTONIC_COARSE, &ts) == 0) {
    return std::chrono::steady_clock::time_point(std::chrono::duration_cast<std::chrono::steady_clock::duration>(
        std::chrono::seconds(ts.tv_sec) + std::chrono::nanoseconds(ts.tv_nsec)));
  }
#endif
  return std::chrono::steady_clock::now();
}

uint32_t CacheShards() {
  unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  uint32_t n = 8;
  while (n < 2 * cores && n < 64) n <<= 1;
  return n;
}

WalSyncPolicy SyncPolicy(SyncMode m) {
  WalSyncPolicy p;
  p.enabled = m != SyncMode::kOff;
  p.kind = m == SyncMode::kNormal ? SyncKind::kData : SyncKind::kFull;
  return p;
}

// The page size recorded in the WAL header at path, if the header is valid.
bool PeekWalPageSize(Vfs* vfs, const std::string& path, uint32_t* out) {
  bool exists = false;
  if (!vfs->Exists(path, &exists).ok() || !exists) return false;
  std::unique_ptr<File> f;
  OpenFlags flags;
  flags.read_only = true;
  if (!vfs->Open(path, flags, &f).ok()) return false;
  uint8_t buf[kWalHeaderSize];
  size_t got = 0;
  WalHeader h;
  if (!f->ReadAt(0, buf, sizeof buf, &got).ok() || got != sizeof buf ||
      !DecodeWalHeader(buf, &h) || !ValidPageSize(h.page_size)) {
    return false;
  }
  *out = h.page_size;
  return true;
}

}  // namespace

EngineImpl::EngineImpl(std::string path, Vfs* vfs, const EngineOptions& options, bool read_only)
    : path_(std::move(path)), wal_path_(path_ + ".wal"), vfs_(vfs), options_(options),
      read_only_(read_only) {}

Status EngineImpl::Open(const std::string& path, Vfs* vfs, const EngineOptions& options,
                        bool create, bool read_only, std::unique_ptr<EngineImpl>* out) {
  std::unique_ptr<EngineImpl> e(new EngineImpl(path, vfs, options, read_only));
  DDB_RETURN_IF_ERROR(e->Init(create));
  *out = std::move(e);
  return Status::OK();
}

Status EngineImpl::Init(bool create) {
  bool exists = false;
  DDB_RETURN_IF_ERROR(vfs_->Exists(path_, &exists));
  if (!exists && (!create || read_only_)) {
    return Status::Io("database file does not exist: " + path_);
  }
  // The engine is read-write whenever it can be (§4.1); a read-only connection request
  // falls back to a read-only engine only when the file cannot be opened for writing.
  OpenFlags flags;
  flags.create = create && !exists;
  Status s = vfs_->Open(path_, flags, &main_);
  if (!s.ok()) {
    if (!read_only_) return s;
    flags.read_only = true;
    flags.create = false;
    DDB_RETURN_IF_ERROR(vfs_->Open(path_, flags, &main_));
  } else {
    read_only_ = false;
  }
  DDB_RETURN_IF_ERROR(main_->LockExclusive());
  uint64_t size = 0;
  DDB_RETURN_IF_ERROR(main_->Size(&size));
  DbHeader h;
  Status header_status = Status::Corruption("page 1: database file " + path_ + " is empty");
  if (size > 0) {
    uint8_t hbuf[kDbHeaderSize];
    size_t got = 0;
    DDB_RETURN_IF_ERROR(main_->ReadAt(0, hbuf, kDbHeaderSize, &got));
    header_status = DecodeDbHeader(hbuf, got, &h);
  }
  bool fresh = false;  // an empty file: create the database (through the WAL)
  if (header_status.ok()) {
    page_size_ = h.page_size;
  } else {
    // Page 1 reaches the main file only through a checkpoint, so a torn or missing
    // header (a crash during a checkpoint or during creation) still has a committed
    // copy in the WAL, which recovery reinstalls (§3.6 crash analysis). Only then is the
    // WAL header's page size trusted; without such a copy, LoadVersion below reports
    // the damaged header.
    uint32_t wal_page_size = 0;
    if (PeekWalPageSize(vfs_, wal_path_, &wal_page_size)) {
      page_size_ = wal_page_size;
    } else if (size == 0 && !read_only_) {
      fresh = true;
      if (!ValidPageSize(options_.page_size)) {
        return Status::Misuse("page_size must be 4096, 8192 or 16384, not " +
                              std::to_string(options_.page_size));
      }
      page_size_ = options_.page_size;
    } else {
      return header_status;
    }
  }
  if (options_.page_size_given && options_.page_size != page_size_) {
    return Status::Misuse("page_size " + std::to_string(options_.page_size) +
                          " contradicts the page size " + std::to_string(page_size_) + " of " +
                          path_);
  }
  cache_.reset(new PageCache(std::max<uint64_t>(64, options_.cache_bytes / page_size_),
                             CacheShards()));

  WalRecovery rec;
  DDB_RETURN_IF_ERROR(Wal::Open(vfs_, wal_path_, page_size_, read_only_,
                                SyncPolicy(options_.sync), &wal_index_, &wal_, &rec));
  backfilled_lsn_ = rec.base_lsn;
  WalVersion p1_version;
  if (size == 0 && !read_only_ &&
      !wal_index_.Lookup(kHeaderPage, rec.last_commit_lsn, &p1_version)) {
    fresh = true;
  }
  if (fresh) {
    DDB_RETURN_IF_ERROR(CommitNewHeader(&rec));
    DDB_RETURN_IF_ERROR(vfs_->SyncDirectoryOf(path_));
  }
  ImagePtr p1;
  DDB_RETURN_IF_ERROR(LoadVersion(kHeaderPage, rec.last_commit_lsn, &p1));
  DDB_RETURN_IF_ERROR(DecodeDbHeader(p1.get(), page_size_, &committed_header_));
  last_commit_lsn_.store(rec.last_commit_lsn, std::memory_order_release);
  open_ = true;
  if (!read_only_ && rec.header_valid && (rec.commits > 0 || rec.file_size > rec.end_offset)) {
    // No readers exist yet, so this copies everything and resets the log with new salts,
    // which also retires any uncommitted or torn tail (§3.5 step 5).
    DDB_RETURN_IF_ERROR(CheckpointLocked(CheckpointMode::kPassive, true, nullptr));
  }
  return Status::OK();
}

Status EngineImpl::CommitNewHeader(WalRecovery* rec) {
  // The new database's page 1 is the first commit, so the main file is only ever
  // written by checkpoints (§2.6 invariant (3)) and a crash at any point of creation
  // leaves either an empty file or a recoverable WAL copy.
  DbHeader h;
  h.page_size = page_size_;
  ImagePtr page = NewImage(page_size_);
  std::memset(page.get(), 0, page_size_);
  EncodeDbHeader(h, page.get());
  const uint64_t lsn = rec->last_commit_lsn + 1;
  std::vector<uint64_t> offsets;
  DDB_RETURN_IF_ERROR(wal_->AppendTransaction({Wal::PageImage{kHeaderPage, page.get()}}, lsn,
                                              1, &offsets));
  wal_index_.Insert(kHeaderPage, lsn, offsets[0]);
  rec->header_valid = true;
  rec->last_commit_lsn = lsn;
  rec->commits++;
  rec->end_offset = kWalHeaderSize + wal_->frame_bytes();
  return Status::OK();
}

EngineImpl::~EngineImpl() {
  if (open_ && !read_only_ && !poisoned() && wal_) {
    Status s = CheckpointLocked(CheckpointMode::kPassive, false, nullptr);
    if (s.ok() && wal_index_.size() == 0 && wal_->frame_bytes() == 0) {
      // Fully reset: every frame is in the synced main file, so a closed database is a
      // single file (§2.1).
      wal_->CloseFile();
      Status d = vfs_->Delete(wal_path_);
      (void)d;  // a leftover empty log is harmless: it reads as empty on the next open
    }
  }
  if (cache_) cache_->Clear();
  wal_.reset();
  if (main_) {
    Status u = main_->Unlock();
    (void)u;  // closing the handle releases the lock anyway
    main_.reset();
  }
}

// ---------------------------------------------------------------- reads

Status EngineImpl::ReadMainPage(uint32_t id, uint8_t* buf) {
  size_t got = 0;
  DDB_RETURN_IF_ERROR(
      main_->ReadAt(static_cast<uint64_t>(id - 1) * page_size_, buf, page_size_, &got));
  if (got != page_size_) {
    return Status::Corruption("page " + std::to_string(id) + ": beyond the end of the main file");
  }
  return Status::OK();
}

Status EngineImpl::LoadVersion(uint32_t id, uint64_t snapshot, ImagePtr* out) {
  if (wal_index_.size() > 0) {
    // A cached image of a committed version is that version whatever the log did since
    // (C1, and lsns are never reused), so a hit needs no reset lock: only reading the frame
    // does. The page's newest lsn comes from the walIndex's lock-free directory (X3): when
    // it is at or below the snapshot it is the version to read, and a cached image of it
    // answers with one table probe. This is the path of nearly every read while the log
    // holds the page. No version at all means the main file has the page's newest image.
    const uint64_t newest = wal_index_.NewestLsn(id);
    if (newest != 0 && newest <= snapshot && (*out = cache_->Get(id, newest))) return Status::OK();
    WalVersion v;
    // No version <= snapshot now means none later: new versions get newer lsns.
    bool in_wal = newest != 0 && wal_index_.Lookup(id, snapshot, &v);
    if (in_wal && v.lsn != newest && (*out = cache_->Get(id, v.lsn))) return Status::OK();
    // Held from resolution until the frame is read, so no reset reuses the frame (W5).
    std::shared_lock<std::shared_mutex> g(wal_->reset_mutex(), std::defer_lock);
    if (in_wal) g.lock();
    if (in_wal && wal_index_.Lookup(id, snapshot, &v)) {
      if ((*out = cache_->Get(id, v.lsn))) return Status::OK();
      ImagePtr img = NewImage(page_size_);
      Status s = wal_->ReadPage(v.offset, id, img.get());
      if (s.ok()) s = VerifyPage(id, img.get(), page_size_, "WAL");
      if (!s.ok()) {
        if (s.Is(Code::kCorruption)) corrupted_.store(true);
        return s;
      }
      *out = cache_->Insert(id, v.lsn, std::move(img));
      return Status::OK();
    }
  }
  if ((*out = cache_->Get(id, kBaseVersion))) return Status::OK();
  const uint64_t epoch = checkpoint_epoch_.load(std::memory_order_acquire);
  ImagePtr img = NewImage(page_size_);
  Status s = ReadMainPage(id, img.get());
  if (s.ok()) s = VerifyPage(id, img.get(), page_size_, "main file");
  if (!s.ok()) {
    if (s.Is(Code::kCorruption)) corrupted_.store(true);
    return s;
  }
  *out = cache_->Insert(id, kBaseVersion, std::move(img), &checkpoint_epoch_, epoch);  // (C3)
  return Status::OK();
}

Status EngineImpl::BeginRead(std::shared_ptr<PageMemo> memo, std::unique_ptr<ReadTxn>* out) {
  out->reset(new ReadTxnImpl(this, std::move(memo)));
  return Status::OK();
}

void EngineImpl::RegisterReader(ReaderSlot* slot, DbHeader* out_header) {
  slot->start = ReaderClock();
  std::lock_guard<SpinLock> g(readers_mu_);
  slot->id = next_reader_id_++;
  slot->snapshot = last_commit_lsn_.load(std::memory_order_acquire);  // (E1)
  *out_header = committed_header_;
  slot->prev = nullptr;
  slot->next = readers_;
  if (readers_ != nullptr) readers_->prev = slot;
  readers_ = slot;
  ++reader_count_;
}

void EngineImpl::EndRead(ReaderSlot* slot) {
  std::lock_guard<SpinLock> g(readers_mu_);
  if (slot->prev != nullptr) {
    slot->prev->next = slot->next;
  } else {
    readers_ = slot->next;
  }
  if (slot->next != nullptr) slot->next->prev = slot->prev;
  slot->prev = slot->next = nullptr;
  --reader_count_;
}

// ---------------------------------------------------------------- writes

Status EngineImpl::PoisonedError() const {
  std::lock_guard<std::mutex> g(poison_mu_);
  return Status::Io("database refuses writes after a failed write or sync (" + poison_message_ +
                    "); close every connection and reopen it");
}

void EngineImpl::Poison(const Status& cause) {
  std::lock_guard<std::mutex> g(poison_mu_);
  if (!poisoned_.load()) poison_message_ = cause.ToString();
  poisoned_.store(true, std::memory_order_release);  // (E5)
}

Status EngineImpl::BeginWrite(int64_t busy_timeout_ms, uint64_t required_snapshot,
                              std::unique_ptr<WriteTxn>* out) {
  if (read_only_) {
    return Status::Transaction("cannot write: database " + path_ + " is open read-only", "25006");
  }
  if (poisoned()) return PoisonedError();
  if (corrupted_.load()) {
    return Status::Corruption("database " + path_ + " is read-only after detected corruption");
  }
  DDB_RETURN_IF_ERROR(writer_lock_.Acquire(busy_timeout_ms));
  if (poisoned()) {
    writer_lock_.Release();
    return PoisonedError();
  }
  // No commit can happen while we hold the lock, so these stay current (E6).
  const uint64_t last = last_commit_lsn_.load(std::memory_order_acquire);
  if (required_snapshot != UINT64_MAX && last > required_snapshot) {
    writer_lock_.Release();
    return Status::Transaction("serialization failure: snapshot is stale", "40001");
  }
  DbHeader h;
  {
    std::lock_guard<SpinLock> g(readers_mu_);
    h = committed_header_;
  }
  ImagePtr shared;
  Status s = LoadVersion(kHeaderPage, last, &shared);
  if (!s.ok()) {
    writer_lock_.Release();
    return s;
  }
  ImagePtr page1 = NewImage(page_size_);
  std::memcpy(page1.get(), shared.get(), page_size_);
  out->reset(new WriteTxnImpl(this, last, h, std::move(page1)));
  return Status::OK();
}

Status EngineImpl::SpillPages(std::vector<std::pair<uint32_t, ImagePtr>>* pages,
                              std::vector<uint64_t>* out_offsets) {
  if (poisoned()) return PoisonedError();  // (E5)
  std::vector<Wal::PageImage> images;
  images.reserve(pages->size());
  for (auto& p : *pages) {
    SetPageCrc(p.second.get(), page_size_);
    images.push_back(Wal::PageImage{p.first, p.second.get()});
  }
  Status s = wal_->AppendUncommitted(images, out_offsets);
  if (!s.ok()) {
    Poison(s);
    return Status::Io("spilling the transaction failed: " + s.message());
  }
  return Status::OK();
}

Status EngineImpl::ReadSpilled(uint32_t id, uint64_t offset, ImagePtr* out) {
  ImagePtr img = NewImage(page_size_);
  Status s = wal_->ReadPage(offset, id, img.get());
  if (s.ok()) s = VerifyPage(id, img.get(), page_size_, "spilled WAL frame");
  if (!s.ok()) return s;
  *out = std::move(img);
  return Status::OK();
}

Status EngineImpl::CommitPages(std::vector<std::pair<uint32_t, ImagePtr>>* pages,
                               const std::vector<std::pair<uint32_t, uint64_t>>& spilled,
                               const DbHeader& header) {
  if (poisoned()) return PoisonedError();  // (E5)
  std::sort(pages->begin(), pages->end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<Wal::PageImage> images;
  images.reserve(pages->size());
  for (auto& p : *pages) {
    // Page 1 carries the header CRC instead of a trailer (§2.2-2.3).
    if (p.first != kHeaderPage) SetPageCrc(p.second.get(), page_size_);
    images.push_back(Wal::PageImage{p.first, p.second.get()});
  }
  const uint64_t lsn = last_commit_lsn_.load(std::memory_order_relaxed) + 1;
  std::vector<uint64_t> offsets;
  Status s = wal_->AppendTransaction(images, lsn, header.page_count, &offsets);
  if (!s.ok()) {
    Poison(s);  // never retried (§3.3)
    return Status::Io("commit failed: " + s.message());
  }
  // Publish (§3.3 step 4): walIndex, then the shared images, then the lsn (E1).
  for (size_t i = 0; i < pages->size(); ++i) {
    wal_index_.Insert((*pages)[i].first, lsn, offsets[i]);
    cache_->Insert((*pages)[i].first, lsn, (*pages)[i].second);
  }
  // A page is either private or spilled, never both (T5), so each gets one version.
  for (const auto& sp : spilled) wal_index_.Insert(sp.first, lsn, sp.second);
  {
    std::lock_guard<SpinLock> g(readers_mu_);
    committed_header_ = header;
    last_commit_lsn_.store(lsn, std::memory_order_release);
  }
  MaybeAutoCheckpoint();
  return Status::OK();
}

// ---------------------------------------------------------------- checkpoint

uint64_t EngineImpl::ComputeCheckpointLsn() {
  const uint64_t last = last_commit_lsn_.load(std::memory_order_acquire);
  const bool wal_over = wal_->frame_bytes() > options_.checkpoint_threshold;
  const auto now = ReaderClock();
  uint64_t c = last;
  std::vector<std::string> warnings;
  {
    std::lock_guard<SpinLock> g(readers_mu_);
    for (ReaderSlot* rs = readers_; rs != nullptr; rs = rs->next) {
      ReaderSlot& r = *rs;
      if (r.expired.load(std::memory_order_seq_cst)) continue;
      const auto age = now - r.start;
      if (options_.reader_timeout_ms > 0 && wal_over && r.snapshot < last &&
          age > std::chrono::milliseconds(options_.reader_timeout_ms)) {
        // Set before any main-file write of this checkpoint (§3.8).
        r.expired.store(true, std::memory_order_seq_cst);
        warnings.push_back("reader " + std::to_string(r.id) + " on " + path_ +
                           " expired: its snapshot is too old");
        continue;
      }
      if (options_.reader_warn_ms > 0 && r.snapshot < last && !r.warned &&
          age > std::chrono::milliseconds(options_.reader_warn_ms)) {
        r.warned = true;
        warnings.push_back(
            "reader " + std::to_string(r.id) + " on " + path_ + " has held snapshot " +
            std::to_string(r.snapshot) + " for " +
            std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(age).count()) +
            " ms and keeps the WAL from being reset");
      }
      c = std::min(c, r.snapshot);
    }
  }
  for (const std::string& w : warnings) Log(w);
  return c;
}

Status EngineImpl::CheckpointLocked(CheckpointMode mode, bool force_reset,
                                    int64_t* out_frames_left) {
  if (out_frames_left) *out_frames_left = static_cast<int64_t>(wal_index_.size());
  if (read_only_) return Status::OK();
  if (poisoned()) return PoisonedError();
  const uint64_t last = last_commit_lsn_.load(std::memory_order_acquire);
  const uint64_t c = ComputeCheckpointLsn();  // (E2)
  if (c > backfilled_lsn_) {
    std::vector<uint32_t> pages = wal_index_.PagesWithVersionsIn(backfilled_lsn_, c);
    ImagePtr p1;
    DDB_RETURN_IF_ERROR(LoadVersion(kHeaderPage, c, &p1));
    DbHeader hc;
    DDB_RETURN_IF_ERROR(DecodeDbHeader(p1.get(), page_size_, &hc));
    checkpoint_epoch_.fetch_add(1, std::memory_order_seq_cst);  // (E3), before any write
    for (uint32_t id : pages) {
      ImagePtr img;
      DDB_RETURN_IF_ERROR(LoadVersion(id, c, &img));
      Status s = main_->WriteAt(static_cast<uint64_t>(id - 1) * page_size_, img.get(), page_size_);
      if (!s.ok()) {
        Poison(s);
        return s;
      }
    }
    uint64_t size = 0;
    Status s = main_->Size(&size);
    const uint64_t want = static_cast<uint64_t>(hc.page_count) * page_size_;
    if (s.ok() && size < want) s = main_->Truncate(want);  // extends to the page count
    if (s.ok() && options_.sync != SyncMode::kOff) {
      s = main_->Sync(SyncPolicy(options_.sync).kind);
    }
    if (!s.ok()) {
      Poison(s);
      return s;
    }
    // (E3): a reader that loaded the epoch after the first bump may have read a page
    // before this checkpoint overwrote it (an expired reader, §3.8, resolves pages to the
    // main file); without this second bump its insert could land after the erasure
    // below and leave the old image cached as the main-file version.
    checkpoint_epoch_.fetch_add(1, std::memory_order_seq_cst);
    for (uint32_t id : pages) {
      // The version just copied is now the main-file image: it stays cached as that, so
      // a checkpoint does not turn the recently written pages cold (each would be read
      // back and verified), and its log-version entry, which nobody resolves to once
      // pruned, is dropped.
      WalVersion v;
      ImagePtr copied;
      if (wal_index_.Lookup(id, c, &v)) copied = cache_->Get(id, v.lsn);
      cache_->Erase(id, kBaseVersion);  // evict, then prune (E3)
      if (copied) cache_->Insert(id, kBaseVersion, copied);
      wal_index_.Prune(id, c);
      if (copied) cache_->Erase(id, v.lsn);
    }
    backfilled_lsn_ = c;
    checkpoints_.fetch_add(1);
  }
  if (c == last && c >= backfilled_lsn_ &&
      (wal_->frame_bytes() > 0 || force_reset || mode == CheckpointMode::kTruncate)) {
    // (E4): every frame up to the last commit is in the synced main file.
    Status s = wal_->Reset(c, mode == CheckpointMode::kTruncate ? 0 : options_.wal_size_limit);
    if (!s.ok()) {
      Poison(s);
      return s;
    }
    wal_resets_.fetch_add(1);
  }
  if (out_frames_left) *out_frames_left = static_cast<int64_t>(wal_index_.size());
  return Status::OK();
}

void EngineImpl::MaybeAutoCheckpoint() {
  if (wal_->frame_bytes() <= options_.checkpoint_threshold) return;
  const uint64_t c = ComputeCheckpointLsn();
  // Readers blocked the last attempt and none has moved on since (§3.7).
  if (c == blocked_checkpoint_lsn_ && c < last_commit_lsn_.load()) return;
  Status s = CheckpointLocked(CheckpointMode::kPassive, false, nullptr);
  // The commit is already durable, so a failure is not returned (§3.7); an I/O failure
  // has poisoned the engine, which the next write reports.
  if (!s.ok()) Log("automatic checkpoint of " + path_ + " failed: " + s.ToString());
  blocked_checkpoint_lsn_ = wal_->frame_bytes() > 0 ? c : 0;
}

Status EngineImpl::Checkpoint(CheckpointMode mode, int64_t* out_frames_left) {
  if (read_only_) {
    if (out_frames_left) *out_frames_left = static_cast<int64_t>(wal_index_.size());
    return Status::OK();
  }
  // A checkpoint blocks writers (§3.6); wait for the current one like a writer would.
  constexpr int64_t kWaitMs = 5000;
  DDB_RETURN_IF_ERROR(writer_lock_.Acquire(kWaitMs));
  if (mode != CheckpointMode::kPassive) {
    // FULL and TRUNCATE first wait (up to the same bound) for readers on older snapshots
    // to finish, so that every frame can be copied and the log reset. No commit can
    // happen meanwhile (the writer lock is held) and new readers start at the last
    // commit, so the wait ends as soon as the older readers do. If some are still there
    // at the deadline, the checkpoint copies what it may and reports the frames left.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(kWaitMs);
    while (ComputeCheckpointLsn() < last_commit_lsn_.load(std::memory_order_acquire) &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  Status s = CheckpointLocked(mode, false, out_frames_left);
  writer_lock_.Release();
  return s;
}

// ---------------------------------------------------------------- integrity

Status EngineImpl::IntegrityCheck(std::string* out_report) {
  std::unique_ptr<ReadTxn> txn;
  DDB_RETURN_IF_ERROR(BeginRead(&txn));
  auto* rt = static_cast<ReadTxnImpl*>(txn.get());
  const DbHeader h = rt->db_header();
  const uint64_t snap = rt->snapshot_lsn();
  std::vector<std::string> problems;
  auto problem = [&](const std::string& p) {
    if (problems.size() < 100) problems.push_back(p);
  };

  // Freelist (§2.6 invariant (1)): trunks and listed pages in range, none twice.
  enum : uint8_t { kUsed = 0, kTrunk = 1, kFree = 2 };
  std::vector<uint8_t> state(static_cast<size_t>(h.page_count) + 1, kUsed);
  uint64_t listed = 0;
  uint32_t trunk = h.freelist_head;
  const uint32_t cap = TrunkCapacity(page_size_);
  while (trunk != kNoPage) {
    if (trunk <= kHeaderPage || trunk > h.page_count) {
      problem("freelist: trunk page " + std::to_string(trunk) + " outside 2.." +
              std::to_string(h.page_count));
      break;
    }
    if (state[trunk] != kUsed) {
      problem("freelist: page " + std::to_string(trunk) + " appears twice (trunk chain)");
      break;
    }
    state[trunk] = kTrunk;
    ImagePtr img;
    Status s = LoadVersion(trunk, snap, &img);
    if (!s.ok()) {
      problem(s.message());
      break;
    }
    const uint8_t* p = img.get();
    const uint32_t count = DecodeFixed32(p + 8);
    if (p[0] != kPageFreelistTrunk || count > cap) {
      problem("page " + std::to_string(trunk) + ": not a valid freelist trunk");
      break;
    }
    for (uint32_t i = 0; i < count; ++i) {
      uint32_t id = DecodeFixed32(p + kTrunkHeaderSize + 4 * i);
      if (id <= kHeaderPage || id > h.page_count) {
        problem("freelist: trunk " + std::to_string(trunk) + " lists page " + std::to_string(id) +
                " outside 2.." + std::to_string(h.page_count));
      } else if (state[id] != kUsed) {
        problem("freelist: page " + std::to_string(id) + " appears twice");
      } else {
        state[id] = kFree;
        listed++;
      }
    }
    trunk = DecodeFixed32(p + 4);
  }
  if (listed != h.freelist_count) {
    problem("freelist: header counts " + std::to_string(h.freelist_count) + " free pages, trunks list " +
            std::to_string(listed));
  }

  // Every page in use, as this snapshot resolves it, passes its checksum.
  for (uint32_t id = 1; id <= h.page_count; ++id) {
    if (state[id] == kFree) continue;
    ImagePtr img;
    Status s = LoadVersion(id, snap, &img);
    if (!s.ok()) problem(s.message());
  }

  // Every committed version still in the WAL passes its checksum.
  {
    std::shared_lock<std::shared_mutex> g(wal_->reset_mutex());
    std::vector<std::pair<uint32_t, WalVersion>> versions;
    wal_index_.ForEach([&](uint32_t page, const WalVersion& v) { versions.emplace_back(page, v); });
    std::vector<uint8_t> buf(page_size_);
    for (const auto& pv : versions) {
      Status s = wal_->ReadPage(pv.second.offset, pv.first, buf.data());
      if (s.ok()) s = VerifyPage(pv.first, buf.data(), page_size_, "WAL");
      if (!s.ok()) problem(s.message() + " (lsn " + std::to_string(pv.second.lsn) + ")");
    }
  }
  if (problems.empty()) {
    *out_report = "ok";
  } else {
    out_report->clear();
    for (const std::string& p : problems) {
      if (!out_report->empty()) out_report->push_back('\n');
      out_report->append(p);
    }
  }
  return Status::OK();
}

EngineStats EngineImpl::stats() {
  EngineStats st;
  st.checkpoints = checkpoints_.load();
  st.wal_resets = wal_resets_.load();
  st.backfilled_lsn = backfilled_lsn_.load();
  st.wal_frame_bytes = wal_ ? wal_->frame_bytes() : 0;
  st.wal_index_versions = wal_index_.size();
  st.cache_pages = cache_ ? cache_->size() : 0;
  std::lock_guard<SpinLock> g(readers_mu_);
  st.readers = reader_count_;
  return st;
}

}  // namespace decentdb
