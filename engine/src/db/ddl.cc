// DDL: AST to catalog specs and execution of CREATE/DROP TABLE and INDEX; ALTER TABLE
// and views are in db/alter.h.
// Design: ENGINE.md §6, §7.4, §8.1; contract in db/ddl.h.
#include "db/ddl.h"

#include <string>
#include <utility>
#include <vector>

#include "catalog/column_type.h"
#include "db/alter.h"
#include "db/checks.h"
#include "exec/evaluator.h"
#include "exec/expr_folder.h"
#include "plan/expr_binder.h"
#include "sql/printer.h"

namespace decentdb {

namespace {

std::string Name(const sql::Ident& id) { return std::string(id.name); }

// DEFAULT expressions may not reference columns.
class NoColumns : public plan::ExprResolver {
 public:
  Status ResolveColumn(const sql::Ident*, const sql::Ident& column, bool,
                       plan::ColumnBinding*) override {
    return Status::Sql("cannot use column reference \"" + std::string(column.name) +
                           "\" in DEFAULT expression",
                       "42703");
  }
  int ParamCount() const override { return 0; }
};

Status MapAction(sql::FkAction a, const char* what, FkAction* out) {
  switch (a) {
    case sql::FkAction::kNone:
    case sql::FkAction::kNoAction: *out = FkAction::kNoAction; return Status::OK();
    case sql::FkAction::kRestrict: *out = FkAction::kRestrict; return Status::OK();
    case sql::FkAction::kCascade: *out = FkAction::kCascade; return Status::OK();
    case sql::FkAction::kSetNull: *out = FkAction::kSetNull; return Status::OK();
    case sql::FkAction::kSetDefault:
      return Status::NotSupported(std::string("not supported: ") + what + " SET DEFAULT");
  }
  return Status::Internal("unknown foreign key action");
}

Status MapForeignKey(const sql::Ident& name, std::vector<std::string> child, const sql::ForeignKeyRef& ref,
                     TableSpec::ForeignKey* out) {
  out->name = Name(name);
  out->child_columns = std::move(child);
  out->parent_table = Name(ref.table);
  for (const sql::Ident& c : ref.columns) out->parent_columns.push_back(Name(c));
  DDB_RETURN_IF_ERROR(MapAction(ref.on_delete, "ON DELETE", &out->on_delete));
  return MapAction(ref.on_update, "ON UPDATE", &out->on_update);
}

// Binds and evaluates a DEFAULT once, so that one that could never be assigned to its
// column ('abc' for an INT) fails at CREATE TABLE rather than at every INSERT.
Status CheckDefault(const sql::Expr* e, const ColumnType& type) {
  plan::ExprPool pool;
  NoColumns resolver;
  plan::BindOptions options;
  options.folder = exec::DefaultConstantFolder();
  plan::ExprBinder binder(&pool, &resolver, options);
  plan::BoundExpr* bound = nullptr;
  DDB_RETURN_IF_ERROR(binder.BindAssignment(e, type, &bound));
  exec::ScratchArena scratch;
  exec::EvalContext ctx;
  ctx.scratch = &scratch;
  ctx.Prepare(pool);
  ValueRef v;
  return exec::Evaluate(*bound, nullptr, &ctx, &v);
}

struct PendingCheck {
  std::string name;    // empty: generated
  std::string column;  // column-level CHECK: its column (for the generated name)
  const sql::Expr* expr;
};

// Validates the CHECKs against the spec's columns and names the unnamed ones like
// PostgreSQL: <table>_<column>_check or <table>_check, numbered when taken.
Status AddChecks(const std::string& table, const std::vector<PendingCheck>& checks, TableSpec* out) {
  if (checks.empty()) return Status::OK();
  TableDef probe;
  probe.name = table;
  for (const TableSpec::Column& c : out->columns) {
    ColumnDef d;
    d.name = c.name;
    d.type = c.type;
    probe.columns.push_back(std::move(d));
  }
  auto taken = [&](const std::string& n) {
    for (const CheckDef& c : out->checks)
      if (IdentEqual(c.name, n)) return true;
    for (const PendingCheck& c : checks)
      if (IdentEqual(c.name, n)) return true;
    return false;
  };
  for (size_t i = 0; i < checks.size(); ++i)
    for (size_t j = i + 1; j < checks.size(); ++j)
      if (!checks[i].name.empty() && IdentEqual(checks[i].name, checks[j].name))
        return Status::Sql("constraint \"" + checks[j].name + "\" for relation \"" + table + "\" already exists",
                           "42710");
  for (const PendingCheck& c : checks) {
    DDB_RETURN_IF_ERROR(ValidateCheckExpr(c.expr, probe));
    std::string name = c.name;
    if (name.empty()) {
      const std::string base = IdentKey(table) + (c.column.empty() ? "" : "_" + IdentKey(c.column)) + "_check";
      name = base;
      for (int n = 1; taken(name); ++n) name = base + std::to_string(n);
    }
    out->checks.push_back(CheckDef{name, sql::ExprToSql(c.expr)});
  }
  return Status::OK();
}

}  // namespace

Status BuildTableSpec(const sql::CreateTableStmt& st, const sql::Stmt& whole, TableSpec* out) {
  std::vector<PendingCheck> checks;
  out->name = Name(st.name);
  out->if_not_exists = st.if_not_exists;
  out->sql = sql::StmtToSql(&whole);
  for (const sql::ColumnDef& c : st.columns) {
    TableSpec::Column col;
    col.name = Name(c.name);
    if (c.type.text.empty())
      return Status::Sql("column \"" + col.name + "\" needs a type", "42601");
    Result<ColumnType> type = ResolveDeclaredType(c.type.text);
    if (!type.ok()) return type.status();
    col.type = type.value();
    for (const sql::ColumnConstraint& k : c.constraints) {
      switch (k.kind) {
        case sql::ColumnConstraint::kPrimaryKey: {
          TableSpec::Unique u;
          u.name = Name(k.name);
          u.columns.push_back(col.name);
          u.primary = true;
          out->uniques.push_back(std::move(u));
          break;
        }
        case sql::ColumnConstraint::kNotNull: col.not_null = true; break;
        case sql::ColumnConstraint::kNull: break;
        case sql::ColumnConstraint::kUnique: {
          TableSpec::Unique u;
          u.name = Name(k.name);
          u.columns.push_back(col.name);
          out->uniques.push_back(std::move(u));
          break;
        }
        case sql::ColumnConstraint::kDefault:
          DDB_RETURN_IF_ERROR(CheckDefault(k.expr, col.type));
          col.default_sql = sql::ExprToSql(k.expr);
          break;
        case sql::ColumnConstraint::kReferences: {
          TableSpec::ForeignKey fk;
          DDB_RETURN_IF_ERROR(MapForeignKey(k.name, {col.name}, k.ref, &fk));
          out->foreign_keys.push_back(std::move(fk));
          break;
        }
        case sql::ColumnConstraint::kCheck:
          checks.push_back({Name(k.name), col.name, k.expr});
          break;
      }
    }
    out->columns.push_back(std::move(col));
  }
  for (const sql::TableConstraint& k : st.constraints) {
    std::vector<std::string> cols;
    for (const sql::Ident& c : k.columns) cols.push_back(Name(c));
    switch (k.kind) {
      case sql::TableConstraint::kPrimaryKey:
      case sql::TableConstraint::kUnique: {
        TableSpec::Unique u;
        u.name = Name(k.name);
        u.columns = std::move(cols);
        u.primary = k.kind == sql::TableConstraint::kPrimaryKey;
        out->uniques.push_back(std::move(u));
        break;
      }
      case sql::TableConstraint::kForeignKey: {
        TableSpec::ForeignKey fk;
        DDB_RETURN_IF_ERROR(MapForeignKey(k.name, std::move(cols), k.ref, &fk));
        out->foreign_keys.push_back(std::move(fk));
        break;
      }
      case sql::TableConstraint::kCheck:
        checks.push_back({Name(k.name), std::string(), k.check});
        break;
    }
  }
  return AddChecks(out->name, checks, out);
}

Status BuildIndexSpec(const sql::CreateIndexStmt& st, IndexSpec* out) {
  out->name = Name(st.name);
  out->table = Name(st.table);
  out->if_not_exists = st.if_not_exists;
  out->unique = st.unique;
  out->kind = IndexKind::kBtree;
  if (!st.method.name.empty()) {
    if (sql::IdentEquals(st.method.name, "trigram")) {
      out->kind = IndexKind::kTrigram;
    } else if (!sql::IdentEquals(st.method.name, "btree")) {
      return Status::Sql("index method \"" + Name(st.method) + "\" does not exist", "42704");
    }
  }
  for (const sql::IndexColumn& c : st.columns)
    out->columns.push_back(IndexSpec::Column{Name(c.name), c.dir == sql::SortDir::kDesc});
  return Status::OK();
}

Status ExecuteDdl(Catalog* catalog, WriteTxn* txn, const sql::Stmt& stmt) {
  switch (stmt.kind) {
    case sql::StmtKind::kCreateTable: {
      TableSpec spec;
      DDB_RETURN_IF_ERROR(BuildTableSpec(*stmt.create_table, stmt, &spec));
      bool created = false;
      return catalog->CreateTable(txn, spec, &created);
    }
    case sql::StmtKind::kCreateIndex: {
      IndexSpec spec;
      DDB_RETURN_IF_ERROR(BuildIndexSpec(*stmt.create_index, &spec));
      bool created = false;
      return catalog->CreateIndex(txn, spec, &created);
    }
    case sql::StmtKind::kDropTable: {
      bool dropped = false;
      return catalog->DropTable(txn, Name(stmt.drop->name), stmt.drop->if_exists, &dropped);
    }
    case sql::StmtKind::kDropIndex: {
      bool dropped = false;
      return catalog->DropIndex(txn, Name(stmt.drop->name), stmt.drop->if_exists, &dropped);
    }
    case sql::StmtKind::kAlterTable: return ExecuteAlterTable(catalog, txn, *stmt.alter_table, stmt);
    case sql::StmtKind::kCreateView: return ExecuteCreateView(catalog, txn, *stmt.create_view, stmt);
    case sql::StmtKind::kDropView: return ExecuteDropView(catalog, txn, *stmt.drop);
    default:
      return Status::Internal("not a DDL statement");
  }
}

}  // namespace decentdb
