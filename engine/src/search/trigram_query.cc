// Trigram query evaluation: guardrails and rarest-first intersection (trigram_query.h).
#include "search/trigram_query.h"

#include <algorithm>

#include "search/postings.h"
#include "search/trigram.h"
#include "util/unicode.h"

namespace decentdb {
namespace search {

void FoldedSegments(const LikePattern& pattern, bool ilike, std::vector<std::string>* out) {
  out->clear();
  for (const std::string& s : pattern.segments()) out->push_back(ilike ? s : FoldUtf8(s));
}

Status FindCandidates(PageReader* r, PageId root, const std::vector<std::string>& segments,
                      uint64_t threshold, TrigramResult* out) {
  *out = TrigramResult();
  std::vector<Trigram> ts;
  for (const std::string& s : segments) {
    out->longest = std::max(out->longest, CodePoints(s));
    SegmentTrigrams(s, &ts);
  }
  if (out->longest < 3) {
    out->outcome = TrigramOutcome::kTooShort;
    return Status::OK();
  }
  std::sort(ts.begin(), ts.end());
  ts.erase(std::unique(ts.begin(), ts.end()), ts.end());
  std::vector<std::pair<uint64_t, Trigram>> counted;
  counted.reserve(ts.size());
  for (Trigram t : ts) {
    uint64_t n = 0;
    DDB_RETURN_IF_ERROR(ReadCount(r, root, t, &n));
    if (n == 0) {  // a trigram no row has: nothing can match
      out->rarest = 0;
      return Status::OK();
    }
    counted.emplace_back(n, t);
  }
  std::sort(counted.begin(), counted.end());
  out->rarest = counted.front().first;
  if (out->longest <= 5 && out->rarest > threshold) {
    out->outcome = TrigramOutcome::kTooBroad;
    return Status::OK();
  }
  DDB_RETURN_IF_ERROR(ReadPostings(r, root, counted.front().second, &out->candidates));
  out->lists_read = 1;
  std::vector<int64_t> list, both;
  for (size_t i = 1; i < counted.size(); ++i) {
    size_t have = out->candidates.size();
    if (have <= kEnoughCandidates || counted[i].first > kStopRatio * have) break;
    list.clear();
    DDB_RETURN_IF_ERROR(ReadPostings(r, root, counted[i].second, &list));
    both.clear();
    std::set_intersection(out->candidates.begin(), out->candidates.end(), list.begin(), list.end(),
                          std::back_inserter(both));
    out->candidates.swap(both);
    ++out->lists_read;
  }
  return Status::OK();
}

}  // namespace search
}  // namespace decentdb
