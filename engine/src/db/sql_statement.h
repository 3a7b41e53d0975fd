// SqlStatement: the Statement (db/statement.h) behind decentdb_prepare for every
// statement kind. Owns the parsed text, the bindings, the compiled form for one schema
// cookie (re-compiled transparently when the cookie changes), and one execution at a
// time: a SELECT cursor over the session's snapshot, or a write (DDL/DML) that runs whole
// in the first step with statement-level atomicity and then streams its buffered
// RETURNING rows. Design: ENGINE.md §4.2-§4.5, §6.1, §9.5-§9.7, §11.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <unordered_set>
#include <vector>

#include "db/checks.h"
#include "db/connection.h"
#include "db/statement.h"
#include "db/upsert.h"
#include "exec/dml.h"
#include "exec/evaluator.h"
#include "exec/query.h"
#include "exec/scratch.h"
#include "plan/bound_expr.h"
#include "sql/parser.h"

namespace decentdb {

class SqlStatement : public Statement, public TxnObserver {
 public:
  // Binds parsed against the schema the connection currently sees (prepare-time errors:
  // unknown tables/columns, type errors, unsupported statements). source is the text
  // given to the parser (AST positions index it, for "line L, column C" in messages);
  // it is copied when copy_source, else it must outlive the statement (decentdb_exec).
  static Status Create(Connection* conn, sql::ParsedStatement parsed, std::string_view source,
                       bool copy_source, std::unique_ptr<SqlStatement>* out);
  ~SqlStatement() override;

  int param_count() const override { return parsed_.param_count; }
  int column_count() const override { return static_cast<int>(names_->size()); }
  const std::string& column_name(int column) const override { return (*names_)[column]; }
  const char* column_decltype(int column) const override;
  Status Bind(int index, ValueRef value) override;
  // Unbinds every parameter: a referenced one is then "missing parameter $k" at step.
  Status ClearBindings() override;
  Status Step(bool* out_row) override;
  ValueRef Column(int column) const override;
  Status Reset() override;
  int64_t rows_affected() const override { return rows_affected_; }
  bool has_returning() const override { return has_returning_; }
  uint64_t columns_version() const override { return columns_version_; }

  void BeforeTransactionEnd() override;

 private:
  enum class Kind {
    kSelect, kInsert, kUpdate, kDelete, kDdl, kBegin, kCommit, kRollback, kExplain,
    kSavepoint, kRelease, kRollbackTo,
  };
  // Execution state. Invariants:
  //  (P1) kCursor: cursor_ is open over reader_, which is snapshot_ (the explicit
  //       transaction's), own_snapshot_ (an autocommit read's) or (reading_write_) the
  //       session's WriteTxn; nothing else pins pages between calls.
  //  (P2) kRows: out_rows_[0, out_pos_) were delivered; no transaction resource is held.
  //  (P3) kIdle and kDone hold no snapshot, cursor or page (own_snapshot_ may stay
  //       allocated, suspended: it holds back no checkpoint and reads nothing).
  enum class State { kIdle, kCursor, kRows, kDone };

  // Everything that depends on the schema; rebuilt when the cookie changes (§6.1).
  struct Compiled {
    uint32_t cookie = 0;
    std::shared_ptr<const Schema> schema;
    // schema is committed state, so any committed header with this cookie describes it
    // (a cookie of rolled-back DDL may return with other contents; committed ones not).
    bool committed = false;
    std::unique_ptr<plan::ExprPool> pool;
    std::vector<sql::ParsedStatement> default_asts;  // keeps DEFAULT trees alive
    const TableDef* table = nullptr;
    const sql::Stmt* stmt = nullptr;  // the DML/SELECT statement (inside EXPLAIN too)
    // Query of a SELECT, the source of INSERT ... SELECT, the target scan of UPDATE/DELETE.
    std::unique_ptr<exec::QueryPlan> query;
    std::vector<const plan::BoundExpr*> defaults;                   // per column; null: NULL
    std::vector<std::vector<const plan::BoundExpr*>> values;        // INSERT VALUES rows
    std::vector<int> insert_columns;  // INSERT: target column of each value/select column
    std::vector<const plan::BoundExpr*> set;                        // UPDATE: per column
    std::unique_ptr<UpsertPlan> upsert;  // INSERT ... ON CONFLICT
    std::unique_ptr<CheckConstraints> checks;  // bound on first write, per table
    std::vector<const plan::BoundExpr*> returning;
    std::vector<std::string> names;
    std::vector<std::string> decltypes;
    std::vector<bool> has_decltype;
    std::vector<std::string> explain;
  };

