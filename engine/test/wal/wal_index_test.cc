// Model test of the walIndex (wal/wal_index.h): random inserts in commit order, prunes
// after "checkpoints" and snapshot lookups, checked against a map of version lists after
// every operation, including the enumeration the checkpointer and integrity check use.
// Design: ENGINE.md §3.4, §3.6.
#include <algorithm>
#include <map>
#include <random>
#include <vector>

#include "harness/test.h"
#include "wal/wal_index.h"

using namespace decentdb;

namespace {
using Model = std::map<uint32_t, std::vector<WalVersion>>;

bool ModelLookup(const Model& m, uint32_t page, uint64_t snapshot, WalVersion* out) {
  auto it = m.find(page);
  if (it == m.end()) return false;
  bool found = false;
  for (const WalVersion& w : it->second) {
    if (w.lsn <= snapshot) {
      *out = w;
      found = true;
    }
  }
  return found;
}

uint64_t ModelSize(const Model& m) {
  uint64_t n = 0;
  for (const auto& kv : m) n += kv.second.size();
  return n;
}
}  // namespace

TEST(WalIndex, MatchesAModelThroughCommitsPrunesAndLookups) {
  WalIndex index;
  Model model;
  std::mt19937_64 rng(ddbtest::TestSeed());
  uint64_t lsn = 0, offset = 32;
  for (int step = 0; step < 40000; ++step) {
    switch (rng() % 8) {
      case 0:
      case 1:
      case 2: {  // a commit of a few pages
        ++lsn;
        int pages = 1 + static_cast<int>(rng() % 5);
        std::vector<uint32_t> seen;
        for (int k = 0; k < pages; ++k) {
          uint32_t page = 1 + static_cast<uint32_t>(rng() % 3000);
          if (std::find(seen.begin(), seen.end(), page) != seen.end()) continue;
          seen.push_back(page);
          index.Insert(page, lsn, offset);
          model[page].push_back(WalVersion{lsn, offset});
          offset += 4096 + 24;
        }
        break;
      }
      case 3: {  // a checkpoint copied one page up to some lsn
        uint32_t page = 1 + static_cast<uint32_t>(rng() % 3000);
        uint64_t upto = lsn == 0 ? 0 : rng() % (lsn + 1);
        index.Prune(page, upto);
        auto it = model.find(page);
        if (it != model.end()) {
          auto& v = it->second;
          v.erase(std::remove_if(v.begin(), v.end(), [&](const WalVersion& w) { return w.lsn <= upto; }),
                  v.end());
          if (v.empty()) model.erase(it);
        }
        break;
      }
      default: {
        uint32_t page = 1 + static_cast<uint32_t>(rng() % 3000);
        uint64_t snapshot = rng() % (lsn + 2);
        WalVersion got, want;
        bool has = index.Lookup(page, snapshot, &got);
        ASSERT_EQ(has, ModelLookup(model, page, snapshot, &want));
        auto it = model.find(page);
        ASSERT_EQ(index.NewestLsn(page), it == model.end() ? 0 : it->second.back().lsn);
        if (has) {
          ASSERT_EQ(got.lsn, want.lsn);
          ASSERT_EQ(got.offset, want.offset);
        }
      }
    }
    ASSERT_EQ(index.size(), ModelSize(model));
    if (step % 5000 == 4999) {
      // Every recorded version, and the pages with versions in a range.
      Model listed;
      index.ForEach([&](uint32_t page, const WalVersion& w) { listed[page].push_back(w); });
      for (auto& kv : listed) {
        std::sort(kv.second.begin(), kv.second.end(),
                  [](const WalVersion& a, const WalVersion& b) { return a.lsn < b.lsn; });
      }
      ASSERT_EQ(listed.size(), model.size());
      for (const auto& kv : model) {
        const auto& got = listed[kv.first];
        ASSERT_EQ(got.size(), kv.second.size());
        for (size_t k = 0; k < got.size(); ++k) ASSERT_EQ(got[k].offset, kv.second[k].offset);
      }
      uint64_t lo = rng() % (lsn + 1), hi = lo + rng() % 50;
      std::vector<uint32_t> want;
      for (const auto& kv : model) {
        for (const WalVersion& w : kv.second) {
          if (w.lsn > lo && w.lsn <= hi) {
            want.push_back(kv.first);
            break;
          }
        }
      }
      ASSERT_TRUE(index.PagesWithVersionsIn(lo, hi) == want);
    }
  }
  for (const auto& kv : model) ASSERT_EQ(index.NewestLsn(kv.first), kv.second.back().lsn);
  index.Clear();
  EXPECT_EQ(index.size(), 0u);
  WalVersion w;
  EXPECT_FALSE(index.Lookup(model.begin()->first, lsn, &w));
  for (const auto& kv : model) ASSERT_EQ(index.NewestLsn(kv.first), 0u);
}

TEST(WalIndex, NewestLsnAcrossTheWholePageRange) {
  // Page ids at the edges of the directory's chunks and levels, up to the largest id.
  WalIndex index;
  const std::vector<uint32_t> pages = {1,       4095,        4096,        4097,       (1u << 22) - 1,
                                       1u << 22, (1u << 22) + 1, 0x7fffffffu, 0xfffffffeu, 0xffffffffu};
  uint64_t lsn = 0;
  for (uint32_t p : pages) EXPECT_EQ(index.NewestLsn(p), 0u);
  for (int round = 0; round < 3; ++round) {
    for (uint32_t p : pages) {
      ++lsn;
      index.Insert(p, lsn, lsn * 100);
    }
  }
  for (size_t i = 0; i < pages.size(); ++i) {
    EXPECT_EQ(index.NewestLsn(pages[i]), 2 * pages.size() + i + 1);
  }
  for (uint32_t p : {2u, 4098u, 8191u, 1u << 21, (1u << 22) + 2, 0xfffffffdu}) EXPECT_EQ(index.NewestLsn(p), 0u);
  // Pruning older versions keeps the newest; pruning the newest clears it.
  index.Prune(pages[0], 2 * pages.size());
  EXPECT_EQ(index.NewestLsn(pages[0]), 2 * pages.size() + 1);
  index.Prune(pages[0], lsn);
  EXPECT_EQ(index.NewestLsn(pages[0]), 0u);
  EXPECT_EQ(index.NewestLsn(pages.back()), lsn);
  index.Clear();
  for (uint32_t p : pages) EXPECT_EQ(index.NewestLsn(p), 0u);
  index.Insert(4096, ++lsn, 1);
  EXPECT_EQ(index.NewestLsn(4096), lsn);
  EXPECT_EQ(index.NewestLsn(4097), 0u);
}
