// Row source of a plan: the nested-loop join over the plan's steps (index nested loop
// when a step's path probes with outer values, a loop over materialized rows otherwise),
// LEFT JOIN NULL extension, post-join filters, the constant filters, and the single row
// of a SELECT without FROM; plus the generic Filter operator used for HAVING.
// Design: ENGINE.md §9.2.
#include "exec/operators.h"

namespace decentdb {
namespace exec {
namespace {

using plan::BoundExpr;
using plan::JoinType;

Status AllTrue(ExecState* st, const std::vector<const BoundExpr*>& preds, const ValueRef* row,
               bool* ok) {
  *ok = true;
  for (const BoundExpr* p : preds) {
    DDB_RETURN_IF_ERROR(EvaluatePredicate(*p, row, &st->eval, ok));
    if (!*ok) return Status::OK();
  }
  return Status::OK();
}

// Invariants:
//  (J1) levels [0, level_] have a current row in the scan row; level_ + 1 .. are stale.
//  (J2) matched_[k] says whether level k produced a row (or its NULL row) for the
//       current row of level k - 1; a LEFT level emits its NULL row at most once.
class JoinSource : public Operator {
 public:
  explicit JoinSource(ExecState* st) : st_(st) {
    for (const plan::JoinStep& s : st->plan->steps) scans_.emplace_back(new TableAccess(st, &s));
    matched_.assign(scans_.size(), 0);
    exhausted_.assign(scans_.size(), 0);
    single_ = scans_.size() == 1 && st->plan->steps[0].join != JoinType::kLeft &&
              st->plan->steps[0].post_filters.empty();
  }

  Status Open() override {
    done_ = false;
    emitted_single_ = false;
    level_ = 0;
    for (auto& s : scans_) s->BeginExecution();
    bool ok = true;
    st_->scratch.Reset();
    DDB_RETURN_IF_ERROR(AllTrue(st_, st_->plan->const_filters, st_->scan_row.data(), &ok));
    if (!ok) {
      done_ = true;
      return Status::OK();
    }
    if (!scans_.empty()) {
      DDB_RETURN_IF_ERROR(scans_[0]->Open());
      matched_[0] = 0;
      exhausted_[0] = 0;
    }
    return Status::OK();
  }

  Status Skip(int64_t n, int64_t* skipped) override {
    // One table whose rows need no filter here: the scan itself skips (§9.4).
    if (scans_.size() == 1 && !done_ && level_ == 0 && !exhausted_[0] &&
        st_->plan->steps[0].post_filters.empty() && st_->plan->steps[0].join != JoinType::kLeft) {
      DDB_RETURN_IF_ERROR(scans_[0]->Skip(n, skipped));
      if (*skipped > 0) matched_[0] = 1;
      return Status::OK();
    }
    return Operator::Skip(n, skipped);
  }

  Status Next(bool* has_row) override {
    *has_row = false;
    if (done_) return Status::OK();
    if (scans_.empty()) {  // SELECT without FROM: one row
      done_ = true;
      *has_row = true;
      return Status::OK();
    }
    if (single_) {
      // One inner table and nothing to apply after it: the loop below, unrolled.
      bool row = false;
      if (!exhausted_[0]) DDB_RETURN_IF_ERROR(scans_[0]->Next(&row));
      if (!row) {
        exhausted_[0] = 1;
        level_ = -1;
        done_ = true;
        return Status::OK();
      }
      matched_[0] = 1;
      st_->current_rowid = scans_[0]->rowid();
      *has_row = true;
      return Status::OK();
    }
    const int last = static_cast<int>(scans_.size()) - 1;
    for (;;) {
      if (level_ < 0) {
        done_ = true;
        return Status::OK();
      }
      TableAccess& s = *scans_[level_];
      const plan::JoinStep& step = st_->plan->steps[level_];
      bool row = false;
      if (!exhausted_[level_]) DDB_RETURN_IF_ERROR(s.Next(&row));
      if (!row) {
        exhausted_[level_] = 1;
        if (step.join == JoinType::kLeft && !matched_[level_]) {
          matched_[level_] = 1;  // (J2)
          s.SetNull();
        } else {
          --level_;
          continue;
        }
      } else {
        matched_[level_] = 1;
      }
      if (!step.post_filters.empty()) {
        bool ok = false;
        st_->scratch.Reset();
        DDB_RETURN_IF_ERROR(AllTrue(st_, step.post_filters, st_->scan_row.data(), &ok));
        if (!ok) continue;
      }
      if (level_ == 0) st_->current_rowid = s.rowid();
      if (level_ == last) {
        *has_row = true;
        return Status::OK();
      }
      ++level_;
      DDB_RETURN_IF_ERROR(scans_[level_]->Open());
      matched_[level_] = 0;
      exhausted_[level_] = 0;
    }
  }

 private:
  ExecState* st_;
  std::vector<std::unique_ptr<TableAccess>> scans_;
  std::vector<uint8_t> matched_;    // (J2)
  std::vector<uint8_t> exhausted_;
  int level_ = 0;                   // (J1)
  bool single_ = false;  // one inner table without post-join filters
  bool done_ = false;
  bool emitted_single_ = false;
};

class FilterOp : public Operator {
 public:
  FilterOp(ExecState* st, std::unique_ptr<Operator> in, const BoundExpr* pred, const ValueRef* row)
      : st_(st), in_(std::move(in)), pred_(pred), row_(row) {}
  Status Open() override { return in_->Open(); }
  Status Next(bool* has_row) override {
    for (;;) {
      DDB_RETURN_IF_ERROR(in_->Next(has_row));
      if (!*has_row) return Status::OK();
      bool ok = false;
      st_->scratch.Reset();
      DDB_RETURN_IF_ERROR(EvaluatePredicate(*pred_, row_, &st_->eval, &ok));
      if (ok) return Status::OK();
    }
  }

 private:
  ExecState* st_;
  std::unique_ptr<Operator> in_;
  const BoundExpr* pred_;
  const ValueRef* row_;
};

}  // namespace

std::unique_ptr<Operator> NewJoinSource(ExecState* st) {
  return std::unique_ptr<Operator>(new JoinSource(st));
}

std::unique_ptr<Operator> NewFilter(ExecState* st, std::unique_ptr<Operator> input,
                                    const BoundExpr* predicate, const ValueRef* row) {
  return std::unique_ptr<Operator>(new FilterOp(st, std::move(input), predicate, row));
}

}  // namespace exec
}  // namespace decentdb
