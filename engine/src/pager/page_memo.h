// PageMemo: a small private memo of b-tree interior pages as of one snapshot, consulted by
// a read transaction before the walIndex and the shared cache (ENGINE.md §4.4). Every
// descent reads the same few interior pages (the root and the level below it), and each
// shared lookup costs a reset-lock, a walIndex shard lock and a cache shard lock; the memo
// answers them with one compare. A connection keeps one memo across its autocommit reads
// so that repeated point lookups on an unchanged database skip those lookups entirely.
//
//  (M1) Every entry is the image of its page as of the commit lsn snapshot(). Images of
//       a committed version never change (C1), and an engine's commit lsns only grow (a
//       WAL reset keeps counting), so an entry is correct for every reader of the same
//       engine whose snapshot equals snapshot(), and for no other: readers check
//       snapshot() on every use, and Retarget drops all entries when it changes.
//  (M2) Entries are pins (C2): a memo pins at most kSlots pages, and only interior pages
//       of b-trees, which are a small fraction of a tree; Clear or Retarget releases them.
//  (M3) A memo is used by one thread at a time (its connection's rule, §4.2).
//  (M4) Each slot's side data (PageRef::side_data) describes that slot's image only: it
//       is emptied whenever the slot takes another page or the memo another snapshot.
//       Its size is about that of the page, so a memo holds at most twice kSlots pages.
#pragma once

#include <cstdint>

#include "pager/page_cache.h"
#include "pager/page_store.h"

namespace decentdb {

class PageMemo {
 public:
  static constexpr uint32_t kSlots = 64;  // a power of two
  static constexpr uint64_t kNoSnapshot = UINT64_MAX;

  uint64_t snapshot() const { return snapshot_; }

  // Whether Remember keeps page id with contents data: interior b-tree pages (M2). Page 1
  // has no type byte.
  static bool Memoizable(PageId id, const uint8_t* data) {
    return id != kHeaderPage && (data[0] == kPageTableInterior || data[0] == kPageIndexInterior);
  }

  // Makes the memo serve readers at snapshot; drops every entry if it served another.
  void Retarget(uint64_t snapshot) {
    if (snapshot != snapshot_) {
      Clear();
      snapshot_ = snapshot;
    }
  }

  // The memoized image of page id, or nullptr; *side is the slot's side data (M4).
  // REQUIRES: the caller's snapshot is snapshot() (M1).
  const ImagePtr* Find(PageId id, PageSideData** side) {
    Slot& s = slots_[id & (kSlots - 1)];
    if (s.id != id) return nullptr;
    *side = &s.side;
    return &s.img;
  }

  // Remembers img as page id's image at snapshot() if it is an interior b-tree page
  // (M2); replaces whatever shared its slot.
  void Remember(PageId id, const ImagePtr& img) {
    if (!Memoizable(id, img.get())) return;
    Slot& s = slots_[id & (kSlots - 1)];
    s.id = id;
    s.img = img;
    s.side.clear();  // (M4)
  }

  void Clear() {
    for (Slot& s : slots_) {
      s.id = kNoPage;
      s.img.reset();
      PageSideData().swap(s.side);
    }
    snapshot_ = kNoSnapshot;
  }

 private:
  struct Slot {
    PageId id = kNoPage;
    ImagePtr img;
    PageSideData side;  // (M4)
  };
  uint64_t snapshot_ = kNoSnapshot;
  Slot slots_[kSlots];
};

}  // namespace decentdb
