// EXTRACT / DATE_PART over the INT64 temporal encodings of ENGINE.md §8.1: TIMESTAMP as
// ms since the epoch (UTC), DATE as days since 1970-01-01, TIME as ms since midnight.
// Which encoding a value has comes from the binder (node.target), see expr_binder.cc
// BindExtract. DOW is 0 (Sunday) to 6; EPOCH is seconds since the epoch.
#include "exec/evaluator.h"
#include "util/datetime.h"

namespace decentdb {
namespace exec {

using plan::ExtractField;

Status CallExtract(const plan::BoundExpr& node, ValueRef v, ValueRef* out) {
  LogicalType how = node.target.logical;
  int64_t raw = 0;
  if (v.type() == ValueType::kText) {
    DDB_RETURN_IF_ERROR(ParseTimestamp(v.bytes(), &raw));
    how = LogicalType::kTimestamp;
  } else if (v.type() == ValueType::kInt64) {
    raw = v.int64();
  } else {
    return Status::Sql(std::string("EXTRACT needs a TIMESTAMP, DATE or TIME, not ") +
                           ValueTypeName(v.type()),
                       "42883");
  }
  int64_t days = 0, ms = 0;  // day number and ms of that day
  bool has_date = true;
  switch (how) {
    case LogicalType::kDate: days = raw; break;
    case LogicalType::kTime:
      has_date = false;
      ms = raw;
      break;
    default:
      days = FloorDiv(raw, kMillisPerDay);
      ms = raw - days * kMillisPerDay;
      break;
  }
  ExtractField field = static_cast<ExtractField>(node.index);
  int64_t year = 0;
  int month = 0, day = 0;
  if (has_date) CivilFromDays(days, &year, &month, &day);
  switch (field) {
    case ExtractField::kYear: *out = ValueRef::Int64(year); break;
    case ExtractField::kQuarter: *out = ValueRef::Int64((month - 1) / 3 + 1); break;
    case ExtractField::kMonth: *out = ValueRef::Int64(month); break;
    case ExtractField::kDay: *out = ValueRef::Int64(day); break;
    case ExtractField::kHour: *out = ValueRef::Int64(ms / 3600000); break;
    case ExtractField::kMinute: *out = ValueRef::Int64(ms / 60000 % 60); break;
    case ExtractField::kSecond: *out = ValueRef::Float64(static_cast<double>(ms % 60000) / 1000.0); break;
    case ExtractField::kMillisecond: *out = ValueRef::Int64(ms % 60000); break;
    case ExtractField::kDow: *out = ValueRef::Int64(((days + 4) % 7 + 7) % 7); break;  // 1970-01-01: Thursday
    case ExtractField::kDoy: *out = ValueRef::Int64(days - DaysFromCivil(year, 1, 1) + 1); break;
    case ExtractField::kEpoch:
      if (how == LogicalType::kDate) *out = ValueRef::Float64(static_cast<double>(days) * 86400.0);
      else *out = ValueRef::Float64(static_cast<double>(raw) / 1000.0);
      break;
    default: return Status::Internal("unknown EXTRACT field");
  }
  if (!has_date && (field == ExtractField::kYear || field == ExtractField::kQuarter ||
                    field == ExtractField::kMonth || field == ExtractField::kDay ||
                    field == ExtractField::kDow || field == ExtractField::kDoy))
    return Status::Sql(std::string("unit \"") + ExtractFieldName(field) + "\" not supported for type TIME",
                       "22023");
  return Status::OK();
}

}  // namespace exec
}  // namespace decentdb
