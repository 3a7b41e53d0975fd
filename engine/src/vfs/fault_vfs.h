// Fault-injecting VFS for recovery tests (ENGINE.md §12, "Crash injection with a faulty
// VFS"): wraps any Vfs and can crash at, tear, or fail a chosen write or sync, lie about
// fsync, and hand back exactly what a power loss would have left on disk.
//
// Model. Every file opened through this VFS has a *volatile* image (the base VFS's file,
// which all reads and writes go to, like the OS page cache) and a *durable* image kept
// here (what the media holds). (M1) WriteAt and Truncate change only the volatile image
// and are remembered as pending, in order. (M2) A successful Sync applies that file's
// pending changes to its durable image; a lying Sync reports success and does not.
// (M3) Every WriteAt and every Sync, on any file, is one I/O point, numbered 1, 2, ...
// by one global counter; faults are armed against the n-th *matching* point, counted from
// the moment they are armed. (M4) At a crash the armed point is not performed (or, for a
// torn write, only part of it reaches the durable image), unsynced changes are resolved
// per UnsyncedAtCrash, and from then on every call returns ERR_IO "simulated crash".
// (M5) Directory entries are durable at once: a file created here exists (empty) in the
// durable state; Delete and delete_on_close remove it from it. Truncate is not an I/O
// point. Files are keyed by the path string as given; only files opened through this VFS
// are in the durable state (a file already in the base gets its base contents as its
// initial durable image when first opened).
//
// Typical crash loop:
//   FaultVfs probe(NewMemoryVfs());  RunWorkload(&probe);  n_max = probe.io_ops();
//   for n in 1..n_max: FaultVfs fv(NewMemoryVfs(), seed); fv.CrashAt({n});
//     RunWorkload(&fv) (it fails with "simulated crash"); fv.NewVfsFromDurable(&after);
//     reopen from `after` and check the invariants.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <utility>

#include "vfs/vfs.h"

namespace decentdb {

// Which I/O points a fault matches (a bit set).
enum class FaultOp : uint8_t { kWrite = 1, kSync = 2, kAny = 3 };

// Selects the n-th I/O point (1-based) among those of kind `ops` on files whose path ends
// with `path_suffix` ("" matches every file, ".wal" only WAL files).
struct FaultPoint {
  FaultPoint() = default;
  // Implicit on purpose, so CrashAt(5) and CrashAt({5, ".wal", FaultOp::kWrite}) both read well.
  FaultPoint(uint64_t at, std::string suffix = "", FaultOp kinds = FaultOp::kAny)  // NOLINT
      : n(at), path_suffix(std::move(suffix)), ops(kinds) {}
  uint64_t n = 0;  // 0 disarms
  std::string path_suffix;
  FaultOp ops = FaultOp::kAny;
};

// How much of the write at the crash point reaches the durable image.
enum class TearMode {
  kNone,     // nothing
  kPrefix,   // the first tear_bytes bytes
  kSectors,  // a seeded random subset of its 512-byte sectors (aligned on file offsets)
};

// What happens at a crash to changes written but not yet synced.
enum class UnsyncedAtCrash {
  kDropAll,        // all lost (the default; the strictest test of the commit rule)
  kKeepAll,        // all kept, as after a process crash with the OS still up
  kRandomWrites,   // a seeded random subset of whole writes, applied in random order
  kRandomSectors,  // a seeded random subset of 512-byte pieces, applied in random order
};

enum class InjectedError {
  kIo,       // ERR_IO "injected I/O error"
  kNoSpace,  // ERR_IO "No space left on device", as from ENOSPC
};

class FaultVfs final : public Vfs {
 public:
  // `base` holds the volatile images. The first form does not own it; it must outlive
  // this VFS. Every File opened here must be closed before this VFS is destroyed.
  explicit FaultVfs(Vfs* base, uint64_t seed = 0);
  explicit FaultVfs(std::unique_ptr<Vfs> base, uint64_t seed = 0);
  ~FaultVfs() override;

