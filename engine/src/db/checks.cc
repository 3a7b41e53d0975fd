// CHECK constraints: binding of stored CHECK text and per-row evaluation, plus the
// DDL-time validation of CHECK expressions. Design: ENGINE.md §7.5; contract in db/checks.h.
#include "db/checks.h"

#include "exec/expr_folder.h"
#include "plan/expr_binder.h"
#include "plan/select_binder.h"

namespace decentdb {

namespace {

// ADR-0080: a CHECK reads only its own row.
bool HasSubquery(const sql::Expr* e) {
  if (e == nullptr) return false;
  switch (e->kind) {
    case sql::ExprKind::kExists:
    case sql::ExprKind::kSubquery: return true;
    case sql::ExprKind::kUnary: return HasSubquery(e->unary.operand);
    case sql::ExprKind::kBinary: return HasSubquery(e->binary.left) || HasSubquery(e->binary.right);
    case sql::ExprKind::kIs: return HasSubquery(e->is.operand);
    case sql::ExprKind::kBetween:
      return HasSubquery(e->between.operand) || HasSubquery(e->between.low) || HasSubquery(e->between.high);
    case sql::ExprKind::kIn: {
      if (e->in.subquery != nullptr || HasSubquery(e->in.operand)) return true;
      for (const sql::Expr* x : e->in.list)
        if (HasSubquery(x)) return true;
      return false;
    }
    case sql::ExprKind::kLike:
      return HasSubquery(e->like.operand) || HasSubquery(e->like.pattern) || HasSubquery(e->like.escape);
    case sql::ExprKind::kCase: {
      if (HasSubquery(e->case_.operand) || HasSubquery(e->case_.else_expr)) return true;
      for (const sql::CaseWhen& w : e->case_.whens)
        if (HasSubquery(w.when) || HasSubquery(w.then)) return true;
      return false;
    }
    case sql::ExprKind::kCast: return HasSubquery(e->cast.operand);
    case sql::ExprKind::kFunc: {
      for (const sql::Expr* x : e->func.args)
        if (HasSubquery(x)) return true;
      return false;
    }
    default: return false;
  }
}

Status BindCheck(const sql::Expr* e, const TableDef& table, plan::ExprPool* pool, plan::BoundExpr** out) {
  if (HasSubquery(e)) return Status::Sql("cannot use subquery in check constraint", "0A000");
  plan::TableRowResolver resolver(&table, table.name, 0, std::string_view());
  plan::BindOptions bo;
  bo.folder = exec::DefaultConstantFolder();
  plan::ExprBinder binder(pool, &resolver, bo);
  return binder.BindPredicate(e, out);
}

}  // namespace

Status ParseCheckText(const std::string& text, sql::ParsedStatement* holder, const sql::Expr** out) {
  Result<sql::ParsedStatement> parsed = sql::ParseStatement("SELECT " + text);
  if (!parsed.ok()) return Status::Corruption("CHECK text does not parse: " + parsed.status().message());
  *holder = std::move(parsed.value());
  const sql::Stmt* st = holder->stmt;
  const sql::SelectCore* core = st->kind == sql::StmtKind::kSelect && st->select->body->kind == sql::QueryBody::kCore
                                    ? st->select->body->core
                                    : nullptr;
  if (core == nullptr || core->from != nullptr || core->items.size != 1 ||
      core->items[0].kind != sql::SelectItem::kExpr)
    return Status::Corruption("CHECK text is not one expression: " + text);
  *out = core->items[0].expr;
  return Status::OK();
}

Status ValidateCheckExpr(const sql::Expr* e, const TableDef& table) {
  plan::ExprPool pool;
  plan::BoundExpr* bound = nullptr;
  return BindCheck(e, table, &pool, &bound);
}

CheckConstraints::CheckConstraints(int64_t statement_time_ms) {
  ctx_.scratch = &scratch_;
  ctx_.statement_time_ms = statement_time_ms;
}

Status CheckConstraints::BindTable(const TableDef& table, std::vector<Bound>* out) {
  for (const CheckDef& c : table.checks) {
    sql::ParsedStatement holder;
    const sql::Expr* e = nullptr;
    DDB_RETURN_IF_ERROR(ParseCheckText(c.expr_sql, &holder, &e));
    plan::BoundExpr* b = nullptr;
    Status s = BindCheck(e, table, &pool_, &b);
    if (!s.ok())
      return Status::Corruption("CHECK constraint \"" + c.name + "\" of table \"" + table.name +
                                "\" does not bind: " + s.message());
    asts_.push_back(std::move(holder));
    out->push_back(Bound{&c, b});
  }
  ctx_.Prepare(pool_);
  return Status::OK();
}

Status CheckConstraints::CheckRow(const TableDef& table, const std::vector<Value>& row) {
  auto it = bound_.find(table.id);
  if (it == bound_.end()) {
    std::vector<Bound> b;
    DDB_RETURN_IF_ERROR(BindTable(table, &b));
    it = bound_.emplace(table.id, std::move(b)).first;
  }
  refs_.resize(row.size());
  for (size_t i = 0; i < row.size(); ++i) refs_[i] = row[i].ref();
  for (const Bound& b : it->second) {
    scratch_.Reset();
    ValueRef v;
    DDB_RETURN_IF_ERROR(exec::Evaluate(*b.expr, refs_.data(), &ctx_, &v));
    if (v.type() == ValueType::kBool && !v.boolean())
      return Status::Constraint("new row for relation \"" + table.name + "\" violates check constraint \"" +
                                    b.def->name + "\"",
                                "23514");
  }
  return Status::OK();
}

}  // namespace decentdb
