// Parser part 1: token lookahead, error reporting, names, type names and the Pratt
// expression parser (precedence climbing over the levels of ENGINE.md §7.2, with
// non-associative comparisons and nesting bounded by kMaxExprDepth).
// Grammar: ENGINE.md §7.1-7.5; AST: sql/ast.h.
#include <charconv>
#include <cstring>
#include <limits>
#include <string>

#include "sql/parser_internal.h"

namespace decentdb {
namespace sql {

Parser::Parser(std::string_view text, size_t start, Arena* arena)
    : text_(text), arena_(arena), lexer_(text, arena) {
  lexer_.Reset(start);
  last_end_ = static_cast<uint32_t>(start);
}

// ---------------------------------------------------------------- tokens and errors

const Token& Parser::Peek(int k) {
  while (buffered_ <= k) {
    Token& slot = buf_[buffered_];
    if (!lex_status_.ok()) {
      slot = Token();
      slot.pos = lex_error_pos_;
    } else {
      Status s = lexer_.Next(&slot);
      if (!s.ok()) {
        lex_status_ = std::move(s);
        lex_error_pos_ = lexer_.offset();
        slot = Token();
        slot.pos = lex_error_pos_;
      }
    }
    ++buffered_;
  }
  return buf_[k];
}

Token Parser::Take() {
  Peek(0);
  Token t = buf_[0];
  for (int i = 1; i < buffered_; ++i) buf_[i - 1] = buf_[i];
  --buffered_;
  if (t.kind != Tok::kEnd) last_end_ = t.pos + t.len;
  return t;
}

Status Parser::ErrorAt(const Token& t, const std::string& message) {
  parse_error_pos_ = t.pos;
  if (t.kind == Tok::kEnd) {
    return SyntaxErrorAt(text_, t.pos, message + " at end of input");
  }
  std::string_view shown = text_.substr(t.pos, t.len);
  std::string near(shown.substr(0, 40));
  if (shown.size() > 40) near += "...";
  return SyntaxErrorAt(text_, t.pos, message + " near \"" + near + "\"");
}

Status Parser::Error(const std::string& message) { return ErrorAt(Peek(), message); }
Status Parser::ErrorAt(const Token& t, const char* message) { return ErrorAt(t, std::string(message)); }
Status Parser::Error(const char* message) { return ErrorAt(Peek(), std::string(message)); }
Status Parser::NotSupported(const char* what) { return NotSupportedAt(Peek().pos, std::string(what)); }

Status Parser::NotSupported(const std::string& what) { return NotSupportedAt(Peek().pos, what); }

Status Parser::NotSupportedAt(uint32_t pos, const std::string& what) {
  parse_error_pos_ = pos;
  return sql::NotSupportedAt(text_, pos, what);
}

Status Parser::Finish(Status parse_status) {
  if (!lex_status_.ok() && (parse_status.ok() || parse_error_pos_ >= lex_error_pos_)) {
    return lex_status_;
  }
  return parse_status;
}

Status Parser::ExpectKw(Kw kw) {
  if (AcceptKw(kw)) return Status::OK();
  return Error(std::string("expected ") + KeywordText(kw));
}

Status Parser::Expect(Tok kind, const char* what) {
  if (Accept(kind)) return Status::OK();
  return Error(std::string("expected ") + what);
}

// ---------------------------------------------------------------- names

bool Parser::IsNameToken(int k) {
  const Token& t = Peek(k);
  return t.kind == Tok::kIdent && (t.quoted || !IsReservedKeyword(t.kw));
}

Ident Parser::MakeIdent(const Token& t) {
  Ident id;
  id.name = arena_->Copy(t.text);
  id.quoted = t.quoted;
  id.pos = t.pos;
  return id;
}

Status Parser::CheckPlainName(const Ident& first) {
  if (Is(Tok::kDot)) {
    return NotSupportedAt(first.pos, "qualified names (\"" + std::string(first.name) + ".…\")");
  }
  return Status::OK();
}

Status Parser::ParseName(Ident* out, const char* what) {
  if (!IsNameToken()) {
    const Token& t = Peek();
    if (t.kind == Tok::kIdent) {
      return Error(std::string("expected ") + what + " (\"" + std::string(t.text) +
                   "\" is a reserved word; quote it to use it as a name)");
    }
    return Error(std::string("expected ") + what);
  }
  *out = MakeIdent(Take());
  return Status::OK();
}

Status Parser::ParseNameList(ArenaVec<Ident>* out, const char* what) {
  DDB_RETURN_IF_ERROR(Expect(Tok::kLParen, "'('"));
  do {
    Ident id;
    DDB_RETURN_IF_ERROR(ParseName(&id, what));
    out->Push(arena_, id);
  } while (Accept(Tok::kComma));
  return Expect(Tok::kRParen, "')'");
}

Status Parser::ParseOptionalAlias(Ident* out, bool* has_alias, bool allow_implicit) {
  *has_alias = false;
  if (AcceptKw(Kw::kAS)) {
    // After AS any word is a label, as in PostgreSQL's column labels.
    if (!Is(Tok::kIdent)) return Error("expected an alias after AS");
    *out = MakeIdent(Take());
    *has_alias = true;
    return Status::OK();
  }
  // Without AS only words that cannot continue the statement are aliases; SET is
  // excluded so "UPDATE t SET" is not read as an alias.
  if (allow_implicit && IsNameToken() && !IsKw(Kw::kSET)) {
    const Token& t = Peek();
    if (t.quoted || t.kw == Kw::kNone) {
      *out = MakeIdent(Take());
      *has_alias = true;
    }
  }
  return Status::OK();
}

// ---------------------------------------------------------------- type names

Status Parser::ParseTypeName(TypeName* out) {
  const Token& first = Peek();
  if (first.kind != Tok::kIdent || first.quoted || IsReservedKeyword(first.kw)) {
    return Error("expected a type name");
  }
  std::string text;
  Token t = Take();
  out->pos = t.pos;
  text.append(t.text);
  auto add_word = [&]() {
    Token w = Take();
    text.push_back(' ');
    text.append(w.text);
  };
  auto time_zone_suffix = [&]() -> Status {
    if (WordIs(Peek(), "WITH") || WordIs(Peek(), "WITHOUT")) {
      if (!WordIs(Peek(1), "TIME") || !WordIs(Peek(2), "ZONE")) {
        Take();
        return Error("expected TIME ZONE");
      }
      add_word();
      add_word();
      add_word();
    }
    return Status::OK();
  };
  bool temporal = WordIs(t, "TIME") || WordIs(t, "TIMESTAMP");
  if (WordIs(t, "DOUBLE") && WordIs(Peek(), "PRECISION")) add_word();
  if ((WordIs(t, "CHARACTER") || WordIs(t, "CHAR")) && WordIs(Peek(), "VARYING")) add_word();
  if (temporal) DDB_RETURN_IF_ERROR(time_zone_suffix());
  if (Accept(Tok::kLParen)) {
    text.push_back('(');
    for (int i = 0;; ++i) {
      if (Is(Tok::kMinus) || Is(Tok::kPlus)) {
        if (Take().kind == Tok::kMinus) text.push_back('-');
      }
      if (!Is(Tok::kInteger)) return Error("expected an integer type modifier");
      text.append(Take().text);
      if (i == 0 && Accept(Tok::kComma)) {
        text.push_back(',');
        continue;
      }
      break;
    }
    DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
    text.push_back(')');
    if (temporal) DDB_RETURN_IF_ERROR(time_zone_suffix());
  }
  out->text = arena_->Copy(text);
  return Status::OK();
}

// ---------------------------------------------------------------- expressions

Expr* Parser::NewExpr(ExprKind kind, uint32_t pos) {
  Expr* e = arena_->Zeroed<Expr>();
  e->kind = kind;
  e->pos = pos;
  return e;
}

Status Parser::ParseNumber(const Token& t, bool negate, Expr** out) {
  Expr* e = NewExpr(ExprKind::kLiteral, t.pos);
  if (t.kind == Tok::kInteger) {
    uint64_t v = 0;
    bool overflow = false;
    for (char c : t.text) {
      uint64_t d = static_cast<uint64_t>(c - '0');
      if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) {
        overflow = true;
        break;
      }
      v = v * 10 + d;
    }
    const uint64_t kMinMagnitude = uint64_t{1} << 63;  // |INT64_MIN|
    if (!overflow && (v < kMinMagnitude || (negate && v == kMinMagnitude))) {
      e->literal.kind = LiteralKind::kInt;
      if (negate) {
        e->literal.int_value = v == kMinMagnitude ? std::numeric_limits<int64_t>::min()
                                                  : -static_cast<int64_t>(v);
      } else {
        e->literal.int_value = static_cast<int64_t>(v);
      }
      *out = e;
      return Status::OK();
    }
    // Too large for INT64: FLOAT64 remembering its digits (ENGINE.md §7.1).
  }
  double d = 0;
  auto res = std::from_chars(t.text.data(), t.text.data() + t.text.size(), d);
  if (res.ec != std::errc() || res.ptr != t.text.data() + t.text.size()) {
    return ErrorAt(t, "numeric literal out of range");
  }
  e->literal.kind = LiteralKind::kFloat;
  e->literal.float_value = negate ? -d : d;
  if (negate) {
    std::string s = "-";
    s.append(t.text);
    e->literal.text = arena_->Copy(s);
  } else {
    e->literal.text = arena_->Copy(t.text);
  }
  *out = e;
  return Status::OK();
}

Status Parser::ParseExpr(int min_prec, Expr** out) {
  DepthGuard guard(this, &depth_);
  if (depth_ > kMaxExprDepth) {
    return ErrorAt(Peek(), "expression nesting exceeds the limit of 1000 levels");
  }
  Expr* left = nullptr;
  DDB_RETURN_IF_ERROR(ParsePrefix(&left));
  int prev = kPrecAtom;
  for (;;) {
    const Token& t = Peek();
    int prec = kPrecNone;
    switch (t.kind) {
      case Tok::kEq: case Tok::kNe: case Tok::kNe2:
      case Tok::kLt: case Tok::kLe: case Tok::kGt: case Tok::kGe:
        prec = kPrecCmp; break;
      case Tok::kConcat: prec = kPrecConcat; break;
      case Tok::kPlus: case Tok::kMinus: prec = kPrecAdd; break;
      case Tok::kStar: case Tok::kSlash: case Tok::kPercent: prec = kPrecMul; break;
      case Tok::kCast: prec = kPrecCast; break;
      case Tok::kIdent:
        if (t.quoted) break;
        switch (t.kw) {
          case Kw::kOR: prec = kPrecOr; break;
          case Kw::kAND: prec = kPrecAnd; break;
          case Kw::kIS: prec = kPrecIs; break;
          case Kw::kBETWEEN: case Kw::kIN: case Kw::kLIKE: case Kw::kILIKE:
            prec = kPrecLikeIn; break;
          case Kw::kNOT:
            if (IsKw(Kw::kBETWEEN, 1) || IsKw(Kw::kIN, 1) || IsKw(Kw::kLIKE, 1) ||
                IsKw(Kw::kILIKE, 1) || IsKw(Kw::kSIMILAR, 1)) {
              prec = kPrecLikeIn;
            }
            break;
          case Kw::kSIMILAR: prec = kPrecLikeIn; break;
          case Kw::kCOLLATE: return NotSupported("COLLATE");
          default: break;
        }
        break;
      default:
        break;
    }
    if (prec == kPrecNone || prec < min_prec) break;
    if ((prec == kPrecCmp || prec == kPrecLikeIn) && prev == prec) {
      return ErrorAt(t, prec == kPrecCmp
                            ? "comparison operators are non-associative; use parentheses"
                            : "BETWEEN, IN and LIKE are non-associative; use parentheses");
    }
    DDB_RETURN_IF_ERROR(ParseInfix(prec, left, &left));
    prev = prec;
  }
  *out = left;
  return Status::OK();
}

Status Parser::ParseInfix(int prec, Expr* left, Expr** out) {
  Token op = Take();
  Expr* e = nullptr;
  if (op.kind == Tok::kCast) {
    e = NewExpr(ExprKind::kCast, op.pos);
    e->cast.operand = left;
    e->cast.double_colon = true;
    DDB_RETURN_IF_ERROR(ParseTypeName(&e->cast.type));
    *out = e;
    return Status::OK();
  }
  if (op.kind == Tok::kIdent && op.kw == Kw::kIS) {
    bool negated = AcceptKw(Kw::kNOT);
    IsTest test = IsTest::kNull;
    bool found = true;
    if (AcceptKw(Kw::kNULL)) test = IsTest::kNull;
    else if (AcceptKw(Kw::kTRUE)) test = IsTest::kTrue;
    else if (AcceptKw(Kw::kFALSE)) test = IsTest::kFalse;
    else found = false;
    if (found) {
      e = NewExpr(ExprKind::kIs, op.pos);
      e->is.operand = left;
      e->is.test = test;
      e->is.negated = negated;
      *out = e;
      return Status::OK();
    }
    if (AcceptKw(Kw::kDISTINCT)) {
      DDB_RETURN_IF_ERROR(ExpectKw(Kw::kFROM));
      e = NewExpr(ExprKind::kBinary, op.pos);
      e->binary.op = negated ? BinaryOp::kIsNotDistinctFrom : BinaryOp::kIsDistinctFrom;
      e->binary.left = left;
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecIs + 1, &e->binary.right));
      *out = e;
      return Status::OK();
    }
    return Error("expected NULL, TRUE, FALSE or DISTINCT FROM after IS");
  }
  if (op.kind == Tok::kIdent && (op.kw == Kw::kSIMILAR ||
                                 (op.kw == Kw::kNOT && IsKw(Kw::kSIMILAR)))) {
    return NotSupportedAt(op.pos, "SIMILAR TO");
  }
  if (prec == kPrecLikeIn) {
    bool negated = false;
    Token word = op;
    if (op.kw == Kw::kNOT) {
      negated = true;
      word = Take();
    }
    switch (word.kw) {
      case Kw::kBETWEEN: {
        if (WordIs(Peek(), "SYMMETRIC")) return NotSupported("BETWEEN SYMMETRIC");
        e = NewExpr(ExprKind::kBetween, op.pos);
        e->between.operand = left;
        e->between.negated = negated;
        DDB_RETURN_IF_ERROR(ParseExpr(kPrecLikeIn + 1, &e->between.low));
        DDB_RETURN_IF_ERROR(ExpectKw(Kw::kAND));
        DDB_RETURN_IF_ERROR(ParseExpr(kPrecLikeIn + 1, &e->between.high));
        break;
      }
      case Kw::kIN: {
        e = NewExpr(ExprKind::kIn, op.pos);
        e->in.operand = left;
        e->in.negated = negated;
        if (!Is(Tok::kLParen)) return Error("expected '(' after IN");
        if (IsKw(Kw::kSELECT, 1) || IsKw(Kw::kWITH, 1)) {
          DDB_RETURN_IF_ERROR(ParseSubqueryInParens(&e->in.subquery));
          break;
        }
        Take();
        do {
          Expr* item = nullptr;
          DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone + 1, &item));
          e->in.list.Push(arena_, item);
        } while (Accept(Tok::kComma));
        DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "',' or ')'"));
        break;
      }
      case Kw::kLIKE:
      case Kw::kILIKE: {
        e = NewExpr(ExprKind::kLike, op.pos);
        e->like.operand = left;
        e->like.negated = negated;
        e->like.ilike = word.kw == Kw::kILIKE;
        DDB_RETURN_IF_ERROR(ParseExpr(kPrecLikeIn + 1, &e->like.pattern));
        if (AcceptKw(Kw::kESCAPE)) {
          DDB_RETURN_IF_ERROR(ParseExpr(kPrecLikeIn + 1, &e->like.escape));
        }
        break;
      }
      default:
        return ErrorAt(word, "expected BETWEEN, IN, LIKE or ILIKE");
    }
    *out = e;
    return Status::OK();
  }
  // Plain binary operators.
  BinaryOp bop = BinaryOp::kOr;
  bool bang = false;
  switch (op.kind) {
    case Tok::kEq: bop = BinaryOp::kEq; break;
    case Tok::kNe: bop = BinaryOp::kNe; break;
    case Tok::kNe2: bop = BinaryOp::kNe; bang = true; break;
    case Tok::kLt: bop = BinaryOp::kLt; break;
    case Tok::kLe: bop = BinaryOp::kLe; break;
    case Tok::kGt: bop = BinaryOp::kGt; break;
    case Tok::kGe: bop = BinaryOp::kGe; break;
    case Tok::kConcat: bop = BinaryOp::kConcat; break;
    case Tok::kPlus: bop = BinaryOp::kAdd; break;
    case Tok::kMinus: bop = BinaryOp::kSub; break;
    case Tok::kStar: bop = BinaryOp::kMul; break;
    case Tok::kSlash: bop = BinaryOp::kDiv; break;
    case Tok::kPercent: bop = BinaryOp::kMod; break;
    default:
      bop = op.kw == Kw::kAND ? BinaryOp::kAnd : BinaryOp::kOr;
      break;
  }
  if (prec == kPrecCmp && (IsKw(Kw::kANY) || IsKw(Kw::kALL) || IsKw(Kw::kSOME))) {
    return NotSupported("ANY/ALL/SOME comparisons");
  }
  e = NewExpr(ExprKind::kBinary, op.pos);
  e->binary.op = bop;
  e->binary.bang_ne = bang;
  e->binary.left = left;
  DDB_RETURN_IF_ERROR(ParseExpr(prec + 1, &e->binary.right));
  *out = e;
  return Status::OK();
}

