// Overflow chain writer, reader, freer and collector (ENGINE.md §2.5). One walker checks
// invariants O1-O3 for all the read-side operations.
#include "btree/overflow.h"

#include <cstring>

#include "util/coding.h"

namespace decentdb {
namespace {

Status ChainCorruption(PageId id, const char* what) {
  return Status::Corruption("overflow page " + std::to_string(id) + ": " + what);
}

// Visits the chain page by page: fn(page_id, data, bytes) for each, data pointing into the
// page image (valid during the call only). Checks O1-O3.
template <typename Fn>
Status WalkChain(PageReader* r, PageId first, uint64_t len, Fn&& fn) {
  const uint32_t cap = OverflowCapacity(r->usable_size());
  const uint64_t max_pages = (len + cap - 1) / cap;
  uint64_t done = 0, pages = 0;
  PageId id = first;
  if (len == 0 || len > kMaxValueBytes) return ChainCorruption(first, "bad chain length");
  while (done < len) {
    if (id == kNoPage) return ChainCorruption(first, "chain ends early");
    if (++pages > max_pages) return ChainCorruption(id, "chain longer than its length");
    PageRef ref;
    DDB_RETURN_IF_ERROR(r->Read(id, &ref));
    const uint8_t* p = ref.data();
    if (p[0] != kPageOverflow) return ChainCorruption(id, "wrong page type");
    PageId next = DecodeFixed32(p + 4);
    uint32_t used = DecodeFixed32(p + 8);
    if (used == 0 || used > cap || used > len - done) return ChainCorruption(id, "bad bytes_used");
    DDB_RETURN_IF_ERROR(fn(id, p + kOverflowHeaderSize, used));
    done += used;
    if (done == len && next != kNoPage) return ChainCorruption(id, "chain continues past its length");
    id = next;
  }
  return Status::OK();
}

}  // namespace

Status WriteOverflowChain(PageWriter* w, const uint8_t* data, size_t n, PageId* out_first) {
  if (n == 0 || n > kMaxValueBytes) return Status::Internal("overflow chain of invalid length");
  const uint32_t cap = OverflowCapacity(w->usable_size());
  uint8_t* prev = nullptr;
  size_t done = 0;
  while (done < n) {
    PageId id;
    uint8_t* p;
    DDB_RETURN_IF_ERROR(w->Allocate(&id, &p));
    uint32_t chunk = static_cast<uint32_t>(n - done < cap ? n - done : cap);
    p[0] = kPageOverflow;
    p[1] = p[2] = p[3] = 0;
    EncodeFixed32(p + 4, kNoPage);
    EncodeFixed32(p + 8, chunk);
    std::memcpy(p + kOverflowHeaderSize, data + done, chunk);
    // The previous page's pointer stays valid for the whole transaction (page_store.h P3).
    if (prev == nullptr) {
      *out_first = id;
    } else {
      EncodeFixed32(prev + 4, id);
    }
    prev = p;
    done += chunk;
  }
  return Status::OK();
}

Status ReadOverflowChain(PageReader* r, PageId first, uint64_t len, uint8_t* out) {
  uint64_t at = 0;
  return WalkChain(r, first, len, [&](PageId, const uint8_t* d, uint32_t used) {
    std::memcpy(out + at, d, used);
    at += used;
    return Status::OK();
  });
}

Status ReadOverflowChain(PageReader* r, PageId first, uint64_t len, std::string* out) {
  if (len > kMaxValueBytes) return ChainCorruption(first, "bad chain length");
  out->resize(len);
  return ReadOverflowChain(r, first, len, reinterpret_cast<uint8_t*>(&(*out)[0]));
}

Status FreeOverflowChain(PageWriter* w, PageId first, uint64_t len) {
  // Collect first: a freed page must not be read again to find its successor.
  std::vector<PageId> pages;
  DDB_RETURN_IF_ERROR(CollectOverflowChain(w, first, len, &pages));
  for (PageId id : pages) DDB_RETURN_IF_ERROR(w->Free(id));
  return Status::OK();
}

Status CollectOverflowChain(PageReader* r, PageId first, uint64_t len, std::vector<PageId>* pages) {
  return WalkChain(r, first, len, [&](PageId id, const uint8_t*, uint32_t) {
    pages->push_back(id);
    return Status::OK();
  });
}

}  // namespace decentdb
