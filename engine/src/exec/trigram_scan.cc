// Trigram access of a plan step (ENGINE.md §7.6, §9.6): when the step opens, the bound
// pattern is compiled, the guardrails decide between the index and a table scan, and the
// candidate rowids (rarest-first intersection of posting lists) are fetched in rowid
// order. The LIKE/ILIKE itself is always re-evaluated on each row (recheck_), so results
// are the same with or without the index; anything the index cannot judge (a non-text
// pattern or escape, a malformed pattern) falls back to the scan, where the predicate
// reports it exactly as it would without an index.
#include "exec/operators.h"
#include "search/trigram_query.h"

namespace decentdb {
namespace exec {

Status TableAccess::ComputeTrigram() {
  const plan::AccessPath& p = step_->path;
  const plan::BoundExpr& like = *p.trigram_like;
  recheck_ = true;
  trigram_scan_ = true;
  candidates_.clear();
  const bool ilike = (like.flags & plan::kFlagIlike) != 0;
  const LikePattern* pattern = like.like;
  LikePattern compiled;
  if (pattern == nullptr) {
    ValueRef v[3];
    for (uint32_t i = 1; i < like.arg_count && i < 3; ++i) {
      DDB_RETURN_IF_ERROR(Evaluate(*like.args[i], st_->scan_row.data(), &st_->eval, &v[i]));
      if (v[i].is_null()) {  // LIKE NULL is NULL for every row
        empty_ = true;
        return Status::OK();
      }
      if (v[i].type() != ValueType::kText) return Status::OK();
    }
    int32_t escape = LikePattern::kDefaultEscape;
    if (like.arg_count == 3 && !LikePattern::ParseEscape(v[2].bytes(), &escape).ok()) return Status::OK();
    if (!LikePattern::Compile(v[1].bytes(), escape, ilike, &compiled).ok()) return Status::OK();
    pattern = &compiled;
  }
  std::vector<std::string> segments;
  search::FoldedSegments(*pattern, ilike, &segments);
  search::TrigramResult res;
  DDB_RETURN_IF_ERROR(search::FindCandidates(st_->reader, p.index->root, segments, st_->ctx.trigram_threshold, &res));
  // A pattern without a 3-character literal run is not for the index (as a constant one
  // would never have planned it); a too broad one is refused by the guardrail.
  if (res.outcome == search::TrigramOutcome::kTooShort) return Status::OK();
  if (res.outcome == search::TrigramOutcome::kTooBroad) {
    if (st_->ctx.trigram_strict)
      return Status::Sql("pattern too broad for trigram index \"" + p.index->name + "\" (rarest trigram in " +
                             std::to_string(res.rarest) + " rows, trigram_postings_threshold " +
                             std::to_string(st_->ctx.trigram_threshold) + ")",
                         "54000");
    return Status::OK();  // scan the table
  }
  trigram_scan_ = false;
  candidates_.swap(res.candidates);
  if (candidates_.empty()) empty_ = true;
  return Status::OK();
}

Status TableAccess::AdvanceTrigram(bool* has_row) {
  if (trigram_scan_) return AdvanceTable(has_row);
  const bool back = step_->path.reverse;
  while (pos_ < candidates_.size()) {
    int64_t r = back ? candidates_[candidates_.size() - 1 - pos_] : candidates_[pos_];
    ++pos_;
    DDB_RETURN_IF_ERROR(table_cur_->SeekGE(TreeKey::Rowid(r)));
    if (!table_cur_->Valid() || table_cur_->rowid() != r)
      return Status::Corruption("trigram index " + step_->path.index->name + " references missing row " +
                                std::to_string(r) + " of table " + def_->name);
    *has_row = true;
    return LoadRow(r);
  }
  *has_row = false;
  return Status::OK();
}

}  // namespace exec
}  // namespace decentdb
