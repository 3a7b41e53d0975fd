// SQL tokenizer implementation: keyword table, literal scanning ('' escapes, X'..' blobs,
// numbers, $N), operators, comments, and position-carrying error messages.
// Rules: ENGINE.md §7.1; limits: §10.
#include "sql/lexer.h"

#include <algorithm>
#include <cstring>

namespace decentdb {
namespace sql {

namespace {

struct KeywordEntry {
  const char* text;
  Kw kw;
  bool reserved;
};

const KeywordEntry kKeywordTable[] = {
#define DDB_KW_ENTRY(name, reserved) {#name, Kw::k##name, reserved != 0},
    DDB_SQL_KEYWORDS(DDB_KW_ENTRY)
#undef DDB_KW_ENTRY
};
constexpr size_t kKeywordCount = sizeof(kKeywordTable) / sizeof(kKeywordTable[0]);
constexpr size_t kMaxKeywordLength = 17;  // CURRENT_TIMESTAMP

bool IsIdentStart(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool IsIdentChar(unsigned char c) { return IsIdentStart(c) || (c >= '0' && c <= '9') || c == '$'; }
bool IsDigit(unsigned char c) { return c >= '0' && c <= '9'; }
int HexValue(unsigned char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}
char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

}  // namespace

bool IsReservedKeyword(Kw kw) {
  if (kw == Kw::kNone) return false;
  return kKeywordTable[static_cast<size_t>(kw) - 1].reserved;
}

const char* KeywordText(Kw kw) {
  if (kw == Kw::kNone) return "";
  return kKeywordTable[static_cast<size_t>(kw) - 1].text;
}

Kw LookupKeyword(std::string_view word) {
  if (word.size() > kMaxKeywordLength || word.empty()) return Kw::kNone;
  char buf[kMaxKeywordLength + 1];
  for (size_t i = 0; i < word.size(); ++i) buf[i] = Upper(word[i]);
  buf[word.size()] = '\0';
  size_t lo = 0, hi = kKeywordCount;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int c = std::strcmp(kKeywordTable[mid].text, buf);
    if (c == 0) return kKeywordTable[mid].kw;
    if (c < 0) lo = mid + 1; else hi = mid;
  }
  return Kw::kNone;
}

bool IdentEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Upper(a[i]) != Upper(b[i])) return false;
  }
  return true;
}

bool IsValidUtf8(std::string_view s) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(s.data());
  const unsigned char* end = p + s.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) { ++p; continue; }
    int n;
    uint32_t cp;
    if (c >= 0xC2 && c <= 0xDF) { n = 1; cp = c & 0x1F; }
    else if (c >= 0xE0 && c <= 0xEF) { n = 2; cp = c & 0x0F; }
    else if (c >= 0xF0 && c <= 0xF4) { n = 3; cp = c & 0x07; }
    else return false;
    if (end - p <= n) return false;
    for (int i = 1; i <= n; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i] & 0x3F);
    }
    if ((n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    p += n + 1;
  }
  return true;
}

std::string DescribePosition(std::string_view text, size_t offset) {
  if (offset > text.size()) offset = text.size();
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++line;
      column = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++column;  // continuation bytes belong to the previous code point
    }
  }
  return "at line " + std::to_string(line) + ", column " + std::to_string(column) +
         " (offset " + std::to_string(offset) + ")";
}

Status SyntaxErrorAt(std::string_view text, size_t offset, const std::string& message) {
  return Status::Sql(message + " " + DescribePosition(text, offset), "42601");
}

Status NotSupportedAt(std::string_view text, size_t offset, const std::string& what) {
  return Status::NotSupported("not supported: " + what + " " + DescribePosition(text, offset));
}

Status Lexer::SkipSpaceAndComments() {
  while (pos_ < text_.size()) {
    char c = text_[pos_];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++pos_;
    } else if (c == '-' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '-') {
      size_t nl = text_.find('\n', pos_);
      pos_ = nl == std::string_view::npos ? text_.size() : nl + 1;
    } else if (c == '/' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '*') {
      // Comments do not nest (ENGINE.md §7.1): the first "*/" closes.
      size_t close = text_.find("*/", pos_ + 2);
      if (close == std::string_view::npos) {
        return SyntaxErrorAt(text_, pos_, "unterminated /* comment");
      }
      pos_ = close + 2;
    } else {
      break;
    }
  }
  return Status::OK();
}

