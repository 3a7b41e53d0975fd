// EXPLAIN printer (ENGINE.md §9.7) and the SQL-like rendering of bound expressions it
// uses. Output is deterministic: it depends only on the plan, never on addresses.
#include "plan/explain.h"

#include <cstdio>

namespace decentdb {
namespace plan {
namespace {

// Which row a kColumn node indexes.
enum class RowKind { kScan, kAggregate };

class Printer {
 public:
  Printer(const SelectPlan& plan, int self, RowKind row) : plan_(plan), self_(self), row_(row) {}

  std::string Print(const BoundExpr* e) {
    std::string out;
    Emit(e, &out);
    return out;
  }

 private:
  static bool Compound(const BoundExpr* e) {
    switch (e->op) {
      case BoundOp::kAnd:
      case BoundOp::kOr:
      case BoundOp::kNot:
      case BoundOp::kCompare:
      case BoundOp::kDistinct:
      case BoundOp::kArith:
      case BoundOp::kConcat:
      case BoundOp::kIsNull:
      case BoundOp::kIsTrue:
      case BoundOp::kIsFalse:
      case BoundOp::kIn:
      case BoundOp::kBetween:
      case BoundOp::kLike: return true;
      case BoundOp::kSubquery: return e->sub != static_cast<uint8_t>(SubqueryKind::kScalar);
      case BoundOp::kConvert: return e->text.empty() && Compound(e->args[0]);
      default: return false;
    }
  }
  void Operand(const BoundExpr* e, std::string* out) {
    if (Compound(e)) {
      out->push_back('(');
      Emit(e, out);
      out->push_back(')');
    } else {
      Emit(e, out);
    }
  }
  void List(const BoundExpr* e, uint32_t from, std::string* out) {
    for (uint32_t i = from; i < e->arg_count; ++i) {
      if (i > from) out->append(", ");
      Emit(e->args[i], out);
    }
  }
  void Const(ValueRef v, std::string_view text, std::string* out) {
    char buf[64];
    switch (v.type()) {
      case ValueType::kNull: out->append("NULL"); return;
      case ValueType::kBool: out->append(v.boolean() ? "TRUE" : "FALSE"); return;
      case ValueType::kInt64:
        std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(v.int64()));
        out->append(buf);
        return;
      case ValueType::kFloat64:
        if (!text.empty()) {
          out->append(text.data(), text.size());
        } else {
          std::snprintf(buf, sizeof buf, "%.17g", v.float64());
          out->append(buf);
        }
        return;
      case ValueType::kText:
        out->push_back('\'');
        for (char c : v.bytes()) {
          if (c == '\'') out->push_back('\'');
          out->push_back(c);
        }
        out->push_back('\'');
        return;
      case ValueType::kBlob: {
        static const char* kHex = "0123456789ABCDEF";
        out->append("X'");
        for (unsigned char c : v.bytes()) {
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        }
        out->push_back('\'');
        return;
      }
    }
  }
  void Column(int slot, std::string* out) {
    if (row_ == RowKind::kAggregate) {
      size_t keys = plan_.group_keys.size();
      if (slot >= 0 && static_cast<size_t>(slot) < keys) {
        Printer p(plan_, self_, RowKind::kScan);
        out->append(p.Print(plan_.group_keys[slot]));
        return;
      }
      size_t a = static_cast<size_t>(slot) - keys;
      if (slot >= 0 && a < plan_.aggregates.size()) {
        out->append(AggregateText(plan_, plan_.aggregates[a]));
        return;
      }
      out->append("?");
      return;
    }
    for (size_t t = 0; t < plan_.tables.size(); ++t) {
      const FromTable& ft = plan_.tables[t];
      int c = slot - ft.slot_base;
      if (c < 0 || c >= static_cast<int>(ft.table->columns.size())) continue;
      if (plan_.tables.size() > 1 && static_cast<int>(t) != self_) {
        out->append(ft.alias);
        out->push_back('.');
      }
      out->append(ft.table->columns[c].name);
      return;
    }
    out->append("?");
  }
  void Emit(const BoundExpr* e, std::string* out) {
    static const char* kCmp[] = {" = ", " <> ", " < ", " <= ", " > ", " >= "};
    static const char* kArith[] = {" + ", " - ", " * ", " / ", " % "};
    bool neg = (e->flags & kFlagNegated) != 0;
    switch (e->op) {
      case BoundOp::kConst: Const(e->value, e->text, out); return;
      case BoundOp::kColumn: Column(e->index, out); return;
      case BoundOp::kParam: out->append("$" + std::to_string(e->index + 1)); return;
      case BoundOp::kNot: out->append("NOT "); Operand(e->args[0], out); return;
      case BoundOp::kAnd:
      case BoundOp::kOr:
        for (uint32_t i = 0; i < e->arg_count; ++i) {
          if (i > 0) out->append(e->op == BoundOp::kAnd ? " AND " : " OR ");
          // Comparisons bind tighter than AND/OR; only nested AND/OR lists need parentheses.
          const BoundExpr* a = e->args[i];
          if (a->op == BoundOp::kAnd || a->op == BoundOp::kOr) Operand(a, out);
          else Emit(a, out);
        }
        return;
      case BoundOp::kNeg: out->push_back('-'); Operand(e->args[0], out); return;
      case BoundOp::kCompare:
        Operand(e->args[0], out);
        out->append(e->sub < 6 ? kCmp[e->sub] : " ? ");
        Operand(e->args[1], out);
        return;
      case BoundOp::kDistinct:
        Operand(e->args[0], out);
        out->append(neg ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
        Operand(e->args[1], out);
        return;
      case BoundOp::kArith:
        Operand(e->args[0], out);
        out->append(e->sub < 5 ? kArith[e->sub] : " ? ");
        Operand(e->args[1], out);
        return;
      case BoundOp::kConcat:
        Operand(e->args[0], out);
        out->append(" || ");
        Operand(e->args[1], out);
        return;
      case BoundOp::kIsNull:
        Operand(e->args[0], out);
        out->append(neg ? " IS NOT NULL" : " IS NULL");
        return;
      case BoundOp::kIsTrue:
        Operand(e->args[0], out);
        out->append(neg ? " IS NOT TRUE" : " IS TRUE");
        return;
      case BoundOp::kIsFalse:
        Operand(e->args[0], out);
        out->append(neg ? " IS NOT FALSE" : " IS FALSE");
        return;
      case BoundOp::kIn:
        Operand(e->args[0], out);
        out->append(neg ? " NOT IN (" : " IN (");
        List(e, 1, out);
        out->push_back(')');
        return;
      case BoundOp::kBetween:
        Operand(e->args[0], out);
        out->append(neg ? " NOT BETWEEN " : " BETWEEN ");
        Operand(e->args[1], out);
        out->append(" AND ");
        Operand(e->args[2], out);
        return;
      case BoundOp::kLike:
        Operand(e->args[0], out);
        if (neg) out->append(" NOT");
        out->append((e->flags & kFlagIlike) ? " ILIKE " : " LIKE ");
        Operand(e->args[1], out);
        if (e->arg_count > 2) {
          out->append(" ESCAPE ");
          Operand(e->args[2], out);
        }
        return;
      case BoundOp::kCase: {
        out->append("CASE");
        uint32_t i = 0;
        if (e->flags & kFlagHasOperand) {
          out->push_back(' ');
          Emit(e->args[0], out);
          i = 1;
        }
        uint32_t end = e->arg_count - ((e->flags & kFlagHasElse) ? 1 : 0);
        for (; i + 1 < end; i += 2) {
          out->append(" WHEN ");
          Emit(e->args[i], out);
          out->append(" THEN ");
          Emit(e->args[i + 1], out);
        }
        if (e->flags & kFlagHasElse) {
          out->append(" ELSE ");
          Emit(e->args[e->arg_count - 1], out);
        }
        out->append(" END");
        return;
      }
      case BoundOp::kConvert:
        if (e->text.empty()) {
          Emit(e->args[0], out);
        } else {
          out->append("CAST(");
          Emit(e->args[0], out);
          out->append(" AS ");
          out->append(e->text.data(), e->text.size());
          out->push_back(')');
        }
        return;
      case BoundOp::kCoalesce:
        out->append("COALESCE(");
        List(e, 0, out);
        out->push_back(')');
        return;
      case BoundOp::kNullIf:
        out->append("NULLIF(");
        List(e, 0, out);
        out->push_back(')');
        return;
      case BoundOp::kFunc:
        if (static_cast<FuncId>(e->sub) == FuncId::kExtract && e->arg_count == 1) {
          out->append("EXTRACT(");
          out->append(ExtractFieldName(static_cast<ExtractField>(e->index)));
          out->append(" FROM ");
          Emit(e->args[0], out);
          out->push_back(')');
          return;
        }
        out->append(FuncName(static_cast<FuncId>(e->sub)));
        out->push_back('(');
        List(e, 0, out);
        out->push_back(')');
        return;
      case BoundOp::kOuterRef:
        out->append(e->text.data(), e->text.size());
        return;
      case BoundOp::kSubquery: {
        std::string ref = "(subquery " + std::to_string(e->index + 1) + ")";
        switch (static_cast<SubqueryKind>(e->sub)) {
          case SubqueryKind::kScalar: out->append(ref); return;
          case SubqueryKind::kExists: out->append(neg ? "NOT EXISTS " : "EXISTS "); out->append(ref); return;
          case SubqueryKind::kIn:
            Operand(e->args[0], out);
            out->append(neg ? " NOT IN " : " IN ");
            out->append(ref);
            return;
        }
        return;
      }
    }
    out->append("?");
  }

 public:
  static std::string AggregateText(const SelectPlan& plan, const AggregateCall& a) {
    static const char* kNames[] = {"count", "count", "sum", "avg", "min", "max"};
    std::string s = kNames[static_cast<int>(a.kind)];
    s.push_back('(');
    if (a.kind == AggKind::kCountStar) {
      s.push_back('*');
    } else {
      if (a.distinct) s.append("DISTINCT ");
      Printer p(plan, -1, RowKind::kScan);
      s.append(p.Print(a.arg));
    }
    s.push_back(')');
    return s;
  }

 private:
  const SelectPlan& plan_;
  int self_;
  RowKind row_;
};

std::string Conds(const std::vector<const BoundExpr*>& list, const SelectPlan& plan, int self) {
  std::string s;
  for (size_t i = 0; i < list.size(); ++i) {
    if (i > 0) s.append(" AND ");
    const BoundExpr* e = list[i];
    bool paren = list.size() > 1 && e->op == BoundOp::kOr;
    if (paren) s.push_back('(');
    s.append(ExprText(e, plan, self));
    if (paren) s.push_back(')');
  }
  return s;
}

std::string LimitText(const LimitValue& v) {
  if (v.param >= 0) return "$" + std::to_string(v.param + 1);
  return std::to_string(v.value);
}

class Explainer {
 public:
  Explainer(const SelectPlan& plan, int indent) : plan_(plan), base_(indent) {}

