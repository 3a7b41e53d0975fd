// SELECT binder: FROM resolution, scopes for the expression binder, select-list
// expansion and naming, GROUP BY / HAVING / ORDER BY / LIMIT. Design: ENGINE.md §7.1
// (names, result column names), §7.4 (SELECT surface), §9.1 (binding step).
#include "plan/select_binder.h"

#include <string>

#include "plan/explain.h"
#include "plan/planner.h"
#include "plan/system_view_defs.h"
#include "sql/lexer.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace decentdb {
namespace plan {
namespace {

constexpr size_t kMaxTables = 64;  // ENGINE.md §10 limit on joined tables
// Nested queries bound for one statement (subqueries, derived tables, each reference to
// a WITH query, set operation operands): bounds the work of WITH queries that reference
// earlier ones several times.
constexpr int kMaxNestedQueries = 10000;
constexpr int kMaxViewDepth = 16;  // ENGINE.md §7.5

// The scope a subquery's outer references resolve in, and the correlation values they
// turn into (bound in the enclosing query's pool, plan/bound_expr.h B7).
struct OuterScope {
  ExprResolver* resolver = nullptr;
  ExprPool* pool = nullptr;
  std::vector<BoundExpr*> correlations;
  std::vector<std::pair<bool, int>> keys;  // (outer, slot) of each correlation, for reuse
};

// WITH queries visible to a SELECT: the first `count` entries of `with`, then the
// enclosing scopes (non-recursive: a WITH query sees only the ones before it).
struct CteScope {
  const sql::ArenaVec<sql::CommonTableExpr>* with = nullptr;
  uint32_t count = 0;
  const CteScope* parent = nullptr;
};

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string LowerAscii(std::string_view s) {
  std::string r(s);
  for (char& c : r)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return r;
}

bool IsAggregateName(std::string_view n) {
  return IdentEqual(n, "count") || IdentEqual(n, "sum") || IdentEqual(n, "avg") ||
         IdentEqual(n, "min") || IdentEqual(n, "max");
}

// Whether an aggregate call occurs in e outside subqueries (decides if a query without
// GROUP BY is aggregated, before anything is bound).
bool ContainsAggregate(const sql::Expr* e) {
  if (e == nullptr) return false;
  using K = sql::ExprKind;
  switch (e->kind) {
    case K::kLiteral:
    case K::kParam:
    case K::kColumn:
    case K::kDefault:
    case K::kExists:
    case K::kSubquery: return false;
    case K::kUnary: return ContainsAggregate(e->unary.operand);
    case K::kBinary: return ContainsAggregate(e->binary.left) || ContainsAggregate(e->binary.right);
    case K::kIs: return ContainsAggregate(e->is.operand);
    case K::kBetween:
      return ContainsAggregate(e->between.operand) || ContainsAggregate(e->between.low) ||
             ContainsAggregate(e->between.high);
    case K::kIn:
      if (ContainsAggregate(e->in.operand)) return true;
      for (const sql::Expr* x : e->in.list)
        if (ContainsAggregate(x)) return true;
      return false;
    case K::kLike:
      return ContainsAggregate(e->like.operand) || ContainsAggregate(e->like.pattern) ||
             ContainsAggregate(e->like.escape);
    case K::kCase:
      if (ContainsAggregate(e->case_.operand) || ContainsAggregate(e->case_.else_expr)) return true;
      for (const sql::CaseWhen& w : e->case_.whens)
        if (ContainsAggregate(w.when) || ContainsAggregate(w.then)) return true;
      return false;
    case K::kCast: return ContainsAggregate(e->cast.operand);
    case K::kFunc:
      if (e->func.over == nullptr && IsAggregateName(e->func.name.name)) return true;
      for (const sql::Expr* x : e->func.args)
        if (ContainsAggregate(x)) return true;
      return false;
  }
  return false;
}

std::string Fingerprint(const sql::Expr* e) { return sql::ExprToSql(e, sql::PrintMode::kExplicit); }

class SelectBinder;

// Scope over the scan row (WHERE, ON, GROUP BY keys, aggregate arguments, and the select
// list / ORDER BY of non-aggregated queries), or over the aggregate row (Q4).
class ScopeResolver : public ExprResolver {
 public:
  ScopeResolver(SelectBinder* b, bool grouped, bool aggregates_allowed)
      : b_(b), grouped_(grouped), aggregates_allowed_(aggregates_allowed) {}
  Status ResolveColumn(const sql::Ident* table, const sql::Ident& column, bool in_aggregate,
                       ColumnBinding* out) override;
  int ParamCount() const override;
  bool AggregatesAllowed() const override { return aggregates_allowed_; }
  Status AddAggregate(const AggregateCall& call, ColumnBinding* out) override;
  Status MatchGroupKey(const sql::Expr& e, bool* matched, ColumnBinding* out) override;
  Status BindSubquery(const sql::SelectStmt* query, SubqueryKind kind, ExprPool* pool,
                      SubqueryBinding* out) override;

 private:
  SelectBinder* b_;
  bool grouped_;
  bool aggregates_allowed_;
};

class SelectBinder {
 public:
  SelectBinder(const SelectBindOptions& options, PreparedSelect* out, BoundSelect* bound)
      : options_(options), out_(out), bound_(bound), plan_(out->plan.get()) {
    plan_->pool = out->pool.get();
  }
  // Scopes of a nested query: where outer references resolve (null: none) and the WITH
  // queries it sees; `budget` counts nested queries of the statement.
  void SetNesting(OuterScope* outer, const CteScope* ctes, int* budget) {
    outer_ = outer;
    ctes_ = ctes;
    budget_ = budget;
  }
  // Binds and plans q as a query of its own sharing this statement's schema and scopes.
  Status PrepareNested(const sql::SelectStmt* q, OuterScope* outer, const CteScope* ctes,
                       std::unique_ptr<PreparedSelect>* out);

  Status BindSelect(const sql::SelectStmt* s);
  Status BindTableScan(const sql::Ident& table, const sql::Ident* alias, const sql::Expr* where);

  // Scan-row column lookup among tables[0, visible_).
  Status LookupColumn(const sql::Ident* table, const sql::Ident& column, ColumnBinding* out);
  int param_count() const { return options_.param_count; }

  // Aggregate row state (Q4).
  std::vector<const sql::Expr*> group_asts_;
  std::vector<int> group_scan_slot_;  // scan slot when the key is a bare column, else -1
  std::vector<const ColumnType*> group_column_type_;
  std::vector<std::string> group_prints_;
  // Declared column type behind a scan slot.
  std::vector<const ColumnType*> slot_column_type_;

