// Expression evaluator: runs a bound expression tree (plan/bound_expr.h) over one input
// row with three-valued logic (ENGINE.md §7.3), the operators of §7.2 and the M1
// functions of §7.4. EvalContext carries what an execution provides: parameters, the
// per-row scratch arena, the statement clock, a random source and the LIKE cache.
// Constant folding during binding reuses this evaluator (exec/expr_folder.h).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "exec/scratch.h"
#include "plan/bound_expr.h"
#include "record/value.h"
#include "util/like.h"
#include "util/status.h"

namespace decentdb {
namespace exec {

class EvalContext;

// Runs the subqueries of BoundOp::kSubquery nodes (exec/subquery.h implements it for
// query executions; other evaluation contexts have none and refuse the node).
class SubqueryRunner {
 public:
  virtual ~SubqueryRunner() = default;
  // Evaluates kSubquery `node` over `row` (the row its operand and correlation values
  // are bound over); results follow the scratch contract below.
  virtual Status Run(const plan::BoundExpr& node, const ValueRef* row, EvalContext* ctx,
                     ValueRef* out) = 0;
};

// Per-execution state of the expressions of one statement.
//
// Scratch contract: every TEXT/BLOB result the evaluator computes (string functions,
// rendered numbers, casts, DECIMAL arithmetic) is placed in `scratch`; fixed-size
// results (INT64, FLOAT64, BOOL, NULL) need no memory at all. A returned ValueRef is
// valid until the earliest of: the next scratch->Reset(), the input row's bytes
// changing, the bound parameters changing, or the ExprPool being destroyed. The caller
// (an executor operator) resets the scratch arena per row once it has consumed or
// copied the row's results; the arena then keeps one block sized to the largest row
// so far, so steady-state evaluation does not allocate.
//
// Invariants:
//  (E1) like_cache.size() >= pool.like_cache_slots() of every pool whose trees are
//       evaluated with this context (Prepare does it).
//  (E2) A like_cache entry is valid only while `pattern` and `escape` equal the text it
//       was compiled from; entries are rechecked on every use, so changing parameters
//       between executions needs no explicit invalidation.
class EvalContext {
 public:
  // Parameter values $1..$N (params[0] is $1). An index past param_count is ERR_SQL
  // "missing parameter $k" (ENGINE.md §7.1).
  const ValueRef* params = nullptr;
  int param_count = 0;
  // REQUIRES: set before evaluation.
  ScratchArena* scratch = nullptr;
  // CURRENT_TIMESTAMP/NOW(): milliseconds since the epoch, fixed by the caller at
  // transaction start (PostgreSQL semantics); CURRENT_DATE/CURRENT_TIME derive from it.
  int64_t statement_time_ms = 0;
  // Values of the enclosing query's row that a correlated subquery reads (kOuterRef);
  // an index past outer_count is ERR_INTERNAL.
  const ValueRef* outer = nullptr;
  int outer_count = 0;
  // Subqueries of the statement; null where none can occur (kSubquery is then an error).
  SubqueryRunner* subqueries = nullptr;

  // Sizes the LIKE cache for the trees of `pool` (E1).
  void Prepare(const plan::ExprPool& pool);
  // Seeds gen_random_uuid() (the executor seeds from a real entropy source once per
  // connection or statement; tests seed deterministically).
  void SeedRandom(uint64_t seed);
  uint64_t NextRandom();

  struct LikeCacheEntry {
    bool valid = false;
    std::string pattern;
    int32_t escape = 0;
    LikePattern compiled;
  };
  std::vector<LikeCacheEntry> like_cache;

 private:
  uint64_t rng_[2] = {0x9E3779B97F4A7C15ULL, 0xBF58476D1CE4E5B9ULL};
};

// Evaluates e over `row` (the input slots ColumnBinding::slot refers to).
// REQUIRES: ctx->scratch is set; ctx was prepared for e's pool (E1); row has every slot
// the tree references.
Status Evaluate(const plan::BoundExpr& e, const ValueRef* row, EvalContext* ctx, ValueRef* out);

// Evaluates a condition: *out is true only for TRUE (WHERE, ON, HAVING, CASE WHEN;
// NULL and FALSE both reject, ENGINE.md §7.3). A non-BOOL result is ERR_SQL 42804.
Status EvaluatePredicate(const plan::BoundExpr& e, const ValueRef* row, EvalContext* ctx,
                         bool* out);

// Scalar function call over already evaluated arguments (exec/scalar_functions.cc).
// REQUIRES: n == node.arg_count and the arguments are node's, in order.
Status CallScalarFunction(const plan::BoundExpr& node, const ValueRef* args, uint32_t n,
                          EvalContext* ctx, ValueRef* out);

// EXTRACT of node.index (plan::ExtractField) from a non-NULL value read as node.target
// says (exec/datetime_functions.cc); TEXT is parsed as a TIMESTAMP (22007 if malformed).
Status CallExtract(const plan::BoundExpr& node, ValueRef v, ValueRef* out);

}  // namespace exec
}  // namespace decentdb
