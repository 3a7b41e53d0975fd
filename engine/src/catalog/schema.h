// In-memory schema: the tables, columns, constraints, indexes and views of one catalog
// version (one schema cookie). A Schema is immutable once built and shared by every
// transaction whose snapshot has that cookie, so readers never wait for DDL. Persistence
// is in catalog/catalog.h. Design: ENGINE.md §5.1 (rowid alias), §5.2 (index keys), §6.
//
// Invariants:
//  (S1) Object ids are unique across tables, indexes and views and never reused.
//  (S2) Names are unique per kind, compared with ASCII case folding (ENGINE.md §7.1);
//       tables and views share one namespace, indexes have their own.
//  (S3) Column indexes (IndexColumn::column, ForeignKeyDef columns, UniqueDef columns,
//       TableDef::rowid_alias) are positions in TableDef::columns.
//  (S4) Every PRIMARY KEY other than a rowid alias, every UNIQUE constraint and every FK
//       has a backing index whose leading columns are the constraint's columns.
//  (S5) TableDef::next_rowid is not part of the Schema: it changes without a cookie bump
//       and lives in the catalog row, read and written through Catalog (catalog.h).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "catalog/column_type.h"
#include "pager/page_store.h"
#include "record/value.h"

namespace decentdb {

using ObjectId = int64_t;
constexpr ObjectId kNoObject = 0;

struct ColumnDef {
  std::string name;            // as written at creation
  ColumnType type;
  bool not_null = false;
  std::string default_sql;     // canonical expression text; empty: no DEFAULT
  // Value of this column for rows written before an ADD COLUMN (ENGINE.md §2.4); NULL
  // for columns present from the start.
  Value added_value;
  int pk_ordinal = 0;          // 1-based position in the PRIMARY KEY, 0 if not in it
  bool auto_increment = false;  // the rowid alias (assigned when omitted or NULL)
};

enum class IndexKind : uint8_t { kBtree = 0, kTrigram = 1 };
enum class IndexOrigin : uint8_t { kExplicit = 0, kPrimaryKey = 1, kUnique = 2, kForeignKey = 3 };

struct IndexColumn {
  int column = 0;  // (S3)
  bool descending = false;
};

struct IndexDef {
  ObjectId id = kNoObject;
  std::string name;
  ObjectId table_id = kNoObject;
  IndexKind kind = IndexKind::kBtree;
  bool unique = false;
  IndexOrigin origin = IndexOrigin::kExplicit;
  std::vector<IndexColumn> columns;
  PageId root = kNoPage;
};

// PRIMARY KEY (not a rowid alias) or UNIQUE.
struct UniqueDef {
  std::string name;           // pk_<table>, uniq_<table>_<cols> or CONSTRAINT name
  std::vector<int> columns;   // (S3)
  bool primary = false;
  ObjectId index_id = kNoObject;  // (S4)
};

enum class FkAction : uint8_t { kNoAction = 0, kRestrict = 1, kCascade = 2, kSetNull = 3 };

struct ForeignKeyDef {
  std::string name;
  std::vector<int> child_columns;   // (S3) in the child table
  ObjectId parent_table_id = kNoObject;
  std::vector<int> parent_columns;  // (S3) in the parent table
  FkAction on_delete = FkAction::kNoAction;
  FkAction on_update = FkAction::kNoAction;
  ObjectId child_index_id = kNoObject;  // (S4)
};

struct CheckDef {
  std::string name;
  std::string expr_sql;  // canonical expression text
};

struct TableDef {
  ObjectId id = kNoObject;
  std::string name;
  PageId root = kNoPage;
  int rowid_alias = -1;  // column that is the rowid, or -1 for a hidden rowid
  std::vector<ColumnDef> columns;
  std::vector<UniqueDef> uniques;     // the PRIMARY KEY (if not a rowid alias) first
  std::vector<ForeignKeyDef> foreign_keys;
  std::vector<CheckDef> checks;
  std::string sql;  // canonical CREATE TABLE text

  // Position of a column by name (case-insensitive), or -1.
  int FindColumn(std::string_view column_name) const;
};

struct ViewDef {
  ObjectId id = kNoObject;
  std::string name;
  std::string sql;                        // canonical SELECT text
  std::vector<std::string> column_names;  // output names
  std::vector<ObjectId> depends_on;
};

// ASCII case-insensitive comparison of identifiers (ENGINE.md §7.1).
bool IdentEqual(std::string_view a, std::string_view b);
std::string IdentKey(std::string_view name);  // ASCII-lower-cased map key

// One immutable catalog version. Built by Catalog; readers hold it by shared_ptr.
class Schema {
 public:
  uint32_t cookie() const { return cookie_; }

  const TableDef* FindTable(std::string_view name) const;
  const TableDef* TableById(ObjectId id) const;
  const IndexDef* FindIndex(std::string_view name) const;
  const IndexDef* IndexById(ObjectId id) const;
  const ViewDef* FindView(std::string_view name) const;

  // In creation order.
  const std::vector<const TableDef*>& tables() const { return table_order_; }
  const std::vector<const ViewDef*>& views() const { return view_order_; }
  // Indexes of a table, in creation order.
  std::vector<const IndexDef*> IndexesOf(ObjectId table_id) const;
  // Foreign keys whose parent is table_id, with the child table each belongs to.
  std::vector<std::pair<const TableDef*, const ForeignKeyDef*>> ReferencesTo(ObjectId table_id) const;

  // Builders used by Catalog while loading or applying DDL.
  void set_cookie(uint32_t cookie) { cookie_ = cookie; }
  void AddTable(TableDef t);
  void AddIndex(IndexDef i);
  void AddView(ViewDef v);

 private:
  uint32_t cookie_ = 0;
  std::map<ObjectId, std::unique_ptr<TableDef>> tables_;
  std::map<ObjectId, std::unique_ptr<IndexDef>> indexes_;
  std::map<ObjectId, std::unique_ptr<ViewDef>> views_;
  std::map<std::string, ObjectId> table_names_;  // IdentKey -> id (tables and views)
  std::map<std::string, ObjectId> index_names_;
  std::vector<const TableDef*> table_order_;
  std::vector<const ViewDef*> view_order_;
};

}  // namespace decentdb
