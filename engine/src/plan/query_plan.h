// Physical plan of one SELECT (or of the row-collecting scan of an UPDATE/DELETE): the
// FROM tables with their row slots, the join order with one access path per table, and
// the aggregation, projection, DISTINCT, sort and LIMIT stages above it. Built by
// plan/select_binder.h + plan/planner.h, printed by plan/explain.h, executed by
// exec/query.h. Immutable after planning, so one plan serves every execution; whatever
// depends on parameter values (probe values, LIKE prefixes, LIMIT) is resolved when the
// executor opens it. Design: ENGINE.md §9.1-§9.7.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/schema.h"
#include "plan/bound_expr.h"
#include "sql/parser.h"

namespace decentdb {
namespace plan {

// Invariants of a SelectPlan:
//  (Q1) Scan-row slots: table i owns slots [tables[i].slot_base, slot_base + column
//       count); every kColumn node bound over the scan row indexes those slots.
//  (Q2) Every conjunct of WHERE and of INNER ON clauses appears exactly once: in some
//       access path (index_conds or filters) of an INNER step, in a LEFT step's
//       post_filters, or in const_filters. A LEFT step's path holds only its ON clause.
//  (Q3) steps[0] never depends on another table; steps[k]'s probe expressions reference
//       only tables of steps[0..k).
//  (Q4) When aggregate is set, select/having/order expressions are bound over the
//       aggregate row: slots [0, group_keys.size()) are the keys, then one slot per
//       aggregates[i]. Otherwise they are bound over the scan row.
//  (Q5) The projected row is outputs (visible) followed by hidden sort keys; sort keys
//       and distinct work on that row.

struct RowSource;

// A FROM item: a catalog table, a generated system view (ENGINE.md §6.3), or a derived
// table (a subquery in FROM, a WITH query, or the operands of a set operation).
struct FromTable {
  const TableDef* table = nullptr;  // system views and derived tables have a synthetic TableDef
  int system_view = -1;             // SystemViewId (plan/system_view_defs.h) or -1
  const RowSource* source = nullptr;  // derived table: its rows (owned by PreparedSelect)
  bool compound = false;            // the implicit derived table of a set operation
  std::string name;                 // table name as stored
  std::string alias;                // the name EXPLAIN and qualified references use
  int slot_base = 0;                // (Q1)
  std::vector<bool> needed;         // columns the query reads; only those are decoded
  bool nullable = false;            // right side of a LEFT JOIN
};

enum class AccessKind : uint8_t {
  kTableScan,
  kRowidSeek,    // rowid = v or rowid IN (list)
  kRowidRange,
  kIndexSeek,    // unique index, every key column bound by equality: <= 1 row per probe
  kIndexRange,   // equal keys of a non-unique index, an equality prefix plus a range,
                 // or an ordered walk of the whole index
  kValues,       // materialized rows (system views) or the single row of FROM-less SELECT
  kTrigram,      // candidates of a trigram index for a LIKE/ILIKE, re-checked per row; the
                 // guardrails may turn it into a table scan when it opens (ENGINE.md §7.6)
};

const char* AccessKindName(AccessKind k);

// One index column (or the rowid) bound by equality.
struct KeyProbe {
  std::vector<const BoundExpr*> values;  // one value, or an IN list (a multi-seek)
  bool is_null = false;                  // col IS NULL
};

struct AccessPath {
  AccessKind kind = AccessKind::kTableScan;
  const IndexDef* index = nullptr;  // kIndexSeek / kIndexRange
  std::vector<KeyProbe> eq;          // leading columns (at most one entry for the rowid)
  // Range on the column after the equality prefix (or on the rowid); null = open.
  const BoundExpr* lo = nullptr;
  bool lo_inclusive = true;
  const BoundExpr* hi = nullptr;
  bool hi_inclusive = true;
  // LIKE pattern on the range column: its literal prefix becomes [p, p+1) at open time.
  const BoundExpr* like_prefix = nullptr;
  // kTrigram: the LIKE/ILIKE node whose pattern (args[1], escape args[2]) selects the
  // candidates of `index`; the node itself is among index_conds and always re-checked.
  const BoundExpr* trigram_like = nullptr;
  bool reverse = false;     // walk backwards (sort avoidance of DESC orders)
  bool unique = false;      // at most one row per probe combination
  bool index_only = false;  // every needed column is in the index key
  // Conjuncts implemented by the path. They are re-evaluated per row only when an open-
  // time probe could not be converted exactly to the column's class (ENGINE.md §8.4).
  std::vector<const BoundExpr*> index_conds;
  std::vector<const BoundExpr*> filters;  // residual conjuncts evaluated at this table
};

enum class JoinType : uint8_t { kInner, kLeft };

struct JoinStep {
  int table = 0;  // index into SelectPlan::tables
  JoinType join = JoinType::kInner;
  AccessPath path;
  // For a LEFT step, path.index_conds and path.filters come from its ON clause: a row of
  // this table matches only when they are TRUE, and an outer row without any match gets
  // NULLs. WHERE conjuncts whose last table is this step run after that, on the joined
  // (possibly NULL-extended) row.
  std::vector<const BoundExpr*> post_filters;
  // No usable index for the join condition: the table (filtered by its own constant
  // conditions) is read once into memory and looped over (ENGINE.md §9.2, M1).
  bool materialize = false;
};

struct SortKey {
  int column = 0;  // position in the projected row (Q5)
  bool desc = false;
  bool nulls_first = false;
  LogicalType logical = LogicalType::kNone;
};

// ROW_NUMBER() OVER (PARTITION BY ... ORDER BY ...), a whole select-list item (ENGINE.md
// §7.5). Its keys are hidden columns of the projected row (Q5); the Window operator
// numbers the projected rows and writes the number into `output`.
struct WindowFunc {
  int output = 0;
  std::vector<int> partition;  // projected-row columns
  std::vector<SortKey> order;  // projected-row columns
};

// LIMIT/OFFSET: absent, a literal, or a parameter (resolved at open time, ADR-0048).
struct LimitValue {
  bool present = false;
  int64_t value = 0;
  int param = -1;  // 0-based parameter index when >= 0
};

struct OutputColumn {
  std::string name;      // ENGINE.md §7.1 result column name
  std::string decltype_; // declared type when straight from a table column, else empty
  bool has_decltype = false;
  SqlType type;
  const BoundExpr* expr = nullptr;
};

// Fast paths that replace the whole pipeline below the projection (ENGINE.md §9.4).
enum class FastPath : uint8_t {
  kNone,
  kCountStar,  // SELECT COUNT(*) FROM t: counts cells of the smallest tree, no decoding
  kMinMax,     // MIN/MAX of the rowid or of an index's leading column: one seek
};

struct SelectPlan {
  std::vector<FromTable> tables;
  int scan_slots = 0;             // total slots of the scan row (Q1)
  std::vector<JoinStep> steps;    // (Q2, Q3) empty for SELECT without FROM
  std::vector<const BoundExpr*> const_filters;  // conjuncts that reference no table

