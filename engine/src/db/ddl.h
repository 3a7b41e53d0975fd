// DDL statements: maps the AST of CREATE TABLE / CREATE INDEX to the catalog's TableSpec
// and IndexSpec (declared types resolved, constraints collected, DEFAULT and CHECK kept as
// canonical text) and runs CREATE/DROP TABLE and INDEX in a write transaction.
// Design: ENGINE.md §6 (catalog), §7.4 (DDL surface), §8.1 (declared types).
#pragma once

#include "catalog/catalog.h"
#include "sql/ast.h"
#include "util/status.h"

namespace decentdb {

// Builds the catalog spec of CREATE TABLE. DEFAULT expressions are checked to bind as
// constants assignable to their column (42703 if they name a column, 22P02/42804 when
// they cannot be coerced). SET DEFAULT FK actions are 0A000; CHECK expressions are
// validated and unnamed ones named (db/checks.h).
Status BuildTableSpec(const sql::CreateTableStmt& st, const sql::Stmt& whole, TableSpec* out);
Status BuildIndexSpec(const sql::CreateIndexStmt& st, IndexSpec* out);

// Runs a DDL statement (kCreateTable, kCreateIndex, kDropTable, kDropIndex, kAlterTable,
// kCreateView, kDropView) in txn.
// REQUIRES: txn is the statement's write transaction; stmt.kind is one of the above.
Status ExecuteDdl(Catalog* catalog, WriteTxn* txn, const sql::Stmt& stmt);

}  // namespace decentdb
