// Canonical SQL printer implementation. Parentheses follow the parser's binding powers
// (parser_internal.h, ENGINE.md §7.2): a child is wrapped exactly when its own binding
// power is below what its position requires, and a few spellings are adjusted so the
// lexer reads them back unchanged ("- -5" never becomes a "--" comment; "-(5)" keeps a
// negation of a literal from folding into the literal -5).
#include "sql/printer.h"

#include <cstdio>

#include "sql/lexer.h"
#include "sql/parser_internal.h"

namespace decentdb {
namespace sql {

namespace {

bool IsNumericLiteral(const Expr* e) {
  return e->kind == ExprKind::kLiteral &&
         (e->literal.kind == LiteralKind::kInt || e->literal.kind == LiteralKind::kFloat);
}

bool IsNegativeLiteral(const Expr* e) {
  if (e->kind != ExprKind::kLiteral) return false;
  if (e->literal.kind == LiteralKind::kInt) return e->literal.int_value < 0;
  if (e->literal.kind == LiteralKind::kFloat) {
    return !e->literal.text.empty() && e->literal.text[0] == '-';
  }
  return false;
}

int BinaryPrec(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return kPrecOr;
    case BinaryOp::kAnd: return kPrecAnd;
    case BinaryOp::kEq: case BinaryOp::kNe: case BinaryOp::kLt:
    case BinaryOp::kLe: case BinaryOp::kGt: case BinaryOp::kGe:
      return kPrecCmp;
    case BinaryOp::kIsDistinctFrom: case BinaryOp::kIsNotDistinctFrom: return kPrecIs;
    case BinaryOp::kConcat: return kPrecConcat;
    case BinaryOp::kAdd: case BinaryOp::kSub: return kPrecAdd;
    case BinaryOp::kMul: case BinaryOp::kDiv: case BinaryOp::kMod: return kPrecMul;
  }
  return kPrecAtom;
}

const char* BinaryText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return "OR";
    case BinaryOp::kAnd: return "AND";
    case BinaryOp::kEq: return "=";
    case BinaryOp::kNe: return "<>";
    case BinaryOp::kLt: return "<";
    case BinaryOp::kLe: return "<=";
    case BinaryOp::kGt: return ">";
    case BinaryOp::kGe: return ">=";
    case BinaryOp::kIsDistinctFrom: return "IS DISTINCT FROM";
    case BinaryOp::kIsNotDistinctFrom: return "IS NOT DISTINCT FROM";
    case BinaryOp::kConcat: return "||";
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kMul: return "*";
    case BinaryOp::kDiv: return "/";
    case BinaryOp::kMod: return "%";
  }
  return "?";
}

// The binding power of the construct `e` prints as.
int ExprPrec(const Expr* e) {
  switch (e->kind) {
    case ExprKind::kLiteral: return IsNegativeLiteral(e) ? kPrecUnary : kPrecAtom;
    case ExprKind::kUnary: return e->unary.op == UnaryOp::kNot ? kPrecNot : kPrecUnary;
    case ExprKind::kBinary: return BinaryPrec(e->binary.op);
    case ExprKind::kIs: return kPrecIs;
    case ExprKind::kBetween: case ExprKind::kIn: case ExprKind::kLike: return kPrecLikeIn;
    case ExprKind::kCast: return e->cast.double_colon ? kPrecCast : kPrecAtom;
    default: return kPrecAtom;
  }
}

bool IsBareIdentifier(std::string_view s) {
  if (s.empty()) return false;
  auto start = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; };
  if (!start(s[0])) return false;
  for (char c : s) {
    if (!start(c) && !(c >= '0' && c <= '9') && c != '$') return false;
  }
  return true;
}

void AppendQuoted(std::string* out, std::string_view s, char quote) {
  out->push_back(quote);
  for (char c : s) {
    out->push_back(c);
    if (c == quote) out->push_back(quote);
  }
  out->push_back(quote);
}

