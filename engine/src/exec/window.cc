// Window operator: ROW_NUMBER() OVER ([PARTITION BY ...] [ORDER BY ...]) over projected
// rows (plan WindowFunc). It reads every row of its input into owned values, orders the
// rows by partition keys then the window's ORDER BY (stable, so OVER () keeps the input
// order), numbers each partition from 1 and emits the rows in that order; a later Sort
// restores the query's ORDER BY. Design: ENGINE.md §7.5, §9.8 (memory budget).
#include <algorithm>
#include <numeric>

#include "exec/operators.h"
#include "exec/value_ops.h"

namespace decentdb {
namespace exec {
namespace {

class Window : public Operator {
 public:
  Window(ExecState* st, std::unique_ptr<Operator> in, const plan::WindowFunc* w)
      : st_(st), in_(std::move(in)), w_(w) {
    width_ = st->plan->outputs.size() + st->plan->hidden.size();
    out_.resize(width_);
  }

  Status Open() override {
    rows_.clear();
    order_.clear();
    pos_ = 0;
    DDB_RETURN_IF_ERROR(in_->Open());
    for (;;) {
      bool has = false;
      DDB_RETURN_IF_ERROR(in_->Next(&has));
      if (!has) break;
      uint64_t bytes = 32;
      for (size_t i = 0; i < width_; ++i) {
        rows_.emplace_back(st_->out[i]);
        bytes += ValueBytes(rows_.back());
      }
      DDB_RETURN_IF_ERROR(st_->Charge(bytes));
    }
    size_t n = width_ == 0 ? 0 : rows_.size() / width_;
    order_.resize(n);
    std::iota(order_.begin(), order_.end(), size_t{0});
    std::stable_sort(order_.begin(), order_.end(), [this](size_t a, size_t b) { return Less(a, b); });
    int64_t number = 0;
    for (size_t i = 0; i < n; ++i) {
      number = (i > 0 && SamePartition(order_[i - 1], order_[i])) ? number + 1 : 1;
      rows_[order_[i] * width_ + static_cast<size_t>(w_->output)] = Value::Int64(number);
    }
    return Status::OK();
  }

  Status Next(bool* has_row) override {
    if (pos_ >= order_.size()) {
      *has_row = false;
      return Status::OK();
    }
    DDB_RETURN_IF_ERROR(st_->Tick());
    const Value* r = &rows_[order_[pos_++] * width_];
    for (size_t i = 0; i < width_; ++i) out_[i] = r[i].ref();
    st_->out = out_.data();
    *has_row = true;
    return Status::OK();
  }

 private:
  ValueRef At(size_t row, int column) const { return rows_[row * width_ + static_cast<size_t>(column)].ref(); }

  bool SamePartition(size_t a, size_t b) const {
    for (int c : w_->partition)
      if (!GroupEqual(At(a, c), At(b, c), st_->plan->hidden[c - st_->plan->outputs.size()]->type.logical))
        return false;
    return true;
  }

  bool Less(size_t a, size_t b) const {
    for (int c : w_->partition) {
      LogicalType l = st_->plan->hidden[c - st_->plan->outputs.size()]->type.logical;
      int r = CompareForSort(At(a, c), At(b, c), l, false, false);
      if (r != 0) return r < 0;
    }
    for (const plan::SortKey& k : w_->order) {
      int r = CompareForSort(At(a, k.column), At(b, k.column), k.logical, k.desc, k.nulls_first);
      if (r != 0) return r < 0;
    }
    return false;
  }

  ExecState* st_;
  std::unique_ptr<Operator> in_;
  const plan::WindowFunc* w_;
  size_t width_ = 0;
  std::vector<Value> rows_;   // width_ values per row
  std::vector<size_t> order_;
  size_t pos_ = 0;
  std::vector<ValueRef> out_;
};

}  // namespace

std::unique_ptr<Operator> NewWindow(ExecState* st, std::unique_ptr<Operator> input,
                                    const plan::WindowFunc* w) {
  return std::unique_ptr<Operator>(new Window(st, std::move(input), w));
}

}  // namespace exec
}  // namespace decentdb
