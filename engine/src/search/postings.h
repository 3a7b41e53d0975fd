// Postings storage of a trigram index (ENGINE.md §7.6): buffering one statement's row
// changes per trigram and merging them into the index B-tree's chunks and count entries
// (keys and invariants T1-T4 in search/trigram.h), reading a trigram's count and
// postings, and verifying a whole index tree.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pager/page_store.h"
#include "search/trigram.h"
#include "util/status.h"

namespace decentdb {
namespace search {

// Pending postings changes of one trigram index. Row writes add and remove whole values
// (all their trigrams); Apply merges the net change of every trigram into the tree, one
// chunk rewrite per touched chunk, so a statement writing many rows touches each chunk
// once (bulk loads append to the last chunk of each trigram).
class TrigramDeltas {
 public:
  // The row `rowid` now has the value text / no longer has it (text: validated UTF-8).
  void AddValue(std::string_view text, int64_t rowid);
  void RemoveValue(std::string_view text, int64_t rowid);
  // Replaces the postings of a row whose value changed; when the rowid stays the same
  // only trigrams that differ are queued. A null text means NULL (no trigrams).
  void ChangeValue(const std::string_view* old_text, int64_t old_rowid,
                   const std::string_view* new_text, int64_t new_rowid);

  bool empty() const { return pending_ == 0; }
  size_t pending() const { return pending_; }  // queued (trigram, rowid) changes
  void Clear();

  // Writes every pending change into the index tree rooted at root and clears the
  // buffer. Changes that do not match the tree (adding a present rowid, removing an
  // absent one) are ERR_CORRUPTION. REQUIRES: w is the transaction the rows were
  // written in.
  Status Apply(PageWriter* w, PageId root);

 private:
  struct Op {
    int64_t rowid;
    int32_t delta;  // +1 add, -1 remove
  };
  void Queue(const std::vector<Trigram>& ts, int64_t rowid, int32_t delta);
  Status ApplyTrigram(PageWriter* w, PageId root, Trigram t, const std::vector<int64_t>& adds,
                      const std::vector<int64_t>& removes);

  std::unordered_map<Trigram, std::vector<Op>> ops_;
  size_t pending_ = 0;
  std::vector<Trigram> a_, b_;
};

// The number of rows containing trigram t (0 when none).
Status ReadCount(PageReader* r, PageId root, Trigram t, uint64_t* out);
// Appends the rowids containing trigram t, increasing.
Status ReadPostings(PageReader* r, PageId root, Trigram t, std::vector<int64_t>* out);

struct TrigramTreeStats {
  uint64_t trigrams = 0;  // count entries
  uint64_t chunks = 0;
  uint64_t postings = 0;  // sum of counts
};
// Walks the index tree checking T1-T3; ERR_CORRUPTION names the trigram.
Status VerifyTrigramTree(PageReader* r, PageId root, TrigramTreeStats* out);

}  // namespace search
}  // namespace decentdb
