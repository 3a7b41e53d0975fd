// Parser part 2: queries (WITH, set operations, SELECT cores, FROM and joins,
// ORDER BY/LIMIT/OFFSET, FOR UPDATE), DML, statement dispatch and EXPLAIN, plus the
// public entry points of parser.h (DDL is in parser_ddl.cc).
// Surface: ENGINE.md §7.4-7.5, §9.7; limits §10.
#include <cstring>
#include <memory>
#include <string>

#include "sql/parser.h"
#include "sql/parser_internal.h"

namespace decentdb {
namespace sql {

namespace {

// Statement words outside the supported surface, answered with "not supported".
const char* const kUnsupportedStatements[] = {
    "ANALYZE", "ATTACH", "CALL", "CHECKPOINT", "CLUSTER", "COMMENT", "COPY", "DEALLOCATE",
    "DECLARE", "DETACH", "DISCARD", "DO", "EXECUTE", "GRANT", "IMPORT", "LISTEN", "LOCK",
    "MERGE", "NOTIFY", "PRAGMA", "PREPARE", "REINDEX", "REPLACE", "RESET", "REVOKE", "SET",
    "SHOW", "TRUNCATE", "UPSERT", "VACUUM",
};

}  // namespace

// ---------------------------------------------------------------- queries

Status Parser::ParseSelect(SelectStmt** out) {
  DepthGuard guard(this, &subquery_depth_);
  if (subquery_depth_ > kMaxSubqueryDepth) {
    return Error("subquery nesting exceeds the limit of 64 levels");
  }
  SelectStmt* s = arena_->Zeroed<SelectStmt>();
  s->pos = Peek().pos;
  if (AcceptKw(Kw::kWITH)) {
    if (IsKw(Kw::kRECURSIVE)) return NotSupported("WITH RECURSIVE");
    do {
      CommonTableExpr cte{};
      DDB_RETURN_IF_ERROR(ParseName(&cte.name, "a common table expression name"));
      if (Is(Tok::kLParen)) DDB_RETURN_IF_ERROR(ParseNameList(&cte.columns, "a column name"));
      DDB_RETURN_IF_ERROR(ExpectKw(Kw::kAS));
      if (WordIs(Peek(), "MATERIALIZED") || IsKw(Kw::kNOT)) {
        return NotSupported("[NOT] MATERIALIZED");
      }
      if (!Is(Tok::kLParen)) return Error("expected '(' before the common table expression");
      DDB_RETURN_IF_ERROR(ParseSubqueryInParens(&cte.query));
      s->with.Push(arena_, cte);
    } while (Accept(Tok::kComma));
  }
  DDB_RETURN_IF_ERROR(ParseQueryBody(1, &s->body));
  if (AcceptKw(Kw::kORDER)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kBY));
    DDB_RETURN_IF_ERROR(ParseOrderByList(&s->order_by));
  }
  bool seen_limit = false, seen_offset = false;
  for (;;) {
    if (IsKw(Kw::kLIMIT)) {
      if (seen_limit) return Error("LIMIT given twice");
      Take();
      seen_limit = true;
      if (AcceptKw(Kw::kALL)) {
        s->limit_all = true;
      } else {
        DDB_RETURN_IF_ERROR(ParseLimitValue(&s->limit, "LIMIT"));
      }
    } else if (IsKw(Kw::kOFFSET)) {
      if (seen_offset) return Error("OFFSET given twice");
      Take();
      seen_offset = true;
      DDB_RETURN_IF_ERROR(ParseLimitValue(&s->offset, "OFFSET"));
    } else {
      break;
    }
  }
  if (IsKw(Kw::kFETCH)) return NotSupported("FETCH FIRST (use LIMIT)");
  if (IsKw(Kw::kFOR)) {
    Take();
    if (!AcceptKw(Kw::kUPDATE)) return NotSupported("row locking other than FOR UPDATE");
    if (WordIs(Peek(), "OF") || WordIs(Peek(), "NOWAIT") || WordIs(Peek(), "SKIP")) {
      return NotSupported("FOR UPDATE options");
    }
    s->for_update = true;
  }
  *out = s;
  return Status::OK();
}

