// Catalog persistence and DDL: the catalog is an ordinary table tree (root in the header)
// keyed by object id, one row per table, index and view, plus one small sequence row per
// table holding next_rowid. Owns loading a Schema for a snapshot (cached per engine by
// schema cookie), CREATE/DROP TABLE and INDEX with their backing indexes, index builds,
// index-key construction, and rowid allocation. Design: ENGINE.md §5.1, §5.2, §6.
//
// Catalog rows (record fields):
//   id > 0 : [kind, name, table_id, root_page, meta BLOB, sql TEXT]
//   id = 0 : [kind=0, next_object_id]
//   id < 0 : [kind=4, next_rowid] for table -id  (S5: no cookie bump when it changes)
// Invariants:
//  (C1) Every DDL statement bumps the schema cookie exactly once, in its transaction.
//  (C2) A table's backing indexes are created in the same transaction as the table.
//  (C3) next_rowid is greater than every rowid ever assigned in the table, so rowids are
//       never reused.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "catalog/schema.h"
#include "pager/engine.h"
#include "util/status.h"

namespace decentdb {

// A CREATE TABLE after name resolution of its types, before ids and pages exist.
struct TableSpec {
  std::string name;
  bool if_not_exists = false;
  struct Column {
    std::string name;
    ColumnType type;
    bool not_null = false;
    std::string default_sql;
  };
  std::vector<Column> columns;
  struct Unique {
    std::string name;                  // empty: generated
    std::vector<std::string> columns;
    bool primary = false;
  };
  std::vector<Unique> uniques;  // column-level and table-level PRIMARY KEY / UNIQUE
  struct ForeignKey {
    std::string name;  // empty: generated
    std::vector<std::string> child_columns;
    std::string parent_table;
    std::vector<std::string> parent_columns;  // empty: the parent's primary key
    FkAction on_delete = FkAction::kNoAction;
    FkAction on_update = FkAction::kNoAction;
  };
  std::vector<ForeignKey> foreign_keys;
  std::vector<CheckDef> checks;
  std::string sql;  // canonical CREATE TABLE text
};

struct IndexSpec {
  std::string name;
  std::string table;
  bool if_not_exists = false;
  bool unique = false;
  IndexKind kind = IndexKind::kBtree;
  struct Column {
    std::string name;
    bool descending = false;
  };
  std::vector<Column> columns;
};

class Catalog {
 public:
  // The catalog state of an engine (created on first use, shared by its connections).
  static std::shared_ptr<Catalog> For(Engine* engine);

  // The schema visible to a transaction whose header is h. An empty schema (cookie 0)
  // when the database has no catalog tree yet. Pass cacheable = false from a write
  // transaction that ran DDL: its cookie is not committed and may be reused by another
  // transaction's DDL after a rollback, so its schema must never enter the cache.
  Status SchemaFor(PageReader* r, const HeaderFields& h, bool cacheable,
                   std::shared_ptr<const Schema>* out);

  // --- DDL; each runs inside the write transaction txn and bumps the cookie (C1). ---
  // *out_created is false when the object existed and if_not_exists was given.
  Status CreateTable(WriteTxn* txn, const TableSpec& spec, bool* out_created);
  Status CreateIndex(WriteTxn* txn, const IndexSpec& spec, bool* out_created);
  // Refuses a table that other tables' foreign keys reference or views read (ERR_SQL 2BP01).
  Status DropTable(WriteTxn* txn, const std::string& name, bool if_exists, bool* out_dropped);
  // Refuses indexes that back a PRIMARY KEY, UNIQUE or FOREIGN KEY constraint.
  Status DropIndex(WriteTxn* txn, const std::string& name, bool if_exists, bool* out_dropped);

  // --- M2 DDL (ENGINE.md §7.5); each bumps the cookie once (C1). ---
  // The schema of txn's current state, including its uncommitted DDL (never cached).
  Status SchemaOfWrite(WriteTxn* txn, std::shared_ptr<const Schema>* out) { return CurrentSchema(txn, out); }
  // Rewrites the catalog rows of existing tables (ALTER TABLE builds the new TableDefs;
  // ids, roots and indexes stay).
  Status ReplaceTables(WriteTxn* txn, const std::vector<TableDef>& tables);
  // Stores a view (id assigned here; name, sql, column_names and depends_on given).
  // OR REPLACE keeps the view's id so dependants stay valid.
  Status CreateView(WriteTxn* txn, const ViewDef& view, bool or_replace, bool if_not_exists,
                    bool* out_created);
  // Refuses a view other views depend on (2BP01).
  Status DropView(WriteTxn* txn, const std::string& name, bool if_exists, bool* out_dropped);

  // --- Rows and keys ---
  // Builds the key of index for a row (values in table column order) and its rowid.
  // A DECIMAL column's TEXT value is encoded numerically. ERR_SQL 54000 when the key is
  // longer than the page allows.
  static Status BuildIndexKey(const TableDef& table, const IndexDef& index, const ValueRef* row,
                              int64_t rowid, uint32_t page_size, std::string* out);
  // The key prefix without the rowid (for uniqueness checks and seeks).
  static Status BuildIndexPrefix(const TableDef& table, const IndexDef& index,
                                 const ValueRef* row, std::string* out);

  // Decodes a table row (record payload of rowid) into values in column order: the rowid
  // alias comes from the key, overflowed fields are read from their chains, and columns
  // missing from short records take their added value (ENGINE.md §2.4).
  static Status DecodeRow(const TableDef& table, PageReader* r, int64_t rowid,
                          std::string_view record, std::vector<Value>* out);
  // Encodes values in column order as a table record (the rowid alias stored as NULL),
  // moving large TEXT/BLOB fields to overflow chains of txn. Table trees are opened with
  // TreeOptions::records so that they own those chains.
  static Status EncodeRow(WriteTxn* txn, const TableDef& table, const ValueRef* row,
                          std::string* out);

  // Reserves the next rowid of a table (C3). explicit_rowid (when has_explicit) raises the
  // counter past it instead. Overflowing INT64 is ERR_CONSTRAINT.
  Status AllocateRowid(WriteTxn* txn, const TableDef& table, bool has_explicit,
                       int64_t explicit_rowid, int64_t* out_rowid);

 private:
  Status ReadSchema(PageReader* r, const HeaderFields& h, std::shared_ptr<Schema>* out);
  Status EnsureCatalogTree(WriteTxn* txn, HeaderFields* h);
  Status NextObjectId(WriteTxn* txn, PageId catalog_root, ObjectId* out);
  Status WriteTableRow(WriteTxn* txn, PageId catalog_root, const TableDef& t);
  Status WriteIndexRow(WriteTxn* txn, PageId catalog_root, const IndexDef& i);
  Status BuildIndex(WriteTxn* txn, const TableDef& table, const IndexDef& index);
  // Trigram indexes (catalog/trigram_catalog.cc, ENGINE.md §7.6).
  static Status CheckTrigramIndex(const TableDef& table, const IndexDef& index);
  static Status BuildTrigramIndex(WriteTxn* txn, const TableDef& table, const IndexDef& index);
  Status CurrentSchema(WriteTxn* txn, std::shared_ptr<const Schema>* out);
  void BumpCookie(WriteTxn* txn);

  std::mutex mu_;
  std::map<uint32_t, std::shared_ptr<const Schema>> cache_;  // by cookie; guarded by mu_
};

}  // namespace decentdb
