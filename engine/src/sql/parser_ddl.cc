// Parser part 3: DDL (CREATE/DROP TABLE, INDEX and VIEW, ALTER TABLE) with every column
// and table constraint, and transaction control (BEGIN, COMMIT, ROLLBACK, SAVEPOINT,
// RELEASE, ROLLBACK TO). Surface: ENGINE.md §7.4-7.5; declared types: §8.1.
#include <cstring>
#include <string>

#include "sql/parser_internal.h"

namespace decentdb {
namespace sql {

Status Parser::ParseCreate(Stmt* stmt) {
  Take();  // CREATE
  if (AcceptKw(Kw::kOR)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kREPLACE));
    if (!IsKw(Kw::kVIEW)) return Error("expected VIEW after CREATE OR REPLACE");
    Take();
    return ParseCreateView(stmt, true);
  }
  if (AcceptKw(Kw::kTABLE)) return ParseCreateTable(stmt);
  if (AcceptKw(Kw::kVIEW)) return ParseCreateView(stmt, false);
  if (AcceptKw(Kw::kINDEX)) return ParseCreateIndex(stmt, false);
  if (AcceptKw(Kw::kUNIQUE)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kINDEX));
    return ParseCreateIndex(stmt, true);
  }
  const Token& t = Peek();
  if (t.kind == Tok::kIdent && !t.quoted) {
    return NotSupported("CREATE " + std::string(t.text));
  }
  return Error("expected TABLE, INDEX or VIEW after CREATE");
}

Status Parser::ParseCreateTable(Stmt* stmt) {
  CreateTableStmt* ct = arena_->Zeroed<CreateTableStmt>();
  stmt->kind = StmtKind::kCreateTable;
  stmt->create_table = ct;
  if (AcceptKw(Kw::kIF)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kNOT));
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kEXISTS));
    ct->if_not_exists = true;
  }
  DDB_RETURN_IF_ERROR(ParseName(&ct->name, "a table name"));
  DDB_RETURN_IF_ERROR(CheckPlainName(ct->name));
  if (IsKw(Kw::kAS)) return NotSupported("CREATE TABLE ... AS");
  DDB_RETURN_IF_ERROR(Expect(Tok::kLParen, "'(' and column definitions"));
  do {
    if (IsKw(Kw::kCONSTRAINT) || IsKw(Kw::kPRIMARY) || IsKw(Kw::kUNIQUE) ||
        IsKw(Kw::kFOREIGN) || IsKw(Kw::kCHECK)) {
      TableConstraint tc{};
      DDB_RETURN_IF_ERROR(ParseTableConstraint(&tc));
      ct->constraints.Push(arena_, tc);
    } else {
      ColumnDef col{};
      DDB_RETURN_IF_ERROR(ParseColumnDef(&col));
      ct->columns.Push(arena_, col);
      if (ct->columns.size > kMaxColumns) return Error("more than 1000 columns");
    }
  } while (Accept(Tok::kComma));
  DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "',' or ')'"));
  if (ct->columns.empty()) return Error("a table needs at least one column");
  if (WordIs(Peek(), "WITHOUT") || WordIs(Peek(), "STRICT")) return NotSupported("table options");
  return Status::OK();
}

Status Parser::ParseColumnDef(ColumnDef* col) {
  DDB_RETURN_IF_ERROR(ParseName(&col->name, "a column name"));
  {
    const Token& t = Peek();
    if (t.kind != Tok::kIdent || t.quoted || IsReservedKeyword(t.kw)) {
      return Error("expected a type name for column \"" + std::string(col->name.name) + "\"");
    }
  }
  DDB_RETURN_IF_ERROR(ParseTypeName(&col->type));
  for (;;) {
    ColumnConstraint c{};
    c.pos = Peek().pos;
    bool named = false;
    if (AcceptKw(Kw::kCONSTRAINT)) {
      DDB_RETURN_IF_ERROR(ParseName(&c.name, "a constraint name"));
      named = true;
    }
    if (AcceptKw(Kw::kPRIMARY)) {
      DDB_RETURN_IF_ERROR(ExpectKw(Kw::kKEY));
      c.kind = ColumnConstraint::kPrimaryKey;
      if (AcceptKw(Kw::kASC)) c.pk_dir = SortDir::kAsc;
      else if (AcceptKw(Kw::kDESC)) c.pk_dir = SortDir::kDesc;
      if (WordIs(Peek(), "AUTOINCREMENT")) return NotSupported("AUTOINCREMENT");
    } else if (IsKw(Kw::kNOT) && IsKw(Kw::kNULL, 1)) {
      Take();
      Take();
      c.kind = ColumnConstraint::kNotNull;
    } else if (AcceptKw(Kw::kNULL)) {
      c.kind = ColumnConstraint::kNull;
    } else if (AcceptKw(Kw::kUNIQUE)) {
      c.kind = ColumnConstraint::kUnique;
    } else if (AcceptKw(Kw::kDEFAULT)) {
      c.kind = ColumnConstraint::kDefault;
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &c.expr));
    } else if (IsKw(Kw::kREFERENCES)) {
      c.kind = ColumnConstraint::kReferences;
      DDB_RETURN_IF_ERROR(ParseReferences(&c.ref));
    } else if (AcceptKw(Kw::kCHECK)) {
      c.kind = ColumnConstraint::kCheck;
      DDB_RETURN_IF_ERROR(Expect(Tok::kLParen, "'(' after CHECK"));
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &c.expr));
      DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
    } else if (IsKw(Kw::kCOLLATE)) {
      return NotSupported("COLLATE");
    } else if (WordIs(Peek(), "GENERATED")) {
      return NotSupported("generated columns");
    } else if (named) {
      return Error("expected a constraint after CONSTRAINT name");
    } else {
      break;
    }
    col->constraints.Push(arena_, c);
  }
  return Status::OK();
}