Status Parser::ParseLimitValue(Expr** out, const char* clause) {
  Token start = Peek();
  DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, out));
  const Expr* e = *out;
  bool ok = e->kind == ExprKind::kParam ||
            (e->kind == ExprKind::kLiteral && e->literal.kind == LiteralKind::kInt &&
             e->literal.int_value >= 0);
  if (!ok) {
    return ErrorAt(start, std::string(clause) + " must be a non-negative integer or a $N parameter");
  }
  return Status::OK();
}

Status Parser::ParseQueryBody(int min_prec, QueryBody** out) {
  QueryBody* left = nullptr;
  DDB_RETURN_IF_ERROR(ParseQueryPrimary(&left));
  for (;;) {
    // INTERSECT binds tighter than UNION and EXCEPT, as in PostgreSQL.
    int prec;
    SetOpKind op;
    if (IsKw(Kw::kUNION)) prec = 1, op = SetOpKind::kUnion;
    else if (IsKw(Kw::kEXCEPT)) prec = 1, op = SetOpKind::kExcept;
    else if (IsKw(Kw::kINTERSECT)) prec = 2, op = SetOpKind::kIntersect;
    else break;
    if (prec < min_prec) break;
    Take();
    QueryBody* b = arena_->Zeroed<QueryBody>();
    b->kind = QueryBody::kSetOp;
    b->op = op;
    if (AcceptKw(Kw::kALL)) b->all = true;
    else AcceptKw(Kw::kDISTINCT);
    b->left = left;
    DDB_RETURN_IF_ERROR(ParseQueryBody(prec + 1, &b->right));
    left = b;
  }
  *out = left;
  return Status::OK();
}

Status Parser::ParseQueryPrimary(QueryBody** out) {
  QueryBody* b = arena_->Zeroed<QueryBody>();
  if (IsKw(Kw::kSELECT)) {
    b->kind = QueryBody::kCore;
    DDB_RETURN_IF_ERROR(ParseSelectCore(&b->core));
  } else if (Is(Tok::kLParen)) {
    Take();
    b->kind = QueryBody::kNested;
    DDB_RETURN_IF_ERROR(ParseSelect(&b->nested));
    DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
  } else if (IsKw(Kw::kVALUES)) {
    return NotSupported("VALUES as a query");
  } else {
    return Error("expected SELECT");
  }
  *out = b;
  return Status::OK();
}

Status Parser::ParseSelectCore(SelectCore** out) {
  DDB_RETURN_IF_ERROR(ExpectKw(Kw::kSELECT));
  SelectCore* c = arena_->Zeroed<SelectCore>();
  if (AcceptKw(Kw::kDISTINCT)) {
    if (IsKw(Kw::kON)) return NotSupported("DISTINCT ON");
    c->distinct = true;
  } else {
    AcceptKw(Kw::kALL);
  }
  DDB_RETURN_IF_ERROR(ParseSelectItems(&c->items));
  if (IsKw(Kw::kINTO)) return NotSupported("SELECT INTO");
  if (AcceptKw(Kw::kFROM)) DDB_RETURN_IF_ERROR(ParseFromList(&c->from));
  if (AcceptKw(Kw::kWHERE)) DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &c->where));
  if (AcceptKw(Kw::kGROUP)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kBY));
    do {
      Expr* e = nullptr;
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &e));
      c->group_by.Push(arena_, e);
    } while (Accept(Tok::kComma));
  }
  if (AcceptKw(Kw::kHAVING)) DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &c->having));
  if (IsKw(Kw::kWINDOW)) return NotSupported("WINDOW clauses");
  *out = c;
  return Status::OK();
}

Status Parser::ParseSelectItems(ArenaVec<SelectItem>* out) {
  do {
    SelectItem item{};
    if (Is(Tok::kStar)) {
      Take();
      item.kind = SelectItem::kStar;
    } else if (Is(Tok::kIdent) && Is(Tok::kDot, 1) && Is(Tok::kStar, 2)) {
      item.kind = SelectItem::kTableStar;
      item.table = MakeIdent(Take());
      Take();
      Take();
    } else {
      item.kind = SelectItem::kExpr;
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &item.expr));
      DDB_RETURN_IF_ERROR(ParseOptionalAlias(&item.alias, &item.has_alias, true));
    }
    out->Push(arena_, item);
    if (out->size > kMaxColumns) return Error("more than 1000 result columns");
  } while (Accept(Tok::kComma));
  return Status::OK();
}

