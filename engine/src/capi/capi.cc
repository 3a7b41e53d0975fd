// The exported C API (include/decentdb.h): validates handles (capi/handles.h), turns
// Status into codes and per-connection error state, and converts values for the column
// accessors. Every export catches every exception, bad_alloc included; nothing thrown
// crosses the ABI. Design: ENGINE.md §10, §11.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <limits>
#include <new>
#include <string>

#include "capi/handles.h"
#include "capi/value_codec.h"
#include "db/connection.h"
#include "decentdb.h"

using decentdb::Code;
using decentdb::Status;
using decentdb::ValueType;
using decentdb::ValueRef;
using decentdb::capi::ErrorState;
using decentdb::capi::LiveConn;
using decentdb::capi::LiveStmt;

namespace {

const char kVersion[] = "1.0.0";
const char kClosedMessage[] = "misuse: the connection handle is NULL, closed or invalid";
const char kMisuseSqlState[] = "HY000";
const uint8_t kEmptyBytes[1] = {0};

// The outcome of this thread's last decentdb_open (cleared by a successful open).
thread_local ErrorState t_open_error;

// Records s on db's error state (when db is live) and returns its code. Never throws:
// if the message cannot be stored, the code and SQLSTATE still are.
int Fail(decentdb_db* db, const Status& s) noexcept {
  if (db != nullptr) {
    try {
      db->error.Set(s);
    } catch (...) {
      db->error.code = static_cast<int>(s.code());
      std::memcpy(db->error.sqlstate, s.sqlstate(), 5);
      db->error.message.clear();
    }
  }
  return static_cast<int>(s.code());
}

// Turns the exception being handled into an error code on db. Call only inside catch.
int FromException(decentdb_db* db) noexcept {
  try {
    try {
      throw;
    } catch (const std::bad_alloc&) {
      return Fail(db, Status::Internal("out of memory", "53200"));
    } catch (const std::exception& e) {
      return Fail(db, Status::Internal(std::string("internal error: ") + e.what()));
    } catch (...) {
      return Fail(db, Status::Internal("internal error: unknown exception"));
    }
  } catch (...) {
    // Building the Status itself failed (out of memory).
    if (db != nullptr) db->error.code = DECENTDB_ERR_INTERNAL;
    return DECENTDB_ERR_INTERNAL;
  }
}

int Misuse(decentdb_db* db, const char* what) noexcept {
  try {
    return Fail(db, Status::Misuse(what));
  } catch (...) {
    return FromException(db);
  }
}

int OrphanOrBad(decentdb_stmt* stmt) noexcept {
  (void)stmt;
  return DECENTDB_ERR_MISUSE;
}

// The connection of a live statement, for its error state.
decentdb_db* DbOf(decentdb_stmt* stmt) { return stmt->db; }

int OkOn(decentdb_db* db) {
  db->error.Clear();
  return DECENTDB_OK;
}

int Check(decentdb_db* db, const Status& s) {
  if (!s.ok()) return Fail(db, s);
  return OkOn(db);
}

// The error paths of the column checks, kept out of line so that the checks themselves
// stay a few instructions on the per-column path.
__attribute__((noinline)) bool ColumnOutOfRange(decentdb_stmt* stmt, int column, int n) {
  Fail(DbOf(stmt), Status::Misuse("column index " + std::to_string(column) +
                                  " out of range 0.." + std::to_string(n - 1)));
  return false;
}

__attribute__((noinline)) bool NoCurrentRow(decentdb_stmt* stmt) {
  Fail(DbOf(stmt), Status::Misuse("no current row: step did not return a row"));
  return false;
}

// REQUIRES: LiveStmt(stmt). Checks a column index and that a row is current.
inline bool CheckColumn(decentdb_stmt* stmt, int column, bool need_row) {
  const int n = stmt->impl->column_count();
  if (column < 0 || column >= n) return ColumnOutOfRange(stmt, column, n);
  if (need_row && !stmt->has_row) return NoCurrentRow(stmt);
  return true;
}

__attribute__((noinline)) bool ReadColumnChecked(decentdb_stmt* stmt, int column, ValueRef* out) {
  if (!CheckColumn(stmt, column, true)) return false;
  *out = stmt->impl->Column(column);
  return true;
}

// REQUIRES: LiveStmt(stmt). The current row's value of column, as Column(column) after
// CheckColumn(stmt, column, true); false (with the misuse recorded) when that fails.
// When the statement exposes its row (Statement::current_row) and the index is in it,
// the value is read from there directly.
inline bool ReadColumn(decentdb_stmt* stmt, int column, ValueRef* out) {
  const decentdb::Statement& impl = *stmt->impl;
  const ValueRef* row = impl.current_row();
  if (row != nullptr && stmt->has_row &&
      static_cast<unsigned>(column) < static_cast<unsigned>(impl.row_columns())) {
    *out = row[column];
    return true;
  }
  return ReadColumnChecked(stmt, column, out);
}

int CheckParam(decentdb_stmt* stmt, int index) {
  const int n = stmt->impl->param_count();
  if (index < 1 || index > n) {
    return Fail(DbOf(stmt), Status::Sql("parameter index " + std::to_string(index) +
                                        " out of range 1.." + std::to_string(n), "42P02"));
  }
  return DECENTDB_OK;
}

int BindValue(decentdb_stmt* stmt, int index, ValueRef v) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  decentdb_db* db = DbOf(stmt);
  try {
    int rc = CheckParam(stmt, index);
    if (rc != DECENTDB_OK) return rc;
    return Check(db, stmt->impl->Bind(index, v));
  } catch (...) {
    return FromException(db);
  }
}