Status Parser::ParseReferences(ForeignKeyRef* out) {
  DDB_RETURN_IF_ERROR(ExpectKw(Kw::kREFERENCES));
  DDB_RETURN_IF_ERROR(ParseName(&out->table, "a table name"));
  DDB_RETURN_IF_ERROR(CheckPlainName(out->table));
  if (Is(Tok::kLParen)) DDB_RETURN_IF_ERROR(ParseNameList(&out->columns, "a column name"));
  for (;;) {
    if (WordIs(Peek(), "MATCH")) return NotSupported("MATCH clauses");
    if (WordIs(Peek(), "DEFERRABLE") || (IsKw(Kw::kNOT) && WordIs(Peek(1), "DEFERRABLE"))) {
      return NotSupported("deferrable constraints");
    }
    if (!IsKw(Kw::kON) || !(IsKw(Kw::kDELETE, 1) || IsKw(Kw::kUPDATE, 1))) break;
    Take();
    Token which = Take();
    FkAction* slot = which.kw == Kw::kDELETE ? &out->on_delete : &out->on_update;
    if (*slot != FkAction::kNone) return ErrorAt(which, "action given twice");
    if (AcceptKw(Kw::kNO)) {
      DDB_RETURN_IF_ERROR(ExpectKw(Kw::kACTION));
      *slot = FkAction::kNoAction;
    } else if (AcceptKw(Kw::kRESTRICT)) {
      *slot = FkAction::kRestrict;
    } else if (AcceptKw(Kw::kCASCADE)) {
      *slot = FkAction::kCascade;
    } else if (AcceptKw(Kw::kSET)) {
      if (AcceptKw(Kw::kNULL)) *slot = FkAction::kSetNull;
      else if (AcceptKw(Kw::kDEFAULT)) *slot = FkAction::kSetDefault;
      else return Error("expected NULL or DEFAULT after SET");
    } else {
      return Error("expected NO ACTION, RESTRICT, CASCADE, SET NULL or SET DEFAULT");
    }
  }
  return Status::OK();
}

Status Parser::ParseTableConstraint(TableConstraint* tc) {
  tc->pos = Peek().pos;
  if (AcceptKw(Kw::kCONSTRAINT)) DDB_RETURN_IF_ERROR(ParseName(&tc->name, "a constraint name"));
  if (AcceptKw(Kw::kPRIMARY)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kKEY));
    tc->kind = TableConstraint::kPrimaryKey;
    return ParseNameList(&tc->columns, "a column name");
  }
  if (AcceptKw(Kw::kUNIQUE)) {
    tc->kind = TableConstraint::kUnique;
    return ParseNameList(&tc->columns, "a column name");
  }
  if (AcceptKw(Kw::kFOREIGN)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kKEY));
    tc->kind = TableConstraint::kForeignKey;
    DDB_RETURN_IF_ERROR(ParseNameList(&tc->columns, "a column name"));
    return ParseReferences(&tc->ref);
  }
  if (AcceptKw(Kw::kCHECK)) {
    tc->kind = TableConstraint::kCheck;
    DDB_RETURN_IF_ERROR(Expect(Tok::kLParen, "'(' after CHECK"));
    DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &tc->check));
    return Expect(Tok::kRParen, "')'");
  }
  return Error("expected PRIMARY KEY, UNIQUE, FOREIGN KEY or CHECK");
}

