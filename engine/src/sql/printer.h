// Canonical SQL printer for the AST: keywords upper case, one space around binary
// operators, the fewest parentheses that reparse to the same tree, declared types as
// stored. The catalog keeps DEFAULT, CHECK and view text in this form, and the parser's
// round-trip property (parse(print(ast)) == ast) is stated in terms of it.
// Design: ENGINE.md §7 (surface) and §6.2 (what the catalog stores).
#pragma once

#include <string>

#include "sql/ast.h"

namespace decentdb {
namespace sql {

enum class PrintMode {
  kCanonical,  // minimal parentheses: the form to store and show
  kExplicit,   // every compound expression in parentheses: a structural fingerprint,
               // so two trees are equal exactly when their explicit prints are equal
};

std::string ExprToSql(const Expr* e, PrintMode mode = PrintMode::kCanonical);
std::string SelectToSql(const SelectStmt* s, PrintMode mode = PrintMode::kCanonical);
std::string StmtToSql(const Stmt* s, PrintMode mode = PrintMode::kCanonical);
// An identifier as SQL: bare when that reads back the same, else "double-quoted".
std::string IdentToSql(const Ident& id);

}  // namespace sql
}  // namespace decentdb
