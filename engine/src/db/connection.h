// A connection: one reference to the storage engine of a file (or a private ":memory:"
// engine) plus the connection-scope options (busy timeout, read-only) and the session:
// autocommit or an explicit transaction (BEGIN ... COMMIT) whose snapshot and writer lock
// every statement of the connection shares. The C API wraps it in a handle
// (capi/handles.h); statements are db/sql_statement.h. Design: ENGINE.md §4.1-§4.6, §11.3.
#pragma once

#include <atomic>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "db/options.h"
#include "db/statement.h"
#include "pager/engine.h"
#include "util/status.h"

namespace decentdb {

// Implemented by statements that may read through the transaction's WriteTxn: told
// before that transaction ends so they drop cursors pinning its pages.
class TxnObserver {
 public:
  virtual ~TxnObserver() = default;
  virtual void BeforeTransactionEnd() = 0;
};

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

  // Parses one statement (ERR_SQL on syntax errors) and binds it against the schema the
  // connection currently sees (unknown tables and columns fail here).
  Status Prepare(const std::string& sql, std::unique_ptr<Statement>* out);
  // Runs a script statement by statement, discarding rows; stops at the first error.
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

  bool in_transaction() const { return explicit_; }
  // Switches read-only mode (decentdb_set_read_only). ERR_TRANSACTION 25001 inside a
  // transaction; ERR_MISUSE to make a connection opened read-only writable.
  Status SetReadOnly(bool read_only);
  int64_t last_insert_rowid() const { return last_insert_rowid_; }
  const ConnectionOptions& options() const { return options_; }
  const std::string& path() const { return path_; }
  Engine* engine() const { return engine_.get(); }
  Catalog* catalog() const { return catalog_.get(); }
  std::atomic<bool>* interrupt_flag() const { return interrupt_flag_; }
  void set_last_insert_rowid(int64_t rowid) { last_insert_rowid_ = rowid; }

  // ---- Session, used by statements (ENGINE.md §4.3) ----------------------------
  // BEGIN [IMMEDIATE]: 25001 inside a transaction; IMMEDIATE takes the writer lock now
  // (55P03 after the busy timeout; 25006 on a read-only connection).
  Status Begin(bool immediate);
  // COMMIT / ROLLBACK; OK without a transaction.
  Status Commit();
  Status Rollback();
  // SAVEPOINT / RELEASE [SAVEPOINT] / ROLLBACK TO [SAVEPOINT] (ENGINE.md §7.5, using the
  // statement journal of §4.5). Outside a transaction: ERR_TRANSACTION 25P01; an unknown
  // name: ERR_TRANSACTION 3B001. A name may repeat; the most recent one is meant.
  // ROLLBACK TO keeps the savepoint and drops the later ones; RELEASE drops it and the
  // later ones, keeping their changes. Cursors reading the transaction's writes (except
  // `self`'s) are cut off before a ROLLBACK TO, as before a DROP.
  Status Savepoint(const std::string& name);
  Status ReleaseSavepoint(const std::string& name);
  Status RollbackToSavepoint(const std::string& name, TxnObserver* self);
  // execute_many in autocommit mode: runs its executions in one transaction. *started is
  // false when a transaction was already open (then EndBatch does nothing).
  Status BeginBatch(bool* started);
  Status EndBatch(bool started, bool commit);
  // True inside a transaction BeginBatch started: a failure there rolls back the whole
  // transaction, so statements need no statement-level mark.
  bool in_batch() const { return batch_; }

