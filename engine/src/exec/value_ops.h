// SQL semantics of single values: comparison (ENGINE.md §8.4), the ORDER BY order and
// the GROUP BY/DISTINCT equality with a hash consistent with it (§7.3), arithmetic with
// overflow and division-by-zero errors (§8.4, §8.2 for DECIMAL), and canonical text
// rendering and strict parsing of numbers and booleans. Conversions (CAST, assignment
// coercion) are in exec/value_cast.h. Results that need bytes are written to a
// ScratchArena (exec/scratch.h); nothing here allocates on the heap for INT64/FLOAT64/BOOL.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "catalog/column_type.h"
#include "exec/scratch.h"
#include "record/value.h"
#include "util/decimal.h"
#include "util/status.h"

namespace decentdb {
namespace exec {

// ---------------------------------------------------------------- comparison

// The §8.4 comparison of two non-NULL values, returning <0, 0 or >0. Total and never
// fails:
//  - same class: natural order; TEXT and BLOB bytewise (a prefix first); FALSE < TRUE;
//    FLOAT64 by the total order of §5.2 (-0.0 == +0.0, NaN == NaN and above +Infinity).
//  - INT64 vs FLOAT64 exactly (no rounding through double); BOOL vs INT64 as 0/1.
//  - number vs TEXT: numerically if the text parses as a number, else the number is
//    smaller (ADR-0099). BOOL vs TEXT: as booleans if the text is a boolean word.
//  - any other pair: by class rank BOOL < numbers < TEXT < BLOB.
// Logical types must already have been reconciled (the binder converts the other side,
// §8.4); DECIMAL operands use CompareDecimal instead.
// REQUIRES: neither a nor b is NULL.
int CompareValues(ValueRef a, ValueRef b);

// Numeric comparison for DECIMAL (§8.2): each side is INT64, FLOAT64 (finite) or TEXT
// holding a decimal number. Unparsable text is 22P02.
// REQUIRES: neither a nor b is NULL.
Status CompareDecimal(ValueRef a, ValueRef b, int* out);

// Exact comparison of an INT64 with a FLOAT64 under the §5.2 total order.
int CompareIntDouble(int64_t i, double d);
// §5.2 total order on doubles: -0.0 == +0.0; NaN equal to itself and above +Infinity.
int CompareDoubles(double a, double b);

// ---------------------------------------------------------------- ORDER BY / GROUP BY

// The sort order: NULLs placed per nulls_first, then class rank BOOL < numbers (INT64 and
// FLOAT64 compared exactly together) < TEXT < BLOB, then the natural order within a rank;
// DECIMAL (logical == kDecimal) compares numerically (falling back to bytes for text
// that does not parse, so the order stays total). desc reverses non-NULL order only.
// Stable under the ENGINE.md §7.3 defaults: ASC NULLS LAST, DESC NULLS FIRST.
int CompareForSort(ValueRef a, ValueRef b, LogicalType logical, bool desc, bool nulls_first);
// The §7.3 default when NULLS FIRST/LAST is not written: last for ASC, first for DESC.
inline bool DefaultNullsFirst(bool desc) { return desc; }

// GROUP BY / DISTINCT / set-operation equality: NULLs are equal to each other (§7.3).
// It is exactly CompareForSort(...) == 0, an equivalence relation: 1 = 1.0, 1.50 = 1.5
// for DECIMAL, NaN = NaN, -0.0 = 0.0, but '1' <> 1 and TRUE <> 1.
bool GroupEqual(ValueRef a, ValueRef b, LogicalType logical);
// Hash consistent with GroupEqual: GroupEqual(a, b) implies equal hashes.
uint64_t HashValue(ValueRef v, LogicalType logical);

// ---------------------------------------------------------------- arithmetic

enum class ArithOp : uint8_t { kAdd, kSub, kMul, kDiv, kMod };

// INT64/FLOAT64 arithmetic (§8.4): INT64∘INT64 stays INT64 ('/' truncates toward zero,
// '%' takes the dividend's sign), overflow is 22003, division or modulo by zero (integer
// or float) is 22012; a FLOAT64 result that overflows to infinity from finite operands is
// 22003. A TEXT operand (a parameter or literal) is parsed as a number (22P02 if it is
// not one); BOOL and BLOB operands are 42883.
// REQUIRES: neither a nor b is NULL.
Status Arith(ArithOp op, ValueRef a, ValueRef b, ValueRef* out);
Status ArithInt(ArithOp op, int64_t a, int64_t b, int64_t* out);
Status ArithDouble(ArithOp op, double a, double b, double* out);
// DECIMAL arithmetic (§8.2): both operands converted to Decimal (INT64, finite FLOAT64 via
// its shortest text, decimal TEXT); the canonical result text goes to the scratch arena.
// REQUIRES: neither a nor b is NULL.
Status ArithDecimal(ArithOp op, ValueRef a, ValueRef b, ScratchArena* scratch, ValueRef* out);
// Unary minus: INT64 (-INT64_MIN is 22003), FLOAT64, TEXT as a number; decimal=true
// negates a decimal text.
Status Negate(ValueRef a, bool decimal, ScratchArena* scratch, ValueRef* out);

// Reads an INT64/FLOAT64/decimal-text value as a Decimal (22P02 for other text, 42883 for
// BOOL/BLOB, 22003 for non-finite doubles).
Status ToDecimal(ValueRef v, Decimal* out);
// Writes d's canonical text to the arena and returns it as a TEXT value.
ValueRef DecimalValue(const Decimal& d, ScratchArena* scratch);

// ---------------------------------------------------------------- text

// Shortest text that parses back to the same double, laid out as PostgreSQL does:
// scientific when the decimal exponent is < -4 or >= 15 ("1e+20", "1e-05"), else fixed
// ("1000", "0.0001", "123.5"); "NaN", "Infinity", "-Infinity".
// REQUIRES: buf has at least 32 bytes. Returns the length.
size_t FormatFloat64(double d, char* buf);
// Decimal text of an INT64. REQUIRES: buf has at least 21 bytes. Returns the length.
size_t FormatInt64(int64_t v, char* buf);

// Canonical text of a non-NULL value, as used by `||`, CONCAT and CAST to TEXT:
// INT64 decimal, FLOAT64 per FormatFloat64, BOOL "true"/"false", TEXT itself, BLOB its
// bytes when they are valid UTF-8 (else 22P02); logical types per §8.2 (TIMESTAMP
// "YYYY-MM-DD HH:MM:SS[.fff]", DATE, TIME, UUID "8-4-4-4-12", DECIMAL its text).
// The view points into v's bytes or into the arena.
Status RenderText(ValueRef v, LogicalType logical, ScratchArena* scratch, std::string_view* out);

// Strict parsers (surrounding ASCII whitespace allowed, nothing else):
// [+-]digits within INT64.
bool ParseInt64Text(std::string_view s, int64_t* out);
// A decimal or scientific number, or NaN / Infinity / -Infinity (case-insensitive).
bool ParseFloat64Text(std::string_view s, double* out);
// true/false/t/f/yes/no/on/off/1/0, case-insensitive (§8.3).
bool ParseBoolText(std::string_view s, bool* out);
// A number parsed from text: INT64 when it is an integer that fits, else FLOAT64.
bool ParseNumberText(std::string_view s, ValueRef* out);

}  // namespace exec
}  // namespace decentdb
