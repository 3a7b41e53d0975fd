// Rule-based planner: sargable-predicate analysis, access-path choice per table, greedy
// INNER join order with LEFT joins kept in place, conjunct placement, sort avoidance,
// top-N and the COUNT(*) / MIN/MAX fast paths. Rules: ENGINE.md §9.1-§9.4.
#include "plan/planner.h"

#include <algorithm>

#include "plan/trigram_access.h"

namespace decentdb {
namespace plan {

const char* AccessKindName(AccessKind k) {
  switch (k) {
    case AccessKind::kTableScan: return "TableScan";
    case AccessKind::kRowidSeek: return "RowidSeek";
    case AccessKind::kRowidRange: return "RowidRange";
    case AccessKind::kIndexSeek: return "IndexSeek";
    case AccessKind::kIndexRange: return "IndexRange";
    case AccessKind::kValues: return "Values";
    case AccessKind::kTrigram: return "TrigramCandidates";
  }
  return "?";
}

namespace {

uint64_t Bit(int t) { return uint64_t{1} << t; }

// A conjunct that can bound one column of one table.
struct Sarg {
  enum Kind { kEq, kIn, kIsNull, kLo, kHi, kBetween, kLike } kind;
  int column = -1;
  const BoundExpr* v1 = nullptr;  // kEq, kLo, kHi, kBetween low, kLike pattern
  const BoundExpr* v2 = nullptr;  // kBetween high
  std::vector<const BoundExpr*> list;  // kIn
  bool inclusive = true;               // kLo, kHi
  const BoundExpr* conj = nullptr;
  uint64_t deps = 0;  // tables the value side reads
};

bool AnalyzeShape(const BoundExpr* e, int t, const SelectPlan& plan, Sarg* out);

int ColumnOf(const BoundExpr* e, const FromTable& ft) {
  if (e == nullptr || e->op != BoundOp::kColumn) return -1;
  int c = e->index - ft.slot_base;
  if (c < 0 || c >= static_cast<int>(ft.table->columns.size())) return -1;
  return c;
}

bool Analyze(const BoundExpr* e, int t, const SelectPlan& plan, Sarg* out) {
  const FromTable& ft = plan.tables[t];
  out->conj = e;
  if (!AnalyzeShape(e, t, plan, out)) return false;
  // The index order is the column's own order: a DECIMAL column compares numerically and
  // anything else by class, so a comparison done the other way cannot use the index.
  bool col_decimal = ft.table->columns[out->column].type.type.is_decimal();
  bool cmp_decimal = (e->flags & kFlagDecimal) != 0;
  if (e->op != BoundOp::kIsNull && e->op != BoundOp::kLike && e->op != BoundOp::kOr &&
      col_decimal != cmp_decimal)
    return false;
  return true;
}

bool AnalyzeShape(const BoundExpr* e, int t, const SelectPlan& plan, Sarg* out) {
  const FromTable& ft = plan.tables[t];
  switch (e->op) {
    case BoundOp::kCompare: {
      CmpOp op = static_cast<CmpOp>(e->sub);
      if (op == CmpOp::kNe) return false;
      const BoundExpr* col = e->args[0];
      const BoundExpr* val = e->args[1];
      int c = ColumnOf(col, ft);
      if (c < 0 || (TablesOf(val, plan) & Bit(t))) {
        c = ColumnOf(val, ft);
        if (c < 0 || (TablesOf(col, plan) & Bit(t))) return false;
        std::swap(col, val);
        switch (op) {  // flip the comparison: v < col is col > v
          case CmpOp::kLt: op = CmpOp::kGt; break;
          case CmpOp::kLe: op = CmpOp::kGe; break;
          case CmpOp::kGt: op = CmpOp::kLt; break;
          case CmpOp::kGe: op = CmpOp::kLe; break;
          default: break;
        }
      }
      out->column = c;
      out->v1 = val;
      out->deps = TablesOf(val, plan);
      switch (op) {
        case CmpOp::kEq: out->kind = Sarg::kEq; break;
        case CmpOp::kLt: out->kind = Sarg::kHi; out->inclusive = false; break;
        case CmpOp::kLe: out->kind = Sarg::kHi; break;
        case CmpOp::kGt: out->kind = Sarg::kLo; out->inclusive = false; break;
        case CmpOp::kGe: out->kind = Sarg::kLo; break;
        default: return false;
      }
      return true;
    }
    case BoundOp::kOr: {
      // OR of equalities on one column is an IN list (ENGINE.md §9.1).
      out->kind = Sarg::kIn;
      for (uint32_t i = 0; i < e->arg_count; ++i) {
        Sarg part;
        if (!Analyze(e->args[i], t, plan, &part) || part.kind != Sarg::kEq) return false;
        if (out->column >= 0 && part.column != out->column) return false;
        out->column = part.column;
        out->list.push_back(part.v1);
        out->deps |= part.deps;
      }
      out->conj = e;
      return e->arg_count > 0;
    }
    case BoundOp::kIn: {
      if (e->flags & kFlagNegated) return false;
      int c = ColumnOf(e->args[0], ft);
      if (c < 0 || e->arg_count < 2) return false;
      out->kind = Sarg::kIn;
      out->column = c;
      for (uint32_t i = 1; i < e->arg_count; ++i) {
        uint64_t d = TablesOf(e->args[i], plan);
        if (d & Bit(t)) return false;
        out->deps |= d;
        out->list.push_back(e->args[i]);
      }
      return true;
    }
    case BoundOp::kBetween: {
      if (e->flags & kFlagNegated) return false;
      int c = ColumnOf(e->args[0], ft);
      if (c < 0) return false;
      uint64_t d = TablesOf(e->args[1], plan) | TablesOf(e->args[2], plan);
      if (d & Bit(t)) return false;
      out->kind = Sarg::kBetween;
      out->column = c;
      out->v1 = e->args[1];
      out->v2 = e->args[2];
      out->deps = d;
      return true;
    }
    case BoundOp::kIsNull: {
      if (e->flags & kFlagNegated) return false;
      int c = ColumnOf(e->args[0], ft);
      if (c < 0) return false;
      out->kind = Sarg::kIsNull;
      out->column = c;
      return true;
    }
    case BoundOp::kLike: {
      if (e->flags & (kFlagNegated | kFlagIlike)) return false;
      if (e->arg_count != 2) return false;
      int c = ColumnOf(e->args[0], ft);
      if (c < 0) return false;
      const SqlType& ct = ft.table->columns[c].type.type;
      if (ct.cls != ValueType::kText || ct.logical != LogicalType::kNone) return false;
      uint64_t d = TablesOf(e->args[1], plan);
      if (d & Bit(t)) return false;
      // A constant pattern that is not a prefix pattern cannot narrow anything.
      if (e->args[1]->is_const() && e->like != nullptr && !e->like->is_prefix_pattern()) return false;
      out->kind = Sarg::kLike;
      out->column = c;
      out->v1 = e->args[1];
      out->deps = d;
      return true;
    }
    default: return false;
  }
}

struct Candidate {
  AccessPath path;
  int score = 0;
  uint64_t deps = 0;  // outer tables the probes read
  std::vector<const BoundExpr*> used;
};

// Applies range sargs of one column to the path; returns whether any applied.
bool ApplyRange(const std::vector<Sarg>& sargs, int column, uint64_t avail, AccessPath* p,
                Candidate* c) {
  bool any = false;
  for (const Sarg& s : sargs) {
    if (s.column != column || (s.deps & ~avail)) continue;
    switch (s.kind) {
      case Sarg::kLo:
        if (p->lo != nullptr || p->like_prefix != nullptr) continue;
        p->lo = s.v1;
        p->lo_inclusive = s.inclusive;
        break;
      case Sarg::kHi:
        if (p->hi != nullptr || p->like_prefix != nullptr) continue;
        p->hi = s.v1;
        p->hi_inclusive = s.inclusive;
        break;
      case Sarg::kBetween:
        if (p->lo != nullptr || p->hi != nullptr || p->like_prefix != nullptr) continue;
        p->lo = s.v1;
        p->hi = s.v2;
        p->lo_inclusive = p->hi_inclusive = true;
        break;
      case Sarg::kLike:
        if (p->lo != nullptr || p->hi != nullptr || p->like_prefix != nullptr) continue;
        p->like_prefix = s.v1;
        break;
      default: continue;
    }
    any = true;
    c->deps |= s.deps;
    c->used.push_back(s.conj);
  }
  return any;
}

const Sarg* FindEq(const std::vector<Sarg>& sargs, int column, uint64_t avail) {
  const Sarg* best = nullptr;
  for (const Sarg& s : sargs) {
    if (s.column != column || (s.deps & ~avail)) continue;
    if (s.kind == Sarg::kEq) return &s;
    if ((s.kind == Sarg::kIn || s.kind == Sarg::kIsNull) && best == nullptr) best = &s;
  }
  return best;
}

void AddProbe(const Sarg& s, AccessPath* p, Candidate* c) {
  KeyProbe k;
  if (s.kind == Sarg::kEq) k.values.push_back(s.v1);
  else if (s.kind == Sarg::kIn) k.values = s.list;
  else k.is_null = true;
  p->eq.push_back(std::move(k));
  c->deps |= s.deps;
  c->used.push_back(s.conj);
}

// Every candidate path of table t given the outer tables `avail`.
std::vector<Candidate> Candidates(const SelectPlan& plan, int t, const std::vector<Sarg>& sargs,
                                  uint64_t avail, const std::vector<const IndexDef*>& indexes) {
  std::vector<Candidate> out;
  const TableDef* def = plan.tables[t].table;
  Candidate scan;
  scan.path.kind = AccessKind::kTableScan;
  out.push_back(scan);
  if (def->rowid_alias >= 0) {
    const Sarg* eq = FindEq(sargs, def->rowid_alias, avail);
    if (eq != nullptr && eq->kind != Sarg::kIsNull) {
      Candidate c;
      c.path.kind = AccessKind::kRowidSeek;
      AddProbe(*eq, &c.path, &c);
      c.path.unique = eq->kind == Sarg::kEq;
      c.score = eq->kind == Sarg::kEq ? 1000 : 990;
      out.push_back(std::move(c));
    } else if (eq != nullptr) {
      // rowid IS NULL never matches; a seek of nothing is still the cheapest path.
      Candidate c;
      c.path.kind = AccessKind::kRowidSeek;
      AddProbe(*eq, &c.path, &c);
      c.score = 1000;
      out.push_back(std::move(c));
    }
    Candidate r;
    r.path.kind = AccessKind::kRowidRange;
    if (ApplyRange(sargs, def->rowid_alias, avail, &r.path, &r) && r.path.like_prefix == nullptr) {
      r.score = 60;
      out.push_back(std::move(r));
    }
  }
  for (const IndexDef* idx : indexes) {
    if (idx->kind != IndexKind::kBtree) continue;
    Candidate c;
    c.path.index = idx;
    size_t neq = 0;
    bool range = false;
    for (const IndexColumn& ic : idx->columns) {
      const Sarg* eq = FindEq(sargs, ic.column, avail);
      if (eq != nullptr) {
        AddProbe(*eq, &c.path, &c);
        ++neq;
        continue;
      }
      range = ApplyRange(sargs, ic.column, avail, &c.path, &c);
      break;
    }
    if (neq == 0 && !range) {
      // Kept as an ordered walk (sort avoidance) with no bounds.
      c.path.kind = AccessKind::kIndexRange;
      c.score = -1;
      out.push_back(std::move(c));
      continue;
    }
    bool has_null_probe = false;
    for (const KeyProbe& k : c.path.eq) has_null_probe |= k.is_null;
    if (neq == idx->columns.size() && !range && idx->unique && !has_null_probe) {
      // At most one row per probe. A non-unique equality is a range of equal keys, which
      // is how ENGINE.md §9.7 prints FK probes ("IndexRange ... (artistid = a.id)").
      c.path.kind = AccessKind::kIndexSeek;
      c.path.unique = true;
      c.score = 900;
    } else {
      c.path.kind = AccessKind::kIndexRange;
      c.score = neq > 0 ? 100 + 10 * static_cast<int>(neq) + (range ? 5 : 0) : 40;
    }
    if (idx->unique && neq == idx->columns.size()) c.score += 1;  // tie-break: unique
    out.push_back(std::move(c));
  }
  return out;
}

// Whether the order path p of table t yields the plan's ORDER BY; *reverse tells the
// direction. ENGINE.md §9.3: after the equality-bound columns, the index (or rowid)
// order must match every key, all in the same or all in the reversed direction, NULL
// placement included.
bool ProvidesOrder(const SelectPlan& plan, const BoundSelect& b, int t, const AccessPath& p,
                   bool* reverse) {
  if (plan.sort.empty()) return false;
  const FromTable& ft = plan.tables[t];
  const TableDef* def = ft.table;
  struct OrderCol {
    int column;
    bool desc;
    bool not_null;
  };
  std::vector<OrderCol> order;
  if (p.kind == AccessKind::kIndexSeek || p.kind == AccessKind::kIndexRange) {
    size_t j = 0;
    while (j < p.eq.size() && (p.eq[j].is_null || p.eq[j].values.size() == 1)) ++j;
    for (; j < p.index->columns.size(); ++j) {
      const IndexColumn& ic = p.index->columns[j];
      const ColumnDef& cd = def->columns[ic.column];
      order.push_back({ic.column, ic.descending, cd.not_null || ic.column == def->rowid_alias});
    }
  } else if (p.kind == AccessKind::kValues) {
    return false;
  }
  if (def->rowid_alias >= 0) order.push_back({def->rowid_alias, false, true});
  // ORDER BY keys on columns fixed by a single-valued equality are constant here.
  std::vector<int> fixed;
  if (p.kind == AccessKind::kIndexSeek || p.kind == AccessKind::kIndexRange) {
    for (size_t j = 0; j < p.eq.size(); ++j)
      if (p.eq[j].is_null || p.eq[j].values.size() == 1) fixed.push_back(p.index->columns[j].column);
  }
  std::vector<size_t> keys;
  for (size_t i = 0; i < plan.sort.size(); ++i) {
    int c = ColumnOf(b.sort_scan_exprs[i], ft);
    if (c >= 0 && std::find(fixed.begin(), fixed.end(), c) != fixed.end()) continue;
    keys.push_back(i);
  }
  if (keys.size() > order.size()) return false;
  bool have_dir = false, rev = false;
  for (size_t n = 0; n < keys.size(); ++n) {
    const size_t i = keys[n];
    const BoundExpr* e = b.sort_scan_exprs[i];
    if (ColumnOf(e, ft) != order[n].column) return false;
    const SortKey& k = plan.sort[i];
    bool r = k.desc != order[n].desc;
    if (have_dir && r != rev) return false;
    have_dir = true;
    rev = r;
    bool eff_desc = order[n].desc != rev;
    if (!order[n].not_null && k.nulls_first != eff_desc) return false;
  }
  *reverse = rev;
  return true;
}

// Whether the driver path delivers rows with equal GROUP BY keys next to each other:
// every key is a column of the driving table and, after the columns fixed by
// single-valued equalities, the leading index columns are exactly the keys
// (ENGINE.md §9.4: GROUP BY streams over input ordered by the group keys).
bool GroupsArrive(const SelectPlan& plan, int t, const AccessPath& p) {
  if (plan.group_keys.empty()) return false;
  if (p.kind != AccessKind::kIndexSeek && p.kind != AccessKind::kIndexRange) return false;
  const FromTable& ft = plan.tables[t];
  std::vector<int> keys;
  for (const BoundExpr* k : plan.group_keys) {
    int c = ColumnOf(k, ft);
    if (c < 0) return false;
    if (std::find(keys.begin(), keys.end(), c) == keys.end()) keys.push_back(c);
  }
  size_t j = 0;
  while (j < p.eq.size() && (p.eq[j].is_null || p.eq[j].values.size() == 1)) {
    int c = p.index->columns[j].column;
    keys.erase(std::remove(keys.begin(), keys.end(), c), keys.end());
    ++j;
  }
  for (size_t n = 0; n < keys.size(); ++n, ++j) {
    if (j >= p.index->columns.size()) return false;
    if (std::find(keys.begin(), keys.end(), p.index->columns[j].column) == keys.end()) return false;
  }
  return true;
}

bool NullRejecting(const BoundExpr* e, const FromTable& ft) {
  auto direct = [&](const BoundExpr* a) {
    while (a != nullptr && a->op == BoundOp::kConvert) a = a->args[0];
    return ColumnOf(a, ft) >= 0;
  };
  switch (e->op) {
    case BoundOp::kCompare:
    case BoundOp::kLike:
    case BoundOp::kBetween:
    case BoundOp::kIn:
      for (uint32_t i = 0; i < e->arg_count; ++i)
        if (direct(e->args[i])) return true;
      return false;
    case BoundOp::kIsNull: return (e->flags & kFlagNegated) && direct(e->args[0]);
    default: return false;
  }
}

// Whether every column the query reads from ft is in the index key (or is the rowid),
// so rows come from index entries alone. Key decoding loses a DECIMAL's scale and the
// sign of -0.0, so those columns always come from the table.
bool IndexCovers(const FromTable& ft, const IndexDef* idx) {
  if (idx == nullptr || idx->kind != IndexKind::kBtree) return false;
  for (size_t c = 0; c < ft.needed.size(); ++c) {
    if (!ft.needed[c] || static_cast<int>(c) == ft.table->rowid_alias) continue;
    bool in = false;
    for (const IndexColumn& ic : idx->columns) in |= ic.column == static_cast<int>(c);
    const SqlType& ty = ft.table->columns[c].type.type;
    if (!in || ty.is_decimal() || ty.cls == ValueType::kFloat64) return false;
  }
  return true;
}

class Planner {
 public:
  Planner(BoundSelect* b, const PlannerOptions& o, const Schema* schema)
      : b_(b), plan_(b->plan), opts_(o), schema_(schema) {}
  Status Run();

