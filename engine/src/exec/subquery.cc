// Subqueries and derived-table row sources at run time (see subquery.h). IN follows the
// list rules of ENGINE.md §7.3: NULL operand -> NULL (unless the subquery is empty),
// a match -> TRUE, otherwise NULL if the subquery produced a NULL, else FALSE; NOT IN
// negates that. Set operations treat NULLs as equal and keep first occurrences in order.
#include "exec/subquery.h"

#include <algorithm>

#include "exec/value_cast.h"
#include "exec/value_ops.h"

namespace decentdb {
namespace exec {

using plan::BoundExpr;
using plan::SubqueryKind;

namespace {

enum Tri : int { kFalse = 0, kTrue = 1, kUnknown = 2 };

ValueRef FromTri(Tri t, bool negated) {
  if (t == kUnknown) return ValueRef::Null();
  bool b = t == kTrue;
  return ValueRef::Bool(negated ? !b : b);
}

bool IsNumber(ValueType t) { return t == ValueType::kInt64 || t == ValueType::kFloat64; }

// Copies a value's bytes into the scratch arena (the evaluator's result contract).
ValueRef ToScratch(ValueRef v, ScratchArena* scratch) {
  if (v.type() == ValueType::kText) return ValueRef::Text(scratch->Copy(v.bytes()));
  if (v.type() == ValueType::kBlob) return ValueRef::Blob(scratch->Copy(v.bytes()));
  return v;
}

}  // namespace

struct SubqueryExec::Slot {
  std::unique_ptr<QueryCursor> cursor;
  bool cached = false;  // (U1, U2)
  Value scalar;
  bool exists = false;
  // IN set of an uncorrelated subquery.
  std::vector<Value> values;  // non-NULL values
  bool has_null = false;
  bool any = false;           // the subquery produced a row
  bool homogeneous = true;    // every value of values has class `cls` (or both numeric)
  ValueType cls = ValueType::kNull;
  std::unordered_multimap<uint64_t, size_t> index;
  std::vector<ValueRef> outer;
  ScratchArena convert_scratch;
};

SubqueryExec::SubqueryExec(ExecState* st, const plan::ExprPool* pool) : st_(st), pool_(pool) {
  slots_.resize(static_cast<size_t>(pool->subquery_count()));
}

SubqueryExec::~SubqueryExec() = default;

void SubqueryExec::BeginExecution() {
  for (auto& s : slots_)
    if (s) s->cached = false;
}

Status SubqueryExec::Open(Slot* s, const plan::SubqueryDef& def, const ValueRef* outer, int n) {
  if (!s->cursor) s->cursor.reset(new QueryCursor(def.query.get()));
  ExecContext ic = st_->ctx;
  ic.outer = outer;
  ic.outer_count = n;
  return s->cursor->Open(st_->reader, st_->eval.params, st_->eval.param_count, ic);
}

Status SubqueryExec::InnerValue(const BoundExpr& node, const plan::SubqueryDef& def, ValueRef v,
                                ScratchArena* scratch, ValueRef* out) const {
  if (!(node.flags & plan::kFlagConvertInner) || v.is_null()) {
    *out = v;
    return Status::OK();
  }
  return ConvertValue(v, def.query->plan->outputs[0].type, node.target, ConvertMode::kAssign,
                      scratch, out);
}

Status SubqueryExec::Run(const BoundExpr& node, const ValueRef* row, EvalContext* ctx,
                         ValueRef* out) {
  if (node.index < 0 || node.index >= pool_->subquery_count())
    return Status::Internal("subquery id out of range");
  const plan::SubqueryDef& def = pool_->subquery(node.index);
  std::unique_ptr<Slot>& sp = slots_[static_cast<size_t>(node.index)];
  if (!sp) sp.reset(new Slot());
  Slot* s = sp.get();
  SubqueryKind kind = static_cast<SubqueryKind>(node.sub);
  uint32_t first = kind == SubqueryKind::kIn ? 1 : 0;
  ValueRef x;
  if (kind == SubqueryKind::kIn) DDB_RETURN_IF_ERROR(Evaluate(*node.args[0], row, ctx, &x));
  uint32_t n = node.arg_count - first;
  bool cache = n == 0;  // (U2)
  if (!(cache && s->cached)) {
    s->outer.resize(n);
    for (uint32_t i = 0; i < n; ++i)
      DDB_RETURN_IF_ERROR(Evaluate(*node.args[first + i], row, ctx, &s->outer[i]));
    DDB_RETURN_IF_ERROR(Open(s, def, s->outer.data(), static_cast<int>(n)));
  }
  bool negated = (node.flags & plan::kFlagNegated) != 0;
  switch (kind) {
    case SubqueryKind::kExists: {
      if (!(cache && s->cached)) {
        bool has = false;
        Status st = s->cursor->Next(&has);
        s->cursor->Close();
        DDB_RETURN_IF_ERROR(st);
        s->exists = has;
        s->cached = cache;
      }
      *out = ValueRef::Bool(negated ? !s->exists : s->exists);
      return Status::OK();
    }
    case SubqueryKind::kScalar: return Scalar(s, ctx, out, cache);
    case SubqueryKind::kIn: return In(node, def, s, x, ctx, out, cache);
  }
  return Status::Internal("unknown subquery kind");
}

Status SubqueryExec::Scalar(Slot* s, EvalContext* ctx, ValueRef* out, bool cache) {
  if (!(cache && s->cached)) {
    bool has = false;
    Status st = s->cursor->Next(&has);
    ValueRef v;
    if (st.ok() && has) {
      v = ToScratch(s->cursor->Column(0), ctx->scratch);
      bool more = false;
      st = s->cursor->Next(&more);
      if (st.ok() && more)
        st = Status::Sql("more than one row returned by a subquery used as an expression", "21000");
    }
    s->cursor->Close();
    DDB_RETURN_IF_ERROR(st);
    if (!cache) {
      *out = v;
      return Status::OK();
    }
    s->scalar.Assign(v);
    s->cached = true;
  }
  *out = s->scalar.ref();
  return Status::OK();
}

Status SubqueryExec::Member(const BoundExpr& node, const Slot& s, ValueRef x, bool* found) const {
  *found = false;
  bool decimal = (node.flags & plan::kFlagDecimal) != 0;
  bool hashable = !decimal && s.homogeneous &&
                  (x.type() == s.cls || (IsNumber(x.type()) && IsNumber(s.cls)));
  if (hashable) {
    auto range = s.index.equal_range(HashValue(x, LogicalType::kNone));
    for (auto it = range.first; it != range.second; ++it)
      if (GroupEqual(s.values[it->second].ref(), x, LogicalType::kNone)) {
        *found = true;
        return Status::OK();
      }
    return Status::OK();
  }
  for (const Value& v : s.values) {
    int c = 0;
    if (decimal) DDB_RETURN_IF_ERROR(CompareDecimal(x, v.ref(), &c));
    else c = CompareValues(x, v.ref());
    if (c == 0) {
      *found = true;
      return Status::OK();
    }
  }
  return Status::OK();
}

Status SubqueryExec::In(const BoundExpr& node, const plan::SubqueryDef& def, Slot* s, ValueRef x,
                        EvalContext* ctx, ValueRef* out, bool cache) {
  bool negated = (node.flags & plan::kFlagNegated) != 0;
  bool decimal = (node.flags & plan::kFlagDecimal) != 0;
  if (!cache) {
    // Correlated: stream the subquery's rows and stop at the first match.
    Tri r = kFalse;
    Status st;
    for (;;) {
      bool has = false;
      st = s->cursor->Next(&has);
      if (!st.ok() || !has) break;
      if (x.is_null()) {
        r = kUnknown;
        break;
      }
      ValueRef v;
      st = InnerValue(node, def, s->cursor->Column(0), ctx->scratch, &v);
      if (!st.ok()) break;
      if (v.is_null()) {
        r = kUnknown;
        continue;
      }
      int c = 0;
      if (decimal) {
        st = CompareDecimal(x, v, &c);
        if (!st.ok()) break;
      } else {
        c = CompareValues(x, v);
      }
      if (c == 0) {
        r = kTrue;
        break;
      }
    }
    s->cursor->Close();
    DDB_RETURN_IF_ERROR(st);
    *out = FromTri(r, negated);
    return Status::OK();
  }
  if (!s->cached) {
    s->values.clear();
    s->index.clear();
    s->has_null = false;
    s->any = false;
    s->homogeneous = true;
    s->cls = ValueType::kNull;
    Status st;
    for (;;) {
      bool has = false;
      st = s->cursor->Next(&has);
      if (!st.ok() || !has) break;
      s->any = true;
      s->convert_scratch.Reset();
      ValueRef v;
      st = InnerValue(node, def, s->cursor->Column(0), &s->convert_scratch, &v);
      if (!st.ok()) break;
      if (v.is_null()) {
        s->has_null = true;
        continue;
      }
      if (s->cls == ValueType::kNull) s->cls = v.type();
      else if (v.type() != s->cls && !(IsNumber(v.type()) && IsNumber(s->cls))) s->homogeneous = false;
      s->values.emplace_back(v);
      st = st_->Charge(ValueBytes(s->values.back()) + 16);
      if (!st.ok()) break;
      s->index.emplace(HashValue(v, LogicalType::kNone), s->values.size() - 1);
    }
    s->cursor->Close();
    DDB_RETURN_IF_ERROR(st);
    s->cached = true;
  }
  if (!s->any) {
    *out = FromTri(kFalse, negated);
    return Status::OK();
  }
  if (x.is_null()) {
    *out = ValueRef::Null();
    return Status::OK();
  }
  bool found = false;
  DDB_RETURN_IF_ERROR(Member(node, *s, x, &found));
  *out = FromTri(found ? kTrue : (s->has_null ? kUnknown : kFalse), negated);
  return Status::OK();
}

// ---------------------------------------------------------------- row sources

RowSourceExec::RowSourceExec(ExecState* st, const plan::RowSource* src) : st_(st), src_(src) {}

RowSourceExec::~RowSourceExec() = default;

Status RowSourceExec::Load(std::vector<std::vector<Value>>* rows) {
  rows->clear();
  return LoadNode(*src_, rows);
}

namespace {

// Distinct rows of a set operation's operand with their multiplicities, in order of
// first occurrence; rows compare with GroupEqual (NULLs equal, ENGINE.md §7.3).
class RowCounter {
 public:
  explicit RowCounter(const std::vector<SqlType>* types) : types_(types) {}
  // Index of the distinct row equal to r, adding it when new; *added says which.
  size_t Find(const std::vector<Value>& r, bool add, bool* found) {
    uint64_t h = Hash(r);
    auto range = index_.equal_range(h);
    for (auto it = range.first; it != range.second; ++it) {
      if (Equal(rows_[it->second], r)) {
        *found = true;
        return it->second;
      }
    }
    *found = false;
    if (!add) return 0;
    rows_.push_back(r);
    left_.push_back(0);
    right_.push_back(0);
    index_.emplace(h, rows_.size() - 1);
    return rows_.size() - 1;
  }
  std::vector<std::vector<Value>> rows_;
  std::vector<int64_t> left_, right_;