Status Parser::ParseSubqueryInParens(SelectStmt** out) {
  DDB_RETURN_IF_ERROR(Expect(Tok::kLParen, "'('"));
  DDB_RETURN_IF_ERROR(ParseSelect(out));
  return Expect(Tok::kRParen, "')' after subquery");
}

// Non-recursive prefixes (literals, parameters, keyword constants, typed literals,
// column references). Kept out of line so that ParsePrefix, which sits on the recursion
// path of every nesting level, has a small stack frame: 1000 levels must fit easily in
// a JVM thread's 1 MiB stack.
DDB_SQL_NOINLINE Status Parser::ParseLeaf(Expr** out, bool* handled) {
  *handled = true;
  const Token& t = Peek();
  switch (t.kind) {
    case Tok::kInteger:
    case Tok::kFloat: {
      Token n = Take();
      return ParseNumber(n, false, out);
    }
    case Tok::kString:
    case Tok::kBlob: {
      Token s = Take();
      Expr* e = NewExpr(ExprKind::kLiteral, s.pos);
      e->literal.kind = s.kind == Tok::kString ? LiteralKind::kString : LiteralKind::kBlob;
      e->literal.text = arena_->Copy(s.text);
      *out = e;
      return Status::OK();
    }
    case Tok::kParam: {
      Token p = Take();
      Expr* e = NewExpr(ExprKind::kParam, p.pos);
      e->param = p.param;
      if (p.param > max_param_) max_param_ = static_cast<int>(p.param);
      *out = e;
      return Status::OK();
    }
    case Tok::kMinus:
      // "-5" is one literal so that -9223372036854775808 is an INT64; "-5::t" is not,
      // because :: binds tighter than unary minus (ENGINE.md §7.2).
      if ((Is(Tok::kInteger, 1) || Is(Tok::kFloat, 1)) && !Is(Tok::kCast, 2)) {
        Token sign = Take();
        Token n = Take();
        DDB_RETURN_IF_ERROR(ParseNumber(n, true, out));
        (*out)->pos = sign.pos;
        return Status::OK();
      }
      break;
    case Tok::kIdent:
      if (t.quoted) break;
      switch (t.kw) {
        case Kw::kNULL:
        case Kw::kTRUE:
        case Kw::kFALSE: {
          Token k = Take();
          Expr* e = NewExpr(ExprKind::kLiteral, k.pos);
          e->literal.kind = k.kw == Kw::kNULL ? LiteralKind::kNull : LiteralKind::kBool;
          e->literal.bool_value = k.kw == Kw::kTRUE;
          *out = e;
          return Status::OK();
        }
        case Kw::kCURRENT_DATE:
        case Kw::kCURRENT_TIME:
        case Kw::kCURRENT_TIMESTAMP: {
          Token k = Take();
          if (Is(Tok::kLParen)) return NotSupported("a precision for " + std::string(KeywordText(k.kw)));
          Expr* e = NewExpr(ExprKind::kFunc, k.pos);
          e->func.name.name = arena_->Copy(KeywordText(k.kw));
          e->func.name.pos = k.pos;
          e->func.syntax = FuncSyntax::kBare;
          *out = e;
          return Status::OK();
        }
        case Kw::kDATE:
        case Kw::kTIME:
        case Kw::kTIMESTAMP:
          if (Is(Tok::kString, 1)) {
            Token k = Take();
            Token s = Take();
            Expr* e = NewExpr(ExprKind::kLiteral, k.pos);
            e->literal.kind = k.kw == Kw::kDATE ? LiteralKind::kDate
                              : k.kw == Kw::kTIME ? LiteralKind::kTime : LiteralKind::kTimestamp;
            e->literal.text = arena_->Copy(s.text);
            *out = e;
            return Status::OK();
          }
          break;
        case Kw::kINTERVAL:
          if (Is(Tok::kString, 1)) return NotSupported("intervals");
          break;
        case Kw::kDEFAULT:
          return Error("DEFAULT is only allowed as a whole value in INSERT ... VALUES");
        default:
          break;
      }
      break;
    case Tok::kLParen:
    case Tok::kPlus:
      break;
    default:
      return Error("expected an expression");
  }
  *handled = false;
  return Status::OK();
}

