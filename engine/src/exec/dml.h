// Row writes of INSERT, UPDATE and DELETE below the SQL level: given coerced values in
// table column order, enforce NOT NULL and uniqueness, assign rowids, maintain the table
// tree and every index, and queue foreign-key work that runs at statement end. The
// statement layer (db/) computes the values and owns transactions. Design: ENGINE.md
// §5.1 (rowid alias), §5.2 (uniqueness), §7.4 (constraints, FK at statement end), §9.5.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/schema.h"
#include "exec/scratch.h"
#include "pager/engine.h"
#include "record/value.h"
#include "search/postings.h"
#include "util/status.h"

namespace decentdb {
namespace exec {

class RowChecker;

// Foreign-key work a statement queued; actions and checks run at its end (ENGINE.md
// §7.4, §7.5). Invariants:
//  (F1) child_ holds one entry per written child row whose FK columns are all non-NULL
//       (MATCH SIMPLE): its parent must exist when the statement ends.
//  (F2) parent_ holds one entry per removed or changed parent key: when the statement
//       ends the key must either exist again in the parent (NO ACTION only; RESTRICT
//       refuses even then) or be referenced by no child.
//  (F3) An entry whose FK has a CASCADE or SET NULL action for its event is consumed by
//       RunActions, which rewrites the referencing rows; the rewrites queue entries of
//       their own, one cascade level deeper (at most kMaxCascadeDepth levels).
class FkChecks {
 public:
  static constexpr int kMaxCascadeDepth = 64;

  void QueueChild(const TableDef* child, const ForeignKeyDef* fk, std::vector<Value> key) {
    child_.push_back(Pending{child, fk, std::move(key), {}, false, depth_});
  }
  // new_key is set for an UPDATE (the key the parent row has now), null for a DELETE.
  void QueueParent(const TableDef* child, const ForeignKeyDef* fk, std::vector<Value> key,
                   const std::vector<Value>* new_key = nullptr) {
    parent_.push_back(Pending{child, fk, std::move(key), new_key != nullptr ? *new_key : std::vector<Value>(),
                              new_key != nullptr, depth_});
  }
  bool empty() const { return child_.empty() && parent_.empty(); }
  void Clear() {
    child_.clear();
    parent_.clear();
    depth_ = 0;
  }
  // Runs the CASCADE and SET NULL actions of the queued parent entries (F3), level by
  // level: each level first collects the referencing rows of all its keys, then
  // rewrites them, so overlapping key changes (UPDATE p SET id = id + 1) move every
  // child exactly once. checker (may be null) checks rewritten rows. 54001 beyond
  // kMaxCascadeDepth levels.
  Status RunActions(WriteTxn* txn, Catalog* catalog, const Schema& schema, RowChecker* checker);
  // Runs every queued check against the transaction's current state; 23503 names the
  // constraint, the tables and the key.
  Status Verify(WriteTxn* txn, const Schema& schema);

 private:
  struct Pending {
    const TableDef* child;
    const ForeignKeyDef* fk;
    std::vector<Value> key;      // in fk column order
    std::vector<Value> new_key;  // parent entries of an UPDATE: the new key
    bool is_update;
    int depth;                   // cascade level that queued it (0: the statement)
  };
  std::vector<Pending> child_;   // (F1)
  std::vector<Pending> parent_;  // (F2)
  int depth_ = 0;                // level of the rows being written now (F3)
};

// Checks a row about to be written beyond NOT NULL (the CHECK constraints, ENGINE.md
// §7.5); implemented by the statement layer, which binds the constraint expressions.
class RowChecker {
 public:
  virtual ~RowChecker() = default;
  // row holds coerced values of `table` in column order. ERR_CONSTRAINT 23514 names the
  // failing constraint.
  virtual Status CheckRow(const TableDef& table, const std::vector<Value>& row) = 0;
};

// Writes rows of one table inside a write transaction.
// REQUIRES: txn, catalog, schema, table and fks outlive the writer; table belongs to
// schema, which is the schema of txn's current state.
class TableWriter {
 public:
  TableWriter(WriteTxn* txn, Catalog* catalog, const Schema* schema, const TableDef* table,
              FkChecks* fks);

  // Inserts a row. *row holds coerced values in column order; a NULL rowid alias is
  // assigned (written back into *row), an explicit one raises the table's counter.
  // Checks NOT NULL (23502), the rowid and every unique index (23505), writes the table
  // and every index and queues FK checks (F1).
  Status Insert(std::vector<Value>* row, int64_t* out_rowid);
  // Replaces row `rowid` (whose current values are old_row) by *new_row. A changed rowid
  // alias moves the row. Index keys that change are deleted and re-inserted; parent keys
  // that change are queued (F2).
  Status Update(int64_t rowid, const std::vector<Value>& old_row, std::vector<Value>* new_row,
                int64_t* out_rowid);
  // Deletes row `rowid` (current values old_row) and its index entries; queues (F2).
  Status Delete(int64_t rowid, const std::vector<Value>& old_row);
  // Writes the trigram postings changes the rows so far queued (ENGINE.md §7.6: applied
  // at statement end, inside the transaction). REQUIRES: called once the statement has
  // written its last row, before its changes are committed or read through an index.
  Status Finish();

  const TableDef& table() const { return *table_; }
  // Runs checker on every inserted and updated row after NOT NULL, before uniqueness
  // (§9.5). Null (the default) checks nothing. REQUIRES: checker outlives the writer.
  void set_checker(RowChecker* checker) { checker_ = checker; }

 private:
  Status CheckNotNull(const std::vector<Value>& row) const;
  // 23505 when another row than `rowid` already has row's key in unique index `index`.
  Status CheckUnique(const IndexDef& index, const std::vector<ValueRef>& row, int64_t rowid);
  Status WriteIndexes(const std::vector<ValueRef>& row, int64_t rowid,
                      const std::vector<bool>* only);
  Status DeleteIndexes(const std::vector<ValueRef>& row, int64_t rowid,
                       const std::vector<bool>* only);
  // Applies the trigram buffers holding at least at_least pending changes.
  Status FlushTrigrams(size_t at_least);
  void QueueChildChecks(const std::vector<Value>& row, const std::vector<Value>* old_row);
  void QueueParentChecks(const std::vector<Value>& old_row, const std::vector<Value>* new_row);
  std::string UniqueName(const IndexDef& index) const;

  WriteTxn* txn_;
  Catalog* catalog_;
  const Schema* schema_;
  const TableDef* table_;
  FkChecks* fks_;
  RowChecker* checker_ = nullptr;
  std::vector<const IndexDef*> indexes_;
  // Per entry of indexes_: the buffered postings changes of a trigram index, else null.
  std::vector<std::unique_ptr<search::TrigramDeltas>> trigram_;
  std::vector<std::pair<const TableDef*, const ForeignKeyDef*>> referencing_;
  std::string key_;
  std::string prefix_;
  std::string record_;
  std::vector<ValueRef> refs_;
  std::vector<ValueRef> old_refs_;
};

// Reads every rowid of a table in order (the target list of an unfiltered UPDATE/DELETE
// and the fallback scan). REQUIRES: r reads the state the statement runs on.
Status ReadRow(PageReader* r, const TableDef& table, int64_t rowid, std::vector<Value>* out,
               bool* found);

// "(a, b)=(1, 'x')" for messages, at most ~100 bytes of values (ENGINE.md §10).
std::string DescribeKey(const TableDef& table, const std::vector<int>& columns,
                        const std::vector<ValueRef>& values);

}  // namespace exec
}  // namespace decentdb
