// Bump allocator that owns every AST node and string of one parse. Nodes are trivially
// destructible, so dropping the arena frees a whole parse in a few block frees, with no
// per-node destructor walk. ArenaVec is the growable array the AST uses for lists.
// Design: ENGINE.md §7.1 (parser) and engine/src/sql/ast.h.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <string_view>
#include <type_traits>

namespace decentdb {
namespace sql {

class Arena {
 public:
  Arena() = default;
  ~Arena();
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Returns `size` bytes aligned to `align` (a power of two <= 16). Never returns null:
  // allocation failure throws std::bad_alloc, which the C API boundary turns into an error.
  void* Allocate(size_t size, size_t align = alignof(std::max_align_t));

  template <typename T, typename... Args>
  T* New(Args&&... args) {
    static_assert(std::is_trivially_destructible<T>::value, "arena objects are never destroyed");
    return new (Allocate(sizeof(T), alignof(T))) T{static_cast<Args&&>(args)...};
  }

  // A zero-filled T: the way the parser creates AST nodes, which are trivial aggregates.
  template <typename T>
  T* Zeroed() {
    static_assert(std::is_trivially_copyable<T>::value, "arena objects are plain structs");
    void* p = Allocate(sizeof(T), alignof(T));
    std::memset(p, 0, sizeof(T));
    return static_cast<T*>(p);
  }

  // Copies `s` into the arena; the view stays valid as long as the arena.
  std::string_view Copy(std::string_view s);

  // Bytes handed out so far (for tests and limits).
  size_t bytes_used() const { return used_; }

 private:
  struct Block {
    Block* prev;
    size_t size;
  };
  Block* head_ = nullptr;
  char* ptr_ = nullptr;
  char* end_ = nullptr;
  size_t next_block_size_ = 4096;
  size_t used_ = 0;
};

// A growable array whose storage lives in an Arena. Growth doubles and abandons the old
// storage to the arena, so a list costs at most twice its final size. Trivially
// destructible so it can be a member of arena nodes.
template <typename T>
struct ArenaVec {
  static_assert(std::is_trivially_copyable<T>::value, "ArenaVec holds plain values");
  T* data = nullptr;
  uint32_t size = 0;
  uint32_t capacity = 0;

  void Push(Arena* arena, const T& v) {
    if (size == capacity) {
      uint32_t cap = capacity ? capacity * 2 : 4;
      T* fresh = static_cast<T*>(arena->Allocate(sizeof(T) * cap, alignof(T)));
      if (size) std::memcpy(static_cast<void*>(fresh), data, sizeof(T) * size);
      data = fresh;
      capacity = cap;
    }
    data[size++] = v;
  }
  bool empty() const { return size == 0; }
  T& operator[](uint32_t i) { return data[i]; }
  const T& operator[](uint32_t i) const { return data[i]; }
  T* begin() { return data; }
  T* end() { return data + size; }
  const T* begin() const { return data; }
  const T* end() const { return data + size; }
};

}  // namespace sql
}  // namespace decentdb