DDB_SQL_NOINLINE Status Parser::ParseColumnRef(Expr** out) {
  Token name = Take();
  Expr* e = NewExpr(ExprKind::kColumn, name.pos);
  if (Accept(Tok::kDot)) {
    if (Is(Tok::kStar)) return Error("'table.*' is only allowed in a select list or RETURNING");
    if (!Is(Tok::kIdent)) return Error("expected a column name after '.'");
    e->column.table = MakeIdent(name);
    e->column.column = MakeIdent(Take());
    if (Is(Tok::kDot)) return NotSupportedAt(name.pos, "names with more than two parts");
    if (Is(Tok::kLParen)) return NotSupportedAt(name.pos, "qualified function names");
  } else {
    e->column.column = MakeIdent(name);
  }
  *out = e;
  return Status::OK();
}

DDB_SQL_NOINLINE Status Parser::ParseCast(Expr** out) {
  Expr* e = NewExpr(ExprKind::kCast, Take().pos);
  DDB_RETURN_IF_ERROR(Expect(Tok::kLParen, "'(' after CAST"));
  DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &e->cast.operand));
  DDB_RETURN_IF_ERROR(ExpectKw(Kw::kAS));
  DDB_RETURN_IF_ERROR(ParseTypeName(&e->cast.type));
  DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "')'"));
  *out = e;
  return Status::OK();
}

