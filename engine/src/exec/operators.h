// Volcano operators of the query executor and the per-execution state they share. The
// scan row, aggregate row and projected row are fixed arrays of ValueRefs owned by
// ExecState and reused for every row; operators only repoint them (into pinned pages,
// per-column overflow buffers, owned group/sort storage or the scratch arena), so scans,
// seeks, filters and projections allocate nothing per row. Internal to exec/; the public
// entry points are in exec/query.h. Design: ENGINE.md §9.1-§9.4, §9.8.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "btree/btree.h"
#include "exec/evaluator.h"
#include "exec/query.h"
#include "exec/scratch.h"
#include "plan/query_plan.h"
#include "record/key_codec.h"
#include "record/record.h"
#include "util/status.h"

namespace decentdb {
namespace exec {

// Invariants:
//  (X1) scan_row has plan->scan_slots entries; table i's columns live at
//       [tables[i].slot_base, slot_base + columns), and a value there stays valid until
//       the scanner of table i moves.
//  (X2) The scratch arena is reset only by a scanner before it evaluates a candidate
//       row's filters and by Project before it evaluates a row; nothing that outlives
//       those points is ever placed in it (group keys, sort rows and materialized rows
//       are copied into owned Values).
//  (X3) out points to the current projected row (column_count values) after a
//       successful Next of the root operator.
class SubqueryExec;

struct ExecState {
  ExecState();
  ~ExecState();
  const plan::PreparedSelect* prepared = nullptr;
  const plan::SelectPlan* plan = nullptr;
  PageReader* reader = nullptr;
  ExecContext ctx;
  EvalContext eval;
  ScratchArena scratch;
  std::vector<ValueRef> scan_row;   // (X1)
  std::vector<ValueRef> agg_row;    // group keys then aggregates (plan Q4)
  std::vector<ValueRef> proj_row;   // outputs then hidden sort keys (plan Q5)
  const ValueRef* out = nullptr;    // (X3)
  int64_t current_rowid = 0;        // driving table's rowid (target scans)
  // Set when the driving scan had to widen an equality probe it could not convert
  // exactly (§8.4): it then no longer yields the order the planner relied on to skip
  // the sort, and the standby sort runs after all.
  bool order_broken = false;
  uint64_t ticks = 0;
  uint64_t memory = 0;

  // Counts one unit of work (a row or a seek); every 1000th checks the interrupt flag
  // (ENGINE.md §11.2: at least every 1000 rows), failing with 57014.
  Status Tick() {
    ++ticks;
    if (--until_poll > 0) return Status::OK();
    until_poll = 1000;
    return Poll();
  }
  // Checks for an interrupt now (Tick does every 1,000 units; a unit that is itself
  // thousands of rows, such as a skip over whole leaves, polls each time).
  Status Poll() const {
    if (ctx.interrupt != nullptr && ctx.interrupt->load(std::memory_order_relaxed))
      return Status::Transaction("canceling statement due to user request", "57014");
    return Status::OK();
  }
  int until_poll = 1;  // the first unit of every execution polls
  std::unique_ptr<SubqueryExec> subqueries;  // when the plan's pool has subqueries
  // Accounts bytes of sort, hash and materialization buffers (ENGINE.md §9.8).
  Status Charge(uint64_t bytes) {
    memory += bytes;
    if (memory > ctx.max_memory)
      return Status::Internal("query memory limit exceeded (max_query_memory)", "53200");
    return Status::OK();
  }
};

// Approximate heap bytes of an owned value (for Charge).
inline uint64_t ValueBytes(const Value& v) { return sizeof(Value) + v.bytes().capacity(); }

// Passes over up to n rows of src by calling its Next (the skip of a source that cannot
// do better); *skipped is how many there were.
template <typename Source>
Status SkipByNext(Source* src, int64_t n, int64_t* skipped) {
  *skipped = 0;
  while (*skipped < n) {
    bool row = false;
    DDB_RETURN_IF_ERROR(src->Next(&row));
    if (!row) break;
    ++*skipped;
  }
  return Status::OK();
}

class Operator {
 public:
  virtual ~Operator() = default;
  // (Re)starts the operator for a new execution.
  virtual Status Open() = 0;
  virtual Status Next(bool* has_row) = 0;
  // Passes over up to n rows as Next would produce them, without producing them (OFFSET,
  // ENGINE.md §9.4); *skipped is how many there were. Operators that can skip without
  // decoding or evaluating override it.
  virtual Status Skip(int64_t n, int64_t* skipped) { return SkipByNext(this, n, skipped); }
};

class RowSourceExec;

// Reads one table of the plan (one JoinStep): computes key ranges from parameters and
// outer rows at Open, walks the trees, decodes the needed columns into the scan row and
// applies the step's filters. Defined in exec/scan.cc.
class TableAccess {
 public:
  TableAccess(ExecState* st, const plan::JoinStep* step);
  ~TableAccess();
  // Forgets per-execution state (materialized rows) before a new execution.
  void BeginExecution();
  // Positions before the first row for the current outer rows.
  Status Open();
  // Produces the next row of the table that passes the step's filters.
  Status Next(bool* has_row);
  // Passes over up to n rows that Next would produce. Without filters to evaluate this
  // neither decodes the rows nor, on an index path, visits the table.
  Status Skip(int64_t n, int64_t* skipped);
  // Sets every column of the table to NULL (LEFT JOIN without a match).
  void SetNull();
  int64_t rowid() const { return rowid_; }