// Shortest decimal rendering that reads back as the same double.
std::string RenderDouble(double d) {
  if (std::isnan(d)) return "NaN";
  if (std::isinf(d)) return d > 0 ? "Infinity" : "-Infinity";
  char buf[40];
  for (int prec = 15; prec <= 17; ++prec) {
    std::snprintf(buf, sizeof(buf), "%.*g", prec, d);
    if (std::strtod(buf, nullptr) == d) break;
  }
  return buf;
}

int64_t TruncateDouble(double d) {
  if (std::isnan(d)) return 0;
  if (d >= 9223372036854775807.0) return std::numeric_limits<int64_t>::max();
  if (d <= -9223372036854775808.0) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(d);
}

// Moves the statement to its next row (shared by step and step_batch).
Status Advance(decentdb_stmt* stmt, bool* out_row) {
  stmt->pending = false;
  stmt->has_row = false;
  bool row = false;
  Status s = stmt->impl->Step(&row);
  if (!s.ok()) return s;
  stmt->has_row = row;
  *out_row = row;
  return Status::OK();
}

// step_batch on a live statement; fills rows after the pending one, if any.
int StepBatch(decentdb_stmt* stmt, uint8_t* buf, size_t cap, int max_rows, int* out_rows,
              size_t* out_used) {
  decentdb_db* db = DbOf(stmt);
  if (out_rows == nullptr || out_used == nullptr) {
    return Misuse(db, "step_batch: out_rows and out_used must not be NULL");
  }
  *out_rows = 0;
  *out_used = 0;
  if (buf == nullptr && cap > 0) return Misuse(db, "step_batch: buffer is NULL");
  if (max_rows <= 0) return Misuse(db, "step_batch: max_rows must be positive");

  size_t used = 0;
  int rows = 0;
  while (rows < max_rows) {
    if (!stmt->pending) {
      bool row = false;
      Status s = Advance(stmt, &row);
      if (!s.ok()) {
        *out_rows = rows;
        *out_used = used;
        return Fail(db, s);
      }
      if (!row) {
        *out_rows = rows;
        *out_used = used;
        OkOn(db);
        return DECENTDB_DONE;
      }
      stmt->pending = true;
    }
    // Read after the step: the first step of an execution may re-prepare the statement
    // after a schema change, with other columns (SELECT * over a recreated table).
    const int columns = stmt->impl->column_count();
    const ValueRef* row = stmt->impl->current_row();
    if (row == nullptr || stmt->impl->row_columns() != columns) {
      // No row array to read (RETURNING rows): copy the row through Column.
      stmt->row_copy.resize(static_cast<size_t>(columns));
      for (int c = 0; c < columns; ++c) stmt->row_copy[static_cast<size_t>(c)] = stmt->impl->Column(c);
      row = stmt->row_copy.data();
    }
    // One pass: each value is written as soon as it is known to fit. Bytes of a row that
    // turns out not to fit land past *out_used, where the caller reads nothing.
    uint8_t* const start = buf + used;
    uint8_t* p = start;
    size_t room = cap - used;
    int c = 0;
    for (; c < columns; ++c) {
      const size_t n = decentdb::capi::EncodedSize(row[c]);
      if (n == 0 || n > room) break;
      p = decentdb::capi::EncodeValue(p, row[c]);
      room -= n;
    }
    if (c < columns) {
      // Too large a value, or a row that does not fit: size the whole row as before.
      size_t need = 0;
      for (int k = 0; k < columns; ++k) {
        const size_t n = decentdb::capi::EncodedSize(row[k]);
        if (n == 0) {
          return Fail(db, Status::Sql("value of column " + std::to_string(k) +
                                      " is too large for a row buffer", "54000"));
        }
        need += n;
      }
      *out_rows = rows;
      *out_used = rows == 0 ? need : used;
      OkOn(db);
      return rows == 0 ? DECENTDB_ROW_TOO_BIG : 1;
    }
    used += static_cast<size_t>(p - start);
    ++rows;
    stmt->pending = false;
  }
  *out_rows = rows;
  *out_used = used;
  OkOn(db);
  return 1;
}