  // --- Arming faults (each replaces the previous plan of its kind) ---
  // Crash at the matching point `at`. If it is a write, `tear` decides what of it
  // survives; `tear_bytes` is the prefix length for TearMode::kPrefix.
  void CrashAt(const FaultPoint& at, TearMode tear = TearMode::kNone, size_t tear_bytes = 0);
  // Fail `count` consecutive matching points starting at `at` (UINT64_MAX: all from
  // there on) with an error, without crashing. A failed point changes nothing.
  void FailAt(const FaultPoint& at, InjectedError error = InjectedError::kIo,
              uint64_t count = 1);
  // While on, Sync on files matching `path_suffix` returns OK without making anything
  // durable (the point is still counted).
  void SetLyingSync(bool lying, const std::string& path_suffix = "");
  void SetUnsyncedAtCrash(UnsyncedAtCrash policy);
  // Crashes now, between I/O points (e.g. after a workload that ran to completion).
  void CrashNow();
  void DisarmAll();

  // --- Observing ---
  bool crashed() const { return crashed_.load(std::memory_order_acquire); }
  // All I/O points so far (WriteAt + Sync calls on all files, including the crashing
  // or failed ones).
  uint64_t io_ops() const;
  // I/O points of kind `ops` on files whose path ends with `path_suffix`.
  uint64_t OpCount(FaultOp ops, const std::string& path_suffix = "") const;
  // Number of points failed by FailAt so far.
  uint64_t injected_failures() const;

  // --- After a crash (also usable before one: then it is the synced state) ---
  // The durable image of one file; ERR_IO if it is not in the durable state.
  Status DurableContents(const std::string& path, std::string* out) const;
  // A fresh memory VFS holding exactly the durable images, under the same paths.
  Status NewVfsFromDurable(std::unique_ptr<Vfs>* out) const;
  // Writes the durable images into `target` (creating or replacing each file), e.g. to
  // reopen from real files when the base was the OS VFS.
  Status CopyDurableTo(Vfs* target) const;

  // --- Vfs ---
  Status Open(const std::string& path, const OpenFlags& flags,
              std::unique_ptr<File>* out) override;
  Status Delete(const std::string& path) override;
  Status Exists(const std::string& path, bool* out_exists) override;
  Status FileIdentity(const std::string& path, std::string* out_id) override;
  Status SyncDirectoryOf(const std::string& path) override;
  std::string CanonicalPath(const std::string& path) override;

 private:
  friend class FaultFile;
  struct FileState;
  struct Plan {
    FaultPoint at;
    uint64_t seen = 0;  // matching points since armed
    bool armed = false;
  };

  // One I/O point on `state`; decides what to do. REQUIRES: mu_ held.
  enum class Verdict { kProceed, kCrash, kFail, kLie };
  Verdict CountPointLocked(const FileState& state, FaultOp op);
  bool MatchesLocked(Plan* plan, const FileState& state, FaultOp op);
  // Resolves unsynced changes of every file and enters the crashed state.
  void CrashLocked();
  Status InjectedErrorLocked(const FileState& state) const;
  // The part of a write that survives a torn crash, as pending-style pieces.
  void ApplyTornWriteLocked(FileState* state, uint64_t offset, const void* buf, size_t n);

  std::unique_ptr<Vfs> owned_base_;
  Vfs* const base_;

  mutable std::mutex mu_;
  std::map<std::string, std::shared_ptr<FileState>> files_;  // GUARDED_BY(mu_)
  std::map<std::string, uint64_t> write_counts_;            // GUARDED_BY(mu_), by path
  std::map<std::string, uint64_t> sync_counts_;             // GUARDED_BY(mu_), by path
  uint64_t io_ops_ = 0;                                     // GUARDED_BY(mu_)
  uint64_t injected_failures_ = 0;                          // GUARDED_BY(mu_)
  Plan crash_plan_;                                         // GUARDED_BY(mu_)
  TearMode tear_ = TearMode::kNone;                         // GUARDED_BY(mu_)
  size_t tear_bytes_ = 0;                                   // GUARDED_BY(mu_)
  Plan fail_plan_;                                          // GUARDED_BY(mu_)
  InjectedError fail_error_ = InjectedError::kIo;           // GUARDED_BY(mu_)
  uint64_t fail_count_ = 0;                                 // GUARDED_BY(mu_)
  bool lying_sync_ = false;                                 // GUARDED_BY(mu_)
  std::string lying_suffix_;                                // GUARDED_BY(mu_)
  UnsyncedAtCrash unsynced_ = UnsyncedAtCrash::kDropAll;    // GUARDED_BY(mu_)
  std::mt19937_64 rng_;                                     // GUARDED_BY(mu_)
  std::atomic<bool> crashed_{false};
};

}  // namespace decentdb