  std::vector<std::string> Run() {
    int level = 0;
    if (plan_.target_scan) {
      Joins(static_cast<int>(plan_.steps.size()) - 1, level);
      Subqueries();
      return std::move(lines_);
    }
    RowKind row = plan_.aggregate ? RowKind::kAggregate : RowKind::kScan;
    std::string proj = "Project [";
    for (size_t i = 0; i < plan_.outputs.size(); ++i) {
      if (i > 0) proj += ", ";
      bool window = false;
      for (const WindowFunc& w : plan_.windows) window = window || w.output == static_cast<int>(i);
      proj += window ? std::string("row_number()") : Text(plan_.outputs[i].expr, row);
    }
    Line(level++, proj + "]");
    if ((plan_.limit.present || plan_.offset.present) && !plan_.top_n) {
      std::string l = "Limit " + (plan_.limit.present ? LimitText(plan_.limit) : std::string("ALL"));
      if (plan_.offset.present) l += " OFFSET " + LimitText(plan_.offset);
      Line(level++, l);
    }
    if (plan_.distinct) Line(level++, "Distinct");
    if (plan_.sort_needed) {
      std::string keys;
      for (size_t i = 0; i < plan_.sort.size(); ++i) {
        const SortKey& k = plan_.sort[i];
        const BoundExpr* e = k.column < static_cast<int>(plan_.outputs.size())
                                 ? plan_.outputs[k.column].expr
                                 : plan_.hidden[k.column - plan_.outputs.size()];
        if (i > 0) keys += ", ";
        keys += Text(e, row);
        keys += k.desc ? " DESC" : " ASC";
        if (k.nulls_first != k.desc) keys += k.nulls_first ? " NULLS FIRST" : " NULLS LAST";
      }
      if (plan_.top_n) {
        std::string l = "TopN [" + keys + "] LIMIT " + LimitText(plan_.limit);
        if (plan_.offset.present) l += " OFFSET " + LimitText(plan_.offset);
        Line(level++, l);
      } else {
        Line(level++, "Sort [" + keys + "]");
      }
    }
    for (size_t i = plan_.windows.size(); i-- > 0;) Line(level++, WindowText(plan_.windows[i], row));
    if (plan_.having != nullptr) Line(level++, "Filter (" + Text(plan_.having, RowKind::kAggregate) + ")");
    if (plan_.aggregate) {
      std::string aggs;
      for (size_t i = 0; i < plan_.aggregates.size(); ++i) {
        if (i > 0) aggs += ", ";
        aggs += Printer::AggregateText(plan_, plan_.aggregates[i]);
      }
      if (plan_.fast_path != FastPath::kNone) {
        Line(level++, "StreamAggregate [" + aggs + "]");
        const FromTable& ft = plan_.tables[0];
        if (plan_.fast_path == FastPath::kCountStar) {
          if (plan_.fast_index != nullptr)
            Line(level, "IndexOnlyScan " + ft.name + " USING " + plan_.fast_index->name + " (count only)");
          else
            Line(level, "TableScan " + ft.name + " (count only)");
        } else {
          const char* which = plan_.fast_max ? "(last non-NULL)" : "(first non-NULL)";
          if (plan_.fast_index != nullptr)
            Line(level, "IndexOnlyScan " + ft.name + " USING " + plan_.fast_index->name + " " + which);
          else
            Line(level, std::string("RowidRange ") + ft.name + " " + which);
        }
        Subqueries();
        return std::move(lines_);
      }
      std::string l = plan_.stream_aggregate ? "StreamAggregate" : "HashAggregate";
      if (!plan_.group_keys.empty()) {
        l += " GROUP BY [";
        for (size_t i = 0; i < plan_.group_keys.size(); ++i) {
          if (i > 0) l += ", ";
          l += Text(plan_.group_keys[i], RowKind::kScan);
        }
        l += "]";
      }
      l += " [" + aggs + "]";
      Line(level++, l);
    }
    if (!plan_.const_filters.empty()) Line(level++, "Filter (" + Conds(plan_.const_filters, plan_, -1) + ")");
    if (!plan_.steps.empty()) Joins(static_cast<int>(plan_.steps.size()) - 1, level);
    Subqueries();
    return std::move(lines_);
  }

