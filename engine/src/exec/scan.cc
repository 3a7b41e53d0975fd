// Table access for one plan step: turns the access path's probe expressions into rowid
// lists, rowid ranges or index key ranges when the step opens (so parameter and outer-row
// values are used as they are at that moment), walks the trees forward or backward,
// decodes only the needed columns (overflow chains only for those), applies the step's
// filters, and materializes an inner table read once per execution.
// Design: ENGINE.md §5.2 (key encoding), §8.4 (index equivalence), §9.1-§9.2.
#include <algorithm>
#include <cmath>
#include <limits>

#include "btree/overflow.h"
#include "exec/operators.h"
#include "exec/subquery.h"
#include "exec/system_views.h"
#include "exec/value_ops.h"
#include "plan/select_binder.h"
#include "record/key_codec.h"
#include "util/like.h"

namespace decentdb {
namespace exec {
namespace {

using plan::AccessKind;
using plan::BoundExpr;

// How an open-time probe value maps onto a column's keys (ENGINE.md §8.4).
enum class Probe {
  kExact,    // encoded; the index range equals the predicate
  kEmpty,    // no value of the column can be equal (only for equality probes)
  kInexact,  // not representable: leave the bound open and re-check the predicate
};

bool IntegralDouble(double d, int64_t* out) {
  if (!std::isfinite(d) || d != std::floor(d)) return false;
  if (d < -9223372036854775808.0 || d >= 9223372036854775808.0) return false;
  *out = static_cast<int64_t>(d);
  return true;
}

// Converts v to the column's storage class and appends its key component.
// REQUIRES: v is not NULL.
Probe EncodeProbe(ValueRef v, const ColumnDef& col, bool desc, bool equality, ScratchArena* scratch,
                  std::string* out) {
  const SqlType& t = col.type.type;
  if (t.is_decimal()) {
    if (v.type() != ValueType::kText && v.type() != ValueType::kInt64 &&
        v.type() != ValueType::kFloat64)
      return Probe::kInexact;
    Decimal d;
    if (!ToDecimal(v, &d).ok()) return Probe::kInexact;
    ValueRef text = DecimalValue(d, scratch);
    if (!AppendDecimalKeyComponent(text.bytes(), desc, out).ok()) return Probe::kInexact;
    return Probe::kExact;
  }
  if (v.type() == t.cls) {
    AppendKeyComponent(v, desc, out);
    return Probe::kExact;
  }
  switch (t.cls) {
    case ValueType::kInt64: {
      if (v.type() == ValueType::kBool) {
        AppendKeyComponent(ValueRef::Int64(v.boolean() ? 1 : 0), desc, out);
        return Probe::kExact;
      }
      if (v.type() == ValueType::kFloat64) {
        int64_t i;
        if (IntegralDouble(v.float64(), &i)) {
          AppendKeyComponent(ValueRef::Int64(i), desc, out);
          return Probe::kExact;
        }
        if (equality && !std::isnan(v.float64())) return Probe::kEmpty;
      }
      return Probe::kInexact;
    }
    case ValueType::kFloat64: {
      if (v.type() == ValueType::kInt64) {
        double d = static_cast<double>(v.int64());
        int64_t back;
        if (IntegralDouble(d, &back) && back == v.int64()) {
          AppendKeyComponent(ValueRef::Float64(d), desc, out);
          return Probe::kExact;
        }
      }
      return Probe::kInexact;
    }
    case ValueType::kBool: {
      if (v.type() == ValueType::kInt64 && (v.int64() == 0 || v.int64() == 1)) {
        AppendKeyComponent(ValueRef::Bool(v.int64() == 1), desc, out);
        return Probe::kExact;
      }
      return Probe::kInexact;
    }
    default: return Probe::kInexact;
  }
}

Probe RowidProbe(ValueRef v, bool equality, int64_t* out) {
  switch (v.type()) {
    case ValueType::kInt64: *out = v.int64(); return Probe::kExact;
    case ValueType::kBool: *out = v.boolean() ? 1 : 0; return Probe::kExact;
    case ValueType::kFloat64:
      if (IntegralDouble(v.float64(), out)) return Probe::kExact;
      if (equality && !std::isnan(v.float64())) return Probe::kEmpty;
      return Probe::kInexact;
    default: return Probe::kInexact;
  }
}

}  // namespace

TableAccess::TableAccess(ExecState* st, const plan::JoinStep* step)
    : st_(st), step_(step), table_(&st->plan->tables[step->table]), def_(table_->table) {
  for (size_t c = 0; c < table_->needed.size(); ++c)
    if (table_->needed[c]) needed_.push_back(static_cast<int>(c));
  for (int c : needed_) {
    if (c == def_->rowid_alias) alias_needed_ = true;
    else record_cols_.push_back(static_cast<uint32_t>(c));
  }
  overflow_.resize(def_->columns.size());
  // View and derived-table rows are in memory already.
  mat_ = step->materialize && table_->system_view < 0 && table_->source == nullptr;
  uint64_t self = uint64_t{1} << step->table;
  for (const BoundExpr* f : step->path.filters) {
    if ((plan::TablesOf(f, *st->plan) & ~self) == 0) own_filters_.push_back(f);
    else join_filters_.push_back(f);
  }
}

TableAccess::~TableAccess() = default;

void TableAccess::BeginExecution() {
  if (table_->source != nullptr) view_loaded_ = false;  // parameters may have changed
  materialized_ = false;
  mat_rows_.clear();
  mat_rowids_.clear();
}

void TableAccess::EnsureCursors() {
  if (cursor_reader_ == st_->reader && table_cur_) return;
  cursor_reader_ = st_->reader;
  // The trees are fixed for the plan; only the transaction changes between executions.
  if (table_cur_) {
    table_cur_->Rebind(st_->reader);
  } else {
    table_cur_.reset(new BTreeCursor(st_->reader, def_->root, TreeKind::kTable));
  }
  if (step_->path.index == nullptr) {
    index_cur_.reset();
  } else if (index_cur_) {
    index_cur_->Rebind(st_->reader);
  } else {
    index_cur_.reset(new BTreeCursor(st_->reader, step_->path.index->root, TreeKind::kIndex));
  }
}

void TableAccess::SetNull() {
  for (int c : needed_) st_->scan_row[table_->slot_base + c] = ValueRef::Null();
  rowid_ = 0;
}

Status TableAccess::ComputeRowidRanges() {
  const plan::AccessPath& p = step_->path;
  rowids_.clear();
  rowid_full_ = false;
  if (p.kind == AccessKind::kRowidSeek) {
    const plan::KeyProbe& k = p.eq[0];
    if (k.is_null) {
      empty_ = true;
      return Status::OK();
    }
    if (k.values.size() == 1) {
      // One probe (id = $1, the prepared point lookup): no list to sort or de-duplicate.
      const BoundExpr* e = k.values[0];
      ValueRef v;
      if (e->op == plan::BoundOp::kParam && e->index < st_->eval.param_count && st_->eval.params != nullptr)
        v = st_->eval.params[e->index];  // what Evaluate would return, without the call
      else
        DDB_RETURN_IF_ERROR(Evaluate(*e, st_->scan_row.data(), &st_->eval, &v));
      int64_t r = 0;
      const Probe pr = v.is_null() ? Probe::kEmpty : RowidProbe(v, true, &r);
      if (pr == Probe::kExact) {
        rowids_.push_back(r);
      } else if (pr == Probe::kInexact) {
        rowid_full_ = true;
        recheck_ = true;
      } else {
        empty_ = true;
      }
      return Status::OK();
    }
    for (const BoundExpr* e : k.values) {
      ValueRef v;
      DDB_RETURN_IF_ERROR(Evaluate(*e, st_->scan_row.data(), &st_->eval, &v));
      if (v.is_null()) continue;
      int64_t r;
      Probe pr = RowidProbe(v, true, &r);
      if (pr == Probe::kExact) rowids_.push_back(r);
      if (pr == Probe::kInexact) {
        rowid_full_ = true;
        recheck_ = true;
        break;
      }
    }
    std::sort(rowids_.begin(), rowids_.end());
    rowids_.erase(std::unique(rowids_.begin(), rowids_.end()), rowids_.end());
    if (!rowid_full_ && rowids_.empty()) empty_ = true;
    return Status::OK();
  }
  lo_rowid_ = std::numeric_limits<int64_t>::min();
  hi_rowid_ = std::numeric_limits<int64_t>::max();
  if (p.lo != nullptr) {
    ValueRef v;
    DDB_RETURN_IF_ERROR(Evaluate(*p.lo, st_->scan_row.data(), &st_->eval, &v));
    int64_t r;
    if (v.is_null()) {
      empty_ = true;
    } else if (RowidProbe(v, false, &r) == Probe::kExact) {
      if (!p.lo_inclusive) {
        if (r == std::numeric_limits<int64_t>::max()) empty_ = true;
        else ++r;
      }
      lo_rowid_ = r;
    } else {
      recheck_ = true;
    }
  }
  if (p.hi != nullptr) {
    ValueRef v;
    DDB_RETURN_IF_ERROR(Evaluate(*p.hi, st_->scan_row.data(), &st_->eval, &v));
    int64_t r;
    if (v.is_null()) {
      empty_ = true;
    } else if (RowidProbe(v, false, &r) == Probe::kExact) {
      if (!p.hi_inclusive) {
        if (r == std::numeric_limits<int64_t>::min()) empty_ = true;
        else --r;
      }
      hi_rowid_ = r;
    } else {
      recheck_ = true;
    }
  }
  if (lo_rowid_ > hi_rowid_) empty_ = true;
  return Status::OK();
}

void TableAccess::AddRange(const std::string& prefix, const std::string& lo, const std::string& hi,
                           bool hi_open) {
  if (nranges_ == ranges_.size()) ranges_.emplace_back();
  KeyRange& r = ranges_[nranges_];
  r.lo.assign(prefix);
  r.lo.append(lo);
  r.hi.assign(prefix);
  r.hi.append(hi);
  r.hi_open = hi_open;
  if (hi_open || r.lo < r.hi) ++nranges_;
}

// Buffers (prefixes_, comp_, klo_, khi_, ranges_) keep their capacity across opens, so an
// index nested-loop probe with single-valued keys allocates nothing per outer row.
Status TableAccess::ComputeIndexRanges() {
  const plan::AccessPath& p = step_->path;
  const IndexDef* idx = p.index;
  nranges_ = 0;
  nprefixes_ = 1;
  if (prefixes_.empty()) prefixes_.emplace_back();
  prefixes_[0].clear();
  bool truncated = false;
  size_t j = 0;
  for (; j < p.eq.size() && !truncated; ++j) {
    const plan::KeyProbe& k = p.eq[j];
    const IndexColumn& ic = idx->columns[j];
    const ColumnDef& cd = def_->columns[ic.column];
    if (k.is_null || k.values.size() == 1) {
      comp_.clear();
      Probe pr = Probe::kExact;
      if (k.is_null) {
        AppendKeyComponent(ValueRef::Null(), ic.descending, &comp_);
      } else {
        ValueRef v;
        DDB_RETURN_IF_ERROR(Evaluate(*k.values[0], st_->scan_row.data(), &st_->eval, &v));
        pr = v.is_null() ? Probe::kEmpty : EncodeProbe(v, cd, ic.descending, true, &st_->scratch, &comp_);
      }
      if (pr == Probe::kEmpty) {
        empty_ = true;
        return Status::OK();
      }
      if (pr == Probe::kInexact) {
        truncated = true;
        break;
      }
      for (size_t i = 0; i < nprefixes_; ++i) prefixes_[i].append(comp_);
      continue;
    }
    // An IN list: one prefix per distinct value, in key order (a sorted multi-seek).
    std::vector<std::string> comps;
    for (const BoundExpr* e : k.values) {
      ValueRef v;
      DDB_RETURN_IF_ERROR(Evaluate(*e, st_->scan_row.data(), &st_->eval, &v));
      if (v.is_null()) continue;
      std::string c;
      Probe pr = EncodeProbe(v, cd, ic.descending, true, &st_->scratch, &c);
      if (pr == Probe::kExact) comps.push_back(std::move(c));
      if (pr == Probe::kInexact) {
        truncated = true;
        break;
      }
    }
    if (truncated) break;
    std::sort(comps.begin(), comps.end());
    comps.erase(std::unique(comps.begin(), comps.end()), comps.end());
    if (comps.empty()) {
      empty_ = true;
      return Status::OK();
    }
    if (nprefixes_ * comps.size() > 10000) {
      truncated = true;  // too many seeks: walk the shorter prefix and re-check
      break;
    }
    std::vector<std::string> next;
    for (size_t i = 0; i < nprefixes_; ++i)
      for (const std::string& c : comps) next.push_back(prefixes_[i] + c);
    prefixes_.swap(next);
    nprefixes_ = prefixes_.size();
  }
  bool has_range = !truncated && (p.lo != nullptr || p.hi != nullptr || p.like_prefix != nullptr);
  if (truncated) {
    recheck_ = true;
    if (step_ == &st_->plan->steps[0]) st_->order_broken = true;
  }
  if (!has_range) {
    klo_.clear();
    khi_.assign(1, '\xFF');
    for (size_t i = 0; i < nprefixes_; ++i) {
      bool whole = prefixes_[i].empty();
      AddRange(prefixes_[i], klo_, whole ? std::string() : khi_, whole);
    }
    return Status::OK();
  }
  const IndexColumn& ic = idx->columns[j];
  const ColumnDef& cd = def_->columns[ic.column];
  bool desc = ic.descending;
  // Key suffixes relative to the prefix; the defaults exclude NULLs, which no range
  // predicate accepts (NULL is 0xF0 ascending, 0x0F once inverted).
  klo_.clear();
  if (desc) klo_.push_back('\x10');
  khi_.assign(1, desc ? '\xFF' : '\xF0');
  auto bound = [&](const BoundExpr* e, bool inclusive, bool is_lo) -> Status {
    ValueRef v;
    DDB_RETURN_IF_ERROR(Evaluate(*e, st_->scan_row.data(), &st_->eval, &v));
    if (v.is_null()) {
      empty_ = true;
      return Status::OK();
    }
    comp_.clear();
    if (EncodeProbe(v, cd, desc, false, &st_->scratch, &comp_) != Probe::kExact) {
      recheck_ = true;
      return Status::OK();
    }
    // A lower bound on the column is a lower key bound ascending, an upper one inverted.
    std::string& target = (is_lo != desc) ? klo_ : khi_;
    bool add_ff = (is_lo != desc) ? !inclusive : inclusive;
    target.assign(comp_);
    if (add_ff) target.push_back('\xFF');
    return Status::OK();
  };
  if (p.lo != nullptr) DDB_RETURN_IF_ERROR(bound(p.lo, p.lo_inclusive, true));
  if (p.hi != nullptr) DDB_RETURN_IF_ERROR(bound(p.hi, p.hi_inclusive, false));
  if (p.like_prefix != nullptr) {
    ValueRef v;
    DDB_RETURN_IF_ERROR(Evaluate(*p.like_prefix, st_->scan_row.data(), &st_->eval, &v));
    recheck_ = true;  // the prefix range is a superset of the LIKE matches
    if (v.is_null()) {
      empty_ = true;
    } else if (v.type() == ValueType::kText && !desc) {
      LikePattern pat;
      if (LikePattern::Compile(v.bytes(), LikePattern::kDefaultEscape, false, &pat).ok() &&
          pat.is_prefix_pattern()) {
        klo_.clear();
        AppendKeyComponent(ValueRef::Text(pat.prefix()), false, &klo_);
        klo_.resize(klo_.size() - 2);  // drop the 00 00 terminator: any continuation matches
        khi_.assign(klo_);
        khi_.push_back('\xFF');  // valid UTF-8 never holds 0xFF
      }
    }
  }
  if (empty_) return Status::OK();
  for (size_t i = 0; i < nprefixes_; ++i) AddRange(prefixes_[i], klo_, khi_, false);
  if (nranges_ == 0) empty_ = true;
  return Status::OK();
}

Status TableAccess::ComputeRanges() {
  recheck_ = false;
  empty_ = false;
  switch (step_->path.kind) {
    case AccessKind::kRowidSeek:
    case AccessKind::kRowidRange: return ComputeRowidRanges();
    case AccessKind::kIndexSeek:
    case AccessKind::kIndexRange: return ComputeIndexRanges();
    case AccessKind::kTrigram: return ComputeTrigram();
    default: return Status::OK();
  }
}

Status TableAccess::Open() {
  started_ = false;
  done_ = false;
  pos_ = 0;
  in_range_ = false;
  mat_pos_ = 0;
  if (table_->system_view >= 0) {
    if (!view_loaded_) {
      DDB_RETURN_IF_ERROR(GenerateSystemViewRows(table_->system_view,
                                                 *st_->prepared->schema, &view_rows_));
      view_loaded_ = true;
    }
    return Status::OK();
  }
  if (table_->source != nullptr) {
    if (!view_loaded_) {
      if (!source_) source_.reset(new RowSourceExec(st_, table_->source));
      DDB_RETURN_IF_ERROR(source_->Load(&view_rows_));
      view_loaded_ = true;
    }
    return Status::OK();
  }
  EnsureCursors();
  if (mat_) {
    if (!materialized_) DDB_RETURN_IF_ERROR(Materialize());
    return Status::OK();
  }
  return ComputeRanges();
}

Status TableAccess::LoadRow(int64_t rowid) {
  rowid_ = rowid;
  if (skipping_) return Status::OK();
  std::string_view payload;
  DDB_RETURN_IF_ERROR(table_cur_->Value(&payload));
  DDB_RETURN_IF_ERROR(record_.Init(reinterpret_cast<const uint8_t*>(payload.data()), payload.size()));
  ValueRef* row = st_->scan_row.data() + table_->slot_base;
  if (alias_needed_) row[def_->rowid_alias] = ValueRef::Int64(rowid);
  // Columns past the record's field count were added later: they read their added value.
  const uint32_t fields = record_.field_count();
  size_t in_record = record_cols_.size();
  while (in_record > 0 && record_cols_[in_record - 1] >= fields) {
    --in_record;
    const uint32_t c = record_cols_[in_record];
    row[c] = def_->columns[c].added_value.ref();
  }
  bool overflow = false;
  DDB_RETURN_IF_ERROR(record_.ReadInOrder(record_cols_.data(), in_record, row, &overflow));
  if (!overflow) return Status::OK();
  // Rare: some value lives in an overflow chain; read those through Field().
  for (size_t k = 0; k < in_record; ++k) {
    const uint32_t c = record_cols_[k];
    FieldRef f;
    DDB_RETURN_IF_ERROR(record_.Field(c, &f));
    if (!f.overflow) continue;
    std::string& buf = overflow_[c];
    DDB_RETURN_IF_ERROR(ReadOverflowChain(st_->reader, f.overflow_page, f.overflow_len, &buf));
    row[c] = f.value.type() == ValueType::kText ? ValueRef::Text(buf) : ValueRef::Blob(buf);
  }
  return Status::OK();
}

// Index-only access: the needed columns are decoded from the key (the planner checked
// that the index covers them and that decoding is lossless for their types).
Status TableAccess::LoadFromKey(std::string_view key, int64_t rowid) {
  rowid_ = rowid;
  const IndexDef* idx = step_->path.index;
  if (key_values_.size() < idx->columns.size()) key_values_.resize(idx->columns.size());
  KeyReader kr(reinterpret_cast<const uint8_t*>(key.data()), key.size());
  ValueRef* row = st_->scan_row.data() + table_->slot_base;
  for (size_t j = 0; j < idx->columns.size(); ++j) {
    const IndexColumn& ic = idx->columns[j];
    DDB_RETURN_IF_ERROR(kr.Next(ic.descending, &key_values_[j]));
    if (table_->needed[ic.column]) row[ic.column] = key_values_[j].value.ref();
  }
  if (def_->rowid_alias >= 0 && table_->needed[def_->rowid_alias])
    row[def_->rowid_alias] = ValueRef::Int64(rowid);
  return Status::OK();
}

Status TableAccess::AdvanceTable(bool* has_row) {
  bool back = step_->path.reverse;
  if (!started_) {
    started_ = true;
    DDB_RETURN_IF_ERROR(back ? table_cur_->Last() : table_cur_->First());
  } else {
    DDB_RETURN_IF_ERROR(back ? table_cur_->Prev() : table_cur_->Next());
  }
  if (!table_cur_->Valid()) {
    *has_row = false;
    return Status::OK();
  }
  *has_row = true;
  return LoadRow(table_cur_->rowid());
}

Status TableAccess::AdvanceRowids(bool* has_row) {
  bool back = step_->path.reverse;
  while (pos_ < rowids_.size()) {
    int64_t r = back ? rowids_[rowids_.size() - 1 - pos_] : rowids_[pos_];
    ++pos_;
    DDB_RETURN_IF_ERROR(table_cur_->SeekGE(TreeKey::Rowid(r)));
    if (table_cur_->Valid() && table_cur_->rowid() == r) {
      *has_row = true;
      return LoadRow(r);
    }
    DDB_RETURN_IF_ERROR(st_->Tick());
  }
  *has_row = false;
  return Status::OK();
}

Status TableAccess::AdvanceRowidRange(bool* has_row) {
  bool back = step_->path.reverse;
  if (!started_) {
    started_ = true;
    DDB_RETURN_IF_ERROR(back ? table_cur_->SeekLE(TreeKey::Rowid(hi_rowid_))
                             : table_cur_->SeekGE(TreeKey::Rowid(lo_rowid_)));
  } else {
    DDB_RETURN_IF_ERROR(back ? table_cur_->Prev() : table_cur_->Next());
  }
  if (!table_cur_->Valid()) {
    *has_row = false;
    return Status::OK();
  }
  int64_t r = table_cur_->rowid();
  if (back ? r < lo_rowid_ : r > hi_rowid_) {
    *has_row = false;
    return Status::OK();
  }
  *has_row = true;
  return LoadRow(r);
}

Status TableAccess::AdvanceIndex(bool* has_row) {
  bool back = step_->path.reverse;
  for (;;) {
    if (pos_ >= nranges_) {
      *has_row = false;
      return Status::OK();
    }
    const KeyRange& r = ranges_[back ? nranges_ - 1 - pos_ : pos_];
    if (!in_range_) {
      in_range_ = true;
      if (back) {
        if (r.hi_open) DDB_RETURN_IF_ERROR(index_cur_->Last());
        else DDB_RETURN_IF_ERROR(index_cur_->SeekLE(TreeKey::Bytes(r.hi)));
        while (index_cur_->Valid() && !r.hi_open && index_cur_->key() >= r.hi)
          DDB_RETURN_IF_ERROR(index_cur_->Prev());
      } else {
        if (r.lo.empty()) DDB_RETURN_IF_ERROR(index_cur_->First());
        else DDB_RETURN_IF_ERROR(index_cur_->SeekGE(TreeKey::Bytes(r.lo)));
      }
    } else {
      DDB_RETURN_IF_ERROR(back ? index_cur_->Prev() : index_cur_->Next());
    }
    bool in = index_cur_->Valid();
    if (in) {
      std::string_view k = index_cur_->key();
      in = back ? k >= std::string_view(r.lo) : (r.hi_open || k < std::string_view(r.hi));
    }
    if (!in) {
      ++pos_;
      in_range_ = false;
      continue;
    }
    std::string_view k = index_cur_->key();
    int64_t rowid;
    DDB_RETURN_IF_ERROR(DecodeRowidSuffix(reinterpret_cast<const uint8_t*>(k.data()), k.size(), &rowid));
    if (step_->path.index_only || skipping_) {
      *has_row = true;
      if (skipping_) {
        rowid_ = rowid;
        return Status::OK();
      }
      return LoadFromKey(k, rowid);
    }
    DDB_RETURN_IF_ERROR(table_cur_->SeekGE(TreeKey::Rowid(rowid)));
    if (!table_cur_->Valid() || table_cur_->rowid() != rowid)
      return Status::Corruption("index " + step_->path.index->name + " references missing row " +
                                std::to_string(rowid) + " of table " + def_->name);
    *has_row = true;
    return LoadRow(rowid);
  }
}

Status TableAccess::AdvanceValues(bool* has_row) {
  if (pos_ >= view_rows_.size()) {
    *has_row = false;
    return Status::OK();
  }
  const std::vector<Value>& r = view_rows_[pos_++];
  ValueRef* row = st_->scan_row.data() + table_->slot_base;
  for (size_t c = 0; c < r.size() && c < def_->columns.size(); ++c) row[c] = r[c].ref();
  rowid_ = static_cast<int64_t>(pos_);
  *has_row = true;
  return Status::OK();
}

Status TableAccess::Advance(bool* has_row) {
  if (table_->system_view >= 0 || table_->source != nullptr) return AdvanceValues(has_row);
  if (empty_ || done_) {
    *has_row = false;
    return Status::OK();
  }
  Status s;
  switch (step_->path.kind) {
    case AccessKind::kRowidSeek:
      s = rowid_full_ ? AdvanceTable(has_row) : AdvanceRowids(has_row);
      break;
    case AccessKind::kRowidRange: s = AdvanceRowidRange(has_row); break;
    case AccessKind::kIndexSeek:
    case AccessKind::kIndexRange: s = AdvanceIndex(has_row); break;
    case AccessKind::kTrigram: s = AdvanceTrigram(has_row); break;
    default: s = AdvanceTable(has_row); break;
  }
  if (s.ok() && !*has_row) done_ = true;
  return s;
}

Status TableAccess::Passes(bool materializing, bool* ok) {
  *ok = true;
  if (!Filtered()) return Status::OK();
  st_->scratch.Reset();  // (X2)
  const ValueRef* row = st_->scan_row.data();
  if (recheck_) {
    for (const BoundExpr* f : step_->path.index_conds) {
      DDB_RETURN_IF_ERROR(EvaluatePredicate(*f, row, &st_->eval, ok));
      if (!*ok) return Status::OK();
    }
  }
  bool own = materializing || !mat_;
  bool join = !materializing;
  if (own) {
    for (const BoundExpr* f : own_filters_) {
      DDB_RETURN_IF_ERROR(EvaluatePredicate(*f, row, &st_->eval, ok));
      if (!*ok) return Status::OK();
    }
  }
  if (join) {
    for (const BoundExpr* f : join_filters_) {
      DDB_RETURN_IF_ERROR(EvaluatePredicate(*f, row, &st_->eval, ok));
      if (!*ok) return Status::OK();
    }
  }
  return Status::OK();
}

Status TableAccess::Materialize() {
  DDB_RETURN_IF_ERROR(ComputeRanges());
  started_ = false;
  done_ = false;
  pos_ = 0;
  in_range_ = false;
  mat_rows_.clear();
  mat_rowids_.clear();
  for (;;) {
    bool has = false;
    DDB_RETURN_IF_ERROR(st_->Tick());
    DDB_RETURN_IF_ERROR(Advance(&has));
    if (!has) break;
    bool ok = false;
    DDB_RETURN_IF_ERROR(Passes(true, &ok));
    if (!ok) continue;
    const ValueRef* row = st_->scan_row.data() + table_->slot_base;
    uint64_t bytes = 0;
    for (int c : needed_) {
      mat_rows_.emplace_back(row[c]);
      bytes += ValueBytes(mat_rows_.back());
    }
    mat_rowids_.push_back(rowid_);
    DDB_RETURN_IF_ERROR(st_->Charge(bytes + sizeof(int64_t)));
  }
  materialized_ = true;
  mat_pos_ = 0;
  return Status::OK();
}

Status TableAccess::Skip(int64_t n, int64_t* skipped) {
  *skipped = 0;
  if (mat_ || Filtered() || table_->system_view >= 0) return SkipByNext(this, n, skipped);
  skipping_ = true;
  Status s;
  // A table scan in rowid order has no bound to check between rows: after the first
  // row (which positions the scan as Advance does), its cursor passes whole leaves.
  const AccessKind kind = step_->path.kind;
  const bool table_scan = table_->source == nullptr &&
                          (kind == AccessKind::kTableScan || (kind == AccessKind::kRowidSeek && rowid_full_));
  while (*skipped < n) {
    bool has = false;
    s = st_->Tick();
    if (s.ok()) s = Advance(&has);
    if (!s.ok() || !has) break;
    ++*skipped;
    // Leaf-sized moves, in chunks of rows with an interrupt poll between them.
    while (table_scan && *skipped < n) {
      constexpr int64_t kChunk = 4096;
      int64_t moved = 0;
      s = table_cur_->Skip(std::min(n - *skipped, kChunk), !step_->path.reverse, &moved);
      if (!s.ok()) break;
      *skipped += moved;
      if (!table_cur_->Valid()) {
        done_ = true;
        break;
      }
      rowid_ = table_cur_->rowid();
      if (*skipped < n) s = st_->Poll();
      if (!s.ok()) break;
    }
    if (!s.ok() || done_) break;
  }
  skipping_ = false;
  return s;
}

Status TableAccess::Next(bool* has_row) {
  if (mat_) {
    size_t w = needed_.size();
    while (mat_pos_ < mat_rowids_.size()) {
      DDB_RETURN_IF_ERROR(st_->Tick());
      size_t i = mat_pos_++;
      ValueRef* row = st_->scan_row.data() + table_->slot_base;
      for (size_t k = 0; k < w; ++k) row[needed_[k]] = mat_rows_[i * w + k].ref();
      rowid_ = mat_rowids_[i];
      bool ok = false;
      DDB_RETURN_IF_ERROR(Passes(false, &ok));
      if (ok) {
        *has_row = true;
        return Status::OK();
      }
    }
    *has_row = false;
    return Status::OK();
  }
  for (;;) {
    DDB_RETURN_IF_ERROR(st_->Tick());
    bool has = false;
    DDB_RETURN_IF_ERROR(Advance(&has));
    if (!has) {
      *has_row = false;
      return Status::OK();
    }
    if (!Filtered()) {
      *has_row = true;  // nothing to evaluate (what Passes would conclude)
      return Status::OK();
    }
    bool ok = false;
    DDB_RETURN_IF_ERROR(Passes(false, &ok));
    if (ok) {
      *has_row = true;
      return Status::OK();
    }
  }
}

}  // namespace exec
}  // namespace decentdb
