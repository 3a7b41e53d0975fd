// Shared page cache: one per engine, holding immutable page images keyed by
// (page id, version), where version is a commit lsn for WAL versions or kBaseVersion for
// the main-file image. Sharded; each shard has a mutex, a slot array and a CLOCK hand.
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
#include <unordered_map>
#include <vector>

namespace decentdb {

constexpr uint64_t kBaseVersion = 0;  // commit lsns start at 1

using ImagePtr = std::shared_ptr<uint8_t>;
// A page-sized buffer usable as an ImagePtr (uninitialized).
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
  struct Key {
    uint32_t page;
    uint64_t version;
    bool operator==(const Key& o) const { return page == o.page && version == o.version; }
  };
  struct KeyHash {
    size_t operator()(const Key& k) const {
      return std::hash<uint64_t>()(k.version * 0x9E3779B97F4A7C15ull ^ k.page);
    }
  };
  struct Slot {
    Key key{0, 0};
    ImagePtr img;       // null: slot free
    bool referenced = false;
  };
  struct Shard {
    std::mutex mu;
    std::unordered_map<Key, uint32_t, KeyHash> map;  // GUARDED_BY(mu): key -> slot
    std::vector<Slot> slots;                          // GUARDED_BY(mu)
    std::vector<uint32_t> free_slots;                 // GUARDED_BY(mu)
    uint32_t hand = 0;                                // GUARDED_BY(mu)
  };
  Shard& ShardFor(uint32_t page) {
    return shards_[(page * 0x9E3779B1u >> 8) & (shard_count_ - 1)];
  }
  // Frees one unpinned, not recently used slot; false if none (C2).
  // REQUIRES: s.mu held.
  bool EvictOne(Shard& s);

  const uint64_t capacity_;
  const uint32_t shard_count_;
  const uint64_t per_shard_;
  std::unique_ptr<Shard[]> shards_;
};

}  // namespace decentdb
