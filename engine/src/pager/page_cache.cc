// Shared page cache implementation: per-shard slot arrays with a CLOCK hand.
// Design and invariants (C1)-(C3): page_cache.h, ENGINE.md §4.4.
#include "pager/page_cache.h"

#include <algorithm>

namespace decentdb {

ImagePtr NewImage(uint32_t page_size) {
  return ImagePtr(new uint8_t[page_size], std::default_delete<uint8_t[]>());
}

PageCache::PageCache(uint64_t capacity_pages, uint32_t shard_count)
    : capacity_(std::max<uint64_t>(capacity_pages, shard_count)),
      shard_count_(shard_count),
      per_shard_(std::max<uint64_t>(1, capacity_ / shard_count)),
      shards_(new Shard[shard_count]) {}

ImagePtr PageCache::Get(uint32_t page, uint64_t version) {
  Shard& s = ShardFor(page);
  std::lock_guard<std::mutex> g(s.mu);
  auto it = s.map.find(Key{page, version});
  if (it == s.map.end()) return nullptr;
  Slot& slot = s.slots[it->second];
  slot.referenced = true;
  return slot.img;
}

bool PageCache::EvictOne(Shard& s) {
  const size_t n = s.slots.size();
  // Two sweeps: the first clears reference bits, the second finds one of them.
  for (size_t step = 0; step < 2 * n; ++step) {
    Slot& slot = s.slots[s.hand];
    uint32_t idx = s.hand;
    s.hand = static_cast<uint32_t>((s.hand + 1) % n);
    if (!slot.img) continue;
    // use_count() == 1 means only the cache holds it, and a new holder needs s.mu (C2).
    if (slot.img.use_count() > 1) continue;
    if (slot.referenced) {
      slot.referenced = false;
      continue;
    }
    s.map.erase(slot.key);
    slot.img.reset();
    s.free_slots.push_back(idx);
    return true;
  }
  return false;
}

ImagePtr PageCache::Insert(uint32_t page, uint64_t version, ImagePtr img,
                           const std::atomic<uint64_t>* epoch, uint64_t seen_epoch) {
  Shard& s = ShardFor(page);
  std::lock_guard<std::mutex> g(s.mu);
  Key key{page, version};
  auto it = s.map.find(key);
  if (it != s.map.end()) {
    Slot& slot = s.slots[it->second];
    slot.referenced = true;
    return slot.img;
  }
  if (epoch != nullptr && epoch->load(std::memory_order_acquire) != seen_epoch) return img;  // (C3)
  uint64_t used = s.slots.size() - s.free_slots.size();
  if (used >= per_shard_ && !s.slots.empty()) EvictOne(s);
  uint32_t idx;
  if (!s.free_slots.empty()) {
    idx = s.free_slots.back();
    s.free_slots.pop_back();
  } else if (s.slots.size() < 2 * per_shard_) {
    idx = static_cast<uint32_t>(s.slots.size());
    s.slots.emplace_back();
  } else {
    return img;  // everything pinned and the shard at 2x: serve uncached (C2)
  }
  Slot& slot = s.slots[idx];
  slot.key = key;
  slot.img = img;
  slot.referenced = true;
  s.map.emplace(key, idx);
  return img;
}

void PageCache::Erase(uint32_t page, uint64_t version) {
  Shard& s = ShardFor(page);
  std::lock_guard<std::mutex> g(s.mu);
  auto it = s.map.find(Key{page, version});
  if (it == s.map.end()) return;
  s.slots[it->second].img.reset();
  s.free_slots.push_back(it->second);
  s.map.erase(it);
}

void PageCache::Clear() {
  for (uint32_t i = 0; i < shard_count_; ++i) {
    Shard& s = shards_[i];
    std::lock_guard<std::mutex> g(s.mu);
    s.map.clear();
    s.slots.clear();
    s.free_slots.clear();
    s.hand = 0;
  }
}

uint64_t PageCache::size() const {
  uint64_t n = 0;
  for (uint32_t i = 0; i < shard_count_; ++i) {
    Shard& s = shards_[i];
    std::lock_guard<std::mutex> g(s.mu);
    n += s.map.size();
  }
  return n;
}

}  // namespace decentdb
