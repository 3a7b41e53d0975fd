// The prepared-statement contract between the C API and the SQL layer. capi/ owns the
// handle, checks indexes and converts values (ENGINE.md §11.1); an implementation only
// binds, steps and exposes the current row. Until the SQL layer exists no implementation
// is produced by Connection::Prepare; tests plug in their own.
#pragma once

#include <string>

#include "record/value.h"
#include "util/status.h"

namespace decentdb {

class Statement {
 public:
  virtual ~Statement() = default;

  // Largest N among the $N parameters.
  virtual int param_count() const = 0;
  virtual int column_count() const = 0;
  // REQUIRES: 0 <= column < column_count(). Valid until the statement is destroyed.
  virtual const std::string& column_name(int column) const = 0;
  // Declared type of the column, or nullptr. Valid until the statement is destroyed.
  virtual const char* column_decltype(int column) const = 0;

  // REQUIRES: 1 <= index <= param_count(). Copies text and blob bytes.
  virtual Status Bind(int index, ValueRef value) = 0;
  // Sets every parameter back to NULL.
  virtual Status ClearBindings() = 0;

  // Advances to the next row: *out_row is true when a row is available.
  virtual Status Step(bool* out_row) = 0;
  // REQUIRES: the last Step produced a row and 0 <= column < column_count(). The view
  // stays valid until the next Step, Reset or destruction.
  virtual ValueRef Column(int column) const = 0;
  // Ends the current execution and releases its snapshot; keeps the bindings.
  virtual Status Reset() = 0;

  virtual int64_t rows_affected() const = 0;
  // True for statements whose rows come from RETURNING (refused by execute_many).
  virtual bool has_returning() const = 0;
  // Changes whenever a re-compile after a schema change changed the result columns (count,
  // names or declared types), so callers that cache column metadata can notice.
  virtual uint64_t columns_version() const { return 0; }

  // The current row as row_columns() consecutive values, read without a virtual call on
  // the C API's per-column and per-row paths; nullptr when the implementation offers no
  // such array for the current row (callers then use Column). Whenever it is non-null,
  // row[c] is what Column(c) returns, with the same lifetime.
  const ValueRef* current_row() const { return row_; }
  int row_columns() const { return row_columns_; }

 protected:
  // (S1) row_ is non-null only while a row is current, and then row_[0, row_columns_)
  //      are the values Column(0 .. row_columns_ - 1) returns; every Step, Reset or
  //      end of the execution clears it before anything it points to changes.
  const ValueRef* row_ = nullptr;
  int row_columns_ = 0;
};

}  // namespace decentdb
