// Expression binder (see expr_binder.h): name resolution through ExprResolver, static
// type checks, §8.4 conversions around logical types, constant LIKE compilation and
// constant folding. Function table and typing rules: ENGINE.md §7.4, §8.
#include "plan/expr_binder.h"

#include <cstring>
#include <string>

#include "sql/lexer.h"
#include "util/datetime.h"

namespace decentdb {
namespace plan {

namespace {

// ArithOp values as exec/value_ops.h numbers them (the plan layer cannot include exec/).
enum ArithSub : uint8_t { kAdd = 0, kSub = 1, kMul = 2, kDiv = 3, kMod = 4 };

enum class ArgKind : uint8_t { kAny, kText, kTextOrBlob, kInt, kNumeric };
enum class ResultRule : uint8_t { kInt64, kText, kArg0, kArith, kTimestamp, kDate, kTime, kUuid };

struct FuncDef {
  const char* name;  // lower case
  FuncId id;
  uint8_t min_args;
  uint8_t max_args;
  ArgKind args[3];   // kinds of the first three arguments
  ArgKind rest;      // kind of any further argument
  ResultRule result;
};

constexpr uint8_t kMany = 255;

const FuncDef kFuncs[] = {
    {"length", FuncId::kLength, 1, 1, {ArgKind::kTextOrBlob}, ArgKind::kAny, ResultRule::kInt64},
    {"char_length", FuncId::kLength, 1, 1, {ArgKind::kTextOrBlob}, ArgKind::kAny, ResultRule::kInt64},
    {"character_length", FuncId::kLength, 1, 1, {ArgKind::kTextOrBlob}, ArgKind::kAny, ResultRule::kInt64},
    {"octet_length", FuncId::kOctetLength, 1, 1, {ArgKind::kTextOrBlob}, ArgKind::kAny, ResultRule::kInt64},
    {"lower", FuncId::kLower, 1, 1, {ArgKind::kText}, ArgKind::kAny, ResultRule::kText},
    {"upper", FuncId::kUpper, 1, 1, {ArgKind::kText}, ArgKind::kAny, ResultRule::kText},
    {"btrim", FuncId::kBtrim, 1, 2, {ArgKind::kText, ArgKind::kText}, ArgKind::kAny, ResultRule::kText},
    {"ltrim", FuncId::kLtrim, 1, 2, {ArgKind::kText, ArgKind::kText}, ArgKind::kAny, ResultRule::kText},
    {"rtrim", FuncId::kRtrim, 1, 2, {ArgKind::kText, ArgKind::kText}, ArgKind::kAny, ResultRule::kText},
    {"substr", FuncId::kSubstr, 2, 3, {ArgKind::kText, ArgKind::kInt, ArgKind::kInt}, ArgKind::kAny, ResultRule::kText},
    {"substring", FuncId::kSubstr, 2, 3, {ArgKind::kText, ArgKind::kInt, ArgKind::kInt}, ArgKind::kAny, ResultRule::kText},
    {"replace", FuncId::kReplace, 3, 3, {ArgKind::kText, ArgKind::kText, ArgKind::kText}, ArgKind::kAny, ResultRule::kText},
    {"strpos", FuncId::kStrpos, 2, 2, {ArgKind::kText, ArgKind::kText}, ArgKind::kAny, ResultRule::kInt64},
    {"instr", FuncId::kStrpos, 2, 2, {ArgKind::kText, ArgKind::kText}, ArgKind::kAny, ResultRule::kInt64},
    {"left", FuncId::kLeft, 2, 2, {ArgKind::kText, ArgKind::kInt}, ArgKind::kAny, ResultRule::kText},
    {"right", FuncId::kRight, 2, 2, {ArgKind::kText, ArgKind::kInt}, ArgKind::kAny, ResultRule::kText},
    {"lpad", FuncId::kLpad, 2, 3, {ArgKind::kText, ArgKind::kInt, ArgKind::kText}, ArgKind::kAny, ResultRule::kText},
    {"rpad", FuncId::kRpad, 2, 3, {ArgKind::kText, ArgKind::kInt, ArgKind::kText}, ArgKind::kAny, ResultRule::kText},
    {"concat", FuncId::kConcatFn, 1, kMany, {ArgKind::kAny}, ArgKind::kAny, ResultRule::kText},
    {"concat_ws", FuncId::kConcatWs, 2, kMany, {ArgKind::kText}, ArgKind::kAny, ResultRule::kText},
    {"abs", FuncId::kAbs, 1, 1, {ArgKind::kNumeric}, ArgKind::kAny, ResultRule::kArg0},
    {"round", FuncId::kRound, 1, 2, {ArgKind::kNumeric, ArgKind::kInt}, ArgKind::kAny, ResultRule::kArg0},
    {"ceil", FuncId::kCeil, 1, 1, {ArgKind::kNumeric}, ArgKind::kAny, ResultRule::kArg0},
    {"ceiling", FuncId::kCeil, 1, 1, {ArgKind::kNumeric}, ArgKind::kAny, ResultRule::kArg0},
    {"floor", FuncId::kFloor, 1, 1, {ArgKind::kNumeric}, ArgKind::kAny, ResultRule::kArg0},
    {"mod", FuncId::kMod, 2, 2, {ArgKind::kNumeric, ArgKind::kNumeric}, ArgKind::kAny, ResultRule::kArith},
    {"now", FuncId::kNow, 0, 0, {ArgKind::kAny}, ArgKind::kAny, ResultRule::kTimestamp},
    {"current_timestamp", FuncId::kNow, 0, 0, {ArgKind::kAny}, ArgKind::kAny, ResultRule::kTimestamp},
    {"current_date", FuncId::kCurrentDate, 0, 0, {ArgKind::kAny}, ArgKind::kAny, ResultRule::kDate},
    {"current_time", FuncId::kCurrentTime, 0, 0, {ArgKind::kAny}, ArgKind::kAny, ResultRule::kTime},
    {"gen_random_uuid", FuncId::kGenRandomUuid, 0, 0, {ArgKind::kAny}, ArgKind::kAny, ResultRule::kUuid},
};

const FuncDef* FindFunc(std::string_view name) {
  for (const FuncDef& f : kFuncs) {
    if (sql::IdentEquals(name, f.name)) return &f;
  }
  return nullptr;
}

const FuncDef* FindFuncById(FuncId id) {
  for (const FuncDef& f : kFuncs) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

bool IsContextDependent(FuncId id) {
  return id == FuncId::kNow || id == FuncId::kCurrentDate || id == FuncId::kCurrentTime ||
         id == FuncId::kGenRandomUuid;
}

bool IsPlain(const SqlType& t, ValueType c) { return t.cls == c && t.logical == LogicalType::kNone; }

bool ArgAccepts(ArgKind k, const SqlType& t) {
  if (!t.known()) return true;
  switch (k) {
    case ArgKind::kAny: return true;
    case ArgKind::kText: return IsPlain(t, ValueType::kText);
    case ArgKind::kTextOrBlob: return IsPlain(t, ValueType::kText) || IsPlain(t, ValueType::kBlob);
    case ArgKind::kInt: return IsPlain(t, ValueType::kInt64);
    case ArgKind::kNumeric:
      return IsPlain(t, ValueType::kInt64) || IsPlain(t, ValueType::kFloat64) || t.is_decimal();
  }
  return false;
}

// Mirrors exec/value_cast.cc: whether a value of static type `from` can ever convert to
// `to` (false means every non-NULL value would fail with 42804).
bool StaticConvertible(const SqlType& from, const SqlType& to, bool assign) {
  if (!from.known() || !to.known()) return true;
  LogicalType fl = from.logical;
  switch (to.logical) {
    case LogicalType::kTimestamp:
    case LogicalType::kDate:
    case LogicalType::kTime:
      if (from.cls == ValueType::kInt64) {
        if (fl == LogicalType::kNone || fl == to.logical) return true;
        if (fl == LogicalType::kTimestamp) return true;  // to DATE or TIME
        return fl == LogicalType::kDate && to.logical == LogicalType::kTimestamp;
      }
      return IsPlain(from, ValueType::kText);
    case LogicalType::kDecimal:
      return IsPlain(from, ValueType::kInt64) || from.cls == ValueType::kFloat64 ||
             from.cls == ValueType::kText;
    case LogicalType::kUuid:
      return from.cls == ValueType::kBlob || IsPlain(from, ValueType::kText);
    case LogicalType::kNone: break;
  }
  switch (to.cls) {
    case ValueType::kInt64:
      return from.cls != ValueType::kBlob;
    case ValueType::kFloat64:
      return from.cls == ValueType::kInt64 || from.cls == ValueType::kFloat64 ||
             from.cls == ValueType::kText;
    case ValueType::kText:
      return !(assign && from.cls == ValueType::kBlob && fl != LogicalType::kUuid);
    case ValueType::kBlob:
      return from.cls == ValueType::kBlob || (!assign && IsPlain(from, ValueType::kText));
    case ValueType::kBool:
      return from.cls == ValueType::kBool || IsPlain(from, ValueType::kInt64) ||
             IsPlain(from, ValueType::kText);
    case ValueType::kNull: return true;
  }
  return true;
}

const char* CmpName(CmpOp op) {
  switch (op) {
    case CmpOp::kEq: return "=";
    case CmpOp::kNe: return "<>";
    case CmpOp::kLt: return "<";
    case CmpOp::kLe: return "<=";
    case CmpOp::kGt: return ">";
    case CmpOp::kGe: return ">=";
  }
  return "?";
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

// ---------------------------------------------------------------- helpers

Status ExprBinder::ErrorAt(uint32_t pos, const std::string& message, const char* sqlstate) {
  error_pos_ = pos;
  std::string where;
  if (!options_.sql_text.empty() && pos <= options_.sql_text.size()) {
    where = " " + sql::DescribePosition(options_.sql_text, pos);
  } else {
    where = " (at offset " + std::to_string(pos) + ")";
  }
  return Status::Sql(message + where, sqlstate);
}

Status ExprBinder::RequireBool(BoundExpr* e, const char* what) {
  if (!e->type.known() || IsPlain(e->type, ValueType::kBool)) return Status::OK();
  return ErrorAt(e->pos,
                 std::string("argument of ") + what + " must be type BOOL, not type " +
                     SqlTypeName(e->type),
                 "42804");
}

BoundExpr* ExprBinder::MaybeFold(BoundExpr* e, Status* error) {
  if (options_.folder == nullptr) return e;
  switch (e->op) {
    case BoundOp::kConst:
    case BoundOp::kColumn:
    case BoundOp::kParam: return e;
    case BoundOp::kFunc:
      if (IsContextDependent(static_cast<FuncId>(e->sub))) return e;
      break;
    default: break;
  }
  for (uint32_t i = 0; i < e->arg_count; ++i) {
    if (!e->args[i]->is_const()) return e;
  }
  ValueRef v;
  if (!options_.folder->TryFold(*e, pool_, &v, error)) return e;
  return pool_->NewConst(v, e->type, e->pos);
}

Status ExprBinder::Convert(BoundExpr* e, const SqlType& to, bool assign, BoundExpr** out) {
  BoundExpr* c = pool_->NewNode(BoundOp::kConvert, e->pos);
  c->args = pool_->NewArgs(1);
  c->args[0] = e;
  c->arg_count = 1;
  c->target = to;
  c->type = to;
  c->flags = assign ? kFlagAssign : 0;
  Status error;
  *out = MaybeFold(c, &error);
  // Only a literal is reported now: a folded sub-expression may sit in a branch that
  // never runs, but a literal that cannot be read as the other side's type is wrong
  // wherever it is written (PostgreSQL rejects it while parsing).
  if (!error.ok() && e->is_const() && (e->flags & kFlagLiteral)) {
    if (error.Is(Code::kSql)) return ErrorAt(e->pos, error.message(), error.sqlstate());
    return error;
  }
  return Status::OK();
}

Status ExprBinder::Reconcile(BoundExpr** a, BoundExpr** b, uint32_t pos, const char* op,
                             bool* decimal) {
  LogicalType la = (*a)->type.logical, lb = (*b)->type.logical;
  if (la == lb) {
    *decimal = la == LogicalType::kDecimal;
    return Status::OK();
  }
  auto no_operator = [&]() {
    return ErrorAt(pos,
                   "operator does not exist: " + SqlTypeName((*a)->type) + " " + op + " " +
                       SqlTypeName((*b)->type),
                   "42883");
  };
  if (la != LogicalType::kNone && lb != LogicalType::kNone) {
    SqlType ts = SqlType::Logical(LogicalType::kTimestamp);
    if (la == LogicalType::kDate && lb == LogicalType::kTimestamp) {
      DDB_RETURN_IF_ERROR(Convert(*a, ts, true, a));
    } else if (la == LogicalType::kTimestamp && lb == LogicalType::kDate) {
      DDB_RETURN_IF_ERROR(Convert(*b, ts, true, b));
    } else {
      return no_operator();
    }
    *decimal = false;
    return Status::OK();
  }
  LogicalType l = la != LogicalType::kNone ? la : lb;
  BoundExpr** other = la != LogicalType::kNone ? b : a;
  SqlType target = SqlType::Logical(l);
  if (!StaticConvertible((*other)->type, target, true)) return no_operator();
  DDB_RETURN_IF_ERROR(Convert(*other, target, true, other));
  *decimal = l == LogicalType::kDecimal;
  return Status::OK();
}

Status ExprBinder::Unify(BoundExpr** list, uint32_t n, uint32_t pos, const char* what,
                         SqlType* out) {
  SqlType r = SqlType::Unknown();
  bool mixed_precision = false;
  for (uint32_t i = 0; i < n; ++i) {
    const SqlType& t = list[i]->type;
    if (!t.known()) continue;
    if (!r.known()) {
      r = t;
      continue;
    }
    if (t.SameKind(r)) {
      if (t.precision != r.precision || t.scale != r.scale) mixed_precision = true;
      continue;
    }
    bool rn = IsPlain(r, ValueType::kInt64) || IsPlain(r, ValueType::kFloat64);
    bool tn = IsPlain(t, ValueType::kInt64) || IsPlain(t, ValueType::kFloat64);
    if (rn && tn) {
      r = SqlType::Of(ValueType::kFloat64);
    } else if ((r.is_decimal() && IsPlain(t, ValueType::kInt64)) ||
               (t.is_decimal() && IsPlain(r, ValueType::kInt64))) {
      r = SqlType::Logical(LogicalType::kDecimal);
    } else if ((r.is_decimal() && IsPlain(t, ValueType::kFloat64)) ||
               (t.is_decimal() && IsPlain(r, ValueType::kFloat64))) {
      r = SqlType::Of(ValueType::kFloat64);
    } else if ((r.logical == LogicalType::kDate && t.logical == LogicalType::kTimestamp) ||
               (r.logical == LogicalType::kTimestamp && t.logical == LogicalType::kDate)) {
      r = SqlType::Logical(LogicalType::kTimestamp);
    } else {
      return ErrorAt(list[i]->pos,
                     std::string(what) + " types " + SqlTypeName(r) + " and " + SqlTypeName(t) +
                         " cannot be matched",
                     "42804");
    }
  }
  (void)pos;
  if (mixed_precision && r.is_decimal()) r = SqlType::Logical(LogicalType::kDecimal);
  for (uint32_t i = 0; i < n; ++i) {
    const SqlType& t = list[i]->type;
    if (t.known() && !t.SameKind(r)) {
      DDB_RETURN_IF_ERROR(Convert(list[i], r, false, &list[i]));
    } else if (!t.known() && r.known() && !list[i]->is_const()) {
      // A parameter takes the type of its siblings, coerced like an assigned value, so
      // the result column holds one class (§7.1: parameters are coerced per §8).
      DDB_RETURN_IF_ERROR(Convert(list[i], r, true, &list[i]));
    }
  }
  *out = r;
  return Status::OK();
}

// ---------------------------------------------------------------- entry points

Status ExprBinder::Bind(const sql::Expr* e, BoundExpr** out) { return BindNode(e, out); }

Status ExprBinder::BindPredicate(const sql::Expr* e, BoundExpr** out) {
  DDB_RETURN_IF_ERROR(BindNode(e, out));
  if (!(*out)->type.known() || IsPlain((*out)->type, ValueType::kBool)) return Status::OK();
  return ErrorAt((*out)->pos,
                 "condition must be type BOOL, not type " + SqlTypeName((*out)->type), "42804");
}

Status ExprBinder::BindAssignment(const sql::Expr* e, const ColumnType& target, BoundExpr** out) {
  BoundExpr* v = nullptr;
  DDB_RETURN_IF_ERROR(BindNode(e, &v));
  if (!StaticConvertible(v->type, target.type, true)) {
    return ErrorAt(v->pos,
                   "column is of type " + SqlTypeName(target.type) + " but expression is of type " +
                       SqlTypeName(v->type),
                   "42804");
  }
  BoundExpr* c = nullptr;
  DDB_RETURN_IF_ERROR(Convert(v, target.type, true, &c));
  if (c->op == BoundOp::kConvert) c->text = pool_->CopyBytes(target.normalized);
  *out = c;
  return Status::OK();
}

Status ExprBinder::BindNode(const sql::Expr* e, BoundExpr** out) {
  struct DepthGuard {
    int* d;
    explicit DepthGuard(int* depth) : d(depth) { ++*d; }
    ~DepthGuard() { --*d; }
  } guard(&depth_);
  if (depth_ > sql::kMaxExprDepth) {
    return ErrorAt(e->pos, "expression nesting exceeds the limit of 1000 levels", "54001");
  }
  if (aggregate_depth_ == 0 && resolver_->AggregatesAllowed() &&
      e->kind != sql::ExprKind::kLiteral && e->kind != sql::ExprKind::kParam) {
    bool matched = false;
    ColumnBinding b;
    DDB_RETURN_IF_ERROR(resolver_->MatchGroupKey(*e, &matched, &b));
    if (matched) {
      BoundExpr* c = pool_->NewNode(BoundOp::kColumn, e->pos);
      c->index = b.slot;
      c->type = b.type;
      *out = c;
      return Status::OK();
    }
  }
  switch (e->kind) {
    case sql::ExprKind::kLiteral: return BindLiteral(e, out);
    case sql::ExprKind::kParam: {
      int64_t n = e->param;
      if (n < 1 || n > resolver_->ParamCount()) {
        return ErrorAt(e->pos, "there is no parameter $" + std::to_string(n), "42P02");
      }
      BoundExpr* p = pool_->NewNode(BoundOp::kParam, e->pos);
      p->index = static_cast<int32_t>(n - 1);
      *out = p;
      return Status::OK();
    }
    case sql::ExprKind::kColumn: {
      ColumnBinding b;
      const sql::Ident* table = e->column.table.name.empty() ? nullptr : &e->column.table;
      Status s = resolver_->ResolveColumn(table, e->column.column, aggregate_depth_ > 0, &b);
      if (!s.ok()) {
        if (s.Is(Code::kSql)) return ErrorAt(e->pos, s.message(), s.sqlstate());
        return s;
      }
      BoundExpr* c = pool_->NewNode(b.outer ? BoundOp::kOuterRef : BoundOp::kColumn, e->pos);
      c->index = b.slot;
      c->type = b.type;
      if (b.outer) c->text = pool_->CopyBytes(b.name);
      *out = c;
      return Status::OK();
    }
    case sql::ExprKind::kUnary: return BindUnary(e, out);
    case sql::ExprKind::kBinary: return BindBinary(e, out);
    case sql::ExprKind::kIs: return BindIs(e, out);
    case sql::ExprKind::kBetween: return BindBetween(e, out);
    case sql::ExprKind::kIn: return BindIn(e, out);
    case sql::ExprKind::kLike: return BindLike(e, out);
    case sql::ExprKind::kCase: return BindCase(e, out);
    case sql::ExprKind::kCast: return BindCast(e, out);
    case sql::ExprKind::kFunc: return BindFunc(e, out);
    case sql::ExprKind::kExists:
    case sql::ExprKind::kSubquery:
      return BindSubqueryExpr(e, out);
    case sql::ExprKind::kDefault:
      return ErrorAt(e->pos, "DEFAULT is not allowed in this context", "42601");
  }
  return ErrorAt(e->pos, "unknown expression", "XX000");
}

// ---------------------------------------------------------------- node kinds

Status ExprBinder::BindLiteral(const sql::Expr* e, BoundExpr** out) {
  DDB_RETURN_IF_ERROR(BindLiteralValue(e, out));
  (*out)->flags |= kFlagLiteral;
  return Status::OK();
}

Status ExprBinder::BindLiteralValue(const sql::Expr* e, BoundExpr** out) {
  const auto& lit = e->literal;
  switch (lit.kind) {
    case sql::LiteralKind::kNull:
      *out = pool_->NewConst(ValueRef::Null(), SqlType::Unknown(), e->pos);
      return Status::OK();
    case sql::LiteralKind::kBool:
      *out = pool_->NewConst(ValueRef::Bool(lit.bool_value), SqlType::Of(ValueType::kBool), e->pos);
      return Status::OK();
    case sql::LiteralKind::kInt:
      *out = pool_->NewConst(ValueRef::Int64(lit.int_value), SqlType::Of(ValueType::kInt64), e->pos);
      return Status::OK();
    case sql::LiteralKind::kFloat:
      *out = pool_->NewConst(ValueRef::Float64(lit.float_value), SqlType::Of(ValueType::kFloat64),
                             e->pos);
      (*out)->text = pool_->CopyBytes(lit.text);
      return Status::OK();
    case sql::LiteralKind::kString:
      *out = pool_->NewConst(ValueRef::Text(lit.text), SqlType::Of(ValueType::kText), e->pos);
      return Status::OK();
    case sql::LiteralKind::kBlob:
      *out = pool_->NewConst(ValueRef::Blob(lit.text), SqlType::Of(ValueType::kBlob), e->pos);
      return Status::OK();
    case sql::LiteralKind::kDate:
    case sql::LiteralKind::kTime:
    case sql::LiteralKind::kTimestamp: {
      int64_t v = 0;
      Status s;
      LogicalType l;
      if (lit.kind == sql::LiteralKind::kDate) {
        l = LogicalType::kDate;
        s = ParseDate(lit.text, &v);
      } else if (lit.kind == sql::LiteralKind::kTime) {
        l = LogicalType::kTime;
        s = ParseTime(lit.text, &v);
      } else {
        l = LogicalType::kTimestamp;
        s = ParseTimestamp(lit.text, &v);
      }
      if (!s.ok()) return ErrorAt(e->pos, s.message(), s.sqlstate());
      *out = pool_->NewConst(ValueRef::Int64(v), SqlType::Logical(l), e->pos);
      return Status::OK();
    }
  }
  return ErrorAt(e->pos, "unknown literal", "XX000");
}

Status ExprBinder::BindUnary(const sql::Expr* e, BoundExpr** out) {
  BoundExpr* x = nullptr;
  DDB_RETURN_IF_ERROR(BindNode(e->unary.operand, &x));
  if (e->unary.op == sql::UnaryOp::kNot) {
    DDB_RETURN_IF_ERROR(RequireBool(x, "NOT"));
    BoundExpr* n = pool_->NewNode(BoundOp::kNot, e->pos);
    n->args = pool_->NewArgs(1);
    n->args[0] = x;
    n->arg_count = 1;
    n->type = SqlType::Of(ValueType::kBool);
    *out = MaybeFold(n);
    return Status::OK();
  }
  const SqlType& t = x->type;
  bool ok = !t.known() || IsPlain(t, ValueType::kInt64) || IsPlain(t, ValueType::kFloat64) ||
            t.is_decimal() || (IsPlain(t, ValueType::kText) && x->is_const());
  if (!ok) {
    return ErrorAt(e->pos,
                   std::string("operator does not exist: ") +
                       (e->unary.op == sql::UnaryOp::kNeg ? "-" : "+") + " " + SqlTypeName(t),
                   "42883");
  }
  if (e->unary.op == sql::UnaryOp::kPlus) {
    *out = x;
    return Status::OK();
  }
  BoundExpr* n = pool_->NewNode(BoundOp::kNeg, e->pos);
  n->args = pool_->NewArgs(1);
  n->args[0] = x;
  n->arg_count = 1;
  n->type = IsPlain(t, ValueType::kText) ? SqlType::Unknown() : t;
  if (t.is_decimal()) {
    n->flags |= kFlagDecimal;
    n->type = SqlType::Logical(LogicalType::kDecimal);
  }
  *out = MaybeFold(n);
  return Status::OK();
}

namespace {

bool ArithOperandOk(const BoundExpr* x) {
  const SqlType& t = x->type;
  if (!t.known() || t.is_decimal()) return true;
  if (t.logical != LogicalType::kNone) return false;
  if (t.cls == ValueType::kInt64 || t.cls == ValueType::kFloat64) return true;
  return t.cls == ValueType::kText && x->is_const();  // '12' + 1: parsed at run time
}

// Result type of arithmetic between two accepted operands.
SqlType ArithResult(const SqlType& a, const SqlType& b, bool* decimal) {
  *decimal = a.is_decimal() || b.is_decimal();
  if (*decimal) return SqlType::Logical(LogicalType::kDecimal);
  if (IsPlain(a, ValueType::kInt64) && IsPlain(b, ValueType::kInt64)) return SqlType::Of(ValueType::kInt64);
  bool an = IsPlain(a, ValueType::kInt64) || IsPlain(a, ValueType::kFloat64);
  bool bn = IsPlain(b, ValueType::kInt64) || IsPlain(b, ValueType::kFloat64);
  if (an && bn) return SqlType::Of(ValueType::kFloat64);
  return SqlType::Unknown();
}

}  // namespace

Status ExprBinder::BindBinary(const sql::Expr* e, BoundExpr** out) {
  sql::BinaryOp op = e->binary.op;
  if (op == sql::BinaryOp::kAnd || op == sql::BinaryOp::kOr) {
    // Flatten a left-deep chain of the same operator into one n-ary node; long AND/OR
    // lists then cost no recursion depth.
    std::vector<const sql::Expr*> operands;
    const sql::Expr* cur = e;
    while (cur->kind == sql::ExprKind::kBinary && cur->binary.op == op) {
      operands.push_back(cur->binary.right);
      cur = cur->binary.left;
    }
    operands.push_back(cur);
    BoundExpr* n = pool_->NewNode(op == sql::BinaryOp::kAnd ? BoundOp::kAnd : BoundOp::kOr, e->pos);
    n->arg_count = static_cast<uint32_t>(operands.size());
    n->args = pool_->NewArgs(n->arg_count);
    for (size_t i = 0; i < operands.size(); ++i) {
      BoundExpr* x = nullptr;
      DDB_RETURN_IF_ERROR(BindNode(operands[operands.size() - 1 - i], &x));
      DDB_RETURN_IF_ERROR(RequireBool(x, op == sql::BinaryOp::kAnd ? "AND" : "OR"));
      n->args[i] = x;
    }
    n->type = SqlType::Of(ValueType::kBool);
    *out = MaybeFold(n);
    return Status::OK();
  }
  BoundExpr* a = nullptr;
  BoundExpr* b = nullptr;
  DDB_RETURN_IF_ERROR(BindNode(e->binary.left, &a));
  DDB_RETURN_IF_ERROR(BindNode(e->binary.right, &b));
  BoundExpr* n = nullptr;
  switch (op) {
    case sql::BinaryOp::kEq:
    case sql::BinaryOp::kNe:
    case sql::BinaryOp::kLt:
    case sql::BinaryOp::kLe:
    case sql::BinaryOp::kGt:
    case sql::BinaryOp::kGe:
    case sql::BinaryOp::kIsDistinctFrom:
    case sql::BinaryOp::kIsNotDistinctFrom: {
      CmpOp c = CmpOp::kEq;
      bool distinct = false;
      switch (op) {
        case sql::BinaryOp::kNe: c = CmpOp::kNe; break;
        case sql::BinaryOp::kLt: c = CmpOp::kLt; break;
        case sql::BinaryOp::kLe: c = CmpOp::kLe; break;
        case sql::BinaryOp::kGt: c = CmpOp::kGt; break;
        case sql::BinaryOp::kGe: c = CmpOp::kGe; break;
        case sql::BinaryOp::kIsDistinctFrom:
        case sql::BinaryOp::kIsNotDistinctFrom: distinct = true; break;
        default: break;
      }
      bool decimal = false;
      DDB_RETURN_IF_ERROR(Reconcile(&a, &b, e->pos, distinct ? "IS DISTINCT FROM" : CmpName(c), &decimal));
      n = pool_->NewNode(distinct ? BoundOp::kDistinct : BoundOp::kCompare, e->pos);
      n->sub = static_cast<uint8_t>(c);
      if (decimal) n->flags |= kFlagDecimal;
      if (op == sql::BinaryOp::kIsNotDistinctFrom) n->flags |= kFlagNegated;
      n->type = SqlType::Of(ValueType::kBool);
      break;
    }
    case sql::BinaryOp::kConcat:
      n = pool_->NewNode(BoundOp::kConcat, e->pos);
      n->type = SqlType::Of(ValueType::kText);
      break;
    case sql::BinaryOp::kAdd:
    case sql::BinaryOp::kSub:
    case sql::BinaryOp::kMul:
    case sql::BinaryOp::kDiv:
    case sql::BinaryOp::kMod: {
      static const char* const kNames[] = {"+", "-", "*", "/", "%"};
      uint8_t sub = op == sql::BinaryOp::kAdd   ? kAdd
                    : op == sql::BinaryOp::kSub ? kSub
                    : op == sql::BinaryOp::kMul ? kMul
                    : op == sql::BinaryOp::kDiv ? kDiv
                                                : kMod;
      if (!ArithOperandOk(a) || !ArithOperandOk(b)) {
        return ErrorAt(e->pos,
                       "operator does not exist: " + SqlTypeName(a->type) + " " + kNames[sub] + " " +
                           SqlTypeName(b->type),
                       "42883");
      }
      n = pool_->NewNode(BoundOp::kArith, e->pos);
      n->sub = sub;
      bool decimal = false;
      n->type = ArithResult(a->type, b->type, &decimal);
      if (decimal) n->flags |= kFlagDecimal;
      break;
    }
    default:
      return ErrorAt(e->pos, "unknown operator", "XX000");
  }
  n->args = pool_->NewArgs(2);
  n->args[0] = a;
  n->args[1] = b;
  n->arg_count = 2;
  *out = MaybeFold(n);
  return Status::OK();
}

Status ExprBinder::BindIs(const sql::Expr* e, BoundExpr** out) {
  BoundExpr* x = nullptr;
  DDB_RETURN_IF_ERROR(BindNode(e->is.operand, &x));
  BoundOp op = BoundOp::kIsNull;
  if (e->is.test == sql::IsTest::kTrue) op = BoundOp::kIsTrue;
  if (e->is.test == sql::IsTest::kFalse) op = BoundOp::kIsFalse;
  if (op != BoundOp::kIsNull) DDB_RETURN_IF_ERROR(RequireBool(x, "IS TRUE/IS FALSE"));
  BoundExpr* n = pool_->NewNode(op, e->pos);
  n->args = pool_->NewArgs(1);
  n->args[0] = x;
  n->arg_count = 1;
  if (e->is.negated) n->flags |= kFlagNegated;
  n->type = SqlType::Of(ValueType::kBool);
  *out = MaybeFold(n);
  return Status::OK();
}

Status ExprBinder::BindBetween(const sql::Expr* e, BoundExpr** out) {
  BoundExpr* x = nullptr;
  BoundExpr* lo = nullptr;
  BoundExpr* hi = nullptr;
  DDB_RETURN_IF_ERROR(BindNode(e->between.operand, &x));
  DDB_RETURN_IF_ERROR(BindNode(e->between.low, &lo));
  DDB_RETURN_IF_ERROR(BindNode(e->between.high, &hi));
  bool d1 = false, d2 = false;
  DDB_RETURN_IF_ERROR(Reconcile(&x, &lo, e->pos, "BETWEEN", &d1));
  DDB_RETURN_IF_ERROR(Reconcile(&x, &hi, e->pos, "BETWEEN", &d2));
  BoundExpr* n = pool_->NewNode(BoundOp::kBetween, e->pos);
  n->args = pool_->NewArgs(3);
  n->args[0] = x;
  n->args[1] = lo;
  n->args[2] = hi;
  n->arg_count = 3;
  if (d1 || d2) n->flags |= kFlagDecimal;
  if (e->between.negated) n->flags |= kFlagNegated;
  n->type = SqlType::Of(ValueType::kBool);
  *out = MaybeFold(n);
  return Status::OK();
}

Status ExprBinder::BindIn(const sql::Expr* e, BoundExpr** out) {
  if (e->in.subquery != nullptr) return BindSubqueryExpr(e, out);
  BoundExpr* x = nullptr;
  DDB_RETURN_IF_ERROR(BindNode(e->in.operand, &x));
  uint32_t n_items = e->in.list.size;
  BoundExpr* n = pool_->NewNode(BoundOp::kIn, e->pos);
  n->args = pool_->NewArgs(n_items + 1);
  n->arg_count = n_items + 1;
  bool decimal = false;
  for (uint32_t i = 0; i < n_items; ++i) {
    BoundExpr* item = nullptr;
    DDB_RETURN_IF_ERROR(BindNode(e->in.list[i], &item));
    bool d = false;
    DDB_RETURN_IF_ERROR(Reconcile(&x, &item, item->pos, "IN", &d));
    decimal = decimal || d;
    n->args[i + 1] = item;
  }
  n->args[0] = x;
  if (decimal) n->flags |= kFlagDecimal;
  if (e->in.negated) n->flags |= kFlagNegated;
  n->type = SqlType::Of(ValueType::kBool);
  *out = MaybeFold(n);
  return Status::OK();
}

Status ExprBinder::BindLike(const sql::Expr* e, BoundExpr** out) {
  const auto& lk = e->like;
  const char* name = lk.ilike ? "ILIKE" : "LIKE";
  BoundExpr* args[3] = {nullptr, nullptr, nullptr};
  DDB_RETURN_IF_ERROR(BindNode(lk.operand, &args[0]));
  DDB_RETURN_IF_ERROR(BindNode(lk.pattern, &args[1]));
  if (lk.escape != nullptr) DDB_RETURN_IF_ERROR(BindNode(lk.escape, &args[2]));
  uint32_t n_args = lk.escape != nullptr ? 3 : 2;
  for (uint32_t i = 0; i < n_args; ++i) {
    if (!ArgAccepts(ArgKind::kText, args[i]->type)) {
      return ErrorAt(args[i]->pos,
                     std::string("operator does not exist: ") + SqlTypeName(args[0]->type) + " " +
                         name + " " + SqlTypeName(args[1]->type) +
                         (i == 2 ? " ESCAPE " + SqlTypeName(args[2]->type) : std::string()),
                     "42883");
    }
  }
  BoundExpr* n = pool_->NewNode(BoundOp::kLike, e->pos);
  n->args = pool_->NewArgs(n_args);
  for (uint32_t i = 0; i < n_args; ++i) n->args[i] = args[i];
  n->arg_count = n_args;
  if (lk.ilike) n->flags |= kFlagIlike;
  if (lk.negated) n->flags |= kFlagNegated;
  n->type = SqlType::Of(ValueType::kBool);
  bool const_pattern = args[1]->is_const() && (n_args == 2 || args[2]->is_const());
  bool any_null = args[1]->value.is_null() || (n_args == 3 && args[2]->value.is_null());
  if (const_pattern && !any_null && args[1]->value.type() == ValueType::kText &&
      (n_args == 2 || args[2]->value.type() == ValueType::kText)) {
    int32_t esc = LikePattern::kDefaultEscape;
    if (n_args == 3) {
      Status s = LikePattern::ParseEscape(args[2]->value.bytes(), &esc);
      if (!s.ok()) return ErrorAt(args[2]->pos, s.message(), s.sqlstate());
    }
    auto p = std::make_unique<LikePattern>();
    Status s = LikePattern::Compile(args[1]->value.bytes(), esc, lk.ilike, p.get());
    if (!s.ok()) return ErrorAt(args[1]->pos, s.message(), s.sqlstate());
    n->like = pool_->AddPattern(std::move(p));
  } else if (!const_pattern) {
    n->index = pool_->NewLikeCacheSlot();
  }
  *out = MaybeFold(n);
  return Status::OK();
}

Status ExprBinder::BindCase(const sql::Expr* e, BoundExpr** out) {
  const auto& c = e->case_;
  bool simple = c.operand != nullptr;
  bool has_else = c.else_expr != nullptr;
  uint32_t n_args = (simple ? 1 : 0) + 2 * c.whens.size + (has_else ? 1 : 0);
  BoundExpr* n = pool_->NewNode(BoundOp::kCase, e->pos);
  n->args = pool_->NewArgs(n_args);
  n->arg_count = n_args;
  uint32_t base = simple ? 1 : 0;
  BoundExpr* operand = nullptr;
  if (simple) DDB_RETURN_IF_ERROR(BindNode(c.operand, &operand));
  // THEN and ELSE results, gathered to be unified.
  std::vector<BoundExpr*> results;
  bool decimal = false;
  for (uint32_t i = 0; i < c.whens.size; ++i) {
    BoundExpr* w = nullptr;
    BoundExpr* t = nullptr;
    DDB_RETURN_IF_ERROR(BindNode(c.whens[i].when, &w));
    if (simple) {
      bool d = false;
      DDB_RETURN_IF_ERROR(Reconcile(&operand, &w, w->pos, "=", &d));
      decimal = decimal || d;
    } else {
      DDB_RETURN_IF_ERROR(RequireBool(w, "CASE/WHEN"));
    }
    DDB_RETURN_IF_ERROR(BindNode(c.whens[i].then, &t));
    n->args[base + 2 * i] = w;
    results.push_back(t);
  }
  if (has_else) {
    BoundExpr* x = nullptr;
    DDB_RETURN_IF_ERROR(BindNode(c.else_expr, &x));
    results.push_back(x);
  }
  SqlType type;
  DDB_RETURN_IF_ERROR(Unify(results.data(), static_cast<uint32_t>(results.size()), e->pos, "CASE", &type));
  if (simple) n->args[0] = operand;
  for (uint32_t i = 0; i < c.whens.size; ++i) n->args[base + 2 * i + 1] = results[i];
  if (has_else) n->args[n_args - 1] = results.back();
  if (simple) n->flags |= kFlagHasOperand;
  if (has_else) n->flags |= kFlagHasElse;
  if (decimal) n->flags |= kFlagDecimal;
  n->type = type;
  *out = MaybeFold(n);
  return Status::OK();
}

Status ExprBinder::BindCast(const sql::Expr* e, BoundExpr** out) {
  BoundExpr* x = nullptr;
  DDB_RETURN_IF_ERROR(BindNode(e->cast.operand, &x));
  Result<ColumnType> r = ResolveDeclaredType(e->cast.type.text);
  if (!r.ok()) return ErrorAt(e->cast.type.pos, r.status().message(), r.status().sqlstate());
  const ColumnType& to = r.value();
  if (!StaticConvertible(x->type, to.type, false)) {
    return ErrorAt(e->pos, "cannot cast type " + SqlTypeName(x->type) + " to " + to.normalized,
                   "42846");
  }
  BoundExpr* n = pool_->NewNode(BoundOp::kConvert, e->pos);
  n->args = pool_->NewArgs(1);
  n->args[0] = x;
  n->arg_count = 1;
  n->target = to.type;
  n->type = to.type;
  n->text = pool_->CopyBytes(to.normalized);
  *out = MaybeFold(n);
  return Status::OK();
}

Status ExprBinder::BindFunc(const sql::Expr* e, BoundExpr** out) {
  const auto& f = e->func;
  std::string name = Lower(f.name.name);
  if (f.over != nullptr)
    return ErrorAt(e->pos, "window functions are allowed only as whole select-list items", "42P20");
  if (f.syntax == sql::FuncSyntax::kExtract || (name == "date_part" && !f.name.quoted))
    return BindExtract(e, out);
  AggKind agg;
  bool is_agg = true;
  if (name == "count") agg = f.star ? AggKind::kCountStar : AggKind::kCount;
  else if (name == "sum") agg = AggKind::kSum;
  else if (name == "avg") agg = AggKind::kAvg;
  else if (name == "min") agg = AggKind::kMin;
  else if (name == "max") agg = AggKind::kMax;
  else is_agg = false;
  if (is_agg && !f.name.quoted) return BindAggregate(e, agg, out);
  if (f.star) return ErrorAt(e->pos, name + "(*) is only valid for COUNT", "42883");
  if (f.distinct) {
    return ErrorAt(e->pos, "DISTINCT specified, but " + name + " is not an aggregate function",
                   "42809");
  }
  if (name == "coalesce" || name == "nullif") {
    uint32_t n_args = f.args.size;
    if ((name == "nullif" && n_args != 2) || n_args == 0) {
      return ErrorAt(e->pos, "function " + name + " called with " + std::to_string(n_args) +
                                 " arguments does not exist",
                     "42883");
    }
    BoundExpr* bound[2] = {nullptr, nullptr};
    if (name == "coalesce") {
      BoundExpr* n = pool_->NewNode(BoundOp::kCoalesce, e->pos);
      n->args = pool_->NewArgs(n_args);
      n->arg_count = n_args;
      for (uint32_t i = 0; i < n_args; ++i) DDB_RETURN_IF_ERROR(BindNode(f.args[i], &n->args[i]));
      DDB_RETURN_IF_ERROR(Unify(n->args, n_args, e->pos, "COALESCE", &n->type));
      *out = MaybeFold(n);
      return Status::OK();
    }
    DDB_RETURN_IF_ERROR(BindNode(f.args[0], &bound[0]));
    DDB_RETURN_IF_ERROR(BindNode(f.args[1], &bound[1]));
    // NULLIF returns its first argument as it is; when the comparison needs it converted
    // (a logical type on the other side), the converted form is a third argument that
    // only the comparison reads.
    BoundExpr* cmp_left = bound[0];
    bool decimal = false;
    DDB_RETURN_IF_ERROR(Reconcile(&cmp_left, &bound[1], e->pos, "=", &decimal));
    BoundExpr* n = pool_->NewNode(BoundOp::kNullIf, e->pos);
    n->arg_count = cmp_left != bound[0] ? 3 : 2;
    n->args = pool_->NewArgs(n->arg_count);
    n->args[0] = bound[0];
    n->args[1] = bound[1];
    if (n->arg_count == 3) n->args[2] = cmp_left;
    if (decimal) n->flags |= kFlagDecimal;
    n->type = bound[0]->type;
    *out = MaybeFold(n);
    return Status::OK();
  }
  return BindScalarFunc(e, out);
}

Status ExprBinder::BindScalarFunc(const sql::Expr* e, BoundExpr** out) {
  const auto& f = e->func;
  std::string name = Lower(f.name.name);
  const FuncDef* def = nullptr;
  std::vector<const sql::Expr*> src(f.args.begin(), f.args.end());
  switch (f.syntax) {
    case sql::FuncSyntax::kTrim:
      def = FindFuncById(f.trim_mode == sql::TrimMode::kLeading    ? FuncId::kLtrim
                         : f.trim_mode == sql::TrimMode::kTrailing ? FuncId::kRtrim
                                                                   : FuncId::kBtrim);
      break;
    case sql::FuncSyntax::kPosition:
      def = FindFuncById(FuncId::kStrpos);
      if (src.size() == 2) std::swap(src[0], src[1]);  // POSITION(sub IN s) = STRPOS(s, sub)
      break;
    case sql::FuncSyntax::kSubstring: def = FindFuncById(FuncId::kSubstr); break;
    default:
      if (name != "position" && name != "trim") def = FindFunc(name);
      break;
  }
  if (def == nullptr) {
    return ErrorAt(e->pos, "function " + name + " does not exist", "42883");
  }
  uint32_t n_args = static_cast<uint32_t>(src.size());
  BoundExpr* n = pool_->NewNode(BoundOp::kFunc, e->pos);
  n->sub = static_cast<uint8_t>(def->id);
  n->args = pool_->NewArgs(n_args);
  n->arg_count = n_args;
  for (uint32_t i = 0; i < n_args; ++i) DDB_RETURN_IF_ERROR(BindNode(src[i], &n->args[i]));
  bool arity_ok = n_args >= def->min_args && n_args <= def->max_args;
  bool types_ok = true;
  for (uint32_t i = 0; i < n_args && arity_ok; ++i) {
    ArgKind k = i < 3 ? def->args[i] : def->rest;
    if (i >= 1 && def->max_args == kMany) k = def->rest;
    if (!ArgAccepts(k, n->args[i]->type)) types_ok = false;
  }
  if (!arity_ok || !types_ok) {
    std::string sig = name + "(";
    for (uint32_t i = 0; i < n_args; ++i) {
      if (i > 0) sig += ", ";
      sig += SqlTypeName(n->args[i]->type);
    }
    sig += ")";
    return ErrorAt(e->pos, "function " + sig + " does not exist", "42883");
  }
  const SqlType a0 = n_args > 0 ? n->args[0]->type : SqlType::Unknown();
  switch (def->result) {
    case ResultRule::kInt64: n->type = SqlType::Of(ValueType::kInt64); break;
    case ResultRule::kText: n->type = SqlType::Of(ValueType::kText); break;
    case ResultRule::kArg0:
      n->type = a0.is_decimal() ? SqlType::Logical(LogicalType::kDecimal) : a0;
      if (a0.is_decimal()) n->flags |= kFlagDecimal;
      break;
    case ResultRule::kArith: {
      bool decimal = false;
      n->type = ArithResult(a0, n->args[1]->type, &decimal);
      if (decimal) n->flags |= kFlagDecimal;
      break;
    }
    case ResultRule::kTimestamp: n->type = SqlType::Logical(LogicalType::kTimestamp); break;
    case ResultRule::kDate: n->type = SqlType::Logical(LogicalType::kDate); break;
    case ResultRule::kTime: n->type = SqlType::Logical(LogicalType::kTime); break;
    case ResultRule::kUuid: n->type = SqlType::Logical(LogicalType::kUuid); break;
  }
  *out = MaybeFold(n);
  return Status::OK();
}

Status ExprBinder::BindAggregate(const sql::Expr* e, AggKind kind, BoundExpr** out) {
  const auto& f = e->func;
  std::string name = Lower(f.name.name);
  if (!resolver_->AggregatesAllowed()) {
    return ErrorAt(e->pos, "aggregate functions are not allowed here", "42803");
  }
  if (aggregate_depth_ > 0) {
    return ErrorAt(e->pos, "aggregate function calls cannot be nested", "42803");
  }
  if (f.star && kind != AggKind::kCountStar) {
    return ErrorAt(e->pos, name + "(*) is only valid for COUNT", "42883");
  }
  if (kind != AggKind::kCountStar && f.args.size != 1) {
    return ErrorAt(e->pos,
                   "function " + name + " takes exactly one argument, got " +
                       std::to_string(f.args.size),
                   "42883");
  }
  AggregateCall call;
  call.kind = kind;
  call.distinct = f.distinct;
  call.arg = nullptr;
  call.pos = e->pos;
  SqlType arg_type = SqlType::Unknown();
  if (kind != AggKind::kCountStar) {
    ++aggregate_depth_;
    BoundExpr* arg = nullptr;
    Status s = BindNode(f.args[0], &arg);
    --aggregate_depth_;
    DDB_RETURN_IF_ERROR(s);
    call.arg = arg;
    arg_type = arg->type;
  }
  if (!AggregateResultType(kind, arg_type, &call.result_type)) {
    return ErrorAt(e->pos, "function " + name + "(" + SqlTypeName(arg_type) + ") does not exist",
                   "42883");
  }
  ColumnBinding b;
  DDB_RETURN_IF_ERROR(resolver_->AddAggregate(call, &b));
  BoundExpr* c = pool_->NewNode(BoundOp::kColumn, e->pos);
  c->index = b.slot;
  c->type = b.type.known() ? b.type : call.result_type;
  *out = c;
  return Status::OK();
}

// EXTRACT(field FROM x) and DATE_PART('field', x) (ENGINE.md §8.1 encodings): x is read
// by its static type: DATE as days, TIME as ms of day, TIMESTAMP and plain INT64 as epoch
// ms, TEXT parsed as a TIMESTAMP. SECOND and EPOCH are FLOAT64 (fractions of a second),
// every other field INT64.
Status ExprBinder::BindExtract(const sql::Expr* e, BoundExpr** out) {
  const auto& f = e->func;
  std::string_view field_name;
  const sql::Expr* src = nullptr;
  if (f.syntax == sql::FuncSyntax::kExtract) {
    if (f.args.size != 1) return ErrorAt(e->pos, "EXTRACT takes one value", "42601");
    field_name = f.field;
    src = f.args[0];
  } else {
    if (f.args.size != 2)
      return ErrorAt(e->pos, "function date_part takes two arguments", "42883");
    const sql::Expr* a0 = f.args[0];
    if (a0->kind != sql::ExprKind::kLiteral || a0->literal.kind != sql::LiteralKind::kString)
      return ErrorAt(a0->pos, "not supported: date_part with a field that is not a string literal",
                     "0A000");
    field_name = a0->literal.text;
    src = f.args[1];
  }
  ExtractField field;
  if (!FindExtractField(field_name, &field))
    return ErrorAt(e->pos, "unit \"" + std::string(field_name) + "\" not recognized", "22023");
  BoundExpr* x = nullptr;
  DDB_RETURN_IF_ERROR(BindNode(src, &x));
  SqlType ts = SqlType::Logical(LogicalType::kTimestamp);
  SqlType how = ts;
  const SqlType& t = x->type;
  if (t.known()) {
    if (t.logical == LogicalType::kDate || t.logical == LogicalType::kTime) {
      how = t;
    } else if (IsPlain(t, ValueType::kText)) {
      DDB_RETURN_IF_ERROR(Convert(x, ts, false, &x));
    } else if (!IsPlain(t, ValueType::kInt64) && t.logical != LogicalType::kTimestamp) {
      return ErrorAt(e->pos, "function extract(unit, " + SqlTypeName(t) + ") does not exist", "42883");
    }
  }
  bool date_part = field == ExtractField::kYear || field == ExtractField::kQuarter ||
                   field == ExtractField::kMonth || field == ExtractField::kDay ||
                   field == ExtractField::kDow || field == ExtractField::kDoy;
  if (how.logical == LogicalType::kTime && date_part)
    return ErrorAt(e->pos, std::string("unit \"") + ExtractFieldName(field) +
                               "\" not supported for type TIME",
                   "22023");
  BoundExpr* n = pool_->NewNode(BoundOp::kFunc, e->pos);
  n->sub = static_cast<uint8_t>(FuncId::kExtract);
  n->index = static_cast<int32_t>(field);
  n->target = how;
  n->args = pool_->NewArgs(1);
  n->args[0] = x;
  n->arg_count = 1;
  n->type = SqlType::Of(field == ExtractField::kSecond || field == ExtractField::kEpoch
                            ? ValueType::kFloat64
                            : ValueType::kInt64);
  *out = MaybeFold(n);
  return Status::OK();
}

Status ExprBinder::BindSubqueryExpr(const sql::Expr* e, BoundExpr** out) {
  SubqueryKind kind = SubqueryKind::kScalar;
  const sql::SelectStmt* q = nullptr;
  if (e->kind == sql::ExprKind::kIn) {
    kind = SubqueryKind::kIn;
    q = e->in.subquery;
  } else {
    kind = e->kind == sql::ExprKind::kExists ? SubqueryKind::kExists : SubqueryKind::kScalar;
    q = e->subquery.query;
  }
  BoundExpr* operand = nullptr;
  if (kind == SubqueryKind::kIn) DDB_RETURN_IF_ERROR(BindNode(e->in.operand, &operand));
  SubqueryBinding sb;
  Status s = resolver_->BindSubquery(q, kind, pool_, &sb);
  if (!s.ok()) {
    if (s.Is(Code::kSql) && s.message().find(" at line ") == std::string::npos &&
        s.message().find("(at offset") == std::string::npos)
      return ErrorAt(e->pos, s.message(), s.sqlstate());
    return s;
  }
  if (kind != SubqueryKind::kExists && sb.columns != 1) {
    return ErrorAt(e->pos, "subquery must return only one column", "42601");
  }
  BoundExpr* n = pool_->NewNode(BoundOp::kSubquery, e->pos);
  n->sub = static_cast<uint8_t>(kind);
  n->index = sb.id;
  uint32_t first = kind == SubqueryKind::kIn ? 1 : 0;
  n->arg_count = first + static_cast<uint32_t>(sb.correlations.size());
  n->args = pool_->NewArgs(n->arg_count);
  for (size_t i = 0; i < sb.correlations.size(); ++i) n->args[first + i] = sb.correlations[i];
  if (kind == SubqueryKind::kIn) {
    // Type the comparison as `operand = value` would be: a stand-in for the subquery's
    // values tells which side needs a conversion.
    BoundExpr* inner = pool_->NewNode(BoundOp::kColumn, e->pos);
    inner->index = 0;
    inner->type = sb.type;
    BoundExpr* probe = inner;
    bool decimal = false;
    DDB_RETURN_IF_ERROR(Reconcile(&operand, &probe, e->pos, "IN", &decimal));
    if (probe != inner && probe->op == BoundOp::kConvert) {
      n->flags |= kFlagConvertInner;
      n->target = probe->target;
    }
    if (decimal) n->flags |= kFlagDecimal;
    if (e->in.negated) n->flags |= kFlagNegated;
    n->args[0] = operand;
    n->type = SqlType::Of(ValueType::kBool);
  } else if (kind == SubqueryKind::kExists) {
    n->type = SqlType::Of(ValueType::kBool);
  } else {
    n->type = sb.type;
  }
  *out = n;
  return Status::OK();
}

}  // namespace plan
}  // namespace decentdb
