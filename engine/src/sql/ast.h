// Abstract syntax tree of one parsed SQL statement. Every node, list and string lives in
// the Arena of the ParsedStatement that owns the tree (see parser.h), so nodes are plain
// trivially destructible structs linked by raw pointers. Positions are byte offsets into
// the statement text, for binder error messages. Surface: ENGINE.md §7.4-7.5, §9.7.
//
// Invariants:
//  (A1) A pointer member documented as "optional" may be null; every other pointer is set.
//  (A2) Identifiers compare with IdentEquals (ASCII case-insensitive) whether quoted or
//       not; `quoted` only records the spelling so the printer can reproduce it.
//  (A3) TypeName::text is the declared type as written with whitespace normalized to one
//       space between words and none inside the parentheses ("DECIMAL(10,2)").
#pragma once

#include <cstdint>
#include <string_view>

#include "sql/arena.h"

namespace decentdb {
namespace sql {

struct SelectStmt;

// All AST structs are trivial aggregates: the parser creates them zero-filled in the arena.
struct Ident {
  std::string_view name;
  bool quoted;
  uint32_t pos;
};

// ASCII case-insensitive equality, the rule for all identifiers (A2, ENGINE.md §7.1).
bool IdentEquals(std::string_view a, std::string_view b);

struct TypeName {
  std::string_view text;  // (A3)
  uint32_t pos;
};

// ---------------------------------------------------------------- expressions

enum class ExprKind : uint8_t {
  kLiteral,
  kParam,      // $N
  kColumn,     // [table.]column
  kUnary,
  kBinary,
  kIs,         // x IS [NOT] NULL|TRUE|FALSE
  kBetween,
  kIn,         // x [NOT] IN (list) | (subquery)
  kLike,       // x [NOT] LIKE|ILIKE p [ESCAPE e]
  kCase,
  kCast,       // CAST(x AS t) or x::t
  kFunc,
  kExists,     // EXISTS (subquery)
  kSubquery,   // scalar (subquery)
  kDefault,    // the DEFAULT keyword inside INSERT ... VALUES
};

enum class LiteralKind : uint8_t {
  kNull, kBool, kInt, kFloat, kString, kBlob, kDate, kTime, kTimestamp,
};

enum class UnaryOp : uint8_t { kNot, kNeg, kPlus };

enum class BinaryOp : uint8_t {
  kOr, kAnd,
  kEq, kNe, kLt, kLe, kGt, kGe,
  kIsDistinctFrom, kIsNotDistinctFrom,
  kConcat,
  kAdd, kSub,
  kMul, kDiv, kMod,
};

enum class IsTest : uint8_t { kNull, kTrue, kFalse };

// Functions written with keyword syntax keep it so the printer can reproduce it.
enum class FuncSyntax : uint8_t {
  kCall,        // name(args)
  kBare,        // CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME: no parentheses
  kTrim,        // TRIM([LEADING|TRAILING|BOTH] [chars] FROM s): args = {s} or {s, chars}
  kSubstring,   // SUBSTRING(s FROM i [FOR n]): args = {s, i[, n]}
  kPosition,    // POSITION(a IN b): args = {a, b}
  kExtract,     // EXTRACT(field FROM x): field in FuncExpr::field, args = {x}
};

enum class TrimMode : uint8_t { kNone, kLeading, kTrailing, kBoth };

enum class SortDir : uint8_t { kDefault, kAsc, kDesc };
enum class NullsOrder : uint8_t { kDefault, kFirst, kLast };

struct Expr;

struct OrderItem {
  Expr* expr;
  SortDir dir;
  NullsOrder nulls;
};

struct WindowSpec {
  ArenaVec<Expr*> partition_by;
  ArenaVec<OrderItem> order_by;
};

struct CaseWhen {
  Expr* when;
  Expr* then;
};

struct Expr {
  ExprKind kind;
  uint32_t pos;  // byte offset of the construct in the statement text