  // Aggregation (Q4).
  bool aggregate = false;
  std::vector<const BoundExpr*> group_keys;     // bound over the scan row
  std::vector<SqlType> group_key_types;
  std::vector<AggregateCall> aggregates;        // args bound over the scan row
  const BoundExpr* having = nullptr;
  bool stream_aggregate = false;  // input arrives ordered by the group keys
  FastPath fast_path = FastPath::kNone;
  const IndexDef* fast_index = nullptr;  // kCountStar/kMinMax: tree to use (null: table)
  bool fast_max = false;                 // kMinMax: MAX rather than MIN

  // Projection (Q5).
  std::vector<OutputColumn> outputs;
  std::vector<const BoundExpr*> hidden;  // sort and window keys that are not output columns
  bool distinct = false;
  // Window functions, applied after the projection and before DISTINCT and ORDER BY; the
  // planner never relies on the scan order for ORDER BY when there are any.
  std::vector<WindowFunc> windows;

  std::vector<SortKey> sort;  // requested order (empty: none)
  bool sort_needed = false;   // false when the access path already yields the order
  LimitValue limit;
  LimitValue offset;
  bool top_n = false;  // sort with a bounded heap (ORDER BY + LIMIT, see §9.3)

  // UPDATE/DELETE target collection: every column of tables[0] is needed and the
  // executor exposes the scan row and rowid instead of a projection.
  bool target_scan = false;

  // The pool holding the bound expressions and the subqueries they use (EXPLAIN).
  const ExprPool* pool = nullptr;
};

// Everything a prepared SELECT keeps: the schema it was bound against (so TableDef
// pointers stay valid), the pool owning the bound expressions, and the plan.
struct PreparedSelect {
  std::shared_ptr<const Schema> schema;
  std::unique_ptr<ExprPool> pool;
  std::unique_ptr<SelectPlan> plan;
  int param_count = 0;
  // Synthetic TableDefs of the system views and derived tables used (FromTable::table
  // points into them).
  std::vector<std::unique_ptr<TableDef>> view_defs;
  // Row sources of the derived tables (FromTable::source points into them).
  std::vector<std::unique_ptr<RowSource>> sources;
  // Parsed bodies of the views read (their ASTs back the row sources' plans).
  std::vector<std::unique_ptr<sql::ParsedStatement>> view_asts;
};

// The rows of a derived table: one prepared SELECT, or a set operation over two row
// sources (ENGINE.md §7.5). Run once per execution of the query that reads it.
//  (R1) Every operand of a set operation has types.size() columns; a value of column i
//       whose operand type differs from types[i] is converted to types[i] (CAST rules)
//       before rows are compared, so equal rows hash alike.
enum class SetOpKind : uint8_t { kUnion, kIntersect, kExcept };

struct RowSource {
  enum Kind : uint8_t { kSelect, kSetOp } kind = kSelect;
  std::unique_ptr<PreparedSelect> select;  // kSelect
  SetOpKind op = SetOpKind::kUnion;        // kSetOp
  bool all = false;                        // kSetOp: UNION ALL, INTERSECT ALL, EXCEPT ALL
  std::unique_ptr<RowSource> left, right;  // kSetOp
  std::vector<SqlType> types;              // output column types (R1)
};

// A subquery used in an expression (BoundOp::kSubquery).
struct SubqueryDef {
  std::unique_ptr<PreparedSelect> query;
  SubqueryKind kind = SubqueryKind::kScalar;
  int correlation_count = 0;  // outer values it reads; 0: uncorrelated (B7)
};

}  // namespace plan
}  // namespace decentdb
