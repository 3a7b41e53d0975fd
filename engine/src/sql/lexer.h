// SQL tokenizer: turns statement text into tokens on demand (identifiers with keyword
// classification, literals, $N parameters, operators), skipping whitespace and comments,
// and reports lexical errors with exact positions. It owns no memory: unescaped string
// and identifier values are written into the caller's Arena. Rules: ENGINE.md §7.1.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sql/arena.h"
#include "sql/ast.h"
#include "util/status.h"

namespace decentdb {
namespace sql {

// Limits of ENGINE.md §10 that the front end enforces.
constexpr size_t kMaxSqlLength = size_t{16} << 20;
constexpr size_t kMaxIdentifierLength = 255;
constexpr int kMaxExprDepth = 1000;
constexpr int kMaxSubqueryDepth = 64;
constexpr int64_t kMaxParameter = 65535;

enum class Tok : uint8_t {
  kEnd,
  kIdent,        // unquoted word (possibly a keyword) or "quoted identifier"
  kString,       // 'text'
  kBlob,         // X'0A1B'
  kInteger,      // digits only (value may exceed INT64; the parser decides)
  kFloat,        // digits with '.' or exponent
  kParam,        // $N
  kLParen, kRParen, kComma, kSemicolon, kDot,
  kPlus, kMinus, kStar, kSlash, kPercent, kConcat,
  kEq, kNe, kNe2,  // = <> !=
  kLt, kLe, kGt, kGe,
  kCast,         // ::
};

// Keywords. The order of this list must match kKeywordTable in lexer.cc (alphabetical).
#define DDB_SQL_KEYWORDS(X)                                                                 \
  X(ACTION, 0) X(ADD, 0) X(ALL, 1) X(ALTER, 0) X(ANALYZE, 0) X(AND, 1) X(ANY, 1) X(AS, 1)     \
  X(ASC, 1) X(BEGIN, 0) X(BETWEEN, 1) X(BOTH, 1) X(BY, 0) X(CASCADE, 0) X(CASE, 1)            \
  X(CAST, 1) X(CHECK, 1) X(COLLATE, 1) X(COLUMN, 0) X(COMMIT, 0) X(CONFLICT, 0)              \
  X(CONSTRAINT, 1) X(CREATE, 1) X(CROSS, 1) X(CURRENT_DATE, 1) X(CURRENT_TIME, 1)            \
  X(CURRENT_TIMESTAMP, 1) X(DATE, 0) X(DEFAULT, 1) X(DELETE, 0) X(DESC, 1) X(DISTINCT, 1)    \
  X(DO, 1) X(DROP, 0) X(ELSE, 1) X(END, 1) X(ESCAPE, 0) X(EXCEPT, 1) X(EXISTS, 1)            \
  X(EXPLAIN, 0) X(FALSE, 1) X(FETCH, 1) X(FILTER, 0) X(FIRST, 0) X(FOR, 1) X(FOREIGN, 1)     \
  X(FROM, 1) X(FULL, 1) X(GROUP, 1) X(HAVING, 1) X(IF, 0) X(ILIKE, 1) X(IMMEDIATE, 0)        \
  X(IN, 1) X(INDEX, 0) X(INNER, 1) X(INSERT, 0) X(INTERSECT, 1) X(INTERVAL, 0) X(INTO, 1)    \
  X(IS, 1) X(JOIN, 1) X(KEY, 0) X(LAST, 0) X(LATERAL, 1) X(LEADING, 1) X(LEFT, 1)           \
  X(LIKE, 1) X(LIMIT, 1) X(NATURAL, 1) X(NO, 0) X(NOT, 1) X(NOTHING, 0) X(NULL, 1)           \
  X(NULLS, 0) X(OFFSET, 1) X(ON, 1) X(OR, 1) X(ORDER, 1) X(OUTER, 1) X(OVER, 0)              \
  X(PARTITION, 0) X(PRIMARY, 1) X(RECURSIVE, 0) X(REFERENCES, 1) X(RELEASE, 0)               \
  X(RENAME, 0) X(REPLACE, 0) X(RESTRICT, 0) X(RETURNING, 1) X(RIGHT, 1) X(ROLLBACK, 0)       \
  X(SAVEPOINT, 0) X(SELECT, 1) X(SET, 0) X(SIMILAR, 1) X(SOME, 1) X(START, 0) X(TABLE, 1)    \
  X(THEN, 1) X(TIME, 0) X(TIMESTAMP, 0) X(TO, 1) X(TRAILING, 1) X(TRANSACTION, 0)            \
  X(TRUE, 1) X(UNION, 1) X(UNIQUE, 1) X(UPDATE, 0) X(USING, 1) X(VALUES, 0) X(VIEW, 0)       \
  X(WHEN, 1) X(WHERE, 1) X(WINDOW, 1) X(WITH, 1) X(WORK, 0)

enum class Kw : uint8_t {
  kNone,
#define DDB_KW_ENUM(name, reserved) k##name,
  DDB_SQL_KEYWORDS(DDB_KW_ENUM)
#undef DDB_KW_ENUM
};

// Reserved keywords cannot be used unquoted as table, column or alias names.
bool IsReservedKeyword(Kw kw);
// Upper-case spelling of a keyword ("SELECT").
const char* KeywordText(Kw kw);
// The keyword an unquoted word spells (ASCII case-insensitive), or Kw::kNone.
Kw LookupKeyword(std::string_view word);

struct Token {
  Tok kind = Tok::kEnd;
  Kw kw = Kw::kNone;      // for unquoted kIdent only
  bool quoted = false;    // kIdent written as "..."
  uint32_t pos = 0;       // byte offset of the first character in the text
  uint32_t len = 0;       // bytes of source text
  // kIdent: the name (quotes removed, "" unescaped); kString: the value; kBlob: the
  // decoded bytes; kInteger/kFloat: the source digits; kParam: the digits after '$'.
  std::string_view text;
  int64_t param = 0;      // kParam only
};

class Lexer {
 public:
  // REQUIRES: text outlives the lexer; arena receives unescaped values.
  Lexer(std::string_view text, Arena* arena) : text_(text), arena_(arena) {}

  // Reads the next token; at the end of the text returns kEnd forever. On a lexical
  // error returns an ERR_SQL 42601 status naming the position.
  Status Next(Token* out);

  uint32_t offset() const { return static_cast<uint32_t>(pos_); }
  void Reset(size_t offset) { pos_ = offset; }

 private:
  Status LexQuoted(Token* out, char quote);
  Status LexNumber(Token* out);
  Status LexBlob(Token* out);
  Status SkipSpaceAndComments();

  std::string_view text_;
  Arena* arena_;
  size_t pos_ = 0;
};

// "at line L, column C (offset O)" for byte `offset` of `text`; columns count code points.
std::string DescribePosition(std::string_view text, size_t offset);
// ERR_SQL 42601 with `message` followed by DescribePosition.
Status SyntaxErrorAt(std::string_view text, size_t offset, const std::string& message);
// ERR_SQL 0A000 "not supported: <what>" with the position.
Status NotSupportedAt(std::string_view text, size_t offset, const std::string& what);
// True if `s` is well-formed UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
bool IsValidUtf8(std::string_view s);

}  // namespace sql
}  // namespace decentdb
