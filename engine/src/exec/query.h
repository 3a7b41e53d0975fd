// Entry points of the query side for the session layer: prepare a SELECT (bind + plan,
// once per statement and schema cookie), open it any number of times with parameter
// values over any PageReader (a ReadTxn or the session's WriteTxn), step rows, and print
// EXPLAIN lines. Also prepares the single-table scan that UPDATE/DELETE use to collect
// their target rows. Design: ENGINE.md §9 (planner/executor), §9.6 (plan reuse), §9.7.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/schema.h"
#include "pager/page_store.h"
#include "plan/query_plan.h"
#include "record/value.h"
#include "sql/ast.h"
#include "util/status.h"

namespace decentdb {
namespace plan {
class ConstantFolder;
}
namespace exec {

class Operator;
struct ExecState;

struct PrepareOptions {
  // The text the AST positions refer to (what was given to the parser), so errors say
  // "at line L, column C". Must stay valid during Prepare only.
  std::string_view sql_text;
  // The highest $N of the statement (sql::ParsedStatement::param_count).
  int param_count = 0;
  // Optional constant folder from the expression layer.
  const plan::ConstantFolder* folder = nullptr;
  // Testing aid: ignore every index and rowid predicate (full scans only), so index
  // paths can be compared with scans.
  bool force_table_scan = false;
};

// Per-execution inputs. Everything pointed to must outlive the cursor's execution.
// QueryCursor::Open copies the fields one by one: a new field must be added there too.
struct ExecContext {
  // Polled at least every 1000 rows; when set, Next fails with ERR_TRANSACTION 57014.
  std::atomic<bool>* interrupt = nullptr;
  // Statement clock for NOW()/CURRENT_TIMESTAMP (ms since epoch UTC).
  int64_t now_ms = 0;
  // Budget for sorts, hash tables and materialized inner tables (ENGINE.md §9.8);
  // exceeding it is ERR_INTERNAL 53200.
  uint64_t max_memory = 64ull << 20;
  // A sort whose buffered rows exceed this writes sorted runs to temporary files in
  // temp_dir (empty: the system's) and merges them (ENGINE.md §9.3).
  uint64_t sort_buffer_bytes = 16ull << 20;
  std::string temp_dir;
  // The enclosing query's values a correlated subquery reads (BoundOp::kOuterRef);
  // they must stay valid during the execution.
  const ValueRef* outer = nullptr;
  int outer_count = 0;
  // Trigram guardrails (ENGINE.md §7.6): trigram_postings_threshold, and whether a
  // refused trigram path fails the statement instead of scanning.
  uint64_t trigram_threshold = 100000;
  bool trigram_strict = false;
};

class QueryCursor;

// A prepared SELECT. Immutable after Prepare, so cursors of one plan may be opened one
// after another without re-planning (ENGINE.md §9.6).
class QueryPlan {
 public:
  ~QueryPlan();

  // Binds select against schema and plans it. Errors carry positions: 42P01 unknown
  // table, 42703 unknown column, 42702 ambiguous column, 42803 grouping errors,
  // 42P10 bad ORDER BY/GROUP BY ordinal, 0A000 unsupported constructs (subqueries,
  // set operations, CTEs, derived tables, window functions).
  static Status Prepare(const sql::SelectStmt* select, std::shared_ptr<const Schema> schema,
                        const PrepareOptions& options, std::unique_ptr<QueryPlan>* out);

  // The scan of one table for UPDATE/DELETE (ENGINE.md §9.5): the rows of `table`
  // (optionally referred to as `alias`) for which `where` (may be null) is TRUE, using
  // the same access paths as SELECT. Its cursors expose rowid() and row(), the row in
  // table column order (every column decoded; overflow values read).
  static Status PrepareTableScan(const sql::Ident& table, const sql::Ident* alias,
                                 const sql::Expr* where, std::shared_ptr<const Schema> schema,
                                 const PrepareOptions& options, std::unique_ptr<QueryPlan>* out);

  int param_count() const;
  int column_count() const;
  // REQUIRES: 0 <= i < column_count(). Valid as long as the plan.
  const std::string& column_name(int i) const;
  // The declared type when column i comes straight from a table column, else nullptr.
  const char* column_decltype(int i) const;
  SqlType column_type(int i) const;
  uint32_t schema_cookie() const;
  // PrepareTableScan only: the target table.
  const TableDef* target_table() const;

  // EXPLAIN lines (ENGINE.md §9.7), each indented by 2 * indent extra spaces, so DML
  // EXPLAIN can print "Update t" and put the scan under it with indent = 1.
  std::vector<std::string> Explain(int indent = 0) const;

  // A cursor for this plan; open it with QueryCursor::Open. The cursor keeps its buffers
  // across executions. REQUIRES: the plan outlives the cursor.
  std::unique_ptr<QueryCursor> NewCursor() const;

  const plan::PreparedSelect& prepared() const { return prepared_; }

 private:
  QueryPlan() = default;
  plan::PreparedSelect prepared_;
  std::string target_decltype_scratch_;
};

// One execution of a QueryPlan. Values returned by Column/row() point into pinned pages,
// cursor buffers or the cursor's scratch and stay valid until the next Next, Open or
// Close; callers copy what they keep.
class QueryCursor {
 public:
  explicit QueryCursor(const QueryPlan* plan);
  // A cursor over a nested query of a plan (a subquery or derived table).
  // REQUIRES: prepared outlives the cursor.
  explicit QueryCursor(const plan::PreparedSelect* prepared);
  ~QueryCursor();

  // Starts an execution. params holds nparams values for $1..$nparams; a referenced
  // parameter beyond nparams is ERR_SQL "missing parameter $k". Parameter-dependent
  // choices (probe values, LIKE prefixes, LIMIT/OFFSET, NULL IN-lists) are made here.
  // REQUIRES: reader, params (bytes included) and ctx outlive this execution.
  Status Open(PageReader* reader, const ValueRef* params, int nparams, const ExecContext& ctx);
  // Advances; *has_row is false at the end. Errors end the execution.
  Status Next(bool* has_row);
  // REQUIRES: the last Next produced a row; 0 <= i < column_count().
  ValueRef Column(int i) const;
  // The current row, column_count() values; same REQUIRES and lifetime as Column.
  const ValueRef* Row() const;
  int column_count() const;
  // Target-scan cursors: the current row's rowid and its values in table column order.
  int64_t rowid() const;
  const ValueRef* row() const;
  // Ends the current execution (Next then reports no rows). Buffers are kept for the
  // next Open; the destructor frees them.
  void Close();

 private:
  const plan::PreparedSelect* prepared_;
  std::unique_ptr<ExecState> state_;
  std::unique_ptr<Operator> tree_;  // built on the first Open, reused afterwards
  Operator* root_ = nullptr;
  bool open_ = false;
};

}  // namespace exec
}  // namespace decentdb