class Printer {
 public:
  explicit Printer(PrintMode mode) : explicit_(mode == PrintMode::kExplicit) {}
  std::string out;

  void Ident(const sql::Ident& id) { out += IdentToSql(id); }

  void IdentList(const ArenaVec<sql::Ident>& ids) {
    out += "(";
    for (uint32_t i = 0; i < ids.size; ++i) {
      if (i) out += ", ";
      Ident(ids[i]);
    }
    out += ")";
  }

  // Prints `e` where the context requires binding power `min_prec`.
  void Child(const Expr* e, int min_prec) {
    int prec = ExprPrec(e);
    bool wrap = prec < min_prec || (explicit_ && prec < kPrecAtom && min_prec > kPrecNone);
    if (wrap) out += "(";
    Expr(e);
    if (wrap) out += ")";
  }

  void ExprList(const ArenaVec<sql::Expr*>& list) {
    for (uint32_t i = 0; i < list.size; ++i) {
      if (i) out += ", ";
      Child(list[i], kPrecNone + 1);
    }
  }

  void Literal(const sql::Expr* e) {
    const auto& l = e->literal;
    switch (l.kind) {
      case LiteralKind::kNull: out += "NULL"; break;
      case LiteralKind::kBool: out += l.bool_value ? "TRUE" : "FALSE"; break;
      case LiteralKind::kInt: out += std::to_string(l.int_value); break;
      case LiteralKind::kFloat: out.append(l.text); break;
      case LiteralKind::kString: AppendQuoted(&out, l.text, '\''); break;
      case LiteralKind::kBlob: {
        static const char kHex[] = "0123456789ABCDEF";
        out += "X'";
        for (char c : l.text) {
          unsigned char b = static_cast<unsigned char>(c);
          out.push_back(kHex[b >> 4]);
          out.push_back(kHex[b & 15]);
        }
        out += "'";
        break;
      }
      case LiteralKind::kDate: out += "DATE "; AppendQuoted(&out, l.text, '\''); break;
      case LiteralKind::kTime: out += "TIME "; AppendQuoted(&out, l.text, '\''); break;
      case LiteralKind::kTimestamp: out += "TIMESTAMP "; AppendQuoted(&out, l.text, '\''); break;
    }
  }

  void OrderBy(const ArenaVec<OrderItem>& items) {
    for (uint32_t i = 0; i < items.size; ++i) {
      if (i) out += ", ";
      Child(items[i].expr, kPrecNone + 1);
      if (items[i].dir == SortDir::kAsc) out += " ASC";
      if (items[i].dir == SortDir::kDesc) out += " DESC";
      if (items[i].nulls == NullsOrder::kFirst) out += " NULLS FIRST";
      if (items[i].nulls == NullsOrder::kLast) out += " NULLS LAST";
    }
  }

