// Trigram-servable predicates (see trigram_access.h).
#include "plan/trigram_access.h"

#include "plan/select_binder.h"
#include "util/utf8.h"

namespace decentdb {
namespace plan {

bool MatchTrigramPredicate(const SelectPlan& plan, int t, const BoundExpr* conj,
                           const std::vector<const IndexDef*>& indexes, TrigramPredicate* out) {
  if (conj->op != BoundOp::kLike || (conj->flags & kFlagNegated) || conj->arg_count < 2) return false;
  const FromTable& ft = plan.tables[t];
  const BoundExpr* col = conj->args[0];
  if (col->op != BoundOp::kColumn) return false;
  int c = col->index - ft.slot_base;
  if (c < 0 || c >= static_cast<int>(ft.table->columns.size())) return false;
  const SqlType& ty = ft.table->columns[c].type.type;
  if (ty.cls != ValueType::kText || ty.logical != LogicalType::kNone) return false;
  uint64_t deps = 0;
  for (uint32_t i = 1; i < conj->arg_count; ++i) deps |= TablesOf(conj->args[i], plan);
  if (deps & (uint64_t{1} << t)) return false;
  if (conj->like != nullptr) {  // constant pattern: L < 3 never uses the index
    size_t longest = 0;
    for (const std::string& s : conj->like->segments())
      longest = std::max(longest, CountCodePoints(s.data(), s.size()));
    if (longest < 3) return false;
  }
  for (const IndexDef* idx : indexes) {
    if (idx->kind != IndexKind::kTrigram || idx->columns.size() != 1 || idx->columns[0].column != c) continue;
    out->index = idx;
    out->like = conj;
    out->deps = deps;
    return true;
  }
  return false;
}

}  // namespace plan
}  // namespace decentdb