 private:
  uint64_t Hash(const std::vector<Value>& r) const {
    uint64_t h = 0;
    for (size_t i = 0; i < r.size(); ++i)
      h = h * 0x9E3779B97F4A7C15ULL + HashValue(r[i].ref(), Logical(i));
    return h;
  }
  bool Equal(const std::vector<Value>& a, const std::vector<Value>& b) const {
    for (size_t i = 0; i < a.size(); ++i)
      if (!GroupEqual(a[i].ref(), b[i].ref(), Logical(i))) return false;
    return true;
  }
  LogicalType Logical(size_t i) const {
    return i < types_->size() ? (*types_)[i].logical : LogicalType::kNone;
  }
  const std::vector<SqlType>* types_;
  std::unordered_multimap<uint64_t, size_t> index_;
};

uint64_t RowBytes(const std::vector<Value>& r) {
  uint64_t b = 32;
  for (const Value& v : r) b += ValueBytes(v);
  return b;
}

}  // namespace

Status RowSourceExec::LoadNode(const plan::RowSource& src, std::vector<std::vector<Value>>* rows) {
  if (src.kind == plan::RowSource::kSelect) {
    std::unique_ptr<QueryCursor>& cur = cursors_[src.select.get()];
    if (!cur) cur.reset(new QueryCursor(src.select.get()));
    DDB_RETURN_IF_ERROR(cur->Open(st_->reader, st_->eval.params, st_->eval.param_count, st_->ctx));
    const plan::SelectPlan& p = *src.select->plan;
    int w = cur->column_count();
    ScratchArena scratch;
    Status st;
    for (;;) {
      bool has = false;
      st = cur->Next(&has);
      if (!st.ok() || !has) break;
      DDB_RETURN_IF_ERROR(st_->Tick());
      std::vector<Value> r(static_cast<size_t>(w));
      scratch.Reset();
      for (int i = 0; i < w && st.ok(); ++i) {
        ValueRef v = cur->Column(i);
        const SqlType& from = p.outputs[static_cast<size_t>(i)].type;
        const SqlType& to = src.types[static_cast<size_t>(i)];
        // (R1) values of an operand whose type differs from the unified one.
        if (!v.is_null() && from.known() && to.known() && !from.SameKind(to))
          st = CastValue(v, from, to, &scratch, &v);
        r[static_cast<size_t>(i)].Assign(v);
      }
      if (!st.ok()) break;
      st = st_->Charge(RowBytes(r));
      if (!st.ok()) break;
      rows->push_back(std::move(r));
    }
    cur->Close();
    return st;
  }
  std::vector<std::vector<Value>> left, right;
  DDB_RETURN_IF_ERROR(LoadNode(*src.left, &left));
  DDB_RETURN_IF_ERROR(LoadNode(*src.right, &right));
  // Operands of a set operation deliver their own unified types; convert to this one's.
  auto convert = [&](std::vector<std::vector<Value>>* part, const std::vector<SqlType>& from) {
    ScratchArena scratch;
    for (auto& r : *part)
      for (size_t i = 0; i < r.size() && i < src.types.size(); ++i) {
        if (r[i].is_null() || !from[i].known() || !src.types[i].known() ||
            from[i].SameKind(src.types[i]))
          continue;
        scratch.Reset();
        ValueRef v;
        DDB_RETURN_IF_ERROR(CastValue(r[i].ref(), from[i], src.types[i], &scratch, &v));
        r[i].Assign(v);
      }
    return Status::OK();
  };
  DDB_RETURN_IF_ERROR(convert(&left, src.left->types));
  DDB_RETURN_IF_ERROR(convert(&right, src.right->types));
  if (src.op == plan::SetOpKind::kUnion && src.all) {
    *rows = std::move(left);
    for (auto& r : right) rows->push_back(std::move(r));
    return Status::OK();
  }
  RowCounter counter(&src.types);
  for (auto& r : left) {
    bool found = false;
    size_t i = counter.Find(r, true, &found);
    ++counter.left_[i];
  }
  bool add_right = src.op == plan::SetOpKind::kUnion;
  for (auto& r : right) {
    bool found = false;
    size_t i = counter.Find(r, add_right, &found);
    if (found || add_right) ++counter.right_[i];
  }
  for (size_t i = 0; i < counter.rows_.size(); ++i) {
    int64_t l = counter.left_[i], r = counter.right_[i], copies = 0;
    switch (src.op) {
      case plan::SetOpKind::kUnion: copies = 1; break;
      case plan::SetOpKind::kIntersect:
        copies = src.all ? std::min(l, r) : (l > 0 && r > 0 ? 1 : 0);
        break;
      case plan::SetOpKind::kExcept:
        copies = src.all ? std::max<int64_t>(l - r, 0) : (l > 0 && r == 0 ? 1 : 0);
        break;
    }
    for (int64_t c = 0; c < copies; ++c) rows->push_back(counter.rows_[i]);
  }
  return Status::OK();
}

}  // namespace exec
}  // namespace decentdb
