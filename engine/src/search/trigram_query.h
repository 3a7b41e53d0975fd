// Trigram query evaluation (ENGINE.md §7.6): from the literal segments of a bound LIKE or
// ILIKE pattern to a sorted candidate rowid list, with the guardrails that decide, when
// the statement runs, whether the index is worth using. Candidates are a superset of the
// matching rows; the executor re-evaluates the predicate on each.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pager/page_store.h"
#include "util/like.h"
#include "util/status.h"

namespace decentdb {
namespace search {

// Intersection stops once this few candidates remain, or when the next list is more
// than kStopRatio times the candidate count (ENGINE.md §7.6 step 3).
constexpr size_t kEnoughCandidates = 256;
constexpr uint64_t kStopRatio = 32;

enum class TrigramOutcome : uint8_t {
  kUse,       // candidates hold every possibly matching rowid
  kTooShort,  // the longest literal segment has fewer than 3 code points
  kTooBroad,  // 3..5 code points and even the rarest trigram exceeds the threshold
};

struct TrigramResult {
  TrigramOutcome outcome = TrigramOutcome::kUse;
  size_t longest = 0;           // L: code points of the longest literal segment
  uint64_t rarest = 0;          // Tmin: postings of the rarest trigram
  size_t lists_read = 0;        // posting lists intersected
  std::vector<int64_t> candidates;  // increasing (kUse only)
};

// The folded literal segments of a compiled pattern: ILIKE segments are folded already,
// LIKE segments are folded here (the index stores folded trigrams).
void FoldedSegments(const LikePattern& pattern, bool ilike, std::vector<std::string>* out);

// Applies the guardrails (threshold = trigram_postings_threshold) and, when the index is
// to be used, intersects posting lists rarest first into out->candidates.
Status FindCandidates(PageReader* r, PageId root, const std::vector<std::string>& segments,
                      uint64_t threshold, TrigramResult* out);

}  // namespace search
}  // namespace decentdb