Status Parser::ParseFromList(TableRef** out) {
  TableRef* left = nullptr;
  DDB_RETURN_IF_ERROR(ParseTableRef(&left));
  while (Is(Tok::kComma)) {
    Token comma = Take();
    TableRef* j = arena_->Zeroed<TableRef>();
    j->kind = TableRef::kJoin;
    j->join_type = TableRef::kComma;
    j->pos = comma.pos;
    j->left = left;
    DDB_RETURN_IF_ERROR(ParseTableRef(&j->right));
    left = j;
  }
  *out = left;
  return Status::OK();
}

Status Parser::ParseTableRef(TableRef** out) {
  TableRef* left = nullptr;
  DDB_RETURN_IF_ERROR(ParseTablePrimary(&left));
  for (;;) {
    Token start = Peek();
    TableRef::JoinType type;
    if (IsKw(Kw::kJOIN)) {
      type = TableRef::kInner;
    } else if (IsKw(Kw::kINNER)) {
      Take();
      type = TableRef::kInner;
      if (!IsKw(Kw::kJOIN)) return Error("expected JOIN");
    } else if (IsKw(Kw::kLEFT)) {
      Take();
      AcceptKw(Kw::kOUTER);
      type = TableRef::kLeft;
      if (!IsKw(Kw::kJOIN)) return Error("expected JOIN");
    } else if (IsKw(Kw::kCROSS)) {
      Take();
      type = TableRef::kCross;
      if (!IsKw(Kw::kJOIN)) return Error("expected JOIN");
    } else if (IsKw(Kw::kRIGHT) || IsKw(Kw::kFULL)) {
      return NotSupported("RIGHT and FULL joins");
    } else if (IsKw(Kw::kNATURAL)) {
      return NotSupported("NATURAL joins");
    } else {
      break;
    }
    Take();  // JOIN
    TableRef* j = arena_->Zeroed<TableRef>();
    j->kind = TableRef::kJoin;
    j->join_type = type;
    j->pos = start.pos;
    j->left = left;
    DDB_RETURN_IF_ERROR(ParseTablePrimary(&j->right));
    if (type != TableRef::kCross) {
      if (IsKw(Kw::kUSING)) return NotSupported("JOIN ... USING");
      DDB_RETURN_IF_ERROR(ExpectKw(Kw::kON));
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &j->on));
    }
    left = j;
  }
  *out = left;
  return Status::OK();
}

Status Parser::ParseTablePrimary(TableRef** out) {
  TableRef* t = arena_->Zeroed<TableRef>();
  t->pos = Peek().pos;
  if (IsKw(Kw::kLATERAL)) return NotSupported("LATERAL");
  if (Is(Tok::kLParen)) {
    if (IsKw(Kw::kSELECT, 1) || IsKw(Kw::kWITH, 1)) {
      t->kind = TableRef::kSubquery;
      DDB_RETURN_IF_ERROR(ParseSubqueryInParens(&t->subquery));
    } else {
      // A parenthesized join tree: counts as nesting like a parenthesized expression.
      DepthGuard guard(this, &depth_);
      if (depth_ > kMaxExprDepth) return Error("nesting exceeds the limit of 1000 levels");
      Take();
      DDB_RETURN_IF_ERROR(ParseTableRef(out));
      return Expect(Tok::kRParen, "')'");
    }
  } else {
    t->kind = TableRef::kTable;
    DDB_RETURN_IF_ERROR(ParseName(&t->name, "a table name"));
    DDB_RETURN_IF_ERROR(CheckPlainName(t->name));
    if (Is(Tok::kLParen)) return NotSupported("table functions");
  }
  DDB_RETURN_IF_ERROR(ParseOptionalAlias(&t->alias, &t->has_alias, true));
  if (t->has_alias && Is(Tok::kLParen)) {
    DDB_RETURN_IF_ERROR(ParseNameList(&t->column_aliases, "a column alias"));
  }
  *out = t;
  return Status::OK();
}

