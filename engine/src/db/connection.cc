// Connection implementation: option parsing, engine acquisition (a private memory VFS for
// ":memory:"), checkpoint and integrity check. SQL entry points report "not supported yet"
// (SQLSTATE 0A000) until the SQL layer lands.
#include "db/connection.h"

#include <utility>

namespace decentdb {

namespace {
const char kMemoryPath[] = ":memory:";
const char kSqlNotSupported[] = "SQL execution is not supported yet";
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
  *out = std::move(conn);
  return Status::OK();
}

Connection::~Connection() {
  // No transaction can be open before the SQL layer exists; dropping the engine
  // reference is the whole release.
  in_transaction_ = false;
  engine_.reset();
}

Status Connection::Prepare(const std::string& sql, std::unique_ptr<Statement>* out) {
  (void)sql;
  out->reset();
  return Status::NotSupported(kSqlNotSupported);
}

Status Connection::Exec(const std::string& script) {
  (void)script;
  return Status::NotSupported(kSqlNotSupported);
}

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
