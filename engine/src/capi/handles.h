// Handles of the C API: the structs behind decentdb_db and decentdb_stmt, their magic
// tags and generations, and the pools that recycle them. Handle memory is never returned
// to the allocator, so a closed or finalized handle can always be checked without
// touching freed memory. Design: ENGINE.md §10 ("never crash the host"), §11.3.
//
// Invariants:
//  (H1) A shell's memory lives until process exit; only its payload (connection,
//       statement, buffers) is freed on close/finalize.
//  (H2) A shell goes back into use only after kQuarantine other shells were released
//       after it, so a stale pointer used shortly after close still reads "closed".
//  (H3) A live statement is listed in its connection's `stmts`; close orphans each one
//       (payload freed, magic kStmtOrphan) before the connection's payload is freed.
//  (H4) generation increases every time a shell is released; a statement records its
//       connection's generation and is usable only while they match.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "db/connection.h"
#include "db/statement.h"
#include "decentdb.h"
#include "util/status.h"

namespace decentdb {
namespace capi {

constexpr uint32_t kConnLive = 0x44424C56;    // "DBLV"
constexpr uint32_t kConnClosed = 0x4442434C;  // "DBCL"
constexpr uint32_t kStmtLive = 0x53544C56;    // "STLV"
constexpr uint32_t kStmtOrphan = 0x53544F52;  // "STOR"
constexpr uint32_t kStmtFinalized = 0x53544649;  // "STFI"
constexpr size_t kQuarantine = 64;

// The last error of a connection (or of a thread's failed open).
struct ErrorState {
  int code = 0;
  char sqlstate[6] = {'0', '0', '0', '0', '0', '\0'};
  std::string message;

  void Clear() {
    if (code == 0) return;
    code = 0;
    std::memcpy(sqlstate, "00000", 6);
    message.clear();
  }
  void Set(const Status& s);
};

}  // namespace capi
}  // namespace decentdb

struct decentdb_db {
  std::atomic<uint32_t> magic{decentdb::capi::kConnClosed};
  uint64_t generation = 0;
  // Set by decentdb_interrupt from any thread; lives as long as the shell (H1).
  std::atomic<bool> interrupt{false};
  std::unique_ptr<decentdb::Connection> conn;
  decentdb::capi::ErrorState error;
  std::vector<decentdb_stmt*> stmts;  // (H3)
};

struct decentdb_stmt {
  std::atomic<uint32_t> magic{decentdb::capi::kStmtFinalized};
  uint64_t generation = 0;
  decentdb_db* db = nullptr;
  uint64_t db_generation = 0;  // (H4)
  std::unique_ptr<decentdb::Statement> impl;
  bool has_row = false;
  // The current row was not yet delivered by decentdb_step_batch (it did not fit).
  bool pending = false;
  // Per-column results of converting accessors (column_text of a number, for example).
  std::vector<std::string> converted;
  // step_batch's copy of a row the statement does not expose as an array.
  std::vector<decentdb::ValueRef> row_copy;
};

namespace decentdb {
namespace capi {

// Takes a shell from the pool (or a new one) and makes it live.
decentdb_db* AcquireConnShell();
// Marks the shell closed, bumps its generation and returns it to the pool.
// REQUIRES: the payload (conn, stmts) was already released.
void ReleaseConnShell(decentdb_db* db);
decentdb_stmt* AcquireStmtShell();
void ReleaseStmtShell(decentdb_stmt* stmt);

// The connection behind db when it is open, else nullptr.
inline decentdb_db* LiveConn(decentdb_db* db) {
  if (db == nullptr || db->magic.load(std::memory_order_acquire) != kConnLive) return nullptr;
  return db;
}

// True when stmt is usable: live, and its connection is the same open connection (H4).
inline bool LiveStmt(decentdb_stmt* stmt) {
  if (stmt == nullptr || stmt->magic.load(std::memory_order_acquire) != kStmtLive) return false;
  decentdb_db* db = stmt->db;
  return db != nullptr && db->magic.load(std::memory_order_acquire) == kConnLive &&
         db->generation == stmt->db_generation;
}

// Wraps a statement produced by a Connection in a live handle registered with db.
// REQUIRES: LiveConn(db).
decentdb_stmt* AdoptStatement(decentdb_db* db, std::unique_ptr<Statement> impl);

}  // namespace capi
}  // namespace decentdb