// ---------------------------------------------------------------- DML

Status Parser::ParseAssignments(ArenaVec<Assignment>* out) {
  do {
    Assignment a{};
    if (Is(Tok::kLParen)) return NotSupported("multi-column assignments");
    DDB_RETURN_IF_ERROR(ParseName(&a.column, "a column name"));
    if (Is(Tok::kDot)) return NotSupportedAt(a.column.pos, "qualified column names in SET");
    DDB_RETURN_IF_ERROR(Expect(Tok::kEq, "'='"));
    if (IsKw(Kw::kDEFAULT)) {
      a.value = NewExpr(ExprKind::kDefault, Take().pos);
    } else {
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &a.value));
    }
    out->Push(arena_, a);
  } while (Accept(Tok::kComma));
  return Status::OK();
}

Status Parser::ParseReturning(ArenaVec<SelectItem>* out) {
  if (!AcceptKw(Kw::kRETURNING)) return Status::OK();
  return ParseSelectItems(out);
}

Status Parser::ParseInsert(Stmt* stmt) {
  Take();  // INSERT
  if (IsKw(Kw::kOR)) return NotSupported("INSERT OR ...; use ON CONFLICT");
  DDB_RETURN_IF_ERROR(ExpectKw(Kw::kINTO));
  InsertStmt* ins = arena_->Zeroed<InsertStmt>();
  stmt->kind = StmtKind::kInsert;
  stmt->insert = ins;
  DDB_RETURN_IF_ERROR(ParseName(&ins->table, "a table name"));
  DDB_RETURN_IF_ERROR(CheckPlainName(ins->table));
  if (IsKw(Kw::kAS)) return NotSupported("an alias for the INSERT target");
  if (Is(Tok::kLParen) && !IsKw(Kw::kSELECT, 1) && !IsKw(Kw::kWITH, 1)) {
    DDB_RETURN_IF_ERROR(ParseNameList(&ins->columns, "a column name"));
  }
  if (IsKw(Kw::kDEFAULT)) {
    Take();
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kVALUES));
    ins->source = InsertStmt::kDefaultValues;
  } else if (AcceptKw(Kw::kVALUES)) {
    ins->source = InsertStmt::kValues;
    do {
      Token open = Peek();
      DDB_RETURN_IF_ERROR(Expect(Tok::kLParen, "'('"));
      ArenaVec<Expr*> row{};
      do {
        Expr* e = nullptr;
        if (IsKw(Kw::kDEFAULT)) {
          e = NewExpr(ExprKind::kDefault, Take().pos);
        } else {
          DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &e));
        }
        row.Push(arena_, e);
      } while (Accept(Tok::kComma));
      DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "',' or ')'"));
      if (!ins->rows.empty() && ins->rows[0].size != row.size) {
        return ErrorAt(open, "VALUES lists must all have the same length");
      }
      ins->rows.Push(arena_, row);
    } while (Accept(Tok::kComma));
  } else if (IsKw(Kw::kSELECT) || IsKw(Kw::kWITH) || Is(Tok::kLParen)) {
    ins->source = InsertStmt::kSelect;
    DDB_RETURN_IF_ERROR(ParseSelect(&ins->select));
  } else {
    return Error("expected VALUES, SELECT or DEFAULT VALUES");
  }
  if (AcceptKw(Kw::kON)) {
    if (!WordIs(Peek(), "CONFLICT")) return Error("expected CONFLICT after ON");
    Token conflict = Take();
    OnConflict* oc = arena_->Zeroed<OnConflict>();
    ins->on_conflict = oc;
    if (Is(Tok::kLParen)) {
      DDB_RETURN_IF_ERROR(ParseNameList(&oc->target_columns, "a column name"));
      if (IsKw(Kw::kWHERE)) return NotSupported("ON CONFLICT target predicates");
    } else if (AcceptKw(Kw::kON)) {
      DDB_RETURN_IF_ERROR(ExpectKw(Kw::kCONSTRAINT));
      DDB_RETURN_IF_ERROR(ParseName(&oc->constraint, "a constraint name"));
    }
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kDO));
    if (AcceptKw(Kw::kNOTHING)) {
      oc->do_update = false;
    } else if (AcceptKw(Kw::kUPDATE)) {
      if (oc->target_columns.empty() && oc->constraint.name.empty()) {
        return ErrorAt(conflict, "ON CONFLICT DO UPDATE needs a conflict target (columns or ON CONSTRAINT)");
      }
      oc->do_update = true;
      DDB_RETURN_IF_ERROR(ExpectKw(Kw::kSET));
      DDB_RETURN_IF_ERROR(ParseAssignments(&oc->set));
      if (AcceptKw(Kw::kWHERE)) DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &oc->where));
    } else {
      return Error("expected NOTHING or UPDATE after DO");
    }
  }
  return ParseReturning(&ins->returning);
}

