// Helpers shared by the pager tests: engines on private memory VFSes, page contents
// derived from (page, txn) so that any lost or misplaced write is visible, and checks.
#pragma once

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "harness/test.h"
#include "pager/engine.h"
#include "pager/engine_impl.h"
#include "util/coding.h"

namespace pagertest {

using namespace decentdb;

inline EngineOptions MemOptions(std::shared_ptr<Vfs> vfs) {
  EngineOptions o;
  o.vfs = std::move(vfs);
  o.sync = SyncMode::kFull;
  return o;
}

// Fills the usable part of a page with bytes derived from (page, txn); byte 0 is a
// page type so the page looks like an overflow page to anyone reading it.
inline void FillPage(uint8_t* p, uint32_t usable, uint32_t page, uint64_t txn) {
  p[0] = 0x06;
  EncodeFixed32(p + 4, page);
  EncodeFixed64(p + 8, txn);
  for (uint32_t i = 16; i < usable; ++i) p[i] = static_cast<uint8_t>(page * 131 + txn * 17 + i);
}

// The txn number a page was filled with, or UINT64_MAX if it is not a FillPage image.
inline uint64_t PageTxn(const uint8_t* p, uint32_t usable, uint32_t page) {
  if (p[0] != 0x06 || DecodeFixed32(p + 4) != page) return UINT64_MAX;
  uint64_t txn = DecodeFixed64(p + 8);
  for (uint32_t i = 16; i < usable; ++i) {
    if (p[i] != static_cast<uint8_t>(page * 131 + txn * 17 + i)) return UINT64_MAX;
  }
  return txn;
}

// Allocates n pages in one transaction, each filled for txn; returns their ids.
inline std::vector<PageId> AllocateFilled(Engine* e, int n, uint64_t txn) {
  std::unique_ptr<WriteTxn> w;
  std::vector<PageId> ids;
  Status s = e->BeginWrite(1000, UINT64_MAX, &w);
  if (!s.ok()) {
    ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
    return ids;
  }
  for (int i = 0; i < n; ++i) {
    PageId id;
    uint8_t* p;
    s = w->Allocate(&id, &p);
    if (!s.ok()) break;
    FillPage(p, w->usable_size(), id, txn);
    ids.push_back(id);
  }
  if (s.ok()) s = w->Commit();
  if (!s.ok()) ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
  return ids;
}

inline std::string Integrity(Engine* e) {
  std::string report;
  Status s = e->IntegrityCheck(&report);
  if (!s.ok()) return s.ToString();
  return report;
}

inline EngineImpl* Impl(const std::shared_ptr<Engine>& e) {
  return static_cast<EngineImpl*>(e.get());
}

}  // namespace pagertest
