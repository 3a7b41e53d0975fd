// Bound expressions: the typed, evaluable form the binder (plan/expr_binder.h) produces
// from sql::Expr and the evaluator (exec/evaluator.h) runs. A BoundExpr tree lives in an
// ExprPool owned by the prepared statement, together with its constants and compiled
// LIKE patterns; nodes are plain structs linked by raw pointers and never freed one by
// one. Semantics: ENGINE.md §7.2-7.4 (operators, 3VL, functions) and §8 (types).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "catalog/column_type.h"
#include "record/value.h"
#include "sql/arena.h"
#include "util/like.h"

namespace decentdb {
namespace plan {

enum class BoundOp : uint8_t {
  kConst,     // value (bytes in the pool); `text` keeps a FLOAT64 literal's source text
  kColumn,    // row[index]
  kParam,     // params[index] (0-based: $1 is index 0)
  kNot,       // args[0]
  kAnd,       // args[0..arg_count): n-ary, 3VL
  kOr,        // args[0..arg_count): n-ary, 3VL
  kNeg,       // -args[0]; kFlagDecimal for DECIMAL
  kCompare,   // args[0] <sub: CmpOp> args[1]; kFlagDecimal compares numerically
  kDistinct,  // args[0] IS DISTINCT FROM args[1]; kFlagNegated for IS NOT DISTINCT FROM
  kArith,     // args[0] <sub: exec::ArithOp> args[1]; kFlagDecimal for DECIMAL
  kConcat,    // args[0] || args[1]; args' static logical types decide their text form
  kIsNull,    // args[0] IS [NOT] NULL (kFlagNegated)
  kIsTrue,    // args[0] IS [NOT] TRUE
  kIsFalse,   // args[0] IS [NOT] FALSE
  kIn,        // args[0] [NOT] IN (args[1..]); kFlagDecimal
  kBetween,   // args[0] [NOT] BETWEEN args[1] AND args[2]; kFlagDecimal
  kLike,      // args[0] [NOT] LIKE|ILIKE args[1] [ESCAPE args[2]]; kFlagIlike; see (B4)
  kCase,      // see (B5)
  kConvert,   // CAST or implicit conversion of args[0] to `target`; kFlagAssign for §8.3
  kCoalesce,  // first non-NULL of args
  kNullIf,    // NULL if args[0] = args[1] else args[0]; with 3 args, args[2] (args[0]
              // converted for the comparison) is compared instead; kFlagDecimal
  kFunc,      // scalar function sub: FuncId over args
  kSubquery,  // sub: SubqueryKind; index: ExprPool::subquery id; see (B7)
  kOuterRef,  // a value of an enclosing query's row: EvalContext::outer[index]; `text`
              // is the reference as written, for EXPLAIN (B7)
};

// What a kSubquery node computes from its query (ENGINE.md §7.5).
enum class SubqueryKind : uint8_t {
  kScalar,  // (SELECT x ...): its single value, NULL for no row, 21000 for more rows
  kExists,  // EXISTS (SELECT ...); kFlagNegated: NOT EXISTS
  kIn,      // args[0] [NOT] IN (SELECT x ...), with the NULL rules of IN lists
};

enum class CmpOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

// Scalar functions of ENGINE.md §7.4 (aggregates are in AggKind).
enum class FuncId : uint8_t {
  kLength,       // LENGTH, CHAR_LENGTH, CHARACTER_LENGTH: code points (bytes for BLOB)
  kOctetLength,
  kLower,
  kUpper,
  kBtrim,        // TRIM([BOTH] [chars FROM] s), BTRIM(s[, chars]): args {s[, chars]}
  kLtrim,        // TRIM(LEADING ...), LTRIM(s[, chars])
  kRtrim,        // TRIM(TRAILING ...), RTRIM(s[, chars])
  kSubstr,       // SUBSTRING(s FROM i [FOR n]), SUBSTRING/SUBSTR(s, i[, n])
  kReplace,
  kStrpos,       // STRPOS(s, sub), INSTR(s, sub), POSITION(sub IN s): args {s, sub}
  kLeft,
  kRight,
  kLpad,
  kRpad,
  kConcatFn,     // CONCAT(...): NULLs ignored
  kConcatWs,     // CONCAT_WS(sep, ...)
  kAbs,
  kRound,        // ROUND(x[, d])
  kCeil,         // CEIL, CEILING
  kFloor,
  kMod,          // MOD(a, b): as '%'; kFlagDecimal for DECIMAL
  kNow,          // NOW(), CURRENT_TIMESTAMP: the statement clock (EvalContext)
  kCurrentDate,
  kCurrentTime,
  kGenRandomUuid,
  kExtract,      // EXTRACT(field FROM x), DATE_PART('field', x): index = ExtractField,
                 // target = how x is read (TIMESTAMP ms, DATE days, TIME ms of day)
  kCount_,       // number of functions (not a function)
};

const char* FuncName(FuncId f);

// Parts EXTRACT can take from the temporal encodings (ENGINE.md §8.1).
enum class ExtractField : uint8_t {
  kYear, kQuarter, kMonth, kDay, kHour, kMinute, kSecond, kMillisecond, kDow, kDoy, kEpoch,
  kCount_,
};

const char* ExtractFieldName(ExtractField f);  // "YEAR", ...
// The field named `name` (case-insensitive; "milliseconds" too), or false.
bool FindExtractField(std::string_view name, ExtractField* out);

enum class AggKind : uint8_t { kCountStar, kCount, kSum, kAvg, kMin, kMax };

// Node flags.
constexpr uint8_t kFlagNegated = 1;    // NOT IN / NOT BETWEEN / NOT LIKE / IS NOT ... / IS NOT DISTINCT
constexpr uint8_t kFlagDecimal = 2;    // compare or compute as DECIMAL
constexpr uint8_t kFlagIlike = 4;      // kLike: ILIKE
constexpr uint8_t kFlagHasOperand = 8; // kCase: simple CASE
constexpr uint8_t kFlagHasElse = 16;   // kCase: ELSE present
constexpr uint8_t kFlagAssign = 32;    // kConvert: assignment rules (§8.3) instead of CAST
constexpr uint8_t kFlagLiteral = 64;   // kConst written as a literal (not a folded result)
constexpr uint8_t kFlagConvertInner = 128;  // kSubquery kIn: convert the subquery's values
                                            // to `target` before comparing (B7)

// Invariants:
//  (B1) args[i] != nullptr for i < arg_count; a tree is acyclic and every node of it lives
//       in the same ExprPool.
//  (B2) kConst values' bytes live in the pool and stay valid as long as the pool.
//  (B3) `type` is the static result type (catalog/column_type.h, T1-T3). Every operator
//       still accepts any runtime class (parameters have unknown types), so evaluation
//       never relies on the static type for memory safety.
//  (B4) kLike: when pattern (and escape, if present) are constants, `like` is the pattern
//       compiled at bind time; otherwise `index` is a slot of the per-execution LIKE cache
//       (ExprPool::like_cache_slots()), so a parameter pattern is compiled once per
//       execution and a per-row pattern only when its text changes.
//  (B5) kCase: with kFlagHasOperand args = {operand, when1, then1, ..., [else]}, else
//       args = {when1, then1, ..., [else]}; kFlagHasElse says whether the last arg is ELSE.
//       A simple CASE's comparisons use kFlagDecimal when the operand is DECIMAL.
//  (B6) kConvert: the source type is args[0]->type; `target` is the destination.
//  (B7) kSubquery: args are {operand (kIn only), correlation values...}. The correlation
//       values are bound over the enclosing row; they are the outer[] values the
//       subquery's own kOuterRef nodes read, in order. With no correlation values the
//       subquery is uncorrelated and runs at most once per execution.
struct BoundExpr {
  BoundOp op;
  uint8_t sub;    // CmpOp, exec::ArithOp or FuncId
  uint8_t flags;
  SqlType type;   // (B3)
  uint32_t pos;   // byte offset of the construct in the statement text
  uint32_t arg_count;
  BoundExpr** args;
  int32_t index;             // kColumn slot, kParam index, kLike cache slot (or -1)
  ValueRef value;            // kConst (B2)
  SqlType target;            // kConvert (B6)
  const LikePattern* like;   // kLike (B4)
  std::string_view text;     // kConst FLOAT64 literal source text; kConvert declared type text

