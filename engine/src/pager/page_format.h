// Page-level formats owned by the storage layer: the database header on page 1 (with its
// CRC), the CRC trailer on every other page, and freelist trunk pages. Pure codecs; all
// decoders are total and report ERR_CORRUPTION naming the page.
// Format: ENGINE.md §2.2 (header), §2.3 (trailer), §2.6 (freelist trunks).
#pragma once

#include <cstdint>

#include "pager/page_store.h"
#include "util/status.h"

namespace decentdb {

constexpr uint32_t kDbHeaderSize = 128;
constexpr uint32_t kFormatVersion = 1;
constexpr uint32_t kFeaturePageCrc = 1u << 0;
constexpr char kDbMagic[16] = {'D', 'E', 'C', 'E', 'N', 'T', 'D', 'B', '-', 'C', 'P', 'P',
                               0,   0,   0,   0};

// Decoded header. (H1) page_count >= 1, and freelist_head is 0 or in [2, page_count].
struct DbHeader {
  uint32_t page_size = 4096;
  uint32_t schema_cookie = 0;
  uint32_t catalog_root = 0;
  uint32_t freelist_head = 0;
  uint32_t freelist_count = 0;  // free pages, not counting trunks
  uint32_t page_count = 1;
  uint32_t feature_flags = kFeaturePageCrc;
};

inline bool ValidPageSize(uint32_t ps) { return ps == 4096 || ps == 8192 || ps == 16384; }

// Writes the 128-byte header, with its CRC, at page[0..128); the rest of page 1 is left as is.
void EncodeDbHeader(const DbHeader& h, uint8_t* page);
// Checks magic, version, page size, CRC, reserved bytes and (H1); ERR_CORRUPTION naming
// page 1 otherwise. n is the number of bytes available at data.
Status DecodeDbHeader(const uint8_t* data, uint64_t n, DbHeader* out);

// CRC trailer (P2 in page_store.h): CRC-32C of bytes [0, page_size - 4).
void SetPageCrc(uint8_t* page, uint32_t page_size);
bool PageCrcMatches(const uint8_t* page, uint32_t page_size);
// Verifies page 1's header or another page's trailer; ERR_CORRUPTION naming the page.
Status VerifyPage(PageId id, const uint8_t* page, uint32_t page_size, const char* where);

// Freelist trunk (ENGINE.md §2.6): u8 type | 3 reserved | u32 next | u32 count | u32 ids[].
constexpr uint32_t kTrunkHeaderSize = 12;
inline uint32_t TrunkCapacity(uint32_t page_size) {
  return (page_size - kPageTrailerSize - kTrunkHeaderSize) / 4;
}

}  // namespace decentdb