  void Func(const sql::Expr* e) {
    const auto& f = e->func;
    if (f.syntax == FuncSyntax::kBare) {
      out.append(f.name.name);
      return;
    }
    // LEFT and RIGHT are reserved words but read back as function names before '('.
    if (!f.name.quoted && (IdentEquals(f.name.name, "LEFT") || IdentEquals(f.name.name, "RIGHT"))) {
      out.append(f.name.name);
    } else {
      Ident(f.name);
    }
    out += "(";
    switch (f.syntax) {
      case FuncSyntax::kTrim: {
        bool from = false;
        if (f.trim_mode == TrimMode::kLeading) out += "LEADING ", from = true;
        if (f.trim_mode == TrimMode::kTrailing) out += "TRAILING ", from = true;
        if (f.trim_mode == TrimMode::kBoth) out += "BOTH ", from = true;
        if (f.args.size > 1) {
          Child(f.args[1], kPrecNone + 1);
          out += " ";
          from = true;
        }
        if (from) out += "FROM ";
        Child(f.args[0], kPrecNone + 1);
        break;
      }
      case FuncSyntax::kSubstring:
        Child(f.args[0], kPrecNone + 1);
        out += " FROM ";
        Child(f.args[1], kPrecNone + 1);
        if (f.args.size > 2) {
          out += " FOR ";
          Child(f.args[2], kPrecNone + 1);
        }
        break;
      case FuncSyntax::kPosition:
        Child(f.args[0], kPrecLikeIn + 1);
        out += " IN ";
        Child(f.args[1], kPrecNone + 1);
        break;
      case FuncSyntax::kExtract:
        out.append(f.field);
        out += " FROM ";
        Child(f.args[0], kPrecNone + 1);
        break;
      default:
        if (f.star) {
          out += "*";
        } else {
          if (f.distinct) out += "DISTINCT ";
          bool position = !f.name.quoted && IdentEquals(f.name.name, "POSITION");
          for (uint32_t i = 0; i < f.args.size; ++i) {
            if (i) out += ", ";
            // POSITION's first argument is parsed above IN (see ParseSpecialFunction).
            Child(f.args[i], position && i == 0 ? kPrecLikeIn + 1 : kPrecNone + 1);
          }
        }
        break;
    }
    out += ")";
    if (f.over != nullptr) {
      out += " OVER (";
      bool space = false;
      if (!f.over->partition_by.empty()) {
        out += "PARTITION BY ";
        ExprList(f.over->partition_by);
        space = true;
      }
      if (!f.over->order_by.empty()) {
        if (space) out += " ";
        out += "ORDER BY ";
        OrderBy(f.over->order_by);
      }
      out += ")";
    }
  }

  void Expr(const sql::Expr* e) {
    switch (e->kind) {
      case ExprKind::kLiteral:
        Literal(e);
        break;
      case ExprKind::kParam:
        out += "$" + std::to_string(e->param);
        break;
      case ExprKind::kColumn:
        if (!e->column.table.name.empty()) {
          Ident(e->column.table);
          out += ".";
        }
        Ident(e->column.column);
        break;
      case ExprKind::kUnary: {
        const sql::Expr* x = e->unary.operand;
        if (e->unary.op == UnaryOp::kNot) {
          out += "NOT ";
          Child(x, kPrecNot + 1);
          break;
        }
        out += e->unary.op == UnaryOp::kNeg ? "-" : "+";
        if (e->unary.op == UnaryOp::kNeg && IsNumericLiteral(x) && !IsNegativeLiteral(x)) {
          // "-5" would read back as the literal -5.
          out += "(";
          Expr(x);
          out += ")";
          break;
        }
        size_t mark = out.size();
        Child(x, kPrecUnary);
        if (out.size() > mark && out[mark] == '-' && e->unary.op == UnaryOp::kNeg) {
          out.insert(mark, " ");
        }
        break;
      }
      case ExprKind::kBinary: {
        int prec = BinaryPrec(e->binary.op);
        bool nonassoc = prec == kPrecCmp;
        Child(e->binary.left, nonassoc ? prec + 1 : prec);
        out += " ";
        out += BinaryText(e->binary.op);
        out += " ";
        Child(e->binary.right, prec + 1);
        break;
      }
      case ExprKind::kIs:
        Child(e->is.operand, kPrecIs);
        out += e->is.negated ? " IS NOT " : " IS ";
        out += e->is.test == IsTest::kNull ? "NULL" : e->is.test == IsTest::kTrue ? "TRUE" : "FALSE";
        break;
      case ExprKind::kBetween:
        Child(e->between.operand, kPrecLikeIn + 1);
        out += e->between.negated ? " NOT BETWEEN " : " BETWEEN ";
        Child(e->between.low, kPrecLikeIn + 1);
        out += " AND ";
        Child(e->between.high, kPrecLikeIn + 1);
        break;
      case ExprKind::kIn:
        Child(e->in.operand, kPrecLikeIn + 1);
        out += e->in.negated ? " NOT IN (" : " IN (";
        if (e->in.subquery != nullptr) {
          Select(e->in.subquery);
        } else {
          ExprList(e->in.list);
        }
        out += ")";
        break;
      case ExprKind::kLike:
        Child(e->like.operand, kPrecLikeIn + 1);
        out += e->like.negated ? " NOT " : " ";
        out += e->like.ilike ? "ILIKE " : "LIKE ";
        Child(e->like.pattern, kPrecLikeIn + 1);
        if (e->like.escape != nullptr) {
          out += " ESCAPE ";
          Child(e->like.escape, kPrecLikeIn + 1);
        }
        break;
      case ExprKind::kCase:
        out += "CASE";
        if (e->case_.operand != nullptr) {
          out += " ";
          Child(e->case_.operand, kPrecNone + 1);
        }
        for (const CaseWhen& w : e->case_.whens) {
          out += " WHEN ";
          Child(w.when, kPrecNone + 1);
          out += " THEN ";
          Child(w.then, kPrecNone + 1);
        }
        if (e->case_.else_expr != nullptr) {
          out += " ELSE ";
          Child(e->case_.else_expr, kPrecNone + 1);
        }
        out += " END";
        break;
      case ExprKind::kCast:
        if (e->cast.double_colon) {
          Child(e->cast.operand, kPrecCast);
          out += "::";
          out.append(e->cast.type.text);
        } else {
          out += "CAST(";
          Child(e->cast.operand, kPrecNone + 1);
          out += " AS ";
          out.append(e->cast.type.text);
          out += ")";
        }
        break;
      case ExprKind::kFunc:
        Func(e);
        break;
      case ExprKind::kExists:
        out += "EXISTS (";
        Select(e->subquery.query);
        out += ")";
        break;
      case ExprKind::kSubquery:
        out += "(";
        Select(e->subquery.query);
        out += ")";
        break;
      case ExprKind::kDefault:
        out += "DEFAULT";
        break;
    }
  }