 private:
  struct KeyRange {
    std::string lo;  // inclusive; empty: from the first entry
    std::string hi;  // exclusive; empty with hi_open: to the last entry
    bool hi_open = false;
  };
  Status ComputeRanges();
  Status ComputeRowidRanges();
  Status ComputeIndexRanges();
  Status Advance(bool* has_row);  // next raw row of the path, before filters
  Status AdvanceIndex(bool* has_row);
  Status AdvanceTable(bool* has_row);
  Status AdvanceRowids(bool* has_row);
  Status AdvanceRowidRange(bool* has_row);
  Status AdvanceValues(bool* has_row);
  // Trigram paths (exec/trigram_scan.cc).
  Status ComputeTrigram();
  Status AdvanceTrigram(bool* has_row);
  Status LoadRow(int64_t rowid);
  Status LoadFromKey(std::string_view key, int64_t rowid);
  Status Passes(bool materializing, bool* ok);
  Status Materialize();
  void EnsureCursors();

  ExecState* st_;
  const plan::JoinStep* step_;
  const plan::FromTable* table_;
  const TableDef* def_;
  std::vector<int> needed_;  // needed column positions
  // needed_ without the rowid alias: the fields LoadRow decodes from the record.
  std::vector<uint32_t> record_cols_;
  bool alias_needed_ = false;  // the rowid alias is among needed_
  std::vector<std::string> overflow_;  // per column, for values read from chains
  std::unique_ptr<BTreeCursor> table_cur_;
  std::unique_ptr<BTreeCursor> index_cur_;
  PageReader* cursor_reader_ = nullptr;
  RecordReader record_;
  int64_t rowid_ = 0;
  bool recheck_ = false;  // probes converted inexactly: re-evaluate index_conds
  bool empty_ = false;    // no row can match
  bool started_ = false;
  bool done_ = false;
  bool skipping_ = false;  // inside Skip: rows are positioned, not loaded
  // Rowid paths.
  std::vector<int64_t> rowids_;  // sorted probes (kRowidSeek)
  int64_t lo_rowid_ = 0, hi_rowid_ = 0;
  bool rowid_full_ = false;      // inexact rowid probe: walk the table
  size_t pos_ = 0;
  // Index paths.
  void AddRange(const std::string& prefix, const std::string& lo, const std::string& hi, bool hi_open);
  std::vector<KeyRange> ranges_;  // [0, nranges_) active; the rest keep their buffers
  size_t nranges_ = 0;
  bool in_range_ = false;
  std::vector<std::string> prefixes_;  // [0, nprefixes_) active
  size_t nprefixes_ = 0;
  std::string comp_, klo_, khi_;
  std::vector<KeyComponent> key_values_;  // index-only rows point into these
  // Filters split for materialization: own (this table only) and join (outer too).
  std::vector<const plan::BoundExpr*> own_filters_;
  std::vector<const plan::BoundExpr*> join_filters_;
  // Whether a row needs evaluating before it counts (index conditions to recheck, or
  // filters): without, Next, Skip and Passes take every row the path yields.
  bool Filtered() const { return recheck_ || !own_filters_.empty() || !join_filters_.empty(); }
  // Materialized inner table.
  bool mat_ = false;
  bool materialized_ = false;
  std::vector<Value> mat_rows_;  // needed_.size() values per row
  std::vector<int64_t> mat_rowids_;
  size_t mat_pos_ = 0;
  // Trigram paths: candidate rowids, or a table scan when the guardrails refuse.
  std::vector<int64_t> candidates_;
  bool trigram_scan_ = false;
  // System view and derived table rows (kValues).
  std::vector<std::vector<Value>> view_rows_;
  bool view_loaded_ = false;
  std::unique_ptr<RowSourceExec> source_;  // derived tables
};

// Operator factories (exec/join.cc, exec/aggregate_op.cc, exec/sort.cc).
std::unique_ptr<Operator> NewJoinSource(ExecState* st);
std::unique_ptr<Operator> NewAggregate(ExecState* st, std::unique_ptr<Operator> input);
std::unique_ptr<Operator> NewFastAggregate(ExecState* st);
// Streams groups off input ordered by the group keys (plan->stream_aggregate); falls
// back to hashing for an execution whose driver reports order_broken.
std::unique_ptr<Operator> NewStreamAggregate(ExecState* st, std::unique_ptr<Operator> input);
std::unique_ptr<Operator> NewFilter(ExecState* st, std::unique_ptr<Operator> input,
                                    const plan::BoundExpr* predicate, const ValueRef* row);
std::unique_ptr<Operator> NewProject(ExecState* st, std::unique_ptr<Operator> input,
                                     const ValueRef* row);
std::unique_ptr<Operator> NewDistinct(ExecState* st, std::unique_ptr<Operator> input);
// standby: the plan avoided the sort; sort only if the driver reports order_broken.
std::unique_ptr<Operator> NewSort(ExecState* st, std::unique_ptr<Operator> input, bool standby = false);
std::unique_ptr<Operator> NewLimit(ExecState* st, std::unique_ptr<Operator> input);
// Numbers the projected rows for one window function (exec/window.cc).
std::unique_ptr<Operator> NewWindow(ExecState* st, std::unique_ptr<Operator> input,
                                    const plan::WindowFunc* w);

// Resolves a LIMIT/OFFSET value at open time: *present false means no limit.
Status ResolveLimit(ExecState* st, const plan::LimitValue& v, bool* present, int64_t* out);

}  // namespace exec
}  // namespace decentdb