// Validates and binds a whole parameter set; an empty buffer stands for "no parameters".
Status BindAll(decentdb_stmt* stmt, const uint8_t* buf, size_t len) {
  const int params = stmt->impl->param_count();
  if (len == 0 && params == 0) return Status::OK();
  if (buf == nullptr) return Status::Misuse("parameter buffer is NULL");
  size_t pos = 0;
  DDB_RETURN_IF_ERROR(decentdb::capi::DecodeParamSet(buf, len, &pos, params, nullptr));
  if (pos != len) {
    return Status::Misuse("parameter buffer has " + std::to_string(len - pos) +
                          " bytes after the last value");
  }
  pos = 0;
  return decentdb::capi::DecodeParamSet(buf, len, &pos, params, stmt->impl.get());
}

}  // namespace

extern "C" {

/* ---- Connections ---------------------------------------------------------------- */

decentdb_db* decentdb_open(const char* path, const char* options) {
  try {
    t_open_error.Clear();
    if (path == nullptr) {
      t_open_error.Set(Status::Misuse("database path is NULL"));
      return nullptr;
    }
    decentdb_db* db = decentdb::capi::AcquireConnShell();
    Status s;
    try {
      s = decentdb::Connection::Open(path, options, &db->interrupt, &db->conn);
    } catch (...) {
      decentdb::capi::ReleaseConnShell(db);
      throw;
    }
    if (!s.ok()) {
      db->conn.reset();
      decentdb::capi::ReleaseConnShell(db);
      t_open_error.Set(s);
      return nullptr;
    }
    return db;
  } catch (...) {
    ErrorState& e = t_open_error;
    e.code = DECENTDB_ERR_INTERNAL;
    std::memcpy(e.sqlstate, "XX000", 6);
    try {
      try {
        throw;
      } catch (const std::bad_alloc&) {
        e.Set(Status::Internal("out of memory", "53200"));
      } catch (const std::exception& ex) {
        e.Set(Status::Internal(std::string("internal error during open: ") + ex.what()));
      }
    } catch (...) {
      e.message.clear();
    }
    return nullptr;
  }
}

int decentdb_close(decentdb_db* db) {
  if (!LiveConn(db)) return DECENTDB_ERR_MISUSE;
  try {
    // (H3) Orphan every open statement before the connection goes away.
    for (decentdb_stmt* stmt : db->stmts) {
      stmt->magic.store(decentdb::capi::kStmtOrphan, std::memory_order_release);
      stmt->impl.reset();
      stmt->has_row = false;
      stmt->pending = false;
      stmt->converted.clear();
    }
    db->stmts.clear();
    db->conn.reset();
    decentdb::capi::ReleaseConnShell(db);
    return DECENTDB_OK;
  } catch (...) {
    return FromException(db);
  }
}

int decentdb_last_error_code(decentdb_db* db) {
  if (db == nullptr) return t_open_error.code;
  if (!LiveConn(db)) return DECENTDB_ERR_MISUSE;
  return db->error.code;
}

const char* decentdb_last_error_message(decentdb_db* db) {
  if (db == nullptr) return t_open_error.message.c_str();
  if (!LiveConn(db)) return kClosedMessage;
  return db->error.message.c_str();
}

const char* decentdb_last_error_sqlstate(decentdb_db* db) {
  if (db == nullptr) return t_open_error.sqlstate;
  if (!LiveConn(db)) return kMisuseSqlState;
  return db->error.sqlstate;
}

/* ---- Statements ----------------------------------------------------------------- */

int decentdb_prepare(decentdb_db* db, const char* sql, decentdb_stmt** out) {
  if (out != nullptr) *out = nullptr;
  if (!LiveConn(db)) return DECENTDB_ERR_MISUSE;
  try {
    if (out == nullptr) return Misuse(db, "prepare: out must not be NULL");
    if (sql == nullptr) return Misuse(db, "prepare: sql is NULL");
    std::unique_ptr<decentdb::Statement> impl;
    Status s = db->conn->Prepare(sql, &impl);
    if (!s.ok()) return Fail(db, s);
    *out = decentdb::capi::AdoptStatement(db, std::move(impl));
    return OkOn(db);
  } catch (...) {
    return FromException(db);
  }
}

int decentdb_bind_null(decentdb_stmt* stmt, int index) {
  return BindValue(stmt, index, ValueRef::Null());
}

int decentdb_bind_int64(decentdb_stmt* stmt, int index, int64_t value) {
  return BindValue(stmt, index, ValueRef::Int64(value));
}

int decentdb_bind_float64(decentdb_stmt* stmt, int index, double value) {
  return BindValue(stmt, index, ValueRef::Float64(value));
}

int decentdb_bind_text(decentdb_stmt* stmt, int index, const char* utf8, int byte_len) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  ValueRef v;
  if (utf8 != nullptr) {
    const size_t n = byte_len < 0 ? std::strlen(utf8) : static_cast<size_t>(byte_len);
    v = ValueRef::Text(utf8, n);
    if (!decentdb::capi::ValidUtf8(v.data(), n)) {
      try {
        return Fail(DbOf(stmt), Status::Sql("invalid UTF-8 in text parameter $" +
                                            std::to_string(index), "22021"));
      } catch (...) {
        return FromException(DbOf(stmt));
      }
    }
  }
  return BindValue(stmt, index, v);
}

