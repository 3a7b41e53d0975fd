// Page access contract between the B+trees (and overflow chains, catalog) and the storage
// layer. A PageReader resolves a page as of one snapshot; a PageWriter additionally
// gives private, writable copies inside the one write transaction. The pager implements
// both (pager/engine.h); tests may implement them over a std::map of pages.
// Design: ENGINE.md §2.3 (page layout), §3.4 (snapshot resolution), §4.4 (private copies).
//
// Invariants the implementations keep:
//  (P1) A page image returned by Read never changes while any PageRef to it is alive.
//  (P2) The last kPageTrailerSize bytes of every page except page 1 are the CRC trailer,
//       owned by the storage layer; users of a page write only the first usable_size().
//  (P3) A pointer returned by Write/Allocate stays valid, and is the only copy a later
//       Read in the same transaction returns, until the transaction ends or the caller
//       calls SpillPoint(); after SpillPoint, Write/Allocate again to get a pointer.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "util/status.h"

namespace decentdb {

using PageId = uint32_t;
constexpr PageId kNoPage = 0;
constexpr PageId kHeaderPage = 1;
constexpr uint32_t kPageTrailerSize = 4;

// Page types (ENGINE.md §2.3): first byte of every page but page 1 and free pages.
enum PageType : uint8_t {
  kPageHeader = 0x01,
  kPageTableInterior = 0x02,
  kPageTableLeaf = 0x03,
  kPageIndexInterior = 0x04,
  kPageIndexLeaf = 0x05,
  kPageOverflow = 0x06,
  kPageFreelistTrunk = 0x07,
};

// Words a reader keeps beside a page image it reads often (the connection's memo of
// interior pages, pager/page_memo.h): a b-tree stores a decoded form of the page there, so
// repeated searches skip decoding cells. Empty until its user fills it; emptied whenever
// the memo slot is given to another page or snapshot.
using PageSideData = std::vector<uint64_t>;

// A pinned, read-only page image. Cheap to move; copying shares the pin.
class PageRef {
 public:
  PageRef() = default;
  PageRef(const uint8_t* data, std::shared_ptr<const void> pin, PageSideData* side = nullptr)
      : data_(data), pin_(std::move(pin)), side_(side) {}
  const uint8_t* data() const { return data_; }
  bool valid() const { return data_ != nullptr; }
  void Release() {
    data_ = nullptr;
    pin_.reset();
    side_ = nullptr;
  }
  // The side data of this image for the reader that returned it, or null when the reader
  // keeps none. Valid only until that reader's next Read (which may reassign the slot).
  PageSideData* side_data() const { return side_; }

 private:
  const uint8_t* data_ = nullptr;
  std::shared_ptr<const void> pin_;  // keeps the image alive (P1)
  PageSideData* side_ = nullptr;
};

class PageReader {
 public:
  virtual ~PageReader() = default;
  virtual uint32_t page_size() const = 0;
  // Bytes of a page available to its user (page_size minus the CRC trailer).
  uint32_t usable_size() const { return page_size() - kPageTrailerSize; }
  // Number of pages in the database as of this snapshot (valid ids are 1..page_count).
  virtual uint32_t page_count() const = 0;
  // The page as of this reader's snapshot. An id of 0 or beyond page_count is
  // ERR_CORRUPTION naming the page; so is a checksum mismatch.
  virtual Status Read(PageId id, PageRef* out) = 0;
};

class PageWriter : public PageReader {
 public:
  // A private, writable copy of an existing page (P3).
  virtual Status Write(PageId id, uint8_t** out_data) = 0;
  // A new page (from the freelist, or by growing the file), zero-filled, writable (P3).
  virtual Status Allocate(PageId* out_id, uint8_t** out_data) = 0;
  // Returns a page to the freelist. Its contents must no longer be reachable.
  virtual Status Free(PageId id) = 0;
  // Declares that the caller holds no pointer obtained from Write/Allocate (PageRefs from
  // Read stay valid). The storage layer may then move private pages of a large
  // transaction to the WAL to bound its memory (ENGINE.md §4.4, spilling); this is the
  // only point where it does. Call it between operations, e.g. after each row of a bulk
  // insert. Implementations without a memory bound ignore it.
  virtual Status SpillPoint() { return Status::OK(); }
};

}  // namespace decentdb
