// Slotted B+tree page format (ENGINE.md §2.3, §5.1-5.3): the 16-byte header, the u16 cell
// pointer array and the four cell layouts, with bounds-checked readers and the in-page
// edits (insert, remove, defragment) the tree uses. Internal to btree/; every reader
// reports damage as a failed check, which the callers turn into ERR_CORRUPTION with the id.
//
// Cell layouts (control = payload_len << 1 | overflow_bit; an overflowing cell holds
// u32 first_overflow_page instead of the payload):
//   table leaf:      zigzag-varint rowid, varint control, payload
//   table interior:  u32 child, zigzag-varint separator
//   index leaf:      varint key_len, key, varint control, value   (value empty for ordinary
//                    indexes; trigram postings use it, ENGINE.md §7.6)
//   index interior:  u32 child, varint key_len, separator
#pragma once

#include <cstdint>
#include <cstring>
#include <string>

#include "pager/page_store.h"
#include "util/coding.h"
#include "util/status.h"

namespace decentdb {
namespace btree_internal {

constexpr uint32_t kNodeHeaderSize = 16;
// Header field offsets.
constexpr uint32_t kOffType = 0;
constexpr uint32_t kOffCount = 2;
constexpr uint32_t kOffContentStart = 4;
constexpr uint32_t kOffFragmented = 6;
constexpr uint32_t kOffRightmost = 8;

// Page invariants, checked by CheckNode (cheap, on every visit) and Verify (full walk):
//  (N1) 16 + 2 * cell_count <= content_start <= usable_size;
//  (N2) every cell pointer is in [content_start, usable_size) and its cell ends by usable_size;
//  (N3) cells do not overlap, and their sizes plus fragmented_free_bytes equal
//       usable_size - content_start (free bytes are the gap plus the fragments);
//  (N4) keys increase strictly along the pointer array.

inline uint8_t NodeType(const uint8_t* p) { return p[kOffType]; }
inline uint16_t CellCount(const uint8_t* p) { return DecodeFixed16(p + kOffCount); }
inline uint16_t ContentStart(const uint8_t* p) { return DecodeFixed16(p + kOffContentStart); }
inline uint16_t Fragmented(const uint8_t* p) { return DecodeFixed16(p + kOffFragmented); }
inline PageId Rightmost(const uint8_t* p) { return DecodeFixed32(p + kOffRightmost); }
inline uint16_t CellPointer(const uint8_t* p, uint32_t i) {
  return DecodeFixed16(p + kNodeHeaderSize + 2 * i);
}
inline void SetCount(uint8_t* p, uint32_t n) { EncodeFixed16(p + kOffCount, static_cast<uint16_t>(n)); }
inline void SetContentStart(uint8_t* p, uint32_t v) {
  EncodeFixed16(p + kOffContentStart, static_cast<uint16_t>(v));
}
inline void SetFragmented(uint8_t* p, uint32_t v) {
  EncodeFixed16(p + kOffFragmented, static_cast<uint16_t>(v));
}
inline void SetRightmost(uint8_t* p, PageId id) { EncodeFixed32(p + kOffRightmost, id); }
inline void SetCellPointer(uint8_t* p, uint32_t i, uint32_t off) {
  EncodeFixed16(p + kNodeHeaderSize + 2 * i, static_cast<uint16_t>(off));
}

inline bool IsLeafType(uint8_t t) { return t == kPageTableLeaf || t == kPageIndexLeaf; }
inline uint8_t LeafType(bool index) { return index ? kPageIndexLeaf : kPageTableLeaf; }
inline uint8_t InteriorType(bool index) { return index ? kPageIndexInterior : kPageTableInterior; }

// Largest cell that keeps at least four cells on every page (ENGINE.md §2.5 max_local).
inline uint32_t MaxCellSize(uint32_t usable) { return (usable - kNodeHeaderSize) / 4 - 2; }
// Bytes an overflowing leaf cell spends besides its key part: a control varint of up to
// 5 bytes (lengths <= 1 GiB) and the u32 page id.
constexpr uint32_t kOverflowCellTail = 9;
// Worst-case bytes of a table leaf cell besides its inline payload: a 10-byte rowid varint
// and a 3-byte control (payloads under 1 MiB).
constexpr uint32_t kMaxTableCellOverhead = 13;

inline void InitNode(uint8_t* p, uint32_t usable, uint8_t type) {
  std::memset(p, 0, kNodeHeaderSize);
  p[kOffType] = type;
  SetContentStart(p, usable);
}

// A parsed cell; pointers refer into the page.
struct Cell {
  int64_t rowid = 0;              // table trees
  const uint8_t* key = nullptr;   // index trees
  uint32_t key_len = 0;
  PageId child = kNoPage;         // interior cells
  const uint8_t* payload = nullptr;  // leaf cells: inline bytes, or the u32 page id
  uint64_t payload_len = 0;          // logical length (the chain's length if overflow)
  bool overflow = false;
  PageId overflow_page = kNoPage;
  uint32_t size = 0;                 // bytes the cell occupies in the page
};

// Parses the cell at c, never reading at or past limit. False if malformed.
inline bool ParseCell(bool index, bool leaf, const uint8_t* c, const uint8_t* limit, Cell* out) {
  const uint8_t* p = c;
  if (!leaf) {
    if (limit - p < 4) return false;
    out->child = DecodeFixed32(p);
    p += 4;
  }
  uint64_t v;
  p = DecodeVarint(p, limit, &v);
  if (p == nullptr) return false;
  if (index) {
    if (v > static_cast<uint64_t>(limit - p)) return false;
    out->key = p;
    out->key_len = static_cast<uint32_t>(v);
    p += v;
  } else {
    out->rowid = ZigZagDecode(v);
  }
  if (leaf) {
    uint64_t control;
    p = DecodeVarint(p, limit, &control);
    if (p == nullptr) return false;
    out->overflow = (control & 1) != 0;
    out->payload_len = control >> 1;
    out->payload = p;
    if (out->overflow) {
      if (limit - p < 4) return false;
      out->overflow_page = DecodeFixed32(p);
      if (out->overflow_page == kNoPage || out->payload_len == 0) return false;
      p += 4;
    } else {
      if (out->payload_len > static_cast<uint64_t>(limit - p)) return false;
      p += out->payload_len;
    }
  }
  out->size = static_cast<uint32_t>(p - c);
  return true;
}

// Checks the header of a page that should belong to a tree of the given kind (N1).
inline bool CheckNode(const uint8_t* p, uint32_t usable, bool index) {
  uint8_t t = NodeType(p);
  if (t != LeafType(index) && t != InteriorType(index)) return false;
  uint32_t n = CellCount(p), cs = ContentStart(p);
  if (kNodeHeaderSize + 2 * n > cs || cs > usable) return false;
  if (Fragmented(p) > usable) return false;
  return true;
}

// Locates and parses cell i (N2). REQUIRES: CheckNode passed, i < CellCount(p).
inline bool CellAt(const uint8_t* p, uint32_t usable, bool index, uint32_t i, Cell* out) {
  uint32_t off = CellPointer(p, i);
  if (off < ContentStart(p) || off >= usable) return false;
  return ParseCell(index, IsLeafType(NodeType(p)), p + off, p + usable, out);
}

// Where rowid probably sits in a table page whose keys lie in (lo, hi]: rowids are often
// dense, and then this is exact. REQUIRES: lo < rowid <= hi.
constexpr uint32_t kNoGuess = UINT32_MAX;
inline uint32_t GuessPosition(int64_t rowid, int64_t lo, int64_t hi, uint32_t n) {
  if (n == 0) return kNoGuess;
  uint64_t span = static_cast<uint64_t>(hi) - static_cast<uint64_t>(lo);
  uint64_t off = static_cast<uint64_t>(rowid) - static_cast<uint64_t>(lo) - 1;
  uint64_t g = span <= UINT32_MAX
                   ? off * n / span  // off < span and n < 2^16: no overflow
                   : static_cast<uint64_t>((static_cast<unsigned __int128>(off) * n) / span);
  return g < n ? static_cast<uint32_t>(g) : n - 1;
}

// Compares the search key with the key of cell i into *cmp (<0, 0, >0); for a table page
// also stores the cell's rowid in *cell_rowid. False if the cell is malformed.
// REQUIRES: CheckNode passed, i < CellCount(p).
inline bool CompareWithCell(const uint8_t* p, uint32_t usable, uint32_t cs, bool leaf,
                            bool index, int64_t rowid, const uint8_t* key, size_t key_len,
                            uint32_t i, int* cmp, int64_t* cell_rowid) {
  const uint8_t* limit = p + usable;
  uint32_t off = CellPointer(p, i);
  if (off < cs || off >= usable) return false;
  const uint8_t* c = p + off + (leaf ? 0 : 4);
  if (c >= limit) return false;
  uint64_t v;
  c = DecodeVarint(c, limit, &v);
  if (c == nullptr) return false;
  if (index) {
    if (v > static_cast<uint64_t>(limit - c)) return false;
    size_t n = key_len < v ? key_len : static_cast<size_t>(v);
    int r = n == 0 ? 0 : std::memcmp(key, c, n);
    *cmp = r != 0 ? r : (key_len < v ? -1 : (key_len > v ? 1 : 0));
  } else {
    int64_t k = ZigZagDecode(v);
    *cell_rowid = k;
    *cmp = rowid < k ? -1 : (rowid > k ? 1 : 0);
  }
  return true;
}

// Search for the first cell whose key is >= the search key (a rowid for table trees,
// bytes for index trees); *pos is CellCount when there is none, *eq tells whether that
// cell's key equals the search key. Decodes only keys: this is the lookup hot path, and
// each probe is a likely cache miss, so probes are saved where the keys allow:
//  - guess (or kNoGuess) is a likely position: it is probed first, then the search
//    gallops away from it (1, 2, 4 ... cells) and bisects the bracket found, so a guess
//    off by d cells costs about 2 log2(d) + 2 probes, an exact one two;
//  - without a guess, a table page of kInterpolateMin cells or more is interpolated
//    between its first and last rowid (exact for dense rowids).
// Every guess gives the same answer. False if a probed cell is malformed.
// REQUIRES: CheckNode passed.
constexpr uint32_t kInterpolateMin = 16;
inline bool SearchNode(const uint8_t* p, uint32_t usable, bool index, int64_t rowid,
                       const uint8_t* key, size_t key_len, uint32_t guess, uint32_t* pos,
                       bool* eq) {
  const bool leaf = IsLeafType(NodeType(p));
  const uint32_t cs = ContentStart(p);
  const uint32_t n = CellCount(p);
  // Invariant: cells below lo are < the key, cells from hi on are >= it, and *eq tells
  // whether cell hi equals it (false while hi == n).
  uint32_t lo = 0, hi = n;
  *eq = false;
  int cmp = 0;
  int64_t probed_rowid = 0;  // table pages: the rowid of the cell probed last
  auto probe = [&](uint32_t i) {
    return CompareWithCell(p, usable, cs, leaf, index, rowid, key, key_len, i, &cmp, &probed_rowid);
  };
  auto narrow = [&](uint32_t i) {  // after probe(i); true if hi moved down to i
    if (cmp > 0) {
      lo = i + 1;
      return false;
    }
    *eq = cmp == 0;
    hi = i;
    // Keys increase strictly (N4): a cell equal to the key is the first one >= it, so
    // an exact hit (the usual end of a point lookup) ends the search.
    if (*eq) lo = i;
    return true;
  };
  if (guess == kNoGuess && !index && n >= kInterpolateMin) {
    if (!probe(0)) return false;
    if (narrow(0)) {
      *pos = 0;
      return true;
    }
    const int64_t first = probed_rowid;
    if (!probe(n - 1)) return false;
    if (!narrow(n - 1)) {
      *pos = n;
      return true;
    }
    const int64_t last = probed_rowid;
    // Cells 1 .. n-1 hold keys in (first, last], and first < rowid <= last.
    if (first < rowid && rowid <= last) guess = 1 + GuessPosition(rowid, first, last, n - 1);
  }
  if (guess != kNoGuess && guess >= lo && guess < hi) {
    if (!probe(guess)) return false;
    if (narrow(guess)) {
      for (uint32_t step = 1; lo < hi; step *= 2) {  // the answer is at or below guess
        uint32_t i = hi - lo > step ? hi - step : lo;
        if (!probe(i)) return false;
        if (!narrow(i)) break;
      }
    } else {
      for (uint32_t step = 1; lo < hi; step *= 2) {  // the answer is above guess
        uint32_t i = hi - lo > step ? lo + step - 1 : hi - 1;
        if (!probe(i)) return false;
        if (narrow(i)) break;
      }
    }
  }
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo) / 2;
    if (!probe(mid)) return false;
    narrow(mid);
  }
  *pos = lo;
  return true;
}

