// Aggregation operators: hash aggregation with GROUP BY keys compared under the
// NULLs-equal rule (ENGINE.md §7.3), streaming aggregation when the driving index
// delivers each group's rows together, both feeding the expression layer's
// accumulators (exec/aggregate.h), and the fast paths of §9.4 (COUNT(*) by counting tree cells without decoding
// records, MIN/MAX by one seek at either end of the rowid or an index). Grouping is in
// memory within max_query_memory; spilling to temp files is not implemented yet.
#include <unordered_map>

#include "exec/aggregate.h"
#include "exec/operators.h"
#include "exec/value_ops.h"
#include "record/key_codec.h"

namespace decentdb {
namespace exec {
namespace {

using plan::AggKind;
using plan::AggregateCall;

// Invariants:
//  (G1) groups_[i].keys are owned copies; index_ maps HashValue of the keys to i.
//  (G2) After Open, out_ holds the finished aggregate row of every group in first-seen
//       order; agg_row points into out_[pos_ - 1].
class HashAggregate : public Operator {
 public:
  HashAggregate(ExecState* st, std::unique_ptr<Operator> in) : st_(st), in_(std::move(in)) {}

  Status Open() override {
    const plan::SelectPlan& p = *st_->plan;
    groups_.clear();
    index_.clear();
    out_.clear();
    rows_ = 0;
    pos_ = 0;
    count_only_ = false;
    DDB_RETURN_IF_ERROR(in_->Open());
    const size_t nk = p.group_keys.size();
    if (nk == 0 && OnlyCountStar(p)) return CountRows();
    std::vector<ValueRef> keys(nk);
    for (;;) {
      bool has = false;
      DDB_RETURN_IF_ERROR(in_->Next(&has));
      if (!has) break;
      uint64_t h = 0;
      for (size_t i = 0; i < nk; ++i) {
        DDB_RETURN_IF_ERROR(Evaluate(*p.group_keys[i], st_->scan_row.data(), &st_->eval, &keys[i]));
        h = h * 0x9E3779B97F4A7C15ULL + HashValue(keys[i], p.group_key_types[i].logical);
      }
      size_t g = SIZE_MAX;
      auto range = index_.equal_range(h);
      for (auto it = range.first; it != range.second && g == SIZE_MAX; ++it) {
        bool eq = true;
        for (size_t i = 0; i < nk && eq; ++i)
          eq = GroupEqual(groups_[it->second].keys[i].ref(), keys[i], p.group_key_types[i].logical);
        if (eq) g = it->second;
      }
      uint64_t bytes = 0;
      if (g == SIZE_MAX) {
        groups_.emplace_back();
        Group& ng = groups_.back();
        for (size_t i = 0; i < nk; ++i) {
          ng.keys.emplace_back(keys[i]);
          bytes += ValueBytes(ng.keys.back());
        }
        for (const AggregateCall& call : p.aggregates) ng.aggs.emplace_back(call);
        bytes += 64 + p.aggregates.size() * sizeof(Accumulator);
        g = groups_.size() - 1;
        index_.emplace(h, g);
      }
      Group& grp = groups_[g];
      for (size_t a = 0; a < p.aggregates.size(); ++a) {
        const AggregateCall& call = p.aggregates[a];
        ValueRef v;
        if (call.arg != nullptr)
          DDB_RETURN_IF_ERROR(Evaluate(*call.arg, st_->scan_row.data(), &st_->eval, &v));
        DDB_RETURN_IF_ERROR(grp.aggs[a].Add(v));
        if (call.distinct) bytes += 48;  // the copy a DISTINCT set keeps (approximate)
      }
      if (bytes) DDB_RETURN_IF_ERROR(st_->Charge(bytes));
    }
    // Without GROUP BY an empty input still yields one row (COUNT 0, others NULL).
    if (nk == 0 && groups_.empty()) {
      groups_.emplace_back();
      for (const AggregateCall& call : p.aggregates) groups_.back().aggs.emplace_back(call);
    }
    const size_t w = nk + p.aggregates.size();
    rows_ = groups_.size();
    out_.resize(groups_.size() * w);
    for (size_t g = 0; g < groups_.size(); ++g) {
      for (size_t i = 0; i < nk; ++i) out_[g * w + i] = std::move(groups_[g].keys[i]);
      for (size_t a = 0; a < p.aggregates.size(); ++a) {
        ValueRef r;
        DDB_RETURN_IF_ERROR(groups_[g].aggs[a].Finish(&st_->scratch, &r));
        out_[g * w + nk + a].Assign(r);
      }
      st_->scratch.Reset();
    }
    groups_.clear();
    index_.clear();
    return Status::OK();
  }