Status Parser::ParseCreateIndex(Stmt* stmt, bool unique) {
  CreateIndexStmt* ci = arena_->Zeroed<CreateIndexStmt>();
  stmt->kind = StmtKind::kCreateIndex;
  stmt->create_index = ci;
  ci->unique = unique;
  if (AcceptKw(Kw::kIF)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kNOT));
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kEXISTS));
    ci->if_not_exists = true;
  }
  if (IsKw(Kw::kON)) return Error("expected an index name");
  DDB_RETURN_IF_ERROR(ParseName(&ci->name, "an index name"));
  DDB_RETURN_IF_ERROR(CheckPlainName(ci->name));
  DDB_RETURN_IF_ERROR(ExpectKw(Kw::kON));
  DDB_RETURN_IF_ERROR(ParseName(&ci->table, "a table name"));
  DDB_RETURN_IF_ERROR(CheckPlainName(ci->table));
  if (AcceptKw(Kw::kUSING)) DDB_RETURN_IF_ERROR(ParseName(&ci->method, "an index method"));
  DDB_RETURN_IF_ERROR(Expect(Tok::kLParen, "'(' and index columns"));
  do {
    IndexColumn col{};
    bool plain = IsNameToken() && (Is(Tok::kComma, 1) || Is(Tok::kRParen, 1) ||
                                   IsKw(Kw::kASC, 1) || IsKw(Kw::kDESC, 1));
    if (!plain) {
      if (IsNameToken() && IsKw(Kw::kNULLS, 1)) return NotSupported("NULLS FIRST/LAST in indexes");
      if (IsNameToken() && IsKw(Kw::kCOLLATE, 1)) return NotSupported("COLLATE");
      if (Is(Tok::kRParen)) return Error("expected a column name");
      return NotSupported("expression indexes");
    }
    DDB_RETURN_IF_ERROR(ParseName(&col.name, "a column name"));
    if (AcceptKw(Kw::kASC)) col.dir = SortDir::kAsc;
    else if (AcceptKw(Kw::kDESC)) col.dir = SortDir::kDesc;
    ci->columns.Push(arena_, col);
  } while (Accept(Tok::kComma));
  DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "',' or ')'"));
  if (IsKw(Kw::kWHERE)) return NotSupported("partial indexes");
  return Status::OK();
}

Status Parser::ParseCreateView(Stmt* stmt, bool or_replace) {
  CreateViewStmt* cv = arena_->Zeroed<CreateViewStmt>();
  stmt->kind = StmtKind::kCreateView;
  stmt->create_view = cv;
  cv->or_replace = or_replace;
  if (AcceptKw(Kw::kIF)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kNOT));
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kEXISTS));
    cv->if_not_exists = true;
  }
  DDB_RETURN_IF_ERROR(ParseName(&cv->name, "a view name"));
  DDB_RETURN_IF_ERROR(CheckPlainName(cv->name));
  if (Is(Tok::kLParen)) DDB_RETURN_IF_ERROR(ParseNameList(&cv->columns, "a column name"));
  DDB_RETURN_IF_ERROR(ExpectKw(Kw::kAS));
  if (!IsKw(Kw::kSELECT) && !IsKw(Kw::kWITH) && !Is(Tok::kLParen)) return Error("expected SELECT");
  DDB_RETURN_IF_ERROR(ParseSelect(&cv->query));
  if (IsKw(Kw::kWITH)) return NotSupported("view options");
  return Status::OK();
}

Status Parser::ParseDrop(Stmt* stmt) {
  Take();  // DROP
  if (AcceptKw(Kw::kTABLE)) stmt->kind = StmtKind::kDropTable;
  else if (AcceptKw(Kw::kINDEX)) stmt->kind = StmtKind::kDropIndex;
  else if (AcceptKw(Kw::kVIEW)) stmt->kind = StmtKind::kDropView;
  else if (Is(Tok::kIdent) && !Peek().quoted) return NotSupported("DROP " + std::string(Peek().text));
  else return Error("expected TABLE, INDEX or VIEW after DROP");
  DropStmt* d = arena_->Zeroed<DropStmt>();
  stmt->drop = d;
  if (AcceptKw(Kw::kIF)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kEXISTS));
    d->if_exists = true;
  }
  DDB_RETURN_IF_ERROR(ParseName(&d->name, "a name"));
  DDB_RETURN_IF_ERROR(CheckPlainName(d->name));
  if (Is(Tok::kComma)) return NotSupported("dropping several objects in one statement");
  if (IsKw(Kw::kCASCADE) || IsKw(Kw::kRESTRICT)) return NotSupported("DROP ... CASCADE/RESTRICT");
  return Status::OK();
}