 private:
  friend class ScopeResolver;
  Status Error(uint32_t pos, const std::string& msg, const char* state) const {
    std::string where;
    if (!options_.sql_text.empty() && pos <= options_.sql_text.size())
      where = " " + sql::DescribePosition(options_.sql_text, pos);
    else
      where = " (at offset " + std::to_string(pos) + ")";
    return Status::Sql(msg + where, state);
  }
  BindOptions ExprOptions() const {
    BindOptions o;
    o.sql_text = options_.sql_text;
    o.folder = options_.folder;
    return o;
  }
  Status AddTable(const sql::TableRef* ref);
  Status AddFrom(const sql::TableRef* ref);
  Status LookupLocal(const sql::Ident* table, const sql::Ident& column, ColumnBinding* out);
  Status BuildSource(const sql::QueryBody* body, uint32_t pos, std::unique_ptr<RowSource>* out);
  Status AddDerived(std::unique_ptr<RowSource> src, const std::string& alias, uint32_t pos,
                    const sql::ArenaVec<sql::Ident>& column_aliases, bool compound);
  Status AddView(const sql::TableRef* ref, const ViewDef& view);
  Status BindCompound(const sql::SelectStmt* s);
  const sql::CommonTableExpr* FindCte(std::string_view name, const CteScope** scope_out) const;
  Status BindConjuncts(const sql::Expr* e, std::vector<Conjunct>* out);
  Status BindGroupBy(const sql::SelectCore* core);
  Status BindSelectList(const sql::SelectCore* core);
  Status BindWindow(const sql::Expr* e, ExprResolver* scope, OutputColumn* o);
  Status AddStarColumns(int table, uint32_t pos);
  Status BindOrderBy(const sql::SelectStmt* s, const sql::SelectCore* core);
  Status BindLimit(const sql::Expr* e, LimitValue* out);
  void SplitAnd(const BoundExpr* e, std::vector<Conjunct>* out);
  const char* DeclTypeOf(const BoundExpr* e) const;
  void SetDeclType(OutputColumn* o) const;

