// Nested queries at run time: the subqueries of expressions (IN, EXISTS, scalar; an
// uncorrelated one runs at most once per execution of the enclosing query, a correlated
// one once per evaluation, with the correlation values as its outer row) and the row
// sources of derived tables (a SELECT, or UNION/INTERSECT/EXCEPT [ALL] of two sources).
// Both open cursors of the nested prepared queries on the enclosing execution's reader.
// Design: ENGINE.md §7.3 (IN and NULL), §7.5; plan/bound_expr.h (B7), query_plan.h (R1).
#pragma once

#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "exec/evaluator.h"
#include "exec/operators.h"
#include "exec/query.h"
#include "plan/query_plan.h"
#include "record/value.h"
#include "util/status.h"

namespace decentdb {
namespace exec {

// The subqueries of one execution's pool.
// Invariants:
//  (U1) A slot's cached result (scalar value, EXISTS answer or IN set) belongs to the
//       current execution of the enclosing query: BeginExecution drops every one, so new
//       parameter values are seen.
//  (U2) Only uncorrelated subqueries are cached; a correlated one runs on each call.
class SubqueryExec : public SubqueryRunner {
 public:
  // REQUIRES: st and pool outlive this object.
  SubqueryExec(ExecState* st, const plan::ExprPool* pool);
  ~SubqueryExec() override;

  void BeginExecution();  // (U1)
  Status Run(const plan::BoundExpr& node, const ValueRef* row, EvalContext* ctx,
             ValueRef* out) override;

 private:
  struct Slot;
  Status Open(Slot* s, const plan::SubqueryDef& def, const ValueRef* outer, int n);
  Status Scalar(Slot* s, EvalContext* ctx, ValueRef* out, bool cache);
  Status In(const plan::BoundExpr& node, const plan::SubqueryDef& def, Slot* s, ValueRef x,
            EvalContext* ctx, ValueRef* out, bool cache);
  Status Member(const plan::BoundExpr& node, const Slot& s, ValueRef x, bool* found) const;
  Status InnerValue(const plan::BoundExpr& node, const plan::SubqueryDef& def, ValueRef v,
                    ScratchArena* scratch, ValueRef* out) const;

  ExecState* st_;
  const plan::ExprPool* pool_;
  std::vector<std::unique_ptr<Slot>> slots_;  // by subquery id
};

// The rows of a derived table, read once per execution of the query that uses it.
class RowSourceExec {
 public:
  // REQUIRES: st and src outlive this object.
  RowSourceExec(ExecState* st, const plan::RowSource* src);
  ~RowSourceExec();

  // Replaces *rows with the source's rows (one Value per column).
  Status Load(std::vector<std::vector<Value>>* rows);

 private:
  Status LoadNode(const plan::RowSource& src, std::vector<std::vector<Value>>* rows);

  ExecState* st_;
  const plan::RowSource* src_;
  std::unordered_map<const plan::PreparedSelect*, std::unique_ptr<QueryCursor>> cursors_;
};

}  // namespace exec
}  // namespace decentdb
