// CAST and assignment coercion (see value_cast.h; rules in ENGINE.md §8.3-8.4). One
// converter per target class or logical type; the mode only changes the few cells where
// §8.3 is stricter than CAST.
#include "exec/value_cast.h"

#include <cmath>
#include <limits>
#include <string>

#include "exec/value_ops.h"
#include "util/datetime.h"
#include "util/decimal.h"

namespace decentdb {
namespace exec {

namespace {

constexpr double kTwo63 = 9223372036854775808.0;

std::string SourceName(ValueRef v, LogicalType fl) {
  if (fl != LogicalType::kNone) return LogicalTypeName(fl);
  return ValueTypeName(v.type());
}

Status Mismatch(ValueRef v, LogicalType fl, const SqlType& to, ConvertMode mode) {
  std::string msg = mode == ConvertMode::kCast ? "cannot cast " : "cannot assign ";
  msg += SourceName(v, fl) + (mode == ConvertMode::kCast ? " to " : " to a column of type ") +
         SqlTypeName(to);
  return Status::Sql(msg, "42804");
}

Status BadText(ValueRef v, const char* type) {
  std::string shown(v.bytes().substr(0, 100));
  return Status::Sql("invalid input syntax for type " + std::string(type) + ": \"" + shown + "\"",
                     "22P02");
}

bool AllDigits(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++digits;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
  return digits > 0 && i == s.size();
}

Status ToInt64(ValueRef v, LogicalType fl, const SqlType& to, ConvertMode mode, ValueRef* out) {
  switch (v.type()) {
    case ValueType::kInt64: *out = ValueRef::Int64(v.int64()); return Status::OK();
    case ValueType::kBool: *out = ValueRef::Int64(v.int64()); return Status::OK();
    case ValueType::kFloat64: {
      double d = v.float64();
      if (!(d >= -kTwo63 && d < kTwo63)) return Status::Sql("bigint out of range", "22003");
      double t = std::trunc(d);
      if (mode == ConvertMode::kAssign && t != d) {
        char buf[32];
        size_t n = FormatFloat64(d, buf);
        return Status::Sql("invalid input syntax for type bigint: \"" + std::string(buf, n) +
                               "\" (not an integer)",
                           "22P02");
      }
      *out = ValueRef::Int64(static_cast<int64_t>(t));
      return Status::OK();
    }
    case ValueType::kText: {
      if (fl == LogicalType::kDecimal) {
        Decimal d;
        DDB_RETURN_IF_ERROR(Decimal::Parse(v.bytes(), &d));
        int64_t i;
        DDB_RETURN_IF_ERROR(d.ToInt64(&i));
        if (mode == ConvertMode::kAssign && Decimal::FromInt64(i).Compare(d) != 0) {
          return BadText(v, "bigint");
        }
        *out = ValueRef::Int64(i);
        return Status::OK();
      }
      int64_t i;
      if (ParseInt64Text(v.bytes(), &i)) {
        *out = ValueRef::Int64(i);
        return Status::OK();
      }
      if (AllDigits(v.bytes())) return Status::Sql("bigint out of range", "22003");
      return BadText(v, "bigint");
    }
    default: return Mismatch(v, fl, to, mode);
  }
}

Status ToFloat64(ValueRef v, LogicalType fl, const SqlType& to, ConvertMode mode, ValueRef* out) {
  switch (v.type()) {
    case ValueType::kInt64: *out = ValueRef::Float64(static_cast<double>(v.int64())); return Status::OK();
    case ValueType::kFloat64: *out = v; return Status::OK();
    case ValueType::kText: {
      if (fl == LogicalType::kDecimal) {
        Decimal d;
        DDB_RETURN_IF_ERROR(Decimal::Parse(v.bytes(), &d));
        *out = ValueRef::Float64(d.ToDouble());
        return Status::OK();
      }
      double d;
      if (!ParseFloat64Text(v.bytes(), &d)) return BadText(v, "double precision");
      *out = ValueRef::Float64(d);
      return Status::OK();
    }
    default: return Mismatch(v, fl, to, mode);
  }
}

Status ToText(ValueRef v, LogicalType fl, const SqlType& to, ConvertMode mode,
              ScratchArena* scratch, ValueRef* out) {
  if (v.type() == ValueType::kBlob && mode == ConvertMode::kAssign && fl != LogicalType::kUuid) {
    return Mismatch(v, fl, to, mode);
  }
  std::string_view s;
  DDB_RETURN_IF_ERROR(RenderText(v, fl, scratch, &s));
  *out = ValueRef::Text(s);
  return Status::OK();
}

Status ToBlob(ValueRef v, LogicalType fl, const SqlType& to, ConvertMode mode, ValueRef* out) {
  if (v.type() == ValueType::kBlob) {
    *out = v;
    return Status::OK();
  }
  if (v.type() == ValueType::kText && mode == ConvertMode::kCast) {
    *out = ValueRef::Blob(v.data(), v.size());
    return Status::OK();
  }
  return Mismatch(v, fl, to, mode);
}

Status ToBool(ValueRef v, LogicalType fl, const SqlType& to, ConvertMode mode, ValueRef* out) {
  switch (v.type()) {
    case ValueType::kBool: *out = v; return Status::OK();
    case ValueType::kInt64:
      if (fl != LogicalType::kNone) return Mismatch(v, fl, to, mode);
      if (mode == ConvertMode::kAssign && v.int64() != 0 && v.int64() != 1) {
        return Status::Sql("invalid input syntax for type boolean: " + std::to_string(v.int64()),
                           "22P02");
      }
      *out = ValueRef::Bool(v.int64() != 0);
      return Status::OK();
    case ValueType::kText: {
      bool b;
      if (fl == LogicalType::kDecimal || !ParseBoolText(v.bytes(), &b)) return BadText(v, "boolean");
      *out = ValueRef::Bool(b);
      return Status::OK();
    }
    default: return Mismatch(v, fl, to, mode);
  }
}

Status TemporalOutOfRange(LogicalType l, int64_t v) {
  return Status::Sql(std::string(LogicalTypeName(l)) + " value out of range: " + std::to_string(v),
                     "22007");
}

Status ToTemporal(ValueRef v, LogicalType fl, const SqlType& to, ConvertMode mode, ValueRef* out) {
  LogicalType l = to.logical;
  switch (v.type()) {
    case ValueType::kInt64: {
      int64_t x = v.int64();
      if (fl == l || fl == LogicalType::kNone) {
        if (l == LogicalType::kTime && (x < 0 || x >= kMillisPerDay)) return TemporalOutOfRange(l, x);
        *out = ValueRef::Int64(x);
        return Status::OK();
      }
      if (fl == LogicalType::kTimestamp && l == LogicalType::kDate) {
        *out = ValueRef::Int64(FloorDiv(x, kMillisPerDay));
        return Status::OK();
      }
      if (fl == LogicalType::kTimestamp && l == LogicalType::kTime) {
        *out = ValueRef::Int64(x - FloorDiv(x, kMillisPerDay) * kMillisPerDay);
        return Status::OK();
      }
      if (fl == LogicalType::kDate && l == LogicalType::kTimestamp) {
        int64_t ms;
        if (__builtin_mul_overflow(x, kMillisPerDay, &ms)) return TemporalOutOfRange(l, x);
        *out = ValueRef::Int64(ms);
        return Status::OK();
      }
      return Mismatch(v, fl, to, mode);
    }
    case ValueType::kText: {
      if (fl == LogicalType::kDecimal) return Mismatch(v, fl, to, mode);
      int64_t x = 0;
      if (l == LogicalType::kTimestamp) {
        DDB_RETURN_IF_ERROR(ParseTimestamp(v.bytes(), &x));
      } else if (l == LogicalType::kDate) {
        Status s = ParseDate(v.bytes(), &x);
        if (!s.ok()) {
          // A full timestamp text is accepted and floored to its day, as for TIMESTAMP.
          int64_t ms;
          if (!ParseTimestamp(v.bytes(), &ms).ok()) return s;
          x = FloorDiv(ms, kMillisPerDay);
        }
      } else {
        Status s = ParseTime(v.bytes(), &x);
        if (!s.ok()) {
          int64_t ms;
          if (!ParseTimestamp(v.bytes(), &ms).ok()) return s;
          x = ms - FloorDiv(ms, kMillisPerDay) * kMillisPerDay;
        }
      }
      *out = ValueRef::Int64(x);
      return Status::OK();
    }
    default: return Mismatch(v, fl, to, mode);
  }
}

Status ToDecimalTarget(ValueRef v, LogicalType fl, const SqlType& to, ConvertMode mode,
                       std::string_view float_text, ScratchArena* scratch, ValueRef* out) {
  Decimal d;
  switch (v.type()) {
    case ValueType::kInt64:
      if (fl != LogicalType::kNone) return Mismatch(v, fl, to, mode);
      d = Decimal::FromInt64(v.int64());
      break;
    case ValueType::kFloat64:
      if (!float_text.empty()) {
        DDB_RETURN_IF_ERROR(Decimal::Parse(float_text, &d));
      } else {
        DDB_RETURN_IF_ERROR(ToDecimal(v, &d));
      }
      break;
    case ValueType::kText: {
      Status s = Decimal::Parse(v.bytes(), &d);
      if (!s.ok()) return s.sqlstate() == std::string("22P02") ? BadText(v, "numeric") : s;
      break;
    }
    default: return Mismatch(v, fl, to, mode);
  }
  if (to.precision > 0) {
    Decimal r;
    DDB_RETURN_IF_ERROR(d.Rescale(to.precision, to.scale, &r));
    d = r;
  }
  *out = DecimalValue(d, scratch);
  return Status::OK();
}

Status ToUuid(ValueRef v, LogicalType fl, const SqlType& to, ConvertMode mode,
              ScratchArena* scratch, ValueRef* out) {
  switch (v.type()) {
    case ValueType::kBlob:
      if (v.size() != 16) {
        return Status::Sql("invalid UUID: expected 16 bytes, got " + std::to_string(v.size()),
                           "22P02");
      }
      *out = v;
      return Status::OK();
    case ValueType::kText: {
      if (fl == LogicalType::kDecimal) return Mismatch(v, fl, to, mode);
      uint8_t* p = reinterpret_cast<uint8_t*>(scratch->Allocate(16));
      DDB_RETURN_IF_ERROR(ParseUuid(v.bytes(), p));
      *out = ValueRef::Blob(p, 16);
      return Status::OK();
    }
    default: return Mismatch(v, fl, to, mode);
  }
}

}  // namespace

Status ConvertValue(ValueRef v, const SqlType& from, const SqlType& to, ConvertMode mode,
                    ScratchArena* scratch, ValueRef* out, std::string_view float_text) {
  if (v.is_null()) {
    *out = ValueRef::Null();
    return Status::OK();
  }
  // A parameter's static type is unknown; a value of another class than its static type
  // (possible only for unknown types) carries no logical meaning.
  LogicalType fl = from.cls == v.type() ? from.logical : LogicalType::kNone;
  switch (to.logical) {
    case LogicalType::kNone: break;
    case LogicalType::kTimestamp:
    case LogicalType::kDate:
    case LogicalType::kTime: return ToTemporal(v, fl, to, mode, out);
    case LogicalType::kDecimal: return ToDecimalTarget(v, fl, to, mode, float_text, scratch, out);
    case LogicalType::kUuid: return ToUuid(v, fl, to, mode, scratch, out);
  }
  switch (to.cls) {
    case ValueType::kNull: *out = v; return Status::OK();
    case ValueType::kInt64: return ToInt64(v, fl, to, mode, out);
    case ValueType::kFloat64: return ToFloat64(v, fl, to, mode, out);
    case ValueType::kText: return ToText(v, fl, to, mode, scratch, out);
    case ValueType::kBlob: return ToBlob(v, fl, to, mode, out);
    case ValueType::kBool: return ToBool(v, fl, to, mode, out);
  }
  return Status::OK();
}

}  // namespace exec
}  // namespace decentdb
