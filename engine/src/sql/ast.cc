// Structural comparison of expressions, for the binder's matching of GROUP BY, ORDER BY
// and select-list expressions (ENGINE.md §7.4: "GROUP BY on expressions"). Positions and
// spellings that do not change meaning (quoting, CAST vs ::, != vs <>) are ignored.
// AST: sql/ast.h.
#include "sql/ast.h"
#include "sql/printer.h"

namespace decentdb {
namespace sql {

namespace {

bool OptionalEquals(const Expr* a, const Expr* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return ExprEquals(a, b);
}

bool ListEquals(const ArenaVec<Expr*>& a, const ArenaVec<Expr*>& b) {
  if (a.size != b.size) return false;
  for (uint32_t i = 0; i < a.size; ++i) {
    if (!ExprEquals(a[i], b[i])) return false;
  }
  return true;
}

bool OrderEquals(const ArenaVec<OrderItem>& a, const ArenaVec<OrderItem>& b) {
  if (a.size != b.size) return false;
  for (uint32_t i = 0; i < a.size; ++i) {
    if (a[i].dir != b[i].dir || a[i].nulls != b[i].nulls || !ExprEquals(a[i].expr, b[i].expr)) {
      return false;
    }
  }
  return true;
}

// Subqueries compare by their explicit print: exact, and rare enough not to need more.
bool QueryEquals(const SelectStmt* a, const SelectStmt* b) {
  if (a == nullptr || b == nullptr) return a == b;
  return SelectToSql(a, PrintMode::kExplicit) == SelectToSql(b, PrintMode::kExplicit);
}

}  // namespace

bool ExprEquals(const Expr* a, const Expr* b) {
  if (a == b) return true;
  if (a == nullptr || b == nullptr || a->kind != b->kind) return false;
  switch (a->kind) {
    case ExprKind::kLiteral: {
      const auto& x = a->literal;
      const auto& y = b->literal;
      if (x.kind != y.kind) return false;
      switch (x.kind) {
        case LiteralKind::kNull: return true;
        case LiteralKind::kBool: return x.bool_value == y.bool_value;
        case LiteralKind::kInt: return x.int_value == y.int_value;
        default: return x.text == y.text;  // FLOAT64 by source text, others by value
      }
    }
    case ExprKind::kParam:
      return a->param == b->param;
    case ExprKind::kColumn:
      return IdentEquals(a->column.table.name, b->column.table.name) &&
             IdentEquals(a->column.column.name, b->column.column.name);
    case ExprKind::kUnary:
      return a->unary.op == b->unary.op && ExprEquals(a->unary.operand, b->unary.operand);
    case ExprKind::kBinary:
      return a->binary.op == b->binary.op && ExprEquals(a->binary.left, b->binary.left) &&
             ExprEquals(a->binary.right, b->binary.right);
    case ExprKind::kIs:
      return a->is.test == b->is.test && a->is.negated == b->is.negated &&
             ExprEquals(a->is.operand, b->is.operand);
    case ExprKind::kBetween:
      return a->between.negated == b->between.negated &&
             ExprEquals(a->between.operand, b->between.operand) &&
             ExprEquals(a->between.low, b->between.low) && ExprEquals(a->between.high, b->between.high);
    case ExprKind::kIn:
      return a->in.negated == b->in.negated && ExprEquals(a->in.operand, b->in.operand) &&
             ListEquals(a->in.list, b->in.list) && QueryEquals(a->in.subquery, b->in.subquery);
    case ExprKind::kLike:
      return a->like.ilike == b->like.ilike && a->like.negated == b->like.negated &&
             ExprEquals(a->like.operand, b->like.operand) &&
             ExprEquals(a->like.pattern, b->like.pattern) && OptionalEquals(a->like.escape, b->like.escape);
    case ExprKind::kCase: {
      if (a->case_.whens.size != b->case_.whens.size) return false;
      for (uint32_t i = 0; i < a->case_.whens.size; ++i) {
        if (!ExprEquals(a->case_.whens[i].when, b->case_.whens[i].when) ||
            !ExprEquals(a->case_.whens[i].then, b->case_.whens[i].then)) {
          return false;
        }
      }
      return OptionalEquals(a->case_.operand, b->case_.operand) &&
             OptionalEquals(a->case_.else_expr, b->case_.else_expr);
    }
    case ExprKind::kCast:
      // Declared type text compares ASCII case-insensitively ("int" is "INT").
      return IdentEquals(a->cast.type.text, b->cast.type.text) &&
             ExprEquals(a->cast.operand, b->cast.operand);
    case ExprKind::kFunc: {
      const auto& f = a->func;
      const auto& g = b->func;
      if (!IdentEquals(f.name.name, g.name.name) || f.syntax != g.syntax ||
          f.trim_mode != g.trim_mode || f.star != g.star || f.distinct != g.distinct ||
          f.field != g.field || !ListEquals(f.args, g.args)) {
        return false;
      }
      if (f.over == nullptr || g.over == nullptr) return f.over == g.over;
      return ListEquals(f.over->partition_by, g.over->partition_by) &&
             OrderEquals(f.over->order_by, g.over->order_by);
    }
    case ExprKind::kExists:
    case ExprKind::kSubquery:
      return QueryEquals(a->subquery.query, b->subquery.query);
    case ExprKind::kDefault:
      return true;
  }
  return false;
}

}  // namespace sql
}  // namespace decentdb
