// Declared column types: maps the type text of CREATE TABLE / CAST (ENGINE.md §8.1) to a
// storage class plus an optional logical type (TIMESTAMP, DATE, TIME, DECIMAL, UUID), and
// SqlType, the compact static type the expression layer attaches to every bound
// expression. Rules and the full table: ENGINE.md §8.1-8.2; rowid alias: §5.1.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "record/value.h"
#include "util/status.h"

namespace decentdb {

// Logical types ride on a storage class (ENGINE.md §8.1):
//   TIMESTAMP, DATE, TIME on INT64 (ms since epoch UTC, days since 1970-01-01, ms of day);
//   DECIMAL on TEXT (canonical decimal string); UUID on BLOB (exactly 16 bytes).
enum class LogicalType : uint8_t { kNone = 0, kTimestamp, kDate, kTime, kDecimal, kUuid };

const char* LogicalTypeName(LogicalType t);  // "TIMESTAMP", ...; "" for kNone
// The storage class that carries a logical type (kNull for kNone).
ValueType StorageClassOf(LogicalType t);

// Static type of an expression or column, small enough to copy freely.
// Invariants:
//  (T1) cls == kNull means "unknown": a NULL literal or a parameter whose class is only
//       known once bound. Such an expression may produce any class at run time.
//  (T2) logical != kNone implies cls == StorageClassOf(logical).
//  (T3) precision/scale are -1 unless logical == kDecimal and the type was declared with
//       (p[,s]); then 1 <= precision <= 38 and 0 <= scale <= precision.
struct SqlType {
  ValueType cls = ValueType::kNull;
  LogicalType logical = LogicalType::kNone;
  int16_t precision = -1;
  int16_t scale = -1;

  static SqlType Unknown() { return SqlType(); }
  static SqlType Of(ValueType c) {
    SqlType t;
    t.cls = c;
    return t;
  }
  static SqlType Logical(LogicalType l, int p = -1, int s = -1) {
    SqlType t;
    t.cls = StorageClassOf(l);
    t.logical = l;
    t.precision = static_cast<int16_t>(p);
    t.scale = static_cast<int16_t>(s);
    return t;
  }
  bool known() const { return cls != ValueType::kNull; }
  bool is_decimal() const { return logical == LogicalType::kDecimal; }
  // Same class and logical type (precision/scale ignored).
  bool SameKind(const SqlType& o) const { return cls == o.cls && logical == o.logical; }
};

// Human-readable name for messages: "INT64", "TEXT", "TIMESTAMP", "DECIMAL(10,2)", "unknown".
std::string SqlTypeName(const SqlType& t);

// A resolved declared type. `declared` is the text exactly as given; `normalized` has
// runs of whitespace collapsed to one space, none next to parentheses or commas, and
// keywords in their written case (the form ast.h's TypeName::text uses, invariant A3).
struct ColumnType {
  SqlType type;
  // VARCHAR(n)/CHAR(n)/BINARY(n)/VARBINARY(n)/FLOAT(n)/INT(n)/TIMESTAMP(n): n, else -1.
  // Recorded for metadata only; lengths are not enforced (ENGINE.md §8.1 lists none).
  int32_t length = -1;
  std::string declared;
  std::string normalized;

  ValueType storage() const { return type.cls; }
  LogicalType logical() const { return type.logical; }
  int precision() const { return type.precision; }
  int scale() const { return type.scale; }
};

// Resolves declared type text per the table of ENGINE.md §8.1 (case-insensitive).
// Unknown names, bad modifiers (DECIMAL(50), VARCHAR(0), FLOAT(60)) and empty text are
// ERR_SQL 42704 ("type ... does not exist") or 22023 (invalid modifier).
Result<ColumnType> ResolveDeclaredType(std::string_view text);

// True when a single-column PRIMARY KEY of this type is the table's rowid alias
// (ENGINE.md §5.1): INT64 class with no logical type (INTEGER, BIGINT, SERIAL, ...).
// TIMESTAMP/DATE/TIME are stored as INT64 but are not integers to the user.
bool IsRowidAliasEligible(const ColumnType& t);

}  // namespace decentdb
