// ALTER TABLE and CREATE/DROP VIEW execution. Design: ENGINE.md §7.5; contract in db/alter.h.
#include "db/alter.h"

#include <memory>
#include <string>
#include <vector>

#include "db/checks.h"
#include "exec/evaluator.h"
#include "exec/query.h"
#include "exec/expr_folder.h"
#include "plan/expr_binder.h"
#include "sql/parser.h"
#include "sql/printer.h"

namespace decentdb {

namespace {

std::string Name(const sql::Ident& id) { return std::string(id.name); }
std::string Quote(const std::string& s) { return "\"" + s + "\""; }

class NoColumns : public plan::ExprResolver {
 public:
  Status ResolveColumn(const sql::Ident*, const sql::Ident& column, bool, plan::ColumnBinding*) override {
    return Status::Sql("cannot use column reference \"" + std::string(column.name) + "\" in DEFAULT expression",
                       "42703");
  }
  int ParamCount() const override { return 0; }
};

// Calls fn on every column reference of e (CHECK expressions have no subqueries).
template <typename Fn>
void ForEachColumnRef(sql::Expr* e, const Fn& fn) {
  if (e == nullptr) return;
  switch (e->kind) {
    case sql::ExprKind::kColumn: fn(&e->column); return;
    case sql::ExprKind::kUnary: ForEachColumnRef(e->unary.operand, fn); return;
    case sql::ExprKind::kBinary:
      ForEachColumnRef(e->binary.left, fn);
      ForEachColumnRef(e->binary.right, fn);
      return;
    case sql::ExprKind::kIs: ForEachColumnRef(e->is.operand, fn); return;
    case sql::ExprKind::kBetween:
      ForEachColumnRef(e->between.operand, fn);
      ForEachColumnRef(e->between.low, fn);
      ForEachColumnRef(e->between.high, fn);
      return;
    case sql::ExprKind::kIn:
      ForEachColumnRef(e->in.operand, fn);
      for (sql::Expr* x : e->in.list) ForEachColumnRef(x, fn);
      return;
    case sql::ExprKind::kLike:
      ForEachColumnRef(e->like.operand, fn);
      ForEachColumnRef(e->like.pattern, fn);
      ForEachColumnRef(e->like.escape, fn);
      return;
    case sql::ExprKind::kCase:
      ForEachColumnRef(e->case_.operand, fn);
      for (sql::CaseWhen& w : e->case_.whens) {
        ForEachColumnRef(w.when, fn);
        ForEachColumnRef(w.then, fn);
      }
      ForEachColumnRef(e->case_.else_expr, fn);
      return;
    case sql::ExprKind::kCast: ForEachColumnRef(e->cast.operand, fn); return;
    case sql::ExprKind::kFunc:
      for (sql::Expr* x : e->func.args) ForEachColumnRef(x, fn);
      return;
    default: return;
  }
}

// A rename to apply to stored DDL text.
struct Rename {
  bool column = false;          // true: column `from` of table `table`; false: table `from`
  std::string table;            // the table whose column is renamed (column renames)
  std::string from;
  sql::Ident to;                // new name as written (keeps its quoting)
};

void RenameIdent(sql::Ident* id, const Rename& r) {
  if (IdentEqual(id->name, r.from)) {
    id->name = r.to.name;
    id->quoted = r.to.quoted;
  }
}

// Applies r to a CHECK expression of table `owner`.
void RenameInExpr(sql::Expr* e, const std::string& owner, const Rename& r) {
  ForEachColumnRef(e, [&](sql::Expr::ColumnData* c) {
    const bool qualified = !c->table.name.empty();
    if (r.column) {
      if (IdentEqual(owner, r.table) && (!qualified || IdentEqual(c->table.name, r.table))) RenameIdent(&c->column, r);
    } else if (qualified && IdentEqual(owner, r.from)) {
      RenameIdent(&c->table, r);
    }
  });
}

// Rewrites the canonical CREATE TABLE text of `owner` for r.
Status RenameInTableSql(const std::string& owner, const Rename& r, std::string* sql_text) {
  Result<sql::ParsedStatement> parsed = sql::ParseStatement(*sql_text);
  if (!parsed.ok() || parsed.value().stmt->kind != sql::StmtKind::kCreateTable)
    return Status::Corruption("stored DDL of table \"" + owner + "\" does not parse");
  sql::CreateTableStmt* ct = parsed.value().stmt->create_table;
  const bool self = IdentEqual(owner, r.column ? r.table : r.from);
  auto fix_ref = [&](sql::ForeignKeyRef* ref) {
    if (!IdentEqual(ref->table.name, r.column ? r.table : r.from)) return;
    if (r.column) {
      for (sql::Ident& c : ref->columns) RenameIdent(&c, r);
    } else {
      RenameIdent(&ref->table, r);
    }
  };
  if (self && !r.column) RenameIdent(&ct->name, r);
  for (sql::ColumnDef& c : ct->columns) {
    if (self && r.column) RenameIdent(&c.name, r);
    for (sql::ColumnConstraint& k : c.constraints) {
      if (k.kind == sql::ColumnConstraint::kReferences) fix_ref(&k.ref);
      if (k.kind == sql::ColumnConstraint::kCheck) RenameInExpr(k.expr, owner, r);
    }
  }
  for (sql::TableConstraint& k : ct->constraints) {
    if (self && r.column)
      for (sql::Ident& c : k.columns) RenameIdent(&c, r);
    if (k.kind == sql::TableConstraint::kForeignKey) fix_ref(&k.ref);
    if (k.kind == sql::TableConstraint::kCheck) RenameInExpr(k.check, owner, r);
  }
  *sql_text = sql::StmtToSql(parsed.value().stmt);
  return Status::OK();
}

Status RenameInCheck(const std::string& owner, const Rename& r, CheckDef* check) {
  sql::ParsedStatement holder;
  const sql::Expr* e = nullptr;
  DDB_RETURN_IF_ERROR(ParseCheckText(check->expr_sql, &holder, &e));
  RenameInExpr(const_cast<sql::Expr*>(e), owner, r);  // the tree is ours (holder)
  check->expr_sql = sql::ExprToSql(e);
  return Status::OK();
}

Status RefuseIfViewsDepend(const Schema& schema, const TableDef& t, const char* what) {
  for (const ViewDef* v : schema.views())
    for (ObjectId d : v->depends_on)
      if (d == t.id)
        return Status::Sql(std::string("cannot ") + what + " of table " + t.name + " because view " + v->name +
                               " depends on it",
                           "2BP01");
  return Status::OK();
}

// Applies r to `owner` (the renamed table itself or a table whose FKs name it).
Status ApplyRename(const Rename& r, TableDef* t) {
  const std::string owner = t->name;
  DDB_RETURN_IF_ERROR(RenameInTableSql(owner, r, &t->sql));
  for (CheckDef& c : t->checks) DDB_RETURN_IF_ERROR(RenameInCheck(owner, r, &c));
  return Status::OK();
}

Status RenameObject(Catalog* catalog, WriteTxn* txn, const Schema& schema, const TableDef& table, const Rename& r) {
  std::vector<TableDef> changed;
  TableDef self = table;
  DDB_RETURN_IF_ERROR(ApplyRename(r, &self));
  if (r.column) {
    self.columns[self.FindColumn(r.from)].name = Name(r.to);
  } else {
    self.name = Name(r.to);
  }
  changed.push_back(std::move(self));
  for (const auto& [child, fk] : schema.ReferencesTo(table.id)) {
    (void)fk;
    if (child->id == table.id) continue;
    bool seen = false;
    for (const TableDef& c : changed) seen |= c.id == child->id;
    if (seen) continue;
    TableDef c = *child;
    DDB_RETURN_IF_ERROR(ApplyRename(r, &c));
    changed.push_back(std::move(c));
  }
  return catalog->ReplaceTables(txn, changed);
}

Status AddColumn(Catalog* catalog, WriteTxn* txn, const TableDef& table, const sql::AlterTableStmt& st) {
  const sql::ColumnDef& cd = st.column;
  const std::string name = Name(cd.name);
  if (table.FindColumn(name) >= 0)
    return Status::Sql("column " + Quote(name) + " of relation " + Quote(table.name) + " already exists", "42701");
  if (table.columns.size() >= 1000) return Status::Sql("tables can have at most 1000 columns", "54011");
  if (cd.type.text.empty()) return Status::Sql("column " + Quote(name) + " needs a type", "42601");
  Result<ColumnType> type = ResolveDeclaredType(cd.type.text);
  if (!type.ok()) return type.status();
  ColumnDef col;
  col.name = name;
  col.type = type.value();
  const sql::Expr* default_expr = nullptr;
  for (const sql::ColumnConstraint& k : cd.constraints) {
    switch (k.kind) {
      case sql::ColumnConstraint::kNotNull: col.not_null = true; break;
      case sql::ColumnConstraint::kNull: break;
      case sql::ColumnConstraint::kDefault: default_expr = k.expr; break;
      case sql::ColumnConstraint::kPrimaryKey:
        return Status::NotSupported("not supported: ALTER TABLE ... ADD COLUMN with PRIMARY KEY");
      case sql::ColumnConstraint::kUnique:
        return Status::NotSupported("not supported: ALTER TABLE ... ADD COLUMN with UNIQUE (create a unique index)");
      case sql::ColumnConstraint::kReferences:
        return Status::NotSupported("not supported: ALTER TABLE ... ADD COLUMN with REFERENCES");
      case sql::ColumnConstraint::kCheck:
        return Status::NotSupported("not supported: ALTER TABLE ... ADD COLUMN with CHECK");
    }
  }
  if (default_expr != nullptr) {
    // The value old rows read is computed once, here, so it must not depend on when it
    // is read (ENGINE.md §7.5: volatile defaults are rejected).
    plan::ExprPool pool;
    NoColumns resolver;
    plan::BindOptions bo;
    bo.folder = exec::DefaultConstantFolder();
    plan::ExprBinder binder(&pool, &resolver, bo);
    plan::BoundExpr* bound = nullptr;
    DDB_RETURN_IF_ERROR(binder.BindAssignment(default_expr, col.type, &bound));
    if (bound->op != plan::BoundOp::kConst)
      return Status::NotSupported("not supported: ADD COLUMN with a DEFAULT that is not constant (" +
                                  sql::ExprToSql(default_expr) + ")");
    exec::ScratchArena scratch;
    exec::EvalContext ctx;
    ctx.scratch = &scratch;
    ctx.Prepare(pool);
    ValueRef v;
    DDB_RETURN_IF_ERROR(exec::Evaluate(*bound, nullptr, &ctx, &v));
    col.added_value.Assign(v);
    col.default_sql = sql::ExprToSql(default_expr);
  }
  if (col.not_null && col.added_value.is_null())
    return Status::Constraint("column " + Quote(name) + " of relation " + Quote(table.name) +
                                  " is NOT NULL and needs a non-NULL DEFAULT for the existing rows",
                              "23502");
  TableDef t = table;
  t.columns.push_back(std::move(col));
  // Canonical DDL: the stored CREATE TABLE gains the column definition.
  Result<sql::ParsedStatement> parsed = sql::ParseStatement(t.sql);
  if (!parsed.ok() || parsed.value().stmt->kind != sql::StmtKind::kCreateTable)
    return Status::Corruption("stored DDL of table \"" + t.name + "\" does not parse");
  sql::ParsedStatement& p = parsed.value();
  p.stmt->create_table->columns.Push(p.arena.get(), cd);
  t.sql = sql::StmtToSql(p.stmt);
  return catalog->ReplaceTables(txn, {t});
}

// Adds the ids of the tables and views `q` names (FROM items, nested queries in FROM,
// set operations, WITH bodies and expression subqueries) to *out.
void CollectDependencies(const sql::SelectStmt* q, const Schema& schema, std::vector<ObjectId>* out);

void AddDependency(const sql::Ident& name, const Schema& schema, std::vector<ObjectId>* out) {
  ObjectId id = kNoObject;
  if (const TableDef* t = schema.FindTable(name.name)) id = t->id;
  else if (const ViewDef* v = schema.FindView(name.name)) id = v->id;
  if (id == kNoObject) return;
  for (ObjectId d : *out)
    if (d == id) return;
  out->push_back(id);
}

void CollectInExpr(const sql::Expr* e, const Schema& schema, std::vector<ObjectId>* out) {
  if (e == nullptr) return;
  switch (e->kind) {
    case sql::ExprKind::kExists:
    case sql::ExprKind::kSubquery: CollectDependencies(e->subquery.query, schema, out); return;
    case sql::ExprKind::kUnary: CollectInExpr(e->unary.operand, schema, out); return;
    case sql::ExprKind::kBinary:
      CollectInExpr(e->binary.left, schema, out);
      CollectInExpr(e->binary.right, schema, out);
      return;
    case sql::ExprKind::kIs: CollectInExpr(e->is.operand, schema, out); return;
    case sql::ExprKind::kBetween:
      CollectInExpr(e->between.operand, schema, out);
      CollectInExpr(e->between.low, schema, out);
      CollectInExpr(e->between.high, schema, out);
      return;
    case sql::ExprKind::kIn:
      CollectInExpr(e->in.operand, schema, out);
      for (const sql::Expr* x : e->in.list) CollectInExpr(x, schema, out);
      if (e->in.subquery != nullptr) CollectDependencies(e->in.subquery, schema, out);
      return;
    case sql::ExprKind::kLike:
      CollectInExpr(e->like.operand, schema, out);
      CollectInExpr(e->like.pattern, schema, out);
      CollectInExpr(e->like.escape, schema, out);
      return;
    case sql::ExprKind::kCase:
      CollectInExpr(e->case_.operand, schema, out);
      for (const sql::CaseWhen& w : e->case_.whens) {
        CollectInExpr(w.when, schema, out);
        CollectInExpr(w.then, schema, out);
      }
      CollectInExpr(e->case_.else_expr, schema, out);
      return;
    case sql::ExprKind::kCast: CollectInExpr(e->cast.operand, schema, out); return;
    case sql::ExprKind::kFunc:
      for (const sql::Expr* x : e->func.args) CollectInExpr(x, schema, out);
      return;
    default: return;
  }
}

void CollectInFrom(const sql::TableRef* ref, const Schema& schema, std::vector<ObjectId>* out) {
  if (ref == nullptr) return;
  switch (ref->kind) {
    case sql::TableRef::kTable: AddDependency(ref->name, schema, out); return;
    case sql::TableRef::kSubquery: CollectDependencies(ref->subquery, schema, out); return;
    case sql::TableRef::kJoin:
      CollectInFrom(ref->left, schema, out);
      CollectInFrom(ref->right, schema, out);
      CollectInExpr(ref->on, schema, out);
      return;
  }
}

void CollectInBody(const sql::QueryBody* b, const Schema& schema, std::vector<ObjectId>* out) {
  if (b == nullptr) return;
  switch (b->kind) {
    case sql::QueryBody::kCore: {
      const sql::SelectCore* c = b->core;
      CollectInFrom(c->from, schema, out);
      for (const sql::SelectItem& i : c->items) CollectInExpr(i.expr, schema, out);
      CollectInExpr(c->where, schema, out);
      CollectInExpr(c->having, schema, out);
      return;
    }
    case sql::QueryBody::kSetOp:
      CollectInBody(b->left, schema, out);
      CollectInBody(b->right, schema, out);
      return;
    case sql::QueryBody::kNested: CollectDependencies(b->nested, schema, out); return;
  }
}

void CollectDependencies(const sql::SelectStmt* q, const Schema& schema, std::vector<ObjectId>* out) {
  if (q == nullptr) return;
  for (const sql::CommonTableExpr& cte : q->with) CollectDependencies(cte.query, schema, out);
  CollectInBody(q->body, schema, out);
}

}  // namespace

Status ExecuteCreateView(Catalog* catalog, WriteTxn* txn, const sql::CreateViewStmt& st, const sql::Stmt& whole) {
  (void)whole;
  std::shared_ptr<const Schema> schema;
  DDB_RETURN_IF_ERROR(catalog->SchemaOfWrite(txn, &schema));
  ViewDef v;
  v.name = Name(st.name);
  if (const ViewDef* old = schema->FindView(v.name)) {
    if (st.if_not_exists) return Status::OK();
    (void)old;
  }
  // The body must bind now (strict dependencies, ENGINE.md §7.5).
  exec::PrepareOptions options;
  options.folder = exec::DefaultConstantFolder();
  std::unique_ptr<exec::QueryPlan> plan;
  DDB_RETURN_IF_ERROR(exec::QueryPlan::Prepare(st.query, schema, options, &plan));
  const int n = plan->column_count();
  if (st.columns.size > static_cast<uint32_t>(n))
    return Status::Sql("CREATE VIEW specifies more column names than columns", "42601");
  for (int i = 0; i < n; ++i)
    v.column_names.push_back(i < static_cast<int>(st.columns.size) ? Name(st.columns[static_cast<uint32_t>(i)])
                                                                    : plan->column_name(i));
  for (size_t i = 0; i < v.column_names.size(); ++i)
    for (size_t j = i + 1; j < v.column_names.size(); ++j)
      if (IdentEqual(v.column_names[i], v.column_names[j]))
        return Status::Sql("column " + Quote(v.column_names[j]) + " specified more than once", "42701");
  if (st.query->for_update) return Status::Sql("views cannot use FOR UPDATE", "0A000");
  CollectDependencies(st.query, *schema, &v.depends_on);
  v.sql = sql::SelectToSql(st.query);
  bool created = false;
  return catalog->CreateView(txn, v, st.or_replace, st.if_not_exists, &created);
}

Status ExecuteDropView(Catalog* catalog, WriteTxn* txn, const sql::DropStmt& st) {
  bool dropped = false;
  return catalog->DropView(txn, Name(st.name), st.if_exists, &dropped);
}

Status ExecuteAlterTable(Catalog* catalog, WriteTxn* txn, const sql::AlterTableStmt& st, const sql::Stmt& whole) {
  (void)whole;
  std::shared_ptr<const Schema> schema;
  DDB_RETURN_IF_ERROR(catalog->SchemaOfWrite(txn, &schema));
  const TableDef* t = schema->FindTable(st.table.name);
  if (t == nullptr) {
    if (schema->FindView(st.table.name) != nullptr)
      return Status::Sql(Quote(Name(st.table)) + " is a view, not a table", "42809");
    return Status::Sql("relation " + Quote(Name(st.table)) + " does not exist", "42P01");
  }
  switch (st.action) {
    case sql::AlterTableStmt::kAddColumn: return AddColumn(catalog, txn, *t, st);
    case sql::AlterTableStmt::kRenameColumn: {
      const int col = t->FindColumn(st.old_name.name);
      if (col < 0)
        return Status::Sql("column " + Quote(Name(st.old_name)) + " does not exist in table " + Quote(t->name),
                           "42703");
      const int other = t->FindColumn(st.new_name.name);
      if (other >= 0 && other != col)
        return Status::Sql("column " + Quote(Name(st.new_name)) + " of relation " + Quote(t->name) +
                               " already exists",
                           "42701");
      DDB_RETURN_IF_ERROR(RefuseIfViewsDepend(*schema, *t, "rename a column"));
      Rename r;
      r.column = true;
      r.table = t->name;
      r.from = t->columns[col].name;
      r.to = st.new_name;
      return RenameObject(catalog, txn, *schema, *t, r);
    }
    case sql::AlterTableStmt::kRenameTable: {
      const std::string to = Name(st.new_name);
      if (IdentKey(to).rfind("decentdb_", 0) == 0)
        return Status::Sql("table names beginning with decentdb_ are reserved", "42939");
      const TableDef* other = schema->FindTable(to);
      if ((other != nullptr && other->id != t->id) || schema->FindView(to) != nullptr)
        return Status::Sql("relation " + Quote(to) + " already exists", "42P07");
      DDB_RETURN_IF_ERROR(RefuseIfViewsDepend(*schema, *t, "rename"));
      Rename r;
      r.from = t->name;
      r.to = st.new_name;
      return RenameObject(catalog, txn, *schema, *t, r);
    }
  }
  return Status::Internal("unknown ALTER TABLE action");
}

}  // namespace decentdb
