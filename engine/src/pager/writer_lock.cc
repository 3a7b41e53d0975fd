// FIFO timed writer lock. Invariant (L1): writer_lock.h; design: ENGINE.md §4.3.
#include "pager/writer_lock.h"

#include <algorithm>
#include <chrono>
#include <string>

namespace decentdb {

Status WriterLock::Acquire(int64_t timeout_ms) {
  std::unique_lock<std::mutex> g(mu_);
  if (!held_ && waiters_.empty()) {
    held_ = true;
    return Status::OK();
  }
  const uint64_t ticket = next_ticket_++;
  waiters_.push_back(ticket);
  auto my_turn = [&] { return !held_ && waiters_.front() == ticket; };
  bool granted;
  if (timeout_ms < 0) {
    cv_.wait(g, my_turn);
    granted = true;
  } else {
    granted = cv_.wait_for(g, std::chrono::milliseconds(timeout_ms), my_turn);
  }
  if (!granted) {
    bool was_front = waiters_.front() == ticket;
    waiters_.erase(std::find(waiters_.begin(), waiters_.end(), ticket));
    if (was_front) cv_.notify_all();  // the next waiter may be grantable now (L1)
    return Status::Busy("database is busy: writer lock not granted within " +
                        std::to_string(timeout_ms) + " ms");
  }
  waiters_.pop_front();
  held_ = true;
  return Status::OK();
}

void WriterLock::Release() {
  std::lock_guard<std::mutex> g(mu_);
  held_ = false;
  if (!waiters_.empty()) cv_.notify_all();
}

bool WriterLock::held() const {
  std::lock_guard<std::mutex> g(mu_);
  return held_;
}

}  // namespace decentdb
