// Case mapping lookups over the generated tables (see unicode.h).
#include "util/unicode.h"

#include <algorithm>
#include <iterator>

#include "util/utf8.h"

namespace decentdb {
namespace {

struct CaseMapping {
  uint32_t from;
  uint32_t to;
};

#include "util/unicode_tables.inc"

template <size_t N>
uint32_t Lookup(const CaseMapping (&table)[N], uint32_t cp) {
  const CaseMapping* end = table + N;
  const CaseMapping* it = std::lower_bound(
      table, end, cp, [](const CaseMapping& m, uint32_t v) { return m.from < v; });
  return (it != end && it->from == cp) ? it->to : cp;
}

template <typename F>
std::string MapUtf8(const std::string& s, F map) {
  std::string out;
  out.reserve(s.size());
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) AppendUtf8(&out, map(DecodeUtf8(&p, end)));
  return out;
}

}  // namespace

uint32_t LowerCase(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return Lookup(kLowerTable, cp);
}

uint32_t UpperCase(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') ? cp - 32 : cp;
  return Lookup(kUpperTable, cp);
}

uint32_t FoldCase(uint32_t cp) {
  // Non-ASCII code points may fold into ASCII (U+212A KELVIN SIGN folds to 'k'); the table
  // covers them, so ASCII input needs no lookup.
  if (cp < 0x80) return (cp >= 'A' && cp <= 'Z') ? cp + 32 : cp;
  return Lookup(kFoldTable, cp);
}

std::string LowerUtf8(const std::string& s) { return MapUtf8(s, LowerCase); }
std::string UpperUtf8(const std::string& s) { return MapUtf8(s, UpperCase); }
std::string FoldUtf8(const std::string& s) { return MapUtf8(s, FoldCase); }

}  // namespace decentdb
