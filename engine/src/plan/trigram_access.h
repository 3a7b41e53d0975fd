// Recognizes the predicates a trigram index can serve (ENGINE.md §7.6, §9.1 step 4):
// `col LIKE p` or `col ILIKE p` (optionally with ESCAPE), not negated, on a TEXT column of
// the table that has a trigram index, with a pattern that does not read the table
// itself. A constant pattern whose longest literal run is under 3 code points never uses
// the index, so it is rejected here and EXPLAIN shows the scan; parameter and outer-row
// patterns are judged by the guardrails when the statement opens.
#pragma once

#include <cstdint>
#include <vector>

#include "catalog/schema.h"
#include "plan/bound_expr.h"
#include "plan/query_plan.h"

namespace decentdb {
namespace plan {

// Planner score of a trigram path: above a table scan (0), below every B-tree path.
constexpr int kTrigramScore = 30;

struct TrigramPredicate {
  const IndexDef* index = nullptr;
  const BoundExpr* like = nullptr;
  uint64_t deps = 0;  // tables the pattern and escape read
};

bool MatchTrigramPredicate(const SelectPlan& plan, int t, const BoundExpr* conj,
                           const std::vector<const IndexDef*>& indexes, TrigramPredicate* out);

}  // namespace plan
}  // namespace decentdb