  // ------------------------------------------------------------ queries

  void SelectItems(const ArenaVec<SelectItem>& items) {
    for (uint32_t i = 0; i < items.size; ++i) {
      if (i) out += ", ";
      const SelectItem& it = items[i];
      switch (it.kind) {
        case SelectItem::kStar: out += "*"; break;
        case SelectItem::kTableStar: Ident(it.table); out += ".*"; break;
        case SelectItem::kExpr:
          Child(it.expr, kPrecNone + 1);
          if (it.has_alias) {
            out += " AS ";
            Ident(it.alias);
          }
          break;
      }
    }
  }

  void TableRef(const sql::TableRef* t) {
    switch (t->kind) {
      case TableRef::kTable:
        Ident(t->name);
        break;
      case TableRef::kSubquery:
        out += "(";
        Select(t->subquery);
        out += ")";
        break;
      case TableRef::kJoin: {
        TableRef(t->left);
        switch (t->join_type) {
          case TableRef::kInner: out += " JOIN "; break;
          case TableRef::kLeft: out += " LEFT JOIN "; break;
          case TableRef::kCross: out += " CROSS JOIN "; break;
          case TableRef::kComma: out += ", "; break;
        }
        // A join on the right of a join was written in parentheses; a join on the
        // right of a comma was not (it is one FROM item).
        bool wrap = t->right->kind == TableRef::kJoin &&
                    (t->join_type != TableRef::kComma || t->right->join_type == TableRef::kComma);
        if (wrap) out += "(";
        TableRef(t->right);
        if (wrap) out += ")";
        if (t->on != nullptr) {
          out += " ON ";
          Child(t->on, kPrecNone + 1);
        }
        return;
      }
    }
    if (t->has_alias) {
      out += " AS ";
      Ident(t->alias);
      if (!t->column_aliases.empty()) IdentList(t->column_aliases);
    }
  }

