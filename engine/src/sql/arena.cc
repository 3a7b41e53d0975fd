// Arena implementation: a singly linked list of blocks, doubling up to 1 MiB; requests
// larger than a quarter block get a block of their own so big strings waste nothing.
// Design: engine/src/sql/arena.h.
#include "sql/arena.h"

#include <cstdlib>

namespace decentdb {
namespace sql {

namespace {
constexpr size_t kMaxBlockSize = size_t{1} << 20;
constexpr size_t kHeader = 16;  // sizeof(Block) rounded up so payload stays 16-aligned
}  // namespace

Arena::~Arena() {
  while (head_ != nullptr) {
    Block* prev = head_->prev;
    std::free(head_);
    head_ = prev;
  }
}

void* Arena::Allocate(size_t size, size_t align) {
  if (size == 0) size = 1;
  uintptr_t p = reinterpret_cast<uintptr_t>(ptr_);
  uintptr_t aligned = (p + align - 1) & ~(uintptr_t{align} - 1);
  if (ptr_ != nullptr && aligned + size <= reinterpret_cast<uintptr_t>(end_)) {
    ptr_ = reinterpret_cast<char*>(aligned + size);
    used_ += size;
    return reinterpret_cast<void*>(aligned);
  }
  size_t payload;
  bool dedicated = size > next_block_size_ / 4;
  if (dedicated) {
    payload = size + align;
  } else {
    payload = next_block_size_;
    if (next_block_size_ < kMaxBlockSize) next_block_size_ *= 2;
  }
  void* raw = std::malloc(kHeader + payload);
  if (raw == nullptr) throw std::bad_alloc();
  Block* b = static_cast<Block*>(raw);
  b->prev = head_;
  b->size = payload;
  head_ = b;
  char* start = static_cast<char*>(raw) + kHeader;
  uintptr_t s = (reinterpret_cast<uintptr_t>(start) + align - 1) & ~(uintptr_t{align} - 1);
  used_ += size;
  if (dedicated) {
    // Keep bump-allocating from the previous block's tail: the dedicated block is full.
    // The dedicated block is linked into the list only so that it is freed.
    if (b->prev != nullptr) {
      head_ = b->prev;
      b->prev = head_->prev;
      head_->prev = b;
    } else {
      ptr_ = end_ = nullptr;
    }
    return reinterpret_cast<void*>(s);
  }
  ptr_ = reinterpret_cast<char*>(s + size);
  end_ = start + payload;
  return reinterpret_cast<void*>(s);
}

std::string_view Arena::Copy(std::string_view s) {
  if (s.empty()) return std::string_view();
  char* p = static_cast<char*>(Allocate(s.size(), 1));
  std::memcpy(p, s.data(), s.size());
  return std::string_view(p, s.size());
}

}  // namespace sql
}  // namespace decentdb