Status Parser::ParseAlter(Stmt* stmt) {
  Take();  // ALTER
  if (!AcceptKw(Kw::kTABLE)) {
    if (Is(Tok::kIdent) && !Peek().quoted) return NotSupported("ALTER " + std::string(Peek().text));
    return Error("expected TABLE after ALTER");
  }
  AlterTableStmt* at = arena_->Zeroed<AlterTableStmt>();
  stmt->kind = StmtKind::kAlterTable;
  stmt->alter_table = at;
  DDB_RETURN_IF_ERROR(ParseName(&at->table, "a table name"));
  DDB_RETURN_IF_ERROR(CheckPlainName(at->table));
  if (AcceptKw(Kw::kADD)) {
    if (IsKw(Kw::kCONSTRAINT) || IsKw(Kw::kPRIMARY) || IsKw(Kw::kUNIQUE) ||
        IsKw(Kw::kFOREIGN) || IsKw(Kw::kCHECK)) {
      return NotSupported("ALTER TABLE ... ADD CONSTRAINT");
    }
    // "ADD COLUMN c t": COLUMN is the keyword only when a name and a type word follow
    // it ("ADD column INT NOT NULL" adds a column named "column").
    if (IsKw(Kw::kCOLUMN) && IsNameToken(1) && Is(Tok::kIdent, 2) && !Peek(2).quoted &&
        !IsReservedKeyword(Peek(2).kw)) {
      Take();
    }
    if (IsKw(Kw::kIF)) return NotSupported("ADD COLUMN IF NOT EXISTS");
    at->action = AlterTableStmt::kAddColumn;
    return ParseColumnDef(&at->column);
  }
  if (AcceptKw(Kw::kRENAME)) {
    if (AcceptKw(Kw::kTO)) {
      at->action = AlterTableStmt::kRenameTable;
      return ParseName(&at->new_name, "a table name");
    }
    if (IsKw(Kw::kCOLUMN) && IsNameToken(1) && IsKw(Kw::kTO, 2)) Take();
    at->action = AlterTableStmt::kRenameColumn;
    DDB_RETURN_IF_ERROR(ParseName(&at->old_name, "a column name"));
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kTO));
    return ParseName(&at->new_name, "a column name");
  }
  if (IsKw(Kw::kDROP)) return NotSupported("ALTER TABLE ... DROP");
  if (IsKw(Kw::kALTER)) return NotSupported("ALTER TABLE ... ALTER COLUMN");
  return Error("expected ADD or RENAME");
}

Status Parser::ParseTransaction(Stmt* stmt) {
  Token first = Take();
  TransactionStmt* tx = arena_->Zeroed<TransactionStmt>();
  stmt->txn = tx;
  auto optional_noise = [&]() {
    if (!AcceptKw(Kw::kTRANSACTION)) AcceptKw(Kw::kWORK);
  };
  switch (first.kw) {
    case Kw::kBEGIN:
      stmt->kind = StmtKind::kBegin;
      if (AcceptKw(Kw::kIMMEDIATE)) tx->immediate = true;
      else if (WordIs(Peek(), "DEFERRED") || WordIs(Peek(), "EXCLUSIVE")) {
        return NotSupported("BEGIN " + std::string(Peek().text));
      }
      optional_noise();
      break;
    case Kw::kSTART:
      stmt->kind = StmtKind::kBegin;
      tx->start_syntax = true;
      DDB_RETURN_IF_ERROR(ExpectKw(Kw::kTRANSACTION));
      break;
    case Kw::kCOMMIT:
    case Kw::kEND:
      stmt->kind = StmtKind::kCommit;
      optional_noise();
      break;
    case Kw::kROLLBACK:
      stmt->kind = StmtKind::kRollback;
      optional_noise();
      if (AcceptKw(Kw::kTO)) {
        stmt->kind = StmtKind::kRollbackTo;
        if (IsKw(Kw::kSAVEPOINT) && IsNameToken(1)) Take();
        DDB_RETURN_IF_ERROR(ParseName(&tx->savepoint, "a savepoint name"));
      }
      break;
    case Kw::kSAVEPOINT:
      stmt->kind = StmtKind::kSavepoint;
      DDB_RETURN_IF_ERROR(ParseName(&tx->savepoint, "a savepoint name"));
      break;
    case Kw::kRELEASE:
      stmt->kind = StmtKind::kRelease;
      if (IsKw(Kw::kSAVEPOINT) && IsNameToken(1)) Take();
      DDB_RETURN_IF_ERROR(ParseName(&tx->savepoint, "a savepoint name"));
      break;
    default:
      return ErrorAt(first, "expected a transaction statement");
  }
  if (WordIs(Peek(), "ISOLATION") || WordIs(Peek(), "READ") || IsKw(Kw::kNOT) ||
      WordIs(Peek(), "DEFERRABLE")) {
    return NotSupported("transaction modes");
  }
  return Status::OK();
}

}  // namespace sql
}  // namespace decentdb