  void Body(const QueryBody* b) {
    switch (b->kind) {
      case QueryBody::kCore: {
        const SelectCore* c = b->core;
        out += c->distinct ? "SELECT DISTINCT " : "SELECT ";
        SelectItems(c->items);
        if (c->from != nullptr) {
          out += " FROM ";
          TableRef(c->from);
        }
        if (c->where != nullptr) {
          out += " WHERE ";
          Child(c->where, kPrecNone + 1);
        }
        if (!c->group_by.empty()) {
          out += " GROUP BY ";
          ExprList(c->group_by);
        }
        if (c->having != nullptr) {
          out += " HAVING ";
          Child(c->having, kPrecNone + 1);
        }
        break;
      }
      case QueryBody::kSetOp:
        Body(b->left);
        out += b->op == SetOpKind::kUnion ? " UNION " : b->op == SetOpKind::kIntersect ? " INTERSECT " : " EXCEPT ";
        if (b->all) out += "ALL ";
        Body(b->right);
        break;
      case QueryBody::kNested:
        out += "(";
        Select(b->nested);
        out += ")";
        break;
    }
  }

  void Select(const SelectStmt* s) {
    if (!s->with.empty()) {
      out += "WITH ";
      for (uint32_t i = 0; i < s->with.size; ++i) {
        if (i) out += ", ";
        Ident(s->with[i].name);
        if (!s->with[i].columns.empty()) IdentList(s->with[i].columns);
        out += " AS (";
        Select(s->with[i].query);
        out += ")";
      }
      out += " ";
    }
    Body(s->body);
    if (!s->order_by.empty()) {
      out += " ORDER BY ";
      OrderBy(s->order_by);
    }
    if (s->limit_all) out += " LIMIT ALL";
    if (s->limit != nullptr) {
      out += " LIMIT ";
      Expr(s->limit);
    }
    if (s->offset != nullptr) {
      out += " OFFSET ";
      Expr(s->offset);
    }
    if (s->for_update) out += " FOR UPDATE";
  }

  // ------------------------------------------------------------ statements

  void Assignments(const ArenaVec<Assignment>& set) {
    for (uint32_t i = 0; i < set.size; ++i) {
      if (i) out += ", ";
      Ident(set[i].column);
      out += " = ";
      Child(set[i].value, kPrecNone + 1);
    }
  }

  void Returning(const ArenaVec<SelectItem>& items) {
    if (items.empty()) return;
    out += " RETURNING ";
    SelectItems(items);
  }

  static const char* FkActionText(FkAction a) {
    switch (a) {
      case FkAction::kNoAction: return "NO ACTION";
      case FkAction::kRestrict: return "RESTRICT";
      case FkAction::kCascade: return "CASCADE";
      case FkAction::kSetNull: return "SET NULL";
      case FkAction::kSetDefault: return "SET DEFAULT";
      case FkAction::kNone: break;
    }
    return "";
  }

  void References(const ForeignKeyRef& r) {
    out += "REFERENCES ";
    Ident(r.table);
    if (!r.columns.empty()) IdentList(r.columns);
    if (r.on_delete != FkAction::kNone) {
      out += " ON DELETE ";
      out += FkActionText(r.on_delete);
    }
    if (r.on_update != FkAction::kNone) {
      out += " ON UPDATE ";
      out += FkActionText(r.on_update);
    }
  }

  void ColumnDef(const sql::ColumnDef& c) {
    Ident(c.name);
    out += " ";
    out.append(c.type.text);
    for (const ColumnConstraint& k : c.constraints) {
      out += " ";
      if (!k.name.name.empty()) {
        out += "CONSTRAINT ";
        Ident(k.name);
        out += " ";
      }
      switch (k.kind) {
        case ColumnConstraint::kPrimaryKey:
          out += "PRIMARY KEY";
          if (k.pk_dir == SortDir::kAsc) out += " ASC";
          if (k.pk_dir == SortDir::kDesc) out += " DESC";
          break;
        case ColumnConstraint::kNotNull: out += "NOT NULL"; break;
        case ColumnConstraint::kNull: out += "NULL"; break;
        case ColumnConstraint::kUnique: out += "UNIQUE"; break;
        case ColumnConstraint::kDefault:
          out += "DEFAULT ";
          Child(k.expr, kPrecNone + 1);
          break;
        case ColumnConstraint::kReferences: References(k.ref); break;
        case ColumnConstraint::kCheck:
          out += "CHECK (";
          Child(k.expr, kPrecNone + 1);
          out += ")";
          break;
      }
    }
  }

