// Operators above the row source: projection into the reused projected row, DISTINCT
// (first occurrence wins, so an ordered input stays ordered), ORDER BY as a stable
// in-memory sort or a bounded top-N, and LIMIT/OFFSET resolved at open time.
// Sorting is in memory within max_query_memory; external runs in temp_dir (ENGINE.md
// §9.3) are not implemented yet. Design: ENGINE.md §9.3-§9.4.
#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "exec/operators.h"
#include "exec/value_ops.h"

namespace decentdb {
namespace exec {
namespace {

// Above this many rows (OFFSET + LIMIT) a top-N degrades to a full sort (ENGINE.md §9.3).
constexpr int64_t kTopNMax = 10000;

class Project : public Operator {
 public:
  Project(ExecState* st, std::unique_ptr<Operator> in, const ValueRef* row)
      : st_(st), in_(std::move(in)), row_(row) {
    for (const plan::OutputColumn& o : st->plan->outputs) exprs_.push_back(o.expr);
    for (const plan::BoundExpr* h : st->plan->hidden) exprs_.push_back(h);
  }
  Status Open() override { return in_->Open(); }
  Status Next(bool* has_row) override {
    DDB_RETURN_IF_ERROR(in_->Next(has_row));
    if (!*has_row) return Status::OK();
    st_->scratch.Reset();  // (X2)
    ValueRef* out = st_->proj_row.data();
    for (size_t i = 0; i < exprs_.size(); ++i)
      DDB_RETURN_IF_ERROR(Evaluate(*exprs_[i], row_, &st_->eval, &out[i]));
    st_->out = out;
    return Status::OK();
  }

 private:
  ExecState* st_;
  std::unique_ptr<Operator> in_;
  const ValueRef* row_;
  std::vector<const plan::BoundExpr*> exprs_;
};

class Distinct : public Operator {
 public:
  Distinct(ExecState* st, std::unique_ptr<Operator> in) : st_(st), in_(std::move(in)) {
    for (const plan::OutputColumn& o : st->plan->outputs) logical_.push_back(o.type.logical);
  }
  Status Open() override {
    seen_.clear();
    index_.clear();
    return in_->Open();
  }
  Status Next(bool* has_row) override {
    const size_t w = logical_.size();
    for (;;) {
      DDB_RETURN_IF_ERROR(in_->Next(has_row));
      if (!*has_row) return Status::OK();
      const ValueRef* r = st_->out;
      uint64_t h = 0;
      for (size_t i = 0; i < w; ++i) h = h * 0x9E3779B97F4A7C15ULL + HashValue(r[i], logical_[i]);
      bool dup = false;
      auto range = index_.equal_range(h);
      for (auto it = range.first; it != range.second && !dup; ++it) {
        bool eq = true;
        for (size_t i = 0; i < w && eq; ++i) eq = GroupEqual(seen_[it->second * w + i].ref(), r[i], logical_[i]);
        dup = eq;
      }
      if (dup) continue;
      size_t row = w == 0 ? index_.size() : seen_.size() / w;
      uint64_t bytes = 32;
      for (size_t i = 0; i < w; ++i) {
        seen_.emplace_back(r[i]);
        bytes += ValueBytes(seen_.back());
      }
      index_.emplace(h, row);
      DDB_RETURN_IF_ERROR(st_->Charge(bytes));
      if (w == 0 && index_.size() > 1) continue;  // zero columns: one row at most
      return Status::OK();
    }
  }

 private:
  ExecState* st_;
  std::unique_ptr<Operator> in_;
  std::vector<LogicalType> logical_;
  std::vector<Value> seen_;  // w values per distinct row
  std::unordered_multimap<uint64_t, size_t> index_;
};

// Invariants:
//  (O1) rows_ holds width_ owned values per buffered row; order_ lists buffered rows in
//       output order after Open.
//  (O2) A top-N keeps at most 2 * keep_ rows: when full it sorts stably and drops all
//       but the first keep_, so ties keep their input order.
class Sort : public Operator {
 public:
  Sort(ExecState* st, std::unique_ptr<Operator> in) : st_(st), in_(std::move(in)) {
    width_ = st->plan->outputs.size() + st->plan->hidden.size();
    out_.resize(width_);
  }

  Status Open() override {
    rows_.clear();
    order_.clear();
    pos_ = 0;
    DDB_RETURN_IF_ERROR(in_->Open());
    const plan::SelectPlan& p = *st_->plan;
    keep_ = -1;
    if (p.top_n) {
      bool lp = false, op = false;
      int64_t lim = 0, off = 0;
      DDB_RETURN_IF_ERROR(ResolveLimit(st_, p.limit, &lp, &lim));
      DDB_RETURN_IF_ERROR(ResolveLimit(st_, p.offset, &op, &off));
      if (lp && lim <= kTopNMax && off <= kTopNMax - lim) keep_ = lim + (op ? off : 0);
    }
    for (;;) {
      bool has = false;
      DDB_RETURN_IF_ERROR(in_->Next(&has));
      if (!has) break;
      uint64_t bytes = 0;
      for (size_t i = 0; i < width_; ++i) {
        rows_.emplace_back(st_->out[i]);
        bytes += ValueBytes(rows_.back());
      }
      order_.push_back(order_.size());
      DDB_RETURN_IF_ERROR(st_->Charge(bytes));
      if (keep_ >= 0 && order_.size() >= 2 * static_cast<size_t>(keep_) + 64) Trim();
    }
    DoSort();
    if (keep_ >= 0 && order_.size() > static_cast<size_t>(keep_)) order_.resize(static_cast<size_t>(keep_));
    return Status::OK();
  }

