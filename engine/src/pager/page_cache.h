// Shared page cache: one per engine, holding immutable page images keyed by
// (page id, version), where version is a commit lsn for WAL versions or kBaseVersion for
// the main-file image. Sharded; each shard has a mutex, an open-addressing table and a
// CLOCK hand.
// Design: ENGINE.md §4.4.
//
//  (C1) A cached image is never modified after insertion; readers hold it through a
//       shared_ptr (the pin) and take no latch on its contents.
//  (C2) A pinned entry (a shared_ptr held outside the cache) is never evicted. Pins may
//       push a shard to 2x its capacity; beyond that an image is handed back uncached.
//  (C3) A (P, kBaseVersion) image read from the main file is inserted only if the
//       checkpoint epoch did not change during the read (checked under the shard lock),
//       so an image older than a concurrent checkpoint's write never enters the cache.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "util/spin_lock.h"

namespace decentdb {

constexpr uint64_t kBaseVersion = 0;  // commit lsns start at 1

using ImagePtr = std::shared_ptr<uint8_t>;
// A page-sized buffer usable as an ImagePtr (uninitialized), from the image arena
// (pager/image_arena.h).
ImagePtr NewImage(uint32_t page_size);

class PageCache {
 public:
  // capacity_pages is spread over shard_count shards (a power of two).
  PageCache(uint64_t capacity_pages, uint32_t shard_count);

  // The cached image or null; marks it recently used.
  ImagePtr Get(uint32_t page, uint64_t version);
  // Inserts img unless the key is present (the first insert wins) or (C2)/(C3) forbid it.
  // Returns the image callers should use: the cached one, or img itself when not cached.
  // epoch/seen_epoch implement (C3); pass nullptr for WAL versions.
  ImagePtr Insert(uint32_t page, uint64_t version, ImagePtr img,
                  const std::atomic<uint64_t>* epoch = nullptr, uint64_t seen_epoch = 0);
  void Erase(uint32_t page, uint64_t version);
  void Clear();

  uint64_t size() const;
  uint64_t capacity() const { return capacity_; }

 private:
  // One open-addressing table per shard, linear probing (util/linear_probe.h). The table doubles before it gets more than half full, so a lookup
  // usually touches one cache line: that lookup runs on every page read that misses the
  // connection's memo (ENGINE.md §4.4).
  static constexpr size_t kMinTable = 16;
  struct Entry {
    uint32_t page = 0;
    bool used = false;
    bool referenced = false;
    uint64_t version = 0;
    ImagePtr img;
  };
  struct Shard {
    SpinLock mu;
    std::vector<Entry> table;  // GUARDED_BY(mu); size is a power of two
    uint64_t count = 0;        // GUARDED_BY(mu)
    uint32_t hand = 0;         // GUARDED_BY(mu): CLOCK position in table
  };
  static size_t Home(uint32_t page, uint64_t version, size_t mask) {
    uint64_t h = (version * 0x9E3779B97F4A7C15ull) ^ (static_cast<uint64_t>(page) * 0xC2B2AE3D27D4EB4Full);
    return static_cast<size_t>(h >> 32) & mask;
  }
  Shard& ShardFor(uint32_t page) {
    return shards_[(page * 0x9E3779B1u >> 8) & (shard_count_ - 1)];
  }
  // Index of (page, version) in s.table, or SIZE_MAX. REQUIRES: s.mu held.
  static size_t Find(const Shard& s, uint32_t page, uint64_t version);
  static size_t HomeOf(const Entry& e);  // for util/linear_probe.h
  // Empties entry i, keeping every other key reachable. REQUIRES: s.mu held.
  static void RemoveAt(Shard& s, size_t i);
  // Frees one unpinned, not recently used entry; false if none (C2).
  // REQUIRES: s.mu held.
  bool EvictOne(Shard& s);

  const uint64_t capacity_;
  const uint32_t shard_count_;
  const uint64_t per_shard_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace decentdb