Status Lexer::LexQuoted(Token* out, char quote) {
  // Scans '...' or "..." where a doubled quote stands for one. Values without escapes
  // are views into the text; only escaped ones are copied into the arena.
  size_t start = pos_;
  size_t i = pos_ + 1;
  bool escaped = false;
  for (;;) {
    size_t q = text_.find(quote, i);
    if (q == std::string_view::npos) {
      return SyntaxErrorAt(text_, start, quote == '\'' ? "unterminated string literal"
                                                       : "unterminated quoted identifier");
    }
    if (q + 1 < text_.size() && text_[q + 1] == quote) {
      escaped = true;
      i = q + 2;
      continue;
    }
    i = q;
    break;
  }
  std::string_view raw = text_.substr(start + 1, i - start - 1);
  pos_ = i + 1;
  if (!IsValidUtf8(raw)) {
    return SyntaxErrorAt(text_, start, quote == '\'' ? "invalid UTF-8 in string literal"
                                                     : "invalid UTF-8 in quoted identifier");
  }
  std::string_view value = raw;
  if (escaped) {
    char* buf = static_cast<char*>(arena_->Allocate(raw.size(), 1));
    size_t n = 0;
    for (size_t k = 0; k < raw.size(); ++k) {
      buf[n++] = raw[k];
      if (raw[k] == quote) ++k;  // skip the second quote of the pair
    }
    value = std::string_view(buf, n);
  }
  out->kind = quote == '\'' ? Tok::kString : Tok::kIdent;
  out->quoted = quote == '"';
  out->text = value;
  out->pos = static_cast<uint32_t>(start);
  out->len = static_cast<uint32_t>(pos_ - start);
  if (quote == '"') {
    if (value.empty()) return SyntaxErrorAt(text_, start, "zero-length quoted identifier");
    if (value.size() > kMaxIdentifierLength) {
      return SyntaxErrorAt(text_, start, "identifier longer than 255 bytes");
    }
  }
  return Status::OK();
}

Status Lexer::LexNumber(Token* out) {
  size_t start = pos_;
  size_t i = pos_;
  bool is_float = false;
  while (i < text_.size() && IsDigit(text_[i])) ++i;
  if (i < text_.size() && text_[i] == '.') {
    // "1..2" is not a number followed by ".2": reject the second dot below.
    is_float = true;
    ++i;
    while (i < text_.size() && IsDigit(text_[i])) ++i;
  }
  if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
    size_t j = i + 1;
    if (j < text_.size() && (text_[j] == '+' || text_[j] == '-')) ++j;
    if (j < text_.size() && IsDigit(text_[j])) {
      while (j < text_.size() && IsDigit(text_[j])) ++j;
      is_float = true;
      i = j;
    } else {
      return SyntaxErrorAt(text_, start, "malformed exponent in numeric literal");
    }
  }
  if (i < text_.size() && (IsIdentChar(text_[i]) || text_[i] == '.')) {
    return SyntaxErrorAt(text_, start, "trailing junk after numeric literal");
  }
  out->kind = is_float ? Tok::kFloat : Tok::kInteger;
  out->text = text_.substr(start, i - start);
  out->pos = static_cast<uint32_t>(start);
  out->len = static_cast<uint32_t>(i - start);
  pos_ = i;
  return Status::OK();
}

Status Lexer::LexBlob(Token* out) {
  size_t start = pos_;
  pos_ += 1;  // the X; LexQuoted starts at the quote
  Token str;
  DDB_RETURN_IF_ERROR(LexQuoted(&str, '\''));
  std::string_view hex = str.text;
  if (hex.size() % 2 != 0) {
    return SyntaxErrorAt(text_, start, "blob literal needs an even number of hex digits");
  }
  char* buf = static_cast<char*>(arena_->Allocate(hex.size() / 2 + 1, 1));
  for (size_t k = 0; k < hex.size(); k += 2) {
    int hi = HexValue(hex[k]), lo = HexValue(hex[k + 1]);
    if (hi < 0 || lo < 0) {
      return SyntaxErrorAt(text_, start + 2 + k + (hi < 0 ? 0 : 1), "invalid hex digit in blob literal");
    }
    buf[k / 2] = static_cast<char>(hi * 16 + lo);
  }
  out->kind = Tok::kBlob;
  out->text = std::string_view(buf, hex.size() / 2);
  out->pos = static_cast<uint32_t>(start);
  out->len = static_cast<uint32_t>(pos_ - start);
  return Status::OK();
}

