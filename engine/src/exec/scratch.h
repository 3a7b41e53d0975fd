// ScratchArena: per-statement bump memory for values computed while evaluating one row
// (string function results, rendered numbers, decimal arithmetic). The caller resets it
// between rows; after the first few rows a reset keeps one block big enough for a whole
// row, so steady-state evaluation does no heap allocation. Design: ENGINE.md §9.1, and
// the scratch contract in exec/evaluator.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string_view>

namespace decentdb {
namespace exec {

// Invariants:
//  (S1) Every pointer handed out since the last Reset() stays valid until the next
//       Reset() or destruction; nothing is moved.
//  (S2) After Reset() at most one block is kept, and it is at least as large as the peak
//       total of the previous round, so a round that allocates no more than the previous
//       one does not touch the heap.
class ScratchArena {
 public:
  ScratchArena() = default;
  explicit ScratchArena(size_t initial) { Reserve(initial); }
  ~ScratchArena() { FreeAll(); }
  ScratchArena(const ScratchArena&) = delete;
  ScratchArena& operator=(const ScratchArena&) = delete;

  // `n` bytes aligned to 8. Throws std::bad_alloc when memory runs out (turned into an
  // error at the C API boundary, like every other engine allocation).
  char* Allocate(size_t n) {
    n = (n + 7) & ~size_t{7};
    if (n <= static_cast<size_t>(end_ - ptr_)) {
      char* p = ptr_;
      ptr_ += n;
      used_ += n;
      return p;
    }
    return AllocateSlow(n);
  }

  // Copies bytes into the arena; the view is valid until Reset (S1).
  std::string_view Copy(const void* p, size_t n) {
    if (n == 0) return std::string_view();
    char* d = Allocate(n);
    std::memcpy(d, p, n);
    return std::string_view(d, n);
  }
  std::string_view Copy(std::string_view s) { return Copy(s.data(), s.size()); }

  // Drops everything allocated since the last Reset (S2).
  void Reset() {
    size_t peak = used_;
    used_ = 0;
    if (head_ == nullptr) return;
    if (head_->prev != nullptr) {
      FreeAll();
      Reserve(peak);
      return;
    }
    ptr_ = head_->payload();
  }

  size_t bytes_used() const { return used_; }

 private:
  struct Block {
    Block* prev;
    size_t size;
    char* payload() { return reinterpret_cast<char*>(this) + kHeader; }
  };
  static constexpr size_t kHeader = 16;
  static constexpr size_t kMinBlock = 4096;

  void Reserve(size_t n) {
    size_t size = n < kMinBlock ? kMinBlock : n;
    void* raw = std::malloc(kHeader + size);
    if (raw == nullptr) throw std::bad_alloc();
    Block* b = static_cast<Block*>(raw);
    b->prev = head_;
    b->size = size;
    head_ = b;
    ptr_ = b->payload();
    end_ = ptr_ + size;
  }

  char* AllocateSlow(size_t n) {
    size_t next = head_ == nullptr ? kMinBlock : head_->size * 2;
    Reserve(n > next ? n : next);
    char* p = ptr_;
    ptr_ += n;
    used_ += n;
    return p;
  }

  void FreeAll() {
    while (head_ != nullptr) {
      Block* prev = head_->prev;
      std::free(head_);
      head_ = prev;
    }
    ptr_ = end_ = nullptr;
  }

  Block* head_ = nullptr;
  char* ptr_ = nullptr;
  char* end_ = nullptr;
  size_t used_ = 0;
};

}  // namespace exec
}  // namespace decentdb
