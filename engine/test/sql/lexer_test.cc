// Tests for sql/lexer.h: token kinds and values, keyword classification, literal
// escapes, parameters, operators, comments, and the exact positions in lexical errors.
#include <string>
#include <vector>

#include "harness/test.h"
#include "sql/lexer.h"

using namespace decentdb;
using namespace decentdb::sql;

namespace {

// REQUIRES: text outlives the returned tokens (they point into it).
std::vector<Token> LexAll(std::string_view text, Status* status, Arena* arena) {
  Lexer lx(text, arena);
  std::vector<Token> out;
  for (;;) {
    Token t;
    *status = lx.Next(&t);
    if (!status->ok() || t.kind == Tok::kEnd) break;
    out.push_back(t);
  }
  return out;
}

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST(Lexer, KeywordTableIsSortedForBinarySearch) {
  for (int i = 1; i < static_cast<int>(Kw::kWORK); ++i) {
    std::string a = KeywordText(static_cast<Kw>(i));
    std::string b = KeywordText(static_cast<Kw>(i + 1));
    EXPECT_LT(a, b);
    EXPECT_TRUE(LookupKeyword(a) == static_cast<Kw>(i));
  }
  EXPECT_TRUE(LookupKeyword("select") == Kw::kSELECT);
  EXPECT_TRUE(LookupKeyword("SeLeCt") == Kw::kSELECT);
  EXPECT_TRUE(LookupKeyword("selects") == Kw::kNone);
  EXPECT_TRUE(IsReservedKeyword(Kw::kSELECT));
  EXPECT_FALSE(IsReservedKeyword(Kw::kDATE));
}

TEST(Lexer, IdentifiersKeepSpellingAndCompareFolded) {
  Arena arena;
  Status s;
  auto toks = LexAll("Name \"Name\" \"a\"\"b\" _x$1 \"select\"", &s, &arena);
  ASSERT_OK(s);
  ASSERT_EQ(toks.size(), 5u);
  EXPECT_EQ(std::string(toks[0].text), "Name");
  EXPECT_FALSE(toks[0].quoted);
  EXPECT_EQ(std::string(toks[1].text), "Name");
  EXPECT_TRUE(toks[1].quoted);
  EXPECT_EQ(std::string(toks[2].text), "a\"b");
  EXPECT_EQ(std::string(toks[3].text), "_x$1");
  EXPECT_TRUE(toks[4].kw == Kw::kNone);  // quoted words are never keywords
  EXPECT_TRUE(IdentEquals("name", "NAME"));
  EXPECT_FALSE(IdentEquals("name", "names"));
}

TEST(Lexer, LiteralsAndEscapes) {
  Arena arena;
  Status s;
  auto toks = LexAll("'it''s' '' X'0a1B' x'' 42 1.5 .5 1e-3 2E+10 1. $7", &s, &arena);
  ASSERT_OK(s);
  ASSERT_EQ(toks.size(), 11u);
  EXPECT_TRUE(toks[0].kind == Tok::kString);
  EXPECT_EQ(std::string(toks[0].text), "it's");
  EXPECT_EQ(std::string(toks[1].text), "");
  EXPECT_TRUE(toks[2].kind == Tok::kBlob);
  EXPECT_EQ(std::string(toks[2].text), std::string("\x0a\x1b"));
  EXPECT_TRUE(toks[3].kind == Tok::kBlob);
  EXPECT_EQ(toks[3].text.size(), 0u);
  EXPECT_TRUE(toks[4].kind == Tok::kInteger);
  for (int i = 5; i <= 9; ++i) EXPECT_TRUE(toks[i].kind == Tok::kFloat);
  EXPECT_EQ(std::string(toks[7].text), "1e-3");
  EXPECT_TRUE(toks[10].kind == Tok::kParam);
  EXPECT_EQ(toks[10].param, 7);
}

TEST(Lexer, OperatorsAndComments) {
  Arena arena;
  Status s;
  auto toks = LexAll("a::b||c<>d!=e<=f>=g -- comment\n/* block -- */ h/**/i", &s, &arena);
  ASSERT_OK(s);
  std::vector<Tok> kinds;
  for (auto& t : toks) kinds.push_back(t.kind);
  std::vector<Tok> want = {Tok::kIdent, Tok::kCast, Tok::kIdent, Tok::kConcat, Tok::kIdent,
                           Tok::kNe, Tok::kIdent, Tok::kNe2, Tok::kIdent, Tok::kLe,
                           Tok::kIdent, Tok::kGe, Tok::kIdent, Tok::kIdent, Tok::kIdent};
  EXPECT_TRUE(kinds == want);
  // Comments do not nest: the first */ ends the comment, leaving "c * /".
  toks = LexAll("/* a /* b */ c */", &s, &arena);
  ASSERT_OK(s);
  ASSERT_EQ(toks.size(), 3u);
  EXPECT_TRUE(toks[1].kind == Tok::kStar && toks[2].kind == Tok::kSlash);
}

TEST(Lexer, ErrorsCarryExactPositions) {
  struct Case {
    const char* text;
    const char* fragment;
    const char* where;
  };
  const Case cases[] = {
      {"SELECT ?", "use $1..$N parameters", "line 1, column 8 (offset 7)"},
      {"SELECT :x", "use $1..$N parameters", "line 1, column 8 (offset 7)"},
      {"a\n  $0", "out of range", "line 2, column 3 (offset 4)"},
      {"$65536", "out of range", "offset 0"},
      {"$", "use $1..$N parameters", "offset 0"},
      {"'abc", "unterminated string literal", "offset 0"},
      {"\"abc", "unterminated quoted identifier", "offset 0"},
      {"\"\"", "zero-length quoted identifier", "offset 0"},
      {"x /* never closed", "unterminated /* comment", "column 3 (offset 2)"},
      {"X'ABC'", "even number of hex digits", "offset 0"},
      {"X'0G'", "invalid hex digit", "offset 3"},
      {"12abc", "trailing junk", "offset 0"},
      {"1e+", "malformed exponent", "offset 0"},
      {"1.2.3", "trailing junk", "offset 0"},
      {"a ^ b", "unexpected character '^'", "column 3"},
      {"'\xff'", "invalid UTF-8", "offset 0"},
      {"\xc3\xa9", "unexpected character byte 0xC3", "offset 0"},
      // Columns count code points, offsets count bytes.
      {"'\xc3\xa9' ?", "use $1..$N", "line 1, column 5 (offset 5)"},
  };
  for (const Case& c : cases) {
    Arena arena;
    Status s;
    LexAll(c.text, &s, &arena);
    EXPECT_FALSE(s.ok());
    EXPECT_TRUE(Contains(s.message(), c.fragment) && Contains(s.message(), c.where));
    if (!Contains(s.message(), c.fragment) || !Contains(s.message(), c.where)) {
      std::fprintf(stderr, "    input %s -> %s\n", c.text, s.ToString().c_str());
    }
    EXPECT_EQ(std::string(s.sqlstate()), "42601");
  }
}

TEST(Lexer, IdentifierLengthLimit) {
  Arena arena;
  Status s;
  std::string ok(255, 'a'), too_long(256, 'a'), quoted = "\"" + std::string(256, 'b') + "\"";
  LexAll(ok, &s, &arena);
  EXPECT_OK(s);
  LexAll(too_long, &s, &arena);
  EXPECT_TRUE(Contains(s.message(), "longer than 255 bytes"));
  LexAll(quoted, &s, &arena);
  EXPECT_TRUE(Contains(s.message(), "longer than 255 bytes"));
}

TEST(Lexer, Utf8Validation) {
  EXPECT_TRUE(IsValidUtf8("plain"));
  EXPECT_TRUE(IsValidUtf8("\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xc0\x80"));          // overlong NUL
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));          // truncated
}