Status Lexer::Next(Token* out) {
  *out = Token();
  DDB_RETURN_IF_ERROR(SkipSpaceAndComments());
  out->pos = static_cast<uint32_t>(pos_);
  if (pos_ >= text_.size()) {
    out->kind = Tok::kEnd;
    return Status::OK();
  }
  size_t start = pos_;
  unsigned char c = static_cast<unsigned char>(text_[pos_]);
  auto single = [&](Tok kind, size_t n) {
    out->kind = kind;
    out->len = static_cast<uint32_t>(n);
    out->text = text_.substr(start, n);
    pos_ += n;
    return Status::OK();
  };
  char next = pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0';
  if ((c == 'x' || c == 'X') && next == '\'') return LexBlob(out);
  if (IsIdentStart(c)) {
    size_t i = pos_ + 1;
    while (i < text_.size() && IsIdentChar(text_[i])) ++i;
    if (i - start > kMaxIdentifierLength) {
      return SyntaxErrorAt(text_, start, "identifier longer than 255 bytes");
    }
    out->kind = Tok::kIdent;
    out->text = text_.substr(start, i - start);
    out->kw = LookupKeyword(out->text);
    out->len = static_cast<uint32_t>(i - start);
    pos_ = i;
    return Status::OK();
  }
  if (IsDigit(c) || (c == '.' && IsDigit(static_cast<unsigned char>(next)))) return LexNumber(out);
  switch (c) {
    case '\'': return LexQuoted(out, '\'');
    case '"': return LexQuoted(out, '"');
    case '(': return single(Tok::kLParen, 1);
    case ')': return single(Tok::kRParen, 1);
    case ',': return single(Tok::kComma, 1);
    case ';': return single(Tok::kSemicolon, 1);
    case '.': return single(Tok::kDot, 1);
    case '+': return single(Tok::kPlus, 1);
    case '-': return single(Tok::kMinus, 1);
    case '*': return single(Tok::kStar, 1);
    case '/': return single(Tok::kSlash, 1);
    case '%': return single(Tok::kPercent, 1);
    case '=': return single(Tok::kEq, 1);
    case '|':
      if (next == '|') return single(Tok::kConcat, 2);
      break;
    case '!':
      if (next == '=') return single(Tok::kNe2, 2);
      break;
    case '<':
      if (next == '>') return single(Tok::kNe, 2);
      if (next == '=') return single(Tok::kLe, 2);
      return single(Tok::kLt, 1);
    case '>':
      if (next == '=') return single(Tok::kGe, 2);
      return single(Tok::kGt, 1);
    case ':':
      if (next == ':') return single(Tok::kCast, 2);
      if (IsIdentStart(static_cast<unsigned char>(next))) {
        return SyntaxErrorAt(text_, start, "named parameters are not accepted; use $1..$N parameters");
      }
      break;
    case '?':
      return SyntaxErrorAt(text_, start, "'?' parameters are not accepted; use $1..$N parameters");
    case '$': {
      size_t i = pos_ + 1;
      int64_t v = 0;
      bool overflow = false;
      while (i < text_.size() && IsDigit(text_[i])) {
        v = v * 10 + (text_[i] - '0');
        if (v > kMaxParameter) overflow = true, v = kMaxParameter + 1;
        ++i;
      }
      if (i == pos_ + 1) {
        return SyntaxErrorAt(text_, start, "'$' must be followed by a parameter number; use $1..$N parameters");
      }
      if (i < text_.size() && IsIdentChar(text_[i])) {
        return SyntaxErrorAt(text_, start, "trailing junk after parameter");
      }
      if (v == 0 || overflow) {
        return SyntaxErrorAt(text_, start, "parameter number out of range (must be $1..$65535)");
      }
      out->kind = Tok::kParam;
      out->param = v;
      out->text = text_.substr(start + 1, i - start - 1);
      out->len = static_cast<uint32_t>(i - start);
      pos_ = i;
      return Status::OK();
    }
    default:
      break;
  }
  std::string shown;
  if (c >= 0x20 && c < 0x7F) {
    shown = std::string("'") + static_cast<char>(c) + "'";
  } else {
    static const char kHex[] = "0123456789ABCDEF";
    shown = std::string("byte 0x") + kHex[c >> 4] + kHex[c & 15];
  }
  return SyntaxErrorAt(text_, start, "unexpected character " + shown);
}

}  // namespace sql
}  // namespace decentdb