  Status Next(bool* has_row) override {
    const plan::SelectPlan& p = *st_->plan;
    const size_t w = p.group_keys.size() + p.aggregates.size();
    if (count_only_) {
      *has_row = pos_ == 0;
      if (pos_++ == 0)
        for (size_t i = 0; i < w; ++i) st_->agg_row[i] = count_.ref();
      return Status::OK();
    }
    if (pos_ >= rows_) {
      *has_row = false;
      return Status::OK();
    }
    for (size_t i = 0; i < w; ++i) st_->agg_row[i] = out_[pos_ * w + i].ref();
    ++pos_;
    *has_row = true;
    return Status::OK();
  }

 private:
  struct Group {
    std::vector<Value> keys;
    std::vector<Accumulator> aggs;
  };

  static bool OnlyCountStar(const plan::SelectPlan& p) {
    for (const AggregateCall& call : p.aggregates)
      if (call.kind != AggKind::kCountStar) return false;
    return !p.aggregates.empty();
  }

  // COUNT(*) without GROUP BY: the input's rows are counted by skipping them, so a scan
  // with nothing to evaluate neither decodes its rows nor (on an index path) visits the
  // table; filters and joins still run in the input's Skip.
  Status CountRows() {
    int64_t n = 0;
    DDB_RETURN_IF_ERROR(in_->Skip(INT64_MAX, &n));
    count_ = Value::Int64(n);
    count_only_ = true;
    return Status::OK();
  }

  ExecState* st_;
  std::unique_ptr<Operator> in_;
  std::vector<Group> groups_;                       // (G1)
  std::unordered_multimap<uint64_t, size_t> index_;
  std::vector<Value> out_;                          // (G2)
  size_t rows_ = 0;
  size_t pos_ = 0;
  bool count_only_ = false;  // CountRows answered this execution: one row, count_
  Value count_;
};

// Invariants:
//  (A1) cur_keys_/cur_aggs_ hold the group being accumulated when have_group_; rows of
//       one group arrive together, so a key change ends the group for good.
//  (A2) emit_ holds the last returned group (agg_row points into it) until the next Next.
class StreamAggregate : public Operator {
 public:
  StreamAggregate(ExecState* st, std::unique_ptr<Operator> in, std::unique_ptr<Operator> fallback)
      : st_(st), in_(std::move(in)), fallback_(std::move(fallback)) {
    for (const AggregateCall& call : st->plan->aggregates) cur_aggs_.emplace_back(call);
  }

  Status Open() override {
    using_fallback_ = false;
    have_group_ = false;
    done_ = false;
    DDB_RETURN_IF_ERROR(in_->Open());
    if (st_->order_broken) {  // the driver widened a probe: groups may not be adjacent
      using_fallback_ = true;
      return fallback_->Open();
    }
    return Status::OK();
  }

  Status Next(bool* has_row) override {
    if (using_fallback_) return fallback_->Next(has_row);
    *has_row = false;
    if (done_) return Status::OK();
    const plan::SelectPlan& p = *st_->plan;
    const size_t nk = p.group_keys.size();
    keys_.resize(nk);
    for (;;) {
      bool has = false;
      DDB_RETURN_IF_ERROR(in_->Next(&has));
      if (!has) {
        done_ = true;
        if (!have_group_) return Status::OK();
        DDB_RETURN_IF_ERROR(Emit());
        have_group_ = false;
        *has_row = true;
        return Status::OK();
      }
      for (size_t i = 0; i < nk; ++i)
        DDB_RETURN_IF_ERROR(Evaluate(*p.group_keys[i], st_->scan_row.data(), &st_->eval, &keys_[i]));
      bool same = have_group_;
      for (size_t i = 0; i < nk && same; ++i)
        same = GroupEqual(cur_keys_[i].ref(), keys_[i], p.group_key_types[i].logical);
      bool emitted = false;
      if (have_group_ && !same) {
        DDB_RETURN_IF_ERROR(Emit());
        emitted = true;
      }
      if (!same) {
        cur_keys_.resize(nk);
        for (size_t i = 0; i < nk; ++i) cur_keys_[i].Assign(keys_[i]);
        for (Accumulator& a : cur_aggs_) a.Reset();
        have_group_ = true;
      }
      for (size_t a = 0; a < p.aggregates.size(); ++a) {
        ValueRef v;
        if (p.aggregates[a].arg != nullptr)
          DDB_RETURN_IF_ERROR(Evaluate(*p.aggregates[a].arg, st_->scan_row.data(), &st_->eval, &v));
        DDB_RETURN_IF_ERROR(cur_aggs_[a].Add(v));
      }
      if (emitted) {
        *has_row = true;
        return Status::OK();
      }
    }
  }