  struct LiteralData {
    LiteralKind kind;
    bool bool_value;
    int64_t int_value;
    double float_value;
    // kFloat: source text (so DECIMAL assignment is exact); kString/kDate/kTime/
    // kTimestamp: the string value; kBlob: the bytes.
    std::string_view text;
  };
  struct ColumnData {
    Ident table;  // empty name when unqualified
    Ident column;
  };
  struct UnaryData {
    UnaryOp op;
    Expr* operand;
  };
  struct BinaryData {
    BinaryOp op;
    bool bang_ne;  // kNe written as != (kept only for fidelity; printed as <>)
    Expr* left;
    Expr* right;
  };
  struct IsData {
    Expr* operand;
    IsTest test;
    bool negated;
  };
  struct BetweenData {
    Expr* operand;
    Expr* low;
    Expr* high;
    bool negated;
  };
  struct InData {
    Expr* operand;
    ArenaVec<Expr*> list;    // empty when subquery is set
    SelectStmt* subquery;    // optional (A1)
    bool negated;
  };
  struct LikeData {
    Expr* operand;
    Expr* pattern;
    Expr* escape;  // optional
    bool ilike;
    bool negated;
  };
  struct CaseData {
    Expr* operand;  // optional: simple CASE when set
    ArenaVec<CaseWhen> whens;
    Expr* else_expr;  // optional
  };
  struct CastData {
    Expr* operand;
    TypeName type;
    bool double_colon;  // written x::t rather than CAST(x AS t)
  };
  struct FuncData {
    Ident name;
    ArenaVec<Expr*> args;
    FuncSyntax syntax;
    TrimMode trim_mode;
    bool star;       // f(*)
    bool distinct;   // f(DISTINCT ...)
    std::string_view field;  // kExtract: upper-cased field name
    WindowSpec* over;        // optional: f(...) OVER (...)
  };
  struct SubqueryData {
    SelectStmt* query;
  };

