// Page image arena: per page size, a list of 2 MiB chunks carved into slots, each slot a
// shared_ptr control block followed by the image. Invariants (A1)-(A3): image_arena.h.
#include "pager/image_arena.h"

#include <atomic>
#include <cstddef>
#include <mutex>
#include <new>

#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
#define DDB_ARENA_MMAP 1
#endif

namespace decentdb {

namespace {

constexpr size_t kChunkBytes = size_t{2} << 20;
std::atomic<uint64_t> g_reserved{0};

// A free slot links to the next free slot of its chunk.
struct FreeSlot {
  FreeSlot* next;
};

// Lives in the first bytes of its chunk, so a slot finds it by masking its address.
struct Chunk {
  Chunk* prev;  // the arena's list of chunks with free slots
  Chunk* next;
  FreeSlot* free;
  uint32_t free_count;
  uint32_t slots;  // a chunk is in the list exactly while free_count > 0
};
constexpr size_t kChunkHeader = 64;
static_assert(sizeof(Chunk) <= kChunkHeader, "chunk header");

class Arena {
 public:
  explicit Arena(size_t slot_size) : slot_size_(slot_size) {}

  void* Allocate() {
    std::lock_guard<std::mutex> g(mu_);
    if (partial_ == nullptr && !AddChunk()) return nullptr;
    Chunk* c = partial_;
    FreeSlot* s = c->free;
    c->free = s->next;
    if (--c->free_count == 0) Unlist(c);
    return s;
  }

  void Release(void* p) {
    Chunk* c = reinterpret_cast<Chunk*>(reinterpret_cast<uintptr_t>(p) & ~(kChunkBytes - 1));
    std::lock_guard<std::mutex> g(mu_);
    FreeSlot* s = static_cast<FreeSlot*>(p);
    s->next = c->free;
    c->free = s;
    if (++c->free_count == 1) List(c);  // it was full, so out of the list
    // (A2): an empty chunk goes back unless it is the only one with room.
    if (c->free_count == c->slots && !(partial_ == c && c->next == nullptr)) {
      Unlist(c);
      Unmap(c);
    }
  }

 private:
  bool AddChunk() {
#ifdef DDB_ARENA_MMAP
    // Map twice the size and trim, so the chunk is 2 MiB aligned (huge-page eligible).
    void* m = mmap(nullptr, 2 * kChunkBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) return false;
    uintptr_t raw = reinterpret_cast<uintptr_t>(m);
    uintptr_t base = (raw + kChunkBytes - 1) & ~(kChunkBytes - 1);
    if (base > raw) munmap(m, base - raw);
    if (raw + 2 * kChunkBytes > base + kChunkBytes) {
      munmap(reinterpret_cast<void*>(base + kChunkBytes), raw + 2 * kChunkBytes - (base + kChunkBytes));
    }
#ifdef MADV_HUGEPAGE
    madvise(reinterpret_cast<void*>(base), kChunkBytes, MADV_HUGEPAGE);  // advice only
#endif
    uint8_t* mem = reinterpret_cast<uint8_t*>(base);
#else
    uint8_t* mem = static_cast<uint8_t*>(::operator new(kChunkBytes, std::align_val_t(kChunkBytes), std::nothrow));
    if (mem == nullptr) return false;
#endif
    g_reserved.fetch_add(kChunkBytes, std::memory_order_relaxed);
    Chunk* c = new (mem) Chunk();
    c->slots = static_cast<uint32_t>((kChunkBytes - kChunkHeader) / slot_size_);
    c->free_count = c->slots;
    c->free = nullptr;
    for (uint32_t i = c->slots; i-- > 0;) {
      FreeSlot* s = reinterpret_cast<FreeSlot*>(mem + kChunkHeader + i * slot_size_);
      s->next = c->free;
      c->free = s;
    }
    List(c);
    return true;
  }

  void Unmap(Chunk* c) {
    g_reserved.fetch_sub(kChunkBytes, std::memory_order_relaxed);
#ifdef DDB_ARENA_MMAP
    munmap(c, kChunkBytes);
#else
    ::operator delete(static_cast<void*>(c), std::align_val_t(kChunkBytes));
#endif
  }

  void List(Chunk* c) {
    c->prev = nullptr;
    c->next = partial_;
    if (partial_ != nullptr) partial_->prev = c;
    partial_ = c;
  }

  void Unlist(Chunk* c) {
    if (c->prev != nullptr) c->prev->next = c->next;
    else partial_ = c->next;
    if (c->next != nullptr) c->next->prev = c->prev;
    c->prev = c->next = nullptr;
  }

  const size_t slot_size_;
  std::mutex mu_;
  Chunk* partial_ = nullptr;  // GUARDED_BY(mu_): chunks with at least one free slot
};

// Slot size for page size kSize: the control block allocate_shared puts before the bytes,
// rounded up to whole cache lines.
template <uint32_t kSize>
constexpr size_t SlotSize() {
  return (kSize + 64 + 63) / 64 * 64;
}

template <uint32_t kSize>
Arena& ArenaFor() {
  // Never destroyed: images may be released during static destruction (A3).
  static Arena* a = new Arena(SlotSize<kSize>());
  return *a;
}

template <typename T, uint32_t kSize>
struct SlotAllocator {
  using value_type = T;
  SlotAllocator() = default;
  template <typename U>
  SlotAllocator(const SlotAllocator<U, kSize>&) {}
  template <typename U>
  struct rebind {
    using other = SlotAllocator<U, kSize>;
  };
  T* allocate(size_t n) {
    static_assert(sizeof(T) <= SlotSize<kSize>(), "control block and image must fit a slot");
    void* p = n == 1 ? ArenaFor<kSize>().Allocate() : nullptr;
    if (p == nullptr) throw std::bad_alloc();
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) { ArenaFor<kSize>().Release(p); }
  template <typename U>
  bool operator==(const SlotAllocator<U, kSize>&) const { return true; }
  template <typename U>
  bool operator!=(const SlotAllocator<U, kSize>&) const { return false; }
};

template <uint32_t kSize>
ImagePtr Make() {
  // No value-initialization: the bytes of a new image are written before they are read.
  struct Image {
    Image() {}  // leaves b uninitialized
    uint8_t b[kSize];
  };
  std::shared_ptr<Image> sp = std::allocate_shared<Image>(SlotAllocator<Image, kSize>());
  uint8_t* bytes = sp->b;
  return ImagePtr(std::move(sp), bytes);
}

}  // namespace

ImagePtr NewArenaImage(uint32_t page_size) {
  // Sanitizer builds keep one heap block per image, so an overrun of a page buffer is
  // reported instead of landing in the next slot.
  if (ArenaEnabled()) {
    switch (page_size) {
      case 4096:
        return Make<4096>();
      case 8192:
        return Make<8192>();
      case 16384:
        return Make<16384>();
      default:
        break;
    }
  }
  return ImagePtr(new uint8_t[page_size], std::default_delete<uint8_t[]>());
}

bool ArenaEnabled() {
#if defined(__SANITIZE_ADDRESS__)
  return false;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return false;
#else
  return true;
#endif
#else
  return true;
#endif
}

uint64_t ArenaReservedBytes() { return g_reserved.load(std::memory_order_relaxed); }

}  // namespace decentdb