  // The reader of the explicit transaction: its WriteTxn after its first write, else its
  // snapshot (taken now if this is the transaction's first statement).
  // REQUIRES: in_transaction().
  Status TxnReader(PageReader** out, std::shared_ptr<ReadTxn>* out_snapshot,
                   HeaderFields* out_header);
  // The WriteTxn of the explicit transaction, taking the writer lock at its first write:
  // 25006 on a read-only connection, 40001 when the snapshot is stale (the transaction
  // then stays read-only), 55P03 after the busy timeout. REQUIRES: in_transaction().
  Status TxnWriter(WriteTxn** out);
  // Autocommit: a fresh snapshot, or the writer lock and a WriteTxn (lock before
  // snapshot, so it is never stale). 25006 for writes on a read-only connection.
  Status BeginAutocommitRead(std::unique_ptr<ReadTxn>* out);
  Status BeginAutocommitWrite(std::unique_ptr<WriteTxn>* out);
  // The Schema of the state `r` reads (header h). When r is the transaction's WriteTxn
  // after DDL, the schema is built uncached (its cookie is not committed, catalog.h).
  Status SchemaOf(PageReader* r, const HeaderFields& h, std::shared_ptr<const Schema>* out);
  // The schema a statement being prepared binds against, without starting the
  // transaction's snapshot.
  Status CurrentSchema(std::shared_ptr<const Schema>* out);
  // Milliseconds since the epoch at which the transaction started (NOW()); in
  // autocommit mode the current time.
  int64_t TransactionTimeMs() const;

  // Before a DROP inside the transaction frees pages: cursors reading the WriteTxn are
  // cut off as at transaction end (except `self`, the dropping statement).
  void DetachWriteCursors(TxnObserver* self) {
    std::set<TxnObserver*> observers = observers_;
    for (TxnObserver* o : observers)
      if (o != self) o->BeforeTransactionEnd();
  }

  void AddObserver(TxnObserver* o) { observers_.insert(o); }
  void RemoveObserver(TxnObserver* o) { observers_.erase(o); }

 private:
  Connection() = default;
  // Ends the explicit transaction: observers first, then commit or roll back.
  Status EndTransaction(bool commit);
  const std::shared_ptr<PageMemo>& ReadMemo();

  std::string path_;
  ConnectionOptions options_;
  std::shared_ptr<Engine> engine_;
  std::shared_ptr<Catalog> catalog_;
  std::atomic<bool>* interrupt_flag_ = nullptr;
  int64_t last_insert_rowid_ = 0;

  // Transaction state. Invariants:
  //  (X1) explicit_ is true from BEGIN until COMMIT/ROLLBACK; write_ and snapshot_ are
  //       set only while explicit_ (autocommit transactions belong to their statement).
  //  (X2) When both are set, write_ saw the same state as snapshot_ when it began (it
  //       was not stale); new statements read through write_, whose own writes they see.
  //  (X3) stale_ is set after a 40001: the transaction stays read-only until it ends.
  //  (X4) Every observer is told before write_ is committed or rolled back.
  bool explicit_ = false;
  bool opened_read_only_ = false;  // read_only=true at open: the engine may be read-only too
  bool batch_ = false;  // explicit_ was set by BeginBatch
  bool stale_ = false;
  std::shared_ptr<ReadTxn> snapshot_;
  std::unique_ptr<WriteTxn> write_;
  uint32_t write_base_cookie_ = 0;  // committed cookie when write_ began
  int64_t txn_time_ms_ = 0;
  std::set<TxnObserver*> observers_;
  // Savepoints of the explicit transaction, oldest first. Invariants:
  //  (X5) Once write_ exists every entry has_mark, and marks increase along the vector;
  //       an entry made before write_ existed gets its mark when write_ begins (no write
  //       happened in between, so the journal state at that mark is the savepoint's).
  //  (X6) savepoints_ is empty outside a transaction.
  struct SavepointEntry {
    std::string key;  // IdentKey of the name
    bool has_mark = false;
    uint64_t mark = 0;
  };
  std::vector<SavepointEntry> savepoints_;
  int FindSavepoint(const std::string& name) const;
  // Interior pages of the last snapshot this connection read (pager/page_memo.h): its
  // read transactions share it, so repeated statements on an unchanged database skip
  // the shared page lookups for them. Pins at most PageMemo::kSlots pages while idle.
  std::shared_ptr<PageMemo> read_memo_;
};

}  // namespace decentdb
