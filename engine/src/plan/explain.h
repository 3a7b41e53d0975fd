// EXPLAIN text of a plan (ENGINE.md §9.7): deterministic ASCII, one line per operator,
// two spaces of indentation per level, no ids or costs. Expressions are printed from
// their bound form, with columns of other tables qualified by alias.
#pragma once

#include <string>
#include <vector>

#include "plan/query_plan.h"

namespace decentdb {
namespace plan {

// Lines for plan; every line gets 2 * indent leading spaces first.
std::vector<std::string> ExplainSelect(const SelectPlan& plan, int indent = 0);

// The SQL-like text of a bound expression; `self` is the table whose columns print
// unqualified (-1: qualify every column when the plan has several tables).
std::string ExprText(const BoundExpr* e, const SelectPlan& plan, int self);

}  // namespace plan
}  // namespace decentdb