int decentdb_bind_blob(decentdb_stmt* stmt, int index, const uint8_t* data, int byte_len) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  if (byte_len < 0 || (data == nullptr && byte_len > 0)) {
    return Misuse(DbOf(stmt), "bind_blob: negative length or NULL data");
  }
  return BindValue(stmt, index,
                   ValueRef::Blob(data != nullptr ? data : kEmptyBytes, static_cast<size_t>(byte_len)));
}

int decentdb_bind_bool(decentdb_stmt* stmt, int index, int value) {
  return BindValue(stmt, index, ValueRef::Bool(value != 0));
}

int decentdb_step(decentdb_stmt* stmt) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  decentdb_db* db = DbOf(stmt);
  try {
    bool row = false;
    Status s = Advance(stmt, &row);
    if (!s.ok()) return Fail(db, s);
    OkOn(db);
    return row ? DECENTDB_ROW : DECENTDB_DONE;
  } catch (...) {
    stmt->has_row = false;
    return FromException(db);
  }
}

int decentdb_column_count(decentdb_stmt* stmt) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  try {
    return stmt->impl->column_count();
  } catch (...) {
    return FromException(DbOf(stmt));
  }
}

const char* decentdb_column_name(decentdb_stmt* stmt, int column) {
  if (!LiveStmt(stmt)) return nullptr;
  try {
    if (!CheckColumn(stmt, column, false)) return nullptr;
    return stmt->impl->column_name(column).c_str();
  } catch (...) {
    FromException(DbOf(stmt));
    return nullptr;
  }
}

