// LIKE / ILIKE pattern matching (ENGINE.md §7.4): '%' matches any sequence, '_' exactly one
// code point, the escape character (default '\', none with ESCAPE '') makes the next character
// literal. LIKE compares code points exactly (the same as bytes for valid UTF-8); ILIKE
// compares after FoldCase. A pattern is compiled once per bound value and matched without
// allocating. The literal segments it exposes drive trigram lookups (§7.6) and prefix ranges.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace decentdb {

class LikePattern {
 public:
  static constexpr int32_t kNoEscape = -1;
  static constexpr int32_t kDefaultEscape = '\\';

  // Compiles pattern (validated UTF-8). escape is a code point or kNoEscape. A pattern that
  // ends in a lone escape character is ERR_SQL 22025.
  static Status Compile(std::string_view pattern, int32_t escape, bool case_insensitive,
                        LikePattern* out);
  // Parses an ESCAPE operand: "" means no escape; more than one character is ERR_SQL 22019.
  static Status ParseEscape(std::string_view text, int32_t* out_escape);

  // REQUIRES: text is valid UTF-8.
  bool Match(std::string_view text) const;

  // The literal runs between wildcards, in pattern order (folded for ILIKE).
  const std::vector<std::string>& segments() const { return segments_; }
  // True when the pattern is literal text followed by a single trailing '%' or by nothing;
  // then prefix() is that text (LIKE only: such a pattern is an index range).
  bool is_prefix_pattern() const { return shape_ == Shape::kPrefix || shape_ == Shape::kExact; }
  const std::string& prefix() const { return literal_; }

 private:
  enum class Shape { kGeneral, kExact, kPrefix, kContains };
  static constexpr int32_t kAnyOne = -1;
  static constexpr int32_t kAnySeq = -2;

  bool MatchGeneral(std::string_view text) const;

  std::vector<int32_t> elems_;  // code points, kAnyOne, kAnySeq
  std::vector<std::string> segments_;
  std::string literal_;  // for kExact, kPrefix, kContains
  Shape shape_ = Shape::kGeneral;
  bool fold_ = false;
};

}  // namespace decentdb