  union {
    LiteralData literal;
    int64_t param;
    ColumnData column;
    UnaryData unary;
    BinaryData binary;
    IsData is;
    BetweenData between;
    InData in;
    LikeData like;
    CaseData case_;
    CastData cast;
    FuncData func;
    SubqueryData subquery;  // kExists and kSubquery
  };
};

// Structural equality (ast.cc): ignores positions, identifier case and quoting, and
// spellings with one meaning (CAST vs ::, != vs <>). Either argument may be null.
bool ExprEquals(const Expr* a, const Expr* b);

// ---------------------------------------------------------------- queries

struct SelectItem {
  enum Kind : uint8_t { kExpr, kStar, kTableStar } kind;
  Expr* expr;    // kExpr
  Ident table;   // kTableStar
  Ident alias;   // kExpr, optional (empty name)
  bool has_alias;
};

struct TableRef {
  enum Kind : uint8_t { kTable, kSubquery, kJoin } kind;
  uint32_t pos;
  // kTable
  Ident name;
  // kSubquery
  SelectStmt* subquery;
  // kTable and kSubquery
  Ident alias;
  bool has_alias;
  ArenaVec<Ident> column_aliases;  // t AS a(x, y)
  // kJoin
  enum JoinType : uint8_t { kInner, kLeft, kCross, kComma } join_type;
  TableRef* left;
  TableRef* right;
  Expr* on;  // optional: absent for kCross and kComma
};

struct SelectCore {
  bool distinct;
  ArenaVec<SelectItem> items;
  TableRef* from;  // optional; comma lists are left-deep kComma joins
  Expr* where;     // optional
  ArenaVec<Expr*> group_by;
  Expr* having;    // optional
};

enum class SetOpKind : uint8_t { kUnion, kIntersect, kExcept };

// The body of a query: a SELECT core, a set operation, or a parenthesized query with
// its own ORDER BY/LIMIT.
struct QueryBody {
  enum Kind : uint8_t { kCore, kSetOp, kNested } kind;
  SelectCore* core;     // kCore
  SetOpKind op;         // kSetOp
  bool all;             // kSetOp: UNION ALL etc.
  QueryBody* left;      // kSetOp
  QueryBody* right;     // kSetOp
  SelectStmt* nested;   // kNested
};

struct CommonTableExpr {
  Ident name;
  ArenaVec<Ident> columns;
  SelectStmt* query;
};

struct SelectStmt {
  ArenaVec<CommonTableExpr> with;
  QueryBody* body;
  ArenaVec<OrderItem> order_by;
  Expr* limit;      // optional: an INT64 literal >= 0 or a parameter
  bool limit_all;   // LIMIT ALL was written
  Expr* offset;     // optional: like limit
  bool for_update;
  uint32_t pos;
};

// ---------------------------------------------------------------- statements

enum class StmtKind : uint8_t {
  kSelect, kInsert, kUpdate, kDelete,
  kCreateTable, kDropTable, kCreateIndex, kDropIndex, kCreateView, kDropView, kAlterTable,
  kBegin, kCommit, kRollback, kSavepoint, kRelease, kRollbackTo,
  kExplain,
};

enum class FkAction : uint8_t { kNone, kNoAction, kRestrict, kCascade, kSetNull, kSetDefault };

struct ForeignKeyRef {
  Ident table;
  ArenaVec<Ident> columns;  // empty: the parent's primary key
  FkAction on_delete;
  FkAction on_update;
};

struct ColumnConstraint {
  enum Kind : uint8_t { kPrimaryKey, kNotNull, kNull, kUnique, kDefault, kReferences, kCheck } kind;
  Ident name;  // CONSTRAINT name; optional (empty)
  SortDir pk_dir;       // kPrimaryKey
  Expr* expr;           // kDefault, kCheck
  ForeignKeyRef ref;    // kReferences
  uint32_t pos;
};

struct ColumnDef {
  Ident name;
  TypeName type;  // empty text when no type was written (ALTER TABLE ADD c without type is rejected)
  ArenaVec<ColumnConstraint> constraints;
};

struct TableConstraint {
  enum Kind : uint8_t { kPrimaryKey, kUnique, kForeignKey, kCheck } kind;
  Ident name;  // optional (empty)
  ArenaVec<Ident> columns;  // kPrimaryKey, kUnique, kForeignKey
  ForeignKeyRef ref;        // kForeignKey
  Expr* check;              // kCheck
  uint32_t pos;
};

struct CreateTableStmt {
  bool if_not_exists;
  Ident name;
  ArenaVec<ColumnDef> columns;
  ArenaVec<TableConstraint> constraints;
};

struct DropStmt {  // DROP TABLE | INDEX | VIEW
  bool if_exists;
  Ident name;
};

struct IndexColumn {
  Ident name;
  SortDir dir;
};

struct CreateIndexStmt {
  bool unique;
  bool if_not_exists;
  Ident name;
  Ident table;
  Ident method;  // USING method; optional (empty)
  ArenaVec<IndexColumn> columns;
};

struct CreateViewStmt {
  bool or_replace;
  bool if_not_exists;
  Ident name;
  ArenaVec<Ident> columns;
  SelectStmt* query;
};

struct AlterTableStmt {
  enum Action : uint8_t { kAddColumn, kRenameColumn, kRenameTable } action;
  Ident table;
  ColumnDef column;   // kAddColumn
  Ident old_name;     // kRenameColumn
  Ident new_name;     // kRenameColumn, kRenameTable
};

struct Assignment {
  Ident column;
  Expr* value;
};

struct OnConflict {
  ArenaVec<Ident> target_columns;
  Ident constraint;  // ON CONSTRAINT name; optional (empty)
  bool do_update;    // false: DO NOTHING
  ArenaVec<Assignment> set;
  Expr* where;       // optional
};

struct InsertStmt {
  Ident table;
  ArenaVec<Ident> columns;
  enum Source : uint8_t { kValues, kSelect, kDefaultValues } source;
  ArenaVec<ArenaVec<Expr*>> rows;  // kValues
  SelectStmt* select;              // kSelect
  OnConflict* on_conflict;         // optional
  ArenaVec<SelectItem> returning;
};

struct UpdateStmt {
  Ident table;
  Ident alias;  // optional (empty)
  ArenaVec<Assignment> set;
  Expr* where;  // optional
  ArenaVec<SelectItem> returning;
};

struct DeleteStmt {
  Ident table;
  Ident alias;  // optional (empty)
  Expr* where;  // optional
  ArenaVec<SelectItem> returning;
};

struct TransactionStmt {
  bool immediate;        // BEGIN IMMEDIATE
  bool start_syntax;     // START TRANSACTION rather than BEGIN
  Ident savepoint;       // kSavepoint, kRelease, kRollbackTo
};

struct Stmt;

struct ExplainStmt {
  bool analyze;
  Stmt* stmt;
};

struct Stmt {
  StmtKind kind;
  uint32_t pos;  // byte offset of the first token
  union {
    SelectStmt* select;
    InsertStmt* insert;
    UpdateStmt* update;
    DeleteStmt* delete_;
    CreateTableStmt* create_table;
    DropStmt* drop;
    CreateIndexStmt* create_index;
    CreateViewStmt* create_view;
    AlterTableStmt* alter_table;
    TransactionStmt* txn;
    ExplainStmt* explain;
  };
};

}  // namespace sql
}  // namespace decentdb