int decentdb_column_type(decentdb_stmt* stmt, int column) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  try {
    ValueRef v;
    if (!ReadColumn(stmt, column, &v)) return DECENTDB_ERR_MISUSE;
    return static_cast<int>(v.type());
  } catch (...) {
    return FromException(DbOf(stmt));
  }
}

int decentdb_column_is_null(decentdb_stmt* stmt, int column) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  try {
    ValueRef v;
    if (!ReadColumn(stmt, column, &v)) return DECENTDB_ERR_MISUSE;
    return v.type() == ValueType::kNull ? 1 : 0;
  } catch (...) {
    return FromException(DbOf(stmt));
  }
}

int64_t decentdb_column_int64(decentdb_stmt* stmt, int column) {
  if (!LiveStmt(stmt)) return 0;
  try {
    ValueRef v;
    if (!ReadColumn(stmt, column, &v)) return 0;
    switch (v.type()) {
      case ValueType::kNull: return 0;
      case ValueType::kInt64:
      case ValueType::kBool: return v.int64();
      case ValueType::kFloat64: return TruncateDouble(v.float64());
      default:
        Misuse(DbOf(stmt), "column_int64: the value is TEXT or BLOB");
        return 0;
    }
  } catch (...) {
    FromException(DbOf(stmt));
    return 0;
  }
}

double decentdb_column_float64(decentdb_stmt* stmt, int column) {
  if (!LiveStmt(stmt)) return 0;
  try {
    ValueRef v;
    if (!ReadColumn(stmt, column, &v)) return 0;
    switch (v.type()) {
      case ValueType::kNull: return 0;
      case ValueType::kFloat64: return v.float64();
      case ValueType::kInt64:
      case ValueType::kBool: return static_cast<double>(v.int64());
      default:
        Misuse(DbOf(stmt), "column_float64: the value is TEXT or BLOB");
        return 0;
    }
  } catch (...) {
    FromException(DbOf(stmt));
    return 0;
  }
}

const char* decentdb_column_text(decentdb_stmt* stmt, int column, int* out_len) {
  if (out_len != nullptr) *out_len = 0;
  if (!LiveStmt(stmt)) return nullptr;
  try {
    ValueRef v;
    if (!ReadColumn(stmt, column, &v)) return nullptr;
    // A re-prepare after a schema change may have added columns since the handle was made.
    if (stmt->converted.size() <= static_cast<size_t>(column))
      stmt->converted.resize(static_cast<size_t>(column) + 1);
    std::string& text = stmt->converted[static_cast<size_t>(column)];
    switch (v.type()) {
      case ValueType::kNull:
        return nullptr;
      case ValueType::kText:
        if (v.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
          Fail(DbOf(stmt), Status::Sql("text value too long for column_text", "54000"));
          return nullptr;
        }
        // Copied so that the result is NUL-terminated whatever the row storage is. resize
        // and memcpy: a text of the same length as the last one costs no string call.
        text.resize(v.size());
        if (v.size() > 0) std::memcpy(&text[0], v.data(), v.size());
        break;
      case ValueType::kInt64:
        text = std::to_string(v.int64());
        break;
      case ValueType::kFloat64:
        text = RenderDouble(v.float64());
        break;
      case ValueType::kBool:
        text = v.int64() != 0 ? "true" : "false";
        break;
      default:
        Misuse(DbOf(stmt), "column_text: the value is a BLOB");
        return nullptr;
    }
    if (out_len != nullptr) *out_len = static_cast<int>(text.size());
    return text.c_str();
  } catch (...) {
    FromException(DbOf(stmt));
    return nullptr;
  }
}

