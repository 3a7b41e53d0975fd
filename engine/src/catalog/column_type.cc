// Declared-type resolution (ENGINE.md §8.1): tokenizes the type text into words and an
// optional parenthesized modifier list, normalizes its spelling, and looks the name up in
// one table. Design: column_type.h.
#include "catalog/column_type.h"

#include <cctype>
#include <cstring>
#include <vector>

namespace decentdb {

const char* LogicalTypeName(LogicalType t) {
  switch (t) {
    case LogicalType::kNone: return "";
    case LogicalType::kTimestamp: return "TIMESTAMP";
    case LogicalType::kDate: return "DATE";
    case LogicalType::kTime: return "TIME";
    case LogicalType::kDecimal: return "DECIMAL";
    case LogicalType::kUuid: return "UUID";
  }
  return "";
}

ValueType StorageClassOf(LogicalType t) {
  switch (t) {
    case LogicalType::kNone: return ValueType::kNull;
    case LogicalType::kTimestamp:
    case LogicalType::kDate:
    case LogicalType::kTime: return ValueType::kInt64;
    case LogicalType::kDecimal: return ValueType::kText;
    case LogicalType::kUuid: return ValueType::kBlob;
  }
  return ValueType::kNull;
}

std::string SqlTypeName(const SqlType& t) {
  if (t.logical != LogicalType::kNone) {
    std::string s = LogicalTypeName(t.logical);
    if (t.logical == LogicalType::kDecimal && t.precision > 0) {
      s += "(" + std::to_string(t.precision) + "," + std::to_string(t.scale) + ")";
    }
    return s;
  }
  if (t.cls == ValueType::kNull) return "unknown";
  return ValueTypeName(t.cls);
}

namespace {

enum class Mods : uint8_t {
  kNone,       // no modifier allowed
  kOptLength,  // optional (n), n >= 1
  kFloatBits,  // optional (n), 1 <= n <= 53
  kFraction,   // optional (p), 0 <= p <= 6 (fractional seconds precision)
  kDecimal,    // optional (p) or (p,s)
};

struct TypeEntry {
  const char* name;  // upper case, single spaces
  ValueType cls;
  LogicalType logical;
  Mods mods;
};

// ENGINE.md §8.1. Multi-word names are matched after whitespace normalization; the
// time-zone suffix of TIME/TIMESTAMP may also follow the modifier ("TIMESTAMP(3) WITH
// TIME ZONE"), which Resolve handles by matching base words + suffix words.
const TypeEntry kTypes[] = {
    {"INTEGER", ValueType::kInt64, LogicalType::kNone, Mods::kOptLength},
    {"INT", ValueType::kInt64, LogicalType::kNone, Mods::kOptLength},
    {"INT2", ValueType::kInt64, LogicalType::kNone, Mods::kNone},
    {"INT4", ValueType::kInt64, LogicalType::kNone, Mods::kNone},
    {"INT8", ValueType::kInt64, LogicalType::kNone, Mods::kNone},
    {"BIGINT", ValueType::kInt64, LogicalType::kNone, Mods::kOptLength},
    {"SMALLINT", ValueType::kInt64, LogicalType::kNone, Mods::kOptLength},
    {"TINYINT", ValueType::kInt64, LogicalType::kNone, Mods::kOptLength},
    {"INT64", ValueType::kInt64, LogicalType::kNone, Mods::kNone},
    {"SERIAL", ValueType::kInt64, LogicalType::kNone, Mods::kNone},
    {"BIGSERIAL", ValueType::kInt64, LogicalType::kNone, Mods::kNone},
    {"REAL", ValueType::kFloat64, LogicalType::kNone, Mods::kNone},
    {"FLOAT4", ValueType::kFloat64, LogicalType::kNone, Mods::kNone},
    {"FLOAT", ValueType::kFloat64, LogicalType::kNone, Mods::kFloatBits},
    {"FLOAT8", ValueType::kFloat64, LogicalType::kNone, Mods::kNone},
    {"DOUBLE", ValueType::kFloat64, LogicalType::kNone, Mods::kNone},
    {"DOUBLE PRECISION", ValueType::kFloat64, LogicalType::kNone, Mods::kNone},
    {"FLOAT64", ValueType::kFloat64, LogicalType::kNone, Mods::kNone},
    {"TEXT", ValueType::kText, LogicalType::kNone, Mods::kNone},
    {"VARCHAR", ValueType::kText, LogicalType::kNone, Mods::kOptLength},
    {"CHARACTER VARYING", ValueType::kText, LogicalType::kNone, Mods::kOptLength},
    {"CHAR", ValueType::kText, LogicalType::kNone, Mods::kOptLength},
    {"CHARACTER", ValueType::kText, LogicalType::kNone, Mods::kOptLength},
    {"CLOB", ValueType::kText, LogicalType::kNone, Mods::kNone},
    {"JSON", ValueType::kText, LogicalType::kNone, Mods::kNone},
    {"JSONB", ValueType::kText, LogicalType::kNone, Mods::kNone},
    {"BLOB", ValueType::kBlob, LogicalType::kNone, Mods::kNone},
    {"BYTEA", ValueType::kBlob, LogicalType::kNone, Mods::kNone},
    {"BINARY", ValueType::kBlob, LogicalType::kNone, Mods::kOptLength},
    {"VARBINARY", ValueType::kBlob, LogicalType::kNone, Mods::kOptLength},
    {"BOOLEAN", ValueType::kBool, LogicalType::kNone, Mods::kNone},
    {"BOOL", ValueType::kBool, LogicalType::kNone, Mods::kNone},
    {"TIMESTAMP", ValueType::kInt64, LogicalType::kTimestamp, Mods::kFraction},
    {"TIMESTAMP WITH TIME ZONE", ValueType::kInt64, LogicalType::kTimestamp, Mods::kFraction},
    {"TIMESTAMP WITHOUT TIME ZONE", ValueType::kInt64, LogicalType::kTimestamp, Mods::kFraction},
    {"TIMESTAMPTZ", ValueType::kInt64, LogicalType::kTimestamp, Mods::kFraction},
    {"DATETIME", ValueType::kInt64, LogicalType::kTimestamp, Mods::kFraction},
    {"DATE", ValueType::kInt64, LogicalType::kDate, Mods::kNone},
    {"TIME", ValueType::kInt64, LogicalType::kTime, Mods::kFraction},
    {"TIME WITHOUT TIME ZONE", ValueType::kInt64, LogicalType::kTime, Mods::kFraction},
    {"DECIMAL", ValueType::kText, LogicalType::kDecimal, Mods::kDecimal},
    {"NUMERIC", ValueType::kText, LogicalType::kDecimal, Mods::kDecimal},
    {"UUID", ValueType::kBlob, LogicalType::kUuid, Mods::kNone},
};

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

Status UnknownType(std::string_view text) {
  return Status::Sql("type \"" + std::string(text) + "\" does not exist", "42704");
}

Status BadModifier(std::string_view text, const std::string& why) {
  return Status::Sql("invalid type modifier in \"" + std::string(text) + "\": " + why, "22023");
}

// The pieces of a type text: words before the modifier list, the modifiers, and words
// after it.
struct Pieces {
  std::vector<std::string> words;      // as written
  std::vector<std::string> suffix;     // as written, after ')'
  std::vector<int64_t> mods;
  bool has_mods = false;
};

Status Split(std::string_view text, Pieces* out) {
  size_t i = 0, n = text.size();
  bool after_mods = false;
  while (i < n) {
    char c = text[i];
    if (IsSpace(c)) {
      ++i;
      continue;
    }
    if (IsWordChar(c)) {
      size_t start = i;
      while (i < n && IsWordChar(text[i])) ++i;
      (after_mods ? out->suffix : out->words).emplace_back(text.substr(start, i - start));
      continue;
    }
    if (c == '(' && !out->has_mods && !out->words.empty()) {
      out->has_mods = true;
      ++i;
      for (;;) {
        while (i < n && IsSpace(text[i])) ++i;
        bool neg = false;
        if (i < n && (text[i] == '-' || text[i] == '+')) neg = text[i++] == '-';
        while (i < n && IsSpace(text[i])) ++i;
        if (i >= n || !std::isdigit(static_cast<unsigned char>(text[i]))) return UnknownType(text);
        int64_t v = 0;
        while (i < n && std::isdigit(static_cast<unsigned char>(text[i]))) {
          if (v < 1000000000) v = v * 10 + (text[i] - '0');
          ++i;
        }
        out->mods.push_back(neg ? -v : v);
        while (i < n && IsSpace(text[i])) ++i;
        if (i < n && text[i] == ',') {
          ++i;
          continue;
        }
        if (i < n && text[i] == ')') {
          ++i;
          break;
        }
        return UnknownType(text);
      }
      after_mods = true;
      continue;
    }
    return UnknownType(text);
  }
  if (out->words.empty()) return UnknownType(text);
  return Status::OK();
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::string Join(const std::vector<std::string>& words) {
  std::string s;
  for (const std::string& w : words) {
    if (!s.empty()) s.push_back(' ');
    s += w;
  }
  return s;
}

}  // namespace

Result<ColumnType> ResolveDeclaredType(std::string_view text) {
  Pieces p;
  DDB_RETURN_IF_ERROR(Split(text, &p));
  std::string base = Upper(Join(p.words));
  std::string full = base;
  if (!p.suffix.empty()) full += " " + Upper(Join(p.suffix));
  // A suffix is only the time-zone clause of TIME/TIMESTAMP(p).
  if (!p.suffix.empty() && base != "TIMESTAMP" && base != "TIME") return UnknownType(text);
  const TypeEntry* entry = nullptr;
  for (const TypeEntry& e : kTypes) {
    if (full == e.name) {
      entry = &e;
      break;
    }
  }
  if (entry == nullptr) return UnknownType(text);

  ColumnType out;
  out.declared = std::string(text);
  out.normalized = Join(p.words);
  if (p.has_mods) {
    out.normalized += "(";
    for (size_t i = 0; i < p.mods.size(); ++i) {
      if (i > 0) out.normalized += ",";
      out.normalized += std::to_string(p.mods[i]);
    }
    out.normalized += ")";
  }
  if (!p.suffix.empty()) out.normalized += " " + Join(p.suffix);
  out.type.cls = entry->cls;
  out.type.logical = entry->logical;

  if (p.has_mods) {
    size_t max_mods = entry->mods == Mods::kDecimal ? 2 : 1;
    if (entry->mods == Mods::kNone) return BadModifier(text, "type takes no modifier");
    if (p.mods.size() > max_mods) return BadModifier(text, "too many modifiers");
    int64_t m0 = p.mods[0];
    switch (entry->mods) {
      case Mods::kNone: break;
      case Mods::kOptLength:
        if (m0 < 1 || m0 > 1000000000) return BadModifier(text, "length must be at least 1");
        out.length = static_cast<int32_t>(m0);
        break;
      case Mods::kFloatBits:
        if (m0 < 1 || m0 > 53) return BadModifier(text, "precision must be between 1 and 53");
        out.length = static_cast<int32_t>(m0);
        break;
      case Mods::kFraction:
        if (m0 < 0 || m0 > 6) return BadModifier(text, "precision must be between 0 and 6");
        out.length = static_cast<int32_t>(m0);
        break;
      case Mods::kDecimal: {
        int64_t s = p.mods.size() > 1 ? p.mods[1] : 0;
        if (m0 < 1 || m0 > 38) return BadModifier(text, "precision must be between 1 and 38");
        if (s < 0 || s > m0) return BadModifier(text, "scale must be between 0 and the precision");
        out.type.precision = static_cast<int16_t>(m0);
        out.type.scale = static_cast<int16_t>(s);
        break;
      }
    }
  }
  return out;
}

bool IsRowidAliasEligible(const ColumnType& t) {
  return t.type.cls == ValueType::kInt64 && t.type.logical == LogicalType::kNone;
}

}  // namespace decentdb
