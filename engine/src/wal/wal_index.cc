// walIndex implementation: per-shard hash maps of ascending version lists. ENGINE.md §3.4.
#include "wal/wal_index.h"

#include <algorithm>
#include <mutex>

namespace decentdb {

WalIndex::WalIndex() : shards_(new Shard[kShards]) {}

void WalIndex::Insert(uint32_t page, uint64_t lsn, uint64_t offset) {
  Shard& s = ShardFor(page);
  std::unique_lock<std::shared_mutex> g(s.mu);
  s.pages[page].push_back(WalVersion{lsn, offset});
  count_.fetch_add(1, std::memory_order_release);
}

bool WalIndex::Lookup(uint32_t page, uint64_t snapshot, WalVersion* out) const {
  Shard& s = ShardFor(page);
  std::shared_lock<std::shared_mutex> g(s.mu);
  auto it = s.pages.find(page);
  if (it == s.pages.end()) return false;
  const std::vector<WalVersion>& v = it->second;
  // First version newer than the snapshot; the one before it is the answer.
  auto pos = std::upper_bound(v.begin(), v.end(), snapshot,
                              [](uint64_t snap, const WalVersion& w) { return snap < w.lsn; });
  if (pos == v.begin()) return false;
  *out = *(pos - 1);
  return true;
}

void WalIndex::Prune(uint32_t page, uint64_t upto) {
  Shard& s = ShardFor(page);
  std::unique_lock<std::shared_mutex> g(s.mu);
  auto it = s.pages.find(page);
  if (it == s.pages.end()) return;
  std::vector<WalVersion>& v = it->second;
  auto pos = std::upper_bound(v.begin(), v.end(), upto,
                              [](uint64_t u, const WalVersion& w) { return u < w.lsn; });
  size_t removed = static_cast<size_t>(pos - v.begin());
  v.erase(v.begin(), pos);
  if (v.empty()) s.pages.erase(it);
  count_.fetch_sub(removed, std::memory_order_release);
}

std::vector<uint32_t> WalIndex::PagesWithVersionsIn(uint64_t lo, uint64_t hi) const {
  std::vector<uint32_t> out;
  for (uint32_t i = 0; i < kShards; ++i) {
    std::shared_lock<std::shared_mutex> g(shards_[i].mu);
    for (const auto& kv : shards_[i].pages) {
      for (const WalVersion& w : kv.second) {
        if (w.lsn > lo && w.lsn <= hi) {
          out.push_back(kv.first);
          break;
        }
      }
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

void WalIndex::ForEach(const std::function<void(uint32_t, const WalVersion&)>& fn) const {
  for (uint32_t i = 0; i < kShards; ++i) {
    std::shared_lock<std::shared_mutex> g(shards_[i].mu);
    for (const auto& kv : shards_[i].pages) {
      for (const WalVersion& w : kv.second) fn(kv.first, w);
    }
  }
}

void WalIndex::Clear() {
  for (uint32_t i = 0; i < kShards; ++i) {
    std::unique_lock<std::shared_mutex> g(shards_[i].mu);
    shards_[i].pages.clear();
  }
  count_.store(0, std::memory_order_release);
}

}  // namespace decentdb
