// The recursive-descent parser shared by parser_expr.cc (Pratt expression parsing) and
// parser_stmt.cc (statements). Not part of the engine's interface: use parser.h. Owns a
// three-token lookahead over the Lexer and the nesting counters that keep deep input
// from exhausting the stack (ENGINE.md §10 limits).
#pragma once

#include <string>
#include <string_view>

#include "sql/ast.h"
#include "sql/lexer.h"

#if defined(__GNUC__)
#define DDB_SQL_NOINLINE __attribute__((noinline))
#else
#define DDB_SQL_NOINLINE
#endif

namespace decentdb {
namespace sql {

// Binding powers, lowest first (ENGINE.md §7.2). Comparison and the BETWEEN/IN/LIKE
// family are non-associative.
enum Prec : int {
  kPrecNone = 0,
  kPrecOr,
  kPrecAnd,
  kPrecNot,
  kPrecIs,
  kPrecCmp,
  kPrecLikeIn,
  kPrecConcat,
  kPrecAdd,
  kPrecMul,
  kPrecUnary,
  kPrecCast,
  kPrecAtom,
};

// ENGINE.md §10: at most 1000 columns in a table or a select list.
constexpr size_t kMaxColumns = 1000;

// True for the unquoted word `word` (any case); for words that are not keywords.
inline bool WordIs(const Token& t, const char* word) {
  return t.kind == Tok::kIdent && !t.quoted && IdentEquals(t.text, word);
}

class Parser {
 public:
  Parser(std::string_view text, size_t start, Arena* arena);

  // Parses one statement starting at the current position; stops before ';' or the end.
  Status ParseStatement(Stmt** out);
  // Skips any ';' tokens. Returns true when the end of the text was reached.
  Status SkipSemicolons(bool* at_end);
  // True when the next token is ';' or the end of the text.
  Status AtStatementEnd(bool* yes);
  // Byte offset of the next token (after whitespace), and the end of the last token.
  uint32_t NextTokenPos() { return Peek().pos; }
  uint32_t LastTokenEnd() const { return last_end_; }
  int max_param() const { return max_param_; }

  // --- expressions (parser_expr.cc)
  Status ParseExpr(int min_prec, Expr** out);
  Status ParseTypeName(TypeName* out);
  Status ParseOrderByList(ArenaVec<OrderItem>* out);

  // --- statements and queries (parser_stmt.cc)
  Status ParseSelect(SelectStmt** out);

 private:
  friend struct DepthGuard;

  // Token access. Lexer errors are sticky: the failing position reads as the end of
  // input and Finish() reports the lexer's message.
  const Token& Peek(int k = 0);
  Token Take();
  bool IsKw(Kw kw, int k = 0) { const Token& t = Peek(k); return t.kind == Tok::kIdent && !t.quoted && t.kw == kw; }
  bool Is(Tok kind, int k = 0) { return Peek(k).kind == kind; }
  bool AcceptKw(Kw kw) { if (!IsKw(kw)) return false; Take(); return true; }
  bool Accept(Tok kind) { if (!Is(kind)) return false; Take(); return true; }
  Status ExpectKw(Kw kw);
  Status Expect(Tok kind, const char* what);

  // Errors at the next token (or a given token), with "near" context.
  // The const char* overloads keep the std::string temporaries out of the callers'
  // frames (see ParseLeaf on stack use).
  DDB_SQL_NOINLINE Status Error(const char* message);
  DDB_SQL_NOINLINE Status NotSupported(const char* what);
  DDB_SQL_NOINLINE Status ErrorAt(const Token& t, const char* message);
  Status Error(const std::string& message);
  Status ErrorAt(const Token& t, const std::string& message);
  Status NotSupported(const std::string& what);
  Status NotSupportedAt(uint32_t pos, const std::string& what);
 public:
  // The error to report for a failed parse: the lexer's if it failed first.
  Status Finish(Status parse_status);
 private:

  // Names.
  bool IsNameToken(int k = 0);  // quoted identifier or unreserved word
  Status ParseName(Ident* out, const char* what);
  Status ParseNameList(ArenaVec<Ident>* out, const char* what);  // "(a, b)"
  Status ParseOptionalAlias(Ident* out, bool* has_alias, bool allow_implicit);
  Ident MakeIdent(const Token& t);
  Status CheckPlainName(const Ident& first);  // rejects schema-qualified names

  // Expressions.
  Status ParsePrefix(Expr** out);
  Status ParseInfix(int prec, Expr* left, Expr** out);
  Status ParseLeaf(Expr** out, bool* handled);
  Status ParseColumnRef(Expr** out);
  Status ParseCast(Expr** out);
  Status ParseSubqueryExpr(ExprKind kind, Expr** out);
  Status ParseFunction(Expr** out);  // at the function name
  Status ParseSpecialFunction(Expr* fn, bool* handled);
  Status ParseCase(Expr** out);
  Status ParseNumber(const Token& t, bool negate, Expr** out);
  Status ParseWindow(WindowSpec** out);
  Status ParseSubqueryInParens(SelectStmt** out);  // at '(' SELECT|WITH ...
  Expr* NewExpr(ExprKind kind, uint32_t pos);

  // Queries.
  Status ParseQueryBody(int min_prec, QueryBody** out);
  Status ParseQueryPrimary(QueryBody** out);
  Status ParseSelectCore(SelectCore** out);
  Status ParseSelectItems(ArenaVec<SelectItem>* out);
  Status ParseFromList(TableRef** out);
  Status ParseTableRef(TableRef** out);
  Status ParseTablePrimary(TableRef** out);
  Status ParseLimitValue(Expr** out, const char* clause);

  // Statements.
  Status ParseStatementInner(Stmt** out, bool in_explain);
  Status ParseCreate(Stmt* stmt);
  Status ParseCreateTable(Stmt* stmt);
  Status ParseColumnDef(ColumnDef* out);
  Status ParseReferences(ForeignKeyRef* out);
  Status ParseTableConstraint(TableConstraint* out);
  Status ParseCreateIndex(Stmt* stmt, bool unique);
  Status ParseCreateView(Stmt* stmt, bool or_replace);
  Status ParseDrop(Stmt* stmt);
  Status ParseAlter(Stmt* stmt);
  Status ParseInsert(Stmt* stmt);
  Status ParseUpdate(Stmt* stmt);
  Status ParseDelete(Stmt* stmt);
  Status ParseAssignments(ArenaVec<Assignment>* out);
  Status ParseReturning(ArenaVec<SelectItem>* out);
  Status ParseTransaction(Stmt* stmt);

  std::string_view text_;
  Arena* arena_;
  Lexer lexer_;
  Token buf_[4];
  int buffered_ = 0;
  Status lex_status_;
  uint32_t lex_error_pos_ = 0;
  uint32_t parse_error_pos_ = 0;
  uint32_t last_end_ = 0;
  // Expression nesting (ENGINE.md §10: at most 1000): every recursively parsed operand
  // and every parenthesized group is one level, so the bound also caps the stack.
  int depth_ = 0;
  int subquery_depth_ = 0;  // SELECT nesting
  int max_param_ = 0;
};

// Limits recursion: every recursive construct holds one while it parses.
struct DepthGuard {
  DepthGuard(Parser* p, int* counter) : counter_(counter) { ++*counter_; (void)p; }
  ~DepthGuard() { --*counter_; }
  int* counter_;
};

}  // namespace sql
}  // namespace decentdb
