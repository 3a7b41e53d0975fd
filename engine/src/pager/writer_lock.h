// The engine's writer lock: FIFO (first come, first granted) with timed waits, so that a
// writer waiting for busy_timeout_ms gets ERR_BUSY instead of waiting forever, and two
// connections driven by one thread cannot deadlock. Design: ENGINE.md §4.3.
//
//  (L1) At most one holder. Waiters are granted strictly in arrival order; a waiter that
//       times out leaves the queue and wakes the next one.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>

#include "util/status.h"

namespace decentdb {

class WriterLock {
 public:
  // Waits up to timeout_ms (< 0: forever). ERR_BUSY 55P03 on timeout.
  Status Acquire(int64_t timeout_ms);
  // REQUIRES: held by the caller.
  void Release();
  bool held() const;

 private:
  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool held_ = false;             // GUARDED_BY(mu_) (L1)
  uint64_t next_ticket_ = 0;      // GUARDED_BY(mu_)
  std::deque<uint64_t> waiters_;  // GUARDED_BY(mu_): tickets in arrival order (L1)
};

}  // namespace decentdb
