// Shared page cache implementation: per-shard open-addressing tables with a CLOCK hand.
// Design and invariants (C1)-(C3): page_cache.h, ENGINE.md §4.4.
#include "pager/page_cache.h"

#include <algorithm>

#include "pager/image_arena.h"
#include "util/linear_probe.h"

namespace decentdb {

ImagePtr NewImage(uint32_t page_size) { return NewArenaImage(page_size); }

PageCache::PageCache(uint64_t capacity_pages, uint32_t shard_count)
    : capacity_(std::max<uint64_t>(capacity_pages, shard_count)),
      shard_count_(shard_count),
      per_shard_(std::max<uint64_t>(1, capacity_ / shard_count)),
      shards_(new Shard[shard_count]) {
  for (uint32_t i = 0; i < shard_count_; ++i) shards_[i].table.resize(kMinTable);
}

size_t PageCache::Find(const Shard& s, uint32_t page, uint64_t version) {
  const size_t mask = s.table.size() - 1;
  for (size_t i = Home(page, version, mask);; i = (i + 1) & mask) {
    const Entry& e = s.table[i];
    if (!e.used) return SIZE_MAX;
    if (e.page == page && e.version == version) return i;
  }
}

size_t PageCache::HomeOf(const Entry& e) { return Home(e.page, e.version, SIZE_MAX); }

void PageCache::RemoveAt(Shard& s, size_t i) {
  LinearProbeErase(&s.table, i, HomeOf);
  --s.count;
}

ImagePtr PageCache::Get(uint32_t page, uint64_t version) {
  Shard& s = ShardFor(page);
  std::lock_guard<SpinLock> g(s.mu);
  size_t i = Find(s, page, version);
  if (i == SIZE_MAX) return nullptr;
  Entry& e = s.table[i];
  e.referenced = true;
  return e.img;
}

bool PageCache::EvictOne(Shard& s) {
  const size_t n = s.table.size();
  // Two sweeps: the first clears reference bits, the second finds one of them.
  for (size_t step = 0; step < 2 * n; ++step) {
    size_t idx = s.hand;
    s.hand = static_cast<uint32_t>((s.hand + 1) & (n - 1));
    Entry& e = s.table[idx];
    if (!e.used) continue;
    // use_count() == 1 means only the cache holds it, and a new holder needs s.mu (C2).
    if (e.img.use_count() > 1) continue;
    if (e.referenced) {
      e.referenced = false;
      continue;
    }
    RemoveAt(s, idx);
    return true;
  }
  return false;
}

ImagePtr PageCache::Insert(uint32_t page, uint64_t version, ImagePtr img,
                           const std::atomic<uint64_t>* epoch, uint64_t seen_epoch) {
  Shard& s = ShardFor(page);
  std::lock_guard<SpinLock> g(s.mu);
  size_t found = Find(s, page, version);
  if (found != SIZE_MAX) {
    Entry& e = s.table[found];
    e.referenced = true;
    return e.img;
  }
  if (epoch != nullptr && epoch->load(std::memory_order_acquire) != seen_epoch) return img;  // (C3)
  if (s.count >= per_shard_) EvictOne(s);
  if (s.count >= 2 * per_shard_) return img;  // everything pinned and the shard at 2x (C2)
  if (2 * (s.count + 1) > s.table.size()) {
    LinearProbeGrow(&s.table, HomeOf);
    s.hand = 0;
  }
  Entry& e = s.table[LinearProbeFreeSlot(s.table, Home(page, version, SIZE_MAX))];
  e.page = page;
  e.version = version;
  e.used = true;
  e.referenced = true;
  e.img = img;
  ++s.count;
  return img;
}

void PageCache::Erase(uint32_t page, uint64_t version) {
  Shard& s = ShardFor(page);
  std::lock_guard<SpinLock> g(s.mu);
  size_t i = Find(s, page, version);
  if (i != SIZE_MAX) RemoveAt(s, i);
}

void PageCache::Clear() {
  for (uint32_t i = 0; i < shard_count_; ++i) {
    Shard& s = shards_[i];
    std::lock_guard<SpinLock> g(s.mu);
    std::vector<Entry>(kMinTable).swap(s.table);
    s.count = 0;
    s.hand = 0;
  }
}

uint64_t PageCache::size() const {
  uint64_t n = 0;
  for (uint32_t i = 0; i < shard_count_; ++i) {
    Shard& s = shards_[i];
    std::lock_guard<SpinLock> g(s.mu);
    n += s.count;
  }
  return n;
}

}  // namespace decentdb