const uint8_t* decentdb_column_blob(decentdb_stmt* stmt, int column, int* out_len) {
  if (out_len != nullptr) *out_len = 0;
  if (!LiveStmt(stmt)) return nullptr;
  try {
    ValueRef v;
    if (!ReadColumn(stmt, column, &v)) return nullptr;
    if (v.type() == ValueType::kNull) return nullptr;
    if (v.type() != ValueType::kBlob && v.type() != ValueType::kText) {
      Misuse(DbOf(stmt), "column_blob: the value is not a BLOB or TEXT");
      return nullptr;
    }
    if (v.size() > static_cast<size_t>(std::numeric_limits<int>::max())) {
      Fail(DbOf(stmt), Status::Sql("blob value too long for column_blob", "54000"));
      return nullptr;
    }
    if (out_len != nullptr) *out_len = static_cast<int>(v.size());
    return v.size() == 0 || v.data() == nullptr ? kEmptyBytes : v.data();
  } catch (...) {
    FromException(DbOf(stmt));
    return nullptr;
  }
}

int64_t decentdb_rows_affected(decentdb_stmt* stmt) {
  if (!LiveStmt(stmt)) return DECENTDB_ERR_MISUSE;
  try {
    return stmt->impl->rows_affected();
  } catch (...) {
    return FromException(DbOf(stmt));
  }
}

void decentdb_finalize(decentdb_stmt* stmt) {
  if (stmt == nullptr) return;
  try {
    const uint32_t magic = stmt->magic.load(std::memory_order_acquire);
    if (magic == decentdb::capi::kStmtLive) {
      decentdb_db* db = stmt->db;
      if (LiveConn(db) != nullptr && db->generation == stmt->db_generation) {
        auto& list = db->stmts;
        for (size_t i = 0; i < list.size(); ++i) {
          if (list[i] == stmt) {
            list[i] = list.back();
            list.pop_back();
            break;
          }
        }
      }
      decentdb::capi::ReleaseStmtShell(stmt);
    } else if (magic == decentdb::capi::kStmtOrphan) {
      decentdb::capi::ReleaseStmtShell(stmt);
    }
    // kStmtFinalized (or anything else): nothing to do.
  } catch (...) {
    // Releasing never allocates; nothing to report on a void function.
  }
}

/* ---- Extensions for bindings ---------------------------------------------------- */

int decentdb_param_count(decentdb_stmt* stmt) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  try {
    return stmt->impl->param_count();
  } catch (...) {
    return FromException(DbOf(stmt));
  }
}

const char* decentdb_column_decltype(decentdb_stmt* stmt, int column) {
  if (!LiveStmt(stmt)) return nullptr;
  try {
    if (!CheckColumn(stmt, column, false)) return nullptr;
    return stmt->impl->column_decltype(column);
  } catch (...) {
    FromException(DbOf(stmt));
    return nullptr;
  }
}

int decentdb_bind_all(decentdb_stmt* stmt, const uint8_t* buf, size_t len) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  decentdb_db* db = DbOf(stmt);
  try {
    return Check(db, BindAll(stmt, buf, len));
  } catch (...) {
    return FromException(db);
  }
}

