// walIndex implementation: per-shard open-addressing tables of version lists, the newest
// version inline. ENGINE.md §3.4.
#include "wal/wal_index.h"

#include <algorithm>
#include <mutex>
#include <shared_mutex>

#include "util/linear_probe.h"

namespace decentdb {

WalIndex::WalIndex() : shards_(new Shard[kShards]), top_(new std::atomic<Mid*>[kTopSize]()) {}

WalIndex::~WalIndex() {
  for (uint32_t t = 0; t < kTopSize; ++t) {
    Mid* mid = top_[t].load(std::memory_order_relaxed);
    if (mid == nullptr) continue;
    for (auto& c : mid->chunks) delete c.load(std::memory_order_relaxed);
    delete mid;
  }
}

namespace {

// The object slot points to, created and published under mu when absent (readers load
// slot without the lock, so it is written once and never changed).
template <typename T>
T* GetOrCreate(std::atomic<T*>* slot, std::mutex* mu) {
  T* t = slot->load(std::memory_order_acquire);
  if (t != nullptr) return t;
  std::lock_guard<std::mutex> g(*mu);
  t = slot->load(std::memory_order_acquire);
  if (t == nullptr) {
    t = new T();
    slot->store(t, std::memory_order_release);
  }
  return t;
}

}  // namespace

void WalIndex::SetNewest(uint32_t page, uint64_t lsn) {
  std::atomic<Mid*>& top = top_[page >> kTopShift];
  std::atomic<Chunk*>* slot;
  if (lsn == 0) {  // clearing: nothing to do where nothing was ever recorded
    Mid* mid = top.load(std::memory_order_acquire);
    if (mid == nullptr) return;
    slot = &mid->chunks[(page >> kChunkShift) & (kMidSize - 1)];
    if (slot->load(std::memory_order_acquire) == nullptr) return;
  } else {
    slot = &GetOrCreate(&top, &grow_mu_)->chunks[(page >> kChunkShift) & (kMidSize - 1)];
  }
  GetOrCreate(slot, &grow_mu_)->lsn[page & (kChunkSize - 1)].store(lsn, std::memory_order_release);
}

size_t WalIndex::Find(const Shard& s, uint32_t page) {
  const size_t mask = s.table.size() - 1;
  for (size_t i = Home(page, mask);; i = (i + 1) & mask) {
    const Entry& e = s.table[i];
    if (!e.used) return SIZE_MAX;
    if (e.page == page) return i;
  }
}

size_t WalIndex::HomeOf(const Entry& e) { return Home(e.page, SIZE_MAX); }

void WalIndex::RemoveAt(Shard& s, size_t i) {
  LinearProbeErase(&s.table, i, HomeOf);
  --s.count;
}

void WalIndex::Insert(uint32_t page, uint64_t lsn, uint64_t offset) {
  Shard& s = ShardFor(page);
  std::unique_lock<SharedSpinLock> g(s.mu);
  size_t i = Find(s, page);
  if (i != SIZE_MAX) {
    Entry& e = s.table[i];
    e.older.push_back(e.newest);
    e.newest = WalVersion{lsn, offset};
  } else {
    if (2 * (s.count + 1) > s.table.size()) LinearProbeGrow(&s.table, HomeOf);
    Entry& e = s.table[LinearProbeFreeSlot(s.table, Home(page, SIZE_MAX))];
    e.page = page;
    e.used = true;
    e.newest = WalVersion{lsn, offset};
    ++s.count;
  }
  SetNewest(page, lsn);
  count_.fetch_add(1, std::memory_order_release);
}

bool WalIndex::Lookup(uint32_t page, uint64_t snapshot, WalVersion* out) const {
  Shard& s = ShardFor(page);
  std::shared_lock<SharedSpinLock> g(s.mu);
  size_t i = Find(s, page);
  if (i == SIZE_MAX) return false;
  const Entry& e = s.table[i];
  if (e.newest.lsn <= snapshot) {
    *out = e.newest;
    return true;
  }
  // First older version newer than the snapshot; the one before it is the answer.
  const std::vector<WalVersion>& v = e.older;
  auto pos = std::upper_bound(v.begin(), v.end(), snapshot,
                              [](uint64_t snap, const WalVersion& w) { return snap < w.lsn; });
  if (pos == v.begin()) return false;
  *out = *(pos - 1);
  return true;
}

void WalIndex::Prune(uint32_t page, uint64_t upto) {
  Shard& s = ShardFor(page);
  std::unique_lock<SharedSpinLock> g(s.mu);
  size_t i = Find(s, page);
  if (i == SIZE_MAX) return;
  Entry& e = s.table[i];
  if (e.newest.lsn <= upto) {
    count_.fetch_sub(e.older.size() + 1, std::memory_order_release);
    RemoveAt(s, i);
    SetNewest(page, 0);
    return;
  }
  std::vector<WalVersion>& v = e.older;
  auto pos = std::upper_bound(v.begin(), v.end(), upto,
                              [](uint64_t u, const WalVersion& w) { return u < w.lsn; });
  size_t removed = static_cast<size_t>(pos - v.begin());
  v.erase(v.begin(), pos);
  count_.fetch_sub(removed, std::memory_order_release);
}

std::vector<uint32_t> WalIndex::PagesWithVersionsIn(uint64_t lo, uint64_t hi) const {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < kShards; ++i) {
    std::shared_lock<SharedSpinLock> g(shards_[i].mu);
    for (const Entry& e : shards_[i].table) {
      if (!e.used) continue;
      bool in = e.newest.lsn > lo && e.newest.lsn <= hi;
      for (size_t k = 0; !in && k < e.older.size(); ++k) {
        in = e.older[k].lsn > lo && e.older[k].lsn <= hi;
      }
      if (in) out.push_back(e.page);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void WalIndex::ForEach(const std::function<void(uint32_t, const WalVersion&)>& fn) const {
  for (uint32_t i = 0; i < kShards; ++i) {
    std::shared_lock<SharedSpinLock> g(shards_[i].mu);
    for (const Entry& e : shards_[i].table) {
      if (!e.used) continue;
      for (const WalVersion& w : e.older) fn(e.page, w);
      fn(e.page, e.newest);
    }
  }
}

void WalIndex::Clear() {
  for (uint32_t i = 0; i < kShards; ++i) {
    std::unique_lock<SharedSpinLock> g(shards_[i].mu);
    for (const Entry& e : shards_[i].table)
      if (e.used) SetNewest(e.page, 0);
    std::vector<Entry>(kMinTable).swap(shards_[i].table);
    shards_[i].count = 0;
  }
  count_.store(0, std::memory_order_release);
}

}  // namespace decentdb
