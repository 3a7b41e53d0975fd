// Catalog side of trigram indexes (ENGINE.md §6.2, §7.6): which CREATE INDEX ... USING
// trigram statements are accepted, and building the postings of a new index from the
// rows already in its table, in the CREATE INDEX transaction.
#include "btree/btree.h"
#include "catalog/catalog.h"
#include "search/postings.h"

namespace decentdb {

namespace {
// Pending (trigram, rowid) pairs after which a build writes its buffer: about 32 MiB of
// buffer, and each write appends to the last chunk of each trigram it touches.
constexpr size_t kBuildFlushPairs = size_t{2} << 20;
}  // namespace

Status Catalog::CheckTrigramIndex(const TableDef& table, const IndexDef& index) {
  if (index.unique) return Status::NotSupported("not supported: UNIQUE trigram indexes");
  if (index.columns.size() != 1)
    return Status::NotSupported("not supported: a trigram index on more than one column");
  const IndexColumn& ic = index.columns[0];
  const ColumnDef& col = table.columns[ic.column];
  const SqlType& ty = col.type.type;
  if (ty.cls != ValueType::kText || ty.logical != LogicalType::kNone)
    return Status::Sql("trigram index \"" + index.name + "\" needs a TEXT column; column \"" + col.name +
                           "\" has type " + col.type.declared,
                       "42804");
  if (ic.descending) return Status::Sql("a trigram index column has no sort order (DESC)", "42601");
  return Status::OK();
}

Status Catalog::BuildTrigramIndex(WriteTxn* txn, const TableDef& table, const IndexDef& index) {
  const int column = index.columns[0].column;
  search::TrigramDeltas deltas;
  BTreeCursor cur(txn, table.root, TreeKind::kTable);
  std::vector<Value> row;
  DDB_RETURN_IF_ERROR(cur.First());
  while (cur.Valid()) {
    std::string_view payload;
    DDB_RETURN_IF_ERROR(cur.Value(&payload));
    DDB_RETURN_IF_ERROR(DecodeRow(table, txn, cur.rowid(), payload, &row));
    const Value& v = row[column];
    if (v.type() == ValueType::kText) deltas.AddValue(v.bytes(), cur.rowid());
    if (deltas.pending() >= kBuildFlushPairs) {
      // Writing the index tree leaves the table cursor valid (another tree), but its
      // pinned leaf is re-read after the write through the same transaction.
      int64_t at = cur.rowid();
      cur.Reset();
      DDB_RETURN_IF_ERROR(deltas.Apply(txn, index.root));
      DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Rowid(at)));
    }
    DDB_RETURN_IF_ERROR(cur.Next());
  }
  cur.Reset();
  return deltas.Apply(txn, index.root);
}

}  // namespace decentdb