int decentdb_step_batch(decentdb_stmt* stmt, uint8_t* buf, size_t cap, int max_rows,
                        int* out_rows, size_t* out_used) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  try {
    return StepBatch(stmt, buf, cap, max_rows, out_rows, out_used);
  } catch (...) {
    stmt->has_row = false;
    stmt->pending = false;
    return FromException(DbOf(stmt));
  }
}

int decentdb_query_batch(decentdb_stmt* stmt, const uint8_t* params, size_t params_len,
                         uint8_t* buf, size_t cap, int max_rows, int* out_rows,
                         size_t* out_used) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  decentdb_db* db = DbOf(stmt);
  try {
    if (out_rows != nullptr) *out_rows = 0;
    if (out_used != nullptr) *out_used = 0;
    stmt->has_row = false;
    stmt->pending = false;
    Status s = stmt->impl->Reset();
    if (!s.ok()) return Fail(db, s);
    s = BindAll(stmt, params, params_len);
    if (!s.ok()) return Fail(db, s);
    return StepBatch(stmt, buf, cap, max_rows, out_rows, out_used);
  } catch (...) {
    stmt->has_row = false;
    stmt->pending = false;
    return FromException(db);
  }
}

namespace {

// The body of decentdb_execute_many and decentdb_execute_many_counts; out_counts (may be
// NULL) receives each execution's affected-row count.
int ExecuteMany(decentdb_stmt* stmt, const uint8_t* buf, size_t len, int row_count,
                int64_t* out_total_affected, int64_t* out_counts, int* out_failed_row,
                int64_t* out_rowids) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  decentdb_db* db = DbOf(stmt);
  try {
    if (out_total_affected != nullptr) *out_total_affected = 0;
    if (out_failed_row != nullptr) *out_failed_row = -1;
    if (row_count < 0) return Misuse(db, "execute_many: row_count is negative");
    if (buf == nullptr && len > 0) return Misuse(db, "execute_many: buffer is NULL");
    if (stmt->impl->has_returning()) {
      return Misuse(db, "execute_many: statements with RETURNING cannot be batched");
    }
    const int params = stmt->impl->param_count();
    // Validate every parameter set before executing any, so a malformed buffer changes
    // nothing.
    size_t pos = 0;
    for (int r = 0; r < row_count; ++r) {
      Status s = decentdb::capi::DecodeParamSet(buf, len, &pos, params, nullptr);
      if (!s.ok()) {
        if (out_failed_row != nullptr) *out_failed_row = r;
        return Fail(db, s);
      }
    }
    if (pos != len) {
      return Misuse(db, "execute_many: the buffer holds more than row_count parameter sets");
    }
    // Autocommit: every execution joins one transaction, all or nothing. Inside an
    // explicit transaction a failing execution rolls back alone (statement atomicity)
    // and earlier ones stay (ENGINE.md §11.2).
    bool started = false;
    Status s = db->conn->BeginBatch(&started);
    if (!s.ok()) return Fail(db, s);
    int64_t total = 0;
    pos = 0;
    for (int r = 0; r < row_count && s.ok(); ++r) {
      stmt->has_row = false;
      stmt->pending = false;
      try {
        s = stmt->impl->Reset();
        if (s.ok()) s = decentdb::capi::DecodeParamSet(buf, len, &pos, params, stmt->impl.get());
        bool row = true;
        while (s.ok() && row) s = Advance(stmt, &row);
      } catch (...) {
        (void)db->conn->EndBatch(started, false);
        throw;
      }
      if (!s.ok()) {
        if (out_failed_row != nullptr) *out_failed_row = r;
        break;
      }
      total += stmt->impl->rows_affected();
      if (out_counts != nullptr) out_counts[r] = stmt->impl->rows_affected();
      if (out_rowids != nullptr) out_rowids[r] = db->conn->last_insert_rowid();
    }
    stmt->has_row = false;
    Status reset = stmt->impl->Reset();
    Status end = db->conn->EndBatch(started, s.ok());
    if (!s.ok()) {
      // An autocommit batch was rolled back whole: nothing stayed.
      if (out_total_affected != nullptr) *out_total_affected = started ? 0 : total;
      return Fail(db, s);
    }
    if (!end.ok()) return Fail(db, end);
    if (out_total_affected != nullptr) *out_total_affected = total;
    return Check(db, reset);
  } catch (...) {
    stmt->has_row = false;
    stmt->pending = false;
    return FromException(db);
  }
}

}  // namespace