DDB_SQL_NOINLINE Status Parser::ParseSubqueryExpr(ExprKind kind, Expr** out) {
  Expr* e = NewExpr(kind, Peek().pos);
  if (kind == ExprKind::kExists) {
    Take();
    if (!Is(Tok::kLParen) || !(IsKw(Kw::kSELECT, 1) || IsKw(Kw::kWITH, 1))) {
      return Error("expected '(SELECT ...)' after EXISTS");
    }
  }
  DDB_RETURN_IF_ERROR(ParseSubqueryInParens(&e->subquery.query));
  *out = e;
  return Status::OK();
}

Status Parser::ParsePrefix(Expr** out) {
  bool handled = false;
  DDB_RETURN_IF_ERROR(ParseLeaf(out, &handled));
  if (handled) return Status::OK();
  const Token& t = Peek();
  switch (t.kind) {
    case Tok::kLParen:
      if (IsKw(Kw::kSELECT, 1) || IsKw(Kw::kWITH, 1)) return ParseSubqueryExpr(ExprKind::kSubquery, out);
      Take();
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, out));
      if (Is(Tok::kComma)) return NotSupported("row constructors");
      return Expect(Tok::kRParen, "')'");
    case Tok::kMinus:
    case Tok::kPlus: {
      Expr* e = NewExpr(ExprKind::kUnary, t.pos);
      e->unary.op = t.kind == Tok::kMinus ? UnaryOp::kNeg : UnaryOp::kPlus;
      Take();
      *out = e;
      return ParseExpr(kPrecUnary, &e->unary.operand);
    }
    default:
      break;
  }
  // ParseLeaf has handled every other kind of token: this is a word.
  if (!t.quoted) {
    switch (t.kw) {
      case Kw::kNOT: {
        Expr* e = NewExpr(ExprKind::kUnary, t.pos);
        e->unary.op = UnaryOp::kNot;
        Take();
        *out = e;
        return ParseExpr(kPrecNot + 1, &e->unary.operand);
      }
      case Kw::kCASE:
        return ParseCase(out);
      case Kw::kCAST:
        return ParseCast(out);
      case Kw::kEXISTS:
        return ParseSubqueryExpr(ExprKind::kExists, out);
      case Kw::kLEFT:
      case Kw::kRIGHT:
        // LEFT(s, n) and RIGHT(s, n) are functions even though the words are reserved.
        if (Is(Tok::kLParen, 1)) return ParseFunction(out);
        break;
      default:
        break;
    }
    if (IsReservedKeyword(t.kw)) return Error("expected an expression");
  }
  if (Is(Tok::kLParen, 1)) return ParseFunction(out);
  return ParseColumnRef(out);
}

