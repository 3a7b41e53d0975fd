// The ConstantFolder the binder (plan/expr_binder.h) uses to fold constant sub-trees:
// it runs the ordinary evaluator with no row and no parameters and copies the result
// into the ExprPool. Lives in exec/ because the plan layer may not call the evaluator;
// the statement layer passes DefaultConstantFolder() in BindOptions.
#pragma once

#include "plan/expr_binder.h"

namespace decentdb {
namespace exec {

class EvaluatorFolder : public plan::ConstantFolder {
 public:
  bool TryFold(const plan::BoundExpr& e, plan::ExprPool* pool, ValueRef* out,
               Status* error = nullptr) const override;
};

// A process-wide stateless folder.
const plan::ConstantFolder* DefaultConstantFolder();

}  // namespace exec
}  // namespace decentdb
