// ALTER TABLE (ADD COLUMN, RENAME COLUMN, RENAME TO) and CREATE/DROP VIEW: the M2 DDL
// that edits existing catalog entries. ADD COLUMN is O(1): old rows are short records
// that read the column's stored added value (ENGINE.md §2.4). Renames rewrite the
// canonical DDL text and CHECK text of every table that names the object and are
// refused while views depend on the table. Design: ENGINE.md §6, §7.5.
#pragma once

#include "catalog/catalog.h"
#include "sql/ast.h"
#include "util/status.h"

namespace decentdb {

// REQUIRES: txn is the statement's write transaction.
Status ExecuteAlterTable(Catalog* catalog, WriteTxn* txn, const sql::AlterTableStmt& st, const sql::Stmt& whole);
Status ExecuteCreateView(Catalog* catalog, WriteTxn* txn, const sql::CreateViewStmt& st, const sql::Stmt& whole);
Status ExecuteDropView(Catalog* catalog, WriteTxn* txn, const sql::DropStmt& st);

}  // namespace decentdb