Status Parser::ParseUpdate(Stmt* stmt) {
  Take();  // UPDATE
  UpdateStmt* up = arena_->Zeroed<UpdateStmt>();
  stmt->kind = StmtKind::kUpdate;
  stmt->update = up;
  DDB_RETURN_IF_ERROR(ParseName(&up->table, "a table name"));
  DDB_RETURN_IF_ERROR(CheckPlainName(up->table));
  bool has_alias = false;
  DDB_RETURN_IF_ERROR(ParseOptionalAlias(&up->alias, &has_alias, true));
  DDB_RETURN_IF_ERROR(ExpectKw(Kw::kSET));
  DDB_RETURN_IF_ERROR(ParseAssignments(&up->set));
  if (IsKw(Kw::kFROM)) return NotSupported("UPDATE ... FROM");
  if (AcceptKw(Kw::kWHERE)) DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &up->where));
  return ParseReturning(&up->returning);
}

Status Parser::ParseDelete(Stmt* stmt) {
  Take();  // DELETE
  DDB_RETURN_IF_ERROR(ExpectKw(Kw::kFROM));
  DeleteStmt* del = arena_->Zeroed<DeleteStmt>();
  stmt->kind = StmtKind::kDelete;
  stmt->delete_ = del;
  DDB_RETURN_IF_ERROR(ParseName(&del->table, "a table name"));
  DDB_RETURN_IF_ERROR(CheckPlainName(del->table));
  bool has_alias = false;
  DDB_RETURN_IF_ERROR(ParseOptionalAlias(&del->alias, &has_alias, true));
  if (IsKw(Kw::kUSING)) return NotSupported("DELETE ... USING");
  if (AcceptKw(Kw::kWHERE)) DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &del->where));
  return ParseReturning(&del->returning);
}

// ---------------------------------------------------------------- dispatch

Status Parser::ParseStatementInner(Stmt** out, bool in_explain) {
  Stmt* stmt = arena_->Zeroed<Stmt>();
  const Token& t = Peek();
  stmt->pos = t.pos;
  *out = stmt;
  if (Is(Tok::kLParen) || IsKw(Kw::kSELECT) || IsKw(Kw::kWITH)) {
    stmt->kind = StmtKind::kSelect;
    return ParseSelect(&stmt->select);
  }
  if (t.kind != Tok::kIdent || t.quoted) return Error("expected a statement");
  switch (t.kw) {
    case Kw::kINSERT: return ParseInsert(stmt);
    case Kw::kUPDATE: return ParseUpdate(stmt);
    case Kw::kDELETE: return ParseDelete(stmt);
    default: break;
  }
  if (in_explain) return NotSupported("EXPLAIN of statements other than SELECT, INSERT, UPDATE and DELETE");
  switch (t.kw) {
    case Kw::kCREATE: return ParseCreate(stmt);
    case Kw::kDROP: return ParseDrop(stmt);
    case Kw::kALTER: return ParseAlter(stmt);
    case Kw::kBEGIN:
    case Kw::kSTART:
    case Kw::kCOMMIT:
    case Kw::kEND:
    case Kw::kROLLBACK:
    case Kw::kSAVEPOINT:
    case Kw::kRELEASE:
      return ParseTransaction(stmt);
    case Kw::kEXPLAIN: {
      Take();
      stmt->kind = StmtKind::kExplain;
      ExplainStmt* ex = arena_->Zeroed<ExplainStmt>();
      stmt->explain = ex;
      if (Is(Tok::kLParen)) return NotSupported("EXPLAIN options");
      if (AcceptKw(Kw::kANALYZE)) ex->analyze = true;
      return ParseStatementInner(&ex->stmt, true);
    }
    case Kw::kVALUES:
      return NotSupported("VALUES as a query");
    default:
      break;
  }
  for (const char* word : kUnsupportedStatements) {
    if (IdentEquals(t.text, word)) return NotSupported(std::string(word) + " statements");
  }
  return Error("expected a statement");
}

