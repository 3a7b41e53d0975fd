// UTF-8 primitives: validation (shortest form, no surrogates, at most U+10FFFF), decoding one
// code point at a time, encoding, and counting code points. Used for TEXT checks at bind and
// parse time and by the string functions, LIKE and trigram extraction (ENGINE.md §7.4, §8.1).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace decentdb {

// True when [p, p+n) is well-formed UTF-8.
bool IsValidUtf8(const char* p, size_t n);

// Decodes the code point at *p (REQUIRES: p < end, input already validated, or the result for
// malformed input is U+FFFD consuming one byte). Advances *p past it.
inline uint32_t DecodeUtf8(const char** p, const char* end) {
  const unsigned char* s = reinterpret_cast<const unsigned char*>(*p);
  unsigned char c = s[0];
  if (c < 0x80) { *p += 1; return c; }
  size_t left = static_cast<size_t>(end - *p);
  if (c >= 0xC2 && c < 0xE0 && left >= 2) {
    *p += 2;
    return ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
  }
  if (c >= 0xE0 && c < 0xF0 && left >= 3) {
    *p += 3;
    return ((c & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
  }
  if (c >= 0xF0 && c < 0xF5 && left >= 4) {
    *p += 4;
    return ((c & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
  }
  *p += 1;
  return 0xFFFD;
}

// Appends the UTF-8 form of cp (REQUIRES: cp <= 0x10FFFF and not a surrogate).
void AppendUtf8(std::string* out, uint32_t cp);

// Number of code points in validated UTF-8.
size_t CountCodePoints(const char* p, size_t n);

}  // namespace decentdb
