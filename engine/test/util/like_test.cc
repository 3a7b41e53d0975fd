// Tests for util/like.h, util/unicode.h and util/utf8.h: LIKE/ILIKE semantics against a
// straightforward recursive reference matcher on random patterns, escapes, code-point '_',
// case folding tables and UTF-8 validation.
#include <random>
#include <vector>

#include "harness/test.h"
#include "util/like.h"
#include "util/unicode.h"
#include "util/utf8.h"

using namespace decentdb;

namespace {

bool Like(const std::string& text, const std::string& pattern, bool ilike = false,
          int32_t escape = LikePattern::kDefaultEscape) {
  LikePattern p;
  Status s = LikePattern::Compile(pattern, escape, ilike, &p);
  if (!s.ok()) {
    ddbtest::ReportFailure(__FILE__, __LINE__, "compile failed: " + s.ToString());
    return false;
  }
  return p.Match(text);
}

std::vector<uint32_t> CodePoints(const std::string& s) {
  std::vector<uint32_t> out;
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) out.push_back(DecodeUtf8(&p, end));
  return out;
}

// Reference: pattern elements are code points, with '%' and '_' wild and '\' escaping.
bool RefMatch(const std::vector<uint32_t>& t, size_t ti, const std::vector<int64_t>& p, size_t pi) {
  if (pi == p.size()) return ti == t.size();
  if (p[pi] == -2) {
    for (size_t k = ti; k <= t.size(); ++k)
      if (RefMatch(t, k, p, pi + 1)) return true;
    return false;
  }
  if (ti == t.size()) return false;
  if (p[pi] == -1 || static_cast<uint32_t>(p[pi]) == t[ti]) return RefMatch(t, ti + 1, p, pi + 1);
  return false;
}

bool RefLike(const std::string& text, const std::string& pattern, bool ilike) {
  std::vector<uint32_t> t = CodePoints(text);
  std::vector<uint32_t> pc = CodePoints(pattern);
  std::vector<int64_t> p;
  for (size_t i = 0; i < pc.size(); ++i) {
    if (pc[i] == '\\' && i + 1 < pc.size()) {
      p.push_back(ilike ? FoldCase(pc[++i]) : pc[++i]);
    } else if (pc[i] == '%') {
      p.push_back(-2);
    } else if (pc[i] == '_') {
      p.push_back(-1);
    } else {
      p.push_back(ilike ? FoldCase(pc[i]) : pc[i]);
    }
  }
  if (ilike)
    for (auto& c : t) c = FoldCase(c);
  return RefMatch(t, 0, p, 0);
}

}  // namespace

TEST(Like, BasicWildcards) {
  EXPECT_TRUE(Like("hello", "hello"));
  EXPECT_FALSE(Like("hello", "hell"));
  EXPECT_TRUE(Like("hello", "h%"));
  EXPECT_TRUE(Like("hello", "%llo"));
  EXPECT_TRUE(Like("hello", "%ell%"));
  EXPECT_TRUE(Like("hello", "h_l%o"));
  EXPECT_FALSE(Like("hello", "h_l"));
  EXPECT_TRUE(Like("", "%"));
  EXPECT_TRUE(Like("", ""));
  EXPECT_FALSE(Like("", "_"));
  EXPECT_TRUE(Like("abcabc", "%abc"));
  EXPECT_TRUE(Like("aaab", "%a%b"));
  EXPECT_FALSE(Like("aaac", "%a%b"));
}

TEST(Like, UnderscoreMatchesOneCodePointNotOneByte) {
  EXPECT_TRUE(Like("é", "_"));
  EXPECT_TRUE(Like("a中b", "a_b"));
  EXPECT_FALSE(Like("a中b", "a__b"));
  EXPECT_TRUE(Like("😀x", "_x"));
}

TEST(Like, EscapesMakeWildcardsLiteral) {
  EXPECT_TRUE(Like("50%", "50\\%"));
  EXPECT_FALSE(Like("500", "50\\%"));
  EXPECT_TRUE(Like("a_b", "a\\_b"));
  EXPECT_FALSE(Like("axb", "a\\_b"));
  EXPECT_TRUE(Like("a\\b", "a\\\\b"));
  EXPECT_TRUE(Like("50%", "50!%", false, '!'));
  EXPECT_TRUE(Like("a\\b", "a\\b", false, LikePattern::kNoEscape));
  LikePattern p;
  Status s = LikePattern::Compile("abc\\", LikePattern::kDefaultEscape, false, &p);
  EXPECT_TRUE(s.Is(Code::kSql));
  EXPECT_EQ(std::string(s.sqlstate()), "22025");
  int32_t esc = 0;
  EXPECT_OK(LikePattern::ParseEscape("", &esc));
  EXPECT_EQ(esc, LikePattern::kNoEscape);
  EXPECT_TRUE(LikePattern::ParseEscape("ab", &esc).Is(Code::kSql));
  EXPECT_OK(LikePattern::ParseEscape("é", &esc));
  EXPECT_EQ(esc, 0xE9);
}

