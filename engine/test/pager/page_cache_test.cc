// Unit tests of the shared page cache (pager/page_cache.h): first insert wins, the
// capacity bound, CLOCK eviction that never drops a pinned image (C2), and the
// checkpoint-epoch guard on main-file images (C3). Design: ENGINE.md §4.4.
#include <map>
#include <random>
#include <vector>

#include "harness/test.h"
#include "pager/page_cache.h"

using namespace decentdb;

namespace {
ImagePtr Img(uint8_t tag) {
  ImagePtr p = NewImage(4096);
  p.get()[0] = tag;
  return p;
}
}  // namespace

TEST(PageCache, FirstInsertWinsAndVersionsAreDistinct) {
  PageCache cache(64, 8);
  ImagePtr a = cache.Insert(5, 1, Img(1));
  ImagePtr b = cache.Insert(5, 1, Img(2));
  EXPECT_EQ(b.get(), a.get());
  EXPECT_EQ(b.get()[0], 1);
  cache.Insert(5, 2, Img(3));
  cache.Insert(5, kBaseVersion, Img(4));
  EXPECT_EQ(cache.Get(5, 1).get()[0], 1);
  EXPECT_EQ(cache.Get(5, 2).get()[0], 3);
  EXPECT_EQ(cache.Get(5, kBaseVersion).get()[0], 4);
  EXPECT_TRUE(cache.Get(6, 1) == nullptr);
  cache.Erase(5, 2);
  EXPECT_TRUE(cache.Get(5, 2) == nullptr);
}

TEST(PageCache, StaysWithinCapacityWhenNothingIsPinned) {
  PageCache cache(64, 8);
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int i = 0; i < 5000; ++i) {
    uint32_t page = static_cast<uint32_t>(rng() % 1000);
    if (!cache.Get(page, 1)) cache.Insert(page, 1, Img(static_cast<uint8_t>(page)));
    EXPECT_LE(cache.size(), 64u);
  }
  EXPECT_GE(cache.size(), 32u);  // eviction frees one slot at a time, it does not flush
}

TEST(PageCache, NeverEvictsAPinnedImage) {
  PageCache cache(64, 8);
  std::vector<ImagePtr> pins;
  for (uint32_t p = 0; p < 40; ++p) pins.push_back(cache.Insert(p, 1, Img(static_cast<uint8_t>(p))));
  for (uint32_t p = 1000; p < 3000; ++p) cache.Insert(p, 1, Img(0));
  for (uint32_t p = 0; p < 40; ++p) {
    ImagePtr got = cache.Get(p, 1);
    // A pinned image may be absent only if its shard was full of pins; here every
    // shard has room, so each pinned image must still be the cached one.
    ASSERT_TRUE(got != nullptr);
    EXPECT_EQ(got.get(), pins[p].get());
  }
  EXPECT_LE(cache.size(), 2u * 64u);  // (C2): pins may push it to 2x, not beyond
}

TEST(PageCache, AllPinnedShardServesImagesUncached) {
  PageCache cache(8, 8);  // one slot per shard, at most two with pins
  std::vector<ImagePtr> pins;
  for (uint32_t p = 0; p < 200; ++p) pins.push_back(cache.Insert(p, 1, Img(static_cast<uint8_t>(p))));
  EXPECT_LE(cache.size(), 16u);
  for (uint32_t p = 0; p < 200; ++p) EXPECT_EQ(pins[p].get()[0], static_cast<uint8_t>(p));
}

TEST(PageCache, BaseImageReadAcrossACheckpointIsNotCached) {
  PageCache cache(64, 8);
  std::atomic<uint64_t> epoch{7};
  const uint64_t seen = epoch.load();
  epoch.fetch_add(1);  // a checkpoint started while the image was being read (C3)
  ImagePtr used = cache.Insert(9, kBaseVersion, Img(1), &epoch, seen);
  EXPECT_EQ(used.get()[0], 1);
  EXPECT_TRUE(cache.Get(9, kBaseVersion) == nullptr);
  cache.Insert(9, kBaseVersion, Img(2), &epoch, epoch.load());
  EXPECT_EQ(cache.Get(9, kBaseVersion).get()[0], 2);
}

// Below its capacity nothing is evicted, so the cache must answer exactly like a map
// through inserts, erases (which shift later entries of a probe run back) and growth.
TEST(PageCache, MatchesAMapThroughInsertsAndErases) {
  PageCache cache(4096, 2);
  std::map<std::pair<uint32_t, uint64_t>, uint8_t> model;
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int step = 0; step < 60000; ++step) {
    uint32_t page = static_cast<uint32_t>(rng() % 600);
    uint64_t version = rng() % 4;
    auto key = std::make_pair(page, version);
    switch (rng() % 3) {
      case 0: {
        uint8_t tag = static_cast<uint8_t>(rng());
        ImagePtr used = cache.Insert(page, version, Img(tag));
        auto it = model.find(key);
        if (it == model.end()) model[key] = tag;
        ASSERT_EQ(used.get()[0], model[key]);  // the first insert wins
        break;
      }
      case 1:
        cache.Erase(page, version);
        model.erase(key);
        break;
      default: {
        ImagePtr got = cache.Get(page, version);
        auto it = model.find(key);
        if (it == model.end()) {
          ASSERT_TRUE(got == nullptr);
        } else {
          ASSERT_TRUE(got != nullptr);
          ASSERT_EQ(got.get()[0], it->second);
        }
      }
    }
    if (step % 10000 == 9999) {
      ASSERT_EQ(cache.size(), model.size());
      for (const auto& kv : model) {
        ImagePtr got = cache.Get(kv.first.first, kv.first.second);
        ASSERT_TRUE(got != nullptr);
        ASSERT_EQ(got.get()[0], kv.second);
      }
    }
  }
  cache.Clear();
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_TRUE(cache.Get(model.begin()->first.first, model.begin()->first.second) == nullptr);
}
