// Public entry points of the SQL front end: parse exactly one statement (prepare), or
// walk a script statement by statement (exec). A ParsedStatement owns the Arena holding
// its AST, so dropping it frees the whole tree at once. Grammar: ENGINE.md §7; errors
// are ERR_SQL 42601 (syntax) or 0A000 ("not supported: ...") with line and column.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "sql/arena.h"
#include "sql/ast.h"
#include "util/status.h"

namespace decentdb {
namespace sql {

struct ParsedStatement {
  std::unique_ptr<Arena> arena;
  Stmt* stmt = nullptr;
  // The statement's own text (from its first token to its last, without the ';'),
  // copied into the arena. AST positions are offsets into the text passed to the
  // parser; subtract text_offset to index into `text`.
  std::string_view text;
  uint32_t text_offset = 0;
  // The highest $N referenced (0 when there are none).
  int param_count = 0;
};

// Parses one statement. Leading and trailing whitespace, comments and one trailing ';'
// are allowed; anything else after the statement is an error, as is empty input.
Result<ParsedStatement> ParseStatement(std::string_view sql);

// Parses a script one statement at a time, so a caller can run each before parsing the
// next (decentdb_exec semantics: stop at the first failing statement). Empty
// statements (";;") are skipped.
class ScriptParser {
 public:
  // REQUIRES: sql outlives the ScriptParser (each ParsedStatement copies what it keeps).
  explicit ScriptParser(std::string_view sql) : sql_(sql) {}

  // Parses the next statement into *out, or sets *done when only whitespace and
  // comments remain. After an error the parser stays failed.
  Status Next(ParsedStatement* out, bool* done);

 private:
  std::string_view sql_;
  size_t offset_ = 0;
  bool failed_ = false;
};

// Parses every statement of a script (convenience over ScriptParser).
Result<std::vector<ParsedStatement>> ParseScript(std::string_view sql);

}  // namespace sql
}  // namespace decentdb
