// Unit tests of the page image arena (pager/image_arena.h): distinct writable slots for
// live images (A1), chunks handed back to the OS after a burst (A2), and release from
// other threads (A3). Design: ENGINE.md §4.4.
#include <algorithm>
#include <cstring>
#include <thread>
#include <vector>

#include "harness/test.h"
#include "pager/image_arena.h"

using namespace decentdb;

TEST(ImageArena, LiveImagesAreDistinctAndKeepTheirBytes) {
  for (uint32_t size : {4096u, 8192u, 16384u, 1024u}) {
    std::vector<ImagePtr> imgs;
    for (int i = 0; i < 1200; ++i) {
      ImagePtr p = NewArenaImage(size);
      std::memset(p.get(), i & 0xFF, size);
      imgs.push_back(std::move(p));
    }
    std::vector<const uint8_t*> addrs;
    for (int i = 0; i < 1200; ++i) {
      const uint8_t* b = imgs[i].get();
      ASSERT_EQ(b[0], static_cast<uint8_t>(i));
      ASSERT_EQ(b[size - 1], static_cast<uint8_t>(i));
      addrs.push_back(b);
    }
    std::sort(addrs.begin(), addrs.end());
    for (size_t i = 1; i < addrs.size(); ++i) ASSERT_TRUE(addrs[i] - addrs[i - 1] >= static_cast<ptrdiff_t>(size));
  }
}

TEST(ImageArena, ABurstOfImagesIsReturnedWhenReleased) {
  if (!ArenaEnabled()) return;  // sanitizer build: images come from the heap
  {
    std::vector<ImagePtr> burst;
    for (int i = 0; i < 20000; ++i) burst.push_back(NewArenaImage(4096));  // ~80 MiB
    EXPECT_GE(ArenaReservedBytes(), 20000ull * 4096);
  }
  // No image is alive: at most one empty chunk per page size stays (A2).
  EXPECT_LE(ArenaReservedBytes(), 3u * (2u << 20));
}

TEST(ImageArena, ImagesMayBeReleasedOnAnotherThread) {
  std::vector<ImagePtr> imgs;
  for (int i = 0; i < 5000; ++i) imgs.push_back(NewArenaImage(8192));
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t) {
    std::vector<ImagePtr> mine(imgs.begin() + t * 1250, imgs.begin() + (t + 1) * 1250);
    ts.emplace_back([m = std::move(mine)]() mutable {
      for (int round = 0; round < 20; ++round) {
        for (auto& p : m) {
          p = NewArenaImage(8192);  // releases the old image, takes a new slot
          p.get()[0] = static_cast<uint8_t>(round);
        }
      }
    });
  }
  imgs.clear();
  for (auto& t : ts) t.join();
  if (ArenaEnabled()) EXPECT_LE(ArenaReservedBytes(), 3u * (2u << 20));
}
