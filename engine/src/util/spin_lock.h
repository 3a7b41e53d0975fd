// Short-section locks for the page read path (ENGINE.md §4.4): the page cache and walIndex
// shards guard a few loads and stores per operation, where a pthread mutex or rwlock
// costs more than the section itself. Waiters spin briefly, then yield the CPU, so a
// holder that was descheduled is not starved by its waiters.
//
//  (L1) SpinLock: mutual exclusion; lock/unlock are acquire/release.
//  (L2) SharedSpinLock: many readers or one writer. A waiting writer stops new readers
//       from entering, so a steady stream of readers cannot starve a committer.
#pragma once

#include <atomic>
#include <cstdint>
#include <thread>

namespace decentdb {

namespace spin_internal {
inline void Relax(uint32_t* spins) {
  if (++*spins < 64) {
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
  } else {
    std::this_thread::yield();
  }
}
}  // namespace spin_internal

class SpinLock {
 public:
  void lock() {
    uint32_t spins = 0;
    while (locked_.exchange(true, std::memory_order_acquire)) {
      while (locked_.load(std::memory_order_relaxed)) spin_internal::Relax(&spins);
    }
  }
  void unlock() { locked_.store(false, std::memory_order_release); }

 private:
  std::atomic<bool> locked_{false};
};

class SharedSpinLock {
 public:
  void lock_shared() {
    uint32_t spins = 0;
    for (;;) {
      uint32_t s = state_.load(std::memory_order_relaxed);
      if ((s & (kWriter | kWaiting)) == 0 &&
          state_.compare_exchange_weak(s, s + 1, std::memory_order_acquire, std::memory_order_relaxed)) {
        return;
      }
      spin_internal::Relax(&spins);
    }
  }
  void unlock_shared() { state_.fetch_sub(1, std::memory_order_release); }

  void lock() {
    uint32_t spins = 0;
    for (;;) {
      uint32_t s = state_.load(std::memory_order_relaxed);
      if ((s & kWriter) == 0) {
        if ((s & ~kWaiting) == 0) {  // no readers, no writer: take it
          if (state_.compare_exchange_weak(s, kWriter, std::memory_order_acquire, std::memory_order_relaxed)) return;
          continue;
        }
        if ((s & kWaiting) == 0) {  // readers inside: stop new ones (L2)
          state_.compare_exchange_weak(s, s | kWaiting, std::memory_order_relaxed, std::memory_order_relaxed);
          continue;
        }
      }
      spin_internal::Relax(&spins);
    }
  }
  void unlock() { state_.store(0, std::memory_order_release); }

 private:
  static constexpr uint32_t kWriter = 1u << 31;
  static constexpr uint32_t kWaiting = 1u << 30;
  std::atomic<uint32_t> state_{0};
};

}  // namespace decentdb
