// Aggregate accumulators (see aggregate.h for the result rules and invariants G1-G2).
#include "exec/aggregate.h"

#include <cmath>
#include <limits>
#include <string>
#include <unordered_set>

#include "exec/value_ops.h"

namespace decentdb {
namespace exec {

using plan::AggKind;

// Owned copies of the distinct values seen, hashed and compared like GROUP BY.
struct Accumulator::DistinctSet {
  struct Hash {
    LogicalType logical;
    size_t operator()(const Value& v) const { return static_cast<size_t>(HashValue(v.ref(), logical)); }
  };
  struct Eq {
    LogicalType logical;
    bool operator()(const Value& a, const Value& b) const { return GroupEqual(a.ref(), b.ref(), logical); }
  };
  explicit DistinctSet(LogicalType l) : values(16, Hash{l}, Eq{l}) {}
  std::unordered_set<Value, Hash, Eq> values;
};

Accumulator::Accumulator(AggKind kind, bool distinct, const SqlType& arg_type)
    : kind_(kind), distinct_(distinct && kind != AggKind::kCountStar), arg_type_(arg_type) {
  mode_ = arg_type.is_decimal() ? Mode::kDecimal
          : IsFloat(arg_type)   ? Mode::kFloat
                                : Mode::kInt;
}

Accumulator::~Accumulator() = default;
Accumulator::Accumulator(Accumulator&&) noexcept = default;
Accumulator& Accumulator::operator=(Accumulator&&) noexcept = default;

bool Accumulator::IsFloat(const SqlType& t) {
  return t.cls == ValueType::kFloat64 && t.logical == LogicalType::kNone;
}

void Accumulator::Reset() {
  count_ = 0;
  int_sum_ = 0;
  float_sum_ = 0;
  dec_sum_ = Decimal();
  max_scale_ = 0;
  best_ = Value();
  mode_ = arg_type_.is_decimal() ? Mode::kDecimal : IsFloat(arg_type_) ? Mode::kFloat : Mode::kInt;
  if (seen_ != nullptr) seen_->values.clear();
}

Status Accumulator::AddSum(ValueRef v) {
  if (mode_ == Mode::kDecimal) {
    Decimal d;
    DDB_RETURN_IF_ERROR(ToDecimal(v, &d));
    if (d.scale() > max_scale_) max_scale_ = d.scale();
    return dec_sum_.Add(d, &dec_sum_);
  }
  ValueRef n = v;
  if (v.type() == ValueType::kText) {
    if (!ParseNumberText(v.bytes(), &n)) {
      return Status::Sql("invalid input syntax for a number: \"" + std::string(v.bytes().substr(0, 100)) +
                             "\"",
                         "22P02");
    }
  } else if (v.type() != ValueType::kInt64 && v.type() != ValueType::kFloat64) {
    return Status::Sql(std::string("function ") + (kind_ == AggKind::kSum ? "sum" : "avg") + "(" +
                           ValueTypeName(v.type()) + ") does not exist",
                       "42883");
  }
  if (n.type() == ValueType::kFloat64 && mode_ == Mode::kInt) {
    // (G2): the exact integer total so far continues as a double.
    float_sum_ = static_cast<double>(int_sum_);
    mode_ = Mode::kFloat;
  }
  if (mode_ == Mode::kInt) {
    int_sum_ += n.int64();
    return Status::OK();
  }
  double x = n.type() == ValueType::kInt64 ? static_cast<double>(n.int64()) : n.float64();
  double r = float_sum_ + x;
  if (std::isinf(r) && std::isfinite(float_sum_) && std::isfinite(x)) {
    return Status::Sql("value out of range: overflow", "22003");
  }
  float_sum_ = r;
  return Status::OK();
}

Status Accumulator::Add(ValueRef v) {
  if (kind_ == AggKind::kCountStar) {
    ++count_;
    return Status::OK();
  }
  if (v.is_null()) return Status::OK();
  if (distinct_) {
    if (seen_ == nullptr) seen_ = std::make_unique<DistinctSet>(arg_type_.logical);
    Value copy(v);
    if (!seen_->values.insert(std::move(copy)).second) return Status::OK();
  }
  switch (kind_) {
    case AggKind::kCountStar:
    case AggKind::kCount: break;
    case AggKind::kSum:
    case AggKind::kAvg: DDB_RETURN_IF_ERROR(AddSum(v)); break;
    case AggKind::kMin:
    case AggKind::kMax: {
      LogicalType l = v.type() == arg_type_.cls ? arg_type_.logical : LogicalType::kNone;
      if (best_.is_null()) {
        best_.Assign(v);
      } else {
        int c = CompareForSort(v, best_.ref(), l, false, false);
        if (kind_ == AggKind::kMin ? c < 0 : c > 0) best_.Assign(v);
      }
      break;
    }
  }
  ++count_;
  return Status::OK();
}

Status Accumulator::Finish(ScratchArena* scratch, ValueRef* out) const {
  if (kind_ == AggKind::kCountStar || kind_ == AggKind::kCount) {
    *out = ValueRef::Int64(count_);
    return Status::OK();
  }
  if (count_ == 0) {
    *out = ValueRef::Null();
    return Status::OK();
  }
  switch (kind_) {
    case AggKind::kMin:
    case AggKind::kMax: *out = best_.ref(); return Status::OK();
    case AggKind::kSum:
      switch (mode_) {
        case Mode::kInt:
          if (int_sum_ > std::numeric_limits<int64_t>::max() ||
              int_sum_ < std::numeric_limits<int64_t>::min()) {
            return Status::Sql("bigint out of range", "22003");
          }
          *out = ValueRef::Int64(static_cast<int64_t>(int_sum_));
          return Status::OK();
        case Mode::kFloat: *out = ValueRef::Float64(float_sum_); return Status::OK();
        case Mode::kDecimal: *out = DecimalValue(dec_sum_, scratch); return Status::OK();
      }
      break;
    case AggKind::kAvg:
      switch (mode_) {
        case Mode::kInt:
          *out = ValueRef::Float64(static_cast<double>(int_sum_) / static_cast<double>(count_));
          return Status::OK();
        case Mode::kFloat:
          *out = ValueRef::Float64(float_sum_ / static_cast<double>(count_));
          return Status::OK();
        case Mode::kDecimal: {
          Decimal q, r;
          DDB_RETURN_IF_ERROR(dec_sum_.Div(Decimal::FromInt64(count_), &q));
          DDB_RETURN_IF_ERROR(q.Rescale(0, max_scale_ + 4, &r));
          *out = DecimalValue(r, scratch);
          return Status::OK();
        }
      }
      break;
    default: break;
  }
  return Status::Internal("unknown aggregate");
}

}  // namespace exec
}  // namespace decentdb
