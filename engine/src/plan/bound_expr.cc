// ExprPool storage and the small static tables of bound expressions (function names,
// aggregate result types). Design: plan/bound_expr.h.
#include "plan/bound_expr.h"

#include "plan/query_plan.h"

namespace decentdb {
namespace plan {

const char* FuncName(FuncId f) {
  switch (f) {
    case FuncId::kLength: return "length";
    case FuncId::kOctetLength: return "octet_length";
    case FuncId::kLower: return "lower";
    case FuncId::kUpper: return "upper";
    case FuncId::kBtrim: return "btrim";
    case FuncId::kLtrim: return "ltrim";
    case FuncId::kRtrim: return "rtrim";
    case FuncId::kSubstr: return "substr";
    case FuncId::kReplace: return "replace";
    case FuncId::kStrpos: return "strpos";
    case FuncId::kLeft: return "left";
    case FuncId::kRight: return "right";
    case FuncId::kLpad: return "lpad";
    case FuncId::kRpad: return "rpad";
    case FuncId::kConcatFn: return "concat";
    case FuncId::kConcatWs: return "concat_ws";
    case FuncId::kAbs: return "abs";
    case FuncId::kRound: return "round";
    case FuncId::kCeil: return "ceil";
    case FuncId::kFloor: return "floor";
    case FuncId::kMod: return "mod";
    case FuncId::kNow: return "now";
    case FuncId::kCurrentDate: return "current_date";
    case FuncId::kCurrentTime: return "current_time";
    case FuncId::kGenRandomUuid: return "gen_random_uuid";
    case FuncId::kExtract: return "extract";
    case FuncId::kCount_: break;
  }
  return "?";
}

bool AggregateResultType(AggKind kind, const SqlType& arg, SqlType* out) {
  switch (kind) {
    case AggKind::kCountStar:
    case AggKind::kCount: *out = SqlType::Of(ValueType::kInt64); return true;
    case AggKind::kMin:
    case AggKind::kMax: *out = arg; return true;
    case AggKind::kSum:
    case AggKind::kAvg:
      if (arg.logical == LogicalType::kDecimal) {
        *out = SqlType::Logical(LogicalType::kDecimal);
        return true;
      }
      if (arg.logical != LogicalType::kNone) return false;
      switch (arg.cls) {
        case ValueType::kNull: *out = SqlType::Unknown(); return true;
        case ValueType::kInt64:
          *out = SqlType::Of(kind == AggKind::kSum ? ValueType::kInt64 : ValueType::kFloat64);
          return true;
        case ValueType::kFloat64: *out = SqlType::Of(ValueType::kFloat64); return true;
        default: return false;
      }
  }
  return false;
}

namespace {
const char* const kExtractFieldNames[] = {
    "YEAR", "QUARTER", "MONTH", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND", "DOW", "DOY", "EPOCH",
};
}  // namespace

const char* ExtractFieldName(ExtractField f) {
  size_t i = static_cast<size_t>(f);
  return i < static_cast<size_t>(ExtractField::kCount_) ? kExtractFieldNames[i] : "?";
}

bool FindExtractField(std::string_view name, ExtractField* out) {
  auto eq = [](std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      char c = a[i];
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      if (c != b[i]) return false;
    }
    return true;
  };
  if (eq(name, "MILLISECONDS")) name = "MILLISECOND";
  for (size_t i = 0; i < static_cast<size_t>(ExtractField::kCount_); ++i) {
    if (eq(name, kExtractFieldNames[i])) {
      *out = static_cast<ExtractField>(i);
      return true;
    }
  }
  return false;
}

ExprPool::ExprPool() = default;
ExprPool::~ExprPool() = default;

int ExprPool::AddSubquery(std::unique_ptr<SubqueryDef> def) {
  subqueries_.push_back(std::move(def));
  return static_cast<int>(subqueries_.size()) - 1;
}

BoundExpr* ExprPool::NewNode(BoundOp op, uint32_t pos) {
  BoundExpr* e = arena_.Zeroed<BoundExpr>();
  e->op = op;
  e->pos = pos;
  e->index = -1;
  e->type = SqlType::Unknown();
  e->target = SqlType::Unknown();
  e->value = ValueRef::Null();
  return e;
}

BoundExpr** ExprPool::NewArgs(uint32_t n) {
  if (n == 0) return nullptr;
  void* p = arena_.Allocate(sizeof(BoundExpr*) * n, alignof(BoundExpr*));
  BoundExpr** args = static_cast<BoundExpr**>(p);
  for (uint32_t i = 0; i < n; ++i) args[i] = nullptr;
  return args;
}

BoundExpr* ExprPool::NewConst(ValueRef v, const SqlType& type, uint32_t pos) {
  BoundExpr* e = NewNode(BoundOp::kConst, pos);
  e->type = type;
  if (v.type() == ValueType::kText) {
    e->value = ValueRef::Text(CopyBytes(v.bytes()));
  } else if (v.type() == ValueType::kBlob) {
    std::string_view b = CopyBytes(v.bytes());
    e->value = ValueRef::Blob(b.data(), b.size());
  } else {
    e->value = v;
  }
  return e;
}

const LikePattern* ExprPool::AddPattern(std::unique_ptr<LikePattern> p) {
  patterns_.push_back(std::move(p));
  return patterns_.back().get();
}

}  // namespace plan
}  // namespace decentdb
