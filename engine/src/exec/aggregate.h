// Aggregate accumulators: the running state of COUNT(*), COUNT([DISTINCT] x), SUM, AVG,
// MIN and MAX for one group (ENGINE.md §7.3 NULL rules, §8.2 DECIMAL rules). The
// aggregation operator keeps one Accumulator per aggregate call per group, feeds it the
// evaluated argument of every input row, and reads the result once the group ends.
#pragma once

#include <cstdint>
#include <memory>

#include "catalog/column_type.h"
#include "exec/scratch.h"
#include "plan/bound_expr.h"
#include "record/value.h"
#include "util/decimal.h"
#include "util/status.h"

namespace decentdb {
namespace exec {

// Result rules (our choices where PostgreSQL differs):
//  - NULL arguments are skipped; COUNT(*) counts every row. Over no rows (or only NULLs)
//    COUNT is 0 and SUM, AVG, MIN, MAX are NULL.
//  - SUM(INT64) is INT64, summed exactly in 128 bits, so only a final total outside INT64
//    fails (22003), not an intermediate one. SUM(FLOAT64) is FLOAT64 (22003 if it
//    overflows to infinity from finite inputs). SUM(DECIMAL) is exact DECIMAL.
//  - AVG(INT64) is FLOAT64: the exact 128-bit sum divided once by the count (PostgreSQL
//    returns NUMERIC; FLOAT64 maps to Java double). AVG(FLOAT64) is FLOAT64. AVG(DECIMAL)
//    is DECIMAL with (largest input scale + 4) fraction digits, rounded half away from zero.
//  - A parameter argument of unknown static type is summed by its runtime class; an INT64
//    sum that meets a FLOAT64 value continues as FLOAT64. TEXT that is not a number is
//    22P02; BOOL and BLOB are 42883.
//  - MIN/MAX use the ORDER BY order (value_ops.h CompareForSort: numeric for DECIMAL).
//  - DISTINCT drops values equal under GroupEqual (so 1 and 1.0 count once).
//
// Invariants:
//  (G1) count_ is the number of values accepted so far (after NULL and DISTINCT filtering;
//       every row for COUNT(*)).
//  (G2) For SUM/AVG exactly one of int_sum_, float_sum_, dec_sum_ is live, chosen by
//       mode_; a mode only moves from kInt to kFloat.
class Accumulator {
 public:
  // REQUIRES: AggregateResultType(kind, arg_type, ...) accepted the combination (the
  // binder checked it).
  Accumulator(plan::AggKind kind, bool distinct, const SqlType& arg_type);
  explicit Accumulator(const plan::AggregateCall& call)
      : Accumulator(call.kind, call.distinct,
                    call.arg != nullptr ? call.arg->type : SqlType::Unknown()) {}
  ~Accumulator();
  Accumulator(Accumulator&&) noexcept;
  Accumulator& operator=(Accumulator&&) noexcept;
  Accumulator(const Accumulator&) = delete;
  Accumulator& operator=(const Accumulator&) = delete;

  // Back to the empty state, for the next group.
  void Reset();
  // Feeds one row's argument value (COUNT(*) ignores it; pass NULL). The value is copied
  // when it must be kept (MIN/MAX, DISTINCT), so it need not outlive the call.
  Status Add(ValueRef v);
  // The aggregate over everything added. TEXT results (DECIMAL) go to the scratch
  // arena; a MIN/MAX result points into the accumulator and is valid until the next
  // Add or Reset.
  Status Finish(ScratchArena* scratch, ValueRef* out) const;

  plan::AggKind kind() const { return kind_; }
  int64_t count() const { return count_; }

 private:
  enum class Mode : uint8_t { kInt, kFloat, kDecimal };
  struct DistinctSet;

  static bool IsFloat(const SqlType& t);
  Status AddSum(ValueRef v);

  plan::AggKind kind_;
  bool distinct_;
  SqlType arg_type_;
  Mode mode_;
  int64_t count_ = 0;          // (G1)
  __int128 int_sum_ = 0;       // (G2)
  double float_sum_ = 0;
  Decimal dec_sum_;
  int max_scale_ = 0;          // largest DECIMAL input scale, for AVG
  Value best_;                 // MIN/MAX so far (NULL until the first value)
  std::unique_ptr<DistinctSet> seen_;
};

}  // namespace exec
}  // namespace decentdb
