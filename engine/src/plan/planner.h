// Rule-based planner (ENGINE.md §9.1-§9.4): chooses one access path per table (rowid
// seek/range, unique index seek, index seek/range with the longest equality prefix,
// LIKE-prefix ranges, IN-list multi-seeks, full scan), orders INNER joins greedily while
// keeping LEFT joins in place, picks index nested-loop probes or materialization, places
// residual filters, and decides sort avoidance, top-N, COUNT(*) and MIN/MAX fast paths
// and streaming aggregation. No statistics: the §9.1 heuristics only.
#pragma once

#include "plan/query_plan.h"
#include "plan/select_binder.h"
#include "util/status.h"

namespace decentdb {
namespace plan {

struct PlannerOptions {
  bool force_table_scan = false;  // tests: ignore indexes and rowid predicates
};

// Fills bound->plan->steps and the sort/aggregate decisions from the binder's output.
// schema supplies the indexes of each table.
Status PlanSelect(BoundSelect* bound, const Schema& schema, const PlannerOptions& options);

}  // namespace plan
}  // namespace decentdb