  void Stmt(const sql::Stmt* s) {
    switch (s->kind) {
      case StmtKind::kSelect:
        Select(s->select);
        break;
      case StmtKind::kInsert: {
        const InsertStmt* in = s->insert;
        out += "INSERT INTO ";
        Ident(in->table);
        if (!in->columns.empty()) {
          out += " ";
          IdentList(in->columns);
        }
        switch (in->source) {
          case InsertStmt::kDefaultValues: out += " DEFAULT VALUES"; break;
          case InsertStmt::kSelect: out += " "; Select(in->select); break;
          case InsertStmt::kValues:
            out += " VALUES ";
            for (uint32_t i = 0; i < in->rows.size; ++i) {
              if (i) out += ", ";
              out += "(";
              ExprList(in->rows[i]);
              out += ")";
            }
            break;
        }
        if (in->on_conflict != nullptr) {
          const OnConflict* oc = in->on_conflict;
          out += " ON CONFLICT";
          if (!oc->target_columns.empty()) {
            out += " ";
            IdentList(oc->target_columns);
          } else if (!oc->constraint.name.empty()) {
            out += " ON CONSTRAINT ";
            Ident(oc->constraint);
          }
          if (oc->do_update) {
            out += " DO UPDATE SET ";
            Assignments(oc->set);
            if (oc->where != nullptr) {
              out += " WHERE ";
              Child(oc->where, kPrecNone + 1);
            }
          } else {
            out += " DO NOTHING";
          }
        }
        Returning(in->returning);
        break;
      }
      case StmtKind::kUpdate: {
        const UpdateStmt* up = s->update;
        out += "UPDATE ";
        Ident(up->table);
        if (!up->alias.name.empty()) {
          out += " AS ";
          Ident(up->alias);
        }
        out += " SET ";
        Assignments(up->set);
        if (up->where != nullptr) {
          out += " WHERE ";
          Child(up->where, kPrecNone + 1);
        }
        Returning(up->returning);
        break;
      }
      case StmtKind::kDelete: {
        const DeleteStmt* del = s->delete_;
        out += "DELETE FROM ";
        Ident(del->table);
        if (!del->alias.name.empty()) {
          out += " AS ";
          Ident(del->alias);
        }
        if (del->where != nullptr) {
          out += " WHERE ";
          Child(del->where, kPrecNone + 1);
        }
        Returning(del->returning);
        break;
      }
      case StmtKind::kCreateTable: {
        const CreateTableStmt* ct = s->create_table;
        out += ct->if_not_exists ? "CREATE TABLE IF NOT EXISTS " : "CREATE TABLE ";
        Ident(ct->name);
        out += " (";
        bool first = true;
        for (const sql::ColumnDef& c : ct->columns) {
          if (!first) out += ", ";
          first = false;
          ColumnDef(c);
        }
        for (const TableConstraint& tc : ct->constraints) {
          out += ", ";
          if (!tc.name.name.empty()) {
            out += "CONSTRAINT ";
            Ident(tc.name);
            out += " ";
          }
          switch (tc.kind) {
            case TableConstraint::kPrimaryKey: out += "PRIMARY KEY "; IdentList(tc.columns); break;
            case TableConstraint::kUnique: out += "UNIQUE "; IdentList(tc.columns); break;
            case TableConstraint::kForeignKey:
              out += "FOREIGN KEY ";
              IdentList(tc.columns);
              out += " ";
              References(tc.ref);
              break;
            case TableConstraint::kCheck:
              out += "CHECK (";
              Child(tc.check, kPrecNone + 1);
              out += ")";
              break;
          }
        }
        out += ")";
        break;
      }
      case StmtKind::kDropTable:
      case StmtKind::kDropIndex:
      case StmtKind::kDropView:
        out += s->kind == StmtKind::kDropTable ? "DROP TABLE "
               : s->kind == StmtKind::kDropIndex ? "DROP INDEX " : "DROP VIEW ";
        if (s->drop->if_exists) out += "IF EXISTS ";
        Ident(s->drop->name);
        break;
      case StmtKind::kCreateIndex: {
        const CreateIndexStmt* ci = s->create_index;
        out += ci->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
        if (ci->if_not_exists) out += "IF NOT EXISTS ";
        Ident(ci->name);
        out += " ON ";
        Ident(ci->table);
        if (!ci->method.name.empty()) {
          out += " USING ";
          Ident(ci->method);
        }
        out += " (";
        for (uint32_t i = 0; i < ci->columns.size; ++i) {
          if (i) out += ", ";
          Ident(ci->columns[i].name);
          if (ci->columns[i].dir == SortDir::kAsc) out += " ASC";
          if (ci->columns[i].dir == SortDir::kDesc) out += " DESC";
        }
        out += ")";
        break;
      }
      case StmtKind::kCreateView: {
        const CreateViewStmt* cv = s->create_view;
        out += cv->or_replace ? "CREATE OR REPLACE VIEW " : "CREATE VIEW ";
        if (cv->if_not_exists) out += "IF NOT EXISTS ";
        Ident(cv->name);
        if (!cv->columns.empty()) IdentList(cv->columns);
        out += " AS ";
        Select(cv->query);
        break;
      }
      case StmtKind::kAlterTable: {
        const AlterTableStmt* at = s->alter_table;
        out += "ALTER TABLE ";
        Ident(at->table);
        switch (at->action) {
          case AlterTableStmt::kAddColumn: out += " ADD COLUMN "; ColumnDef(at->column); break;
          case AlterTableStmt::kRenameColumn:
            out += " RENAME COLUMN ";
            Ident(at->old_name);
            out += " TO ";
            Ident(at->new_name);
            break;
          case AlterTableStmt::kRenameTable: out += " RENAME TO "; Ident(at->new_name); break;
        }
        break;
      }
      case StmtKind::kBegin:
        if (s->txn->start_syntax) out += "START TRANSACTION";
        else out += s->txn->immediate ? "BEGIN IMMEDIATE" : "BEGIN";
        break;
      case StmtKind::kCommit: out += "COMMIT"; break;
      case StmtKind::kRollback: out += "ROLLBACK"; break;
      case StmtKind::kSavepoint: out += "SAVEPOINT "; Ident(s->txn->savepoint); break;
      case StmtKind::kRelease: out += "RELEASE SAVEPOINT "; Ident(s->txn->savepoint); break;
      case StmtKind::kRollbackTo: out += "ROLLBACK TO SAVEPOINT "; Ident(s->txn->savepoint); break;
      case StmtKind::kExplain:
        out += s->explain->analyze ? "EXPLAIN ANALYZE " : "EXPLAIN ";
        Stmt(s->explain->stmt);
        break;
    }
  }

 private:
  bool explicit_;
};

}  // namespace

std::string IdentToSql(const Ident& id) {
  if (!id.quoted && IsBareIdentifier(id.name) && !IsReservedKeyword(LookupKeyword(id.name))) {
    return std::string(id.name);
  }
  std::string out;
  AppendQuoted(&out, id.name, '"');
  return out;
}

std::string ExprToSql(const Expr* e, PrintMode mode) {
  Printer p(mode);
  p.Expr(e);
  return std::move(p.out);
}

std::string SelectToSql(const SelectStmt* s, PrintMode mode) {
  Printer p(mode);
  p.Select(s);
  return std::move(p.out);
}

std::string StmtToSql(const Stmt* s, PrintMode mode) {
  Printer p(mode);
  p.Stmt(s);
  return std::move(p.out);
}

}  // namespace sql
}  // namespace decentdb