 private:
  Candidate Best(int t, uint64_t avail, const std::vector<Conjunct>& conjs, bool driver);
  void Place(JoinStep* step, const Candidate& c, uint64_t avail);

  BoundSelect* b_;
  SelectPlan* plan_;
  PlannerOptions opts_;
  const Schema* schema_;
  std::vector<bool> placed_;  // per b_->conjuncts entry
};

Candidate Planner::Best(int t, uint64_t avail, const std::vector<Conjunct>& conjs, bool driver) {
  const FromTable& ft = plan_->tables[t];
  Candidate scan;
  if (ft.system_view >= 0 || ft.source != nullptr) {
    scan.path.kind = AccessKind::kValues;
    return scan;
  }
  scan.path.kind = AccessKind::kTableScan;
  std::vector<Sarg> sargs;
  if (!opts_.force_table_scan) {
    for (size_t i = 0; i < conjs.size(); ++i) {
      if (&conjs == &b_->conjuncts && placed_[i]) continue;
      if (conjs[i].tables & ~(avail | Bit(t))) continue;
      Sarg s;
      if (Analyze(conjs[i].expr, t, *plan_, &s)) sargs.push_back(std::move(s));
    }
  }
  std::vector<const IndexDef*> indexes;
  if (!opts_.force_table_scan && schema_ != nullptr) indexes = schema_->IndexesOf(ft.table->id);
  std::vector<Candidate> cands = Candidates(*plan_, t, sargs, avail, indexes);
  // Trigram candidates rank below every B-tree path and above a scan (ENGINE.md §9.1).
  for (size_t i = 0; i < conjs.size() && !opts_.force_table_scan; ++i) {
    if (&conjs == &b_->conjuncts && placed_[i]) continue;
    if (conjs[i].tables & ~(avail | Bit(t))) continue;
    TrigramPredicate tp;
    if (!MatchTrigramPredicate(*plan_, t, conjs[i].expr, indexes, &tp)) continue;
    Candidate c;
    c.path.kind = AccessKind::kTrigram;
    c.path.index = tp.index;
    c.path.trigram_like = tp.like;
    c.used.push_back(tp.like);
    c.deps = tp.deps;
    c.score = kTrigramScore;
    cands.push_back(std::move(c));
    break;
  }
  bool want_order = driver && !plan_->aggregate && !plan_->sort.empty() && !plan_->target_scan;
  int best = 0;
  bool best_order = false;
  for (size_t i = 0; i < cands.size(); ++i) {
    bool rev = false;
    bool ord = want_order && ProvidesOrder(*plan_, *b_, t, cands[i].path, &rev);
    if (ord) cands[i].path.reverse = rev;
    int score = cands[i].score;
    // An unbounded index walk is worth it only to stop early under a LIMIT.
    if (score < 0) {
      if (!(ord && plan_->limit.present && !opts_.force_table_scan)) continue;
      score = 0;
    }
    int best_score = cands[best].score < 0 ? 0 : cands[best].score;
    if (score > best_score || (score == best_score && ord && !best_order)) {
      best = static_cast<int>(i);
      best_order = ord;
    }
  }
  if (best == 0 && want_order) {
    bool rev = false;
    if (ProvidesOrder(*plan_, *b_, t, cands[0].path, &rev)) cands[0].path.reverse = rev;
  }
  return std::move(cands[best]);
}

void Planner::Place(JoinStep* step, const Candidate& c, uint64_t avail) {
  step->path = c.path;
  int t = step->table;
  uint64_t now = avail | Bit(t);
  auto used = [&](const BoundExpr* e) {
    return std::find(c.used.begin(), c.used.end(), e) != c.used.end();
  };
  if (step->join == JoinType::kLeft) {
    for (const Conjunct& cj : b_->left_on[t]) {
      if (used(cj.expr)) step->path.index_conds.push_back(cj.expr);
      else step->path.filters.push_back(cj.expr);
    }
  }
  for (size_t i = 0; i < b_->conjuncts.size(); ++i) {
    if (placed_[i]) continue;
    const Conjunct& cj = b_->conjuncts[i];
    if (cj.tables & ~now) continue;
    placed_[i] = true;
    if (step->join == JoinType::kLeft) step->post_filters.push_back(cj.expr);
    else if (used(cj.expr)) step->path.index_conds.push_back(cj.expr);
    else step->path.filters.push_back(cj.expr);
  }
  // An inner table whose path reads nothing from the outer tables is read once.
  step->materialize = avail != 0 && (c.deps & avail) == 0;
  step->path.index_only = IndexCovers(plan_->tables[t], step->path.index);
}

Status Planner::Run() {
  const size_t n = plan_->tables.size();
  // A WHERE conjunct that rejects NULLs of a LEFT table's columns turns the join into an
  // INNER one (ENGINE.md §9.2).
  for (size_t t = 0; t < n; ++t) {
    if (b_->join_types[t] != JoinType::kLeft) continue;
    bool reject = false;
    for (const Conjunct& cj : b_->conjuncts) reject |= NullRejecting(cj.expr, plan_->tables[t]);
    if (!reject) continue;
    b_->join_types[t] = JoinType::kInner;
    plan_->tables[t].nullable = false;
    for (const Conjunct& cj : b_->left_on[t]) b_->conjuncts.push_back(cj);
    b_->left_on[t].clear();
  }
  placed_.assign(b_->conjuncts.size(), false);
  for (size_t i = 0; i < b_->conjuncts.size(); ++i) {
    if (b_->conjuncts[i].tables == 0) {
      plan_->const_filters.push_back(b_->conjuncts[i].expr);
      placed_[i] = true;
    }
  }
  uint64_t avail = 0;
  size_t pos = 0;
  while (pos < n) {
    if (b_->join_types[pos] == JoinType::kLeft) {
      JoinStep step;
      step.table = static_cast<int>(pos);
      step.join = JoinType::kLeft;
      Candidate c = Best(static_cast<int>(pos), avail, b_->left_on[pos], false);
      Place(&step, c, avail);
      plan_->steps.push_back(std::move(step));
      avail |= Bit(static_cast<int>(pos));
      ++pos;
      continue;
    }
    size_t end = pos;
    while (end < n && b_->join_types[end] != JoinType::kLeft) ++end;
    std::vector<int> left;
    for (size_t t = pos; t < end; ++t) left.push_back(static_cast<int>(t));
    while (!left.empty()) {
      int pick = -1;
      Candidate pick_c;
      bool driver = avail == 0;
      for (int t : left) {
        Candidate c = Best(t, avail, b_->conjuncts, driver);
        bool probe = (c.deps & avail) != 0;
        int score = driver ? c.score : (probe ? c.score + 10000 : c.score);
        int pick_score = pick < 0 ? -1 : (driver ? pick_c.score : ((pick_c.deps & avail) ? pick_c.score + 10000 : pick_c.score));
        if (pick < 0 || score > pick_score) {
          pick = t;
          pick_c = std::move(c);
        }
      }
      JoinStep step;
      step.table = pick;
      Place(&step, pick_c, avail);
      plan_->steps.push_back(std::move(step));
      avail |= Bit(pick);
      left.erase(std::find(left.begin(), left.end(), pick));
    }
    pos = end;
  }

  // Sort decisions.
  if (!plan_->sort.empty()) {
    plan_->sort_needed = true;
    if (!plan_->aggregate && !plan_->steps.empty() && plan_->windows.empty()) {
      bool rev = false;
      const JoinStep& d = plan_->steps[0];
      if (ProvidesOrder(*plan_, *b_, d.table, d.path, &rev) && rev == d.path.reverse)
        plan_->sort_needed = false;
    }
    plan_->top_n = plan_->sort_needed && plan_->limit.present;
  }

  if (plan_->aggregate && !plan_->steps.empty())
    plan_->stream_aggregate = GroupsArrive(*plan_, plan_->steps[0].table, plan_->steps[0].path);

  // Aggregate fast paths (ENGINE.md §9.4).
  if (plan_->aggregate && plan_->group_keys.empty() && plan_->aggregates.size() == 1 &&
      n == 1 && plan_->tables[0].system_view < 0 && plan_->tables[0].source == nullptr &&
      b_->conjuncts.empty() &&
      !opts_.force_table_scan) {
    const AggregateCall& a = plan_->aggregates[0];
    const TableDef* def = plan_->tables[0].table;
    std::vector<const IndexDef*> idx = schema_ ? schema_->IndexesOf(def->id) : std::vector<const IndexDef*>();
    if (a.kind == AggKind::kCountStar) {
      plan_->fast_path = FastPath::kCountStar;
      for (const IndexDef* i : idx)
        if (i->kind == IndexKind::kBtree &&
            (plan_->fast_index == nullptr || i->columns.size() < plan_->fast_index->columns.size()))
          plan_->fast_index = i;
    } else if ((a.kind == AggKind::kMin || a.kind == AggKind::kMax) && a.arg != nullptr) {
      int c = ColumnOf(a.arg, plan_->tables[0]);
      if (c >= 0 && c == def->rowid_alias) {
        plan_->fast_path = FastPath::kMinMax;
      } else if (c >= 0 && !def->columns[c].type.type.is_decimal()) {
        for (const IndexDef* i : idx)
          if (i->kind == IndexKind::kBtree && i->columns[0].column == c) {
            plan_->fast_path = FastPath::kMinMax;
            plan_->fast_index = i;
            break;
          }
      }
      plan_->fast_max = a.kind == AggKind::kMax;
    }
  }
  return Status::OK();
}

}  // namespace

Status PlanSelect(BoundSelect* bound, const Schema& schema, const PlannerOptions& options) {
  Planner p(bound, options, &schema);
  return p.Run();
}

}  // namespace plan
}  // namespace decentdb
