// Pools of connection and statement shells (capi/handles.h): shells are allocated once,
// never freed (H1), and reused first-in first-out after a quarantine (H2). The pools are
// guarded by one mutex each; open/close/prepare/finalize take them, nothing else does.
#include "capi/handles.h"

#include <deque>
#include <mutex>

namespace decentdb {
namespace capi {
namespace {

template <typename Shell>
struct Pool {
  std::mutex mu;
  std::deque<Shell*> released;  // GUARDED_BY(mu), oldest first

  Shell* Take() {
    {
      std::lock_guard<std::mutex> lock(mu);
      if (released.size() > kQuarantine) {
        Shell* s = released.front();
        released.pop_front();
        return s;
      }
    }
    return new Shell();
  }

  void Give(Shell* s) {
    std::lock_guard<std::mutex> lock(mu);
    released.push_back(s);
  }
};

// Leaked on purpose: shells must outlive every static destructor that might still call
// into the API (H1).
Pool<decentdb_db>& ConnPool() {
  static Pool<decentdb_db>* pool = new Pool<decentdb_db>();
  return *pool;
}

Pool<decentdb_stmt>& StmtPool() {
  static Pool<decentdb_stmt>* pool = new Pool<decentdb_stmt>();
  return *pool;
}

}  // namespace

void ErrorState::Set(const Status& s) {
  code = static_cast<int>(s.code());
  std::memcpy(sqlstate, s.sqlstate(), 5);
  sqlstate[5] = '\0';
  message = s.message();
}

decentdb_db* AcquireConnShell() {
  decentdb_db* db = ConnPool().Take();
  db->interrupt.store(false, std::memory_order_relaxed);
  db->error.Clear();
  db->stmts.clear();
  db->magic.store(kConnLive, std::memory_order_release);
  return db;
}

void ReleaseConnShell(decentdb_db* db) {
  db->magic.store(kConnClosed, std::memory_order_release);
  ++db->generation;
  db->stmts.clear();
  db->stmts.shrink_to_fit();
  db->error.Clear();
  db->error.message.shrink_to_fit();
  ConnPool().Give(db);
}

decentdb_stmt* AcquireStmtShell() {
  decentdb_stmt* stmt = StmtPool().Take();
  stmt->has_row = false;
  stmt->pending = false;
  stmt->converted.clear();
  stmt->magic.store(kStmtLive, std::memory_order_release);
  return stmt;
}

void ReleaseStmtShell(decentdb_stmt* stmt) {
  stmt->magic.store(kStmtFinalized, std::memory_order_release);
  ++stmt->generation;
  stmt->impl.reset();
  stmt->db = nullptr;
  stmt->has_row = false;
  stmt->converted.clear();
  stmt->converted.shrink_to_fit();
  StmtPool().Give(stmt);
}

decentdb_stmt* AdoptStatement(decentdb_db* db, std::unique_ptr<Statement> impl) {
  db->stmts.reserve(db->stmts.size() + 1);  // may throw before anything changes
  decentdb_stmt* stmt = AcquireStmtShell();
  stmt->db = db;
  stmt->db_generation = db->generation;
  stmt->impl = std::move(impl);
  stmt->converted.assign(static_cast<size_t>(stmt->impl->column_count()), std::string());
  db->stmts.push_back(stmt);
  return stmt;
}

}  // namespace capi
}  // namespace decentdb
