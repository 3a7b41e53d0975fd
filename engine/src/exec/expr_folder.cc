// Constant folding through the evaluator (see expr_folder.h).
#include "exec/expr_folder.h"

#include "exec/evaluator.h"
#include "exec/value_ops.h"

namespace decentdb {
namespace exec {

static_assert(static_cast<int>(ArithOp::kAdd) == 0 && static_cast<int>(ArithOp::kSub) == 1 &&
                  static_cast<int>(ArithOp::kMul) == 2 && static_cast<int>(ArithOp::kDiv) == 3 &&
                  static_cast<int>(ArithOp::kMod) == 4,
              "plan/expr_binder.cc numbers arithmetic operators the same way");

bool EvaluatorFolder::TryFold(const plan::BoundExpr& e, plan::ExprPool* pool, ValueRef* out,
                              Status* error) const {
  ScratchArena scratch;
  EvalContext ctx;
  ctx.scratch = &scratch;
  ValueRef v;
  // A constant LIKE with a non-constant-compiled pattern has a cache slot; folding uses
  // a private context, so give it room.
  ctx.Prepare(*pool);
  Status s = Evaluate(e, nullptr, &ctx, &v);
  if (!s.ok()) {
    if (error != nullptr) *error = std::move(s);
    return false;
  }
  // The result may point into the scratch arena: copy it into the pool (B2).
  if (v.type() == ValueType::kText) {
    *out = ValueRef::Text(pool->CopyBytes(v.bytes()));
  } else if (v.type() == ValueType::kBlob) {
    std::string_view b = pool->CopyBytes(v.bytes());
    *out = ValueRef::Blob(b.data(), b.size());
  } else {
    *out = v;
  }
  return true;
}

const plan::ConstantFolder* DefaultConstantFolder() {
  static const EvaluatorFolder folder;
  return &folder;
}

}  // namespace exec
}  // namespace decentdb
