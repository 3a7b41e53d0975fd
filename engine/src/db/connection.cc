// Connection implementation: option parsing, engine acquisition (a private memory VFS for
// ":memory:"), the session's transaction state (autocommit, deferred and IMMEDIATE
// transactions, stale-snapshot detection), prepare/exec entry points, checkpoint and
// integrity check. Design: ENGINE.md §4.2-§4.6, §6.1, §11.
#include "db/connection.h"

#include <chrono>
#include <cstdint>
#include <utility>

#include "db/sql_statement.h"
#include "pager/page_memo.h"
#include "sql/parser.h"

namespace decentdb {

namespace {
const char kMemoryPath[] = ":memory:";

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Status ReadOnlyError() {
  return Status::Transaction("cannot execute a write in a read-only connection", "25006");
}
}  // namespace

Status Connection::Open(const std::string& path, const char* options,
                        std::atomic<bool>* interrupt_flag, std::unique_ptr<Connection>* out) {
  out->reset();
  if (path.empty()) return Status::Misuse("database path is empty");
  std::unique_ptr<Connection> conn(new Connection());
  DDB_RETURN_IF_ERROR(ParseOptions(options, &conn->options_));
  conn->path_ = path;
  conn->interrupt_flag_ = interrupt_flag;
  const bool memory = path == kMemoryPath;
  if (memory) {
    // Every ":memory:" connection gets its own database (ARCHITECTURE.md semantics).
    conn->options_.engine.vfs = std::shared_ptr<Vfs>(NewMemoryVfs());
  }
  const bool create = memory || conn->options_.create;
  DDB_RETURN_IF_ERROR(Engine::Acquire(path, conn->options_.engine, create,
                                      conn->options_.read_only, &conn->engine_));
  if (!conn->engine_) return Status::Internal("engine acquisition returned no engine");
  conn->catalog_ = Catalog::For(conn->engine_.get());
  conn->opened_read_only_ = conn->options_.read_only;
  *out = std::move(conn);
  return Status::OK();
}

Status Connection::SetReadOnly(bool read_only) {
  if (explicit_) {
    return Status::Transaction("cannot change read-only mode inside a transaction", "25001");
  }
  if (!read_only && opened_read_only_) {
    return Status::Misuse(
        "the connection was opened with read_only=true; open another connection to write");
  }
  options_.read_only = read_only;
  return Status::OK();
}

Connection::~Connection() {
  // Statements were destroyed (or orphaned) by the C API before this; rolling back is
  // dropping the WriteTxn.
  observers_.clear();
  write_.reset();
  snapshot_.reset();
  explicit_ = false;
  catalog_.reset();
  engine_.reset();
}

Status Connection::Prepare(const std::string& sql, std::unique_ptr<Statement>* out) {
  out->reset();
  Result<sql::ParsedStatement> parsed = sql::ParseStatement(sql);
  if (!parsed.ok()) return parsed.status();
  std::unique_ptr<SqlStatement> stmt;
  DDB_RETURN_IF_ERROR(SqlStatement::Create(this, std::move(parsed.value()), sql, true, &stmt));
  *out = std::move(stmt);
  return Status::OK();
}

Status Connection::Exec(const std::string& script) {
  sql::ScriptParser parser(script);
  for (;;) {
    sql::ParsedStatement parsed;
    bool done = false;
    DDB_RETURN_IF_ERROR(parser.Next(&parsed, &done));
    if (done) return Status::OK();
    std::unique_ptr<SqlStatement> stmt;
    DDB_RETURN_IF_ERROR(SqlStatement::Create(this, std::move(parsed), script, false, &stmt));
    bool row = true;
    while (row) DDB_RETURN_IF_ERROR(stmt->Step(&row));
  }
}

// ---------------------------------------------------------------- session

int64_t Connection::TransactionTimeMs() const { return explicit_ ? txn_time_ms_ : NowMs(); }

Status Connection::Begin(bool immediate) {
  if (explicit_)
    return Status::Transaction("there is already a transaction in progress", "25001");
  if (immediate) {
    if (options_.read_only) return ReadOnlyError();
    DDB_RETURN_IF_ERROR(engine_->BeginWrite(options_.busy_timeout_ms, UINT64_MAX, &write_));
    write_base_cookie_ = write_->header().schema_cookie;
  }
  explicit_ = true;
  stale_ = false;
  txn_time_ms_ = NowMs();
  return Status::OK();
}

Status Connection::EndTransaction(bool commit) {
  // (X4) Copy first: an observer may unregister itself while being told.
  std::set<TxnObserver*> observers = observers_;
  for (TxnObserver* o : observers) o->BeforeTransactionEnd();
  Status s;
  if (write_) {
    if (commit) s = write_->Commit();
    else write_->Rollback();
    write_.reset();
  }
  snapshot_.reset();
  savepoints_.clear();  // (X6)
  explicit_ = false;
  batch_ = false;
  stale_ = false;
  return s;
}

Status Connection::Commit() {
  if (!explicit_) return Status::OK();
  return EndTransaction(true);
}

Status Connection::Rollback() {
  if (!explicit_) return Status::OK();
  return EndTransaction(false);
}

// ---------------------------------------------------------------- savepoints

namespace {
Status NoTransactionBlock(const char* what) {
  return Status::Transaction(std::string(what) + " can only be used in transaction blocks", "25P01");
}
Status NoSuchSavepoint(const std::string& name) {
  return Status::Transaction("savepoint \"" + name + "\" does not exist", "3B001");
}
}  // namespace

int Connection::FindSavepoint(const std::string& name) const {
  const std::string key = IdentKey(name);
  for (size_t i = savepoints_.size(); i > 0; --i)
    if (savepoints_[i - 1].key == key) return static_cast<int>(i - 1);
  return -1;
}

Status Connection::Savepoint(const std::string& name) {
  if (!explicit_) return NoTransactionBlock("SAVEPOINT");
  SavepointEntry sp;
  sp.key = IdentKey(name);
  if (write_) {
    sp.mark = write_->Mark();
    sp.has_mark = true;
  }
  savepoints_.push_back(std::move(sp));
  return Status::OK();
}

Status Connection::ReleaseSavepoint(const std::string& name) {
  if (!explicit_) return NoTransactionBlock("RELEASE SAVEPOINT");
  const int i = FindSavepoint(name);
  if (i < 0) return NoSuchSavepoint(name);
  // Releasing a mark releases the later ones too; the outer marks keep the journal
  // entries they need (txn_impl.cc).
  if (write_ && savepoints_[i].has_mark) write_->ReleaseMark(savepoints_[i].mark);
  savepoints_.resize(static_cast<size_t>(i));
  return Status::OK();
}

Status Connection::RollbackToSavepoint(const std::string& name, TxnObserver* self) {
  if (!explicit_) return NoTransactionBlock("ROLLBACK TO SAVEPOINT");
  const int i = FindSavepoint(name);
  if (i < 0) return NoSuchSavepoint(name);
  savepoints_.resize(static_cast<size_t>(i) + 1);
  if (!write_ || !savepoints_[i].has_mark) return Status::OK();  // nothing written since
  DetachWriteCursors(self);  // pages they read may revert under them
  // The mark stays usable after the rollback, so the savepoint can be rolled back to again.
  return write_->RollbackToMark(savepoints_[i].mark);
}

Status Connection::BeginBatch(bool* started) {
  *started = false;
  if (explicit_) return Status::OK();
  DDB_RETURN_IF_ERROR(Begin(false));
  *started = true;
  batch_ = true;
  return Status::OK();
}

Status Connection::EndBatch(bool started, bool commit) {
  if (!started) return Status::OK();
  return EndTransaction(commit);
}

Status Connection::TxnReader(PageReader** out, std::shared_ptr<ReadTxn>* out_snapshot,
                             HeaderFields* out_header) {
  out_snapshot->reset();
  if (write_) {  // (X2)
    *out = write_.get();
    *out_header = write_->header();
    return Status::OK();
  }
  if (!snapshot_) {
    std::unique_ptr<ReadTxn> r;
    DDB_RETURN_IF_ERROR(engine_->BeginRead(ReadMemo(), &r));
    snapshot_ = std::move(r);
  }
  *out_snapshot = snapshot_;
  *out = snapshot_.get();
  *out_header = snapshot_->header();
  return Status::OK();
}

Status Connection::TxnWriter(WriteTxn** out) {
  if (write_) {
    *out = write_.get();
    return Status::OK();
  }
  if (options_.read_only) return ReadOnlyError();
  if (stale_)
    return Status::Transaction("serialization failure: snapshot is stale (the transaction is read-only "
                               "now; roll back and retry)",
                               "40001");
  // A first statement that writes takes the lock before any snapshot (ENGINE.md §4.3).
  const uint64_t required = snapshot_ ? snapshot_->snapshot_lsn() : UINT64_MAX;
  Status s = engine_->BeginWrite(options_.busy_timeout_ms, required, &write_);
  if (!s.ok()) {
    if (std::string(s.sqlstate()) == "40001") stale_ = true;  // (X3)
    write_.reset();
    return s;
  }
  write_base_cookie_ = write_->header().schema_cookie;
  for (SavepointEntry& sp : savepoints_) {  // (X5)
    sp.mark = write_->Mark();
    sp.has_mark = true;
  }
  *out = write_.get();
  return Status::OK();
}

const std::shared_ptr<PageMemo>& Connection::ReadMemo() {
  if (!read_memo_) read_memo_ = std::make_shared<PageMemo>();
  return read_memo_;
}

Status Connection::BeginAutocommitRead(std::unique_ptr<ReadTxn>* out) {
  return engine_->BeginRead(ReadMemo(), out);
}

Status Connection::BeginAutocommitWrite(std::unique_ptr<WriteTxn>* out) {
  if (options_.read_only) return ReadOnlyError();
  return engine_->BeginWrite(options_.busy_timeout_ms, UINT64_MAX, out);
}

Status Connection::SchemaOf(PageReader* r, const HeaderFields& h, std::shared_ptr<const Schema>* out) {
  // A write transaction's cookie is committed state only until its first DDL. Autocommit
  // statements read their schema before writing, so theirs is always committed state.
  bool cacheable = true;
  if (write_ != nullptr && r == write_.get()) cacheable = h.schema_cookie == write_base_cookie_;
  return catalog_->SchemaFor(r, h, cacheable, out);
}

Status Connection::CurrentSchema(std::shared_ptr<const Schema>* out) {
  if (write_) return SchemaOf(write_.get(), write_->header(), out);
  if (snapshot_) return SchemaOf(snapshot_.get(), snapshot_->header(), out);
  std::unique_ptr<ReadTxn> r;
  DDB_RETURN_IF_ERROR(engine_->BeginRead(&r));
  return SchemaOf(r.get(), r->header(), out);
}

// ---------------------------------------------------------------- maintenance

Status Connection::Checkpoint(int mode, int64_t* out_frames_left) {
  if (mode < static_cast<int>(CheckpointMode::kPassive) ||
      mode > static_cast<int>(CheckpointMode::kTruncate)) {
    return Status::Misuse("invalid checkpoint mode " + std::to_string(mode) +
                          ": expected 0 (passive), 1 (full) or 2 (truncate)");
  }
  int64_t left = 0;
  DDB_RETURN_IF_ERROR(engine_->Checkpoint(static_cast<CheckpointMode>(mode), &left));
  if (out_frames_left) *out_frames_left = left;
  return Status::OK();
}

Status Connection::IntegrityCheck() {
  std::string report;
  DDB_RETURN_IF_ERROR(engine_->IntegrityCheck(&report));
  if (report != "ok") return Status::Corruption(report.empty() ? "integrity check failed" : report);
  return Status::OK();
}

}  // namespace decentdb
