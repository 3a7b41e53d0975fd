// SqlStatement: compilation of every statement kind against a Schema, transparent
// re-compilation on a schema-cookie change, and execution: SELECT through the query
// side's cursors, DDL and DML inside the session's write transaction with
// statement-level atomicity, RETURNING rows buffered and streamed after the write.
// Design: ENGINE.md §4.3-§4.5, §6.1, §7.4, §8.3, §9.5-§9.7; contract in db/sql_statement.h.
#include "db/sql_statement.h"

#include <algorithm>
#include <chrono>
#include <utility>

#include "db/ddl.h"
#include "exec/expr_folder.h"
#include "exec/value_cast.h"
#include "plan/expr_binder.h"
#include "plan/select_binder.h"

namespace decentdb {

namespace {

constexpr int kInterruptEvery = 1000;

std::string Name(const sql::Ident& id) { return std::string(id.name); }

// INSERT ... VALUES and DEFAULT expressions may not reference columns.
class NoColumnResolver : public plan::ExprResolver {
 public:
  NoColumnResolver(int param_count, const char* where) : param_count_(param_count), where_(where) {}
  Status ResolveColumn(const sql::Ident*, const sql::Ident& column, bool,
                       plan::ColumnBinding*) override {
    return Status::Sql("cannot use column reference \"" + std::string(column.name) + "\" in " + where_,
                       "42703");
  }
  int ParamCount() const override { return param_count_; }

