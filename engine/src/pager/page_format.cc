// Database header and page trailer codecs. Format: ENGINE.md §2.2-2.3.
#include "pager/page_format.h"

#include <cstring>
#include <string>

#include "util/coding.h"
#include "util/crc32c.h"

namespace decentdb {

namespace {
uint32_t HeaderCrc(const uint8_t* page) {
  uint8_t copy[kDbHeaderSize];
  std::memcpy(copy, page, kDbHeaderSize);
  EncodeFixed32(copy + 24, 0);  // the CRC is computed with its own field zeroed
  return Crc32c(copy, kDbHeaderSize);
}

Status BadHeader(const std::string& why) {
  return Status::Corruption("page 1: database header " + why);
}
}  // namespace

void EncodeDbHeader(const DbHeader& h, uint8_t* page) {
  std::memset(page, 0, kDbHeaderSize);
  std::memcpy(page, kDbMagic, 16);
  EncodeFixed32(page + 16, kFormatVersion);
  EncodeFixed32(page + 20, h.page_size);
  EncodeFixed32(page + 28, h.schema_cookie);
  EncodeFixed32(page + 32, h.catalog_root);
  EncodeFixed32(page + 36, h.freelist_head);
  EncodeFixed32(page + 40, h.freelist_count);
  EncodeFixed32(page + 44, h.page_count);
  EncodeFixed32(page + 48, h.feature_flags);
  EncodeFixed32(page + 24, HeaderCrc(page));
}

Status DecodeDbHeader(const uint8_t* data, uint64_t n, DbHeader* out) {
  if (n < kDbHeaderSize) return BadHeader("is truncated");
  if (std::memcmp(data, kDbMagic, 16) != 0) return BadHeader("has a bad magic");
  if (DecodeFixed32(data + 24) != HeaderCrc(data)) return BadHeader("fails its checksum");
  if (DecodeFixed32(data + 16) != kFormatVersion) {
    return BadHeader("has unsupported format version " + std::to_string(DecodeFixed32(data + 16)));
  }
  DbHeader h;
  h.page_size = DecodeFixed32(data + 20);
  if (!ValidPageSize(h.page_size)) {
    return BadHeader("has invalid page size " + std::to_string(h.page_size));
  }
  h.schema_cookie = DecodeFixed32(data + 28);
  h.catalog_root = DecodeFixed32(data + 32);
  h.freelist_head = DecodeFixed32(data + 36);
  h.freelist_count = DecodeFixed32(data + 40);
  h.page_count = DecodeFixed32(data + 44);
  h.feature_flags = DecodeFixed32(data + 48);
  for (uint32_t i = 52; i < kDbHeaderSize; ++i) {
    if (data[i] != 0) return BadHeader("has non-zero reserved bytes");
  }
  if (h.page_count < 1) return BadHeader("has page count 0");
  if (h.freelist_head == 1 || h.freelist_head > h.page_count) {
    return BadHeader("has freelist head " + std::to_string(h.freelist_head) + " outside " +
                     std::to_string(h.page_count) + " pages");
  }
  if (h.catalog_root == 1 || h.catalog_root > h.page_count) {
    return BadHeader("has catalog root " + std::to_string(h.catalog_root) + " outside " +
                     std::to_string(h.page_count) + " pages");
  }
  *out = h;
  return Status::OK();
}

void SetPageCrc(uint8_t* page, uint32_t page_size) {
  EncodeFixed32(page + page_size - kPageTrailerSize, Crc32c(page, page_size - kPageTrailerSize));
}

bool PageCrcMatches(const uint8_t* page, uint32_t page_size) {
  return DecodeFixed32(page + page_size - kPageTrailerSize) ==
         Crc32c(page, page_size - kPageTrailerSize);
}

Status VerifyPage(PageId id, const uint8_t* page, uint32_t page_size, const char* where) {
  if (id == kHeaderPage) {
    DbHeader h;
    Status s = DecodeDbHeader(page, page_size, &h);
    if (!s.ok()) return Status::Corruption(s.message() + " (" + where + ")");
    if (h.page_size != page_size) {
      return Status::Corruption("page 1: database header page size changed (" +
                                std::string(where) + ")");
    }
    return Status::OK();
  }
  if (!PageCrcMatches(page, page_size)) {
    return Status::Corruption("page " + std::to_string(id) + ": checksum mismatch (" + where + ")");
  }
  return Status::OK();
}

}  // namespace decentdb
