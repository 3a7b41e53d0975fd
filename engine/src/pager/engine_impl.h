// The storage engine behind pager/engine.h: opening and recovering a database, snapshot
// page resolution through walIndex, the shared cache and the main file, the commit
// protocol, checkpoints with reader protection, the reader registry and the integrity
// check. Read/write transaction objects live in txn_impl.h; the per-file registry in
// registry.cc. Design: ENGINE.md §2-§4.
//
// Invariants (cited as (E1)... in the code and tests):
//  (E1) last_commit_lsn_ and committed_header_ change together, under readers_mu_, and only
//       after every page of that commit is in walIndex (X1) and its COMMIT frame is durable.
//  (E2) Every registered, non-expired reader has snapshot >= backfilled_lsn_: a
//       checkpoint copies only versions <= C = min(last commit, oldest reader snapshot),
//       so the main file never holds a version newer than a live snapshot (§3.6).
//  (E3) A checkpoint erases (P, kBaseVersion) from the cache *before* pruning P's walIndex
//       entries, and bumps checkpoint_epoch_ before its first main-file write and again
//       after its last one, before the erasures (C3): a main-file read that overlapped a
//       write then either sees the epoch change at its insert, or inserts before the
//       erasure that removes it.
//  (E4) The WAL is reset only when C == last_commit_lsn_ after a synced main-file write
//       (ENGINE.md §2.6 invariant (4)).
//  (E5) Once poisoned_ is set (a failed WAL write/sync or checkpoint I/O), no write
//       transaction starts and nothing more is written until the engine is reopened.
//  (E6) Only the writer-lock holder writes the WAL or the main file, or changes
//       backfilled_lsn_.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "pager/engine.h"
#include "pager/page_cache.h"
#include "pager/page_format.h"
#include "pager/writer_lock.h"
#include "util/spin_lock.h"
#include "vfs/vfs.h"
#include "wal/wal.h"
#include "wal/wal_index.h"

namespace decentdb {

class WriteTxnImpl;

// One registered reader (ENGINE.md §4.4, §3.8), embedded in its ReadTxnImpl and linked
// into the engine's registry list while the transaction lives, so that beginning and
// ending a read allocates nothing.
struct ReaderSlot {
  uint64_t id = 0;
  uint64_t snapshot = 0;
  std::chrono::steady_clock::time_point start;
  std::atomic<bool> expired{false};
  bool warned = false;  // GUARDED_BY(EngineImpl::readers_mu_): reader_warn_ms logged
  ReaderSlot* prev = nullptr;  // GUARDED_BY(EngineImpl::readers_mu_)
  ReaderSlot* next = nullptr;  // GUARDED_BY(EngineImpl::readers_mu_)
};

// Counters for tests and diagnostics.
struct EngineStats {
  uint64_t checkpoints = 0;  // checkpoints that copied at least one page
  uint64_t wal_resets = 0;
  uint64_t backfilled_lsn = 0;
  uint64_t wal_frame_bytes = 0;
  uint64_t wal_index_versions = 0;
  uint64_t cache_pages = 0;
  uint64_t readers = 0;
};

class EngineImpl final : public Engine {
 public:
  // Opens the database at path (wal at path + ".wal") and runs recovery (§3.5).
  // vfs must outlive the engine (options.vfs keeps it alive when it owns it).
  static Status Open(const std::string& path, Vfs* vfs, const EngineOptions& options,
                     bool create, bool read_only, std::unique_ptr<EngineImpl>* out);
  // Last close (§4.1): checkpoints, deletes a fully reset WAL, unlocks the file.
  // REQUIRES: every transaction of this engine has ended.
  ~EngineImpl() override;

  uint32_t page_size() const override { return page_size_; }
  const std::string& path() const override { return path_; }
  Status BeginRead(std::unique_ptr<ReadTxn>* out) override { return BeginRead(nullptr, out); }
  Status BeginRead(std::shared_ptr<PageMemo> memo, std::unique_ptr<ReadTxn>* out) override;
  Status BeginWrite(int64_t busy_timeout_ms, uint64_t required_snapshot,
                    std::unique_ptr<WriteTxn>* out) override;
  Status Checkpoint(CheckpointMode mode, int64_t* out_frames_left) override;
  Status IntegrityCheck(std::string* out_report) override;
  uint64_t last_commit_lsn() const override {
    return last_commit_lsn_.load(std::memory_order_acquire);
  }

  bool read_only() const { return read_only_; }
  const EngineOptions& options() const { return options_; }
  void Log(const std::string& message) const {
    if (options_.log) options_.log(message);
  }
  bool poisoned() const { return poisoned_.load(std::memory_order_acquire); }
  EngineStats stats();