  SqlStatement(Connection* conn, sql::ParsedStatement parsed);

  bool NeedsSchema() const;
  // Compiles when nothing is compiled yet or schema has another cookie.
  Status EnsureCompiled(const std::shared_ptr<const Schema>& schema);
  Status Compile(const std::shared_ptr<const Schema>& schema, std::unique_ptr<Compiled>* out);
  Status CompileDml(const sql::Stmt& stmt, Compiled* c);
  Status CompileInsert(const sql::InsertStmt& st, Compiled* c);
  Status CompileReturning(const sql::Ident& alias, const sql::ArenaVec<sql::SelectItem>& items,
                          Compiled* c);
  Status BindDefaults(Compiled* c);
  void AdoptColumns(const Compiled& c);

  Status Execute();
  Status ExecuteTransactionControl();
  Status OpenRead();  // SELECT and EXPLAIN
  Status ExecuteWrite();
  Status RunDml(WriteTxn* w);
  Status RunInsert(WriteTxn* w, exec::TableWriter* writer);
  // INSERT ... ON CONFLICT for one candidate row: sets *handled when the row conflicted
  // (then it was skipped or the existing row updated); otherwise the caller inserts it.
  Status UpsertRow(WriteTxn* w, exec::TableWriter* writer, std::vector<Value>* row, bool* handled);
  Status RunUpdateDelete(WriteTxn* w, exec::TableWriter* writer, bool update);
  Status AddReturningRow(const std::vector<Value>& row);
  Status CheckParams();
  Status PollInterrupt();
  void PrepareEval();
  void CloseExecution();

  Connection* conn_;
  sql::ParsedStatement parsed_;
  std::string owned_source_;
  std::string_view source_;  // what AST positions refer to
  Kind kind_;
  const sql::Stmt* target_;  // the statement itself, or the one under EXPLAIN
  bool has_returning_ = false;

  std::vector<Value> params_;
  std::vector<bool> bound_;
  std::vector<ValueRef> param_refs_;

  std::unique_ptr<Compiled> compiled_;
  // Column names and declared types survive re-compiles (ENGINE.md §11.3): a changed
  // set is swapped in and the old one kept until destruction.
  std::unique_ptr<std::vector<std::string>> names_;
  std::unique_ptr<std::vector<std::string>> decltypes_;
  std::unique_ptr<std::vector<bool>> has_decltype_;
  std::vector<std::unique_ptr<std::vector<std::string>>> retired_;
  uint64_t columns_version_ = 0;  // bumped by AdoptColumns when the set changes

  State state_ = State::kIdle;
  std::shared_ptr<ReadTxn> snapshot_;   // (P1)
  // An autocommit read's snapshot, owned alone: no shared control block per execution.
  std::unique_ptr<ReadTxn> own_snapshot_;  // (P1)
  bool reading_write_ = false;          // (P1)
  bool detached_ = false;               // the transaction ended under an open cursor
  std::unique_ptr<exec::QueryCursor> cursor_;
  std::vector<std::vector<Value>> out_rows_;  // (P2)
  size_t out_pos_ = 0;
  int64_t rows_affected_ = 0;

  // The connection's execution settings (memory budget, sort buffer, temp_dir, trigram
  // guardrails), filled at construction; ExecutionContext refreshes the statement clock.
  exec::ExecContext ctx_;
  const exec::ExecContext& ExecutionContext();

  exec::ScratchArena scratch_;
  exec::EvalContext eval_;
  exec::FkChecks fks_;
  // Rows this execution inserted or updated (INSERT ... ON CONFLICT DO UPDATE may not
  // update a row twice, 21000).
  std::unordered_set<int64_t> upsert_touched_;
};

}  // namespace decentdb