Status Parser::ParseStatement(Stmt** out) {
  DDB_RETURN_IF_ERROR(ParseStatementInner(out, false));
  if (!Is(Tok::kSemicolon) && !Is(Tok::kEnd)) return Error("expected end of statement");
  return Status::OK();
}

Status Parser::SkipSemicolons(bool* at_end) {
  while (Accept(Tok::kSemicolon)) {
  }
  *at_end = Is(Tok::kEnd);
  if (*at_end && !lex_status_.ok()) return lex_status_;
  return Status::OK();
}

// ---------------------------------------------------------------- entry points

namespace {

Status ParseOneAt(std::string_view sql, size_t start, ParsedStatement* out, size_t* next,
                  bool* done) {
  *done = false;
  auto arena = std::make_unique<Arena>();
  Parser p(sql, start, arena.get());
  bool at_end = false;
  DDB_RETURN_IF_ERROR(p.SkipSemicolons(&at_end));
  if (at_end) {
    *done = true;
    return Status::OK();
  }
  uint32_t first = p.NextTokenPos();
  Stmt* stmt = nullptr;
  Status s = p.Finish(p.ParseStatement(&stmt));
  DDB_RETURN_IF_ERROR(s);
  uint32_t last = p.LastTokenEnd();
  bool ignored = false;
  // Consume this statement's ';' so the next call starts after it.
  Status tail = p.SkipSemicolons(&ignored);
  out->text = arena->Copy(sql.substr(first, last - first));
  out->text_offset = first;
  out->param_count = p.max_param();
  out->stmt = stmt;
  out->arena = std::move(arena);
  *next = p.LastTokenEnd();
  return Status::OK();
}

Status CheckLength(std::string_view sql) {
  if (sql.size() > kMaxSqlLength) {
    return Status::Sql("SQL text is longer than the limit of 16 MiB", "42601");
  }
  return Status::OK();
}

}  // namespace

Result<ParsedStatement> ParseStatement(std::string_view sql) {
  DDB_RETURN_IF_ERROR(CheckLength(sql));
  ParsedStatement out;
  size_t next = 0;
  bool done = false;
  DDB_RETURN_IF_ERROR(ParseOneAt(sql, 0, &out, &next, &done));
  if (done) return Status::Sql("empty statement", "42601");
  // Only whitespace, comments and semicolons may follow.
  Arena scratch;
  Parser rest(sql, next, &scratch);
  bool at_end = false;
  DDB_RETURN_IF_ERROR(rest.SkipSemicolons(&at_end));
  if (!at_end) {
    uint32_t pos = rest.NextTokenPos();
    return SyntaxErrorAt(sql, pos, "only one statement is allowed here (use exec for scripts)");
  }
  return out;
}

Status ScriptParser::Next(ParsedStatement* out, bool* done) {
  if (failed_) return Status::Misuse("script parser already failed");
  Status s = CheckLength(sql_);
  if (s.ok()) {
    size_t next = offset_;
    s = ParseOneAt(sql_, offset_, out, &next, done);
    if (s.ok()) offset_ = next;
  }
  if (!s.ok()) failed_ = true;
  return s;
}

Result<std::vector<ParsedStatement>> ParseScript(std::string_view sql) {
  ScriptParser parser(sql);
  std::vector<ParsedStatement> out;
  for (;;) {
    ParsedStatement ps;
    bool done = false;
    DDB_RETURN_IF_ERROR(parser.Next(&ps, &done));
    if (done) break;
    out.push_back(std::move(ps));
  }
  return out;
}

}  // namespace sql
}  // namespace decentdb
