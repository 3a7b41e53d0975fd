// CHECK constraints at run time: binds each table's stored CHECK expressions (catalog
// text) once per compiled statement and evaluates them for every written row; a row
// fails only when an expression is FALSE, so NULL passes (SQL semantics). Also the
// DDL-time validation of a CHECK expression. Design: ENGINE.md §7.5 (ADR-0080), §9.5.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/schema.h"
#include "exec/dml.h"
#include "exec/evaluator.h"
#include "exec/scratch.h"
#include "plan/bound_expr.h"
#include "sql/ast.h"
#include "sql/parser.h"

namespace decentdb {

class CheckConstraints : public exec::RowChecker {
 public:
  // statement_time_ms: NOW() for the rare CHECK that reads the clock.
  explicit CheckConstraints(int64_t statement_time_ms = 0);
  // Binds table's CHECKs on first use (ERR_CORRUPTION when stored text does not bind),
  // then evaluates them over row: 23514 names the first constraint that is FALSE.
  Status CheckRow(const TableDef& table, const std::vector<Value>& row) override;
  void set_statement_time_ms(int64_t ms) { ctx_.statement_time_ms = ms; }

 private:
  struct Bound {
    const CheckDef* def;
    const plan::BoundExpr* expr;
  };
  Status BindTable(const TableDef& table, std::vector<Bound>* out);

  plan::ExprPool pool_;
  std::vector<sql::ParsedStatement> asts_;  // keep the parsed trees alive
  std::map<ObjectId, std::vector<Bound>> bound_;
  exec::ScratchArena scratch_;
  exec::EvalContext ctx_;
  std::vector<ValueRef> refs_;
};

// Validates a CHECK expression written in CREATE TABLE / ALTER TABLE against the table's
// columns: unknown columns (42703), parameters (42P02), aggregates (42803) and non-BOOL
// results (42804) fail at DDL time.
Status ValidateCheckExpr(const sql::Expr* e, const TableDef& table);

// Parses a stored CHECK text back into a tree owned by *holder.
Status ParseCheckText(const std::string& text, sql::ParsedStatement* holder, const sql::Expr** out);

}  // namespace decentdb