  SelectBindOptions options_;
  PreparedSelect* out_;
  BoundSelect* bound_;
  SelectPlan* plan_;
  size_t visible_ = 0;  // tables a column reference may see (ON scoping)
  uint32_t select_pos_ = 0;
  bool grouped_ = false;
  std::vector<const sql::SelectItem*> item_of_output_;  // source item per output (null for *)
  std::vector<std::string> output_prints_;              // fingerprints of output exprs
  OuterScope* outer_ = nullptr;
  const CteScope* ctes_ = nullptr;
  int view_depth_ = 0;  // views being expanded around this query (ENGINE.md §7.5: <= 16)
  int own_budget_ = 0;
  int* budget_ = &own_budget_;
};

int ScopeResolver::ParamCount() const { return b_->param_count(); }

Status ScopeResolver::ResolveColumn(const sql::Ident* table, const sql::Ident& column,
                                    bool in_aggregate, ColumnBinding* out) {
  ColumnBinding scan;
  DDB_RETURN_IF_ERROR(b_->LookupColumn(table, column, &scan));
  if (!grouped_ || in_aggregate || scan.outer) {
    *out = scan;
    return Status::OK();
  }
  // A bare column of a grouped query must be a group key (MatchGroupKey handles the
  // usual case; this covers t.c written differently from the key's spelling).
  for (size_t i = 0; i < b_->group_scan_slot_.size(); ++i) {
    if (b_->group_scan_slot_[i] == scan.slot) {
      out->slot = static_cast<int>(i);
      out->type = scan.type;
      out->column_type = scan.column_type;
      return Status::OK();
    }
  }
  std::string name = table ? std::string(table->name) + "." + std::string(column.name)
                           : std::string(column.name);
  return Status::Sql("column " + Quote(name) +
                         " must appear in the GROUP BY clause or be used in an aggregate function",
                     "42803");
}

Status ScopeResolver::AddAggregate(const AggregateCall& call, ColumnBinding* out) {
  SelectPlan* plan = b_->plan_;
  // The same call written twice (select list and HAVING) is computed once.
  std::string text = call.arg != nullptr ? ExprText(call.arg, *plan, -1) : std::string();
  for (size_t i = 0; i < plan->aggregates.size(); ++i) {
    const AggregateCall& a = plan->aggregates[i];
    if (a.kind == call.kind && a.distinct == call.distinct &&
        (a.arg != nullptr ? ExprText(a.arg, *plan, -1) : std::string()) == text) {
      out->slot = static_cast<int>(plan->group_keys.size() + i);
      out->type = a.result_type;
      return Status::OK();
    }
  }
  out->slot = static_cast<int>(plan->group_keys.size() + plan->aggregates.size());
  out->type = call.result_type;
  plan->aggregates.push_back(call);
  return Status::OK();
}

Status ScopeResolver::MatchGroupKey(const sql::Expr& e, bool* matched, ColumnBinding* out) {
  *matched = false;
  if (!grouped_) return Status::OK();
  if (e.kind == sql::ExprKind::kColumn) {
    // Bare columns match by resolved slot (ResolveColumn does it), so spellings such as
    // t.a and a are the same key.
    return Status::OK();
  }
  if (e.kind == sql::ExprKind::kFunc && IsAggregateName(e.func.name.name)) return Status::OK();
  std::string fp = Fingerprint(&e);
  for (size_t i = 0; i < b_->group_prints_.size(); ++i) {
    if (b_->group_prints_[i] == fp) {
      *matched = true;
      out->slot = static_cast<int>(i);
      out->type = b_->plan_->group_key_types[i];
      out->column_type = b_->group_column_type_[i];
      return Status::OK();
    }
  }
  return Status::OK();
}

Status SelectBinder::LookupColumn(const sql::Ident* table, const sql::Ident& column,
                                  ColumnBinding* out) {
  Status local = LookupLocal(table, column, out);
  if (local.ok() || outer_ == nullptr) return local;
  std::string state = local.sqlstate();
  if (state != "42703" && state != "42P01") return local;
  // Not a column of this query: an enclosing query's column makes this a correlated
  // subquery (ENGINE.md §7.5).
  ColumnBinding ob;
  Status os = outer_->resolver->ResolveColumn(table, column, false, &ob);
  if (!os.ok()) {
    std::string ostate = os.sqlstate();
    return ostate == "42703" || ostate == "42P01" ? local : os;
  }
  int k = -1;
  for (size_t i = 0; i < outer_->keys.size(); ++i)
    if (outer_->keys[i] == std::make_pair(ob.outer, ob.slot)) k = static_cast<int>(i);
  std::string name = table != nullptr ? std::string(table->name) + "." + std::string(column.name)
                                      : std::string(column.name);
  if (k < 0) {
    BoundExpr* v = outer_->pool->NewNode(ob.outer ? BoundOp::kOuterRef : BoundOp::kColumn, 0);
    v->index = ob.slot;
    v->type = ob.type;
    if (ob.outer) v->text = outer_->pool->CopyBytes(ob.name);
    k = static_cast<int>(outer_->correlations.size());
    outer_->correlations.push_back(v);
    outer_->keys.emplace_back(ob.outer, ob.slot);
  }
  *out = ColumnBinding();
  out->outer = true;
  out->slot = k;
  out->type = ob.type;
  out->column_type = ob.column_type;
  out->name = name;
  return Status::OK();
}

Status SelectBinder::LookupLocal(const sql::Ident* table, const sql::Ident& column,
                                 ColumnBinding* out) {
  int found_table = -1, found_col = -1;
  if (table != nullptr) {
    for (size_t t = 0; t < visible_; ++t) {
      if (IdentEqual(plan_->tables[t].alias, table->name)) {
        found_table = static_cast<int>(t);
        break;
      }
    }
    if (found_table < 0)
      return Status::Sql("missing FROM-clause entry for table " + Quote(table->name), "42P01");
    found_col = plan_->tables[found_table].table->FindColumn(column.name);
    if (found_col < 0)
      return Status::Sql("column " + std::string(table->name) + "." + std::string(column.name) +
                             " does not exist",
                         "42703");
  } else {
    for (size_t t = 0; t < visible_; ++t) {
      int c = plan_->tables[t].table->FindColumn(column.name);
      if (c < 0) continue;
      if (found_table >= 0)
        return Status::Sql("column reference " + Quote(column.name) + " is ambiguous", "42702");
      found_table = static_cast<int>(t);
      found_col = c;
    }
    if (found_table < 0)
      return Status::Sql("column " + Quote(column.name) + " does not exist", "42703");
  }
  FromTable& ft = plan_->tables[found_table];
  ft.needed[found_col] = true;
  const ColumnDef& cd = ft.table->columns[found_col];
  out->slot = ft.slot_base + found_col;
  out->type = cd.type.type;
  out->column_type = &cd.type;
  return Status::OK();
}

Status SelectBinder::AddTable(const sql::TableRef* ref) {
  if (plan_->tables.size() >= kMaxTables)
    return Error(ref->pos, "too many tables in FROM (the limit is 64)", "54000");
  if (ref->kind == sql::TableRef::kSubquery) {
    if (!ref->has_alias) return Error(ref->pos, "subquery in FROM must have an alias", "42601");
    // A derived table sees the enclosing queries (outer_), not its FROM siblings.
    std::unique_ptr<PreparedSelect> q;
    DDB_RETURN_IF_ERROR(PrepareNested(ref->subquery, outer_, ctes_, &q));
    std::unique_ptr<RowSource> src(new RowSource());
    src->kind = RowSource::kSelect;
    for (const OutputColumn& o : q->plan->outputs) src->types.push_back(o.type);
    src->select = std::move(q);
    return AddDerived(std::move(src), std::string(ref->alias.name), ref->pos, ref->column_aliases,
                      false);
  }
  const CteScope* cte_scope = nullptr;
  if (const sql::CommonTableExpr* cte = FindCte(ref->name.name, &cte_scope)) {
    // Each reference binds the WITH query again as a derived table (ENGINE.md §7.5).
    CteScope visible = *cte_scope;
    visible.count = static_cast<uint32_t>(cte - cte_scope->with->begin());
    std::unique_ptr<PreparedSelect> q;
    DDB_RETURN_IF_ERROR(PrepareNested(cte->query, outer_, &visible, &q));
    std::unique_ptr<RowSource> src(new RowSource());
    src->kind = RowSource::kSelect;
    for (const OutputColumn& o : q->plan->outputs) src->types.push_back(o.type);
    src->select = std::move(q);
    if (cte->columns.size != 0 && ref->column_aliases.size == 0) {
      if (cte->columns.size > src->types.size())
        return Error(cte->name.pos,
                     "WITH query " + Quote(cte->name.name) + " has " +
                         std::to_string(src->types.size()) + " columns available but " +
                         std::to_string(cte->columns.size) + " columns specified",
                     "42P10");
    }
    std::string alias(ref->has_alias ? ref->alias.name : cte->name.name);
    DDB_RETURN_IF_ERROR(AddDerived(std::move(src), alias, ref->pos,
                                   ref->column_aliases.size != 0 ? ref->column_aliases : cte->columns,
                                   false));
    plan_->tables.back().name = std::string(cte->name.name);
    return Status::OK();
  }
  FromTable ft;
  const TableDef* def = out_->schema->FindTable(ref->name.name);
  if (def == nullptr) {
    int sys = FindSystemView(ref->name.name);
    if (sys >= 0) {
      out_->view_defs.push_back(SystemViewTableDef(sys));
      def = out_->view_defs.back().get();
      ft.system_view = sys;
    } else if (const ViewDef* view = out_->schema->FindView(ref->name.name)) {
      return AddView(ref, *view);
    } else {
      return Error(ref->name.pos, "relation " + Quote(ref->name.name) + " does not exist", "42P01");
    }
  }
  if (ref->column_aliases.size != 0)
    return Error(ref->pos, "not supported: column aliases on a table", "0A000");
  ft.table = def;
  ft.name = def->name;
  ft.alias = ref->has_alias ? std::string(ref->alias.name) : def->name;
  for (const FromTable& other : plan_->tables)
    if (IdentEqual(other.alias, ft.alias))
      return Error(ref->has_alias ? ref->alias.pos : ref->name.pos,
                   "table name " + Quote(ft.alias) + " specified more than once", "42712");
  ft.slot_base = plan_->scan_slots;
  ft.needed.assign(def->columns.size(), false);
  plan_->scan_slots += static_cast<int>(def->columns.size());
  for (const ColumnDef& c : def->columns) slot_column_type_.push_back(&c.type);
  plan_->tables.push_back(std::move(ft));
  bound_->join_types.push_back(JoinType::kInner);
  bound_->left_on.emplace_back();
  return Status::OK();
}

const sql::CommonTableExpr* SelectBinder::FindCte(std::string_view name,
                                                  const CteScope** scope_out) const {
  for (const CteScope* sc = ctes_; sc != nullptr; sc = sc->parent) {
    for (uint32_t i = sc->count; i-- > 0;) {
      const sql::CommonTableExpr& c = (*sc->with)[i];
      if (IdentEqual(c.name.name, name)) {
        *scope_out = sc;
        return &c;
      }
    }
  }
  return nullptr;
}

Status SelectBinder::PrepareNested(const sql::SelectStmt* q, OuterScope* outer,
                                   const CteScope* ctes, std::unique_ptr<PreparedSelect>* out) {
  if (++*budget_ > kMaxNestedQueries)
    return Error(q->pos, "statement too complex: more than 10000 nested queries", "54001");
  std::unique_ptr<PreparedSelect> p(new PreparedSelect());
  p->schema = out_->schema;
  p->pool.reset(new ExprPool());
  p->plan.reset(new SelectPlan());
  p->param_count = options_.param_count;
  BoundSelect bound;
  bound.plan = p->plan.get();
  SelectBinder b(options_, p.get(), &bound);
  b.SetNesting(outer, ctes, budget_);
  b.view_depth_ = view_depth_;
  DDB_RETURN_IF_ERROR(b.BindSelect(q));
  PlannerOptions po;
  po.force_table_scan = options_.force_table_scan;
  DDB_RETURN_IF_ERROR(PlanSelect(&bound, *out_->schema, po));
  *out = std::move(p);
  return Status::OK();
}

namespace {

// The columns a row source produces: names and declared types of its (first) SELECT,
// with the set operation's unified types (R1).
void SourceColumns(const RowSource& src, std::vector<ColumnDef>* out) {
  if (src.kind == RowSource::kSetOp) {
    SourceColumns(*src.left, out);
    for (size_t i = 0; i < out->size() && i < src.types.size(); ++i) {
      ColumnDef& c = (*out)[i];
      if (!c.type.type.SameKind(src.types[i])) {
        c.type = ColumnType();
        c.type.type = src.types[i];
      }
    }
    return;
  }
  for (const OutputColumn& o : src.select->plan->outputs) {
    ColumnDef c;
    c.name = o.name;
    if (o.has_decltype) {
      Result<ColumnType> ct = ResolveDeclaredType(o.decltype_);
      if (ct.ok()) c.type = ct.value();
    }
    if (!c.type.type.SameKind(o.type) || !o.has_decltype) {
      c.type = ColumnType();
      c.type.type = o.type;
    }
    out->push_back(std::move(c));
  }
}

}  // namespace

Status SelectBinder::AddDerived(std::unique_ptr<RowSource> src, const std::string& alias,
                                uint32_t pos, const sql::ArenaVec<sql::Ident>& column_aliases,
                                bool compound) {
  std::unique_ptr<TableDef> def(new TableDef());
  def->name = alias;
  SourceColumns(*src, &def->columns);
  if (column_aliases.size > def->columns.size())
    return Error(pos,
                 "table " + Quote(alias) + " has " + std::to_string(def->columns.size()) +
                     " columns available but " + std::to_string(column_aliases.size) +
                     " columns specified",
                 "42P10");
  for (uint32_t i = 0; i < column_aliases.size; ++i)
    def->columns[i].name = std::string(column_aliases[i].name);
  for (const FromTable& other : plan_->tables)
    if (!compound && IdentEqual(other.alias, alias))
      return Error(pos, "table name " + Quote(alias) + " specified more than once", "42712");
  FromTable ft;
  ft.table = def.get();
  ft.name = alias;
  ft.alias = alias;
  ft.source = src.get();
  ft.compound = compound;
  ft.slot_base = plan_->scan_slots;
  ft.needed.assign(def->columns.size(), true);
  plan_->scan_slots += static_cast<int>(def->columns.size());
  for (const ColumnDef& c : def->columns) slot_column_type_.push_back(&c.type);
  out_->view_defs.push_back(std::move(def));
  out_->sources.push_back(std::move(src));
  plan_->tables.push_back(std::move(ft));
  bound_->join_types.push_back(JoinType::kInner);
  bound_->left_on.emplace_back();
  return Status::OK();
}

// A view reads as a derived table over its stored SELECT, parsed and bound again for
// each reference in a scope of its own: no outer references and no WITH queries of the
// statement (ENGINE.md §7.5). The parsed tree lives as long as the prepared query.
Status SelectBinder::AddView(const sql::TableRef* ref, const ViewDef& view) {
  if (view_depth_ >= kMaxViewDepth)
    return Error(ref->name.pos, "views nested more than 16 deep", "54001");
  Result<sql::ParsedStatement> parsed = sql::ParseStatement(view.sql);
  if (!parsed.ok() || parsed.value().stmt->kind != sql::StmtKind::kSelect)
    return Status::Corruption("the stored query of view " + Quote(view.name) + " does not parse");
  std::unique_ptr<sql::ParsedStatement> body(new sql::ParsedStatement(std::move(parsed.value())));
  sql::ArenaVec<sql::Ident> names = ref->column_aliases;
  if (names.size == 0) {
    for (const std::string& c : view.column_names) names.Push(body->arena.get(), sql::Ident{c, true, ref->pos});
  }
  std::unique_ptr<PreparedSelect> q;
  ++view_depth_;
  Status s = PrepareNested(body->stmt->select, nullptr, nullptr, &q);
  --view_depth_;
  if (!s.ok() && s.Is(Code::kSql))
    return Status::Sql("view " + Quote(view.name) + " no longer binds: " + s.message(), s.sqlstate());
  DDB_RETURN_IF_ERROR(s);
  // A `*` in the body is expanded at every use, so a column added to a table it reads
  // would silently add a view column; refuse instead (recreate the view).
  if (q->plan->outputs.size() != view.column_names.size())
    return Error(ref->name.pos,
                 "view " + Quote(view.name) + " was defined with " + std::to_string(view.column_names.size()) +
                     " columns but its query now returns " + std::to_string(q->plan->outputs.size()) +
                     "; recreate it (CREATE OR REPLACE VIEW)",
                 "42P17");
  std::unique_ptr<RowSource> src(new RowSource());
  src->kind = RowSource::kSelect;
  for (const OutputColumn& o : q->plan->outputs) src->types.push_back(o.type);
  src->select = std::move(q);
  out_->view_asts.push_back(std::move(body));
  DDB_RETURN_IF_ERROR(AddDerived(std::move(src), std::string(ref->has_alias ? ref->alias.name : view.name),
                                 ref->pos, names, false));
  plan_->tables.back().name = view.name;
  return Status::OK();
}

namespace {

const char* SetOpName(SetOpKind k) {
  switch (k) {
    case SetOpKind::kUnion: return "UNION";
    case SetOpKind::kIntersect: return "INTERSECT";
    case SetOpKind::kExcept: return "EXCEPT";
  }
  return "?";
}

bool PlainNumber(const SqlType& t) {
  return t.logical == LogicalType::kNone &&
         (t.cls == ValueType::kInt64 || t.cls == ValueType::kFloat64);
}

// The type a set operation's column gets from its operands' types, or false when they
// cannot be matched (the rules of CASE/COALESCE, expr_binder.cc Unify).
bool UnifySetOpType(const SqlType& a, const SqlType& b, SqlType* out) {
  if (!a.known()) {
    *out = b;
    return true;
  }
  if (!b.known() || a.SameKind(b)) {
    *out = a;
    return true;
  }
  if (PlainNumber(a) && PlainNumber(b)) {
    *out = SqlType::Of(ValueType::kFloat64);
    return true;
  }
  bool ai = a.cls == ValueType::kInt64 && a.logical == LogicalType::kNone;
  bool bi = b.cls == ValueType::kInt64 && b.logical == LogicalType::kNone;
  if ((a.is_decimal() && bi) || (b.is_decimal() && ai)) {
    *out = SqlType::Logical(LogicalType::kDecimal);
    return true;
  }
  if ((a.logical == LogicalType::kDate && b.logical == LogicalType::kTimestamp) ||
      (a.logical == LogicalType::kTimestamp && b.logical == LogicalType::kDate)) {
    *out = SqlType::Logical(LogicalType::kTimestamp);
    return true;
  }
  return false;
}

}  // namespace

Status SelectBinder::BuildSource(const sql::QueryBody* body, uint32_t pos,
                                 std::unique_ptr<RowSource>* out) {
  std::unique_ptr<RowSource> src(new RowSource());
  if (body->kind == sql::QueryBody::kSetOp) {
    src->kind = RowSource::kSetOp;
    src->op = body->op == sql::SetOpKind::kUnion       ? SetOpKind::kUnion
              : body->op == sql::SetOpKind::kIntersect ? SetOpKind::kIntersect
                                                       : SetOpKind::kExcept;
    src->all = body->all;
    DDB_RETURN_IF_ERROR(BuildSource(body->left, pos, &src->left));
    DDB_RETURN_IF_ERROR(BuildSource(body->right, pos, &src->right));
    const std::vector<SqlType>& l = src->left->types;
    const std::vector<SqlType>& r = src->right->types;
    if (l.size() != r.size())
      return Error(pos, std::string("each ") + SetOpName(src->op) +
                            " query must have the same number of columns",
                   "42601");
    for (size_t i = 0; i < l.size(); ++i) {
      SqlType t;
      if (!UnifySetOpType(l[i], r[i], &t))
 return Error(pos, std::string(SetOpName(src->op)) + " types " + SqlTypeName(l[i]) + " and " +
                              SqlTypeName(r[i]) + " cannot be matched",
                     "42804");
      src->types.push_back(t);
    }
    *out = std::move(src);
    return Status::OK();
  }
  std::unique_ptr<PreparedSelect> q;
  if (body->kind == sql::QueryBody::kNested) {
    DDB_RETURN_IF_ERROR(PrepareNested(body->nested, outer_, ctes_, &q));
  } else {
    sql::SelectStmt core{};
    core.body = const_cast<sql::QueryBody*>(body);
    core.pos = pos;
    DDB_RETURN_IF_ERROR(PrepareNested(&core, outer_, ctes_, &q));
  }
  src->kind = RowSource::kSelect;
  for (const OutputColumn& o : q->plan->outputs) src->types.push_back(o.type);
  src->select = std::move(q);
  *out = std::move(src);
  return Status::OK();
}

Status SelectBinder::BindCompound(const sql::SelectStmt* s) {
  std::unique_ptr<RowSource> src;
  DDB_RETURN_IF_ERROR(BuildSource(s->body, s->pos, &src));
  select_pos_ = s->pos;
  sql::ArenaVec<sql::Ident> no_aliases{};
  DDB_RETURN_IF_ERROR(AddDerived(std::move(src), "(compound)", s->pos, no_aliases, true));
  visible_ = plan_->tables.size();
  DDB_RETURN_IF_ERROR(AddStarColumns(0, s->pos));
  DDB_RETURN_IF_ERROR(BindOrderBy(s, nullptr));
  DDB_RETURN_IF_ERROR(BindLimit(s->limit, &plan_->limit));
  if (s->limit_all) plan_->limit.present = false;
  DDB_RETURN_IF_ERROR(BindLimit(s->offset, &plan_->offset));
  return Status::OK();
}

Status ScopeResolver::BindSubquery(const sql::SelectStmt* query, SubqueryKind kind, ExprPool* pool,
                                   SubqueryBinding* out) {
  OuterScope outer;
  outer.resolver = this;
  outer.pool = pool;
  std::unique_ptr<SubqueryDef> def(new SubqueryDef());
  DDB_RETURN_IF_ERROR(b_->PrepareNested(query, &outer, b_->ctes_, &def->query));
  const SelectPlan& p = *def->query->plan;
  out->columns = static_cast<int>(p.outputs.size());
  if (!p.outputs.empty()) {
    out->type = p.outputs[0].type;
    out->name = p.outputs[0].name;
  }
  def->kind = kind;
  def->correlation_count = static_cast<int>(outer.correlations.size());
  out->correlations = outer.correlations;
  out->id = pool->AddSubquery(std::move(def));
  return Status::OK();
}

Status SelectBinder::AddFrom(const sql::TableRef* ref) {
  if (ref->kind != sql::TableRef::kJoin) {
    DDB_RETURN_IF_ERROR(AddTable(ref));
    visible_ = plan_->tables.size();
    return Status::OK();
  }
  DDB_RETURN_IF_ERROR(AddFrom(ref->left));
  if (ref->right->kind == sql::TableRef::kJoin)
    return Error(ref->right->pos, "not supported: parenthesized joins", "0A000");
  DDB_RETURN_IF_ERROR(AddTable(ref->right));
  visible_ = plan_->tables.size();
  size_t right = plan_->tables.size() - 1;
  if (ref->join_type == sql::TableRef::kLeft) {
    bound_->join_types[right] = JoinType::kLeft;
    plan_->tables[right].nullable = true;
    if (ref->on != nullptr) DDB_RETURN_IF_ERROR(BindConjuncts(ref->on, &bound_->left_on[right]));
  } else if (ref->on != nullptr) {
    DDB_RETURN_IF_ERROR(BindConjuncts(ref->on, &bound_->conjuncts));
  }
  return Status::OK();
}

void SelectBinder::SplitAnd(const BoundExpr* e, std::vector<Conjunct>* out) {
  if (e->op == BoundOp::kAnd) {
    for (uint32_t i = 0; i < e->arg_count; ++i) SplitAnd(e->args[i], out);
    return;
  }
  Conjunct c;
  c.expr = e;
  c.tables = TablesOf(e, *plan_);
  out->push_back(c);
}

Status SelectBinder::BindConjuncts(const sql::Expr* e, std::vector<Conjunct>* out) {
  ScopeResolver scope(this, false, false);
  ExprBinder binder(out_->pool.get(), &scope, ExprOptions());
  BoundExpr* b = nullptr;
  DDB_RETURN_IF_ERROR(binder.BindPredicate(e, &b));
  SplitAnd(b, out);
  return Status::OK();
}

const char* SelectBinder::DeclTypeOf(const BoundExpr* e) const {
  if (e == nullptr || e->op != BoundOp::kColumn) return nullptr;
  const ColumnType* ct = nullptr;
  if (grouped_) {
    if (e->index >= 0 && static_cast<size_t>(e->index) < group_column_type_.size())
      ct = group_column_type_[e->index];
  } else if (e->index >= 0 && static_cast<size_t>(e->index) < slot_column_type_.size()) {
    ct = slot_column_type_[e->index];
  }
  if (ct == nullptr) return nullptr;
  return ct->normalized.empty() ? ct->declared.c_str() : ct->normalized.c_str();
}

void SelectBinder::SetDeclType(OutputColumn* o) const {
  const char* d = DeclTypeOf(o->expr);
  if (d != nullptr && *d != '\0') {
    o->decltype_ = d;
    o->has_decltype = true;
  }
}

Status SelectBinder::BindGroupBy(const sql::SelectCore* core) {
  ScopeResolver scan(this, false, false);
  for (const sql::Expr* g : core->group_by) {
    const sql::Expr* src = g;
    if (g->kind == sql::ExprKind::kLiteral && g->literal.kind == sql::LiteralKind::kInt) {
      int64_t n = g->literal.int_value;
      if (n < 1 || n > static_cast<int64_t>(core->items.size) ||
          core->items[static_cast<uint32_t>(n - 1)].kind != sql::SelectItem::kExpr)
        return Error(g->pos, "GROUP BY position " + std::to_string(n) + " is not in select list",
                     "42P10");
      src = core->items[static_cast<uint32_t>(n - 1)].expr;
    } else if (g->kind == sql::ExprKind::kColumn && g->column.table.name.empty()) {
      // PostgreSQL rule: an input column wins over an output alias of the same name.
      ColumnBinding probe;
      Status s = LookupColumn(nullptr, g->column.column, &probe);
      if (!s.ok() && s.sqlstate() == std::string("42703")) {
        for (const sql::SelectItem& it : core->items) {
          if (it.kind == sql::SelectItem::kExpr && it.has_alias &&
              IdentEqual(it.alias.name, g->column.column.name)) {
            src = it.expr;
            break;
          }
        }
      }
    }
    if (ContainsAggregate(src)) return Error(src->pos, "aggregate functions are not allowed in GROUP BY", "42803");
    ExprBinder binder(out_->pool.get(), &scan, ExprOptions());
    BoundExpr* b = nullptr;
    DDB_RETURN_IF_ERROR(binder.Bind(src, &b));
    plan_->group_keys.push_back(b);
    plan_->group_key_types.push_back(b->type);
    group_asts_.push_back(src);
    group_prints_.push_back(Fingerprint(src));
    int slot = b->op == BoundOp::kColumn ? b->index : -1;
    group_scan_slot_.push_back(slot);
    group_column_type_.push_back(slot >= 0 ? slot_column_type_[slot] : nullptr);
  }
  return Status::OK();
}

Status SelectBinder::AddStarColumns(int t, uint32_t pos) {
  FromTable& ft = plan_->tables[t];
  for (size_t c = 0; c < ft.table->columns.size(); ++c) {
    int slot = ft.slot_base + static_cast<int>(c);
    const ColumnDef& cd = ft.table->columns[c];
    int out_slot = slot;
    if (grouped_) {
      out_slot = -1;
      for (size_t i = 0; i < group_scan_slot_.size(); ++i)
        if (group_scan_slot_[i] == slot) out_slot = static_cast<int>(i);
      if (out_slot < 0)
        return Error(pos, "column " + Quote(ft.alias + "." + cd.name) +
                              " must appear in the GROUP BY clause or be used in an aggregate function",
                     "42803");
    }
    ft.needed[c] = true;
    BoundExpr* e = out_->pool->NewNode(BoundOp::kColumn, pos);
    e->index = out_slot;
    e->type = cd.type.type;
    OutputColumn o;
    o.name = cd.name;
    o.type = cd.type.type;
    o.expr = e;
    SetDeclType(&o);
    plan_->outputs.push_back(std::move(o));
    item_of_output_.push_back(nullptr);
    output_prints_.push_back(std::string());
  }
  return Status::OK();
}

Status SelectBinder::BindSelectList(const sql::SelectCore* core) {
  ScopeResolver scope(this, grouped_, grouped_);
  for (const sql::SelectItem& it : core->items) {
    if (it.kind == sql::SelectItem::kStar) {
      if (plan_->tables.empty()) return Error(select_pos_, "SELECT * with no tables specified", "42601");
      for (size_t t = 0; t < plan_->tables.size(); ++t) DDB_RETURN_IF_ERROR(AddStarColumns(static_cast<int>(t), 0));
      continue;
    }
    if (it.kind == sql::SelectItem::kTableStar) {
      int found = -1;
      for (size_t t = 0; t < plan_->tables.size(); ++t)
        if (IdentEqual(plan_->tables[t].alias, it.table.name)) found = static_cast<int>(t);
      if (found < 0)
        return Error(it.table.pos, "missing FROM-clause entry for table " + Quote(it.table.name), "42P01");
      DDB_RETURN_IF_ERROR(AddStarColumns(found, it.table.pos));
      continue;
    }
    if (it.expr->kind == sql::ExprKind::kFunc && it.expr->func.over != nullptr) {
      OutputColumn o;
      DDB_RETURN_IF_ERROR(BindWindow(it.expr, &scope, &o));
      if (it.has_alias) o.name = std::string(it.alias.name);
      plan_->outputs.push_back(std::move(o));
      item_of_output_.push_back(&it);
      output_prints_.push_back(Fingerprint(it.expr));
      continue;
    }
    ExprBinder binder(out_->pool.get(), &scope, ExprOptions());
    BoundExpr* b = nullptr;
    DDB_RETURN_IF_ERROR(binder.Bind(it.expr, &b));
    OutputColumn o;
    if (it.has_alias) {
      o.name = std::string(it.alias.name);
    } else if (it.expr->kind == sql::ExprKind::kColumn) {
      // The stored spelling of the column (ENGINE.md §7.1).
      ColumnBinding cb;
      const sql::Ident* tq = it.expr->column.table.name.empty() ? nullptr : &it.expr->column.table;
      if (LookupColumn(tq, it.expr->column.column, &cb).ok()) {
        for (const FromTable& ft : plan_->tables)
          if (cb.slot >= ft.slot_base && cb.slot < ft.slot_base + static_cast<int>(ft.table->columns.size()))
            o.name = ft.table->columns[cb.slot - ft.slot_base].name;
      } else {
        o.name = std::string(it.expr->column.column.name);
      }
    } else if (it.expr->kind == sql::ExprKind::kFunc) {
      o.name = LowerAscii(it.expr->func.name.name);
    } else if (it.expr->kind == sql::ExprKind::kExists) {
      o.name = "exists";
    } else if (it.expr->kind == sql::ExprKind::kSubquery && b->op == BoundOp::kSubquery) {
      o.name = out_->pool->subquery(b->index).query->plan->outputs[0].name;
    } else {
      o.name = "?column?";
    }
    o.type = b->type;
    o.expr = b;
    SetDeclType(&o);
    plan_->outputs.push_back(std::move(o));
    item_of_output_.push_back(&it);
    output_prints_.push_back(Fingerprint(it.expr));
  }
  return Status::OK();
}

Status SelectBinder::BindWindow(const sql::Expr* e, ExprResolver* scope, OutputColumn* o) {
  const auto& f = e->func;
  if (!IdentEqual(f.name.name, "row_number"))
    return Error(e->pos, "not supported: window function " + LowerAscii(f.name.name), "0A000");
  if (f.args.size != 0 || f.star || f.distinct)
    return Error(e->pos, "row_number() takes no arguments", "42883");
  WindowFunc w;
  w.output = static_cast<int>(plan_->outputs.size());
  auto hidden = [&](const sql::Expr* x, int* column) {
    ExprBinder binder(out_->pool.get(), scope, ExprOptions());
    BoundExpr* b = nullptr;
    DDB_RETURN_IF_ERROR(binder.Bind(x, &b));
    *column = -(static_cast<int>(plan_->hidden.size()) + 1);  // fixed up below
    plan_->hidden.push_back(b);
    return Status::OK();
  };
  for (const sql::Expr* p : f.over->partition_by) {
    int c = 0;
    DDB_RETURN_IF_ERROR(hidden(p, &c));
    w.partition.push_back(c);
  }
  for (const sql::OrderItem& oi : f.over->order_by) {
    SortKey k;
    DDB_RETURN_IF_ERROR(hidden(oi.expr, &k.column));
    k.desc = oi.dir == sql::SortDir::kDesc;
    k.nulls_first = oi.nulls == sql::NullsOrder::kDefault ? k.desc : oi.nulls == sql::NullsOrder::kFirst;
    k.logical = plan_->hidden.back()->type.logical;
    w.order.push_back(k);
  }
  plan_->windows.push_back(std::move(w));
  BoundExpr* placeholder = out_->pool->NewConst(ValueRef::Null(), SqlType::Of(ValueType::kInt64), e->pos);
  o->name = "row_number";
  o->type = SqlType::Of(ValueType::kInt64);
  o->expr = placeholder;
  return Status::OK();
}

Status SelectBinder::BindOrderBy(const sql::SelectStmt* s, const sql::SelectCore* core) {
  (void)core;
  ScopeResolver scope(this, grouped_, grouped_);
  for (const sql::OrderItem& oi : s->order_by) {
    const sql::Expr* e = oi.expr;
    int column = -1;
    if (e->kind == sql::ExprKind::kLiteral && e->literal.kind == sql::LiteralKind::kInt) {
      int64_t n = e->literal.int_value;
      if (n < 1 || n > static_cast<int64_t>(plan_->outputs.size()))
        return Error(e->pos, "ORDER BY position " + std::to_string(n) + " is not in select list", "42P10");
      column = static_cast<int>(n - 1);
    } else if (e->kind == sql::ExprKind::kColumn && e->column.table.name.empty()) {
      // Output names win in ORDER BY (PostgreSQL): aliases first.
      int matches = 0;
      for (size_t i = 0; i < item_of_output_.size(); ++i) {
        const sql::SelectItem* it = item_of_output_[i];
        if (it != nullptr && it->has_alias && IdentEqual(it->alias.name, e->column.column.name)) {
          if (matches++ == 0) column = static_cast<int>(i);
        }
      }
      if (matches > 1)
        return Error(e->pos, "ORDER BY " + Quote(e->column.column.name) + " is ambiguous", "42702");
    }
    if (column < 0) {
      std::string fp = Fingerprint(e);
      for (size_t i = 0; i < output_prints_.size(); ++i)
        if (!output_prints_[i].empty() && output_prints_[i] == fp) {
          column = static_cast<int>(i);
          break;
        }
    }
    const BoundExpr* scan_expr = nullptr;
    if (column < 0) {
      ExprBinder binder(out_->pool.get(), &scope, ExprOptions());
      BoundExpr* b = nullptr;
      DDB_RETURN_IF_ERROR(binder.Bind(e, &b));
      // The same column as an output (different spelling) needs no hidden key.
      if (b->op == BoundOp::kColumn) {
        for (size_t i = 0; i < plan_->outputs.size() && column < 0; ++i) {
          const BoundExpr* oe = plan_->outputs[i].expr;
          if (oe->op == BoundOp::kColumn && oe->index == b->index) column = static_cast<int>(i);
        }
      }
      if (column < 0 && plan_->distinct)
        return Error(e->pos, "for SELECT DISTINCT, ORDER BY expressions must appear in select list",
                     "42P10");
      if (column < 0) {
        column = static_cast<int>(plan_->outputs.size() + plan_->hidden.size());
        plan_->hidden.push_back(b);
      }
      scan_expr = b;
    } else {
      scan_expr = plan_->outputs[column].expr;
    }
    SortKey k;
    k.column = column;
    k.desc = oi.dir == sql::SortDir::kDesc;
    k.nulls_first = oi.nulls == sql::NullsOrder::kDefault ? k.desc : oi.nulls == sql::NullsOrder::kFirst;
    const BoundExpr* ke = column < static_cast<int>(plan_->outputs.size())
                              ? plan_->outputs[column].expr
                              : plan_->hidden[column - plan_->outputs.size()];
    k.logical = ke->type.logical;
    plan_->sort.push_back(k);
    bound_->sort_scan_exprs.push_back(grouped_ ? nullptr : scan_expr);
  }
  return Status::OK();
}

Status SelectBinder::BindLimit(const sql::Expr* e, LimitValue* out) {
  if (e == nullptr) return Status::OK();
  out->present = true;
  if (e->kind == sql::ExprKind::kParam) {
    if (e->param < 1 || e->param > options_.param_count)
      return Error(e->pos, "there is no parameter $" + std::to_string(e->param), "42P02");
    out->param = static_cast<int>(e->param - 1);
    return Status::OK();
  }
  if (e->kind == sql::ExprKind::kLiteral && e->literal.kind == sql::LiteralKind::kInt &&
      e->literal.int_value >= 0) {
    out->value = e->literal.int_value;
    return Status::OK();
  }
  return Error(e->pos, "LIMIT and OFFSET must be non-negative integers or $N parameters", "22023");
}

Status SelectBinder::BindSelect(const sql::SelectStmt* s) {
  CteScope with_scope;
  if (s->with.size != 0) {
    for (uint32_t i = 0; i < s->with.size; ++i)
      for (uint32_t j = 0; j < i; ++j)
        if (IdentEqual(s->with[i].name.name, s->with[j].name.name))
          return Error(s->with[i].name.pos,
                       "WITH query name " + Quote(s->with[i].name.name) + " specified more than once",
                       "42712");
    with_scope.with = &s->with;
    with_scope.parent = ctes_;
    // Every WITH query is checked once, even if nothing references it.
    for (uint32_t i = 0; i < s->with.size; ++i) {
      with_scope.count = i;
      std::unique_ptr<PreparedSelect> q;
      DDB_RETURN_IF_ERROR(PrepareNested(s->with[i].query, outer_, &with_scope, &q));
      if (s->with[i].columns.size > q->plan->outputs.size())
        return Error(s->with[i].name.pos,
                     "WITH query " + Quote(s->with[i].name.name) + " has " +
                         std::to_string(q->plan->outputs.size()) + " columns available but " +
                         std::to_string(s->with[i].columns.size) + " columns specified",
                     "42P10");
    }
    with_scope.count = s->with.size;
    ctes_ = &with_scope;
  }
  if (s->body->kind == sql::QueryBody::kNested && s->order_by.size == 0 && s->limit == nullptr &&
      s->offset == nullptr && !s->limit_all)
    return BindSelect(s->body->nested);
  if (s->body->kind != sql::QueryBody::kCore) return BindCompound(s);
  const sql::SelectCore* core = s->body->core;
  select_pos_ = s->pos;
  plan_->distinct = core->distinct;
  if (core->from != nullptr) DDB_RETURN_IF_ERROR(AddFrom(core->from));
  visible_ = plan_->tables.size();
  if (core->where != nullptr) {
    if (ContainsAggregate(core->where))
      return Error(core->where->pos, "aggregate functions are not allowed in WHERE", "42803");
    DDB_RETURN_IF_ERROR(BindConjuncts(core->where, &bound_->conjuncts));
  }
  bool has_agg = core->group_by.size != 0 || core->having != nullptr;
  for (const sql::SelectItem& it : core->items)
    if (it.kind == sql::SelectItem::kExpr && ContainsAggregate(it.expr)) has_agg = true;
  for (const sql::OrderItem& oi : s->order_by)
    if (ContainsAggregate(oi.expr)) has_agg = true;
  grouped_ = has_agg;
  plan_->aggregate = has_agg;
  if (has_agg) DDB_RETURN_IF_ERROR(BindGroupBy(core));
  DDB_RETURN_IF_ERROR(BindSelectList(core));
  // Window keys were recorded as -(hidden index + 1) while outputs were still growing.
  for (WindowFunc& w : plan_->windows) {
    int base = static_cast<int>(plan_->outputs.size());
    for (int& c : w.partition) c = base + (-c - 1);
    for (SortKey& k : w.order) k.column = base + (-k.column - 1);
  }
  if (core->having != nullptr) {
    ScopeResolver scope(this, true, true);
    ExprBinder binder(out_->pool.get(), &scope, ExprOptions());
    BoundExpr* b = nullptr;
    DDB_RETURN_IF_ERROR(binder.BindPredicate(core->having, &b));
    plan_->having = b;
  }
  DDB_RETURN_IF_ERROR(BindOrderBy(s, core));
  DDB_RETURN_IF_ERROR(BindLimit(s->limit, &plan_->limit));
  if (s->limit_all) plan_->limit.present = false;
  DDB_RETURN_IF_ERROR(BindLimit(s->offset, &plan_->offset));
  return Status::OK();
}

Status SelectBinder::BindTableScan(const sql::Ident& table, const sql::Ident* alias,
                                   const sql::Expr* where) {
  const TableDef* def = out_->schema->FindTable(table.name);
  if (def == nullptr) {
    if (FindSystemView(table.name) >= 0)
      return Error(table.pos, "cannot change system view " + Quote(table.name), "42809");
    return Error(table.pos, "relation " + Quote(table.name) + " does not exist", "42P01");
  }
  FromTable ft;
  ft.table = def;
  ft.name = def->name;
  ft.alias = alias != nullptr && !alias->name.empty() ? std::string(alias->name) : def->name;
  ft.slot_base = 0;
  ft.needed.assign(def->columns.size(), true);
  plan_->scan_slots = static_cast<int>(def->columns.size());
  for (const ColumnDef& c : def->columns) slot_column_type_.push_back(&c.type);
  plan_->tables.push_back(std::move(ft));
  bound_->join_types.push_back(JoinType::kInner);
  bound_->left_on.emplace_back();
  visible_ = 1;
  plan_->target_scan = true;
  if (where != nullptr) {
    if (ContainsAggregate(where))
      return Error(where->pos, "aggregate functions are not allowed in WHERE", "42803");
    DDB_RETURN_IF_ERROR(BindConjuncts(where, &bound_->conjuncts));
  }
  return Status::OK();
}

}  // namespace

uint64_t TablesOf(const BoundExpr* e, const SelectPlan& plan) {
  if (e == nullptr) return 0;
  uint64_t m = 0;
  if (e->op == BoundOp::kColumn) {
    for (size_t t = 0; t < plan.tables.size(); ++t) {
      const FromTable& ft = plan.tables[t];
      if (e->index >= ft.slot_base &&
          e->index < ft.slot_base + static_cast<int>(ft.table->columns.size()))
        m |= uint64_t{1} << t;
    }
  }
  for (uint32_t i = 0; i < e->arg_count; ++i) m |= TablesOf(e->args[i], plan);
  return m;
}

Status TableRowResolver::ResolveColumn(const sql::Ident* table, const sql::Ident& column,
                                       bool in_aggregate, ColumnBinding* out) {
  (void)in_aggregate;
  if (table != nullptr && !IdentEqual(table->name, alias_) && !IdentEqual(table->name, table_->name))
    return Status::Sql("missing FROM-clause entry for table " + Quote(table->name), "42P01");
  int c = table_->FindColumn(column.name);
  if (c < 0) return Status::Sql("column " + Quote(column.name) + " does not exist", "42703");
  out->slot = c;
  out->type = table_->columns[c].type.type;
  out->column_type = &table_->columns[c].type;
  return Status::OK();
}

Status BindSelect(const sql::SelectStmt* select, const SelectBindOptions& options,
                  PreparedSelect* out, BoundSelect* bound) {
  if (!out->pool) out->pool.reset(new ExprPool());
  if (!out->plan) out->plan.reset(new SelectPlan());
  out->param_count = options.param_count;
  bound->plan = out->plan.get();
  SelectBinder b(options, out, bound);
  return b.BindSelect(select);
}

Status BindTableScan(const sql::Ident& table, const sql::Ident* alias, const sql::Expr* where,
                     const SelectBindOptions& options, PreparedSelect* out, BoundSelect* bound) {
  if (!out->pool) out->pool.reset(new ExprPool());
  if (!out->plan) out->plan.reset(new SelectPlan());
  out->param_count = options.param_count;
  bound->plan = out->plan.get();
  SelectBinder b(options, out, bound);
  return b.BindTableScan(table, alias, where);
}

}  // namespace plan
}  // namespace decentdb