Status Parser::ParseFunction(Expr** out) {
  Expr* e = NewExpr(ExprKind::kFunc, Peek().pos);
  e->func.name = MakeIdent(Take());
  e->func.syntax = FuncSyntax::kCall;
  DDB_RETURN_IF_ERROR(Expect(Tok::kLParen, "'('"));
  bool handled = false;
  if (!e->func.name.quoted) DDB_RETURN_IF_ERROR(ParseSpecialFunction(e, &handled));
  if (!handled) {
    if (Accept(Tok::kRParen)) {
      // no arguments
    } else if (Is(Tok::kStar)) {
      Take();
      e->func.star = true;
      DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "')' after '*'"));
    } else {
      if (AcceptKw(Kw::kDISTINCT)) {
        e->func.distinct = true;
      } else {
        AcceptKw(Kw::kALL);
      }
      do {
        Expr* arg = nullptr;
        DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &arg));
        e->func.args.Push(arena_, arg);
      } while (Accept(Tok::kComma));
      if (IsKw(Kw::kORDER)) return NotSupported("ORDER BY inside a function call");
      DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "',' or ')'"));
    }
    if (IsKw(Kw::kFILTER) && Is(Tok::kLParen, 1)) return NotSupported("FILTER clauses");
    if (AcceptKw(Kw::kOVER)) DDB_RETURN_IF_ERROR(ParseWindow(&e->func.over));
  }
  *out = e;
  return Status::OK();
}

