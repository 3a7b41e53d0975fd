// In-memory PageWriter for B+tree tests: a std::map of page buffers with the pager's
// copy-on-first-write behaviour (page_store.h P1, P3) and checks the real pager cannot
// afford: a clean page whose bytes changed was written without Write/Allocate, a read,
// write or free of a freed page is a violation, and the CRC trailer (P2) must stay untouched.
// Commit() ends a pseudo-transaction: dirty pages become clean and are checksummed.
#pragma once

#include <cstring>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pager/page_store.h"
#include "util/crc32c.h"
#include "util/status.h"

namespace decentdb {

class MemPageStore : public PageWriter {
 public:
  explicit MemPageStore(uint32_t page_size = 4096) : page_size_(page_size) {
    // Page 1 stands in for the header: readable, type 0x01, never handed out.
    auto buf = std::make_shared<std::vector<uint8_t>>(page_size_, 0);
    (*buf)[0] = kPageHeader;
    pages_[kHeaderPage] = Page{buf, false, Crc32c(buf->data(), page_size_)};
    index_.assign(2, nullptr);
    index_[kHeaderPage] = &pages_[kHeaderPage];
  }

  uint32_t page_size() const override { return page_size_; }
  uint32_t page_count() const override { return next_id_ - 1; }

  Status Read(PageId id, PageRef* out) override {
    if (id == kNoPage || id >= next_id_) {
      return Status::Corruption("page " + std::to_string(id) + ": beyond the end of the database");
    }
    // The id-indexed side table keeps reads O(1), so benchmarks over this store measure
    // the tree rather than map lookups.
    Page* pg = index_[id];
    if (pg == nullptr) return Violation("read of freed page " + std::to_string(id));
    *out = PageRef(pg->data->data(), pg->data);
    return Status::OK();
  }

  Status Write(PageId id, uint8_t** out) override {
    auto it = pages_.find(id);
    if (id == kNoPage || id >= next_id_) {
      return Status::Corruption("page " + std::to_string(id) + ": beyond the end of the database");
    }
    if (it == pages_.end()) return Violation("write of freed page " + std::to_string(id));
    Page& pg = it->second;
    if (!pg.dirty) {
      if (Crc32c(pg.data->data(), page_size_) != pg.crc) {
        return Violation("page " + std::to_string(id) + " changed without Write");
      }
      // Copy on first write, so images pinned by readers never change (P1).
      pg.data = std::make_shared<std::vector<uint8_t>>(*pg.data);
      pg.dirty = true;
    }
    *out = pg.data->data();
    return Status::OK();
  }

  Status Allocate(PageId* out_id, uint8_t** out_data) override {
    PageId id;
    if (!free_.empty()) {
      id = free_.back();
      free_.pop_back();
    } else {
      id = next_id_++;
    }
    auto buf = std::make_shared<std::vector<uint8_t>>(page_size_, 0);
    pages_[id] = Page{buf, true, 0};
    if (index_.size() <= id) index_.resize(id + 1, nullptr);
    index_[id] = &pages_[id];
    *out_id = id;
    *out_data = buf->data();
    return Status::OK();
  }

  Status Free(PageId id) override {
    if (id == kHeaderPage) return Violation("free of the header page");
    auto it = pages_.find(id);
    if (it == pages_.end()) return Violation("free of a page that is not in use: " + std::to_string(id));
    pages_.erase(it);
    index_[id] = nullptr;
    free_.push_back(id);
    return Status::OK();
  }

  // Makes every dirty page clean, checking that nobody wrote into its trailer (P2).
  Status Commit() {
    for (auto& [id, pg] : pages_) {
      if (!pg.dirty) continue;
      for (uint32_t i = page_size_ - kPageTrailerSize; i < page_size_; ++i) {
        if ((*pg.data)[i] != 0) return Violation("trailer of page " + std::to_string(id) + " written");
      }
      pg.dirty = false;
      pg.crc = Crc32c(pg.data->data(), page_size_);
    }
    return Status::OK();
  }

  // Checks that no clean page changed since it became clean.
  Status CheckClean() {
    for (auto& [id, pg] : pages_) {
      if (!pg.dirty && Crc32c(pg.data->data(), page_size_) != pg.crc) {
        return Violation("page " + std::to_string(id) + " changed without Write");
      }
    }
    return Status::OK();
  }

  // Pages in use other than the header.
  size_t live_pages() const { return pages_.size() - 1; }
  std::vector<PageId> LivePages() const {
    std::vector<PageId> ids;
    for (const auto& [id, pg] : pages_) {
      if (id != kHeaderPage) ids.push_back(id);
    }
    return ids;
  }
  uint64_t violations() const { return violations_; }

  // Test hook for corrupting a page behind the tree's back; re-checksums it as clean.
  void Poke(PageId id, uint32_t offset, uint8_t value) {
    Page& pg = pages_.at(id);
    (*pg.data)[offset] = value;
    if (!pg.dirty) pg.crc = Crc32c(pg.data->data(), page_size_);
  }
  uint8_t Peek(PageId id, uint32_t offset) const { return (*pages_.at(id).data)[offset]; }

 private:
  struct Page {
    std::shared_ptr<std::vector<uint8_t>> data;
    bool dirty;
    uint32_t crc;  // of the clean image
  };

  Status Violation(const std::string& what) {
    ++violations_;
    return Status::Internal("page store misuse: " + what);
  }

  uint32_t page_size_;
  std::map<PageId, Page> pages_;  // live pages
  std::vector<Page*> index_;      // by id: the entry in pages_, or null once freed
  std::vector<PageId> free_;      // freed ids, reused last-in first-out
  PageId next_id_ = 2;
  uint64_t violations_ = 0;
};

}  // namespace decentdb
