// Expression binder: turns one sql::Expr into a BoundExpr tree (plan/bound_expr.h).
// It resolves names through an ExprResolver that the statement binder implements,
// numbers parameters, looks up functions, type-checks operands whose classes are known
// statically (42883 unknown function or operator, 42804 datatype mismatch, 42803
// misplaced aggregate, 42P02 unknown parameter; messages carry the position), inserts
// the conversions §8.4 requires around logical types, compiles constant LIKE patterns and
// folds constant sub-trees through a ConstantFolder. Rules: ENGINE.md §7.2-7.4, §8.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "catalog/column_type.h"
#include "plan/bound_expr.h"
#include "sql/ast.h"
#include "util/status.h"

namespace decentdb {
namespace plan {

// What a column reference resolves to.
struct ColumnBinding {
  int slot = -1;                           // index into the input row the evaluator gets
  SqlType type;                            // static type of the values in that slot
  const ColumnType* column_type = nullptr; // declared type, when the slot is a table column
  // An enclosing query's column (a correlated reference): `slot` indexes the outer
  // values (BoundOp::kOuterRef) and `name` is the reference for EXPLAIN.
  bool outer = false;
  std::string name;
};

// A subquery prepared by ExprResolver::BindSubquery.
struct SubqueryBinding {
  int id = -1;                            // ExprPool::subquery id
  std::vector<BoundExpr*> correlations;   // bound in the enclosing scope (B7)
  int columns = 0;                        // result columns of the subquery
  SqlType type;                           // type of its first column
  std::string name;                       // name of its first column
};

// Implemented by the statement binder for each scope (WHERE of a scan, a join's ON, the
// select list of a grouped query, RETURNING, DEFAULT expressions, ...).
class ExprResolver {
 public:
  virtual ~ExprResolver() = default;

  // Resolves [table.]column. `table` is null for an unqualified name. `in_aggregate` is
  // true inside an aggregate's argument, where a grouped query reads the
  // pre-aggregation row. Errors are the resolver's: 42703 unknown column, 42P01 unknown
  // table, 42702 ambiguous name, 42803 column not grouped.
  virtual Status ResolveColumn(const sql::Ident* table, const sql::Ident& column,
                               bool in_aggregate, ColumnBinding* out) = 0;

  // The highest $N the statement may reference (ParsedStatement::param_count).
  virtual int ParamCount() const = 0;

  // Whether aggregate calls may appear here (select list, HAVING, ORDER BY of a
  // query); when false an aggregate is 42803 "aggregate functions are not allowed here".
  virtual bool AggregatesAllowed() const { return false; }

  // Called for every aggregate call after its argument was bound (with in_aggregate =
  // true); returns the slot where the aggregate's result will be in the row the
  // enclosing expression is evaluated over. Only called when AggregatesAllowed().
  virtual Status AddAggregate(const AggregateCall& call, ColumnBinding* out) {
    (void)call;
    (void)out;
    return Status::Internal("aggregates not supported by this resolver");
  }

  // For grouped queries: called for each sub-expression outside aggregates before it is
  // bound; setting *matched replaces the whole sub-expression by the GROUP BY key's
  // slot (so `a + 1` in the select list matches `GROUP BY a + 1`).
  virtual Status MatchGroupKey(const sql::Expr& e, bool* matched, ColumnBinding* out) {
    (void)e;
    (void)out;
    *matched = false;
    return Status::OK();
  }

