// Tree-walking evaluator for bound expressions (see evaluator.h): three-valued logic,
// comparisons with the §8.4 rules, arithmetic, LIKE with compiled-pattern caching,
// CASE, conversions and COALESCE/NULLIF. Scalar functions are in scalar_functions.cc.
#include "exec/evaluator.h"

#include <cstring>
#include <memory>

#include "exec/value_cast.h"
#include "exec/value_ops.h"

namespace decentdb {
namespace exec {

using plan::BoundExpr;
using plan::BoundOp;
using plan::CmpOp;

void EvalContext::Prepare(const plan::ExprPool& pool) {
  size_t n = static_cast<size_t>(pool.like_cache_slots());
  if (like_cache.size() < n) like_cache.resize(n);
}

void EvalContext::SeedRandom(uint64_t seed) {
  // splitmix64 expands one seed into the two state words; the state must not be all 0.
  auto next = [&seed]() {
    uint64_t z = (seed += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  };
  rng_[0] = next();
  rng_[1] = next();
  if (rng_[0] == 0 && rng_[1] == 0) rng_[1] = 1;
}

uint64_t EvalContext::NextRandom() {
  // xorshift128+: fast and good enough for version-4 UUIDs (not for cryptography).
  uint64_t s1 = rng_[0];
  const uint64_t s0 = rng_[1];
  rng_[0] = s0;
  s1 ^= s1 << 23;
  rng_[1] = s1 ^ s0 ^ (s1 >> 17) ^ (s0 >> 26);
  return rng_[1] + s0;
}

namespace {

enum Tri : int { kFalse = 0, kTrue = 1, kUnknown = 2 };

Tri Not(Tri t) { return t == kUnknown ? kUnknown : (t == kTrue ? kFalse : kTrue); }
Tri And(Tri a, Tri b) {
  if (a == kFalse || b == kFalse) return kFalse;
  if (a == kUnknown || b == kUnknown) return kUnknown;
  return kTrue;
}
ValueRef FromTri(Tri t) { return t == kUnknown ? ValueRef::Null() : ValueRef::Bool(t == kTrue); }

// The logical type that applies to a runtime value of a node: the static one when the
// value has the static class (parameters and NULL literals carry none).
LogicalType LogicalOf(const BoundExpr& e, ValueRef v) {
  return e.type.cls == v.type() ? e.type.logical : LogicalType::kNone;
}

Status ToTri(ValueRef v, Tri* out) {
  switch (v.type()) {
    case ValueType::kNull: *out = kUnknown; return Status::OK();
    case ValueType::kBool: *out = v.boolean() ? kTrue : kFalse; return Status::OK();
    case ValueType::kText: {
      // A parameter bound as text ('true', 'f', ...) is coerced like an assignment.
      bool b;
      if (ParseBoolText(v.bytes(), &b)) {
        *out = b ? kTrue : kFalse;
        return Status::OK();
      }
      return Status::Sql("invalid input syntax for type boolean: \"" +
                             std::string(v.bytes().substr(0, 100)) + "\"",
                         "22P02");
    }
    default:
      return Status::Sql(std::string("argument must be type BOOL, not type ") + ValueTypeName(v.type()),
                         "42804");
  }
}

Status EvalTri(const BoundExpr& e, const ValueRef* row, EvalContext* ctx, Tri* out) {
  ValueRef v;
  DDB_RETURN_IF_ERROR(Evaluate(e, row, ctx, &v));
  return ToTri(v, out);
}

// REQUIRES: neither a nor b is NULL.
inline Status Compare(const BoundExpr& node, ValueRef a, ValueRef b, int* out) {
  if (a.type() == ValueType::kInt64 && b.type() == ValueType::kInt64 &&
      !(node.flags & plan::kFlagDecimal)) {
    *out = a.int64() < b.int64() ? -1 : (a.int64() > b.int64() ? 1 : 0);
    return Status::OK();
  }
  if (node.flags & plan::kFlagDecimal) return CompareDecimal(a, b, out);
  *out = CompareValues(a, b);
  return Status::OK();
}

bool ApplyCmp(CmpOp op, int c) {
  switch (op) {
    case CmpOp::kEq: return c == 0;
    case CmpOp::kNe: return c != 0;
    case CmpOp::kLt: return c < 0;
    case CmpOp::kLe: return c <= 0;
    case CmpOp::kGt: return c > 0;
    case CmpOp::kGe: return c >= 0;
  }
  return false;
}

Status AsText(const BoundExpr& arg, ValueRef v, EvalContext* ctx, std::string_view* out) {
  return RenderText(v, LogicalOf(arg, v), ctx->scratch, out);
}

Status EvalLike(const BoundExpr& e, const ValueRef* row, EvalContext* ctx, ValueRef* out) {
  ValueRef v[3];
  for (uint32_t i = 0; i < e.arg_count; ++i) {
    DDB_RETURN_IF_ERROR(Evaluate(*e.args[i], row, ctx, &v[i]));
    if (v[i].is_null()) {
      *out = ValueRef::Null();
      return Status::OK();
    }
  }
  std::string_view text, pattern;
  DDB_RETURN_IF_ERROR(AsText(*e.args[0], v[0], ctx, &text));
  const LikePattern* p = e.like;
  std::unique_ptr<LikePattern> temp;
  if (p == nullptr) {
    DDB_RETURN_IF_ERROR(AsText(*e.args[1], v[1], ctx, &pattern));
    int32_t esc = LikePattern::kDefaultEscape;
    if (e.arg_count == 3) {
      std::string_view esc_text;
      DDB_RETURN_IF_ERROR(AsText(*e.args[2], v[2], ctx, &esc_text));
      DDB_RETURN_IF_ERROR(LikePattern::ParseEscape(esc_text, &esc));
    }
    bool ilike = (e.flags & plan::kFlagIlike) != 0;
    if (e.index >= 0 && static_cast<size_t>(e.index) < ctx->like_cache.size()) {
      EvalContext::LikeCacheEntry& c = ctx->like_cache[static_cast<size_t>(e.index)];
      if (!c.valid || c.escape != esc || c.pattern != pattern) {
        c.valid = false;
        DDB_RETURN_IF_ERROR(LikePattern::Compile(pattern, esc, ilike, &c.compiled));
        c.pattern.assign(pattern.data(), pattern.size());
        c.escape = esc;
        c.valid = true;
      }
      p = &c.compiled;
    } else {
      temp = std::make_unique<LikePattern>();
      DDB_RETURN_IF_ERROR(LikePattern::Compile(pattern, esc, ilike, temp.get()));
      p = temp.get();
    }
  }
  bool m = p->Match(text);
  if (e.flags & plan::kFlagNegated) m = !m;
  *out = ValueRef::Bool(m);
  return Status::OK();
}

Status EvalCase(const BoundExpr& e, const ValueRef* row, EvalContext* ctx, ValueRef* out) {
  bool simple = (e.flags & plan::kFlagHasOperand) != 0;
  bool has_else = (e.flags & plan::kFlagHasElse) != 0;
  uint32_t base = simple ? 1 : 0;
  uint32_t pairs = (e.arg_count - base - (has_else ? 1 : 0)) / 2;
  ValueRef operand;
  if (simple) DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &operand));
  for (uint32_t i = 0; i < pairs; ++i) {
    const BoundExpr& when = *e.args[base + 2 * i];
    bool hit = false;
    if (simple) {
      ValueRef w;
      DDB_RETURN_IF_ERROR(Evaluate(when, row, ctx, &w));
      if (!operand.is_null() && !w.is_null()) {
        int c = 0;
        DDB_RETURN_IF_ERROR(Compare(e, operand, w, &c));
        hit = c == 0;
      }
    } else {
      Tri t;
      DDB_RETURN_IF_ERROR(EvalTri(when, row, ctx, &t));
      hit = t == kTrue;
    }
    if (hit) return Evaluate(*e.args[base + 2 * i + 1], row, ctx, out);
  }
  if (has_else) return Evaluate(*e.args[e.arg_count - 1], row, ctx, out);
  *out = ValueRef::Null();
  return Status::OK();
}

Status EvalFunc(const BoundExpr& e, const ValueRef* row, EvalContext* ctx, ValueRef* out) {
  ValueRef local[8];
  ValueRef* args = local;
  if (e.arg_count > 8) {
    args = reinterpret_cast<ValueRef*>(ctx->scratch->Allocate(sizeof(ValueRef) * e.arg_count));
  }
  for (uint32_t i = 0; i < e.arg_count; ++i) {
    DDB_RETURN_IF_ERROR(Evaluate(*e.args[i], row, ctx, &args[i]));
  }
  return CallScalarFunction(e, args, e.arg_count, ctx, out);
}

}  // namespace

Status Evaluate(const BoundExpr& e, const ValueRef* row, EvalContext* ctx, ValueRef* out) {
  switch (e.op) {
    case BoundOp::kConst: *out = e.value; return Status::OK();
    case BoundOp::kColumn: *out = row[e.index]; return Status::OK();
    case BoundOp::kParam:
      if (e.index >= ctx->param_count || ctx->params == nullptr) {
        return Status::Sql("missing parameter $" + std::to_string(e.index + 1), "42P02");
      }
      *out = ctx->params[e.index];
      return Status::OK();
    case BoundOp::kNot: {
      Tri t;
      DDB_RETURN_IF_ERROR(EvalTri(*e.args[0], row, ctx, &t));
      *out = FromTri(Not(t));
      return Status::OK();
    }
    case BoundOp::kAnd:
    case BoundOp::kOr: {
      // FALSE decides AND and TRUE decides OR regardless of NULLs, so stop there.
      Tri decisive = e.op == BoundOp::kAnd ? kFalse : kTrue;
      bool saw_null = false;
      for (uint32_t i = 0; i < e.arg_count; ++i) {
        Tri t;
        DDB_RETURN_IF_ERROR(EvalTri(*e.args[i], row, ctx, &t));
        if (t == decisive) {
          *out = ValueRef::Bool(t == kTrue);
          return Status::OK();
        }
        if (t == kUnknown) saw_null = true;
      }
      *out = saw_null ? ValueRef::Null() : ValueRef::Bool(decisive == kFalse);
      return Status::OK();
    }
    case BoundOp::kNeg: {
      ValueRef v;
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &v));
      if (v.is_null()) {
        *out = v;
        return Status::OK();
      }
      return Negate(v, (e.flags & plan::kFlagDecimal) != 0, ctx->scratch, out);
    }
    case BoundOp::kCompare: {
      ValueRef a, b;
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &a));
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[1], row, ctx, &b));
      if (a.is_null() || b.is_null()) {
        *out = ValueRef::Null();
        return Status::OK();
      }
      int c = 0;
      DDB_RETURN_IF_ERROR(Compare(e, a, b, &c));
      *out = ValueRef::Bool(ApplyCmp(static_cast<CmpOp>(e.sub), c));
      return Status::OK();
    }
    case BoundOp::kDistinct: {
      ValueRef a, b;
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &a));
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[1], row, ctx, &b));
      bool equal;
      if (a.is_null() || b.is_null()) {
        equal = a.is_null() && b.is_null();
      } else {
        int c = 0;
        DDB_RETURN_IF_ERROR(Compare(e, a, b, &c));
        equal = c == 0;
      }
      *out = ValueRef::Bool((e.flags & plan::kFlagNegated) ? equal : !equal);
      return Status::OK();
    }
    case BoundOp::kArith: {
      ValueRef a, b;
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &a));
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[1], row, ctx, &b));
      if (a.is_null() || b.is_null()) {
        *out = ValueRef::Null();
        return Status::OK();
      }
      ArithOp op = static_cast<ArithOp>(e.sub);
      if (e.flags & plan::kFlagDecimal) return ArithDecimal(op, a, b, ctx->scratch, out);
      if (a.type() == ValueType::kInt64 && b.type() == ValueType::kInt64) {
        int64_t r;
        DDB_RETURN_IF_ERROR(ArithInt(op, a.int64(), b.int64(), &r));
        *out = ValueRef::Int64(r);
        return Status::OK();
      }
      return Arith(op, a, b, out);
    }
    case BoundOp::kConcat: {
      ValueRef a, b;
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &a));
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[1], row, ctx, &b));
      if (a.is_null() || b.is_null()) {
        *out = ValueRef::Null();
        return Status::OK();
      }
      std::string_view sa, sb;
      DDB_RETURN_IF_ERROR(AsText(*e.args[0], a, ctx, &sa));
      DDB_RETURN_IF_ERROR(AsText(*e.args[1], b, ctx, &sb));
      char* p = ctx->scratch->Allocate(sa.size() + sb.size());
      if (!sa.empty()) std::memcpy(p, sa.data(), sa.size());
      if (!sb.empty()) std::memcpy(p + sa.size(), sb.data(), sb.size());
      *out = ValueRef::Text(p, sa.size() + sb.size());
      return Status::OK();
    }
    case BoundOp::kIsNull: {
      ValueRef v;
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &v));
      *out = ValueRef::Bool(v.is_null() != ((e.flags & plan::kFlagNegated) != 0));
      return Status::OK();
    }
    case BoundOp::kIsTrue:
    case BoundOp::kIsFalse: {
      Tri t;
      DDB_RETURN_IF_ERROR(EvalTri(*e.args[0], row, ctx, &t));
      bool r = t == (e.op == BoundOp::kIsTrue ? kTrue : kFalse);
      *out = ValueRef::Bool(r != ((e.flags & plan::kFlagNegated) != 0));
      return Status::OK();
    }
    case BoundOp::kIn: {
      ValueRef x;
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &x));
      if (x.is_null()) {
        *out = ValueRef::Null();
        return Status::OK();
      }
      Tri r = kFalse;
      for (uint32_t i = 1; i < e.arg_count; ++i) {
        ValueRef item;
        DDB_RETURN_IF_ERROR(Evaluate(*e.args[i], row, ctx, &item));
        if (item.is_null()) {
          r = kUnknown;
          continue;
        }
        int c = 0;
        DDB_RETURN_IF_ERROR(Compare(e, x, item, &c));
        if (c == 0) {
          r = kTrue;
          break;
        }
      }
      if (e.flags & plan::kFlagNegated) r = Not(r);
      *out = FromTri(r);
      return Status::OK();
    }
    case BoundOp::kSubquery:
      if (ctx->subqueries == nullptr)
        return Status::Sql("not supported: subqueries in this context", "0A000");
      return ctx->subqueries->Run(e, row, ctx, out);
    case BoundOp::kOuterRef:
      if (e.index < 0 || e.index >= ctx->outer_count)
        return Status::Internal("outer reference without a value");
      *out = ctx->outer[e.index];
      return Status::OK();
    case BoundOp::kBetween: {
      ValueRef x, lo, hi;
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &x));
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[1], row, ctx, &lo));
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[2], row, ctx, &hi));
      Tri t1 = kUnknown, t2 = kUnknown;
      int c = 0;
      if (!x.is_null() && !lo.is_null()) {
        DDB_RETURN_IF_ERROR(Compare(e, x, lo, &c));
        t1 = c >= 0 ? kTrue : kFalse;
      }
      if (!x.is_null() && !hi.is_null()) {
        DDB_RETURN_IF_ERROR(Compare(e, x, hi, &c));
        t2 = c <= 0 ? kTrue : kFalse;
      }
      Tri r = And(t1, t2);
      if (e.flags & plan::kFlagNegated) r = Not(r);
      *out = FromTri(r);
      return Status::OK();
    }
    case BoundOp::kLike: return EvalLike(e, row, ctx, out);
    case BoundOp::kCase: return EvalCase(e, row, ctx, out);
    case BoundOp::kConvert: {
      ValueRef v;
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &v));
      const BoundExpr& src = *e.args[0];
      std::string_view float_text =
          src.op == BoundOp::kConst && src.value.type() == ValueType::kFloat64 ? src.text
                                                                               : std::string_view();
      return ConvertValue(v, src.type, e.target,
                          (e.flags & plan::kFlagAssign) ? ConvertMode::kAssign : ConvertMode::kCast,
                          ctx->scratch, out, float_text);
    }
    case BoundOp::kCoalesce:
      for (uint32_t i = 0; i < e.arg_count; ++i) {
        DDB_RETURN_IF_ERROR(Evaluate(*e.args[i], row, ctx, out));
        if (!out->is_null()) return Status::OK();
      }
      *out = ValueRef::Null();
      return Status::OK();
    case BoundOp::kNullIf: {
      ValueRef a, b, left;
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[0], row, ctx, &a));
      DDB_RETURN_IF_ERROR(Evaluate(*e.args[1], row, ctx, &b));
      *out = a;
      if (a.is_null() || b.is_null()) return Status::OK();
      left = a;
      if (e.arg_count == 3) DDB_RETURN_IF_ERROR(Evaluate(*e.args[2], row, ctx, &left));
      int c = 0;
      DDB_RETURN_IF_ERROR(Compare(e, left, b, &c));
      if (c == 0) *out = ValueRef::Null();
      return Status::OK();
    }
    case BoundOp::kFunc: return EvalFunc(e, row, ctx, out);
  }
  return Status::Internal("unknown bound expression operator");
}

Status EvaluatePredicate(const BoundExpr& e, const ValueRef* row, EvalContext* ctx, bool* out) {
  Tri t;
  DDB_RETURN_IF_ERROR(EvalTri(e, row, ctx, &t));
  *out = t == kTrue;
  return Status::OK();
}

}  // namespace exec
}  // namespace decentdb