TEST(Like, IlikeFoldsCaseBeyondAscii) {
  EXPECT_TRUE(Like("Hello World", "hello%", true));
  EXPECT_FALSE(Like("Hello World", "hello%", false));
  EXPECT_TRUE(Like("ÄPFEL", "äpfel", true));
  EXPECT_TRUE(Like("ΣΟΦΙΑ", "σοφια", true));
  EXPECT_TRUE(Like("\xE2\x84\xAA", "k", true));  // KELVIN SIGN folds to k
  EXPECT_FALSE(Like("Straße", "STRASSE", true));  // folding is one-to-one only
}

TEST(Like, SegmentsAndPrefixShape) {
  LikePattern p;
  ASSERT_OK(LikePattern::Compile("%lo_ve%ab\\%c", LikePattern::kDefaultEscape, false, &p));
  ASSERT_EQ(p.segments().size(), 3u);
  EXPECT_EQ(p.segments()[0], "lo");
  EXPECT_EQ(p.segments()[1], "ve");
  EXPECT_EQ(p.segments()[2], "ab%c");
  EXPECT_FALSE(p.is_prefix_pattern());
  ASSERT_OK(LikePattern::Compile("abc%", LikePattern::kDefaultEscape, false, &p));
  EXPECT_TRUE(p.is_prefix_pattern());
  EXPECT_EQ(p.prefix(), "abc");
  ASSERT_OK(LikePattern::Compile("ABC%", LikePattern::kDefaultEscape, true, &p));
  EXPECT_FALSE(p.is_prefix_pattern());
  EXPECT_EQ(p.segments()[0], "abc");
}

TEST(Like, AgreesWithReferenceOnRandomPatterns) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  const std::vector<std::string> alphabet = {"a", "b", "A", "é", "É", "中", "%", "_", "\\"};
  const std::vector<std::string> text_alphabet = {"a", "b", "A", "é", "É", "中", "%", "_"};
  int matches = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string pattern, text;
    int plen = static_cast<int>(rng() % 7), tlen = static_cast<int>(rng() % 9);
    for (int k = 0; k < plen; ++k) pattern += alphabet[rng() % alphabet.size()];
    for (int k = 0; k < tlen; ++k) text += text_alphabet[rng() % text_alphabet.size()];
    bool ilike = rng() % 2;
    LikePattern p;
    Status s = LikePattern::Compile(pattern, LikePattern::kDefaultEscape, ilike, &p);
    bool lone_escape = false;
    {
      std::vector<uint32_t> pc = CodePoints(pattern);
      for (size_t k = 0; k < pc.size(); ++k) {
        if (pc[k] == '\\') {
          if (k + 1 == pc.size()) lone_escape = true;
          ++k;
        }
      }
    }
    if (lone_escape) {
      ASSERT_TRUE(s.Is(Code::kSql));
      continue;
    }
    ASSERT_OK(s);
    bool got = p.Match(text), want = RefLike(text, pattern, ilike);
    if (got != want) {
      ddbtest::ReportFailure(__FILE__, __LINE__,
                             "text '" + text + "' pattern '" + pattern + "' ilike=" +
                                 std::to_string(ilike));
      return;
    }
    matches += got;
  }
  EXPECT_GT(matches, 1000);  // the generator produces both outcomes
}

TEST(Unicode, SimpleMappings) {
  EXPECT_EQ(LowerCase('A'), static_cast<uint32_t>('a'));
  EXPECT_EQ(UpperCase('z'), static_cast<uint32_t>('Z'));
  EXPECT_EQ(LowerCase(0xC4), 0xE4u);   // Ä -> ä
  EXPECT_EQ(UpperCase(0x3C3), 0x3A3u);  // σ -> Σ
  EXPECT_EQ(FoldCase(0x3C2), 0x3C3u);   // final sigma folds to σ
  EXPECT_EQ(UpperCase(0xDF), 0xDFu);    // ß has no one-to-one uppercase
  EXPECT_EQ(FoldCase(0x212A), static_cast<uint32_t>('k'));
  EXPECT_EQ(LowerUtf8("ÄÖÜ Straße"), "äöü straße");
  EXPECT_EQ(UpperUtf8("äöü"), "ÄÖÜ");
  EXPECT_EQ(FoldUtf8("ΣΑΣ"), "σασ");
}

TEST(Utf8, ValidatesShortestFormAndRanges) {
  EXPECT_TRUE(IsValidUtf8("", 0));
  EXPECT_TRUE(IsValidUtf8("abc", 3));
  std::string ok = "é中😀";
  EXPECT_TRUE(IsValidUtf8(ok.data(), ok.size()));
  EXPECT_EQ(CountCodePoints(ok.data(), ok.size()), 3u);
  const char overlong[] = "\xC0\xAF";
  EXPECT_FALSE(IsValidUtf8(overlong, 2));
  const char surrogate[] = "\xED\xA0\x80";
  EXPECT_FALSE(IsValidUtf8(surrogate, 3));
  const char too_big[] = "\xF4\x90\x80\x80";
  EXPECT_FALSE(IsValidUtf8(too_big, 4));
  const char truncated[] = "\xE4\xB8";
  EXPECT_FALSE(IsValidUtf8(truncated, 2));
  const char stray[] = "a\x80";
  EXPECT_FALSE(IsValidUtf8(stray, 2));
  std::string out;
  AppendUtf8(&out, 0x1F600);
  EXPECT_EQ(out, "😀");
}