// Contiguous free bytes between the pointer array and the cell area.
inline uint32_t GapBytes(const uint8_t* p) {
  return ContentStart(p) - (kNodeHeaderSize + 2u * CellCount(p));
}
inline uint32_t FreeBytes(const uint8_t* p) { return GapBytes(p) + Fragmented(p); }

// Rewrites the cell area so all free space is in the gap. scratch must hold usable bytes;
// callers filling a fresh page (a split) pass none, as their pages never have fragments.
// False if a cell is malformed or scratch is missing (the page is then unchanged).
inline bool Defragment(uint8_t* p, uint32_t usable, bool index, uint8_t* scratch) {
  if (scratch == nullptr) return false;
  std::memcpy(scratch, p, usable);
  uint32_t n = CellCount(p);
  uint32_t top = usable;
  for (uint32_t i = 0; i < n; ++i) {
    Cell c;
    if (!CellAt(scratch, usable, index, i, &c)) return false;
    if (top < c.size || top - c.size < kNodeHeaderSize + 2 * n) return false;
    top -= c.size;
  }
  top = usable;
  for (uint32_t i = 0; i < n; ++i) {
    Cell c;
    CellAt(scratch, usable, index, i, &c);
    top -= c.size;
    std::memcpy(p + top, scratch + CellPointer(scratch, i), c.size);
    SetCellPointer(p, i, top);
  }
  SetContentStart(p, top);
  SetFragmented(p, 0);
  return true;
}