DDB_SQL_NOINLINE Status Parser::ParseSpecialFunction(Expr* fn, bool* handled) {
  std::string_view name = fn->func.name.name;
  auto rest_of_call = [&]() -> Status {
    // The first argument is already in fn->func.args; parse ", arg ..." and ")".
    while (Accept(Tok::kComma)) {
      Expr* arg = nullptr;
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &arg));
      fn->func.args.Push(arena_, arg);
    }
    return Expect(Tok::kRParen, "',' or ')'");
  };
  if (IdentEquals(name, "TRIM")) {
    *handled = true;
    fn->func.syntax = FuncSyntax::kTrim;
    if (AcceptKw(Kw::kLEADING)) fn->func.trim_mode = TrimMode::kLeading;
    else if (AcceptKw(Kw::kTRAILING)) fn->func.trim_mode = TrimMode::kTrailing;
    else if (AcceptKw(Kw::kBOTH)) fn->func.trim_mode = TrimMode::kBoth;
    Expr* first = nullptr;
    if (!IsKw(Kw::kFROM)) DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &first));
    if (AcceptKw(Kw::kFROM)) {
      Expr* s = nullptr;
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &s));
      fn->func.args.Push(arena_, s);
      if (first != nullptr) fn->func.args.Push(arena_, first);
    } else {
      if (fn->func.trim_mode != TrimMode::kNone) return Error("expected FROM in TRIM");
      fn->func.args.Push(arena_, first);
    }
    return Expect(Tok::kRParen, "')'");
  }
  if (IdentEquals(name, "SUBSTRING")) {
    *handled = true;
    Expr* s = nullptr;
    DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &s));
    fn->func.args.Push(arena_, s);
    if (AcceptKw(Kw::kFROM)) {
      fn->func.syntax = FuncSyntax::kSubstring;
      Expr* from = nullptr;
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &from));
      fn->func.args.Push(arena_, from);
      if (AcceptKw(Kw::kFOR)) {
        Expr* len = nullptr;
        DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &len));
        fn->func.args.Push(arena_, len);
      }
      return Expect(Tok::kRParen, "')'");
    }
    return rest_of_call();
  }
  if (IdentEquals(name, "POSITION")) {
    *handled = true;
    Expr* a = nullptr;
    // The needle stops before IN, which would otherwise start an IN predicate.
    DDB_RETURN_IF_ERROR(ParseExpr(kPrecLikeIn + 1, &a));
    fn->func.args.Push(arena_, a);
    if (AcceptKw(Kw::kIN)) {
      fn->func.syntax = FuncSyntax::kPosition;
      Expr* b = nullptr;
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &b));
      fn->func.args.Push(arena_, b);
      return Expect(Tok::kRParen, "')'");
    }
    return rest_of_call();
  }
  if (IdentEquals(name, "EXTRACT")) {
    *handled = true;
    fn->func.syntax = FuncSyntax::kExtract;
    if (!Is(Tok::kIdent) || Peek().quoted) return Error("expected a field name in EXTRACT");
    std::string field(Take().text);
    for (char& c : field) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 32);
    }
    fn->func.field = arena_->Copy(field);
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kFROM));
    Expr* x = nullptr;
    DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &x));
    fn->func.args.Push(arena_, x);
    return Expect(Tok::kRParen, "')'");
  }
  return Status::OK();
}