 private:
  const BoundExpr* ProjExpr(int column) const {
    return column < static_cast<int>(plan_.outputs.size()) ? plan_.outputs[column].expr
                                                          : plan_.hidden[column - plan_.outputs.size()];
  }
  std::string WindowText(const WindowFunc& w, RowKind row) {
    std::string l = "Window [row_number() OVER (";
    if (!w.partition.empty()) {
      l += "PARTITION BY ";
      for (size_t i = 0; i < w.partition.size(); ++i) {
        if (i > 0) l += ", ";
        l += Text(ProjExpr(w.partition[i]), row);
      }
    }
    if (!w.order.empty()) {
      l += w.partition.empty() ? "ORDER BY " : " ORDER BY ";
      for (size_t i = 0; i < w.order.size(); ++i) {
        const SortKey& k = w.order[i];
        if (i > 0) l += ", ";
        l += Text(ProjExpr(k.column), row);
        l += k.desc ? " DESC" : " ASC";
        if (k.nulls_first != k.desc) l += k.nulls_first ? " NULLS FIRST" : " NULLS LAST";
      }
    }
    return l + ")]";
  }
  std::string Text(const BoundExpr* e, RowKind row) {
    Printer p(plan_, -1, row);
    return p.Print(e);
  }
  void Line(int level, const std::string& s) {
    lines_.push_back(std::string(static_cast<size_t>(2 * (base_ + level)), ' ') + s);
  }
  void Joins(int k, int level) {
    const JoinStep& st = plan_.steps[k];
    if (!st.post_filters.empty()) Line(level++, "Filter (" + Conds(st.post_filters, plan_, -1) + ")");
    if (k == 0) {
      Scan(st, level);
      return;
    }
    Line(level, std::string("NestedLoopJoin ") + (st.join == JoinType::kLeft ? "LEFT" : "INNER"));
    Joins(k - 1, level + 1);
    Scan(st, level + 1);
  }
  // The subqueries of the plan's expressions, each with its own plan below it.
  void Subqueries() {
    if (plan_.pool == nullptr) return;
    for (int i = 0; i < plan_.pool->subquery_count(); ++i) {
      const SubqueryDef& d = plan_.pool->subquery(i);
      Line(0, "Subquery " + std::to_string(i + 1) +
                  (d.correlation_count > 0 ? " (correlated)" : " (uncorrelated, run once)"));
      Append(ExplainSelect(*d.query->plan, base_ + 1));
    }
  }
  void Append(std::vector<std::string> lines) {
    for (std::string& l : lines) lines_.push_back(std::move(l));
  }
  void Source(const RowSource& src, int level) {
    if (src.kind == RowSource::kSelect) {
      Append(ExplainSelect(*src.select->plan, base_ + level));
      return;
    }
    static const char* kNames[] = {"UNION", "INTERSECT", "EXCEPT"};
    Line(level, std::string("SetOp ") + kNames[static_cast<int>(src.op)] + (src.all ? " ALL" : ""));
    Source(*src.left, level + 1);
    Source(*src.right, level + 1);
  }
  void Scan(const JoinStep& st, int level) {
    const FromTable& ft = plan_.tables[st.table];
    const AccessPath& p = st.path;
    if (ft.source != nullptr) {
      if (ft.compound && p.filters.empty()) {
        Source(*ft.source, level);
        return;
      }
      std::string l = "SubqueryScan " + ft.alias;
      if (!p.filters.empty()) l += " Filter (" + Conds(p.filters, plan_, st.table) + ")";
      if (st.materialize) l += " (materialized)";
      Line(level, l);
      Source(*ft.source, level + 1);
      return;
    }
    AccessKind kind = p.kind == AccessKind::kValues ? AccessKind::kTableScan : p.kind;
    std::string l = std::string(AccessKindName(kind)) + " " + ft.name;
    if (p.index != nullptr) l += " USING " + p.index->name;
    if (!p.index_conds.empty()) l += " (" + Conds(p.index_conds, plan_, st.table) + ")";
    if (p.kind == AccessKind::kTrigram) l += " (runtime guardrail)";
    if (p.reverse) l += " BACKWARD";
    if (!p.filters.empty()) l += " Filter (" + Conds(p.filters, plan_, st.table) + ")";
    if (p.index_only) l += " (index only)";
    if (st.materialize) l += " (materialized)";
    Line(level, l);
  }

  const SelectPlan& plan_;
  int base_;
  std::vector<std::string> lines_;
};

}  // namespace

std::string ExprText(const BoundExpr* e, const SelectPlan& plan, int self) {
  Printer p(plan, self, RowKind::kScan);
  return p.Print(e);
}

std::vector<std::string> ExplainSelect(const SelectPlan& plan, int indent) {
  Explainer x(plan, indent);
  return x.Run();
}

}  // namespace plan
}  // namespace decentdb
