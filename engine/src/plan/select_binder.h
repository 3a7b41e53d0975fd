// SELECT binder: resolves the FROM items of a SELECT against a Schema (tables, aliases,
// system views), binds every expression through the expression layer's ExprBinder with
// scope-specific resolvers (scan row, aggregate row, output aliases and ordinals), and
// produces the logical pieces the planner arranges: conjuncts, join types, aggregates,
// outputs with ENGINE.md §7.1 names, sort keys and LIMIT/OFFSET.
// Design: ENGINE.md §7.1, §7.3-§7.4, §9.1.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "catalog/schema.h"
#include "plan/expr_binder.h"
#include "plan/query_plan.h"
#include "sql/ast.h"
#include "util/status.h"

namespace decentdb {
namespace plan {

struct SelectBindOptions {
  std::string_view sql_text;  // for positions in messages
  int param_count = 0;
  const ConstantFolder* folder = nullptr;
  bool force_table_scan = false;  // planner option for nested queries (PlannerOptions)
};

// A WHERE or ON conjunct with the set of FROM tables it references.
struct Conjunct {
  const BoundExpr* expr = nullptr;
  uint64_t tables = 0;  // bit i: references tables[i]
};

// What the binder hands the planner. plan->tables, outputs, aggregation, distinct, sort
// keys and limits are filled; steps are left to the planner.
struct BoundSelect {
  SelectPlan* plan = nullptr;
  std::vector<JoinType> join_types;               // per table; [0] is kInner
  std::vector<std::vector<Conjunct>> left_on;     // per table: ON conjuncts of a LEFT JOIN
  std::vector<Conjunct> conjuncts;                // WHERE and INNER/CROSS ON conjuncts
  // The ORDER BY keys as scan-row expressions when they are plain expressions over the
  // scan row (non-aggregated queries), for sort avoidance; null entries otherwise.
  std::vector<const BoundExpr*> sort_scan_exprs;
};

// Binds a SELECT. out->schema and out->pool must be set; fills out->plan (tables,
// outputs, aggregation, sort, limit) and *bound.
Status BindSelect(const sql::SelectStmt* select, const SelectBindOptions& options,
                  PreparedSelect* out, BoundSelect* bound);

// Binds the row source of UPDATE/DELETE: one table and an optional WHERE.
Status BindTableScan(const sql::Ident& table, const sql::Ident* alias, const sql::Expr* where,
                     const SelectBindOptions& options, PreparedSelect* out, BoundSelect* bound);

// Resolver for expressions over one table's row in column order (slot = column index):
// UPDATE SET, RETURNING, DEFAULT and CHECK expressions. Unqualified names, or names
// qualified by the table name or alias, resolve; anything else is 42703/42P01.
class TableRowResolver : public ExprResolver {
 public:
  TableRowResolver(const TableDef* table, std::string_view alias, int param_count,
                   std::string_view sql_text)
      : table_(table), alias_(alias), param_count_(param_count), sql_text_(sql_text) {}
  Status ResolveColumn(const sql::Ident* table, const sql::Ident& column, bool in_aggregate,
                       ColumnBinding* out) override;
  int ParamCount() const override { return param_count_; }

 private:
  const TableDef* table_;
  std::string_view alias_;
  int param_count_;
  std::string_view sql_text_;
};

// Tables referenced by a bound expression over the scan row of plan (bit per table).
uint64_t TablesOf(const BoundExpr* e, const SelectPlan& plan);

}  // namespace plan
}  // namespace decentdb