Status Parser::ParseCase(Expr** out) {
  Token c = Take();
  Expr* e = NewExpr(ExprKind::kCase, c.pos);
  if (!IsKw(Kw::kWHEN)) DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &e->case_.operand));
  while (AcceptKw(Kw::kWHEN)) {
    CaseWhen w{nullptr, nullptr};
    DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &w.when));
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kTHEN));
    DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &w.then));
    e->case_.whens.Push(arena_, w);
  }
  if (e->case_.whens.empty()) return Error("expected WHEN");
  if (AcceptKw(Kw::kELSE)) DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &e->case_.else_expr));
  DDB_RETURN_IF_ERROR(ExpectKw(Kw::kEND));
  *out = e;
  return Status::OK();
}

Status Parser::ParseWindow(WindowSpec** out) {
  if (!Is(Tok::kLParen)) return NotSupported("named windows");
  Take();
  WindowSpec* w = arena_->Zeroed<WindowSpec>();
  if (AcceptKw(Kw::kPARTITION)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kBY));
    do {
      Expr* e = nullptr;
      DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &e));
      w->partition_by.Push(arena_, e);
    } while (Accept(Tok::kComma));
  }
  if (AcceptKw(Kw::kORDER)) {
    DDB_RETURN_IF_ERROR(ExpectKw(Kw::kBY));
    DDB_RETURN_IF_ERROR(ParseOrderByList(&w->order_by));
  }
  if (WordIs(Peek(), "ROWS") || WordIs(Peek(), "RANGE") || WordIs(Peek(), "GROUPS")) {
    return NotSupported("window frames");
  }
  if (!Is(Tok::kRParen) && Is(Tok::kIdent)) return NotSupported("named windows");
  DDB_RETURN_IF_ERROR(Expect(Tok::kRParen, "')' to close OVER"));
  *out = w;
  return Status::OK();
}

Status Parser::ParseOrderByList(ArenaVec<OrderItem>* out) {
  do {
    OrderItem item{nullptr, SortDir::kDefault, NullsOrder::kDefault};
    DDB_RETURN_IF_ERROR(ParseExpr(kPrecNone, &item.expr));
    if (AcceptKw(Kw::kASC)) item.dir = SortDir::kAsc;
    else if (AcceptKw(Kw::kDESC)) item.dir = SortDir::kDesc;
    else if (IsKw(Kw::kUSING)) return NotSupported("ORDER BY ... USING");
    if (AcceptKw(Kw::kNULLS)) {
      if (AcceptKw(Kw::kFIRST)) item.nulls = NullsOrder::kFirst;
      else if (AcceptKw(Kw::kLAST)) item.nulls = NullsOrder::kLast;
      else return Error("expected FIRST or LAST after NULLS");
    }
    out->Push(arena_, item);
  } while (Accept(Tok::kComma));
  return Status::OK();
}

}  // namespace sql
}  // namespace decentdb
