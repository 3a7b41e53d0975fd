// walIndex: maps a page id to the ascending list of its committed versions in the WAL,
// (commit lsn, frame offset). Sharded by page id; each shard has a shared spin lock held only
// for the lookup or update itself, and an open-addressing table whose entry keeps a page's
// newest version inline: a reader whose snapshot is not older than that version (nearly
// every reader) resolves its page from one table line. Design: ENGINE.md §3.4 (snapshot resolution), §3.6
// (pruning after checkpoint).
//
//  (X1) Only committed frames are inserted, and only after their COMMIT frame is durable
//       (the writer publishes them before advancing last_commit_lsn).
//  (X2) Each page's list is strictly ascending by lsn; an entry is removed only by Prune
//       after the checkpoint has written a version at least as new to the synced main file.
//  (X3) NewestLsn(page) is the lsn of the page's newest recorded version (0: none),
//       updated under the shard lock with every Insert, Prune and Clear, so a reader
//       whose snapshot comes after a commit sees that commit's lsns (X1). The newest
//       version at or below a snapshot is then found without a lock whenever the newest
//       is at or below it; otherwise Lookup searches the list. Directory memory is kept
//       (and zeroed by Clear) until the index is destroyed, so a lock-free read never
//       touches freed memory.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "util/spin_lock.h"

namespace decentdb {

struct WalVersion {
  uint64_t lsn = 0;
  uint64_t offset = 0;  // offset of the PAGE frame header in the WAL file
};

class WalIndex {
 public:
  WalIndex();

  // REQUIRES: lsn is greater than every lsn already recorded for page (X2).
  void Insert(uint32_t page, uint64_t lsn, uint64_t offset);
  // The newest version of page with lsn <= snapshot; false if there is none.
  bool Lookup(uint32_t page, uint64_t snapshot, WalVersion* out) const;
  // Removes page's versions with lsn <= upto (X2).
  void Prune(uint32_t page, uint64_t upto);
  // Pages having at least one version with lo < lsn <= hi, ascending.
  std::vector<uint32_t> PagesWithVersionsIn(uint64_t lo, uint64_t hi) const;
  // Calls fn for every (page, version); used by the integrity check.
  void ForEach(const std::function<void(uint32_t, const WalVersion&)>& fn) const;
  void Clear();
  // Number of versions recorded; 0 lets readers skip the lookup entirely.
  uint64_t size() const { return count_.load(std::memory_order_acquire); }
  // The lsn of page's newest recorded version, 0 if it has none; takes no lock (X3).
  uint64_t NewestLsn(uint32_t page) const {
    const Mid* mid = top_[page >> kTopShift].load(std::memory_order_acquire);
    if (mid == nullptr) return 0;
    const Chunk* c = mid->chunks[(page >> kChunkShift) & (kMidSize - 1)].load(std::memory_order_acquire);
    if (c == nullptr) return 0;
    return c->lsn[page & (kChunkSize - 1)].load(std::memory_order_acquire);
  }
  ~WalIndex();

 private:
  static constexpr uint32_t kShards = 64;
  static constexpr size_t kMinTable = 16;
  struct Entry {
    uint32_t page = 0;
    bool used = false;
    WalVersion newest;                // the page's newest version
    std::vector<WalVersion> older;    // its older versions, ascending (X2)
  };
  struct Shard {
    mutable SharedSpinLock mu;
    std::vector<Entry> table = std::vector<Entry>(kMinTable);  // GUARDED_BY(mu); power of two
    size_t count = 0;                                          // GUARDED_BY(mu): used entries
  };
  Shard& ShardFor(uint32_t page) const { return shards_[page & (kShards - 1)]; }
  static size_t Home(uint32_t page, size_t mask) {
    // Shards take the low bits; the table position comes from the high bits of a mix.
    return static_cast<size_t>((static_cast<uint64_t>(page) * 0x9E3779B97F4A7C15ull) >> 40) & mask;
  }
  // Index of page's entry in s.table, or SIZE_MAX. REQUIRES: s.mu held.
  static size_t Find(const Shard& s, uint32_t page);
  static size_t HomeOf(const Entry& e);  // for util/linear_probe.h
  // Empties entry i keeping every other page reachable. REQUIRES: s.mu held exclusively.
  static void RemoveAt(Shard& s, size_t i);

  // The newest-lsn directory (X3): a page's newest lsn, readable without the shard lock,
  // in a three-level table of chunks of 4,096 pages. The table shaped like a tree of
  // fixed fan-out keeps one page's slot at a fixed place for the index's lifetime.
  static constexpr uint32_t kChunkShift = 12, kChunkSize = 1u << kChunkShift;
  static constexpr uint32_t kMidShift = 10, kMidSize = 1u << kMidShift;
  static constexpr uint32_t kTopShift = kChunkShift + kMidShift;
  static constexpr uint32_t kTopSize = 1u << (32 - kTopShift);
  struct Chunk {
    std::atomic<uint64_t> lsn[kChunkSize] = {};
  };
  struct Mid {
    std::atomic<Chunk*> chunks[kMidSize] = {};
  };
  // Stores page's newest lsn (0: none). REQUIRES: page's shard lock held exclusively.
  void SetNewest(uint32_t page, uint64_t lsn);

  std::unique_ptr<Shard[]> shards_;
  std::atomic<uint64_t> count_{0};
  std::unique_ptr<std::atomic<Mid*>[]> top_;  // kTopSize entries
  std::mutex grow_mu_;                        // serializes allocation of Mid and Chunk
};

}  // namespace decentdb