// Inserts a cell at position i if the page has room (defragmenting when the space exists
// only as fragments). *fitted is false when it does not fit. False return: damaged page.
inline bool InsertCell(uint8_t* p, uint32_t usable, bool index, uint32_t i, const uint8_t* cell,
                       uint32_t size, uint8_t* scratch, bool* fitted) {
  *fitted = false;
  if (FreeBytes(p) < size + 2) return true;
  if (GapBytes(p) < size + 2 && !Defragment(p, usable, index, scratch)) return false;
  uint32_t n = CellCount(p);
  uint32_t top = ContentStart(p) - size;
  std::memcpy(p + top, cell, size);
  uint8_t* ptrs = p + kNodeHeaderSize;
  std::memmove(ptrs + 2 * (i + 1), ptrs + 2 * i, 2 * (n - i));
  SetCellPointer(p, i, top);
  SetCount(p, n + 1);
  SetContentStart(p, top);
  *fitted = true;
  return true;
}

// Removes cell i, whose size is cell_size; its bytes become a fragment unless they sit at
// the start of the cell area (N3).
inline void RemoveCell(uint8_t* p, uint32_t i, uint32_t cell_size) {
  uint32_t n = CellCount(p);
  uint32_t off = CellPointer(p, i);
  uint8_t* ptrs = p + kNodeHeaderSize;
  std::memmove(ptrs + 2 * i, ptrs + 2 * (i + 1), 2 * (n - i - 1));
  SetCount(p, n - 1);
  if (off == ContentStart(p)) {
    SetContentStart(p, off + cell_size);
  } else {
    SetFragmented(p, Fragmented(p) + cell_size);
  }
}

}  // namespace btree_internal
}  // namespace decentdb
