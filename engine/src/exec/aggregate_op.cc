// Aggregation operators: hash aggregation with GROUP BY keys compared under the
// NULLs-equal rule (ENGINE.md §7.3), the COUNT/SUM/AVG/MIN/MAX accumulators with
// DISTINCT, and the fast paths of §9.4 (COUNT(*) by counting tree cells without decoding
// records, MIN/MAX by one seek at either end of the rowid or an index). Grouping is in
// memory within max_query_memory; spilling to temp files is not implemented yet.
#include <unordered_map>

#include "exec/operators.h"
#include "exec/value_ops.h"
#include "record/key_codec.h"

namespace decentdb {
namespace exec {
namespace {

using plan::AggKind;
using plan::AggregateCall;

// Set of values under GroupEqual (COUNT(DISTINCT x), SUM(DISTINCT x), ...).
class ValueSet {
 public:
  explicit ValueSet(LogicalType logical) : logical_(logical) {}
  // True when v was not in the set yet (it is then added).
  bool Insert(ValueRef v, uint64_t* bytes) {
    uint64_t h = HashValue(v, logical_);
    auto range = index_.equal_range(h);
    for (auto it = range.first; it != range.second; ++it)
      if (GroupEqual(values_[it->second].ref(), v, logical_)) return false;
    values_.emplace_back(v);
    index_.emplace(h, values_.size() - 1);
    *bytes += ValueBytes(values_.back()) + 32;
    return true;
  }