int decentdb_execute_many(decentdb_stmt* stmt, const uint8_t* buf, size_t len, int row_count,
                          int64_t* out_total_affected, int* out_failed_row,
                          int64_t* out_rowids) {
  return ExecuteMany(stmt, buf, len, row_count, out_total_affected, nullptr, out_failed_row,
                     out_rowids);
}

int decentdb_execute_many_counts(decentdb_stmt* stmt, const uint8_t* buf, size_t len,
                                 int row_count, int64_t* out_counts, int* out_failed_row,
                                 int64_t* out_rowids) {
  return ExecuteMany(stmt, buf, len, row_count, nullptr, out_counts, out_failed_row,
                     out_rowids);
}

int64_t decentdb_column_version(decentdb_stmt* stmt) {
  if (!LiveStmt(stmt)) return -1;
  return static_cast<int64_t>(stmt->impl->columns_version());
}

int decentdb_reset(decentdb_stmt* stmt) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  decentdb_db* db = DbOf(stmt);
  try {
    stmt->has_row = false;
    stmt->pending = false;
    return Check(db, stmt->impl->Reset());
  } catch (...) {
    return FromException(db);
  }
}

int decentdb_clear_bindings(decentdb_stmt* stmt) {
  if (!LiveStmt(stmt)) return OrphanOrBad(stmt);
  decentdb_db* db = DbOf(stmt);
  try {
    return Check(db, stmt->impl->ClearBindings());
  } catch (...) {
    return FromException(db);
  }
}

int decentdb_exec(decentdb_db* db, const char* sql_script) {
  if (!LiveConn(db)) return DECENTDB_ERR_MISUSE;
  try {
    if (sql_script == nullptr) return Misuse(db, "exec: sql_script is NULL");
    return Check(db, db->conn->Exec(sql_script));
  } catch (...) {
    return FromException(db);
  }
}

int64_t decentdb_last_insert_rowid(decentdb_db* db) {
  if (!LiveConn(db)) return 0;
  return db->conn->last_insert_rowid();
}

int decentdb_in_transaction(decentdb_db* db) {
  if (!LiveConn(db)) return 0;
  return db->conn->in_transaction() ? 1 : 0;
}

int decentdb_set_read_only(decentdb_db* db, int read_only) {
  if (!LiveConn(db)) return DECENTDB_ERR_MISUSE;
  try {
    return Check(db, db->conn->SetReadOnly(read_only != 0));
  } catch (...) {
    return FromException(db);
  }
}

int decentdb_checkpoint(decentdb_db* db, int mode, int64_t* out_frames_left) {
  if (out_frames_left != nullptr) *out_frames_left = 0;
  if (!LiveConn(db)) return DECENTDB_ERR_MISUSE;
  try {
    return Check(db, db->conn->Checkpoint(mode, out_frames_left));
  } catch (...) {
    return FromException(db);
  }
}

void decentdb_interrupt(decentdb_db* db) {
  // Only the shell is touched (never freed, H1), so a racing close is harmless.
  if (db == nullptr) return;
  if (db->magic.load(std::memory_order_acquire) != decentdb::capi::kConnLive) return;
  db->interrupt.store(true, std::memory_order_release);
}

int decentdb_integrity_check(decentdb_db* db) {
  if (!LiveConn(db)) return DECENTDB_ERR_MISUSE;
  try {
    return Check(db, db->conn->IntegrityCheck());
  } catch (...) {
    return FromException(db);
  }
}

const char* decentdb_version(void) { return kVersion; }

}  // extern "C"