  // Prepares a subquery written in this scope (IN, EXISTS, scalar) with this scope as
  // its enclosing scope, adds it to pool and reports its correlation values bound in
  // this scope. Scopes without subqueries (CHECK, DEFAULT, ...) refuse with 0A000.
  virtual Status BindSubquery(const sql::SelectStmt* query, SubqueryKind kind, ExprPool* pool,
                              SubqueryBinding* out) {
    (void)query;
    (void)kind;
    (void)pool;
    (void)out;
    return Status::Sql("not supported: subqueries in this context", "0A000");
  }
};

// Evaluates a constant sub-tree during binding. Implemented in exec/ (which the plan
// layer may not call directly); see exec/expr_folder.h.
class ConstantFolder {
 public:
  virtual ~ConstantFolder() = default;
  // REQUIRES: every arg of e is kConst and e is not context-dependent (FuncId kNow, ...).
  // Returns false when evaluation fails, with the reason in *error when error != null.
  // The binder then leaves the node for run time, so an error surfaces only if the
  // expression is actually evaluated (CASE WHEN false THEN 1/0) -- except for the
  // implicit conversion of a literal, which is reported at bind time.
  virtual bool TryFold(const BoundExpr& e, ExprPool* pool, ValueRef* out,
                       Status* error = nullptr) const = 0;
};

struct BindOptions {
  // The text the AST positions refer to (the text given to the parser), for "at line L,
  // column C" in messages; when empty, messages give the byte offset.
  std::string_view sql_text;
  // Null disables folding.
  const ConstantFolder* folder = nullptr;
};

// Typical use by a statement binder and its executor:
//
//   plan::ExprPool pool;                                 // one per prepared statement
//   plan::BindOptions opt{sql_text, exec::DefaultConstantFolder()};
//   plan::ExprBinder binder(&pool, &scope_resolver, opt);
//   plan::BoundExpr* where;
//   DDB_RETURN_IF_ERROR(binder.BindPredicate(ast_where, &where));
//   ...
//   exec::EvalContext ctx;                               // one per execution
//   ctx.scratch = &scratch; ctx.params = params; ctx.param_count = n;
//   ctx.statement_time_ms = txn_start_ms; ctx.Prepare(pool);
//   for each row: EvaluatePredicate(*where, row, &ctx, &ok); ...; scratch.Reset();
class ExprBinder {
 public:
  // REQUIRES: pool and resolver outlive the binder; trees bound into pool live as long
  // as the pool.
  ExprBinder(ExprPool* pool, ExprResolver* resolver, const BindOptions& options)
      : pool_(pool), resolver_(resolver), options_(options) {}

  // Binds a value expression.
  Status Bind(const sql::Expr* e, BoundExpr** out);
  // Binds a condition (WHERE, ON, HAVING, CHECK): its type must be BOOL or unknown
  // (42804 otherwise). The evaluator's EvaluatePredicate treats only TRUE as true.
  Status BindPredicate(const sql::Expr* e, BoundExpr** out);
  // Binds a value written to a column (INSERT VALUES, UPDATE SET, DEFAULT) and wraps it
  // in §8.3 assignment coercion to `target`; a FLOAT64 literal keeps its source text so
  // DECIMAL targets get it exactly. NOT NULL is the caller's check.
  Status BindAssignment(const sql::Expr* e, const ColumnType& target, BoundExpr** out);

  // Offset of the construct that caused the last error.
  uint32_t error_pos() const { return error_pos_; }

 private:
  Status BindNode(const sql::Expr* e, BoundExpr** out);
  Status BindLiteral(const sql::Expr* e, BoundExpr** out);
  Status BindLiteralValue(const sql::Expr* e, BoundExpr** out);
  Status BindUnary(const sql::Expr* e, BoundExpr** out);
  Status BindBinary(const sql::Expr* e, BoundExpr** out);
  Status BindIs(const sql::Expr* e, BoundExpr** out);
  Status BindBetween(const sql::Expr* e, BoundExpr** out);
  Status BindIn(const sql::Expr* e, BoundExpr** out);
  Status BindLike(const sql::Expr* e, BoundExpr** out);
  Status BindCase(const sql::Expr* e, BoundExpr** out);
  Status BindCast(const sql::Expr* e, BoundExpr** out);
  Status BindFunc(const sql::Expr* e, BoundExpr** out);
  Status BindAggregate(const sql::Expr* e, AggKind kind, BoundExpr** out);
  Status BindScalarFunc(const sql::Expr* e, BoundExpr** out);
  Status BindSubqueryExpr(const sql::Expr* e, BoundExpr** out);
  Status BindExtract(const sql::Expr* e, BoundExpr** out);

  // Inserts conversions so that a and b compare under §8.4; sets *decimal when the
  // comparison must be numeric-decimal.
  Status Reconcile(BoundExpr** a, BoundExpr** b, uint32_t pos, const char* op, bool* decimal);
  // Gives every expression of list[0..n) one result type (CASE, COALESCE).
  Status Unify(BoundExpr** list, uint32_t n, uint32_t pos, const char* what, SqlType* out);
  Status RequireBool(BoundExpr* e, const char* what);
  // Wraps e in a conversion to `to`. An implicit conversion of a literal that cannot
  // succeed ('x' compared with a TIMESTAMP) fails here, with the literal's position.
  Status Convert(BoundExpr* e, const SqlType& to, bool assign, BoundExpr** out);
  BoundExpr* MaybeFold(BoundExpr* e, Status* error = nullptr);

  Status ErrorAt(uint32_t pos, const std::string& message, const char* sqlstate);

  ExprPool* pool_;
  ExprResolver* resolver_;
  BindOptions options_;
  int aggregate_depth_ = 0;
  int depth_ = 0;
  uint32_t error_pos_ = 0;
};

}  // namespace plan
}  // namespace decentdb
