// Overflow chains (ENGINE.md §2.5): values too large for a cell live in singly linked
// pages `u8 type (0x06), 3 reserved, u32 next, u32 bytes_used, data`, followed by the CRC
// trailer. Chains are immutable: written once, read lazily, freed whole. Every read
// checks the chain against the length recorded in the referencing cell or record field.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "pager/page_store.h"
#include "record/record.h"
#include "util/status.h"

namespace decentdb {

constexpr uint32_t kOverflowHeaderSize = 12;

// Data bytes one overflow page holds.
inline uint32_t OverflowCapacity(uint32_t usable_size) { return usable_size - kOverflowHeaderSize; }

// Writes n bytes (n > 0) into a new chain, every page but the last full.
Status WriteOverflowChain(PageWriter* w, const uint8_t* data, size_t n, PageId* out_first);

// Reads a whole chain of total length len into out (resized). Chain invariants checked:
//  (O1) every page has type 0x06 and 0 < bytes_used <= capacity;
//  (O2) the chain ends (next == 0) exactly when len bytes have been read;
//  (O3) it has at most ceil(len / capacity) pages, which also rules out cycles.
// A violation is ERR_CORRUPTION naming the page.
Status ReadOverflowChain(PageReader* r, PageId first, uint64_t len, std::string* out);
// Same, into a caller buffer of len bytes.
Status ReadOverflowChain(PageReader* r, PageId first, uint64_t len, uint8_t* out);

// Frees every page of a chain (checking it as it goes).
Status FreeOverflowChain(PageWriter* w, PageId first, uint64_t len);

// Appends the chain's page ids to *pages (for integrity checks).
Status CollectOverflowChain(PageReader* r, PageId first, uint64_t len, std::vector<PageId>* pages);

// Lets EncodeRecord spill fields into chains of a write transaction.
class ChainSink : public OverflowSink {
 public:
  explicit ChainSink(PageWriter* w) : w_(w) {}
  Status WriteChain(const uint8_t* data, size_t n, uint32_t* out_first_page) override {
    return WriteOverflowChain(w_, data, n, out_first_page);
  }

 private:
  PageWriter* w_;
};

}  // namespace decentdb
