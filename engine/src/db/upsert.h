// INSERT ... ON CONFLICT: resolving the conflict target to a unique key, binding the
// DO UPDATE assignments and WHERE over [existing row | EXCLUDED row], and finding the
// existing row a candidate row conflicts with. The statement layer (sql_statement.cc)
// decides per row between insert, skip and update. Design: ENGINE.md §7.5 (upsert).
//
// Invariants:
//  (U1) A target is the rowid alias or one unique index; without a target (DO NOTHING
//       only) every unique key, the rowid alias included, is a conflict target.
//  (U2) Slots of `set` and `where`: 0..n-1 the existing row, n..2n-1 the EXCLUDED row,
//       n = the table's column count.
//  (U3) A key containing NULL never conflicts (NULLs are distinct, §7.3).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "catalog/schema.h"
#include "pager/engine.h"
#include "plan/bound_expr.h"
#include "record/value.h"
#include "sql/ast.h"
#include "util/status.h"

namespace decentdb {

struct UpsertPlan {
  bool do_update = false;
  bool any_key = false;               // (U1) no target given
  bool rowid_target = false;          // target is the rowid alias
  const IndexDef* index = nullptr;    // target unique index otherwise
  std::vector<const plan::BoundExpr*> set;  // per column; null: keep the existing value (U2)
  const plan::BoundExpr* where = nullptr;   // optional (U2)
};

// Resolves and binds st for table. 42P10 when the target matches no PRIMARY KEY or
// unique index, 42704 for an unknown ON CONSTRAINT name, 42703 for unknown columns.
Status CompileUpsert(const sql::OnConflict& st, const TableDef& table, const Schema& schema,
                     plan::ExprPool* pool, int param_count, std::string_view sql_text,
                     UpsertPlan* out);

// Looks for the row that `row` (coerced values in column order, before rowid
// assignment) conflicts with on the plan's target(s). *found is false when none does.
Status FindConflict(PageReader* r, const TableDef& table, const Schema& schema, const UpsertPlan& plan,
                    const std::vector<Value>& row, bool* found, int64_t* out_rowid);

}  // namespace decentdb
