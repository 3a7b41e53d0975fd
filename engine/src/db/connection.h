// A connection: one reference to the storage engine of a file (or a private ":memory:"
// engine) plus the connection-scope options (busy timeout, read-only) and transaction
// state. The C API wraps it in a handle (capi/handles.h); the SQL layer will extend
// Prepare and Exec. Design: ENGINE.md §4.1-§4.2, §11.3.
#pragma once

#include <atomic>
#include <memory>
#include <string>

#include "db/options.h"
#include "db/statement.h"
#include "pager/engine.h"
#include "util/status.h"

namespace decentdb {

class Connection {
 public:
  // Opens path (":memory:" for a private in-memory database) with an options string.
  // interrupt_flag is set by decentdb_interrupt from any thread and must outlive the
  // connection.
  static Status Open(const std::string& path, const char* options,
                     std::atomic<bool>* interrupt_flag, std::unique_ptr<Connection>* out);

  // Rolls back an open transaction and drops the engine reference (the last one
  // checkpoints and unlocks the file).
  ~Connection();

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Status Prepare(const std::string& sql, std::unique_ptr<Statement>* out);
  Status Exec(const std::string& script);
  Status Checkpoint(int mode, int64_t* out_frames_left);
  // OK when the file is sound; otherwise ERR_CORRUPTION whose message lists the problems.
  Status IntegrityCheck();

  // True once decentdb_interrupt was called; the executor polls it (ENGINE.md §11.2) and
  // clears it when a statement starts.
  bool interrupt_requested() const {
    return interrupt_flag_ != nullptr && interrupt_flag_->load(std::memory_order_acquire);
  }
  void ClearInterrupt() {
    if (interrupt_flag_ != nullptr) interrupt_flag_->store(false, std::memory_order_release);
  }

  bool in_transaction() const { return in_transaction_; }
  int64_t last_insert_rowid() const { return last_insert_rowid_; }
  const ConnectionOptions& options() const { return options_; }
  const std::string& path() const { return path_; }
  Engine* engine() const { return engine_.get(); }

 private:
  Connection() = default;

  std::string path_;
  ConnectionOptions options_;
  std::shared_ptr<Engine> engine_;
  std::atomic<bool>* interrupt_flag_ = nullptr;
  bool in_transaction_ = false;
  int64_t last_insert_rowid_ = 0;
};

}  // namespace decentdb
