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
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
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

  std::unique_ptr<Shard[]> shards_;
  std::atomic<uint64_t> count_{0};
};

}  // namespace decentdb