  bool is_const() const { return op == BoundOp::kConst; }
};

// An aggregate call found while binding (reported to ExprResolver::AddAggregate).
struct AggregateCall {
  AggKind kind;
  bool distinct;
  const BoundExpr* arg;  // nullptr for COUNT(*); bound over the pre-aggregation row
  SqlType result_type;
  uint32_t pos;
};

// Static result type of an aggregate over an argument type, or false when the argument
// class is not accepted (SUM/AVG of TEXT, BOOL, BLOB, temporal or UUID).
// SUM: INT64->INT64, FLOAT64->FLOAT64, DECIMAL->DECIMAL; AVG: INT64 and FLOAT64->FLOAT64,
// DECIMAL->DECIMAL (input scale + 4); MIN/MAX: the argument's type; COUNT: INT64.
bool AggregateResultType(AggKind kind, const SqlType& arg, SqlType* out);

struct PreparedSelect;
struct SubqueryDef;

// Owner of bound trees: nodes, constant bytes and compiled patterns of one statement,
// and the prepared queries of its subqueries (B7).
class ExprPool {
 public:
  ExprPool();
  ~ExprPool();
  ExprPool(const ExprPool&) = delete;
  ExprPool& operator=(const ExprPool&) = delete;

  // A zero-filled node with index -1.
  BoundExpr* NewNode(BoundOp op, uint32_t pos);
  BoundExpr** NewArgs(uint32_t n);
  // Copies bytes into the pool (B2).
  std::string_view CopyBytes(std::string_view s) { return arena_.Copy(s); }
  // A constant node holding a copy of v.
  BoundExpr* NewConst(ValueRef v, const SqlType& type, uint32_t pos);
  // Keeps a compiled pattern alive as long as the pool.
  const LikePattern* AddPattern(std::unique_ptr<LikePattern> p);
  int NewLikeCacheSlot() { return like_cache_slots_++; }
  int like_cache_slots() const { return like_cache_slots_; }
  // Takes a subquery's prepared query; returns its id (kSubquery's index).
  int AddSubquery(std::unique_ptr<SubqueryDef> def);
  int subquery_count() const { return static_cast<int>(subqueries_.size()); }
  // REQUIRES: 0 <= id < subquery_count().
  const SubqueryDef& subquery(int id) const { return *subqueries_[static_cast<size_t>(id)]; }

 private:
  sql::Arena arena_;
  std::vector<std::unique_ptr<LikePattern>> patterns_;
  std::vector<std::unique_ptr<SubqueryDef>> subqueries_;
  int like_cache_slots_ = 0;
};

}  // namespace plan
}  // namespace decentdb
