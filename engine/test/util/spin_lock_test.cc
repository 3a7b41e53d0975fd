// Tests of the short-section locks (util/spin_lock.h): mutual exclusion (L1), readers
// never seeing a writer's half-done update, and a writer that gets in while readers keep
// coming (L2). Meant to run under ThreadSanitizer as well.
#include <atomic>
#include <mutex>
#include <shared_mutex>
#include <thread>
#include <vector>

#include "harness/test.h"
#include "util/spin_lock.h"

using namespace decentdb;

TEST(SpinLock, CountsEveryIncrementUnderContention) {
  SpinLock mu;
  uint64_t counter = 0;  // plain: only the lock orders the increments
  std::vector<std::thread> ts;
  for (int t = 0; t < 4; ++t) {
    ts.emplace_back([&] {
      for (int i = 0; i < 50000; ++i) {
        std::lock_guard<SpinLock> g(mu);
        ++counter;
      }
    });
  }
  for (auto& t : ts) t.join();
  EXPECT_EQ(counter, 200000u);
}

TEST(SharedSpinLock, ReadersSeeWholeUpdatesAndWritersAreNotStarved) {
  SharedSpinLock mu;
  uint64_t a = 0, b = 0;  // a writer keeps a == b
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> torn{0}, reads{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 4; ++t) {
    readers.emplace_back([&] {
      while (!stop.load(std::memory_order_relaxed)) {
        std::shared_lock<SharedSpinLock> g(mu);
        if (a != b) torn.fetch_add(1);
        reads.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  // Readers overlap all the time; each writer still finishes its updates (L2). The
  // writers start once the readers are running, so the two really overlap.
  while (reads.load() < 1000) std::this_thread::yield();
  std::vector<std::thread> writers;
  for (int t = 0; t < 2; ++t) {
    writers.emplace_back([&] {
      for (int i = 0; i < 20000; ++i) {
        std::unique_lock<SharedSpinLock> g(mu);
        ++a;
        ++b;
      }
    });
  }
  for (auto& t : writers) t.join();
  stop.store(true);
  for (auto& t : readers) t.join();
  EXPECT_EQ(torn.load(), 0u);
  EXPECT_EQ(a, 40000u);
  EXPECT_EQ(b, 40000u);
}
