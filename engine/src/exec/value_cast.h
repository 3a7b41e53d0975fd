// Value conversions: CAST to any declared type of ENGINE.md §8.1 (rules §8.4), and
// assignment coercion to a column type (§8.3), the function INSERT, UPDATE and DEFAULT
// call for every written value. Both fail with ERR_SQL, never by producing NULL
// (ADR-0072). Byte results live in the caller's ScratchArena or in the input's bytes.
#pragma once

#include <string_view>

#include "catalog/column_type.h"
#include "exec/scratch.h"
#include "record/value.h"
#include "util/status.h"

namespace decentdb {
namespace exec {

enum class ConvertMode : uint8_t {
  kCast,    // CAST(x AS t), x::t: §8.4 (FLOAT64->INT64 truncates; INT64->BOOL nonzero)
  kAssign,  // §8.3: FLOAT64->INT64 only when integral; INT64->BOOL only 0/1; no BLOB->TEXT
};

// Converts v, whose static type is `from` (its logical type decides how TIMESTAMP, DATE,
// TIME, DECIMAL and UUID values are read), to `to`. NULL converts to NULL.
// `float_text`, when non-empty, is the source text of a FLOAT64 literal; a DECIMAL target
// uses it instead of the shortest round-trip text so the literal is taken exactly
// (ENGINE.md §7.1).
// Errors: 42804 when the classes cannot convert (BLOB to INT64, BOOL to FLOAT64, ...),
// 22P02 for malformed text or an unacceptable value (non-integral FLOAT64 assigned to
// INT64, INT64 2 assigned to BOOL, a 15-byte BLOB to UUID), 22003 for out-of-range
// numbers (including DECIMAL(p,s) overflow), 22007 for malformed or out-of-range
// temporal values.
// REQUIRES: v is NULL or, if `from` is known, of class from.cls (a parameter's `from` is
// SqlType::Unknown() and any class is accepted).
Status ConvertValue(ValueRef v, const SqlType& from, const SqlType& to, ConvertMode mode,
                    ScratchArena* scratch, ValueRef* out, std::string_view float_text = {});

// CAST(v AS to).
inline Status CastValue(ValueRef v, const SqlType& from, const SqlType& to,
                        ScratchArena* scratch, ValueRef* out) {
  return ConvertValue(v, from, to, ConvertMode::kCast, scratch, out);
}

// Assignment coercion of one value to a column (§8.3). NOT NULL and the rowid alias's
// "NULL means assign automatically" are the caller's: a NULL comes back as NULL.
// `source` is the static type of the written expression (SqlType::Unknown() for a
// parameter); it only matters for logical types (e.g. a TIMESTAMP written to a TEXT
// column is rendered as a timestamp, not as milliseconds).
inline Status CoerceForAssignment(ValueRef v, const SqlType& source, const ColumnType& target,
                                  ScratchArena* scratch, ValueRef* out,
                                  std::string_view float_text = {}) {
  return ConvertValue(v, source, target.type, ConvertMode::kAssign, scratch, out, float_text);
}

}  // namespace exec
}  // namespace decentdb