  Status Next(bool* has_row) override {
    if (pos_ >= order_.size()) {
      *has_row = false;
      return Status::OK();
    }
    size_t r = order_[pos_++];
    for (size_t i = 0; i < width_; ++i) out_[i] = rows_[r * width_ + i].ref();
    st_->out = out_.data();
    *has_row = true;
    return Status::OK();
  }

 private:
  bool Less(size_t a, size_t b) const {
    for (const plan::SortKey& k : st_->plan->sort) {
      int c = CompareForSort(rows_[a * width_ + k.column].ref(), rows_[b * width_ + k.column].ref(),
                             k.logical, k.desc, k.nulls_first);
      if (c != 0) return c < 0;
    }
    return false;
  }
  void DoSort() {
    std::stable_sort(order_.begin(), order_.end(), [this](size_t a, size_t b) { return Less(a, b); });
  }
  // (O2) Compacts the buffer to the best keep_ rows, preserving input order among ties.
  void Trim() {
    DoSort();
    order_.resize(static_cast<size_t>(keep_));
    std::vector<size_t> survivors = order_;
    std::sort(survivors.begin(), survivors.end());  // back to input order
    std::vector<Value> kept;
    kept.reserve(survivors.size() * width_);
    for (size_t r : survivors)
      for (size_t i = 0; i < width_; ++i) kept.push_back(std::move(rows_[r * width_ + i]));
    uint64_t before = 0;
    for (const Value& v : rows_) before += ValueBytes(v);
    rows_.swap(kept);
    order_.resize(survivors.size());
    std::iota(order_.begin(), order_.end(), size_t{0});
    uint64_t after = 0;
    for (const Value& v : rows_) after += ValueBytes(v);
    uint64_t freed = before > after ? before - after : 0;
    st_->memory = st_->memory > freed ? st_->memory - freed : 0;
  }

  ExecState* st_;
  std::unique_ptr<Operator> in_;
  size_t width_ = 0;
  std::vector<Value> rows_;    // (O1)
  std::vector<size_t> order_;
  std::vector<ValueRef> out_;
  size_t pos_ = 0;
  int64_t keep_ = -1;
};

class Limit : public Operator {
 public:
  Limit(ExecState* st, std::unique_ptr<Operator> in) : st_(st), in_(std::move(in)) {}
  Status Open() override {
    bool lp = false, op = false;
    int64_t lim = 0, off = 0;
    DDB_RETURN_IF_ERROR(ResolveLimit(st_, st_->plan->limit, &lp, &lim));
    DDB_RETURN_IF_ERROR(ResolveLimit(st_, st_->plan->offset, &op, &off));
    remaining_ = lp ? lim : -1;
    skip_ = op ? off : 0;
    if (remaining_ == 0) return Status::OK();  // LIMIT 0 reads nothing
    return in_->Open();
  }
  Status Next(bool* has_row) override {
    *has_row = false;
    if (remaining_ == 0) return Status::OK();
    for (;;) {
      DDB_RETURN_IF_ERROR(in_->Next(has_row));
      if (!*has_row) {
        remaining_ = 0;
        return Status::OK();
      }
      if (skip_ > 0) {
        --skip_;
        continue;
      }
      if (remaining_ > 0) --remaining_;
      return Status::OK();
    }
  }

 private:
  ExecState* st_;
  std::unique_ptr<Operator> in_;
  int64_t remaining_ = -1;  // -1: no limit
  int64_t skip_ = 0;
};

}  // namespace

Status ResolveLimit(ExecState* st, const plan::LimitValue& v, bool* present, int64_t* out) {
  *present = false;
  *out = 0;
  if (!v.present) return Status::OK();
  if (v.param < 0) {
    *present = true;
    *out = v.value;
    return Status::OK();
  }
  if (v.param >= st->eval.param_count)
    return Status::Sql("missing parameter $" + std::to_string(v.param + 1), "42P02");
  ValueRef p = st->eval.params[v.param];
  if (p.is_null()) return Status::OK();  // NULL means no limit (ENGINE.md §7.4)
  if (p.type() != ValueType::kInt64 || p.int64() < 0)
    return Status::Sql("LIMIT and OFFSET parameters must be non-negative integers", "22023");
  *present = true;
  *out = p.int64();
  return Status::OK();
}

std::unique_ptr<Operator> NewProject(ExecState* st, std::unique_ptr<Operator> input, const ValueRef* row) {
  return std::unique_ptr<Operator>(new Project(st, std::move(input), row));
}
std::unique_ptr<Operator> NewDistinct(ExecState* st, std::unique_ptr<Operator> input) {
  return std::unique_ptr<Operator>(new Distinct(st, std::move(input)));
}
std::unique_ptr<Operator> NewSort(ExecState* st, std::unique_ptr<Operator> input) {
  return std::unique_ptr<Operator>(new Sort(st, std::move(input)));
}
std::unique_ptr<Operator> NewLimit(ExecState* st, std::unique_ptr<Operator> input) {
  return std::unique_ptr<Operator>(new Limit(st, std::move(input)));
}

}  // namespace exec
}  // namespace decentdb