 private:
  int param_count_;
  const char* where_;
};

Status Unsupported(const char* what) { return Status::NotSupported(std::string("not supported: ") + what); }

Status RelationMissing(const std::string& name) {
  return Status::Sql("relation \"" + name + "\" does not exist", "42P01");
}

bool IsDml(sql::StmtKind k) {
  return k == sql::StmtKind::kInsert || k == sql::StmtKind::kUpdate || k == sql::StmtKind::kDelete;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

}  // namespace

// ---------------------------------------------------------------- creation

SqlStatement::SqlStatement(Connection* conn, sql::ParsedStatement parsed)
    : conn_(conn), parsed_(std::move(parsed)), kind_(Kind::kSelect), target_(nullptr) {
  names_ = std::make_unique<std::vector<std::string>>();
  decltypes_ = std::make_unique<std::vector<std::string>>();
  has_decltype_ = std::make_unique<std::vector<bool>>();
  params_.resize(static_cast<size_t>(parsed_.param_count));
  bound_.assign(static_cast<size_t>(parsed_.param_count), false);
  const ConnectionOptions& o = conn_->options();
  ctx_.interrupt = conn_->interrupt_flag();
  ctx_.max_memory = o.max_query_memory;
  ctx_.sort_buffer_bytes = o.sort_buffer_size;
  ctx_.temp_dir = o.engine.temp_dir;
  ctx_.trigram_threshold = o.trigram_postings_threshold;
  ctx_.trigram_strict = o.trigram_strict;
  conn_->AddObserver(this);
}

SqlStatement::~SqlStatement() {
  CloseExecution();
  conn_->RemoveObserver(this);
}

Status SqlStatement::Create(Connection* conn, sql::ParsedStatement parsed, std::string_view source,
                            bool copy_source, std::unique_ptr<SqlStatement>* out) {
  out->reset();
  std::unique_ptr<SqlStatement> s(new SqlStatement(conn, std::move(parsed)));
  if (copy_source) {
    s->owned_source_.assign(source.data(), source.size());
    s->source_ = s->owned_source_;
  } else {
    s->source_ = source;
  }
  const sql::Stmt* stmt = s->parsed_.stmt;
  s->target_ = stmt;
  switch (stmt->kind) {
    case sql::StmtKind::kSelect: s->kind_ = Kind::kSelect; break;
    case sql::StmtKind::kInsert:
      s->kind_ = Kind::kInsert;
      s->has_returning_ = !stmt->insert->returning.empty();
      break;
    case sql::StmtKind::kUpdate:
      s->kind_ = Kind::kUpdate;
      s->has_returning_ = !stmt->update->returning.empty();
      break;
    case sql::StmtKind::kDelete:
      s->kind_ = Kind::kDelete;
      s->has_returning_ = !stmt->delete_->returning.empty();
      break;
    case sql::StmtKind::kCreateTable:
    case sql::StmtKind::kDropTable:
    case sql::StmtKind::kCreateIndex:
    case sql::StmtKind::kDropIndex: s->kind_ = Kind::kDdl; break;
    case sql::StmtKind::kBegin: s->kind_ = Kind::kBegin; break;
    case sql::StmtKind::kCommit: s->kind_ = Kind::kCommit; break;
    case sql::StmtKind::kRollback: s->kind_ = Kind::kRollback; break;
    case sql::StmtKind::kExplain: {
      if (stmt->explain->analyze) return Unsupported("EXPLAIN ANALYZE");
      const sql::Stmt* inner = stmt->explain->stmt;
      if (inner->kind != sql::StmtKind::kSelect && !IsDml(inner->kind))
        return Unsupported("EXPLAIN of this statement (only SELECT, INSERT, UPDATE and DELETE)");
      s->kind_ = Kind::kExplain;
      s->target_ = inner;
      break;
    }
    case sql::StmtKind::kCreateView:
      if (s->parsed_.param_count > 0) return Status::Sql("a view cannot use parameters ($N)", "42P02");
      s->kind_ = Kind::kDdl;
      break;
    case sql::StmtKind::kDropView:
    case sql::StmtKind::kAlterTable: s->kind_ = Kind::kDdl; break;
    case sql::StmtKind::kSavepoint: s->kind_ = Kind::kSavepoint; break;
    case sql::StmtKind::kRelease: s->kind_ = Kind::kRelease; break;
    case sql::StmtKind::kRollbackTo: s->kind_ = Kind::kRollbackTo; break;
  }
  if (s->NeedsSchema()) {
    std::shared_ptr<const Schema> schema;
    DDB_RETURN_IF_ERROR(conn->CurrentSchema(&schema));
    DDB_RETURN_IF_ERROR(s->EnsureCompiled(schema));
  }
  *out = std::move(s);
  return Status::OK();
}

bool SqlStatement::NeedsSchema() const {
  return kind_ == Kind::kSelect || kind_ == Kind::kInsert || kind_ == Kind::kUpdate ||
         kind_ == Kind::kDelete || kind_ == Kind::kExplain;
}

// ---------------------------------------------------------------- compilation

Status SqlStatement::EnsureCompiled(const std::shared_ptr<const Schema>& schema) {
  // The pointer, not only the cookie: a cookie of rolled-back DDL may come back with
  // other contents, and such schemas are never shared (catalog.h).
  if (compiled_ && compiled_->schema.get() == schema.get()) return Status::OK();
  const bool recompile = compiled_ != nullptr;
  std::unique_ptr<Compiled> fresh;
  Status s = Compile(schema, &fresh);
  if (!s.ok()) {
    if (recompile && !s.Is(Code::kSql))
      return Status::Sql("statement could not be re-prepared after a schema change: " + s.message());
    return s;
  }
  if (cursor_) {
    cursor_->Close();
    cursor_.reset();
  }
  compiled_ = std::move(fresh);
  AdoptColumns(*compiled_);
  return Status::OK();
}

void SqlStatement::AdoptColumns(const Compiled& c) {
  if (*names_ == c.names && *decltypes_ == c.decltypes && *has_decltype_ == c.has_decltype) return;
  // Old views handed out by column_name/column_decltype stay valid (ENGINE.md §11.3).
  if (!names_->empty()) retired_.push_back(std::move(names_));
  if (!decltypes_->empty()) retired_.push_back(std::move(decltypes_));
  names_ = std::make_unique<std::vector<std::string>>(c.names);
  decltypes_ = std::make_unique<std::vector<std::string>>(c.decltypes);
  has_decltype_ = std::make_unique<std::vector<bool>>(c.has_decltype);
  ++columns_version_;
}

Status SqlStatement::Compile(const std::shared_ptr<const Schema>& schema, std::unique_ptr<Compiled>* out) {
  auto c = std::make_unique<Compiled>();
  c->cookie = schema->cookie();
  c->schema = schema;
  c->pool = std::make_unique<plan::ExprPool>();
  c->stmt = target_;
  exec::PrepareOptions options;
  options.sql_text = source_;
  options.param_count = parsed_.param_count;
  options.folder = exec::DefaultConstantFolder();
  if (target_->kind == sql::StmtKind::kSelect) {
    DDB_RETURN_IF_ERROR(exec::QueryPlan::Prepare(target_->select, schema, options, &c->query));
    for (int i = 0; i < c->query->column_count(); ++i) {
      c->names.push_back(c->query->column_name(i));
      const char* d = c->query->column_decltype(i);
      c->decltypes.push_back(d != nullptr ? d : "");
      c->has_decltype.push_back(d != nullptr);
    }
    if (kind_ == Kind::kExplain) c->explain = c->query->Explain(0);
  } else {
    DDB_RETURN_IF_ERROR(CompileDml(*target_, c.get()));
  }
  if (kind_ == Kind::kExplain) {
    c->names = {"query_plan"};
    c->decltypes = {""};
    c->has_decltype = {false};
  }
  *out = std::move(c);
  return Status::OK();
}

Status SqlStatement::BindDefaults(Compiled* c) {
  const TableDef& t = *c->table;
  c->defaults.assign(t.columns.size(), nullptr);
  for (size_t col = 0; col < t.columns.size(); ++col) {
    const std::string& text = t.columns[col].default_sql;
    if (text.empty()) continue;
    Result<sql::ParsedStatement> parsed = sql::ParseStatement("SELECT " + text);
    if (!parsed.ok()) return Status::Corruption("DEFAULT of column \"" + t.columns[col].name +
                                                "\" does not parse: " + parsed.status().message());
    c->default_asts.push_back(std::move(parsed.value()));
    const sql::Stmt* st = c->default_asts.back().stmt;
    // The catalog stores one expression; anything else means a damaged catalog row.
    const sql::SelectCore* core = st->kind == sql::StmtKind::kSelect && st->select->body->kind == sql::QueryBody::kCore
                                      ? st->select->body->core
                                      : nullptr;
    if (core == nullptr || core->from != nullptr || core->items.size != 1 ||
        core->items[0].kind != sql::SelectItem::kExpr)
      return Status::Corruption("DEFAULT of column \"" + t.columns[col].name + "\" is not one expression");
    NoColumnResolver resolver(0, "DEFAULT expression");
    plan::BindOptions options;
    options.folder = exec::DefaultConstantFolder();
    plan::ExprBinder binder(c->pool.get(), &resolver, options);
    plan::BoundExpr* e = nullptr;
    DDB_RETURN_IF_ERROR(binder.BindAssignment(core->items[0].expr, t.columns[col].type, &e));
    c->defaults[col] = e;
  }
  return Status::OK();
}

Status SqlStatement::CompileDml(const sql::Stmt& stmt, Compiled* c) {
  const sql::Ident* table_name = nullptr;
  const sql::Ident* alias = nullptr;
  const sql::ArenaVec<sql::SelectItem>* returning = nullptr;
  const sql::Expr* where = nullptr;
  switch (stmt.kind) {
    case sql::StmtKind::kInsert:
      table_name = &stmt.insert->table;
      returning = &stmt.insert->returning;
      break;
    case sql::StmtKind::kUpdate:
      table_name = &stmt.update->table;
      if (!stmt.update->alias.name.empty()) alias = &stmt.update->alias;
      returning = &stmt.update->returning;
      where = stmt.update->where;
      break;
    case sql::StmtKind::kDelete:
      table_name = &stmt.delete_->table;
      if (!stmt.delete_->alias.name.empty()) alias = &stmt.delete_->alias;
      returning = &stmt.delete_->returning;
      where = stmt.delete_->where;
      break;
    default: return Status::Internal("not a DML statement");
  }
  c->table = c->schema->FindTable(table_name->name);
  if (c->table == nullptr) {
    if (c->schema->FindView(table_name->name) != nullptr ||
        Lower(table_name->name).rfind("decentdb_", 0) == 0)
      return Status::Sql("cannot modify \"" + Name(*table_name) + "\": it is a view", "42809");
    return RelationMissing(Name(*table_name));
  }
  DDB_RETURN_IF_ERROR(BindDefaults(c));
  exec::PrepareOptions options;
  options.sql_text = source_;
  options.param_count = parsed_.param_count;
  options.folder = exec::DefaultConstantFolder();
  if (stmt.kind == sql::StmtKind::kInsert) {
    DDB_RETURN_IF_ERROR(CompileInsert(*stmt.insert, c));
  } else {
    DDB_RETURN_IF_ERROR(exec::QueryPlan::PrepareTableScan(*table_name, alias, where, c->schema, options, &c->query));
  }
  if (stmt.kind == sql::StmtKind::kUpdate) {
    const TableDef& t = *c->table;
    c->set.assign(t.columns.size(), nullptr);
    plan::TableRowResolver resolver(&t, alias != nullptr ? alias->name : std::string_view(), parsed_.param_count,
                                    source_);
    plan::BindOptions bo;
    bo.folder = exec::DefaultConstantFolder();
    plan::ExprBinder binder(c->pool.get(), &resolver, bo);
    for (const sql::Assignment& a : stmt.update->set) {
      int col = t.FindColumn(a.column.name);
      if (col < 0)
        return Status::Sql("column \"" + Name(a.column) + "\" of relation \"" + t.name + "\" does not exist",
                           "42703");
      if (c->set[col] != nullptr)
        return Status::Sql("multiple assignments to same column \"" + t.columns[col].name + "\"", "42601");
      if (a.value->kind == sql::ExprKind::kDefault) {
        c->set[col] = c->defaults[col] != nullptr
                          ? c->defaults[col]
                          : c->pool->NewConst(ValueRef::Null(), t.columns[col].type.type, a.value->pos);
        continue;
      }
      plan::BoundExpr* e = nullptr;
      DDB_RETURN_IF_ERROR(binder.BindAssignment(a.value, t.columns[col].type, &e));
      c->set[col] = e;
    }
  }
  DDB_RETURN_IF_ERROR(CompileReturning(alias != nullptr ? *alias : *table_name, *returning, c));
  if (kind_ == Kind::kExplain) {
    const char* verb = stmt.kind == sql::StmtKind::kInsert   ? "Insert "
                       : stmt.kind == sql::StmtKind::kUpdate ? "Update "
                                                             : "Delete ";
    c->explain.push_back(verb + c->table->name);
    if (c->query) {
      std::vector<std::string> lines = c->query->Explain(1);
      c->explain.insert(c->explain.end(), lines.begin(), lines.end());
    } else {
      c->explain.push_back("  Values (" + std::to_string(c->values.size()) + " rows)");
    }
  }
  return Status::OK();
}

Status SqlStatement::CompileInsert(const sql::InsertStmt& st, Compiled* c) {
  const TableDef& t = *c->table;
  if (st.on_conflict != nullptr) {
    c->upsert = std::make_unique<UpsertPlan>();
    DDB_RETURN_IF_ERROR(CompileUpsert(*st.on_conflict, t, *c->schema, c->pool.get(), parsed_.param_count, source_,
                                      c->upsert.get()));
  }
  std::vector<int>& targets = c->insert_columns;
  if (st.columns.empty()) {
    for (size_t col = 0; col < t.columns.size(); ++col) targets.push_back(static_cast<int>(col));
  } else {
    for (const sql::Ident& id : st.columns) {
      int col = t.FindColumn(id.name);
      if (col < 0)
        return Status::Sql("column \"" + Name(id) + "\" of relation \"" + t.name + "\" does not exist", "42703");
      if (std::find(targets.begin(), targets.end(), col) != targets.end())
        return Status::Sql("column \"" + t.columns[col].name + "\" specified more than once", "42701");
      targets.push_back(col);
    }
  }
  if (st.source == sql::InsertStmt::kDefaultValues) {
    c->values.push_back(c->defaults);
    return Status::OK();
  }
  if (st.source == sql::InsertStmt::kSelect) {
    exec::PrepareOptions options;
    options.sql_text = source_;
    options.param_count = parsed_.param_count;
    options.folder = exec::DefaultConstantFolder();
    DDB_RETURN_IF_ERROR(exec::QueryPlan::Prepare(st.select, c->schema, options, &c->query));
    if (static_cast<size_t>(c->query->column_count()) != targets.size())
      return Status::Sql(static_cast<size_t>(c->query->column_count()) > targets.size()
                             ? "INSERT has more expressions than target columns"
                             : "INSERT has more target columns than expressions",
                         "42601");
    return Status::OK();
  }
  NoColumnResolver resolver(parsed_.param_count, "VALUES");
  plan::BindOptions bo;
  bo.sql_text = source_;
  bo.folder = exec::DefaultConstantFolder();
  plan::ExprBinder binder(c->pool.get(), &resolver, bo);
  for (const sql::ArenaVec<sql::Expr*>& row : st.rows) {
    if (row.size != targets.size())
      return Status::Sql(row.size > targets.size() ? "INSERT has more expressions than target columns"
                                                   : "INSERT has more target columns than expressions",
                         "42601");
    std::vector<const plan::BoundExpr*> exprs = c->defaults;
    for (size_t k = 0; k < targets.size(); ++k) {
      const sql::Expr* e = row[static_cast<uint32_t>(k)];
      const int col = targets[k];
      if (e->kind == sql::ExprKind::kDefault) continue;  // the default stays
      plan::BoundExpr* bound = nullptr;
      DDB_RETURN_IF_ERROR(binder.BindAssignment(e, t.columns[col].type, &bound));
      exprs[col] = bound;
    }
    c->values.push_back(std::move(exprs));
  }
  return Status::OK();
}

Status SqlStatement::CompileReturning(const sql::Ident& alias, const sql::ArenaVec<sql::SelectItem>& items,
                                      Compiled* c) {
  const TableDef& t = *c->table;
  plan::TableRowResolver resolver(&t, alias.name, parsed_.param_count, source_);
  plan::BindOptions bo;
  bo.folder = exec::DefaultConstantFolder();
  plan::ExprBinder binder(c->pool.get(), &resolver, bo);
  auto add_column = [&](int col, uint32_t pos) {
    plan::BoundExpr* e = c->pool->NewNode(plan::BoundOp::kColumn, pos);
    e->index = col;
    e->type = t.columns[col].type.type;
    c->returning.push_back(e);
    c->names.push_back(t.columns[col].name);
    c->decltypes.push_back(t.columns[col].type.normalized);
    c->has_decltype.push_back(true);
  };
  for (const sql::SelectItem& item : items) {
    if (item.kind != sql::SelectItem::kExpr) {
      if (item.kind == sql::SelectItem::kTableStar && !sql::IdentEquals(item.table.name, alias.name) &&
          !sql::IdentEquals(item.table.name, t.name))
        return Status::Sql("missing FROM-clause entry for table \"" + Name(item.table) + "\"", "42P01");
      for (size_t col = 0; col < t.columns.size(); ++col) add_column(static_cast<int>(col), 0);
      continue;
    }
    plan::BoundExpr* e = nullptr;
    DDB_RETURN_IF_ERROR(binder.Bind(item.expr, &e));
    c->returning.push_back(e);
    std::string name = "?column?";
    std::string decl;
    bool has_decl = false;
    const sql::Expr* x = item.expr;
    if (x->kind == sql::ExprKind::kColumn) {
      int col = t.FindColumn(x->column.column.name);
      if (col >= 0) {
        name = t.columns[col].name;
        decl = t.columns[col].type.normalized;
        has_decl = true;
      }
    } else if (x->kind == sql::ExprKind::kFunc) {
      name = Lower(x->func.name.name);
    } else if (x->kind == sql::ExprKind::kCast) {
      decl = std::string(x->cast.type.text);
      has_decl = true;
    }
    if (item.has_alias) name = Name(item.alias);
    c->names.push_back(std::move(name));
    c->decltypes.push_back(std::move(decl));
    c->has_decltype.push_back(has_decl);
  }
  return Status::OK();
}

// ---------------------------------------------------------------- bindings and rows

const char* SqlStatement::column_decltype(int column) const {
  if (!(*has_decltype_)[column]) return nullptr;
  return (*decltypes_)[column].c_str();
}

Status SqlStatement::Bind(int index, ValueRef value) {
  if (state_ != State::kIdle && state_ != State::kDone)
    return Status::Misuse("cannot bind while the statement is running: reset it first");
  params_[index - 1].Assign(value);
  bound_[index - 1] = true;
  return Status::OK();
}

Status SqlStatement::ClearBindings() {
  for (Value& v : params_) v = Value();
  std::fill(bound_.begin(), bound_.end(), false);
  return Status::OK();
}

ValueRef SqlStatement::Column(int column) const {
  if (state_ == State::kCursor) return cursor_->Column(column);
  if (state_ == State::kRows && out_pos_ > 0) return out_rows_[out_pos_ - 1][column].ref();
  return ValueRef::Null();
}

Status SqlStatement::CheckParams() {
  param_refs_.resize(params_.size());
  for (size_t i = 0; i < params_.size(); ++i) {
    if (!bound_[i]) return Status::Sql("missing parameter $" + std::to_string(i + 1), "42P02");
    param_refs_[i] = params_[i].ref();
  }
  return Status::OK();
}

Status SqlStatement::PollInterrupt() {
  if (conn_->interrupt_requested())
    return Status::Transaction("canceling statement due to user request", "57014");
  return Status::OK();
}

void SqlStatement::PrepareEval() {
  eval_.params = param_refs_.data();
  eval_.param_count = static_cast<int>(param_refs_.size());
  eval_.scratch = &scratch_;
  eval_.statement_time_ms = conn_->TransactionTimeMs();
  eval_.Prepare(*compiled_->pool);
  eval_.SeedRandom(static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count()) ^
                   reinterpret_cast<uintptr_t>(this));
}

void SqlStatement::CloseExecution() {
  row_ = nullptr;  // (S1)
  if (cursor_) cursor_->Close();
  snapshot_.reset();
  if (own_snapshot_) own_snapshot_->Suspend();  // (P3): kept for the next execution
  reading_write_ = false;
  out_rows_.clear();
  out_pos_ = 0;
  fks_.Clear();
  scratch_.Reset();
}

Status SqlStatement::Reset() {
  CloseExecution();
  state_ = State::kIdle;
  detached_ = false;
  return Status::OK();
}

void SqlStatement::BeforeTransactionEnd() {
  if (state_ == State::kCursor && reading_write_) {
    CloseExecution();
    state_ = State::kDone;
    detached_ = true;
  }
}

// ---------------------------------------------------------------- execution

Status SqlStatement::Step(bool* out_row) {
  *out_row = false;
  row_ = nullptr;  // (S1)
  if (detached_)
    return Status::Misuse("the transaction state this statement was reading is gone (COMMIT, ROLLBACK "
                          "or DROP in the transaction); reset the statement");
  if (state_ == State::kIdle) {
    // A request made before this statement started is not for it (connection.h).
    conn_->ClearInterrupt();
    Status s = Execute();
    if (!s.ok()) {
      CloseExecution();
      state_ = State::kDone;
      if (std::string(s.sqlstate()) == "57014") conn_->ClearInterrupt();
      return s;
    }
  }
  switch (state_) {
    case State::kCursor: {
      bool row = false;
      // One atomic load per row: a cancel between steps takes effect at once; the
      // executor polls too, inside long steps.
      Status s;
      if (conn_->interrupt_requested()) s = PollInterrupt();
      if (s.ok()) s = cursor_->Next(&row);
      if (!s.ok() || !row) {
        CloseExecution();
        state_ = State::kDone;
        if (!s.ok() && std::string(s.sqlstate()) == "57014") conn_->ClearInterrupt();
        return s;
      }
      *out_row = true;
      row_ = cursor_->Row();
      row_columns_ = std::min(cursor_->column_count(), column_count());
      return Status::OK();
    }
    case State::kRows:
      if (out_pos_ < out_rows_.size()) {
        ++out_pos_;
        *out_row = true;
        return Status::OK();
      }
      CloseExecution();
      state_ = State::kDone;
      return Status::OK();
    case State::kIdle:
    case State::kDone:
      return Status::OK();
  }
  return Status::OK();
}

Status SqlStatement::Execute() {
  rows_affected_ = 0;
  switch (kind_) {
    case Kind::kBegin:
    case Kind::kCommit:
    case Kind::kRollback:
    case Kind::kSavepoint:
    case Kind::kRelease:
    case Kind::kRollbackTo:
      DDB_RETURN_IF_ERROR(ExecuteTransactionControl());
      state_ = State::kDone;
      return Status::OK();
    case Kind::kSelect:
    case Kind::kExplain:
      return OpenRead();
    case Kind::kDdl:
    case Kind::kInsert:
    case Kind::kUpdate:
    case Kind::kDelete:
      DDB_RETURN_IF_ERROR(ExecuteWrite());
      out_pos_ = 0;
      state_ = State::kRows;
      return Status::OK();
  }
  return Status::Internal("unknown statement kind");
}

Status SqlStatement::ExecuteTransactionControl() {
  switch (kind_) {
    case Kind::kBegin: return conn_->Begin(target_->txn->immediate);
    case Kind::kCommit: return conn_->Commit();
    case Kind::kRollback: return conn_->Rollback();
    case Kind::kSavepoint: return conn_->Savepoint(Name(target_->txn->savepoint));
    case Kind::kRelease: return conn_->ReleaseSavepoint(Name(target_->txn->savepoint));
    case Kind::kRollbackTo: return conn_->RollbackToSavepoint(Name(target_->txn->savepoint), this);
    default: return Status::Internal("not a transaction statement");
  }
}

const exec::ExecContext& SqlStatement::ExecutionContext() {
  ctx_.now_ms = conn_->TransactionTimeMs();
  return ctx_;
}

Status SqlStatement::OpenRead() {
  if (kind_ == Kind::kSelect) DDB_RETURN_IF_ERROR(CheckParams());
  PageReader* reader = nullptr;
  HeaderFields header;
  if (conn_->in_transaction()) {
    if (kind_ == Kind::kSelect && target_->select->for_update) {
      WriteTxn* w = nullptr;  // FOR UPDATE takes the lock before the snapshot (§4.3)
      DDB_RETURN_IF_ERROR(conn_->TxnWriter(&w));
    }
    DDB_RETURN_IF_ERROR(conn_->TxnReader(&reader, &snapshot_, &header));
    reading_write_ = snapshot_ == nullptr;
    std::shared_ptr<const Schema> schema;
    DDB_RETURN_IF_ERROR(conn_->SchemaOf(reader, header, &schema));
    DDB_RETURN_IF_ERROR(EnsureCompiled(schema));
  } else {
    if (own_snapshot_) {
      own_snapshot_->Restart();  // the last execution's read object, at the latest commit
    } else {
      DDB_RETURN_IF_ERROR(conn_->BeginAutocommitRead(&own_snapshot_));
    }
    reader = own_snapshot_.get();
    header = own_snapshot_->header();
    // A fresh snapshot reads committed state: a plan compiled against committed state
    // with the same cookie is still right, without asking the catalog again.
    if (!compiled_ || !compiled_->committed || compiled_->cookie != header.schema_cookie) {
      std::shared_ptr<const Schema> schema;
      DDB_RETURN_IF_ERROR(conn_->SchemaOf(reader, header, &schema));
      DDB_RETURN_IF_ERROR(EnsureCompiled(schema));
      compiled_->committed = true;
    }
  }
  if (kind_ == Kind::kExplain) {
    for (const std::string& line : compiled_->explain) out_rows_.push_back({Value::Text(line)});
    snapshot_.reset();
    if (own_snapshot_) own_snapshot_->Suspend();
    reading_write_ = false;
    out_pos_ = 0;
    state_ = State::kRows;
    return Status::OK();
  }
  if (!cursor_) cursor_ = compiled_->query->NewCursor();
  const exec::ExecContext& ctx = ExecutionContext();
  DDB_RETURN_IF_ERROR(cursor_->Open(reader, param_refs_.data(), static_cast<int>(param_refs_.size()), ctx));
  state_ = State::kCursor;
  return Status::OK();
}

Status SqlStatement::ExecuteWrite() {
  if (kind_ != Kind::kDdl) DDB_RETURN_IF_ERROR(CheckParams());
  DDB_RETURN_IF_ERROR(PollInterrupt());
  const bool in_txn = conn_->in_transaction();
  WriteTxn* w = nullptr;
  std::unique_ptr<WriteTxn> own;  // autocommit: this statement's whole transaction
  if (in_txn) {
    DDB_RETURN_IF_ERROR(conn_->TxnWriter(&w));
  } else {
    DDB_RETURN_IF_ERROR(conn_->BeginAutocommitWrite(&own));
    w = own.get();
  }
  // Statement-level atomicity (§4.5); an autocommit statement just discards its txn,
  // and so does a failing execute_many batch in autocommit mode.
  const bool use_mark = in_txn && !conn_->in_batch();
  const uint64_t mark = use_mark ? w->Mark() : 0;
  if (in_txn && (target_->kind == sql::StmtKind::kDropTable || target_->kind == sql::StmtKind::kDropIndex))
    conn_->DetachWriteCursors(this);  // their trees may be freed under them
  Status s = kind_ == Kind::kDdl ? ExecuteDdl(conn_->catalog(), w, *target_) : RunDml(w);
  if (s.ok() && !in_txn) s = own->Commit();
  if (!s.ok()) {
    out_rows_.clear();
    rows_affected_ = 0;
    fks_.Clear();
    if (use_mark) {
      Status undo = w->RollbackToMark(mark);
      w->ReleaseMark(mark);
      if (!undo.ok()) return undo;
    } else if (own) {
      own->Rollback();
    }
    return s;
  }
  if (use_mark) w->ReleaseMark(mark);
  return Status::OK();
}

Status SqlStatement::RunDml(WriteTxn* w) {
  std::shared_ptr<const Schema> schema;
  DDB_RETURN_IF_ERROR(conn_->SchemaOf(w, w->header(), &schema));
  DDB_RETURN_IF_ERROR(EnsureCompiled(schema));
  PrepareEval();
  fks_.Clear();
  exec::TableWriter writer(w, conn_->catalog(), compiled_->schema.get(), compiled_->table, &fks_);
  if (!compiled_->checks) compiled_->checks = std::make_unique<CheckConstraints>();
  compiled_->checks->set_statement_time_ms(eval_.statement_time_ms);
  writer.set_checker(compiled_->checks.get());
  if (kind_ == Kind::kInsert) {
    DDB_RETURN_IF_ERROR(RunInsert(w, &writer));
  } else {
    DDB_RETURN_IF_ERROR(RunUpdateDelete(w, &writer, kind_ == Kind::kUpdate));
  }
  // Trigram postings, FK actions, then checks, run once, at statement end (§7.4-§7.6).
  DDB_RETURN_IF_ERROR(writer.Finish());
  DDB_RETURN_IF_ERROR(fks_.RunActions(w, conn_->catalog(), *compiled_->schema, compiled_->checks.get()));
  return fks_.Verify(w, *compiled_->schema);
}

Status SqlStatement::AddReturningRow(const std::vector<Value>& row) {
  const Compiled& c = *compiled_;
  if (c.returning.empty()) return Status::OK();
  std::vector<ValueRef> refs;
  refs.reserve(row.size());
  for (const Value& v : row) refs.push_back(v.ref());
  std::vector<Value> out(c.returning.size());
  for (size_t i = 0; i < c.returning.size(); ++i) {
    ValueRef v;
    DDB_RETURN_IF_ERROR(exec::Evaluate(*c.returning[i], refs.data(), &eval_, &v));
    out[i].Assign(v);
  }
  out_rows_.push_back(std::move(out));
  return Status::OK();
}

Status SqlStatement::RunInsert(WriteTxn* w, exec::TableWriter* writer) {
  const Compiled& c = *compiled_;
  const TableDef& t = *c.table;
  std::vector<Value> row(t.columns.size());
  upsert_touched_.clear();
  auto insert_row = [&]() -> Status {
    if (c.upsert) {
      bool handled = false;
      DDB_RETURN_IF_ERROR(UpsertRow(w, writer, &row, &handled));
      if (handled) return Status::OK();
    }
    int64_t rowid = 0;
    DDB_RETURN_IF_ERROR(writer->Insert(&row, &rowid));
    if (c.upsert && c.upsert->do_update) upsert_touched_.insert(rowid);
    conn_->set_last_insert_rowid(rowid);
    ++rows_affected_;
    DDB_RETURN_IF_ERROR(AddReturningRow(row));
    if (rows_affected_ % kInterruptEvery == 0) DDB_RETURN_IF_ERROR(PollInterrupt());
    return Status::OK();
  };
  auto fill_defaults = [&](const std::vector<bool>* skip) -> Status {
    for (size_t col = 0; col < t.columns.size(); ++col) {
      if (skip != nullptr && (*skip)[col]) continue;
      ValueRef v;
      if (c.defaults[col] != nullptr) DDB_RETURN_IF_ERROR(exec::Evaluate(*c.defaults[col], nullptr, &eval_, &v));
      row[col].Assign(v);
    }
    return Status::OK();
  };
  if (c.query) {
    // INSERT ... SELECT reads everything first, so it never sees its own rows (§9.5).
    std::vector<std::vector<Value>> source;
    {
      std::unique_ptr<exec::QueryCursor> cur = c.query->NewCursor();
      const exec::ExecContext& ctx = ExecutionContext();
      DDB_RETURN_IF_ERROR(cur->Open(w, param_refs_.data(), static_cast<int>(param_refs_.size()), ctx));
      const int n = c.query->column_count();
      for (;;) {
        bool has = false;
        DDB_RETURN_IF_ERROR(cur->Next(&has));
        if (!has) break;
        std::vector<Value> r(static_cast<size_t>(n));
        for (int i = 0; i < n; ++i) r[i].Assign(cur->Column(i));
        source.push_back(std::move(r));
      }
      cur->Close();
    }
    std::vector<bool> targeted(t.columns.size(), false);
    for (int col : c.insert_columns) targeted[col] = true;
    for (const std::vector<Value>& src : source) {
      scratch_.Reset();
      DDB_RETURN_IF_ERROR(fill_defaults(&targeted));
      for (size_t k = 0; k < c.insert_columns.size(); ++k) {
        const int col = c.insert_columns[k];
        ValueRef v;
        DDB_RETURN_IF_ERROR(exec::CoerceForAssignment(src[k].ref(), c.query->column_type(static_cast<int>(k)),
                                                      t.columns[col].type, &scratch_, &v));
        row[col].Assign(v);
      }
      DDB_RETURN_IF_ERROR(insert_row());
    }
    return Status::OK();
  }
  for (const std::vector<const plan::BoundExpr*>& exprs : c.values) {
    scratch_.Reset();
    for (size_t col = 0; col < t.columns.size(); ++col) {
      ValueRef v;
      if (exprs[col] != nullptr) DDB_RETURN_IF_ERROR(exec::Evaluate(*exprs[col], nullptr, &eval_, &v));
      row[col].Assign(v);
    }
    DDB_RETURN_IF_ERROR(insert_row());
  }
  return Status::OK();
}

Status SqlStatement::UpsertRow(WriteTxn* w, exec::TableWriter* writer, std::vector<Value>* row,
                               bool* handled) {
  const Compiled& c = *compiled_;
  const UpsertPlan& plan = *c.upsert;
  const TableDef& t = *c.table;
  *handled = false;
  bool found = false;
  int64_t rowid = 0;
  DDB_RETURN_IF_ERROR(FindConflict(w, t, *c.schema, plan, *row, &found, &rowid));
  if (!found) return Status::OK();
  *handled = true;
  if (!plan.do_update) return Status::OK();
  if (upsert_touched_.count(rowid) != 0)
    return Status::Sql("ON CONFLICT DO UPDATE command cannot affect row a second time: the statement proposes "
                       "one key twice",
                       "21000");
  std::vector<Value> old;
  bool exists = false;
  DDB_RETURN_IF_ERROR(exec::ReadRow(w, t, rowid, &old, &exists));
  if (!exists) return Status::Internal("conflicting row " + std::to_string(rowid) + " vanished");
  const size_t n = t.columns.size();
  std::vector<ValueRef> both(2 * n);  // (U2)
  for (size_t i = 0; i < n; ++i) {
    both[i] = old[i].ref();
    both[n + i] = (*row)[i].ref();
  }
  if (plan.where != nullptr) {
    bool pass = false;
    DDB_RETURN_IF_ERROR(exec::EvaluatePredicate(*plan.where, both.data(), &eval_, &pass));
    if (!pass) return Status::OK();
  }
  std::vector<Value> fresh(n);
  for (size_t col = 0; col < n; ++col) {
    if (plan.set[col] == nullptr) {
      fresh[col] = old[col];
      continue;
    }
    ValueRef v;
    DDB_RETURN_IF_ERROR(exec::Evaluate(*plan.set[col], both.data(), &eval_, &v));
    fresh[col].Assign(v);
  }
  int64_t new_rowid = 0;
  DDB_RETURN_IF_ERROR(writer->Update(rowid, old, &fresh, &new_rowid));
  upsert_touched_.insert(new_rowid);
  ++rows_affected_;
  DDB_RETURN_IF_ERROR(AddReturningRow(fresh));
  if (rows_affected_ % kInterruptEvery == 0) DDB_RETURN_IF_ERROR(PollInterrupt());
  return Status::OK();
}

Status SqlStatement::RunUpdateDelete(WriteTxn* w, exec::TableWriter* writer, bool update) {
  const Compiled& c = *compiled_;
  const size_t ncols = c.table->columns.size();
  // Collect every target first (Halloween-safe, §9.5).
  std::vector<int64_t> rowids;
  std::vector<std::vector<Value>> rows;
  {
    std::unique_ptr<exec::QueryCursor> cur = c.query->NewCursor();
    const exec::ExecContext& ctx = ExecutionContext();
    DDB_RETURN_IF_ERROR(cur->Open(w, param_refs_.data(), static_cast<int>(param_refs_.size()), ctx));
    for (;;) {
      bool has = false;
      DDB_RETURN_IF_ERROR(cur->Next(&has));
      if (!has) break;
      rowids.push_back(cur->rowid());
      const ValueRef* r = cur->row();
      std::vector<Value> copy(ncols);
      for (size_t i = 0; i < ncols; ++i) copy[i].Assign(r[i]);
      rows.push_back(std::move(copy));
    }
    cur->Close();
  }
  std::vector<ValueRef> old_refs(ncols);
  std::vector<Value> fresh(ncols);
  for (size_t n = 0; n < rowids.size(); ++n) {
    const std::vector<Value>& old = rows[n];
    scratch_.Reset();
    if (update) {
      for (size_t i = 0; i < ncols; ++i) old_refs[i] = old[i].ref();
      for (size_t col = 0; col < ncols; ++col) {
        if (c.set[col] == nullptr) {
          fresh[col] = old[col];
          continue;
        }
        ValueRef v;
        DDB_RETURN_IF_ERROR(exec::Evaluate(*c.set[col], old_refs.data(), &eval_, &v));
        fresh[col].Assign(v);
      }
      int64_t new_rowid = 0;
      DDB_RETURN_IF_ERROR(writer->Update(rowids[n], old, &fresh, &new_rowid));
      DDB_RETURN_IF_ERROR(AddReturningRow(fresh));
    } else {
      DDB_RETURN_IF_ERROR(writer->Delete(rowids[n], old));
      DDB_RETURN_IF_ERROR(AddReturningRow(old));
    }
    ++rows_affected_;
    if (rows_affected_ % kInterruptEvery == 0) DDB_RETURN_IF_ERROR(PollInterrupt());
  }
  return Status::OK();
}

}  // namespace decentdb