 private:
  // Finishes the current group into emit_ and points agg_row at it (A2).
  Status Emit() {
    const plan::SelectPlan& p = *st_->plan;
    const size_t nk = p.group_keys.size();
    emit_.resize(nk + p.aggregates.size());
    for (size_t i = 0; i < nk; ++i) emit_[i].Assign(cur_keys_[i].ref());
    for (size_t a = 0; a < p.aggregates.size(); ++a) {
      ValueRef r;
      DDB_RETURN_IF_ERROR(cur_aggs_[a].Finish(&st_->scratch, &r));
      emit_[nk + a].Assign(r);
    }
    for (size_t i = 0; i < emit_.size(); ++i) st_->agg_row[i] = emit_[i].ref();
    return Status::OK();
  }

  ExecState* st_;
  std::unique_ptr<Operator> in_;
  std::unique_ptr<Operator> fallback_;  // hash aggregation over the same input
  bool using_fallback_ = false;
  bool have_group_ = false;
  bool done_ = false;
  std::vector<ValueRef> keys_;
  std::vector<Value> cur_keys_;        // (A1)
  std::vector<Accumulator> cur_aggs_;
  std::vector<Value> emit_;            // (A2)
};

// Feeds a shared input to the fallback without re-opening it (the stream operator
// already opened it and found the order broken).
class OpenedInput : public Operator {
 public:
  explicit OpenedInput(Operator* in) : in_(in) {}
  Status Open() override { return Status::OK(); }
  Status Next(bool* has_row) override { return in_->Next(has_row); }

 private:
  Operator* in_;
};

class FastAggregate : public Operator {
 public:
  explicit FastAggregate(ExecState* st) : st_(st) {}

  Status Open() override {
    done_ = false;
    const plan::SelectPlan& p = *st_->plan;
    const TableDef* def = p.tables[0].table;
    const IndexDef* idx = p.fast_index;
    BTreeCursor cur(st_->reader, idx ? idx->root : def->root, idx ? TreeKind::kIndex : TreeKind::kTable);
    if (p.fast_path == plan::FastPath::kCountStar) {
      int64_t n = 0;
      DDB_RETURN_IF_ERROR(cur.First());
      while (cur.Valid()) {
        ++n;
        DDB_RETURN_IF_ERROR(st_->Tick());
        DDB_RETURN_IF_ERROR(cur.Next());
      }
      result_ = Value::Int64(n);
      return Status::OK();
    }
    result_ = Value::Null();
    if (idx == nullptr) {
      DDB_RETURN_IF_ERROR(p.fast_max ? cur.Last() : cur.First());
      if (cur.Valid()) result_ = Value::Int64(cur.rowid());
      return Status::OK();
    }
    // Ascending keys keep NULLs last and descending ones first (ENGINE.md §5.2), so the
    // extreme non-NULL value is one seek away in both cases.
    bool desc = idx->columns[0].descending;
    const uint8_t kNullTag = kKeyNull, kBelowValues = 0x10;
    if (!p.fast_max) {
      DDB_RETURN_IF_ERROR(desc ? cur.Last() : cur.First());
    } else if (!desc) {
      DDB_RETURN_IF_ERROR(cur.SeekLE(TreeKey::Bytes(&kNullTag, 1)));
    } else {
      DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Bytes(&kBelowValues, 1)));
    }
    if (!cur.Valid()) return Status::OK();
    std::string_view k = cur.key();
    KeyReader kr(reinterpret_cast<const uint8_t*>(k.data()), k.size());
    KeyComponent kc;
    DDB_RETURN_IF_ERROR(kr.Next(desc, &kc));
    result_ = kc.value;
    return Status::OK();
  }

  Status Next(bool* has_row) override {
    *has_row = !done_;
    if (done_) return Status::OK();
    done_ = true;
    st_->agg_row[0] = result_.ref();
    return Status::OK();
  }

 private:
  ExecState* st_;
  Value result_;
  bool done_ = false;
};

}  // namespace

std::unique_ptr<Operator> NewAggregate(ExecState* st, std::unique_ptr<Operator> input) {
  return std::unique_ptr<Operator>(new HashAggregate(st, std::move(input)));
}

std::unique_ptr<Operator> NewStreamAggregate(ExecState* st, std::unique_ptr<Operator> input) {
  Operator* raw = input.get();
  std::unique_ptr<Operator> fallback(new HashAggregate(st, std::unique_ptr<Operator>(new OpenedInput(raw))));
  return std::unique_ptr<Operator>(new StreamAggregate(st, std::move(input), std::move(fallback)));
}

std::unique_ptr<Operator> NewFastAggregate(ExecState* st) {
  return std::unique_ptr<Operator>(new FastAggregate(st));
}

}  // namespace exec
}  // namespace decentdb