 private:
  LogicalType logical_;
  std::vector<Value> values_;
  std::unordered_multimap<uint64_t, size_t> index_;
};

struct AggState {
  int64_t count = 0;   // rows (COUNT(*)) or non-NULL inputs
  bool is_float = false;
  __int128 isum = 0;
  double fsum = 0;
  Value dsum;          // DECIMAL sum (text), NULL until the first input
  Value best;          // MIN/MAX
  std::unique_ptr<ValueSet> seen;  // DISTINCT
};

Status NumericInput(ValueRef v, const char* fn, ValueRef* out) {
  if (v.type() == ValueType::kInt64 || v.type() == ValueType::kFloat64) {
    *out = v;
    return Status::OK();
  }
  if (v.type() == ValueType::kText && ParseNumberText(v.bytes(), out)) return Status::OK();
  return Status::Sql(std::string("function ") + fn + "(" + ValueTypeName(v.type()) + ") does not exist",
                     "42883");
}

Status Accumulate(ExecState* st, const AggregateCall& call, AggState* a, ValueRef v, uint64_t* bytes) {
  if (call.kind == AggKind::kCountStar) {
    ++a->count;
    return Status::OK();
  }
  if (v.is_null()) return Status::OK();
  if (call.distinct) {
    if (!a->seen) a->seen.reset(new ValueSet(call.arg->type.logical));
    if (!a->seen->Insert(v, bytes)) return Status::OK();
  }
  ++a->count;
  switch (call.kind) {
    case AggKind::kCount:
    case AggKind::kCountStar: return Status::OK();
    case AggKind::kMin:
    case AggKind::kMax: {
      if (a->count == 1) {
        a->best.Assign(v);
        return Status::OK();
      }
      int c = CompareForSort(v, a->best.ref(), call.arg->type.logical, false, false);
      if (call.kind == AggKind::kMin ? c < 0 : c > 0) a->best.Assign(v);
      return Status::OK();
    }
    case AggKind::kSum:
    case AggKind::kAvg: {
      if (call.result_type.is_decimal() || call.arg->type.is_decimal()) {
        if (a->dsum.is_null()) {
          Decimal d;
          DDB_RETURN_IF_ERROR(ToDecimal(v, &d));
          a->dsum.Assign(DecimalValue(d, &st->scratch));
          return Status::OK();
        }
        ValueRef r;
        DDB_RETURN_IF_ERROR(ArithDecimal(ArithOp::kAdd, a->dsum.ref(), v, &st->scratch, &r));
        a->dsum.Assign(r);
        return Status::OK();
      }
      ValueRef n;
      DDB_RETURN_IF_ERROR(NumericInput(v, call.kind == AggKind::kSum ? "sum" : "avg", &n));
      if (n.type() == ValueType::kInt64) {
        a->isum += n.int64();
      } else {
        a->is_float = true;
        a->fsum += n.float64();
      }
      return Status::OK();
    }
  }
  return Status::OK();
}

Status Finish(ExecState* st, const AggregateCall& call, const AggState& a, Value* out) {
  switch (call.kind) {
    case AggKind::kCountStar:
    case AggKind::kCount: *out = Value::Int64(a.count); return Status::OK();
    case AggKind::kMin:
    case AggKind::kMax:
      if (a.count == 0) *out = Value::Null();
      else *out = a.best;
      return Status::OK();
    case AggKind::kSum:
    case AggKind::kAvg:
      if (a.count == 0) {
        *out = Value::Null();
        return Status::OK();
      }
      if (!a.dsum.is_null()) {
        if (call.kind == AggKind::kSum) {
          *out = a.dsum;
          return Status::OK();
        }
        ValueRef r;
        DDB_RETURN_IF_ERROR(ArithDecimal(ArithOp::kDiv, a.dsum.ref(), ValueRef::Int64(a.count),
                                         &st->scratch, &r));
        out->Assign(r);
        return Status::OK();
      }
      if (call.kind == AggKind::kAvg) {
        *out = Value::Float64((a.fsum + static_cast<double>(a.isum)) / static_cast<double>(a.count));
        return Status::OK();
      }
      if (a.is_float) {
        *out = Value::Float64(a.fsum + static_cast<double>(a.isum));
        return Status::OK();
      }
      if (a.isum > static_cast<__int128>(INT64_MAX) || a.isum < static_cast<__int128>(INT64_MIN))
        return Status::Sql("integer out of range in sum()", "22003");
      *out = Value::Int64(static_cast<int64_t>(a.isum));
      return Status::OK();
  }
  return Status::OK();
}

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
    pos_ = 0;
    DDB_RETURN_IF_ERROR(in_->Open());
    const size_t nk = p.group_keys.size();
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
        ng.aggs.resize(p.aggregates.size());
        bytes += 64 + p.aggregates.size() * sizeof(AggState);
        g = groups_.size() - 1;
        index_.emplace(h, g);
      }
      Group& grp = groups_[g];
      for (size_t a = 0; a < p.aggregates.size(); ++a) {
        const AggregateCall& call = p.aggregates[a];
        ValueRef v;
        if (call.arg != nullptr)
          DDB_RETURN_IF_ERROR(Evaluate(*call.arg, st_->scan_row.data(), &st_->eval, &v));
        DDB_RETURN_IF_ERROR(Accumulate(st_, call, &grp.aggs[a], v, &bytes));
      }
      if (bytes) DDB_RETURN_IF_ERROR(st_->Charge(bytes));
    }
    // Without GROUP BY an empty input still yields one row (COUNT 0, others NULL).
    if (nk == 0 && groups_.empty()) {
      groups_.emplace_back();
      groups_.back().aggs.resize(p.aggregates.size());
    }
    const size_t w = nk + p.aggregates.size();
    out_.resize(groups_.size() * w);
    for (size_t g = 0; g < groups_.size(); ++g) {
      for (size_t i = 0; i < nk; ++i) out_[g * w + i] = std::move(groups_[g].keys[i]);
      for (size_t a = 0; a < p.aggregates.size(); ++a)
        DDB_RETURN_IF_ERROR(Finish(st_, p.aggregates[a], groups_[g].aggs[a], &out_[g * w + nk + a]));
    }
    groups_.clear();
    index_.clear();
    return Status::OK();
  }

  Status Next(bool* has_row) override {
    const plan::SelectPlan& p = *st_->plan;
    const size_t w = p.group_keys.size() + p.aggregates.size();
    if (w == 0 || pos_ * w >= out_.size()) {
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
    std::vector<AggState> aggs;
  };
  ExecState* st_;
  std::unique_ptr<Operator> in_;
  std::vector<Group> groups_;                       // (G1)
  std::unordered_multimap<uint64_t, size_t> index_;
  std::vector<Value> out_;                          // (G2)
  size_t pos_ = 0;
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

std::unique_ptr<Operator> NewFastAggregate(ExecState* st) {
  return std::unique_ptr<Operator>(new FastAggregate(st));
}

}  // namespace exec
}  // namespace decentdb
