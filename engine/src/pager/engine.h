// Storage engine: one instance per database file per process, shared by every connection
// to that file. Owns the file handles and OS lock, the WAL and its index, the shared page
// cache, the writer lock, the reader registry and the header (page 1). Read transactions
// see a fixed snapshot (an LSN); one write transaction at a time works on private page
// copies that become visible atomically at commit.
// Design: ENGINE.md §2 (format), §3 (WAL, recovery, checkpoint), §4 (concurrency).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "pager/page_store.h"
#include "util/status.h"
#include "vfs/vfs.h"

namespace decentdb {

class PageMemo;

enum class SyncMode { kFull, kNormal, kOff };

// Engine-scope options (ENGINE.md §11.3), fixed by the first open of a file.
struct EngineOptions {
  uint64_t cache_bytes = 32ull << 20;
  SyncMode sync = SyncMode::kFull;
  uint32_t page_size = 4096;                 // used only when the file is created
  // Set when the user gave page_size explicitly: opening an existing file whose page size
  // differs is then ERR_MISUSE (ENGINE.md §2.1); otherwise the file's page size is used.
  bool page_size_given = false;
  uint64_t checkpoint_threshold = 64ull << 20;  // WAL bytes since the last reset
  uint64_t wal_size_limit = 64ull << 20;        // truncate the WAL on reset beyond this
  int64_t reader_warn_ms = 60000;
  int64_t reader_timeout_ms = 300000;
  std::string temp_dir;                      // empty: system temp
  // The VFS to use; nullptr means OsVfs(). ":memory:" opens pass a private memory VFS,
  // which the engine then owns.
  std::shared_ptr<Vfs> vfs;
  // Optional sink for warnings that are not errors of any call (ENGINE.md §3.7-3.8, §4.1):
  // failed automatic checkpoints, readers blocking a WAL reset past reader_warn_ms,
  // differing options ignored by a later open. Called from whichever thread noticed,
  // possibly while it holds the writer lock (never a reader-path lock); it must not call
  // back into the engine.
  std::function<void(const std::string&)> log;
};

// Fields of the header page (ENGINE.md §2.2) visible to upper layers.
struct HeaderFields {
  uint32_t schema_cookie = 0;
  uint32_t catalog_root = 0;
};

// A read transaction: a snapshot of the committed database. Used by one thread at a time.
// Destroying it ends the read (unregisters the snapshot).
class ReadTxn : public PageReader {
 public:
  virtual uint64_t snapshot_lsn() const = 0;
  virtual HeaderFields header() const = 0;
  // Ends the read (its snapshot no longer holds back checkpoints) but keeps the object,
  // so that a caller running many short reads (a prepared statement) need not allocate
  // one per execution. Until Restart, every Read fails. Idempotent.
  virtual void Suspend() = 0;
  // Starts the read again at the latest commit, as a new read transaction would.
  virtual void Restart() = 0;
};

// The single write transaction. Reads see the transaction's own writes. Destroying an
// uncommitted WriteTxn rolls it back and releases the writer lock.
class WriteTxn : public PageWriter {
 public:
  virtual uint64_t snapshot_lsn() const = 0;
  virtual HeaderFields header() const = 0;
  virtual void set_header(const HeaderFields& fields) = 0;

  // Statement-level atomicity (ENGINE.md §4.5): Mark() records the current state of the
  // transaction; RollbackToMark(m) undoes every page write, allocation and free since m
  // (and since any later mark); ReleaseMark(m) forgets m and the marks after it.
  virtual uint64_t Mark() = 0;
  virtual Status RollbackToMark(uint64_t mark) = 0;
  virtual void ReleaseMark(uint64_t mark) = 0;

  // Makes the transaction durable (per SyncMode) and visible; releases the writer lock.
  virtual Status Commit() = 0;
  // Discards the transaction; releases the writer lock.
  virtual void Rollback() = 0;
};

enum class CheckpointMode { kPassive = 0, kFull = 1, kTruncate = 2 };

class Engine {
 public:
  virtual ~Engine() = default;

  // Finds the engine for path in the process registry (by file identity) or opens it,
  // running recovery. ":memory:" always makes a new private engine. A file locked by
  // another process is ERR_BUSY 55P03; a missing file with create=false is ERR_IO;
  // a damaged header is ERR_CORRUPTION. Release by dropping the shared_ptr (the last
  // reference rolls back, checkpoints, deletes a reset WAL and unlocks the file).
  static Status Acquire(const std::string& path, const EngineOptions& options, bool create,
                        bool read_only, std::shared_ptr<Engine>* out);

  virtual uint32_t page_size() const = 0;
  virtual const std::string& path() const = 0;

  // Starts a read transaction at the latest committed state.
  virtual Status BeginRead(std::unique_ptr<ReadTxn>* out) = 0;
  // The same, reusing memo (pager/page_memo.h) for its interior pages: entries of the
  // same snapshot are kept, others dropped. A caller that begins many reads (a
  // connection) passes the same memo each time; null behaves like BeginRead(out).
  virtual Status BeginRead(std::shared_ptr<PageMemo> memo, std::unique_ptr<ReadTxn>* out) = 0;
  // Takes the writer lock, waiting up to busy_timeout_ms (ERR_BUSY 55P03 after that).
  // If required_snapshot is not UINT64_MAX and commits happened after it, returns
  // ERR_TRANSACTION 40001 (stale snapshot) without starting (ENGINE.md §4.3).
  virtual Status BeginWrite(int64_t busy_timeout_ms, uint64_t required_snapshot,
                            std::unique_ptr<WriteTxn>* out) = 0;

  virtual Status Checkpoint(CheckpointMode mode, int64_t* out_frames_left) = 0;
  // Checks the storage invariants (ENGINE.md §2.6) and every checksum; *out_report is
  // "ok" or a description of each problem found.
  virtual Status IntegrityCheck(std::string* out_report) = 0;
  virtual uint64_t last_commit_lsn() const = 0;

  // Per-engine state that upper layers share across connections (the SQL layer's schema
  // cache). The first caller's make() creates it; it is destroyed with the engine.
  template <typename T, typename Make>
  std::shared_ptr<T> Extension(Make make) {
    std::lock_guard<std::mutex> lock(extension_mu_);
    if (!extension_) extension_ = make();
    return std::static_pointer_cast<T>(extension_);
  }

 private:
  std::mutex extension_mu_;
  std::shared_ptr<void> extension_;  // guarded by extension_mu_
};

}  // namespace decentdb