  // --- used by the transaction objects (txn_impl.cc) ---

  // The image of page id as of snapshot, verified (checksum) and shared.
  // REQUIRES: 1 <= id; the caller checked id against its snapshot's page count.
  Status LoadVersion(uint32_t id, uint64_t snapshot, ImagePtr* out);
  // Registers slot at the latest commit (E1) and copies that commit's header.
  void RegisterReader(ReaderSlot* slot, DbHeader* out_header);
  // Unregisters slot. REQUIRES: RegisterReader(slot) was called.
  void EndRead(ReaderSlot* slot);
  // Appends, syncs and publishes the transaction's pages (§3.3).
  // REQUIRES: the writer lock is held by txn.
  // spilled lists pages whose final image the transaction already spilled (page, offset).
  Status CommitPages(std::vector<std::pair<uint32_t, ImagePtr>>* pages,
                     const std::vector<std::pair<uint32_t, uint64_t>>& spilled,
                     const DbHeader& header);
  // Writes private pages to the WAL as uncommitted frames (§4.4 spilling); out_offsets[i]
  // is where pages[i] went. REQUIRES: the writer lock is held by the caller's txn.
  Status SpillPages(std::vector<std::pair<uint32_t, ImagePtr>>* pages,
                    std::vector<uint64_t>* out_offsets);
  // Reads back a page the current transaction spilled. REQUIRES: as SpillPages.
  Status ReadSpilled(uint32_t id, uint64_t offset, ImagePtr* out);
  // Forgets the frames a rolled-back transaction spilled. REQUIRES: as SpillPages.
  void DiscardSpill() { wal_->DiscardPending(); }
  // Private pages a write transaction may hold before it spills at a SpillPoint: half
  // the cache (§4.4).
  uint64_t spill_threshold_pages() const {
    return std::max<uint64_t>(16, options_.cache_bytes / page_size_ / 2);
  }
  void ReleaseWriter() { writer_lock_.Release(); }
  Status PoisonedError() const;

 private:
  EngineImpl(std::string path, Vfs* vfs, const EngineOptions& options, bool read_only);
  Status Init(bool create);
  // Creates the database in an empty file: page 1 is logged as the first commit.
  Status CommitNewHeader(WalRecovery* rec);
  // Runs a checkpoint (§3.6). force_reset also resets a log that holds no frames
  // (recovery uses it to retire a stale tail with new salts).
  // REQUIRES: writer lock held, or the engine not yet shared (recovery, close). (E6)
  Status CheckpointLocked(CheckpointMode mode, bool force_reset, int64_t* out_frames_left);
  // C of §3.6 step 1, marking readers expired per §3.8.
  uint64_t ComputeCheckpointLsn();
  void Poison(const Status& cause);
  void MaybeAutoCheckpoint();
  Status ReadMainPage(uint32_t id, uint8_t* buf);

  const std::string path_;
  const std::string wal_path_;
  Vfs* const vfs_;
  const EngineOptions options_;
  bool read_only_;
  bool open_ = false;  // Init completed; the destructor's close sequence runs only then
  uint32_t page_size_ = 4096;
  std::unique_ptr<File> main_;
  std::unique_ptr<Wal> wal_;
  WalIndex wal_index_;
  std::unique_ptr<PageCache> cache_;
  WriterLock writer_lock_;

  SpinLock readers_mu_;  // the reader registry (§4.4): a few pointer updates per read
  ReaderSlot* readers_ = nullptr;  // GUARDED_BY(readers_mu_): list of registered readers
  uint64_t reader_count_ = 0;      // GUARDED_BY(readers_mu_)
  uint64_t next_reader_id_ = 1;                              // GUARDED_BY(readers_mu_)
  DbHeader committed_header_;                                // GUARDED_BY(readers_mu_) (E1)
  std::atomic<uint64_t> last_commit_lsn_{0};                 // (E1)

  std::atomic<uint64_t> backfilled_lsn_{0};  // (E2), (E6); atomic only for stats()
  uint64_t blocked_checkpoint_lsn_ = 0;    // C of the last auto-checkpoint readers blocked
  std::atomic<uint64_t> checkpoint_epoch_{0};  // (E3), (C3)
  std::atomic<bool> poisoned_{false};          // (E5)
  std::atomic<bool> corrupted_{false};         // ERR_CORRUPTION seen: no more writes (§10)
  mutable std::mutex poison_mu_;
  std::string poison_message_;                 // GUARDED_BY(poison_mu_)
  std::atomic<uint64_t> checkpoints_{0};
  std::atomic<uint64_t> wal_resets_{0};
};

}  // namespace decentdb
